"""Resolve a criteria set for one zone and year: which cell applies to each indicator.

Resolution is the one place where zone and year meet the tables: an indicator with
``thresholds`` uses the zone's cell; one with ``thresholds_by_year`` uses the cell of the
evaluation year's row, and a year the table has no row for is an unspecified cell that says
so. The general column is never a fallback for a region. The result is cached per (set, zone,
year), so evaluating ten thousand communes resolves each table once.
"""

from __future__ import annotations

import functools

from attrs import evolve, frozen

from ntm_criteria.model.criteria import CriteriaSet, Criterion, Indicator, Scale, Threshold
from ntm_criteria.model.provenance import EvidenceStatus


@frozen
class ResolvedIndicator:
    """An indicator with the cell that applies in one zone and year."""

    indicator: Indicator
    threshold: Threshold | None  #: None for a compound indicator
    year: int | None  #: the year row used, for by-year indicators
    scale: Scale | None
    parts: tuple[ResolvedIndicator, ...] = ()


@frozen
class ResolvedCriterion:
    """A criterion with its resolved indicators."""

    criterion: Criterion
    indicators: tuple[ResolvedIndicator, ...]


@frozen
class ResolvedSet:
    """A criteria set resolved for one zone and year: the engine's flat evaluation plan."""

    criteria_set: CriteriaSet
    zone: str
    year: int
    criteria: tuple[ResolvedCriterion, ...]
    unplaced: tuple[ResolvedIndicator, ...] = ()


def _no_row(year: int, ind: Indicator) -> Threshold:
    years = ", ".join(str(y) for y in sorted(ind.thresholds_by_year))
    return Threshold(
        status=EvidenceStatus.UNSPECIFIED,
        note=f"the table gives levels for the years {years} only; none for {year}",
    )


_SEXES = (("male", "men", "nam"), ("female", "women", "nữ"))


def _resolve(s: CriteriaSet, ind: Indicator, zone: str, year: int) -> ResolvedIndicator:
    scale = s.scales.get(ind.scale) if ind.scale else None
    if ind.parts:
        parts = tuple(_resolve(s, p, zone, year) for p in ind.parts)
        return ResolvedIndicator(ind, None, None, scale, parts)
    if ind.thresholds_by_year:
        row = ind.thresholds_by_year.get(year)
        cell, row_year = (_no_row(year, ind) if row is None else row[zone]), year
    else:
        cell, row_year = ind.thresholds[zone], None
    if ind.measured_per_sex:
        # Met only if met for men and for women: two parts sharing the cell.
        halves = tuple(
            ResolvedIndicator(
                evolve(
                    ind,
                    id=f"{ind.id}/{key}",
                    name_en=f"{ind.name_en} ({en})",
                    name_vi=f"{ind.name_vi} ({vi})",
                    per_sex=None,
                ),
                cell,
                row_year,
                scale,
            )
            for key, en, vi in _SEXES
        )
        return ResolvedIndicator(ind, None, row_year, scale, halves)
    return ResolvedIndicator(ind, cell, row_year, scale)


@functools.lru_cache(maxsize=512)
def resolve_set(criteria_set: CriteriaSet, zone: str, year: int) -> ResolvedSet:
    """The set resolved for ``zone`` and ``year`` (cached).

    Raises:
        KeyError: ``zone`` is not a zone of the set.
    """
    if zone not in criteria_set.zone_codes:
        raise KeyError(f"{zone!r} is not a zone of {criteria_set.id!r}")
    criteria = tuple(
        ResolvedCriterion(c, tuple(_resolve(criteria_set, i, zone, year) for i in c.indicators))
        for c in criteria_set.criteria
    )
    unplaced = tuple(
        _resolve(criteria_set, i, zone, year) for i in criteria_set.unplaced_indicators
    )
    return ResolvedSet(criteria_set, zone, year, criteria, unplaced)
