"""One home for the requirement kinds: what each accepts, how it compares, what is looser.

An indicator states one requirement :class:`~ntm_criteria.model.indicators.Kind`. Everything
that depends on the kind goes through :func:`requirement`: which levels a cell may hold and
which values an assessment may give (:meth:`Requirement.level_problem`,
:meth:`Requirement.value_problem`), the verdict and margin of a value against a level
(:meth:`Requirement.compare`), whether a new level asks less than an old one
(:meth:`Requirement.looser`, the layer rule), its sign in explanations and the words of its gap.
A new kind is one more entry here. Units add their hard bounds (:func:`unit_problem`: a
percentage is 0-100, a count or an amount of money is not negative).
"""

from __future__ import annotations

from collections.abc import Callable

from attrs import frozen

from ntm_criteria.model.indicators import Kind, Scale, Unit

#: Hard bounds of a unit's values (None: unbounded on that side).
UNIT_BOUNDS: dict[Unit, tuple[float | None, float | None]] = {
    Unit.PERCENT: (0, 100),
    Unit.COUNT: (0, None),
    Unit.MILLION_VND_PER_PERSON_PER_YEAR: (0, None),
}


#: A value's verdict against a bound level, and its margin (positive: to spare).
Comparator = Callable[[object], tuple[bool, "float | None"]]


def _number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _rank(scale: Scale | None, label: object) -> int:
    rank = None if scale is None else scale.rank(label)
    return -1 if rank is None else rank


@frozen
class Requirement:
    """The behaviour of one requirement kind."""

    kind: Kind
    symbol: str  #: its sign in explanations (≥, ≤, =)
    gap_key: str | None  #: the message key of its gap ("gap.raise"), None where it has none
    numeric: bool = False  #: a level on a number line, which a value can near or pass

    def closing_value(self, level: object) -> object:
        """The value that just meets ``level``: the level itself, Đạt, or none left."""
        if self.kind is Kind.ACHIEVED:
            return True
        if self.kind is Kind.NONE_ALLOWED:
            return 0
        return level

    def level_problem(self, level: object, scale: Scale | None) -> str | None:
        """Why ``level`` cannot be a cell's value for this kind, or None."""
        k = self.kind
        if k in (Kind.AT_LEAST, Kind.AT_MOST) and not _number(level):
            return f"{k.value} needs a number, got {level!r}"
        if k is Kind.ACHIEVED and level is not True:
            return f"achieved needs value = true ('Đạt'), got {level!r}"
        if k is Kind.NONE_ALLOWED and not (_number(level) and level == 0):
            return f"none_allowed needs value = 0, got {level!r}"
        if k is Kind.MIN_RATING and scale is not None and scale.rank(level) is None:
            return f"{level!r} is not a level of the scale"
        return None

    def value_problem(self, value: object, scale: Scale | None) -> str | None:
        """Why ``value`` cannot be a measured value for this kind, or None."""
        k = self.kind
        if k in (Kind.AT_LEAST, Kind.AT_MOST):
            return None if _number(value) else f"expected a number, got {value!r}"
        if k is Kind.ACHIEVED and not isinstance(value, bool):
            return f"expected true (Đạt) or false (Chưa đạt), got {value!r}"
        if k is Kind.NONE_ALLOWED and not (
            isinstance(value, int) and not isinstance(value, bool) and value >= 0
        ):
            return f"expected a count (a whole number of at least 0), got {value!r}"
        if k is Kind.MIN_RATING and (scale is None or scale.rank(value) is None):
            levels = ", ".join(scale.values_low_to_high or ()) if scale else ""
            return f"expected a rating on the scale ({levels}), got {value!r}"
        return None

    def compare(
        self, value: object, level: object, scale: Scale | None
    ) -> tuple[bool, float | None]:
        """The verdict of ``value`` against ``level`` and its margin (positive: to spare)."""
        return self.comparator(level, scale)(value)

    def comparator(self, level: object, scale: Scale | None) -> Comparator:
        """:meth:`compare` with its level (and scale) bound once, for many values: the engine
        binds one per resolved cell."""
        k = self.kind
        if k is Kind.AT_LEAST:
            at_least = float(level)  # type: ignore[arg-type]
            # The margin in the written decimals: 31.2 - 36 is -4.8, not -4.799999999999997
            # (the tables and assessments have far fewer than 9 decimals).
            return lambda v: (float(v) >= at_least, round(v - level, 9) + 0.0)  # type: ignore[arg-type,operator]
        if k is Kind.AT_MOST:
            at_most = float(level)  # type: ignore[arg-type]
            return lambda v: (float(v) <= at_most, round(level - v, 9) + 0.0)  # type: ignore[arg-type,operator]
        if k is Kind.NONE_ALLOWED:
            return lambda v: (v == 0, -float(v))  # type: ignore[arg-type]
        if k is Kind.ACHIEVED:
            return lambda v: (v is True, None)
        if k is Kind.MIN_RATING:
            assert scale is not None  # validated on load
            need = scale.rank(level)
            assert need is not None  # validated on load
            rank = scale.rank

            def rated(v: object) -> tuple[bool, float | None]:
                have = rank(v)
                assert have is not None  # validated in check_assessment
                return have >= need, float(have - need)

            return rated
        raise AssertionError(f"{k} is compared by its parts")  # pragma: no cover

    def looser(self, new: object, old: object, scale: Scale | None) -> bool:
        """Whether the level ``new`` asks less of a commune than ``old`` (both given)."""
        k = self.kind
        if k is Kind.AT_LEAST:
            return float(new) < float(old)  # type: ignore[arg-type]
        if k is Kind.AT_MOST:
            return float(new) > float(old)  # type: ignore[arg-type]
        if k is Kind.MIN_RATING:
            return _rank(scale, new) < _rank(scale, old)
        return new != old


REQUIREMENTS: dict[Kind, Requirement] = {
    Kind.AT_LEAST: Requirement(Kind.AT_LEAST, "≥", "gap.raise", numeric=True),
    Kind.AT_MOST: Requirement(Kind.AT_MOST, "≤", "gap.lower", numeric=True),
    Kind.NONE_ALLOWED: Requirement(Kind.NONE_ALLOWED, "=", "gap.remove"),
    Kind.ACHIEVED: Requirement(Kind.ACHIEVED, "=", "gap.achieve"),
    Kind.MIN_RATING: Requirement(Kind.MIN_RATING, "≥", "gap.rating"),
    Kind.ALL_OF: Requirement(Kind.ALL_OF, "", None),
}


def requirement(kind: Kind) -> Requirement:
    """The behaviour of ``kind``."""
    return REQUIREMENTS[kind]


def unit_problem(unit: Unit | None, value: object) -> str | None:
    """Why a number is outside its unit's hard bounds, or None."""
    low, high = UNIT_BOUNDS.get(unit, (None, None)) if unit is not None else (None, None)
    if not _number(value):
        return None
    v = float(value)  # type: ignore[arg-type]
    if unit is Unit.PERCENT and not low <= v <= high:  # type: ignore[operator]
        return f"a percentage is between 0 and 100, got {value!r}"
    if low is not None and v < low:
        return f"expected a number of at least {low:g}, got {value!r}"
    if high is not None and v > high:
        return f"expected a number of at most {high:g}, got {value!r}"
    return None


__all__ = [
    "REQUIREMENTS",
    "UNIT_BOUNDS",
    "Comparator",
    "Requirement",
    "requirement",
    "unit_problem",
]
