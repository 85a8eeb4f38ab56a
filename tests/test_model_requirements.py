"""The requirement kinds (model/requirements.py): one home for what each accepts and means."""

from __future__ import annotations

import pytest

from ntm_criteria.model.indicators import Kind, Scale, Unit
from ntm_criteria.model.provenance import EvidenceStatus
from ntm_criteria.model.requirements import REQUIREMENTS, requirement, unit_problem

RATING = Scale(EvidenceStatus.VERIFIED, ("yếu", "trung bình", "khá", "tốt"))


def test_every_kind_has_its_requirement() -> None:
    assert set(REQUIREMENTS) == set(Kind)


@pytest.mark.parametrize(
    ("kind", "value", "level", "verdict", "margin"),
    [
        (Kind.AT_LEAST, 84.0, 85, False, -1.0),  # health insurance 84% against 85%
        (Kind.AT_LEAST, 31.2, 36, False, -4.8),  # income, in the written decimals
        (Kind.AT_MOST, 11.5, 12, True, 0.5),  # poverty 11.5% under a 12% ceiling
        (Kind.NONE_ALLOWED, 2, 0, False, -2.0),  # two temporary houses left
        (Kind.ACHIEVED, True, True, True, None),
        (Kind.MIN_RATING, "tốt", "khá", True, 1.0),
        (Kind.MIN_RATING, "Trung bình", "khá", False, -1.0),  # labels match without case
    ],
)
def test_compare_gives_the_verdict_and_margin(
    kind: Kind, value: object, level: object, verdict: bool, margin: float | None
) -> None:
    assert requirement(kind).compare(value, level, RATING) == (verdict, margin)


@pytest.mark.parametrize(
    ("kind", "new", "old", "looser"),
    [
        (Kind.AT_LEAST, 80, 85, True),
        (Kind.AT_LEAST, 90, 85, False),
        (Kind.AT_MOST, 13, 12, True),
        (Kind.AT_MOST, 10, 12, False),
        (Kind.MIN_RATING, "trung bình", "khá", True),
        (Kind.MIN_RATING, "tốt", "khá", False),
        (Kind.ACHIEVED, True, True, False),
    ],
)
def test_looser_asks_less_of_a_commune(kind: Kind, new: object, old: object, looser: bool) -> None:
    assert requirement(kind).looser(new, old, RATING) is looser


@pytest.mark.parametrize(
    ("kind", "value", "problem"),
    [
        (Kind.AT_LEAST, "85%", "expected a number, got '85%'"),
        (Kind.ACHIEVED, "yes", "expected true (Đạt) or false (Chưa đạt), got 'yes'"),
        (Kind.NONE_ALLOWED, 1.5, "expected a count (a whole number of at least 0), got 1.5"),
        (Kind.MIN_RATING, "xuất sắc", "expected a rating on the scale (yếu, trung bình, khá, tốt)"),
    ],
)
def test_values_that_do_not_fit_the_kind_are_named(kind: Kind, value: object, problem: str) -> None:
    said = requirement(kind).value_problem(value, RATING)
    assert said is not None and problem in said


def test_levels_that_do_not_fit_the_kind_are_named() -> None:
    assert (
        requirement(Kind.AT_LEAST).level_problem("85%", None)
        == "at_least needs a number, got '85%'"
    )
    assert (
        requirement(Kind.NONE_ALLOWED).level_problem(1, None)
        == "none_allowed needs value = 0, got 1"
    )
    assert requirement(Kind.AT_MOST).level_problem(12, None) is None


def test_units_have_hard_bounds() -> None:
    assert unit_problem(Unit.PERCENT, 120) == "a percentage is between 0 and 100, got 120"
    assert unit_problem(Unit.COUNT, -1) == "expected a number of at least 0, got -1"
    assert unit_problem(Unit.PERCENT_PER_YEAR, -5) is None  # a fall is a growth rate too
    assert requirement(Kind.NONE_ALLOWED).closing_value(0) == 0
    assert requirement(Kind.ACHIEVED).closing_value(True) is True
