"""Compiled programs: a criteria set resolved for one zone and year, flattened for many communes.

:func:`program` turns the engine's resolved plan into a flat tuple of leaf indicators (value
key, comparator bound to the cell's level, the applicability rule) and the criteria as runs
over it; :func:`run` judges one assessment by it into status codes and margins, checking each
value at the door as it reads it. The verdicts are the engine's own: the same comparators, the
same three-valued logic (a table over bit masks), and for an indicator whose verdict depends on
a series or on the standard it is measured on, the engine's verdict function itself.
:mod:`ntm_criteria.engine.batch` and :mod:`ntm_criteria.engine.columns` run these programs.
"""

from __future__ import annotations

import functools
import math
from array import array

from attrs import frozen

from ntm_criteria.engine.checks import Checker, check_assessment, value_checkers
from ntm_criteria.engine.compile import ResolvedIndicator, ResolvedSet, resolve_set
from ntm_criteria.engine.results import Status
from ntm_criteria.engine.verdicts import leaf_verdict
from ntm_criteria.errors import CriteriaDataError
from ntm_criteria.model.commune import Assessment
from ntm_criteria.model.criteria import CriteriaSet
from ntm_criteria.model.indicators import Applicability, Kind, Scale
from ntm_criteria.model.provenance import EvidenceStatus
from ntm_criteria.model.requirements import UNIT_BOUNDS, Comparator, requirement

#: Status codes in the arrays, and the statuses they stand for.
MET, NOT_MET, UNKNOWN, NOT_APPLICABLE = 0, 1, 2, 3
STATUSES: tuple[Status, ...] = (Status.MET, Status.NOT_MET, Status.UNKNOWN, Status.NOT_APPLICABLE)
_NO_MARGIN = math.nan


@frozen
class Leaf:
    """One leaf indicator of a compiled program."""

    key: str  #: its value key (a per-sex half has its own)
    check: Comparator | None  #: its verdict against the level; None: no level to compare with
    applies: bool  #: False when the cell does not apply (not applicable)
    #: the resolved indicator, when its verdict depends on a series (a growth rate) or on the
    #: standard it is measured on: then the engine's verdict function decides it
    special: ResolvedIndicator | None
    criterion: int | None
    #: the rule it applies by, when that depends on a fact (its verdict: not applicable when
    #: the fact says so, unknown rather than not met while the fact is not given)
    rule: Applicability | None = None
    kind: Kind | None = None  #: its requirement kind
    level: object = None  #: the cell's level (None: none established)
    scale: Scale | None = None  #: its rating scale, for a rating


def _leaves(ri: ResolvedIndicator, criterion: int | None) -> list[Leaf]:
    if ri.parts:
        return [leaf for part in ri.parts for leaf in _leaves(part, criterion)]
    ind, cell = ri.indicator, ri.threshold
    applies = cell is not None and cell.applies
    rule = ind.applies_when
    conditional = (
        rule if rule is not None and rule.status is not EvidenceStatus.UNSPECIFIED else None
    )
    special = applies and (ind.measured_on is not None or ind.growth_of is not None)
    return [
        Leaf(
            ind.id,
            ri.check,
            applies,
            ri if special else None,
            criterion,
            None if special else conditional,
            ind.kind,
            None if cell is None else cell.value,
            ri.scale,
        )
    ]


#: How a step checks its value at the door: by the checker, or first by a quick test that
#: accepts only what the checker accepts (a number within the unit's bounds, a bool, a whole
#: count of at least 0), the checker deciding the rest.
BY_CHECKER, NUMBER, YES_NO, COUNT = 0, 1, 2, 3

Step = tuple[
    str,  # the value key
    "Comparator | None",
    bool,  # whether the cell applies
    "ResolvedIndicator | None",  # special: decided by the engine's verdict function
    "int | None",  # the criterion
    "Applicability | None",  # the fact-dependent rule it applies by
    int,  # how the value is checked: BY_CHECKER, NUMBER, YES_NO, COUNT
    float,  # the unit's lowest value (NUMBER)
    float,  # the unit's highest value (NUMBER)
    Checker,
]


