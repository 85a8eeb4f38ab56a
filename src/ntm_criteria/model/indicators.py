"""Indicators (chỉ tiêu) and their threshold cells: what a criterion measures and the levels.

An indicator states one requirement ``kind`` and a threshold *cell* for every zone, or for every
zone of every year where the law varies by year (income). A compound indicator ("≥ 90% hygienic
water, of which ≥ 50% clean") is ``all_of`` its parts, each with cells of its own. A criterion
(tiêu chí) holds indicators; a :class:`Scale` orders the ratings of ``min_rating`` indicators.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping

from attrs import field, frozen

from ntm_criteria._frozen import FrozenMap, freeze
from ntm_criteria._text import fold
from ntm_criteria.model.provenance import Basis, EvidenceStatus, Fact, Json, frozen_json

#: A threshold value: a number (at least / at most / none allowed), ``True`` (achieved) or the
#: label of a level on an ordered scale (minimum rating).
ThresholdValue = bool | int | float | str


class Kind(enum.Enum):
    """The closed algebra of requirements (no expression language, no ``eval``)."""

    AT_LEAST = "at_least"  #: measured >= value ("từ 80% trở lên")
    AT_MOST = "at_most"  #: measured <= value
    ACHIEVED = "achieved"  #: the condition holds ("Đạt")
    NONE_ALLOWED = "none_allowed"  #: a count that must be zero ("Không")
    MIN_RATING = "min_rating"  #: a rating at or above a level of an ordered scale
    ALL_OF = "all_of"  #: every applicable part passes


class Unit(enum.Enum):
    """Units of measured values, as the reference names them."""

    PERCENT = "percent"
    MILLION_VND_PER_PERSON_PER_YEAR = "million_vnd_per_person_per_year"
    PERCENT_PER_YEAR = "percent_per_year"
    COUNT = "count"
    FLAG = "flag"
    RATING = "rating"
    LEVEL = "level"


@frozen
class Threshold:
    """One cell of a criteria table: the level a commune of one zone (and year) must reach.

    Attributes:
        status: verified / provisional / unspecified (then ``value`` is None).
        value: the level; None when unspecified.
        basis, source, note: the evidence behind the cell.
        applies: False where the law sets no requirement for this zone (the indicator or part
            is then not applicable there: neither met nor unmet).
        layer: the id of the provincial layer or what-if overlay that supplied the cell; None
            for a cell of the set's own file.
        reason: for a what-if overlay, why the cell was changed (the engine flags every verdict
            resting on such a cell as hypothetical).
    """

    status: EvidenceStatus
    value: ThresholdValue | None = None
    basis: Basis | None = None
    source: tuple[str, ...] = ()
    note: str | None = None
    applies: bool = True
    layer: str | None = None
    reason: str | None = None


def _cells(table: Mapping[str, Threshold] | None) -> FrozenMap[str, Threshold]:
    return freeze(table)


def _rows(
    rows: Mapping[int, Mapping[str, Threshold]] | None,
) -> FrozenMap[int, FrozenMap[str, Threshold]]:
    return FrozenMap({year: freeze(row) for year, row in (rows or {}).items()})


@frozen
class Applicability:
    """A condition on a commune fact that makes an indicator apply (``applies_when``).

    Exactly one of ``equals``, ``one_of``, ``more_than``, ``less_than`` and ``at_most`` is set.
    """

    fact: str
    status: EvidenceStatus
    equals: Json = field(default=None, converter=frozen_json)
    one_of: tuple[str, ...] | None = None
    more_than: float | None = None
    less_than: float | None = None
    at_most: float | None = None
    rule_en: str | None = None
    basis: Basis | None = None
    source: tuple[str, ...] = ()
    note: str | None = None

    def comparisons(self) -> int:
        """How many comparisons are set (a valid condition has exactly one)."""
        tests = (self.equals, self.one_of, self.more_than, self.less_than, self.at_most)
        return sum(t is not None for t in tests)

    def describe(self) -> str:
        """The condition in words, e.g. ``agriculture_share_percent < 10``."""
        for op, v in (
            ("=", self.equals),
            ("in", self.one_of),
            (">", self.more_than),
            ("<", self.less_than),
            ("<=", self.at_most),
        ):
            if v is not None:
                return f"{self.fact} {op} {v!r}"
        return self.fact

    def holds(self, observed: Json) -> bool:
        """Whether the condition holds for the observed fact value."""
        if self.equals is not None:
            return bool(observed == self.equals)
        if self.one_of is not None:
            return observed in self.one_of
        if self.less_than is not None:
            return bool(float(observed) < self.less_than)
        if self.more_than is not None:
            return bool(float(observed) > self.more_than)
        if self.at_most is not None:
            return bool(float(observed) <= self.at_most)
        return True


@frozen
class StandardPeriod:
    """The measurement standard in force for a range of evaluation years (inclusive)."""

    standard: str
    from_year: int | None = None
    until_year: int | None = None

    def covers(self, year: int) -> bool:
        """Whether the standard applies to a value of ``year``."""
        return (self.from_year is None or year >= self.from_year) and (
            self.until_year is None or year <= self.until_year
        )


@frozen
class MeasuredOn:
    """The standard a value of an indicator must be measured on, by year (a poverty standard).

    The assessment names the standard its value was measured on in the fact ``fact``; the value
    is used only when that standard is the one in force for the evaluation year (``periods``),
    or the local standard ``local`` where the rule lets a province apply its own. A value
    without the fact, or on another standard, leaves the indicator UNKNOWN and says which
    standard applies. ``rule`` is the id of the set's rule this comes from.
    """

    fact: str
    periods: tuple[StandardPeriod, ...]
    rule: str
    status: EvidenceStatus
    local: str | None = None
    basis: Basis | None = None
    source: tuple[str, ...] = ()
    note: str | None = None

    def standard_for(self, year: int) -> str | None:
        """The national standard in force for ``year`` (None where the periods leave a gap)."""
        return next((p.standard for p in self.periods if p.covers(year)), None)

    def accepts(self, observed: str, year: int) -> bool:
        """Whether a value measured on ``observed`` may be used for ``year``."""
        key = fold(observed)
        return key in {fold(s) for s in (self.standard_for(year), self.local) if s is not None}


@frozen
class Indicator:
    """An indicator (chỉ tiêu) and its requirement, with a threshold cell for every zone.

    Exactly one of ``thresholds`` (zone → cell), ``thresholds_by_year`` (year → zone → cell) and
    ``parts`` (for ``all_of``) is given. ``measured_on`` names the standard a value must be
    measured on in each year (see :class:`MeasuredOn`). ``growth_of`` names a quantity whose yearly growth, in
    percent, the indicator measures (2026-2030 income): when no value is given, the engine
    computes it from the assessment's ``series`` for that quantity, and the verdict is UNKNOWN
    when the two years it needs are not there. ``placement`` is the evidence for the criterion
    an indicator sits in, where the law does not establish it.
    """

    id: str
    name_vi: str
    name_en: str
    kind: Kind
    definition: Fact
    unit: Unit | None = None
    scale: str | None = None
    thresholds: FrozenMap[str, Threshold] = field(factory=FrozenMap, converter=_cells)
    thresholds_by_year: FrozenMap[int, FrozenMap[str, Threshold]] = field(
        factory=FrozenMap, converter=_rows
    )
    parts: tuple[Indicator, ...] = ()
    applies_when: Applicability | None = None
    per_sex: Fact | None = None
    measurement: Fact | None = None
    placement: Fact | None = None
    ward_special_zone_mandatory: Fact | None = None
    growth_of: str | None = None
    measured_on: MeasuredOn | None = None
    notes: str | None = None

    @property
    def measured_per_sex(self) -> bool:
        """True when the level must be met by men and by women separately (an established rule)."""
        rule = self.per_sex
        return (
            rule is not None
            and rule.value is True
            and rule.status is not EvidenceStatus.UNSPECIFIED
        )

    @property
    def by_year(self) -> bool:
        """True when the requirement varies by year (income)."""
        return bool(self.thresholds_by_year)

    def cells(self) -> Iterator[tuple[str, int | None, Threshold]]:
        """Every (zone, year or None, cell) of this indicator, parts excluded."""
        for zone, cell in self.thresholds.items():
            yield zone, None, cell
        for year, row in self.thresholds_by_year.items():
            for zone, cell in row.items():
                yield zone, year, cell


@frozen
class Criterion:
    """A criterion (tiêu chí): met when every applicable indicator is met.

    ``indicator_count`` is the official number of indicators. When it is unknown, or differs from
    the number listed, the list is incomplete and the criterion can be found not met but never
    met (the engine will not certify on a partial list).
    """

    id: int
    key: str
    name_vi: str
    name_en: str
    indicator_count: Fact
    group: str | None = None
    indicators: tuple[Indicator, ...] = ()
    definition: Fact | None = None
    notes: str | None = None
    aliases_vi: tuple[str, ...] = ()
    aliases_en: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        """Whether the listed indicators are the criterion's full official list."""
        return bool(self.indicators) and bool(self.indicator_count.value == len(self.indicators))


@frozen
class CriterionGroup:
    """A group of criteria (nhóm), e.g. I Planning, II Socio-economic infrastructure."""

    id: str
    name_vi: str
    name_en: str
    criteria: tuple[int, ...]
    status: EvidenceStatus
    basis: Basis | None = None
    source: tuple[str, ...] = ()
    note: str | None = None


@frozen
class Scale:
    """An ordered scale of ratings for ``min_rating`` indicators (lowest first)."""

    status: EvidenceStatus
    values_low_to_high: tuple[str, ...] | None = None
    ordering: str | None = None
    basis: Basis | None = None
    source: tuple[str, ...] = ()
    note: str | None = None

    def rank(self, label: object) -> int | None:
        """Position of ``label`` on the scale (case and diacritics ignored); None if absent."""
        if self.values_low_to_high is None:
            return label if isinstance(label, int) and not isinstance(label, bool) else None
        if not isinstance(label, str):
            return None
        key = fold(label)
        for i, value in enumerate(self.values_low_to_high):
            if fold(value) == key:
                return i
        return None
