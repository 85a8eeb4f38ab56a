"""Communes and their assessments: what was measured, when, and what the office declared."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from attrs import field, fields, frozen

from ntm_criteria._frozen import FrozenMap, freeze
from ntm_criteria._text import fold, fold_many
from ntm_criteria.errors import InputError
from ntm_criteria.model import checks
from ntm_criteria.model.checks import json_value_problem, mapping, number_problem
from ntm_criteria.model.provenance import Json
from ntm_criteria.model.regions import Region

#: A measured value: a number (percent, count, money), a yes/no, or a rating label.
MeasuredValue = bool | int | float | str


def _freeze_series(
    value: Mapping[str, Mapping[int, float]] | None,
) -> FrozenMap[str, FrozenMap[int, float]]:
    if isinstance(value, FrozenMap):
        return value
    out: dict[str, FrozenMap[int, float]] = {}
    for key, years in mapping("Assessment", "series", value).items():
        if not isinstance(key, str) or not key:
            raise InputError("Assessment", "series", key, "quantity names as text")
        for year, v in mapping("Assessment", f"series[{key!r}]", years).items():
            if isinstance(year, bool) or not isinstance(year, int):
                raise InputError("Assessment", f"series[{key!r}]", year, "years as whole numbers")
            if problem := number_problem(v):
                raise InputError("Assessment", f"series[{key!r}][{year}]", v, problem)
        out[key] = freeze(years)
    return FrozenMap(out)


def identity_of(
    name: str, code: str | None, district: str | None
) -> tuple[str, str | None, str | None]:
    """:attr:`Commune.identity` of a commune with this name, code and district."""
    return fold(name), code, fold(district) if district else None


def identities_of(
    names: list[str], codes: list[str | None], districts: list[str | None]
) -> list[tuple[str, str | None, str | None]]:
    """:func:`identity_of` of many communes at once (a column of a table)."""
    given = [d for d in districts if d]
    folded = iter(fold_many(given))
    return list(
        zip(
            fold_many(names),
            codes,
            [next(folded) if d else None for d in districts],
            strict=True,
        )
    )


def _region(value: Region | str | None) -> Region | None:
    if value is None or isinstance(value, Region):
        return value
    if not isinstance(value, str):
        raise InputError("Commune", "region", value, "a region code or name (text) or a Region")
    return Region.lookup(value)  # NotFoundError with the nearest names


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

    name: str = field(validator=checks.text("Commune", "name"))
    region: Region | None = field(default=None, converter=_region)
    code: str | None = field(default=None, validator=checks.text("Commune", "code", optional=True))
    district: str | None = field(
        default=None, validator=checks.text("Commune", "district", optional=True)
    )
    province: str | None = field(
        default=None, validator=checks.text("Commune", "province", optional=True)
    )
    commune_group: int | None = field(
        default=None, validator=checks.whole("Commune", "commune_group", minimum=1, optional=True)
    )
    especially_difficult: bool = field(
        default=False, validator=checks.flag("Commune", "especially_difficult")
    )
    safe_zone: bool = field(default=False, validator=checks.flag("Commune", "safe_zone"))
    applies_tdmnpb_level: bool = field(
        default=False, validator=checks.flag("Commune", "applies_tdmnpb_level")
    )

    @property
    def identity(self) -> tuple[str, str | None, str | None]:
        """What makes two records the same commune: the name folded (case, diacritics and
        spaces ignored), with the code and the district when given. ``Phú Đình``, ``Phu Dinh``
        and ``phú  đình `` are one commune."""
        return identity_of(self.name, self.code, self.district)

    def flag(self, name: str) -> bool:
        """The value of the boolean flag ``name`` (a zone override names one)."""
        if name not in COMMUNE_FLAGS:
            raise KeyError(f"Commune has no flag {name!r}; flags: {', '.join(COMMUNE_FLAGS)}")
        return bool(getattr(self, name))


#: The boolean fields of :class:`Commune` that a zone override may name.
COMMUNE_FLAGS: tuple[str, ...] = tuple(f.name for f in fields(Commune) if str(f.type) == "bool")


def _values(v: Mapping[str, MeasuredValue] | None) -> FrozenMap[str, MeasuredValue]:
    if isinstance(v, FrozenMap):
        return v
    for key, value in mapping("Assessment", "values", v).items():
        kind = value.__class__
        if key.__class__ is str and (
            kind is bool or kind is int or (kind is float and value - value == 0.0)
        ):
            continue  # the common case, checked at once: a finite float (inf - inf is NaN)
        if not isinstance(key, str):
            raise InputError(
                "Assessment", "values", key, f"indicator ids as text (write {str(key)!r})"
            )
        if isinstance(value, bool):
            continue
        if isinstance(value, str):
            if not value.strip():
                raise InputError("Assessment", f"values[{key!r}]", value, "a value, not blank")
            continue
        if problem := number_problem(value):
            raise InputError(
                "Assessment", f"values[{key!r}]", value, f"{problem}, a bool or a rating"
            )
    return freeze(v)


def _declarations(v: Mapping[int, bool] | None) -> FrozenMap[int, bool]:
    if isinstance(v, FrozenMap):
        return v
    for key, value in mapping("Assessment", "declarations", v).items():
        if isinstance(key, bool) or not isinstance(key, int):
            hint = (
                f" (write {key.strip()} without quotes)"
                if isinstance(key, str) and key.strip().isdigit()
                else ""
            )
            raise InputError("Assessment", "declarations", key, f"criterion numbers as int{hint}")
        if not isinstance(value, bool):
            raise InputError(
                "Assessment",
                f"declarations[{key}]",
                value,
                "True (met) or False (not met); the table readers read 'Đạt' / 'Chưa đạt'",
            )
    return freeze(v)


def _facts(v: Mapping[str, Json] | None) -> FrozenMap[str, Json]:
    if isinstance(v, FrozenMap):
        return v
    for key, value in mapping("Assessment", "facts", v).items():
        if not isinstance(key, str) or not key:
            raise InputError("Assessment", "facts", key, "fact names as text")
        if value is None:
            raise InputError(
                "Assessment", f"facts[{key!r}]", value, "a value (leave an unknown fact out)"
            )
        if problem := json_value_problem(value):
            raise InputError("Assessment", f"facts[{key!r}]", value, problem)
    return freeze(v)


def _commune(_: Any, __: Any, value: Any) -> None:
    if not isinstance(value, Commune):
        raise InputError("Assessment", "commune", value, "a Commune")


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

    commune: Commune = field(validator=_commune)
    as_of: dt.date = field(validator=checks.date("Assessment", "as_of"))
    values: FrozenMap[str, MeasuredValue] = field(factory=FrozenMap, converter=_values)
    declarations: FrozenMap[int, bool] = field(factory=FrozenMap, converter=_declarations)
    facts: FrozenMap[str, Json] = field(factory=FrozenMap, converter=_facts)
    series: FrozenMap[str, FrozenMap[int, float]] = field(
        factory=FrozenMap, converter=_freeze_series
    )
    note: str | None = field(
        default=None, validator=checks.text("Assessment", "note", optional=True)
    )

    @property
    def identity(self) -> tuple[str, str | None, str | None, dt.date]:
        """The commune's identity and the date: two assessments with the same are duplicates."""
        return (*self.commune.identity, self.as_of)

    @property
    def year(self) -> int:
        """The evaluation year: the year of ``as_of`` (income levels vary by year)."""
        return self.as_of.year


def duplicate_problems(assessments: Iterable[Assessment], *, by_date: bool = True) -> list[str]:
    """One line for every assessment that repeats an earlier one's commune (and date).

    >>> import datetime as dt
    >>> day = dt.date(2019, 12, 31)
    >>> duplicate_problems([Assessment(Commune("Phú Đình"), day), Assessment(Commune("phu dinh "), day)])
    ["entry 2 ('phu dinh ', 2019-12-31) repeats entry 1 ('Phú Đình'): the same commune and date"]
    """
    first: dict[object, tuple[int, str]] = {}
    problems = []
    for n, a in enumerate(assessments, 1):
        key = a.identity if by_date else a.commune.identity
        if key in first:
            m, name = first[key]
            what = "the same commune and date" if by_date else "the same commune"
            problems.append(
                f"entry {n} ({a.commune.name!r}, {a.as_of}) repeats entry {m} ({name!r}): {what}"
            )
        else:
            first[key] = (n, a.commune.name)
    return problems
