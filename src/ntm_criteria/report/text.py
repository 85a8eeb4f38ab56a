"""Readable accounts of evaluations and decisions, in English or Vietnamese.

Explanations are built from the structured results on demand, never stored, so an evaluation
costs nothing extra until somebody reads it.
"""

from __future__ import annotations

from ntm_criteria.certification import Decision
from ntm_criteria.engine.results import (
    Caveat,
    CaveatKind,
    CriterionResult,
    Evaluation,
    IndicatorResult,
    Status,
    VerdictBasis,
)
from ntm_criteria.model.indicators import Kind

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

_TEXT: dict[str, dict[str, str]] = {
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
        "layer": "from layer {layer}",
        "caveats": "What these verdicts rest on:",
        "own_zone": "the {zone} column, the commune's own",
        "wording": "Indicator wording not verified in the legal text: {ids}.",
        "decision": "{commune}: {outcome} under {instrument} ({set})",
        "missing": "Missing inputs, most blocking first:",
        "rests": "This decision rests on {n} provisional figure(s) or declaration(s).",
        "sources": "sources: {urls}",
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
        "layer": "theo {layer}",
        "caveats": "Các lưu ý:",
        "own_zone": "cột {zone}, vùng của xã",
        "wording": "Nội dung chỉ tiêu chưa được xác minh theo văn bản: {ids}.",
        "decision": "{commune}: {outcome} theo {instrument} ({set})",
        "missing": "Thông tin còn thiếu (quan trọng nhất trước):",
        "rests": "Quyết định dựa trên {n} mức tạm thời hoặc kết quả báo cáo.",
        "sources": "nguồn: {urls}",
    },
}

_OUTCOMES = {
    "en": {
        "certified": "CERTIFIED",
        "not_certified": "NOT CERTIFIED",
        "indeterminate": "INDETERMINATE",
    },
    "vi": {
        "certified": "ĐẠT CHUẨN",
        "not_certified": "CHƯA ĐẠT CHUẨN",
        "indeterminate": "CHƯA ĐỦ CĂN CỨ",
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
    CaveatKind.WHAT_IF: "mức của chỉ tiêu {indicator} ({zone}{year}) là mức giả định: {note}",
    CaveatKind.MEASUREMENT_STANDARD: "chỉ tiêu {indicator}: số liệu không đo theo chuẩn áp dụng",
    CaveatKind.SET_RULE: "quy định của bộ tiêu chí: {note}",
    CaveatKind.OUT_OF_PERIOD: "nghiên cứu hồi cứu, ngoài thời gian áp dụng của bộ tiêu chí",
    CaveatKind.CONDITION_REMOVED: "một điều kiện công nhận được bỏ theo lớp của tỉnh",
}


def caveat_text(caveat: Caveat, lang: str = "en") -> str:
    """The caveat as one sentence in ``lang``."""
    _check(lang)
    if lang == "en":
        return caveat.message
    if caveat.message_vi is not None:
        return caveat.message_vi
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
        if cell.layer:
            bits.append(t["layer"].format(layer=cell.layer))
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
        t["zone"].format(reason=_zone_reason(e, lang)),
    ]
    if e.unmet_criteria:
        lines.append(t["unmet"].format(ids=", ".join(map(str, e.unmet_criteria))))
    if e.unknown_criteria:
        lines.append(t["unknown"].format(ids=", ".join(map(str, e.unknown_criteria))))
    for c in e.criteria:
        lines.extend(_criterion_lines(c, lang))
    everything = e.all_caveats()
    caveats = [cv for cv in everything if cv.kind is not CaveatKind.UNVERIFIED_DEFINITION]
    if caveats:
        lines.append(t["caveats"])
        lines.extend(_caveat_line(cv, lang) for cv in caveats)
    wording = [cv.indicator for cv in everything if cv.kind is CaveatKind.UNVERIFIED_DEFINITION]
    if wording:
        lines.append(t["wording"].format(ids=", ".join(dict.fromkeys(str(i) for i in wording))))
    return "\n".join(lines)


