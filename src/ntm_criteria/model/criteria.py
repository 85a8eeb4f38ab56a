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
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from attrs import field, frozen

from ntm_criteria._frozen import FrozenMap, freeze
from ntm_criteria._text import fold, nearest
from ntm_criteria.errors import NotFoundError
from ntm_criteria.model.provenance import Basis, EvidenceStatus, Fact, Json, frozen_json

if TYPE_CHECKING:
    from ntm_criteria.model.layers import Override

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
    FACT = "fact"  #: an assessment fact equals ``equals``
    FACT_AT_LEAST = (
        "fact_at_least"  #: a numeric fact reaches ``threshold`` (or is given as a verdict)
    )
    INDICATOR_FACTOR = "indicator_factor"  #: an indicator's value >= ``factor`` x the set's level
    RECOGNISED_AT = "recognised_at"  #: the unit is already recognised at ``tier``


@frozen
class RecognitionCondition:
    """A condition of recognition (công nhận) besides the criteria, with its evidence.

    ``FACT`` compares the assessment fact ``fact`` with ``equals``. ``FACT_AT_LEAST`` compares it
    with ``threshold``; when the level is unspecified the caller may give the condition's verdict
    itself as ``true`` or ``false``. ``INDICATOR_FACTOR`` needs the measured value of
    ``indicator`` to reach ``factor`` times the set's own level for it (the model-commune income
    rule of Decision 319/QĐ-TTg). ``RECOGNISED_AT`` needs the unit to be recognised at
    ``tier`` already: from the decision on that tier passed to :func:`ntm_criteria.decide` as
    ``prior``, or from the fact ``recognised_<tier>`` (a recognition of an earlier year).
    """

    id: str
    rule_en: str
    check: ConditionCheck
    status: EvidenceStatus
    fact: str | None = None
    equals: Json = field(default=None, converter=frozen_json)
    threshold: Threshold | None = None
    indicator: str | None = None
    factor: float | None = None
    tier: str | None = None
    basis: Basis | None = None
    source: tuple[str, ...] = ()
    note: str | None = None


@frozen
class DroppedCondition:
    """A recognition condition a layer removes, with the evidence for removing it.

    ``all_criteria_met`` can never be removed; every decision under a layer that removes a
    condition carries a caveat naming it.
    """

    id: str
    status: EvidenceStatus
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
class ZoneRule:
    """How a commune falls in a zone when the zone is a commune group (2026-2030).

    The commune is in ``zone`` when any test of ``any_of`` holds for its facts; a rule with
    ``otherwise`` set takes every commune no other rule takes. The rules are the set's data,
    and an explicit ``Commune.commune_group`` always wins.
    """

    zone: str
    status: EvidenceStatus
    any_of: tuple[Applicability, ...] = ()
    otherwise: bool = False
    basis: Basis | None = None
    source: tuple[str, ...] = ()
    note: str | None = None


@frozen
class Rule:
    """Another rule of the set, kept as documented data (not evaluated).

    A rule with ``stated`` set is stated in every evaluation under the set (as a caveat with
    its evidence), in English and in Vietnamese (``rule_vi``): for example that recognitions
    under earlier sets do not carry over.
    """

    id: str
    rule_en: str
    status: EvidenceStatus
    rule_vi: str | None = None
    stated: bool = False
    basis: Basis | None = None
    source: tuple[str, ...] = ()
    note: str | None = None


