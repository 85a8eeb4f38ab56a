"""Communes and their assessments: what was measured, when, and what the office declared."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from attrs import field, fields, frozen

from ntm_criteria._frozen import FrozenMap, freeze
from ntm_criteria.model.provenance import Json
from ntm_criteria.model.regions import Region

#: A measured value: a number (percent, count, money), a yes/no, or a rating label.
MeasuredValue = bool | int | float | str


def _freeze_series(
    value: Mapping[str, Mapping[int, float]] | None,
) -> FrozenMap[str, FrozenMap[int, float]]:
    return FrozenMap({k: freeze(v) for k, v in (value or {}).items()})


def _region(value: Region | str | None) -> Region | None:
    return None if value is None else Region.lookup(value)


@frozen
class Commune:
    """A commune (xã) as known at the date of an assessment.

    Communes merge and split, so ``code`` and ``name`` identify the unit at that date. ``region``
    picks the column of the 2016-2025 tables (a region name or code is accepted);
    ``commune_group`` (1, 2 or 3) picks it in sets whose zones are commune groups. The flags are
    explicit inputs: ``applies_tdmnpb_level`` is the flag that the 2021-2025 rule for
    especially difficult and safe-zone communes of poor districts reads.

    >>> Commune("Phú Đình", region="Trung du mien nui phia Bac").region
    <Region.TDMNPB: 'TDMNPB'>
    """

    name: str
    region: Region | None = field(default=None, converter=_region)
    code: str | None = None
    district: str | None = None
    province: str | None = None
    commune_group: int | None = None
    especially_difficult: bool = False
    safe_zone: bool = False
    applies_tdmnpb_level: bool = False

    def flag(self, name: str) -> bool:
        """The value of the boolean flag ``name`` (a zone override names one)."""
        if name not in COMMUNE_FLAGS:
            raise KeyError(f"Commune has no flag {name!r}; flags: {', '.join(COMMUNE_FLAGS)}")
        return bool(getattr(self, name))


#: The boolean fields of :class:`Commune` that a zone override may name.
COMMUNE_FLAGS: tuple[str, ...] = tuple(f.name for f in fields(Commune) if str(f.type) == "bool")


def _values(v: Mapping[str, MeasuredValue] | None) -> FrozenMap[str, MeasuredValue]:
    return freeze(v)


def _declarations(v: Mapping[int, bool] | None) -> FrozenMap[int, bool]:
    return freeze(v)


def _facts(v: Mapping[str, Json] | None) -> FrozenMap[str, Json]:
    return freeze(v)


@frozen
class Assessment:
    """What is known of one commune at one date.

    Attributes:
        commune: the commune assessed.
        as_of: the date the values describe. Always explicit: it picks the set in force and
            the income year.
        values: measured values keyed by the legal indicator id ("2.1", "10", "17.1.a").
        declarations: criterion-level statuses an office already knows ({9: False, 10: False}),
            used where no measurement decides the criterion.
        facts: other facts the rules read: recognition conditions (``registered_in_plan``,
            ``outstanding_capital_construction_debt``) and applicability conditions
            (``market_or_trading_place_in_approved_plan``). ``CriteriaSet`` documents which.
        series: yearly values of quantities that indicators derive from (income per capita by
            year, for the income growth rate of 2026-2030): ``{"income_per_capita": {2025:
            60.1, 2026: 64.3}}``.
        note: free text (where the figures come from).
    """

    commune: Commune
    as_of: dt.date
    values: FrozenMap[str, MeasuredValue] = field(factory=FrozenMap, converter=_values)
    declarations: FrozenMap[int, bool] = field(factory=FrozenMap, converter=_declarations)
    facts: FrozenMap[str, Json] = field(factory=FrozenMap, converter=_facts)
    series: FrozenMap[str, FrozenMap[int, float]] = field(
        factory=FrozenMap, converter=_freeze_series
    )
    note: str | None = None

    @property
    def year(self) -> int:
        """The evaluation year: the year of ``as_of`` (income levels vary by year)."""
        return self.as_of.year
