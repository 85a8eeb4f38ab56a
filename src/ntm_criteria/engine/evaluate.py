"""``evaluate``: verdicts for every indicator and criterion of an assessment.

The engine is generic: criteria are data, and nothing here knows a criterion by its number.
Per indicator it applies the requirement kind to the measured value and the resolved cell; per
criterion it combines indicator verdicts with three-valued logic, then reconciles them with any
criterion-level declaration (used where measurements do not decide; a disagreement is a
conflict, reported, and leaves the criterion UNKNOWN rather than silently picking a side).
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Iterable
from decimal import Decimal

from ntm_criteria._text import fold, nearest
from ntm_criteria.data import load_criteria_set, set_in_force
from ntm_criteria.engine.compile import ResolvedCriterion, ResolvedIndicator, resolve_set
from ntm_criteria.engine.results import (
    Caveat,
    CaveatKind,
    CriterionResult,
    Evaluation,
    IndicatorResult,
    Status,
    VerdictBasis,
)
from ntm_criteria.errors import AssessmentError, PeriodError
from ntm_criteria.model.commune import Assessment
from ntm_criteria.model.criteria import CriteriaSet
from ntm_criteria.model.indicators import Indicator, Kind, Unit
from ntm_criteria.model.provenance import EvidenceStatus
from ntm_criteria.model.requirements import requirement, unit_problem
from ntm_criteria.model.rules import ZoneKind

_DECIDED = (Status.MET, Status.NOT_MET)


def evaluate(
    assessment: Assessment, criteria_set: CriteriaSet, *, allow_out_of_period: bool = False
) -> Evaluation:
    """Evaluate ``assessment`` against ``criteria_set``.

    Args:
        assessment: the commune, the date and what is known.
        criteria_set: the set to apply (see :func:`ntm_criteria.set_in_force` for the set in
            force at the assessment's date).
        allow_out_of_period: evaluate an assessment dated outside the set's period, for a
            retrospective study: every verdict then carries an out-of-period caveat and
            :func:`~ntm_criteria.decide` never certifies.

    Returns:
        An immutable :class:`Evaluation` with every verdict and what it rests on.

    Raises:
        AssessmentError: a value names an unknown indicator (nearest ids suggested), has the
            wrong kind for its indicator, or is out of range; or the commune lacks the region
            (or group) the set's tables are keyed by. Every problem is listed at once.
        PeriodError: the assessment's date is outside the set's period (and
            ``allow_out_of_period`` is not set).
        TypeError: ``assessment`` is not an Assessment, or ``criteria_set`` neither a
            CriteriaSet nor the id of a packaged set.
    """
    criteria_set = _as_set(criteria_set)
    if not isinstance(assessment, Assessment):
        raise TypeError(f"evaluate() needs an Assessment, got {type(assessment).__name__}")
    period = _period_caveat(assessment, criteria_set, allow_out_of_period)
    check_assessment(assessment, criteria_set)
    zone, reason, zone_caveats = resolve_zone(criteria_set, assessment)
    zone_caveats += stated_rules(criteria_set) + period
    plan = resolve_set(criteria_set, zone, assessment.year)
    results = tuple(_criterion(rc, assessment, zone) for rc in plan.criteria)
    return Evaluation(
        assessment=assessment,
        criteria_set=criteria_set,
        zone=zone,
        zone_reason=reason,
        year=assessment.year,
        criteria=results,
        caveats=zone_caveats,
        unplaced=tuple(_indicator(ri, assessment, zone, None) for ri in plan.unplaced),
    )


def _as_set(s: CriteriaSet | str) -> CriteriaSet:
    """A set, or the packaged set with that id (a set id is accepted wherever a set is)."""
    if isinstance(s, CriteriaSet):
        return s
    if isinstance(s, str):
        return load_criteria_set(s)
    raise TypeError(f"expected a CriteriaSet or a packaged set id, got {type(s).__name__}")


def _period_caveat(a: Assessment, s: CriteriaSet, allowed: bool) -> tuple[Caveat, ...]:
    if s.in_force_on(a.as_of):
        return ()
    window = f"{s.in_force_from} to {s.in_force_until or 'now'}"
    if not allowed:
        raise PeriodError(
            f"{a.commune.name}: the assessment is dated {a.as_of}, outside the period of "
            f"{s.id} ({window}); use the set in force then (set_in_force), or pass "
            "allow_out_of_period=True for a retrospective study"
        )
    return (
        Caveat(
            CaveatKind.OUT_OF_PERIOD,
            f"a retrospective study: the assessment ({a.as_of}) is outside the period of "
            f"{s.id} ({window}); no verdict here is a legal finding and nothing is certified",
            message_vi=(
                f"nghiên cứu hồi cứu: ngày đánh giá ({a.as_of}) nằm ngoài thời gian áp dụng của "
                f"{s.id} ({window}); các kết quả không có giá trị pháp lý, không công nhận"
            ),
        ),
    )


@functools.lru_cache(maxsize=64)
def stated_rules(s: CriteriaSet) -> tuple[Caveat, ...]:
    """The rules of ``s`` that every evaluation under it states, as caveats with evidence."""
    return tuple(
        Caveat(
            CaveatKind.SET_RULE,
            f"rule {r.id} of {s.id} ({r.status.value}): {r.rule_en}",
            basis=r.basis,
            note=r.note,
            source=r.source,
            message_vi=(
                f"quy định {r.id} của {s.id} ({r.status.value}): {r.rule_vi}" if r.rule_vi else None
            ),
        )
        for r in s.rules
        if r.stated
    )


def _commune_group(s: CriteriaSet, a: Assessment) -> tuple[str, str]:
    """The commune group (zone code) of a commune, and why: explicit, or by the set's rules."""
    commune = a.commune
    if commune.commune_group is not None:
        zone = f"NHOM_{commune.commune_group}"
        if zone not in s.zone_codes:
            raise AssessmentError([f"set {s.id!r} has no zone {zone!r} ({commune.name!r})"])
        return zone, f"commune group {commune.commune_group}, given explicitly"
    if not s.zone_rules:
        raise AssessmentError(
            [f"commune {commune.name!r} has no commune_group; set {s.id!r} needs it"]
        )
    matched: list[str] = []
    undecided: list[str] = []
    fallback = None
    for rule in s.zone_rules:
        if rule.otherwise:
            fallback = rule.zone
            continue
        for test in rule.any_of:
            observed = a.facts.get(test.fact)
            if observed is None:
                undecided.append(f"{test.fact} (for {rule.zone})")
            elif test.holds(observed):
                matched.append(rule.zone)
                break
    matched = list(dict.fromkeys(matched))
    if len(matched) > 1:
        raise AssessmentError(
            [
                f"commune {commune.name!r} meets the rules of {' and '.join(matched)}; which takes "
                f"precedence is not established in {s.id}: give commune_group explicitly"
            ]
        )
    if matched:
        if undecided:
            missing = ", ".join(dict.fromkeys(undecided))
            raise AssessmentError(
                [f"commune {commune.name!r}: give the facts {missing} or commune_group explicitly"]
            )
        return matched[0], f"{matched[0]} by the set's group rules"
    if undecided or fallback is None:
        missing = ", ".join(dict.fromkeys(undecided)) or "the rules"
        raise AssessmentError(
            [f"commune {commune.name!r}: cannot derive its group; give {missing} or commune_group"]
        )
    return fallback, f"{fallback}: no other group's rule holds"


def evaluate_many(
    assessments: Iterable[Assessment], criteria_set: CriteriaSet | None = None
) -> list[Evaluation]:
    """Evaluate many assessments; each against ``criteria_set``, or the set in force at its date.

    The same results as :func:`evaluate` one by one: the set is resolved once per zone and
    year and reused for every commune that shares them.

    Raises:
        AssessmentError: listing the problems of every assessment that cannot be evaluated
            (each line names its commune), after trying them all.
        (An assessment outside the given set's period, or with no packaged set in force at its
        date, is one of the listed problems.)
    """
    out: list[Evaluation] = []
    problems: list[str] = []
    # A batch allocates many small, acyclic result objects: the cyclic collector would walk
    # them again and again (a third of the time), and finds nothing to free.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for a in assessments:
            try:
                out.append(evaluate(a, criteria_set or set_in_force(a.as_of)))
            except AssessmentError as exc:
                problems.extend(exc.problems)
            except PeriodError as exc:
                problems.append(str(exc))
    finally:
        if collecting:
            gc.enable()
    if problems:
        raise AssessmentError(problems)
    return out


def resolve_zone(s: CriteriaSet, assessment: Assessment) -> tuple[str, str, tuple[Caveat, ...]]:
    """The zone whose column applies to the assessed commune, why, and caveats about overrides.

    Raises:
        AssessmentError: the commune lacks the region, or its group cannot be derived.
    """
    commune = assessment.commune
    if s.zone_dimension is ZoneKind.REGION:
        if commune.region is None:
            raise AssessmentError(
                [f"commune {commune.name!r} has no region; set {s.id!r} sets levels by region"]
            )
        zone, reason = commune.region.code, f"region {commune.region.code} of the commune"
    else:
        zone, reason = _commune_group(s, assessment)
    caveats: list[Caveat] = []
    for rule in s.zone_overrides:
        if rule.applies_to and s.tier not in rule.applies_to:
            continue
        if not commune.flag(rule.commune_flag):
            continue
        if rule.status is EvidenceStatus.UNSPECIFIED:
            caveats.append(
                Caveat(
                    CaveatKind.OVERRIDE_NOT_APPLIED,
                    f"the commune has the flag {rule.commune_flag}, but the rule {rule.id!r} is "
                    f"not established for {s.id}; the {zone} levels apply",
                    zone=zone,
                    note=rule.note,
                )
            )
            continue
        zone, reason = rule.use_zone, f"rule {rule.id}: {rule.rule_en}"
        caveats.append(
            Caveat(
                CaveatKind.OVERRIDE_APPLIED,
                f"the {rule.use_zone} levels apply (rule {rule.id}, {rule.status.value})",
                zone=zone,
                basis=rule.basis,
                note=rule.note,
                source=rule.source,
            )
        )
    return zone, reason, tuple(caveats)


def check_assessment(assessment: Assessment, s: CriteriaSet) -> None:
    """Reject values and declarations the set cannot use, listing every problem.

    Raises:
        AssessmentError: with one line per problem.
    """
    problems: list[str] = []
    who = assessment.commune.name
    keys, criterion_ids, kinds = _keys(s)
    for key, value in assessment.values.items():
        ind = keys.get(key)
        if ind is None:
            problems.append(f"{who}: {_unknown_id(s, key, keys)}")
            continue
        problem = _value_problem(s, ind, value)
        if problem:
            problems.append(f"{who}: indicator {key}: {problem}")
    for number in assessment.declarations:
        if number not in criterion_ids:
            problems.append(f"{who}: declaration for criterion {number}, which {s.id} lacks")
    for name, value in assessment.facts.items():
        kind = kinds.get(name)
        if kind is None:
            hint = nearest(name, kinds)
            known = (
                f"did you mean {', '.join(hint)}?"
                if hint
                else f"it reads {', '.join(sorted(kinds)) or 'none'}"
            )
            problems.append(f"{who}: fact {name!r} is not read by {s.id}; {known}")
        elif (problem := _fact_problem(kind, value)) is not None:
            problems.append(f"{who}: fact {name!r}: expected {problem}, got {value!r}")
    if problems:
        raise AssessmentError(problems)


def _fact_problem(kind: str, value: object) -> str | None:
    """What a fact of ``kind`` (see :meth:`CriteriaSet.fact_kinds`) expects, if ``value`` is not it."""
    number = isinstance(value, int | float) and not isinstance(value, bool)
    ok = {
        "yes/no": isinstance(value, bool),
        "number": number,
        "number or yes/no": number or isinstance(value, bool),
        "text": isinstance(value, str),
    }.get(kind, True)
    return None if ok else {"yes/no": "true or false"}.get(kind, f"a value of kind {kind}")


@functools.lru_cache(maxsize=256)
def _keys(s: CriteriaSet) -> tuple[dict[str, Indicator], frozenset[int], dict[str, str]]:
    return s.value_keys(), frozenset(c.id for c in s.criteria), s.fact_kinds()


def _unknown_id(s: CriteriaSet, key: str, leaf_ids: Iterable[str]) -> str:
    for _, ind in s.indicators():
        if ind.id == key and ind.parts:
            parts = ", ".join(p.id for p in ind.parts)
            return f"indicator {key} is compound: give a value for each part ({parts})"
        for leaf in (ind, *ind.parts):
            if leaf.id == key and leaf.measured_per_sex:
                return f"indicator {key} is measured per sex: give {key}/male and {key}/female"
    hint = nearest(key, leaf_ids)
    suffix = f"; nearest ids: {', '.join(hint)}" if hint else ""
    return f"unknown indicator id {key!r} in {s.id}{suffix}"


def _value_problem(s: CriteriaSet, ind: Indicator, v: object) -> str | None:
    kind = type(v)
    if kind is float and ind.kind is Kind.AT_LEAST and ind.unit is Unit.PERCENT and 0 <= v <= 100:  # type: ignore[operator]
        return None  # the common case, checked first
    scale = s.scales.get(ind.scale) if ind.scale else None
    return requirement(ind.kind).value_problem(v, scale) or unit_problem(ind.unit, v)


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


def _leaf(
    ri: ResolvedIndicator, a: Assessment, zone: str, criterion: int | None
) -> IndicatorResult:
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
    passed, margin = requirement(ind.kind).compare(value, level, ri.scale)
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


def _indicator(
    ri: ResolvedIndicator, a: Assessment, zone: str, criterion: int | None
) -> IndicatorResult:
    if not ri.parts:
        return _leaf(ri, a, zone, criterion)
    parts = tuple(_indicator(p, a, zone, criterion) for p in ri.parts)
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


def _criterion(rc: ResolvedCriterion, a: Assessment, zone: str) -> CriterionResult:
    c = rc.criterion
    results = tuple(_indicator(ri, a, zone, c.id) for ri in rc.indicators)
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
