"""Resolve a criteria set for one zone and year: which cell applies to each indicator.

Resolution is the one place where zone and year meet the tables: an indicator with
``thresholds`` uses the zone's cell; one with ``thresholds_by_year`` uses the cell of the
evaluation year's row, and a year the table has no row for is an unspecified cell that says
so. The general column is never a fallback for a region. The result is cached per (set, zone,
year), so evaluating ten thousand communes resolves each table once.
"""

from __future__ import annotations

import functools

from attrs import Factory, evolve, field, frozen

from ntm_criteria.engine.results import Caveat, CaveatKind
from ntm_criteria.model.criteria import CriteriaSet
from ntm_criteria.model.indicators import Criterion, Indicator, Scale, Threshold
from ntm_criteria.model.provenance import EvidenceStatus
from ntm_criteria.model.requirements import Comparator, Requirement, requirement


def _check(ri: ResolvedIndicator) -> Comparator | None:
    cell = ri.threshold
    if ri.parts or cell is None or cell.value is None or not cell.applies:
        return None
    return ri.requirement.comparator(cell.value, ri.scale)


@frozen
class ResolvedIndicator:
    """An indicator with the cell that applies in one zone and year.

    The caveats a verdict on it may carry depend only on the cell, the zone and the year, so
    they are built here, once, and shared by every evaluation that uses this plan.
    """

    indicator: Indicator
    threshold: Threshold | None  #: None for a compound indicator
    year: int | None  #: the year row used, for by-year indicators
    scale: Scale | None
    parts: tuple[ResolvedIndicator, ...] = ()
    criterion: int | None = None
    definition_caveat: Caveat | None = None  #: the wording is not verified
    level_caveat: Caveat | None = None  #: the level is unspecified, provisional or a what-if
    missing_caveat: Caveat | None = None  #: no value was given
    #: the behaviour of the indicator's kind, looked up once per resolved plan
    requirement: Requirement = field(
        init=False,
        eq=False,
        default=Factory(lambda self: requirement(self.indicator.kind), takes_self=True),
    )
    #: a value's verdict and margin against this cell's level (None: no level to compare with)
    check: Comparator | None = field(init=False, eq=False, default=Factory(_check, takes_self=True))


@frozen
class ResolvedCriterion:
    """A criterion with its resolved indicators."""

    criterion: Criterion
    indicators: tuple[ResolvedIndicator, ...]
    incomplete_caveat: Caveat | None = None  #: set when the indicator list is partial


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


def _definition_caveat(ind: Indicator, criterion: int | None) -> Caveat | None:
    d = ind.definition
    if d.status is EvidenceStatus.VERIFIED:
        return None
    return Caveat(
        CaveatKind.UNVERIFIED_DEFINITION,
        f"the wording of indicator {ind.id} is {d.status.value}",
        criterion=criterion,
        indicator=ind.id,
        basis=d.basis,
        note=d.note,
        source=d.source,
    )


def _level_caveat(
    ind: Indicator, cell: Threshold, zone: str, year: int | None, criterion: int | None
) -> Caveat | None:
    where = f"{zone}{f', {year}' if year is not None else ''}"
    common = {"criterion": criterion, "indicator": ind.id, "zone": zone, "year": year}
    if cell.status is EvidenceStatus.UNSPECIFIED or cell.value is None:
        return Caveat(
            CaveatKind.UNSPECIFIED_THRESHOLD,
            f"no level is established for indicator {ind.id} in {where}; supply it with a "
            "provincial layer or an override, or declare the criterion",
            note=cell.note,
            **common,  # type: ignore[arg-type]
        )
    if cell.reason is not None:
        return Caveat(
            CaveatKind.WHAT_IF,
            f"the level of indicator {ind.id} in {where} ({cell.value!r}) is a what-if "
            f"change ({cell.layer}): {cell.reason}",
            note=cell.reason,
            **common,  # type: ignore[arg-type]
        )
    if cell.status is EvidenceStatus.PROVISIONAL:
        return Caveat(
            CaveatKind.PROVISIONAL_THRESHOLD,
            f"the level of indicator {ind.id} in {where} ({cell.value!r}) is provisional"
            f" ({cell.basis.value if cell.basis else 'no basis'})",
            basis=cell.basis,
            note=cell.note,
            source=cell.source,
            **common,  # type: ignore[arg-type]
        )
    return None


