"""Criteria sets as data: groups, criteria, indicators, requirements and threshold cells.

The shape follows the legal tables (and the reference files they were read from): a criterion
(tiêu chí) holds indicators (chỉ tiêu); an indicator states one requirement ``kind`` and a
threshold *cell* for every zone, or for every zone of every year where the law varies by year
(income). A compound indicator ("≥ 90% hygienic water, of which ≥ 50% clean") is ``all_of`` its
parts, each with cells of its own. Nothing here evaluates anything: that is the engine's job.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator

from attrs import field, frozen

from ntm_criteria._frozen import FrozenMap, freeze
from ntm_criteria._text import fold, nearest
from ntm_criteria.errors import NotFoundError
from ntm_criteria.model.provenance import Basis, EvidenceStatus, Fact, Json

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
        layer: the id of the set or overlay that supplied the cell (filled in on load).
    """

    status: EvidenceStatus
    value: ThresholdValue | None = None
    basis: Basis | None = None
    source: tuple[str, ...] = ()
    note: str | None = None
    applies: bool = True
    layer: str | None = None


@frozen
class Applicability:
    """A condition on a commune fact that makes an indicator apply (``applies_when``).

    Exactly one of ``equals``, ``more_than`` and ``at_most`` is set.
    """

    fact: str
    status: EvidenceStatus
    equals: Json = None
    more_than: float | None = None
    at_most: float | None = None
    rule_en: str | None = None
    basis: Basis | None = None
    source: tuple[str, ...] = ()
    note: str | None = None

    def holds(self, observed: Json) -> bool:
        """Whether the condition holds for the observed fact value."""
        if self.equals is not None:
            return bool(observed == self.equals)
        if self.more_than is not None:
            return bool(float(observed) > self.more_than)
        if self.at_most is not None:
            return bool(float(observed) <= self.at_most)
        return True


@frozen
class Indicator:
    """An indicator (chỉ tiêu) and its requirement, with a threshold cell for every zone.

    Exactly one of ``thresholds`` (zone → cell), ``thresholds_by_year`` (year → zone → cell) and
    ``parts`` (for ``all_of``) is given.
    """

    id: str
    name_vi: str
    name_en: str
    kind: Kind
    definition: Fact
    unit: Unit | None = None
    scale: str | None = None
    thresholds: FrozenMap[str, Threshold] = field(factory=FrozenMap, converter=freeze)
    thresholds_by_year: FrozenMap[int, FrozenMap[str, Threshold]] = field(
        factory=FrozenMap, converter=freeze
    )
    parts: tuple[Indicator, ...] = ()
    applies_when: Applicability | None = None
    per_sex: Fact | None = None
    measurement: Fact | None = None
    notes: str | None = None

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
    group: str
    indicator_count: Fact
    indicators: tuple[Indicator, ...]
    definition: Fact | None = None
    notes: str | None = None

    @property
    def complete(self) -> bool:
        """Whether the listed indicators are the criterion's full official list."""
        return bool(self.indicator_count.value == len(self.indicators))


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


class ZoneKind(enum.Enum):
    """What a zone column stands for."""

    GENERAL = "general"
    REGION = "region"
    COMMUNE_GROUP = "commune_group"


@frozen
class Zone:
    """A column of the criteria table: the general target, a region, or a commune group."""

    code: str
    name_vi: str
    name_en: str
    kind: ZoneKind
    rule: Fact | None = None


@frozen
class ZoneOverride:
    """A rule that makes flagged communes use another zone's levels.

    Example (2021-2025): especially difficult and safe-zone communes of poor districts use the
    TDMNPB levels. ``commune_flag`` names a boolean field of ``Commune``. An ``unspecified``
    override is never applied.
    """

    id: str
    rule_en: str
    commune_flag: str
    use_zone: str
    status: EvidenceStatus
    applies_to: tuple[str, ...] = ()
    rule_vi: str | None = None
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


class ConditionCheck(enum.Enum):
    """How a recognition condition is checked."""

    ALL_CRITERIA_MET = "all_criteria_met"  #: every criterion of the evaluation is met
    FACT = "fact"  #: an assessment fact equals the expected value


@frozen
class RecognitionCondition:
    """A condition of recognition (công nhận) besides the criteria, with its evidence."""

    id: str
    rule_en: str
    check: ConditionCheck
    status: EvidenceStatus
    fact: str | None = None
    equals: Json = None
    basis: Basis | None = None
    source: tuple[str, ...] = ()
    note: str | None = None