def _caveat_line(cv: Caveat, lang: str) -> str:
    """A caveat as an item of the explanation, with the sources of the figure it names."""
    shown = (CaveatKind.PROVISIONAL_THRESHOLD, CaveatKind.SET_RULE, CaveatKind.PROVISIONAL_RULE)
    sources = ""
    if cv.source and cv.kind in shown:
        sources = f" ({_TEXT[lang]['sources'].format(urls=', '.join(cv.source))})"
    return f"  - {caveat_text(cv, lang)}{sources}"


def _zone_reason(e: Evaluation, lang: str) -> str:
    applied = [cv for cv in e.caveats if cv.kind is CaveatKind.OVERRIDE_APPLIED]
    if applied:
        return caveat_text(applied[-1], lang)
    return _TEXT[lang]["own_zone"].format(zone=e.zone)


_QUALIFIERS = {
    "en": {
        "hypothetical": "hypothetical (what-if)",
        "retrospective": "retrospective study",
        "provisional": "{n} provisional figure(s)",
        "declared": "{n} declared criterion/criteria",
    },
    "vi": {
        "hypothetical": "giả định",
        "retrospective": "nghiên cứu hồi cứu",
        "provisional": "{n} mức tạm thời",
        "declared": "{n} tiêu chí theo báo cáo",
    },
}


def outcome_label(d: Decision, lang: str = "en") -> str:
    """The outcome as a word; a hypothetical one always says so, and CERTIFIED is never bare
    when it rests on provisional figures or declarations:
    ``CERTIFIED (hypothetical (what-if); 3 provisional figure(s))``."""
    _check(lang)
    q = _QUALIFIERS[lang]
    bits = []
    if d.what_if_cells:
        bits.append(q["hypothetical"])
    if any(c.kind is CaveatKind.OUT_OF_PERIOD for c in d.caveats):
        bits.append(q["retrospective"])
    if d.certified and d.provisional_figures:
        bits.append(q["provisional"].format(n=d.provisional_figures))
    if d.certified and d.declared_criteria:
        bits.append(q["declared"].format(n=d.declared_criteria))
    word = _OUTCOMES[lang][d.outcome.value]
    return f"{word} ({'; '.join(bits)})" if bits else word


def explain_decision(d: Decision, lang: str = "en") -> str:
    """A certification decision as text."""
    _check(lang)
    t = _TEXT[lang]
    e = d.evaluation
    lines = [
        t["decision"].format(
            commune=e.assessment.commune.name,
            outcome=outcome_label(d, lang),
            instrument=e.criteria_set.recognition.instrument,
            set=e.criteria_set.id,
        )
    ]
    for r in d.conditions:
        lines.append(f"  - {r.condition.id}: {STATUS_WORDS[lang][r.status]} ({r.detail})")
    if d.missing_inputs:
        lines.append(t["missing"])
        for m in d.missing_inputs:
            lines.append(f"  - {m.what} {m.id}: {', '.join(m.blocks)}")
    resting = [
        c
        for c in d.caveats
        if c.kind
        in (CaveatKind.PROVISIONAL_THRESHOLD, CaveatKind.DECLARED, CaveatKind.PROVISIONAL_RULE)
    ]
    if resting:
        lines.append(t["rests"].format(n=len(resting)))
    return "\n".join(lines)


def explain(result: Evaluation | Decision, lang: str = "en") -> str:
    """A readable account of ``result`` in English (``"en"``) or Vietnamese (``"vi"``).

    An evaluation: every verdict with its value, threshold and source. A decision: the
    outcome, each condition, the missing inputs and what it rests on.

    Raises:
        ValueError: ``lang`` is not ``"en"`` or ``"vi"``.
        TypeError: ``result`` is neither.
    """
    if isinstance(result, Decision):
        return explain_decision(result, lang)
    if isinstance(result, Evaluation):
        return explain_evaluation(result, lang)
    raise TypeError(f"expected an Evaluation or a Decision, got {type(result).__name__}")