@frozen(cache_hash=True)
class CriteriaSet:
    """A legal criteria set (bộ tiêu chí), immutable and validated on load.

    ``level`` is ``commune`` or ``district``; ``tier`` is ``standard``, ``advanced`` or
    ``model``; a tier that builds on another has a ``recognised_at`` recognition condition.
    ``layers`` lists the provincial layers and what-if overlays applied, base first.
    ``unplaced_indicators`` are indicators whose criterion the law does not establish.

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
    indicator_count: Fact
    zones: tuple[Zone, ...]
    criteria: tuple[Criterion, ...]
    recognition: Recognition
    groups: tuple[CriterionGroup, ...] = ()
    in_force_until: dt.date | None = None
    group_count: Fact | None = None
    note: str | None = None
    layers: tuple[str, ...] = ()
    superseded_by: str | None = None
    replaces: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    zone_overrides: tuple[ZoneOverride, ...] = ()
    zone_rules: tuple[ZoneRule, ...] = ()
    unplaced_indicators: tuple[Indicator, ...] = ()
    scales: FrozenMap[str, Scale] = field(factory=FrozenMap, converter=freeze)
    rules: tuple[Rule, ...] = ()
    open_questions: tuple[str, ...] = ()
    dropped_conditions: tuple[DroppedCondition, ...] = ()

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

    def indicators(self) -> Iterator[tuple[Criterion | None, Indicator]]:
        """Every top-level indicator with its criterion, in table order; unplaced ones last."""
        for c in self.criteria:
            for ind in c.indicators:
                yield c, ind
        for ind in self.unplaced_indicators:
            yield None, ind

    def indicator_ids(self) -> tuple[str, ...]:
        """Every leaf indicator id (compound indicators give their parts' ids)."""
        ids: list[str] = []
        for _, ind in self.indicators():
            ids.extend(p.id for p in ind.parts) if ind.parts else ids.append(ind.id)
        return tuple(ids)

    def value_keys(self) -> dict[str, Indicator]:
        """Every key a measured value may be given under, with its indicator.

        A leaf indicator takes its id; the parts of a compound indicator take theirs; an
        indicator measured per sex (``per_sex``) takes ``<id>/male`` and ``<id>/female``.
        """
        keys: dict[str, Indicator] = {}
        for _, ind in self.indicators():
            for leaf in ind.parts or (ind,):
                if leaf.measured_per_sex:
                    keys[f"{leaf.id}/male"] = leaf
                    keys[f"{leaf.id}/female"] = leaf
                else:
                    keys[leaf.id] = leaf
        return keys

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

    def with_overrides(self, *overrides: Override, id: str | None = None) -> CriteriaSet:
        """A what-if overlay: this set with a few levels changed, each with its reason.

        The set itself is untouched and shared: unchanged criteria are the same objects, and no
        file is read again.

        >>> from ntm_criteria import Override, load_criteria_set
        >>> s = load_criteria_set("commune-2016-2020")
        >>> w = s.with_overrides(Override("10", 40, "a higher income bar", zone="TDMNPB", year=2020))
        >>> w.indicator("10").thresholds_by_year[2020]["TDMNPB"].value, w.criteria[0] is s.criteria[0]
        (40, True)
        """
        from ntm_criteria.model.layers import with_overrides

        return with_overrides(self, overrides, id)

    def fact_kinds(self) -> dict[str, str]:
        """Every fact the set's rules read, with the kind of value it takes.

        ``"yes/no"``, ``"number"``, ``"number or yes/no"`` (a level, or the verdict itself when
        the level is not established) or ``"text"``.
        """
        kinds: dict[str, str] = {}
        for c in self.recognition.conditions:
            if c.check is ConditionCheck.FACT and c.fact:
                kinds[c.fact] = "yes/no" if isinstance(c.equals, bool) else "text"
            elif c.check is ConditionCheck.FACT_AT_LEAST and c.fact:
                kinds[c.fact] = "number or yes/no"
            elif c.check is ConditionCheck.INDICATOR_FACTOR and c.fact:
                kinds[c.fact] = "number"
            elif c.check is ConditionCheck.RECOGNISED_AT:
                kinds[f"recognised_{c.tier}"] = "yes/no"
        tests = [leaf.applies_when for _, ind in self.indicators() for leaf in (ind, *ind.parts)]
        tests += [t for rule in self.zone_rules for t in rule.any_of]
        for t in tests:
            if t is None:
                continue
            if isinstance(t.equals, bool):
                kinds[t.fact] = "yes/no"
            elif t.one_of is not None or isinstance(t.equals, str):
                kinds[t.fact] = "text"
            else:
                kinds[t.fact] = "number"
        for _, ind in self.indicators():
            for leaf in (ind, *ind.parts):
                if leaf.measured_on is not None:
                    kinds[leaf.measured_on.fact] = "text"
        return kinds

    def criterion_of(self, indicator_id: str) -> Criterion | None:
        """The criterion that holds the indicator or part ``indicator_id`` (None if unplaced)."""
        for c, ind in self.indicators():
            if ind.id == indicator_id or any(p.id == indicator_id for p in ind.parts):
                return c
        self.indicator(indicator_id)  # raises with suggestions
        raise AssertionError("unreachable")  # pragma: no cover