@frozen
class Program:
    """A set resolved for one zone and year, flattened for many communes.

    ``leaves`` are the leaf indicators in table order, the unplaced ones last; ``criteria``
    holds, per criterion, its number, whether its indicator list is incomplete, and its
    top-level indicators as (first leaf, end) runs over ``leaves``.
    """

    plan: ResolvedSet
    leaves: tuple[Leaf, ...]
    criteria: tuple[tuple[int, bool, tuple[tuple[int, int], ...]], ...]
    #: the leaves as plain tuples for the loop (see Step)
    steps: tuple[Step, ...]
    #: per criterion: its number, incompleteness, single-leaf tops, compound tops, all runs
    tops: tuple[
        tuple[int, bool, tuple[int, ...], tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]],
        ...,
    ]

    @property
    def leaf_ids(self) -> tuple[str, ...]:
        """The leaves' indicator ids, in order (per-sex halves as ``<id>/male``, ...)."""
        return tuple(leaf.key for leaf in self.leaves)


def _step(s: CriteriaSet, leaf: Leaf, checkers: dict[str, Checker]) -> Step:
    ind = s.value_keys()[leaf.key]
    how, low, high = BY_CHECKER, -math.inf, math.inf
    if requirement(ind.kind).numeric:
        bounds = UNIT_BOUNDS.get(ind.unit, (None, None)) if ind.unit is not None else (None, None)
        how = NUMBER
        low = -math.inf if bounds[0] is None else bounds[0]
        high = math.inf if bounds[1] is None else bounds[1]
    elif ind.kind is Kind.ACHIEVED:
        how = YES_NO
    elif ind.kind is Kind.NONE_ALLOWED:
        how = COUNT
    return (
        leaf.key,
        leaf.check,
        leaf.applies,
        leaf.special,
        leaf.criterion,
        leaf.rule,
        how,
        low,
        high,
        checkers[leaf.key],
    )


@functools.lru_cache(maxsize=512)
def program(criteria_set: CriteriaSet, zone: str, year: int) -> Program:
    """The compiled program of ``criteria_set`` for ``zone`` and ``year`` (cached)."""
    plan = resolve_set(criteria_set, zone, year)
    leaves: list[Leaf] = []
    criteria = []
    for rc in plan.criteria:
        runs = []
        for ri in rc.indicators:
            first = len(leaves)
            leaves.extend(_leaves(ri, rc.criterion.id))
            runs.append((first, len(leaves)))
        criteria.append((rc.criterion.id, rc.incomplete_caveat is not None, tuple(runs)))
    for ri in plan.unplaced:
        leaves.extend(_leaves(ri, None))
    if len({leaf.key for leaf in leaves}) != len(leaves):
        # run() finds an unknown value key by counting the values it reads: one leaf a key
        raise CriteriaDataError(criteria_set.id, ["a value key names two leaf indicators"])
    checkers = value_checkers(criteria_set)
    tops = tuple(
        (
            number,
            incomplete,
            tuple(i for i, j in runs if j == i + 1),
            tuple((i, j) for i, j in runs if j != i + 1),
            runs,
        )
        for number, incomplete, runs in criteria
    )
    return Program(
        plan,
        tuple(leaves),
        tuple(criteria),
        tuple(_step(criteria_set, leaf, checkers) for leaf in leaves),
        tops,
    )


_BIT = (1, 2, 4, 8)  # MET, NOT_MET, UNKNOWN, NOT_APPLICABLE as bits of a mask


def _combined(mask: int) -> int:
    relevant = mask & 7  # not-applicable verdicts left out
    if not relevant:
        return NOT_APPLICABLE
    if relevant & 2:
        return NOT_MET
    return MET if relevant == 1 else UNKNOWN


#: The combination of the verdicts present in a mask: three-valued logic, once for all masks.
COMBINED = tuple(_combined(mask) for mask in range(16))


