"""Whether an assessment can be evaluated under a set: ids, values, facts (the engine's door).

Everything an assessment names must exist in the set and fit it: each value key an indicator
(or part) of the set, each value of its indicator's kind and unit, each declaration a criterion
of the set, each fact one the set reads, of the kind it reads. Every problem is reported at once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

from ntm_criteria._text import nearest
from ntm_criteria.errors import AssessmentError
from ntm_criteria.model.commune import Assessment
from ntm_criteria.model.criteria import CriteriaSet
from ntm_criteria.model.indicators import Indicator, Kind, Unit
from ntm_criteria.model.requirements import UNIT_BOUNDS, requirement, unit_problem


def check_assessment(
    assessment: Assessment, s: CriteriaSet, *, values_checked: bool = False
) -> None:
    """Reject values and declarations the set cannot use, listing every problem.

    Args:
        values_checked: the values were checked already, each by its indicator's
            :func:`value_checkers` entry, and every key is a value key of the set (the batch
            kernel checks them as it reads them); only declarations and facts are left.

    Raises:
        AssessmentError: with one line per problem.
    """
    problems: list[str] = []
    who = assessment.commune.name
    keys, criterion_ids, kinds, checkers = _keys(s)
    for key, value in () if values_checked else assessment.values.items():
        check = checkers.get(key)
        if check is None:
            problems.append(f"{who}: {_unknown_id(s, key, keys)}")
            continue
        problem = check(value)
        if problem:
            problems.append(f"{who}: indicator {key}: {problem}")
    for number in assessment.declarations:
        if number not in criterion_ids:
            problems.append(f"{who}: declaration for criterion {number}, which {s.id} lacks")
    for name, value in assessment.facts.items():
        kind = kinds.get(name)
        if kind is None:
            hint = nearest(name, kinds)
            known = (
                f"did you mean {', '.join(hint)}?"
                if hint
                else f"it reads {', '.join(sorted(kinds)) or 'none'}"
            )
            problems.append(f"{who}: fact {name!r} is not read by {s.id}; {known}")
        elif (problem := _fact_problem(kind, value)) is not None:
            problems.append(f"{who}: fact {name!r}: expected {problem}, got {value!r}")
    if problems:
        raise AssessmentError(problems)


def _fact_problem(kind: str, value: object) -> str | None:
    """What a fact of ``kind`` (see :meth:`CriteriaSet.fact_kinds`) expects, if ``value`` is not it."""
    number = isinstance(value, int | float) and not isinstance(value, bool)
    ok = {
        "yes/no": isinstance(value, bool),
        "number": number,
        "number or yes/no": number or isinstance(value, bool),
        "text": isinstance(value, str),
    }.get(kind, True)
    return None if ok else {"yes/no": "true or false"}.get(kind, f"a value of kind {kind}")


Checker = Callable[[object], "str | None"]


@functools.lru_cache(maxsize=256)
def _keys(
    s: CriteriaSet,
) -> tuple[dict[str, Indicator], frozenset[int], dict[str, str], dict[str, Checker]]:
    """The set's value keys, criteria, facts, and a value checker per key (made once)."""
    keys = s.value_keys()
    checkers = {key: _checker(s, ind) for key, ind in keys.items()}
    return keys, frozenset(c.id for c in s.criteria), s.fact_kinds(), checkers


def value_checkers(s: CriteriaSet) -> dict[str, Checker]:
    """A check per value key of ``s``: why a value cannot be that indicator's, or None."""
    return _keys(s)[3]


def _checker(s: CriteriaSet, ind: Indicator) -> Checker:
    """A check of one indicator's values: the common types in a quick test, the rest by
    :func:`_value_problem` (the same answers)."""
    low, high = UNIT_BOUNDS.get(ind.unit, (None, None)) if ind.unit is not None else (None, None)

    def full(v: object) -> str | None:
        return _value_problem(s, ind, v)

    if requirement(ind.kind).numeric:

        def numeric(v: object) -> str | None:
            if type(v) is float or type(v) is int:
                x: float = v
                if (low is None or x >= low) and (high is None or x <= high):
                    return None
            return full(v)

        return numeric
    if ind.kind is Kind.ACHIEVED:
        return lambda v: None if v is True or v is False else full(v)
    return full


def _unknown_id(s: CriteriaSet, key: str, leaf_ids: Iterable[str]) -> str:
    for _, ind in s.indicators():
        if ind.id == key and ind.parts:
            parts = ", ".join(p.id for p in ind.parts)
            return f"indicator {key} is compound: give a value for each part ({parts})"
        for leaf in (ind, *ind.parts):
            if leaf.id == key and leaf.measured_per_sex:
                return f"indicator {key} is measured per sex: give {key}/male and {key}/female"
    hint = nearest(key, leaf_ids)
    suffix = f"; nearest ids: {', '.join(hint)}" if hint else ""
    return f"unknown indicator id {key!r} in {s.id}{suffix}"


def _value_problem(s: CriteriaSet, ind: Indicator, v: object) -> str | None:
    kind = type(v)
    if kind is float and ind.kind is Kind.AT_LEAST and ind.unit is Unit.PERCENT and 0 <= v <= 100:  # type: ignore[operator]
        return None  # the common case, checked first
    scale = s.scales.get(ind.scale) if ind.scale else None
    return requirement(ind.kind).value_problem(v, scale) or unit_problem(ind.unit, v)