@frozen
class Recognition:
    """The rules of recognition for a set: the instrument and its conditions."""

    instrument: str
    conditions: tuple[RecognitionCondition, ...]
    decided_by: Fact | None = None
    note: str | None = None


@frozen
class Rule:
    """Another rule of the set, kept as documented data (not evaluated)."""

    id: str
    rule_en: str
    status: EvidenceStatus
    basis: Basis | None = None
    source: tuple[str, ...] = ()
    note: str | None = None


@frozen(cache_hash=True)
class CriteriaSet:
    """A legal criteria set (bộ tiêu chí), immutable and validated on load.

    Obtain packaged sets with :func:`ntm_criteria.load_criteria_set`. Look-ups:

    >>> from ntm_criteria import load_criteria_set
    >>> s = load_criteria_set("commune-2016-2020")
    >>> s.criterion("y te").name_en, s.criterion(15).key, s.criterion("Health").id
    ('Health', 'health', 15)
    >>> s.indicator("17.1.b").name_en
    'Of which: share of households using clean water to the national standard'
    """

    schema: str
    id: str
    name_vi: str
    name_en: str
    level: str
    tier: str
    instrument: str
    issued: dt.date
    in_force_from: dt.date
    zone_dimension: ZoneKind
    criteria_count: Fact
    group_count: Fact
    indicator_count: Fact
    zones: tuple[Zone, ...]
    groups: tuple[CriterionGroup, ...]
    criteria: tuple[Criterion, ...]
    recognition: Recognition
    in_force_until: dt.date | None = None
    superseded_by: str | None = None
    replaces: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    zone_overrides: tuple[ZoneOverride, ...] = ()
    scales: FrozenMap[str, Scale] = field(factory=FrozenMap, converter=freeze)
    rules: tuple[Rule, ...] = ()
    open_questions: tuple[str, ...] = ()

    @property
    def zone_codes(self) -> tuple[str, ...]:
        """The codes of every zone column, in table order."""
        return tuple(z.code for z in self.zones)

    def in_force_on(self, day: dt.date) -> bool:
        """Whether the set applies on ``day`` (from its entry into force until it is replaced)."""
        if day < self.in_force_from:
            return False
        return self.in_force_until is None or day <= self.in_force_until

    def criterion(self, ref: int | str) -> Criterion:
        """The criterion with number ``ref`` or whose key, Vietnamese or English name is ``ref``.

        Raises:
            NotFoundError: nothing matches; the message suggests the nearest names.
        """
        if isinstance(ref, int) and not isinstance(ref, bool):
            for c in self.criteria:
                if c.id == ref:
                    return c
        else:
            key = fold(str(ref))
            for c in self.criteria:
                if key in (str(c.id), fold(c.key), fold(c.name_vi), fold(c.name_en)):
                    return c
        names = [c.name_en for c in self.criteria] + [c.name_vi for c in self.criteria]
        hint = nearest(str(ref), names)
        suffix = f"; did you mean {', '.join(repr(h) for h in hint)}?" if hint else ""
        raise NotFoundError(f"set {self.id!r} has no criterion {ref!r}{suffix}")

    def indicators(self) -> Iterator[tuple[Criterion, Indicator]]:
        """Every top-level indicator with its criterion, in table order."""
        for c in self.criteria:
            for ind in c.indicators:
                yield c, ind

    def indicator_ids(self) -> tuple[str, ...]:
        """Every id a measured value may be given for (leaf indicators and parts)."""
        ids: list[str] = []
        for _, ind in self.indicators():
            ids.extend(p.id for p in ind.parts) if ind.parts else ids.append(ind.id)
        return tuple(ids)

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator (or part of a compound indicator) with this id.

        Raises:
            NotFoundError: no such id; the message suggests the nearest ids.
        """
        for _, ind in self.indicators():
            if ind.id == indicator_id:
                return ind
            for part in ind.parts:
                if part.id == indicator_id:
                    return part
        all_ids = [i.id for _, i in self.indicators()] + list(self.indicator_ids())
        hint = nearest(indicator_id, all_ids)
        suffix = f"; nearest ids: {', '.join(hint)}" if hint else ""
        raise NotFoundError(f"set {self.id!r} has no indicator {indicator_id!r}{suffix}")

    def criterion_of(self, indicator_id: str) -> Criterion:
        """The criterion that holds the indicator or part ``indicator_id``."""
        for c, ind in self.indicators():
            if ind.id == indicator_id or any(p.id == indicator_id for p in ind.parts):
                return c
        self.indicator(indicator_id)  # raises with suggestions
        raise AssertionError("unreachable")  # pragma: no cover