def run(p: Program, a: Assessment, zone: str) -> tuple[bytes, array[float]]:
    """The criterion statuses followed by the leaf statuses (codes), and the leaf margins
    (NaN for none), of ``a`` under ``p``: the verdicts :func:`evaluate` gives.

    Every value is checked as it is read, at the door, by its indicator's checker (or the
    checker's own quick test); an assessment with a value the set refuses, or a key it does
    not have, raises the :class:`AssessmentError` that ``evaluate`` raises.
    """
    get = a.values.lookup
    codes = bytearray()
    margins = array("d")
    found = 0
    refused = False
    derived: dict[int, bool] = {}  # whether a special leaf has a value (a growth rate may)
    for n, (key, check, applies, special, criterion, rule, how, low, high, checker) in enumerate(
        p.steps
    ):
        value = get(key)
        if value is not None:
            found += 1
            kind = value.__class__
            if how == NUMBER:
                ok = (kind is float or kind is int) and low <= value <= high  # type: ignore[operator]
            elif how == YES_NO:
                ok = value is True or value is False
            else:
                ok = how == COUNT and kind is int and value >= 0  # type: ignore[operator]
            if not ok and checker(value) is not None:
                refused = True
                codes.append(UNKNOWN)
                margins.append(_NO_MARGIN)
                continue
        if special is not None:
            r = leaf_verdict(special, a, zone, criterion)
            codes.append(STATUSES.index(r.status))
            margins.append(_NO_MARGIN if r.margin is None else r.margin)
            derived[n] = r.value is not None
        elif not applies:
            codes.append(NOT_APPLICABLE)
            margins.append(_NO_MARGIN)
        elif rule is not None:  # as the engine's verdict function decides it
            observed = a.facts.lookup(rule.fact)
            holds = None if observed is None else rule.holds(observed)
            if holds is False:
                codes.append(NOT_APPLICABLE)
                margins.append(_NO_MARGIN)
            elif value is None or check is None:
                codes.append(UNKNOWN)
                margins.append(_NO_MARGIN)
            else:
                passed, margin = check(value)
                # failing, it may not apply at all while its fact is not given
                codes.append(MET if passed else NOT_MET if holds else UNKNOWN)
                margins.append(_NO_MARGIN if margin is None else margin)
        elif value is None or check is None:
            codes.append(UNKNOWN)
            margins.append(_NO_MARGIN)
        else:
            passed, margin = check(value)
            codes.append(MET if passed else NOT_MET)
            margins.append(_NO_MARGIN if margin is None else margin)
    s = p.plan.criteria_set
    if refused or found != len(a.values):  # a value the set refuses, or a key it lacks
        check_assessment(a, s)  # says what is wrong, as evaluate does
    if a.declarations or a.facts:
        check_assessment(a, s, values_checked=True)
    declared = a.declarations.lookup
    steps = p.steps
    statuses = bytearray()
    for number, incomplete, singles, compounds, runs in p.tops:
        if not runs:
            measured = UNKNOWN  # no listed indicator: its content is unknown
        else:
            mask = 0
            for i in singles:
                mask |= _BIT[codes[i]]
            for i, j in compounds:
                parts = 0
                for k in range(i, j):
                    parts |= _BIT[codes[k]]
                mask |= _BIT[COMBINED[parts]]
            measured = COMBINED[mask]
        if incomplete and measured in (MET, UNKNOWN):
            measured = UNKNOWN
        said = declared(number)
        if said is None:
            statuses.append(measured)
        elif measured in (MET, NOT_MET) and any(
            derived[k] if k in derived else get(steps[k][0]) is not None
            for first, end in runs
            for k in range(first, end)
        ):
            statuses.append(measured if (measured == MET) == said else UNKNOWN)  # a conflict
        else:
            statuses.append(MET if said else NOT_MET)
    return bytes(statuses + codes), margins


__all__ = ["COMBINED", "STATUSES", "Leaf", "Program", "Step", "program", "run"]
