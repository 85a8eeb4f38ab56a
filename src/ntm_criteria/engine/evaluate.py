"""``evaluate``: verdicts for every indicator and criterion of an assessment.

The engine is generic: criteria are data, and nothing here knows a criterion by its number.
Per indicator it applies the requirement kind to the measured value and the resolved cell; per
criterion it combines indicator verdicts with three-valued logic, then reconciles them with any
criterion-level declaration (used where measurements do not decide; a disagreement is a
conflict, reported, and leaves the criterion UNKNOWN rather than silently picking a side).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from ntm_criteria._batch import paused_gc
from ntm_criteria.data import as_set, set_in_force
from ntm_criteria.engine.checks import check_assessment
from ntm_criteria.engine.compile import resolve_set
from ntm_criteria.engine.results import (
    Caveat,
    CaveatKind,
    Evaluation,
    Status,
)
from ntm_criteria.engine.verdicts import criterion_verdict, indicator_verdict
from ntm_criteria.errors import AssessmentError, PeriodError
from ntm_criteria.model.commune import Assessment
from ntm_criteria.model.criteria import CriteriaSet
from ntm_criteria.model.provenance import EvidenceStatus
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
    criteria_set = as_set(criteria_set)
    if not isinstance(assessment, Assessment):
        raise TypeError(f"evaluate() needs an Assessment, got {type(assessment).__name__}")
    period = period_caveat(assessment, criteria_set, allow_out_of_period)
    check_assessment(assessment, criteria_set)
    zone, reason, zone_caveats = resolve_zone(criteria_set, assessment)
    zone_caveats += stated_rules(criteria_set) + period
    plan = resolve_set(criteria_set, zone, assessment.year)
    results = tuple(criterion_verdict(rc, assessment, zone) for rc in plan.criteria)
    return Evaluation(
        assessment=assessment,
        criteria_set=criteria_set,
        zone=zone,
        zone_reason=reason,
        year=assessment.year,
        criteria=results,
        caveats=zone_caveats,
        unplaced=tuple(indicator_verdict(ri, assessment, zone, None) for ri in plan.unplaced),
    )


def period_caveat(a: Assessment, s: CriteriaSet, allowed: bool) -> tuple[Caveat, ...]:
    """The out-of-period caveat of a retrospective study (none inside the period).

    Raises:
        PeriodError: ``a`` is dated outside the set's period and that is not ``allowed``.
    """
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
        zone = next((z.code for z in s.zones if z.group == commune.commune_group), None)
        if zone is None:
            groups = ", ".join(str(z.group) for z in s.zones if z.group is not None) or "none"
            raise AssessmentError(
                [
                    f"set {s.id!r} has no commune group {commune.commune_group} "
                    f"({commune.name!r}); its groups: {groups}"
                ]
            )
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
    assessments: Iterable[Assessment], criteria_set: CriteriaSet | str | None = None
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
    chosen = None if criteria_set is None else as_set(criteria_set)
    out: list[Evaluation] = []
    problems: list[str] = []
    with paused_gc():  # many small acyclic results: a third of the time otherwise
        for a in assessments:
            try:
                out.append(evaluate(a, chosen or set_in_force(a.as_of)))
            except AssessmentError as exc:
                problems.extend(exc.problems)
            except PeriodError as exc:
                problems.append(str(exc))
    if problems:
        raise AssessmentError(problems)
    return out


def check_many(
    assessments: Iterable[Assessment], criteria_set: CriteriaSet | str | None = None
) -> None:
    """Check every assessment as :func:`evaluate_many` would, without building results.

    Raises:
        AssessmentError: listing the problems of every assessment that cannot be evaluated.
    """
    chosen = None if criteria_set is None else as_set(criteria_set)
    problems: list[str] = []
    for a in assessments:
        try:
            s = chosen or set_in_force(a.as_of)
            period_caveat(a, s, allowed=False)
            check_assessment(a, s)
            resolve_zone(s, a)
        except AssessmentError as exc:
            problems.extend(exc.problems)
        except PeriodError as exc:
            problems.append(str(exc))
    if problems:
        raise AssessmentError(problems)


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
