"""Upkeep and risk: what a certified commune could lose.

Two kinds of risk: indicators met by a thin margin (within a fraction of their threshold), which
a bad year can undo; and criteria the commune would fail under the next period's set (through
:func:`~ntm_criteria.engine.transition.transition`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from attrs import frozen

from ntm_criteria.engine.results import Evaluation, IndicatorResult, Status
from ntm_criteria.engine.transition import transition
from ntm_criteria.model.criteria import CriteriaSet
from ntm_criteria.model.requirements import requirement


@frozen
class AtRisk:
    """A met indicator whose margin is within ``fraction`` of its threshold."""

    criterion: int
    indicator: str
    value: object
    threshold: object
    margin: float
    share: float  #: margin as a share of the threshold


def at_risk(evaluation: Evaluation, fraction: float = 0.05) -> tuple[AtRisk, ...]:
    """Met numeric indicators whose margin is at most ``fraction`` of the threshold.

    >>> import datetime as dt
    >>> import ntm_criteria as ntm
    >>> s = ntm.load_criteria_set("commune-2016-2020")
    >>> a = ntm.Assessment(ntm.Commune("X", region="DBSH"), dt.date(2020, 6, 30), values={"15.1": 86.0})
    >>> [(r.indicator, r.margin) for r in at_risk(ntm.evaluate(a, s))]
    [('15.1', 1.0)]
    """
    if not 0 <= fraction <= 1:
        raise ValueError(f"fraction is between 0 and 1, got {fraction}")
    out = []
    for c in evaluation.criteria:
        for top in c.indicators:
            for r in top.parts or (top,):
                item = _risk(c.id, r, fraction)
                if item is not None:
                    out.append(item)
    return tuple(out)


def _risk(criterion: int, r: IndicatorResult, fraction: float) -> AtRisk | None:
    if r.status is not Status.MET or r.margin is None or r.threshold is None:
        return None
    if not requirement(r.indicator.kind).numeric:
        return None
    level = float(r.threshold.value)  # type: ignore[arg-type]
    scale = abs(level) if level else 1.0
    share = r.margin / scale
    if share > fraction:
        return None
    return AtRisk(criterion, r.id, r.value, r.threshold.value, r.margin, round(share, 9))


@frozen
class NextPeriodRisk:
    """A criterion met now that the next period's set would not find met."""

    criterion: int
    name_en: str
    now: Status
    next: Status | None


def next_period_risks(
    evaluation: Evaluation, next_set: CriteriaSet, as_of: dt.date | None = None
) -> tuple[NextPeriodRisk, ...]:
    """Criteria met under the evaluation's set whose verdict is not MET under ``next_set``."""
    t = transition(evaluation.assessment, evaluation.criteria_set, next_set, as_of)
    return tuple(
        NextPeriodRisk(c.criterion, c.name_en, c.before, c.after)
        for c in t.criteria
        if c.before is Status.MET and c.after is not Status.MET
    )


def _decimal(x: float) -> Decimal:
    return Decimal(repr(x))
