"""Criteria sets as data: a legal set (bộ tiêu chí) and its look-ups.

The shape follows the legal tables (and the reference files they were read from): a set holds
groups of criteria (tiêu chí), each of indicators (chỉ tiêu) with threshold cells
(:mod:`ntm_criteria.model.indicators`), and the rules around them: zones, recognition and
stated rules (:mod:`ntm_criteria.model.rules`). Nothing here evaluates anything: that is the
engine's job.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from attrs import field, frozen

from ntm_criteria._frozen import FrozenMap, freeze
from ntm_criteria._text import nearest
from ntm_criteria.errors import NotFoundError
from ntm_criteria.model.indicators import (
    Criterion,
    CriterionGroup,
    Indicator,
    Scale,
)
from ntm_criteria.model.layers import Override, with_overrides
from ntm_criteria.model.names import find_criterion
from ntm_criteria.model.provenance import Fact
from ntm_criteria.model.rules import (
    ConditionCheck,
    DroppedCondition,
    Recognition,
    Rule,
    Zone,
    ZoneKind,
    ZoneOverride,
    ZoneRule,
)


@frozen(cache_hash=True, repr=False)
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

    def __repr__(self) -> str:
        layers = f" + {', '.join(self.layers)}" if self.layers else ""
        return (
            f"<CriteriaSet {self.id} {self.instrument}{layers}, {len(self.criteria)} criteria, "
            f"{self.in_force_from} to {self.in_force_until or 'now'}>"
        )

    def __str__(self) -> str:
        return f"{self.id}: {self.name_en} ({self.instrument})"

    def criterion(self, ref: int | str) -> Criterion:
        """The criterion that ``ref`` names: its number, or text as reports write it.

        "tiêu chí số 10", "TC 15", "Tiêu chí 11 - Hộ nghèo", a name in either language with or
        without diacritics, a short or earlier name (``aliases_vi`` / ``aliases_en``), or the
        first words of a name; see :mod:`ntm_criteria.model.names`.

        Raises:
            NotFoundError: nothing matches; the message suggests the nearest names.
            AmbiguityError: the text fits several criteria; the message lists them.
        """
        return find_criterion(self, ref)

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
            elif c.check is ConditionCheck.RECOGNISED_AT and c.fact:
                kinds[c.fact] = "yes/no"
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
