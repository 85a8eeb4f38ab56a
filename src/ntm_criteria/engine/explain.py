"""Readable accounts of evaluations, in English or Vietnamese.

Explanations are built from the structured results on demand, never stored, so an evaluation
costs nothing extra until somebody reads it.
"""

from __future__ import annotations

from ntm_criteria.engine.results import (
    Caveat,
    CaveatKind,
    CriterionResult,
    Evaluation,
    IndicatorResult,
    Status,
    VerdictBasis,
)
from ntm_criteria.model.criteria import Kind

LANGS = ("en", "vi")

STATUS_WORDS = {
    "en": {
        Status.MET: "met",
        Status.NOT_MET: "NOT MET",
        Status.UNKNOWN: "unknown",
        Status.NOT_APPLICABLE: "not applicable",
    },
    "vi": {
        Status.MET: "đạt",
        Status.NOT_MET: "CHƯA ĐẠT",
        Status.UNKNOWN: "chưa xác định",
        Status.NOT_APPLICABLE: "không áp dụng",
    },
}

_TEXT = {
    "en": {
        "head": "{commune}: {score} criteria met under {set} ({instrument}), zone {zone}, year {year}",
        "zone": "Levels applied: {reason}.",
        "unmet": "Not met: {ids}.",
        "unknown": "Unknown: {ids}.",
        "declared": " (declared)",
        "value": "value {value}",
        "novalue": "no value",
        "level": "required {op} {level}",
        "nolevel": "no level established",
        "margin": "margin {margin:+g}",
        "source": "source: {status}",
        "caveats": "What these verdicts rest on:",
    },
    "vi": {
        "head": "{commune}: đạt {score} tiêu chí theo {set} ({instrument}), vùng {zone}, năm {year}",
        "zone": "Mức áp dụng: {reason}.",
        "unmet": "Chưa đạt: {ids}.",
        "unknown": "Chưa xác định: {ids}.",
        "declared": " (theo báo cáo)",
        "value": "giá trị {value}",
        "novalue": "chưa có số liệu",
        "level": "yêu cầu {op} {level}",
        "nolevel": "chưa có mức quy định",
        "margin": "chênh lệch {margin:+g}",
        "source": "nguồn: {status}",
        "caveats": "Các lưu ý:",
    },
}

_OPS = {
    Kind.AT_LEAST: "≥",
    Kind.AT_MOST: "≤",
    Kind.NONE_ALLOWED: "=",
    Kind.ACHIEVED: "=",
    Kind.MIN_RATING: "≥",
}

_CAVEAT_VI = {
    CaveatKind.PROVISIONAL_THRESHOLD: "mức của chỉ tiêu {indicator} ({zone}) là tạm thời, chưa được xác minh",
    CaveatKind.UNSPECIFIED_THRESHOLD: "chưa có mức quy định cho chỉ tiêu {indicator} ({zone}{year})",
    CaveatKind.MISSING_VALUE: "chưa có số liệu cho chỉ tiêu {indicator}",
    CaveatKind.UNVERIFIED_DEFINITION: "nội dung chỉ tiêu {indicator} chưa được xác minh",
    CaveatKind.INCOMPLETE_INDICATOR_LIST: "danh sách chỉ tiêu của tiêu chí {criterion} chưa đầy đủ",
    CaveatKind.DECLARED: "tiêu chí {criterion} theo kết quả báo cáo, không theo số liệu đo",
    CaveatKind.DECLARATION_CONFLICT: "tiêu chí {criterion}: kết quả báo cáo mâu thuẫn với số liệu",
    CaveatKind.APPLICABILITY_UNKNOWN: "chưa rõ chỉ tiêu {indicator} có áp dụng hay không",
    CaveatKind.PROVISIONAL_RULE: "chỉ tiêu {indicator} không áp dụng theo một quy định tạm thời",
    CaveatKind.OVERRIDE_NOT_APPLIED: "quy định dùng mức của vùng khác chưa được xác lập cho bộ tiêu chí này",
    CaveatKind.OVERRIDE_APPLIED: "áp dụng mức của vùng {zone}",
    CaveatKind.MISSING_FACT: "thiếu thông tin: {note}",
}


def caveat_text(caveat: Caveat, lang: str = "en") -> str:
    """The caveat as one sentence in ``lang``."""
    _check(lang)
    if lang == "en":
        return caveat.message
    year = f", {caveat.year}" if caveat.year is not None else ""
    return _CAVEAT_VI[caveat.kind].format(
        indicator=caveat.indicator,
        zone=caveat.zone,
        year=year,
        criterion=caveat.criterion,
        note=caveat.note,
    )


def _check(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")


def _fmt(value: object) -> str:
    if value is True:
        return "Đạt"
    if value is False:
        return "Chưa đạt"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _indicator_line(r: IndicatorResult, lang: str, depth: int) -> list[str]:
    t = _TEXT[lang]
    name = r.indicator.name_en if lang == "en" else r.indicator.name_vi
    pad = "    " * depth
    head = f"{pad}{r.id} {name}: {STATUS_WORDS[lang][r.status]}"
    if r.parts:
        lines = [head]
        for p in r.parts:
            lines.extend(_indicator_line(p, lang, depth + 1))
        return lines
    bits = [t["value"].format(value=_fmt(r.value)) if r.value is not None else t["novalue"]]
    cell = r.threshold
    if cell is not None and cell.value is not None:
        bits.append(t["level"].format(op=_OPS.get(r.indicator.kind, ""), level=_fmt(cell.value)))
        bits.append(t["source"].format(status=cell.status.value))
    elif cell is not None and cell.applies:
        bits.append(t["nolevel"])
    if r.margin is not None:
        bits.append(t["margin"].format(margin=r.margin))
    return [f"{head} ({'; '.join(bits)})"]


def _criterion_lines(c: CriterionResult, lang: str) -> list[str]:
    name = c.criterion.name_en if lang == "en" else c.criterion.name_vi
    declared = _TEXT[lang]["declared"] if c.basis is VerdictBasis.DECLARED else ""
    lines = [f"  {c.id}. {name}: {STATUS_WORDS[lang][c.status]}{declared}"]
    for r in c.indicators:
        lines.extend(_indicator_line(r, lang, 2))
    return lines


def explain_evaluation(e: Evaluation, lang: str = "en") -> str:
    """The whole evaluation as text: headline, every criterion and indicator, the caveats."""
    _check(lang)
    t = _TEXT[lang]
    s = e.criteria_set
    lines = [
        t["head"].format(
            commune=e.assessment.commune.name,
            score=e.score,
            set=s.id,
            instrument=s.instrument,
            zone=e.zone,
            year=e.year,
        ),
        t["zone"].format(reason=e.zone_reason),
    ]
    if e.unmet_criteria:
        lines.append(t["unmet"].format(ids=", ".join(map(str, e.unmet_criteria))))
    if e.unknown_criteria:
        lines.append(t["unknown"].format(ids=", ".join(map(str, e.unknown_criteria))))
    for c in e.criteria:
        lines.extend(_criterion_lines(c, lang))
    caveats = [cv for cv in e.all_caveats() if cv.kind is not CaveatKind.UNVERIFIED_DEFINITION]
    if caveats:
        lines.append(t["caveats"])
        lines.extend(f"  - {caveat_text(cv, lang)}" for cv in caveats)
    return "\n".join(lines)
