"""Verdicts: an indicator's status and margin from its value and cell, a criterion's from its
indicators and any declaration (three-valued logic; a disagreement is a conflict, reported, and
leaves the criterion UNKNOWN rather than silently picking a side).
"""

from __future__ import annotations

from decimal import Decimal

from ntm_criteria._text import fold
from ntm_criteria.engine.compile import ResolvedCriterion, ResolvedIndicator
from ntm_criteria.engine.results import (
    Caveat,
    CaveatKind,
    CriterionResult,
    IndicatorResult,
    Status,
    VerdictBasis,
)
from ntm_criteria.model.commune import Assessment
from ntm_criteria.model.indicators import Indicator
from ntm_criteria.model.provenance import EvidenceStatus

_DECIDED = (Status.MET, Status.NOT_MET)


def growth_rate(a: Assessment, quantity: str) -> float | None:
    """Yearly growth of ``quantity`` in percent, from the assessment's series, or None.

    It needs the values of the evaluation year and of the year before.

    >>> import datetime as dt
    >>> from ntm_criteria import Assessment, Commune
    >>> a = Assessment(Commune("X"), dt.date(2026, 12, 31),
    ...                series={"income_per_capita": {2025: 60, 2026: 64.2}})
    >>> growth_rate(a, "income_per_capita")
    7.0
    """
    years = a.series.get(quantity)
    if years is None:
        return None
    now, before = years.get(a.year), years.get(a.year - 1)
    if now is None or before is None or before == 0:
        return None
    return float((Decimal(repr(float(now))) / Decimal(repr(float(before))) - 1) * 100)


def leaf_verdict(
    ri: ResolvedIndicator, a: Assessment, zone: str, criterion: int | None
) -> IndicatorResult:
    """A leaf indicator's verdict against its cell: its applicability, the standard it is
    measured on, its value (or the growth rate derived from a series) and the level."""
    ind, cell = ri.indicator, ri.threshold
    value = a.values.get(ind.id)
    if value is None and ind.growth_of is not None:
        value = growth_rate(a, ind.growth_of)
    if cell is None or not cell.applies:
        return IndicatorResult(ind, Status.NOT_APPLICABLE, value, cell, zone, ri.year)
    caveats: list[Caveat] = []
    applies = True if ind.applies_when is None else _applicability(ind, a, criterion, caveats)
    if applies is False:
        return IndicatorResult(
            ind, Status.NOT_APPLICABLE, value, cell, zone, ri.year, None, tuple(caveats)
        )
    if ri.definition_caveat is not None:
        caveats.append(ri.definition_caveat)
    level = cell.value
    if value is None or level is None:
        if level is None and ri.level_caveat is not None:
            caveats.append(ri.level_caveat)
        if value is None and ri.missing_caveat is not None:
            caveats.append(ri.missing_caveat)
        return IndicatorResult(
            ind, Status.UNKNOWN, value, cell, zone, ri.year, None, tuple(caveats)
        )
    if ind.measured_on is not None and not _standard_ok(ind, a, criterion, caveats):
        return IndicatorResult(
            ind, Status.UNKNOWN, value, cell, zone, ri.year, None, tuple(caveats)
        )
    assert ri.check is not None  # a leaf with a level that applies
    passed, margin = ri.check(value)
    if ri.level_caveat is not None:
        caveats.append(ri.level_caveat)
    status = Status.MET if passed else Status.NOT_MET
    if applies is None and not passed:
        status = Status.UNKNOWN  # it fails, but may not apply at all
    return IndicatorResult(ind, status, value, cell, zone, ri.year, margin, tuple(caveats))


def _standard_ok(
    ind: Indicator, a: Assessment, criterion: int | None, caveats: list[Caveat]
) -> bool:
    """Whether the value of ``ind`` is measured on the standard its rule requires for the year."""
    rule = ind.measured_on
    assert rule is not None
    year = a.year
    expected = rule.standard_for(year)
    local = f" or a provincial standard ({rule.fact} = {rule.local!r})" if rule.local else ""
    wanted = f"{expected!r}{local}" if expected else f"none is established for {year}"
    observed = a.facts.get(rule.fact)
    evidence = {
        "criterion": criterion,
        "indicator": ind.id,
        "year": year,
        "basis": rule.basis,
        "note": rule.note,
        "source": rule.source,
    }
    if not isinstance(observed, str) or not rule.accepts(observed, year):
        said = "it does not say which" if observed is None else f"it is measured on {observed!r}"
        caveats.append(
            Caveat(
                CaveatKind.MEASUREMENT_STANDARD,
                f"the value of indicator {ind.id} must be measured on the standard in force for "
                f"{year} (rule {rule.rule}): {wanted}; {said} (give the fact {rule.fact})",
                message_vi=(
                    f"giá trị chỉ tiêu {ind.id} phải đo theo chuẩn áp dụng cho năm {year} (quy "
                    f"định {rule.rule}): {expected or 'chưa xác định'}"
                    f"{' hoặc chuẩn của tỉnh' if rule.local else ''}; "
                    + (
                        "chưa cho biết chuẩn đã dùng"
                        if observed is None
                        else f"số liệu đo theo {observed!r}"
                    )
                    + f" (thông tin {rule.fact})"
                ),
                **evidence,  # type: ignore[arg-type]
            )
        )
        return False
    if rule.local is not None and fold(observed) == fold(rule.local):
        caveats.append(
            Caveat(
                CaveatKind.PROVISIONAL_RULE,
                f"the value of indicator {ind.id} is measured on a provincial standard, which "
                f"rule {rule.rule} allows: {rule.note or ''}".rstrip(": "),
                message_vi=(
                    f"giá trị chỉ tiêu {ind.id} đo theo chuẩn của tỉnh, theo quy định {rule.rule}"
                ),
                **evidence,  # type: ignore[arg-type]
            )
        )
    return True


