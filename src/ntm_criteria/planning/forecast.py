"""Forecasts: from a commune's history, when each numeric indicator crosses its threshold.

Given two or more dated assessments of one commune, each numeric indicator's values are fitted
by least squares, either on a straight line (``linear``) or on a constant yearly growth rate
(``compound``: a straight line through the logarithms), and the first year whose projected
value meets that year's level (income levels vary by year) is reported. No forecast is made from
a single point, and the method is stated with every result.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from attrs import frozen

from ntm_criteria.engine.compile import resolve_set
from ntm_criteria.engine.evaluate import resolve_zone
from ntm_criteria.model.commune import Assessment
from ntm_criteria.model.criteria import CriteriaSet
from ntm_criteria.model.indicators import Kind
from ntm_criteria.model.requirements import requirement

METHODS = ("linear", "compound")


@frozen
class Forecast:
    """The projection of one indicator.

    Attributes:
        indicator: the indicator id.
        method: ``linear`` (units per year) or ``compound`` (growth per year).
        points: the (year, value) pairs fitted.
        slope: units per year (linear) or yearly growth as a fraction (compound).
        crossing_year: the first year the projection meets that year's level, or None.
        already_met: whether the latest value already meets its level.
        reason: why there is no crossing year, when there is none.
    """

    indicator: str
    method: str
    points: tuple[tuple[float, float], ...]
    slope: float
    crossing_year: int | None
    already_met: bool
    reason: str | None = None


def _fit(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    slope = sum((x - mx) * (y - my) for x, y in points) / sxx
    return slope, my - slope * mx


def forecast(
    history: Sequence[Assessment],
    criteria_set: CriteriaSet,
    method: str = "linear",
    horizon: int = 2035,
) -> tuple[Forecast, ...]:
    """Project every numeric indicator measured in at least two of ``history``'s assessments.

    Args:
        history: assessments of one commune at different dates.
        criteria_set: the set whose levels are projected against.
        method: ``"linear"`` or ``"compound"``.
        horizon: the last year projected.

    Raises:
        ValueError: fewer than two assessments, several communes, or an unknown method.
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, got {method!r}")
    if len(history) < 2:
        raise ValueError(
            "a forecast needs at least two dated assessments; no forecast from a single point"
        )
    if len({(a.commune.code or a.commune.name) for a in history}) > 1:
        raise ValueError("a forecast is for one commune; the history holds several")
    ordered = sorted(history, key=lambda a: a.as_of)
    zone, _, _ = resolve_zone(criteria_set, ordered[-1])
    out = []
    keys = criteria_set.value_keys()
    for key, ind in keys.items():
        if not requirement(ind.kind).numeric:
            continue
        points = tuple(
            (a.as_of.year + (a.as_of.timetuple().tm_yday - 1) / 365.0, float(a.values[key]))
            for a in ordered
            if key in a.values
        )
        if len({x for x, _ in points}) < 2:
            continue
        out.append(_project(key, ind.kind, points, method, criteria_set, zone, horizon))
    return tuple(out)


def _level(s: CriteriaSet, key: str, zone: str, year: int) -> float | None:
    plan = resolve_set(s, zone, year)
    for rc in plan.criteria:
        for ri in rc.indicators:
            for leaf in ri.parts or (ri,):
                if (
                    leaf.indicator.id == key
                    and leaf.threshold is not None
                    and leaf.threshold.value is not None
                ):
                    return float(leaf.threshold.value)
    return None


def _project(
    key: str,
    kind: Kind,
    points: tuple[tuple[float, float], ...],
    method: str,
    s: CriteriaSet,
    zone: str,
    horizon: int,
) -> Forecast:
    if method == "compound":
        if any(y <= 0 for _, y in points):
            return Forecast(
                key,
                method,
                points,
                math.nan,
                None,
                False,
                "compound growth needs values above zero",
            )
        slope, intercept = _fit([(x, math.log(y)) for x, y in points])

        def at(year: float) -> float:
            return math.exp(intercept + slope * year)

        rate = math.exp(slope) - 1
    else:
        slope, intercept = _fit(points)

        def at(year: float) -> float:
            return intercept + slope * year

        rate = slope
    last_x, last_y = points[-1]

    def meets(value: float, level: float) -> bool:
        return requirement(kind).compare(value, level, None)[0]

    first_year = int(last_x)
    level_now = _level(s, key, zone, first_year)
    already = level_now is not None and meets(last_y, level_now)
    unknown_years = []
    for year in range(first_year, horizon + 1):
        level = _level(s, key, zone, year)
        if level is None:
            unknown_years.append(year)
            continue
        if meets(at(year + 0.999), level):
            return Forecast(key, method, points, rate, year, already)
    if unknown_years and len(unknown_years) == horizon - first_year + 1:
        why = f"no level is established for {key} in {zone} for {first_year}-{horizon}"
    else:
        why = f"the projection does not meet the level by {horizon}"
    return Forecast(key, method, points, rate, None, already, why)
