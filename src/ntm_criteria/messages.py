"""Every word the library says to a user, in English and Vietnamese, from one catalogue.

A message is a key of :data:`CATALOGUE` and its fields; :func:`say` renders it in a language,
and a :class:`Message` keeps the key and fields so that a result can be shown later in either
language. Numbers in fields follow the language's separators (``1,234.5`` in English,
``1.234,5`` in Vietnamese); yes/no values read Đạt / Chưa đạt. Names (communes, criteria),
ids (15.1, commune-2016-2020) and sources are data, not words of the catalogue, and pass as
they are.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from attrs import frozen

LANGS = ("en", "vi")

#: key -> (English, Vietnamese). Placeholders are ``{name}``; a number placeholder may carry a
#: format (``{n:+g}``).
CATALOGUE: dict[str, tuple[str, str]] = {
    # statuses, outcomes, evidence
    "status.met": ("met", "đạt"),
    "status.not_met": ("NOT MET", "CHƯA ĐẠT"),
    "status.unknown": ("unknown", "chưa xác định"),
    "status.not_applicable": ("not applicable", "không áp dụng"),
    "outcome.certified": ("CERTIFIED", "ĐẠT CHUẨN"),
    "outcome.not_certified": ("NOT CERTIFIED", "CHƯA ĐẠT CHUẨN"),
    "outcome.indeterminate": ("INDETERMINATE", "CHƯA ĐỦ CĂN CỨ"),
    "evidence.verified": ("verified", "đã xác minh"),
    "evidence.provisional": ("provisional", "tạm thời"),
    "evidence.unspecified": ("unspecified", "chưa xác định"),
    "basis.legal_text": ("legal text", "văn bản pháp luật"),
    "basis.independent_sources": ("independent sources", "nhiều nguồn độc lập"),
    "basis.single_source": ("single source", "một nguồn"),
    "basis.provincial_restatement": ("provincial restatement", "tỉnh quy định lại"),
    "basis.inference": ("inference", "suy luận"),
    "basis.conflict": ("conflicting sources", "các nguồn mâu thuẫn"),
    "yes": ("yes", "có"),
    "no": ("no", "không"),
    "achieved": ("Đạt", "Đạt"),
    "not_achieved": ("Chưa đạt", "Chưa đạt"),
    "explain.any": ("{value}", "{value}"),
    # outcome qualifiers
    "qualifier.hypothetical": ("hypothetical (what-if)", "giả định"),
    "qualifier.retrospective": ("retrospective study", "nghiên cứu hồi cứu"),
    "qualifier.provisional": ("{n} provisional figure(s)", "{n} mức tạm thời"),
    "qualifier.declared": ("{n} declared criterion/criteria", "{n} tiêu chí theo báo cáo"),
    # the explanation of an evaluation
    "explain.head": (
        "{commune}: {score} criteria met under {set} ({instrument}), zone {zone}, year {year}",
        "{commune}: đạt {score} tiêu chí theo {set} ({instrument}), vùng {zone}, năm {year}",
    ),
    "explain.zone": ("Levels applied: {reason}.", "Mức áp dụng: {reason}."),
    "explain.unmet": ("Not met: {ids}.", "Chưa đạt: {ids}."),
    "explain.unknown": ("Unknown: {ids}.", "Chưa xác định: {ids}."),
    "explain.declared": (" (declared)", " (theo báo cáo)"),
    "explain.value": ("value {value}", "giá trị {value}"),
    "explain.novalue": ("no value", "chưa có số liệu"),
    "explain.level": ("required {op} {level}", "yêu cầu {op} {level}"),
    "explain.nolevel": ("no level established", "chưa có mức quy định"),
    "explain.margin": ("margin {margin:+g}", "chênh lệch {margin:+g}"),
    "explain.source": ("{status} level", "mức {status}"),
    "explain.layer": ("from layer {layer}", "theo lớp {layer}"),
    "explain.caveats": ("What these verdicts rest on:", "Các lưu ý:"),
    "explain.own_zone": ("the {zone} column, the commune's own", "cột {zone}, vùng của xã"),
    "explain.wording": (
        "Indicator wording not verified in the legal text: {ids}.",
        "Nội dung chỉ tiêu chưa được xác minh theo văn bản: {ids}.",
    ),
    "explain.sources": ("sources: {urls}", "nguồn: {urls}"),
    "explain.decision": (
        "{commune}: {outcome} under {instrument} ({set})",
        "{commune}: {outcome} theo {instrument} ({set})",
    ),
    "explain.missing": (
        "Missing inputs, most blocking first:",
        "Thông tin còn thiếu (quan trọng nhất trước):",
    ),
    "explain.rests": (
        "This decision rests on {n} provisional figure(s) or declaration(s).",
        "Quyết định dựa trên {n} mức tạm thời hoặc kết quả báo cáo.",
    ),
    # caveats: the English is the caveat's own message; the Vietnamese is said here (a caveat
    # with its own Vietnamese wording, message_vi, uses that)
    "caveat.provisional_threshold": (
        "{message}",
        "mức của chỉ tiêu {indicator} ({zone}) là tạm thời, chưa được xác minh",
    ),
    "caveat.unspecified_threshold": (
        "{message}",
        "chưa có mức quy định cho chỉ tiêu {indicator} ({zone}{year})",
    ),
    "caveat.missing_value": ("{message}", "chưa có số liệu cho chỉ tiêu {indicator}"),
    "caveat.unverified_definition": (
        "{message}",
        "nội dung chỉ tiêu {indicator} chưa được xác minh",
    ),
    "caveat.incomplete_indicator_list": (
        "{message}",
        "danh sách chỉ tiêu của tiêu chí {criterion} chưa đầy đủ",
    ),
    "caveat.declared": (
        "{message}",
        "tiêu chí {criterion} theo kết quả báo cáo, không theo số liệu đo",
    ),
    "caveat.declaration_conflict": (
        "{message}",
        "tiêu chí {criterion}: kết quả báo cáo mâu thuẫn với số liệu",
    ),
    "caveat.applicability_unknown": (
        "{message}",
        "chưa rõ chỉ tiêu {indicator} có áp dụng hay không",
    ),
    "caveat.provisional_rule": (
        "{message}",
        "chỉ tiêu {indicator} không áp dụng theo một quy định tạm thời",
    ),
    "caveat.override_not_applied": (
        "{message}",
        "quy định dùng mức của vùng khác chưa được xác lập cho bộ tiêu chí này",
    ),
    "caveat.override_applied": ("{message}", "áp dụng mức của vùng {zone}"),
    "caveat.missing_fact": ("{message}", "thiếu thông tin: {note}"),
    "caveat.what_if": (
        "{message}",
        "mức của chỉ tiêu {indicator} ({zone}{year}) là mức giả định: {note}",
    ),
    "caveat.measurement_standard": (
        "{message}",
        "chỉ tiêu {indicator}: số liệu không đo theo chuẩn áp dụng",
    ),
    "caveat.set_rule": ("{message}", "quy định của bộ tiêu chí: {note}"),
    "caveat.out_of_period": (
        "{message}",
        "nghiên cứu hồi cứu, ngoài thời gian áp dụng của bộ tiêu chí",
    ),
    "caveat.condition_removed": ("{message}", "một điều kiện công nhận được bỏ theo lớp của tỉnh"),
    # recognition conditions
    "condition.criteria_not_met": ("criteria not met: {ids}", "tiêu chí chưa đạt: {ids}"),
    "condition.criteria_unknown": ("criteria unknown: {ids}", "tiêu chí chưa xác định: {ids}"),
    "condition.all_met": (
        "all {n} applicable criteria met",
        "đạt tất cả {n} tiêu chí áp dụng",
    ),
    "condition.fact_missing": ("fact '{fact}' not given", "chưa có thông tin '{fact}'"),
    "condition.fact_missing_unset": (
        "fact '{fact}' not given (the condition itself is not established)",
        "chưa có thông tin '{fact}' (bản thân điều kiện chưa được xác lập)",
    ),
    "condition.fact_equals": (
        "{fact} = {value} (required {required})",
        "{fact} = {value} (yêu cầu {required})",
    ),
    "condition.verdict_given": ("{fact} given as {value}", "{fact} được cho là {value}"),
    "condition.level_unset": (
        "{fact} = {value}, but {what} is not established; give the verdict as true/false, or a "
        "layer that sets the level",
        "{fact} = {value}, nhưng {what} chưa được xác lập; hãy cho kết luận đúng/sai, hoặc dùng "
        "lớp của tỉnh quy định mức",
    ),
    "condition.at_least": (
        "{fact} = {value} (required at least {level}: {what})",
        "{fact} = {value} (yêu cầu tối thiểu {level}: {what})",
    ),
    "condition.required_level": ("the required level", "mức yêu cầu"),
    "condition.factor": (
        "{factor} x the level of indicator {indicator}",
        "{factor} lần mức của chỉ tiêu {indicator}",
    ),
    "condition.factor_unlisted": (
        "{factor} x the level of indicator {indicator} ({set} lists no such indicator)",
        "{factor} lần mức của chỉ tiêu {indicator} ({set} không có chỉ tiêu này)",
    ),
    "condition.factor_zone": (
        "{factor} x the level of indicator {indicator} in {zone}",
        "{factor} lần mức của chỉ tiêu {indicator} ở vùng {zone}",
    ),
    "condition.prior": ("{set}: {outcome}", "{set}: {outcome}"),
    "condition.no_prior": (
        "no decision on tier '{tier}' given, nor the fact '{fact}'",
        "chưa có quyết định công nhận hạng '{tier}', cũng chưa có thông tin '{fact}'",
    ),
    "condition.recognised": ("{fact} = {value}", "{fact} = {value}"),
    "missing.value": ("value", "số liệu"),
    "missing.threshold": ("level", "mức quy định"),
    "missing.applicability": ("applicability", "phạm vi áp dụng"),
    "missing.declaration": ("declaration", "kết quả báo cáo"),
    "missing.fact": ("fact", "thông tin"),
    "target.condition": ("condition {condition}", "điều kiện {condition}"),
    # gaps and plans
    "gap.declared": (
        "criterion {criterion} declared not met",
        "tiêu chí {criterion} chưa đạt (theo báo cáo)",
    ),
    "gap.unknown_criterion": (
        "criterion {criterion} not known",
        "tiêu chí {criterion} chưa xác định",
    ),
    "gap.no_level": (
        "unknown: no level is established for it here",
        "chưa xác định: chưa có mức quy định ở đây",
    ),
    "gap.no_value": ("unknown: its value is not known", "chưa xác định: chưa có số liệu"),
    "gap.applies_unknown": (
        "unknown: whether it applies is not known",
        "chưa xác định: chưa rõ có áp dụng không",
    ),
    "gap.criterion_status": ("criterion {criterion}: {status}", "tiêu chí {criterion}: {status}"),
    "gap.achieve": ("to achieve (Đạt)", "cần đạt"),
    "gap.rating": ("rating {value} to raise to {level}", "xếp loại {value} cần nâng lên {level}"),
    "gap.raise": (
        "{value} against {level}: {amount} {unit} to raise",
        "{value} so với {level}: cần tăng {amount} {unit}",
    ),
    "gap.lower": (
        "{value} against {level}: {amount} {unit} to lower",
        "{value} so với {level}: cần giảm {amount} {unit}",
    ),
    "gap.remove": (
        "{value} against {level}: {amount} {unit} to remove",
        "{value} so với {level}: cần xóa {amount} {unit}",
    ),
    "gap.close": (
        "{value} against {level}: {amount} {unit} to close",
        "{value} so với {level}: còn thiếu {amount} {unit}",
    ),
    "list": ("{items}", "{items}"),
    "list.comma": ("{items}", "{items}"),
    "solver.branch and bound": ("branch and bound", "nhánh và cận"),
    "solver.HiGHS": ("HiGHS", "HiGHS"),
    "solver.branch and bound, stopped at its search limit": (
        "branch and bound, stopped at its search limit",
        "nhánh và cận, dừng ở giới hạn tìm kiếm",
    ),
    "target.criterion": ("criterion {criterion}", "tiêu chí {criterion}"),
    "strategyname.least_cost": ("least cost", "chi phí thấp nhất"),
    "strategyname.earliest": ("earliest", "sớm nhất"),
    "strategyname.weighted": ("weighted", "theo trọng số"),
    "strategy.least_cost": (
        "the cheapest way that meets the deadline",
        "cách ít tốn kém nhất mà vẫn kịp thời hạn",
    ),
    "strategy.earliest": ("the way that certifies earliest", "cách đạt chuẩn sớm nhất"),
    "strategy.weighted": (
        "the way that serves the weighted priorities",
        "cách phù hợp nhất với các ưu tiên đã đặt",
    ),
    "why.option": (
        "option {n} of {of} ({years} year(s)): {label}",
        "phương án {n}/{of} ({years} năm): {label}",
    ),
    "why.after": ("after {names}", "sau {names}"),
    "why.delayed": (
        "starts in {start}, not {ready}: the {ready} budget ({budget}) goes to other actions",
        "bắt đầu năm {start}, không phải {ready}: ngân sách năm {ready} ({budget}) dành cho việc khác",
    ),
    "shortfall.money": ("{money} more each year", "thêm {money} mỗi năm"),
    "shortfall.years": ("{years} more year(s)", "thêm {years} năm"),
    "shortfall.feasible_with": ("feasible with {options}", "khả thi nếu có {options}"),
    "shortfall.either": ("{a} or {b}", "{a} hoặc {b}"),
    "shortfall.none": (
        "no extra budget or time within reach makes it feasible",
        "không có thêm ngân sách hay thời gian nào trong tầm tay làm cho kế hoạch khả thi",
    ),
    "note.neutral": (
        "neutral cost model: every gap costs 1 work unit and takes 1 year",
        "mô hình chi phí trung tính: mỗi việc còn thiếu tính 1 đơn vị công việc và 1 năm",
    ),
    "note.declared": (
        "criteria planned from declarations only (no measured gap): {ids}",
        "tiêu chí lập kế hoạch chỉ theo kết quả báo cáo (không có số liệu đo): {ids}",
    ),
    "note.unknown": (
        "unknown indicators planned as gaps to close (supply values or levels): {ids}",
        "chỉ tiêu chưa xác định được tính là việc cần làm (hãy bổ sung số liệu hoặc mức): {ids}",
    ),
    "note.provisional": ("levels that are provisional: {ids}", "mức tạm thời: {ids}"),
    "note.facts": (
        "recognition facts still to confirm: {facts}",
        "thông tin công nhận cần xác nhận: {facts}",
    ),
    "plan.head": (
        "{commune}: {score} criteria met; plan {strategy}, {start}-{deadline}",
        "{commune}: đạt {score} tiêu chí; kế hoạch {strategy}, {start}-{deadline}",
    ),
    "plan.certifiable": (
        "  certifiable at the end of {year}; total {total}; slow criteria: {slow}",
        "  có thể đạt chuẩn cuối năm {year}; tổng {total}; tiêu chí cần nhiều thời gian: {slow}",
    ),
    "plan.infeasible": (
        "  NOT FEASIBLE by the deadline within the budget",
        "  KHÔNG KHẢ THI trong thời hạn với ngân sách này",
    ),
    "plan.unproven": (
        "  the best plan found within the search limit, not proven optimal",
        "  kế hoạch tốt nhất tìm được trong giới hạn tìm kiếm, chưa chứng minh là tối ưu",
    ),
    "plan.unproven_infeasible": (
        "  no plan found within the search limit; not proven impossible",
        "  chưa tìm được kế hoạch trong giới hạn tìm kiếm; chưa chứng minh là không thể",
    ),
    "plan.action": (
        "  {start}-{finish}  {target}: {money}: {why}",
        "  {start}-{finish}  {target}: {money}: {why}",
    ),
    "plan.year": ("  {year}: {money}", "  {year}: {money}"),
    "plan.note": ("  note: {note}", "  ghi chú: {note}"),
    "district.target": (
        "Target: {target} certified communes by {deadline} ({certified} already certified: {names})",
        "Mục tiêu: {target} xã đạt chuẩn đến năm {deadline} ({certified} xã đã đạt chuẩn: {names})",
    ),
    "district.plan": (
        "Plan: {n} more commune(s), total {total} ({proof})",
        "Kế hoạch: thêm {n} xã, tổng {total} ({proof})",
    ),
    "district.proven": ("proven optimal ({solver})", "đã chứng minh là tối ưu ({solver})"),
    "district.unproven": (
        "best found, not proven optimal",
        "tốt nhất tìm được, chưa chứng minh tối ưu",
    ),
    "district.no_plan": (
        "NO PLAN FOUND, and none proven impossible: the search stopped at its limit ({solver}); "
        "install the '{extra}' extra to solve it exactly",
        "CHƯA TÌM ĐƯỢC KẾ HOẠCH, cũng chưa chứng minh là không thể: việc tìm kiếm dừng ở giới hạn "
        "({solver}); cài gói tùy chọn '{extra}' để giải chính xác",
    ),
    "district.unreachable": (
        "NOT REACHABLE: at most {n} communes by {deadline} within these budgets",
        "KHÔNG THỂ ĐẠT: tối đa {n} xã đến năm {deadline} với ngân sách này",
    ),
    "district.budget_needed": (
        "The target needs a yearly budget of {money}",
        "Mục tiêu cần ngân sách mỗi năm {money}",
    ),
    "district.commune": (
        "- {commune} ({score}): certifiable {year}, {total}; slow criteria {slow}",
        "- {commune} ({score}): đạt chuẩn năm {year}, {total}; tiêu chí cần nhiều thời gian: {slow}",
    ),
    "district.action": (
        "    {start}-{finish} {target}: {money} - {why}",
        "    {start}-{finish} {target}: {money} - {why}",
    ),
    "district.upkeep": (
        "- upkeep {commune} criterion {criterion}: {money} a year ({why})",
        "- duy trì {commune} tiêu chí {criterion}: {money} mỗi năm ({why})",
    ),
    "district.upkeep_why": (
        "upkeep of a criterion at risk",
        "duy trì tiêu chí có nguy cơ không đạt",
    ),
    "district.cannot_close": (
        "cannot close its {n} gap(s) by {deadline}, whatever the budget",
        "không thể giải quyết {n} việc còn thiếu đến năm {deadline}, dù ngân sách bao nhiêu",
    ),
    "district.excluded": (
        "- not planned: {commune}: {why}",
        "- không lập kế hoạch: {commune}: {why}",
    ),
    "district.year": ("  {year}: {money} of {budget}", "  {year}: {money} trên {budget}"),
    # units of indicators
    "unitname.percent": (" percentage points", " điểm phần trăm"),
    "unitname.million_vnd_per_person_per_year": (
        " million VND per person per year",
        " triệu đồng/người/năm",
    ),
    "unitname.percent_per_year": (" percentage points a year", " điểm phần trăm mỗi năm"),
    "unitname.count": ("", ""),
    "unitname.flag": ("", ""),
    "unitname.rating": ("", ""),
    "unitname.level": (" level(s)", " bậc"),
    # units (money is written with its unit once: "4 million VND", "1 work unit")
    "unit.million VND": ("million VND", "triệu đồng"),
    "unit.work unit": ("work unit", "đơn vị công việc"),
    "unit.work units": ("work units", "đơn vị công việc"),
    # the command line's table and roll-up
    "cli.row": (
        "{commune:20} {score:>6}  not met: {unmet:24} unknown: {unknown:12} {outcome}",
        "{commune:20} {score:>6}  chưa đạt: {unmet:24} chưa xác định: {unknown:12} {outcome}",
    ),
    "cli.rollup": (
        "{set}: {certified}/{communes} certified ({share}), average {average} criteria met per commune",
        "{set}: {certified}/{communes} xã đạt chuẩn ({share}), bình quân {average} tiêu chí đạt mỗi xã",
    ),
    "cli.failing": (
        "  criterion {criterion:>2} {name:40} not met in {n} commune(s)",
        "  tiêu chí {criterion:>2} {name:40} chưa đạt ở {n} xã",
    ),
    # the HTML report
    "report.title": ("New rural development (NTM) report", "Báo cáo xây dựng nông thôn mới"),
    "report.generated": ("Data as of {date}; {sets}", "Số liệu đến ngày {date}; {sets}"),
    "report.summary": ("Summary", "Tổng hợp"),
    "report.communes": ("communes", "xã"),
    "report.certified": ("certified", "đạt chuẩn"),
    "report.average": ("average criteria met", "bình quân số tiêu chí đạt"),
    "report.grid": ("Communes by criteria", "Các xã theo tiêu chí"),
    "report.commune": ("Commune", "Xã"),
    "report.district": ("District", "Huyện"),
    "report.province": ("Province", "Tỉnh"),
    "report.met": ("Met", "Đạt"),
    "report.decision": ("Decision", "Kết quả"),
    "report.failing": ("Criteria most often not met", "Các tiêu chí chưa đạt nhiều nhất"),
    "report.not_met_in": ("not met in {n} commune(s)", "chưa đạt ở {n} xã"),
    "report.explanations": ("Explanations", "Giải thích"),
    "report.explanation": ("Explanation", "Giải thích"),
    "report.plan": ("Plan", "Kế hoạch"),
    "report.action": ("Action", "Việc cần làm"),
    "report.years": ("Years", "Năm"),
    "report.cost": ("Cost", "Kinh phí"),
    "report.why": ("Why", "Lý do"),
    "report.legend_provisional": ("* rests on a provisional level", "* dựa trên mức tạm thời"),
    "report.legend_declared": ("ᵈ declared", "ᵈ theo báo cáo"),
    "report.conflict": (
        "the declaration and the measured values disagree",
        "kết quả báo cáo mâu thuẫn với số liệu đo",
    ),
    "report.no_communes": ("No communes.", "Không có xã nào."),
}


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> Any:
        if isinstance(value, Money):
            return format(money(value.amount, value.unit, self.lang), format_spec)
        if value is True or value is False:
            return format(say("yes" if value else "no", self.lang), format_spec)
        if isinstance(value, int | float | Decimal):
            return number(value, self.lang, format_spec)
        return super().format_field(value, format_spec)


def number(value: int | float | Decimal, lang: str = "en", spec: str = "") -> str:
    """A number in ``lang``'s separators: ``12,345.5`` in English, ``12.345,5`` in Vietnamese.

    Thousands are grouped from 10 000 up, so that years (2019) stay as they are written.

    >>> number(12345.5, "vi"), number(12345.5), number(Decimal("4.80"), "vi"), number(2019, "vi")
    ('12.345,5', '12,345.5', '4,8', '2019')
    """
    if spec:
        text = format(value, spec)
    elif isinstance(value, Decimal):
        text = format(value.normalize(), "f") if value != 0 else "0"
    elif isinstance(value, float):
        text = format(value, ".15g")
    else:
        text = str(value)
    sign = text[0] if text[:1] in "+-" else ""
    whole, dot, fraction = text[len(sign) :].partition(".")
    if whole.isdigit() and len(whole) > 4:
        whole = f"{int(whole):,}"
    if lang == "vi":
        whole, dot = whole.replace(",", "."), "," if dot else ""
    return f"{sign}{whole}{dot}{fraction}"


def say(key: str, lang: str = "en", **fields: object) -> str:
    """The message ``key`` in ``lang`` with ``fields`` filled in.

    Raises:
        ValueError: an unknown language.
        KeyError: an unknown key (a bug of the library, never of the user).
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")
    template = CATALOGUE[key][LANGS.index(lang)]
    return _Formatter(lang).format(template, **fields)