def _applicability(
    ind: Indicator, a: Assessment, criterion: int | None, caveats: list[Caveat]
) -> bool | None:
    rule = ind.applies_when
    if rule is None or rule.status is EvidenceStatus.UNSPECIFIED:
        return True
    observed = a.facts.get(rule.fact)
    if observed is None:
        caveats.append(
            Caveat(
                CaveatKind.APPLICABILITY_UNKNOWN,
                f"indicator {ind.id} applies only when {rule.describe()} "
                f"({rule.rule_en}); that fact was not given",
                criterion=criterion,
                indicator=ind.id,
                basis=rule.basis,
                note=rule.note,
                source=rule.source,
            )
        )
        return None
    applies = rule.holds(observed)
    if not applies and rule.status is EvidenceStatus.PROVISIONAL:
        caveats.append(
            Caveat(
                CaveatKind.PROVISIONAL_RULE,
                f"indicator {ind.id} is not applicable by a provisional rule: {rule.rule_en}",
                criterion=criterion,
                indicator=ind.id,
                basis=rule.basis,
                note=rule.note,
                source=rule.source,
            )
        )
    return applies


def _combine(statuses: list[Status]) -> Status:
    relevant = [s for s in statuses if s is not Status.NOT_APPLICABLE]
    if not relevant:
        return Status.NOT_APPLICABLE
    if Status.NOT_MET in relevant:
        return Status.NOT_MET
    if all(s is Status.MET for s in relevant):
        return Status.MET
    return Status.UNKNOWN


def indicator_verdict(
    ri: ResolvedIndicator, a: Assessment, zone: str, criterion: int | None
) -> IndicatorResult:
    """An indicator's verdict: a leaf against its cell, a compound one from its parts."""
    if not ri.parts:
        return leaf_verdict(ri, a, zone, criterion)
    parts = tuple(indicator_verdict(p, a, zone, criterion) for p in ri.parts)
    status = _combine([p.status for p in parts])
    caveats = list(dict.fromkeys(c for p in parts for c in p.caveats))
    rule = ri.indicator.per_sex
    if (
        ri.indicator.measured_per_sex
        and rule is not None
        and rule.status is EvidenceStatus.PROVISIONAL
    ):
        caveats.append(
            Caveat(
                CaveatKind.PROVISIONAL_RULE,
                f"indicator {ri.indicator.id} must be met by men and by women separately, a "
                "provisional rule",
                criterion=criterion,
                indicator=ri.indicator.id,
                basis=rule.basis,
                note=rule.note,
                source=rule.source,
            )
        )
    return IndicatorResult(
        ri.indicator, status, zone=zone, year=ri.year, caveats=tuple(caveats), parts=parts
    )


def criterion_verdict(rc: ResolvedCriterion, a: Assessment, zone: str) -> CriterionResult:
    """A criterion's verdict: its indicators combined, then reconciled with a declaration."""
    c = rc.criterion
    results = tuple(indicator_verdict(ri, a, zone, c.id) for ri in rc.indicators)
    # A criterion with no listed indicator is not "not applicable": its content is unknown.
    measured = _combine([r.status for r in results]) if results else Status.UNKNOWN
    caveats: list[Caveat] = []
    if rc.incomplete_caveat is not None and measured in (Status.MET, Status.UNKNOWN):
        measured = Status.UNKNOWN
        caveats.append(rc.incomplete_caveat)
    # The verdict rests on the failing indicators when not met, on all of them otherwise.
    resting = (
        [r for r in results if r.status is Status.NOT_MET]
        if measured is Status.NOT_MET
        else results
    )
    caveats[:0] = [cv for r in resting for cv in r.caveats]
    declared = a.declarations.get(c.id)
    measured_any = any(
        top.value is not None or any(p.value is not None for p in top.parts) for top in results
    )
    if declared is None:
        return CriterionResult(
            c,
            measured,
            VerdictBasis.MEASURED if measured_any else VerdictBasis.NONE,
            results,
            None,
            tuple(caveats),
        )
    if measured in _DECIDED and measured_any:
        if (measured is Status.MET) == declared:
            return CriterionResult(
                c, measured, VerdictBasis.MEASURED, results, declared, tuple(caveats)
            )
        conflict = Caveat(
            CaveatKind.DECLARATION_CONFLICT,
            f"criterion {c.id} is declared {'met' if declared else 'not met'} but the measured "
            f"values make it {'met' if measured is Status.MET else 'not met'}; "
            "correct one of them",
            criterion=c.id,
        )
        return CriterionResult(
            c, Status.UNKNOWN, VerdictBasis.NONE, results, declared, (conflict, *caveats)
        )
    status = Status.MET if declared else Status.NOT_MET
    note = Caveat(
        CaveatKind.DECLARED,
        f"criterion {c.id} is {'met' if declared else 'not met'} by declaration; "
        "no measured values decide it",
        criterion=c.id,
    )
    return CriterionResult(c, status, VerdictBasis.DECLARED, results, declared, (note,))