def _incomplete_caveat(c: Criterion) -> Caveat:
    count = c.indicator_count.value
    return Caveat(
        CaveatKind.INCOMPLETE_INDICATOR_LIST,
        f"criterion {c.id} lists {len(c.indicators)} indicators but its official count is"
        f" {count if count is not None else 'unknown'};"
        " it cannot be found met on a partial list (declare it instead)",
        criterion=c.id,
        note=c.indicator_count.note,
    )


def _missing_caveat(ind: Indicator, year: int, criterion: int | None) -> Caveat:
    derived = (
        f" (nor {ind.growth_of} for {year - 1} and {year} in the series to derive it)"
        if ind.growth_of
        else ""
    )
    return Caveat(
        CaveatKind.MISSING_VALUE,
        f"no value was given for indicator {ind.id}{derived}",
        criterion=criterion,
        indicator=ind.id,
    )


def _leaf(
    s: CriteriaSet,
    ind: Indicator,
    cell: Threshold,
    row_year: int | None,
    zone: str,
    year: int,
    criterion: int | None,
) -> ResolvedIndicator:
    return ResolvedIndicator(
        ind,
        cell,
        row_year,
        s.scales.get(ind.scale) if ind.scale else None,
        criterion=criterion,
        definition_caveat=_definition_caveat(ind, criterion),
        level_caveat=_level_caveat(ind, cell, zone, row_year, criterion),
        missing_caveat=_missing_caveat(ind, year, criterion),
    )


def _resolve(
    s: CriteriaSet, ind: Indicator, zone: str, year: int, criterion: int | None = None
) -> ResolvedIndicator:
    scale = s.scales.get(ind.scale) if ind.scale else None
    if ind.parts:
        parts = tuple(_resolve(s, p, zone, year, criterion) for p in ind.parts)
        return ResolvedIndicator(ind, None, None, scale, parts, criterion=criterion)
    if ind.thresholds_by_year:
        row = ind.thresholds_by_year.get(year)
        cell, row_year = (_no_row(year, ind) if row is None else row[zone]), year
    else:
        cell, row_year = ind.thresholds[zone], None
    if ind.measured_per_sex:
        # Met only if met for men and for women: two parts sharing the cell.
        halves = tuple(
            _leaf(
                s,
                evolve(
                    ind,
                    id=f"{ind.id}/{key}",
                    name_en=f"{ind.name_en} ({en})",
                    name_vi=f"{ind.name_vi} ({vi})",
                    per_sex=None,
                ),
                cell,
                row_year,
                zone,
                year,
                criterion,
            )
            for key, en, vi in _SEXES
        )
        return ResolvedIndicator(ind, None, row_year, scale, halves, criterion=criterion)
    return _leaf(s, ind, cell, row_year, zone, year, criterion)


@functools.lru_cache(maxsize=512)
def resolve_set(criteria_set: CriteriaSet, zone: str, year: int) -> ResolvedSet:
    """The set resolved for ``zone`` and ``year`` (cached).

    Raises:
        KeyError: ``zone`` is not a zone of the set.
    """
    if zone not in criteria_set.zone_codes:
        raise KeyError(f"{zone!r} is not a zone of {criteria_set.id!r}")
    criteria = tuple(
        ResolvedCriterion(
            c,
            tuple(_resolve(criteria_set, i, zone, year, c.id) for i in c.indicators),
            None if c.complete else _incomplete_caveat(c),
        )
        for c in criteria_set.criteria
    )
    unplaced = tuple(
        _resolve(criteria_set, i, zone, year) for i in criteria_set.unplaced_indicators
    )
    return ResolvedSet(criteria_set, zone, year, criteria, unplaced)