def unit(name: str, amount: object = None, lang: str = "en") -> str:
    """A unit's name in ``lang``; "work unit" or "work units" by ``amount`` in English."""
    if name == "work units" and amount is not None and amount == 1:
        name = "work unit"
    key = f"unit.{name}"
    return say(key, lang) if key in CATALOGUE else name


def money(amount: object, unit_name: str, lang: str = "en") -> str:
    """An amount with its unit, once: ``4 million VND``, ``1 work unit``, ``4 triệu đồng``."""
    shown = number(amount, lang) if isinstance(amount, int | float | Decimal) else str(amount)
    return f"{shown} {unit(unit_name, amount, lang)}"


@frozen
class Money:
    """An amount and its unit, said once in a message: ``4 million VND``, ``1 work unit``."""

    amount: Decimal
    unit: str


@frozen
class Message:
    """A catalogue message with its fields, to be said in any language later."""

    key: str
    fields: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str = "en") -> str:
        """The message in ``lang``; fields that are messages (or tuples of them, joined with
        "; ") are said in ``lang`` too."""
        sep = ", " if self.key == "list.comma" else "; "
        shown = {k: _said(v, lang, sep) for k, v in self.fields}
        return say(self.key, lang, **shown)

    def __str__(self) -> str:
        return self.text("en")


def _said(value: object, lang: str, sep: str) -> object:
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, tuple) and value and all(isinstance(v, Message | str) for v in value):
        return sep.join(v.text(lang) if isinstance(v, Message) else v for v in value)
    return value


def msg(key: str, **fields: object) -> Message:
    """A :class:`Message` (the key is checked now, not when it is said)."""
    if key not in CATALOGUE:
        raise KeyError(f"no message {key!r} in the catalogue")
    return Message(key, tuple(fields.items()))


def joined(
    messages: Mapping[int, Message] | tuple[Message, ...], lang: str, sep: str = "; "
) -> str:
    """Several messages said in ``lang`` and joined."""
    items = messages.values() if isinstance(messages, Mapping) else messages
    return sep.join(m.text(lang) for m in items)


__all__ = [
    "CATALOGUE",
    "LANGS",
    "Message",
    "Money",
    "joined",
    "money",
    "msg",
    "number",
    "say",
    "unit",
]
