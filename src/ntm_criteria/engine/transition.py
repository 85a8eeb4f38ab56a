"""Transition analysis: the same commune data under two criteria sets.

Communes certified under one set are re-checked under the next (in Định Hóa, communes certified
by 2021 scored 14-16 of 19 under the 2021-2025 set). :func:`transition` evaluates one
assessment under both sets and lists every criterion and indicator whose verdict changes, with
the two thresholds side by side. Criteria and indicators are matched by their legal numbers;
a value whose indicator id the other set lacks is not carried over, and the result says so.
"""

from __future__ import annotations

import datetime as dt

from attrs import evolve, frozen

from ntm_criteria.data import as_set
from ntm_criteria.engine.evaluate import evaluate
from ntm_criteria.engine.results import Evaluation, IndicatorResult, Status
from ntm_criteria.model.commune import Assessment
from ntm_criteria.model.criteria import CriteriaSet


@frozen
class CriterionChange:
    """A criterion whose verdict differs (None: the set has no criterion with that number)."""

    criterion: int
    name_en: str
    before: Status | None
    after: Status | None


@frozen
class IndicatorChange:
    """An indicator whose verdict differs, with the result under each set (None: absent)."""

    indicator: str
    before: IndicatorResult | None
    after: IndicatorResult | None


@frozen
class Transition:
    """What changes when the same data is judged by ``after.criteria_set`` instead of ``before``'s.

    Attributes:
        before, after: the two evaluations.
        criteria: criteria whose verdict changes.
        indicators: indicators whose verdict changes.
        dropped_values: ids of values the second set has no indicator for (not carried over).
    """

    before: Evaluation
    after: Evaluation
    criteria: tuple[CriterionChange, ...]
    indicators: tuple[IndicatorChange, ...]
    dropped_values: tuple[str, ...] = ()

    def to_text(self) -> str:
        """The changes as a short readable list."""
        a, b = self.before, self.after
        lines = [
            f"{a.assessment.commune.name}: {a.score} under {a.criteria_set.id}, "
            f"{b.score} under {b.criteria_set.id}"
        ]
        for c in self.criteria:
            before = c.before.value if c.before else "absent"
            after = c.after.value if c.after else "absent"
            lines.append(f"  criterion {c.criterion} {c.name_en}: {before} -> {after}")
        for i in self.indicators:
            lines.append(
                f"  indicator {i.indicator}: {_describe(i.before)} -> {_describe(i.after)}"
            )
        if self.dropped_values:
            lines.append(f"  not carried over: {', '.join(self.dropped_values)}")
        return "\n".join(lines)


def _describe(r: IndicatorResult | None) -> str:
    if r is None:
        return "absent"
    level = r.threshold.value if r.threshold is not None else None
    return f"{r.status.value} (level {level!r})" if level is not None else r.status.value


def _leaves(e: Evaluation) -> dict[str, IndicatorResult]:
    out: dict[str, IndicatorResult] = {}
    for c in e.criteria:
        for top in c.indicators:
            for r in top.walk():
                out[r.id] = r
    return out


def transition(
    assessment: Assessment,
    before: CriteriaSet | str,
    after: CriteriaSet | str,
    after_as_of: dt.date | None = None,
) -> Transition:
    """Evaluate ``assessment`` under ``before`` and ``after`` and list what changes.

    Args:
        assessment: the commune's data.
        before, after: the two sets.
        after_as_of: the date to judge under ``after`` (default: the assessment's own date);
            by-year levels such as income are taken for this date's year.

    Returns:
        A :class:`Transition`.
    """
    before, after = as_set(before), as_set(after)
    first = evaluate(assessment, before)
    keys = after.value_keys()
    kept = {k: v for k, v in assessment.values.items() if k in keys}
    dropped = tuple(k for k in assessment.values if k not in keys)
    criterion_ids = {c.id for c in after.criteria}
    declarations = {k: v for k, v in assessment.declarations.items() if k in criterion_ids}
    moved = evolve(
        assessment,
        as_of=after_as_of or assessment.as_of,
        values=kept,
        declarations=declarations,
    )
    second = evaluate(moved, after)
    by_id_before = {c.id: c for c in first.criteria}
    by_id_after = {c.id: c for c in second.criteria}
    criteria = []
    for number in sorted(by_id_before.keys() | by_id_after.keys()):
        b, a = by_id_before.get(number), by_id_after.get(number)
        if b is None or a is None or b.status is not a.status:
            name = (a or b).criterion.name_en  # type: ignore[union-attr]
            criteria.append(
                CriterionChange(number, name, b.status if b else None, a.status if a else None)
            )
    leaves_before, leaves_after = _leaves(first), _leaves(second)
    indicators = []
    for ind_id in list(dict.fromkeys([*leaves_before, *leaves_after])):
        b_r, a_r = leaves_before.get(ind_id), leaves_after.get(ind_id)
        if b_r is None or a_r is None or b_r.status is not a_r.status:
            indicators.append(IndicatorChange(ind_id, b_r, a_r))
    return Transition(first, second, tuple(criteria), tuple(indicators), dropped)
