"""The rules of the model that types cannot express, checked on every set that is built.

Every zone has a cell, each cell's value fits its requirement kind, statuses and bases agree
with the reference's rules, groups and criteria refer to each other. Every problem is reported
at once, each with its path inside the file (``$.criteria[9].indicators[0]...``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ntm_criteria._text import fold
from ntm_criteria.errors import CriteriaDataError
from ntm_criteria.model.commune import COMMUNE_FLAGS
from ntm_criteria.model.indicators import Indicator, Kind, Threshold
from ntm_criteria.model.provenance import EvidenceStatus, evidence_problem
from ntm_criteria.model.requirements import requirement, unit_problem
from ntm_criteria.model.rules import ConditionCheck, RecognitionCondition, ZoneKind

if TYPE_CHECKING:
    from ntm_criteria.model.criteria import CriteriaSet


def validate_criteria_set(criteria_set: CriteriaSet, origin: str) -> None:
    """Check the rules of the model that types cannot express.

    Raises:
        CriteriaDataError: listing every problem found, each with its path.
    """
    problems = list(_problems(criteria_set))
    if problems:
        raise CriteriaDataError(origin, problems)


def _evidence(s: CriteriaSet) -> Iterator[tuple[str, object]]:
    """Every record of the set that carries a status and basis, with its path."""
    yield "$.criteria_count", s.criteria_count
    yield "$.group_count", s.group_count
    yield "$.indicator_count", s.indicator_count
    for i, g in enumerate(s.groups):
        yield f"$.groups[{i}]", g
    for name, scale in s.scales.items():
        yield f"$.scales['{name}']", scale
    for i, r in enumerate(s.rules):
        yield f"$.rules[{i}]", r
    for i, cond in enumerate(s.recognition.conditions):
        yield f"$.recognition.conditions[{i}]", cond
    if s.recognition.decided_by is not None:
        yield "$.recognition.decided_by", s.recognition.decided_by
    for i, c in enumerate(s.criteria):
        yield f"$.criteria[{i}].indicator_count", c.indicator_count
        if c.definition is not None:
            yield f"$.criteria[{i}].definition", c.definition
        for j, ind in enumerate(c.indicators):
            for k, leaf in enumerate((ind, *ind.parts)):
                at = f"$.criteria[{i}].indicators[{j}]" + (f".parts[{k - 1}]" if k else "")
                for name in ("definition", "measurement", "per_sex", "applies_when"):
                    if (record := getattr(leaf, name)) is not None:
                        yield f"{at}.{name}", record


def _problems(s: CriteriaSet) -> Iterator[str]:
    for at, record in _evidence(s):
        if record is None:
            continue
        status, basis = record.status, record.basis  # type: ignore[attr-defined]
        problem = evidence_problem(
            status, basis, has_value=status is not EvidenceStatus.UNSPECIFIED
        )
        if problem:
            yield f"{problem} @ {at}"
    zones = s.zone_codes
    if len(set(zones)) != len(zones):
        yield "zone codes repeat @ $.zones"
    yield from _name_clashes(s)
    for i, z in enumerate(s.zones):
        if z.kind not in (ZoneKind.GENERAL, s.zone_dimension):
            yield f"zone {z.code!r} is a {z.kind.value}, the set's zones are {s.zone_dimension.value}s @ $.zones[{i}]"
    if s.in_force_until is not None and s.in_force_until < s.in_force_from:
        yield "in_force_until is before in_force_from @ $.in_force_until"
    for i, o in enumerate(s.zone_overrides):
        at = f"$.zone_overrides[{i}]"
        if o.commune_flag not in COMMUNE_FLAGS:
            yield f"commune_flag {o.commune_flag!r} is not a flag of Commune ({', '.join(COMMUNE_FLAGS)}) @ {at}.commune_flag"
        if o.use_zone not in zones:
            yield f"use_zone {o.use_zone!r} is not a zone of the set @ {at}.use_zone"
        problem = evidence_problem(o.status, o.basis, has_value=True)
        if problem and o.status is not EvidenceStatus.UNSPECIFIED:
            yield f"{problem} @ {at}"
    group_ids = [g.id for g in s.groups]
    criterion_ids = [c.id for c in s.criteria]
    if len(set(criterion_ids)) != len(criterion_ids):
        yield "criterion ids repeat @ $.criteria"
    grouped = [n for g in s.groups for n in g.criteria]
    for n in sorted(set(criterion_ids) ^ set(grouped)) if s.groups else ():
        yield f"criterion {n} is in {'no group' if n in criterion_ids else 'a group but not defined'} @ $.groups"
    for i, c in enumerate(s.criteria):
        if c.group is None and not s.groups:
            pass  # a set without groups of criteria (2026-2030)
        elif c.group not in group_ids:
            yield f"group {c.group!r} is not defined @ $.criteria[{i}].group"
        elif c.id not in s.groups[group_ids.index(c.group or "")].criteria:
            yield f"criterion {c.id} names group {c.group!r}, which does not list it @ $.criteria[{i}].group"
        for j, ind in enumerate(c.indicators):
            yield from _indicator_problems(s, ind, f"$.criteria[{i}].indicators[{j}]")
    ids = [i for _, ind in s.indicators() for i in (ind.id, *(p.id for p in ind.parts))]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        yield f"indicator id {dup!r} is used more than once @ $.criteria"
    for j, ind in enumerate(s.unplaced_indicators):
        yield from _indicator_problems(s, ind, f"$.unplaced_indicators[{j}]")
    for i, cond in enumerate(s.recognition.conditions):
        yield from _condition_problems(cond, f"$.recognition.conditions[{i}]")
    for i, rule in enumerate(s.zone_rules):
        at = f"$.zone_rules[{i}]"
        if rule.zone not in zones:
            yield f"zone {rule.zone!r} is not a zone of the set @ {at}.zone"
        if rule.otherwise == bool(rule.any_of):
            yield f"a zone rule has either tests (any_of) or otherwise = true @ {at}"
        for k, test in enumerate(rule.any_of):
            if test.comparisons() != 1:
                yield f"a test needs one of equals, one_of, more_than, less_than, at_most @ {at}.any_of[{k}]"
    if s.zone_rules and s.zone_dimension is not ZoneKind.COMMUNE_GROUP:
        yield "zone_rules are for sets whose zones are commune groups @ $.zone_rules"


def _condition_problems(cond: RecognitionCondition, at: str) -> Iterator[str]:
    needs = {
        ConditionCheck.ALL_CRITERIA_MET: (),
        ConditionCheck.FACT: ("fact", "equals"),
        ConditionCheck.FACT_AT_LEAST: ("fact", "threshold"),
        ConditionCheck.INDICATOR_FACTOR: ("fact", "indicator", "factor"),
        # the tier, and the fact that records an earlier recognition at it
        ConditionCheck.RECOGNISED_AT: ("tier", "fact"),
    }[cond.check]
    for name in needs:
        if getattr(cond, name) is None:
            yield f"a {cond.check.value!r} condition needs {name!r} @ {at}"
    if cond.check is ConditionCheck.ALL_CRITERIA_MET and cond.fact:
        yield f"a {cond.check.value!r} condition reads no fact @ {at}.fact"
    t = cond.threshold
    if t is not None and (
        problem := evidence_problem(t.status, t.basis, has_value=t.value is not None)
    ):
        yield f"{problem} @ {at}.threshold"


def _indicator_problems(s: CriteriaSet, ind: Indicator, at: str) -> Iterator[str]:
    shapes = [bool(ind.thresholds), bool(ind.thresholds_by_year), bool(ind.parts)]
    if sum(shapes) != 1:
        yield (
            f"indicator {ind.id} needs exactly one of thresholds, thresholds_by_year, parts @ {at}"
        )
    if (ind.kind is Kind.ALL_OF) != bool(ind.parts):
        yield f"indicator {ind.id}: kind all_of goes with parts, and only it does @ {at}.kind"
    if ind.kind is Kind.MIN_RATING and ind.scale not in s.scales:
        yield (
            f"indicator {ind.id}: min_rating needs a scale defined in scales, "
            f"got {ind.scale!r} @ {at}.scale"
        )
    if ind.applies_when is not None and ind.applies_when.comparisons() != 1:
        yield f"applies_when needs one of equals, one_of, more_than, less_than, at_most @ {at}.applies_when"
    for k, part in enumerate(ind.parts):
        yield from _indicator_problems(s, part, f"{at}.parts[{k}]")
    tables = [("thresholds", ind.thresholds)] if ind.thresholds else []
    tables += [(f"thresholds_by_year[{y}]", row) for y, row in ind.thresholds_by_year.items()]
    for name, table in tables:
        for zone in s.zone_codes:
            if zone not in table:
                yield f"indicator {ind.id}: no cell for zone {zone!r} @ {at}.{name}"
        for zone, cell in table.items():
            where = f"{at}.{name}['{zone}']"
            if zone not in s.zone_codes:
                yield f"zone {zone!r} is not a zone of the set @ {where}"
            yield from cell_problems(s, ind, cell, where)


def cell_problems(s: CriteriaSet, ind: Indicator, cell: Threshold, at: str) -> Iterator[str]:
    # A cell that does not apply states a fact (no requirement here) without a value.
    has_value = cell.value is not None or not cell.applies
    if problem := evidence_problem(cell.status, cell.basis, has_value=has_value):
        yield f"{problem} @ {at}"
    if cell.status is not EvidenceStatus.UNSPECIFIED and not cell.source and cell.reason is None:
        # Every figure names where it comes from; only a what-if change rests on its reason.
        yield f"a {cell.status.value} figure needs at least one source @ {at}.source"
    v = cell.value
    if v is None:
        return
    scale = s.scales.get(ind.scale or "")
    if problem := requirement(ind.kind).level_problem(v, scale):
        yield f"{problem} @ {at}.value"
    if problem := unit_problem(ind.unit, v):
        yield f"{problem} @ {at}.value"


def _name_clashes(s: CriteriaSet) -> Iterator[str]:
    """A criterion name or alias that is also another criterion's: look-ups would be ambiguous."""
    owner: dict[str, int] = {}
    for i, c in enumerate(s.criteria):
        for name in dict.fromkeys(
            fold(n) for n in (c.name_vi, c.name_en, *c.aliases_vi, *c.aliases_en)
        ):
            if name in owner and owner[name] != c.id:
                yield (
                    f"the name {name!r} of criterion {c.id} is also criterion {owner[name]}'s "
                    f"@ $.criteria[{i}]"
                )
            owner.setdefault(name, c.id)
