"""Exact scheduling (planning/schedule.py) against the brute-force oracle."""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817

from hypothesis import given, settings
from hypothesis import strategies as st

from ntm_criteria.planning.schedule import Objective, Schedule, Task, best_schedule
from tests.planning_support import brute_force

# --- brute force oracles ---------------------------------------------------------------------


@st.composite
def task_sets(draw: st.DrawFn, max_tasks: int = 4) -> tuple[list[Task], dict[int, list[int]]]:
    n = draw(st.integers(0, max_tasks))
    tasks = [
        Task(
            f"t{i}",
            tuple(
                draw(
                    st.lists(
                        st.tuples(st.integers(1, 9).map(D), st.integers(1, 3)),
                        min_size=1,
                        max_size=2,
                    )
                )
            ),
            D(draw(st.integers(1, 3))),
        )
        for i in range(n)
    ]
    before: dict[int, list[int]] = {}
    for i in range(n):
        for j in range(i):
            if draw(st.integers(0, 4)) == 0:
                before.setdefault(i, []).append(j)
    return tasks, before


def key_of(found: Schedule, objective: Objective) -> tuple[D, D]:
    """What the brute-force oracle compares for ``objective``."""
    return {
        Objective.LEAST_COST: (found.money, D(found.finish)),
        Objective.EARLIEST: (D(found.finish), found.money),
        Objective.WEIGHTED: (found.weighted, found.money),
    }[objective]


@settings(max_examples=250, deadline=None)
@given(task_sets(), st.integers(0, 3), st.integers(3, 15), st.sampled_from(list(Objective)))
def test_schedule_equals_brute_force(
    problem, horizon: int, budget: int, objective: Objective
) -> None:  # type: ignore[no-untyped-def]
    tasks, before = problem
    money = dict.fromkeys(range(2020, 2020 + horizon + 1), D(budget))
    found = best_schedule(tasks, 2020, 2020 + horizon, money, objective, before)
    expected = brute_force(tasks, 2020, 2020 + horizon, money, objective, before)
    if expected is None:
        assert found is None
        return
    assert found is not None
    assert key_of(found, objective) == expected
    for year, spent in found.spend_by_year().items():
        assert spent <= money[year]  # budgets are never exceeded


@settings(max_examples=200, deadline=None)
@given(
    task_sets(),
    st.lists(st.integers(0, 12), min_size=1, max_size=4),
    st.sampled_from(list(Objective)),
)
def test_schedule_equals_brute_force_under_uneven_budgets(
    problem, budgets: list[int], objective: Objective
) -> None:  # type: ignore[no-untyped-def]
    # uneven years are where the runs-of-years bound prunes: it must never cut a schedule
    tasks, before = problem
    money = {2020 + k: D(b) for k, b in enumerate(budgets)}
    last = 2020 + len(budgets) - 1
    found = best_schedule(tasks, 2020, last, money, objective, before)
    expected = brute_force(tasks, 2020, last, money, objective, before)
    assert (found is None) == (expected is None)
    if found is not None:
        assert key_of(found, objective) == expected


def least_extra(tasks, before, start, deadline, budget):  # type: ignore[no-untyped-def]
    """The least extra money each year that lets some schedule exist, by trying every amount
    (whole numbers suffice: costs and budgets are whole); None when none does."""
    top = sum((max(m for m, _ in t.options) for t in tasks), D(0))
    for extra in range(int(top) + 1):
        more = {y: b + extra for y, b in budget.items()}
        if brute_force(tasks, start, deadline, more, Objective.LEAST_COST, before) is not None:
            return D(extra)
    return None


@settings(max_examples=120, deadline=None)
@given(task_sets(max_tasks=3), st.lists(st.integers(0, 6), min_size=1, max_size=3))
def test_the_shortfall_is_the_least_extra_money_and_the_floor_is_below_it(
    problem, budgets: list[int]
) -> None:  # type: ignore[no-untyped-def]
    from ntm_criteria.planning.commune import shortfall
    from ntm_criteria.planning.schedule import extra_money_floor

    tasks, before = problem
    last = 2020 + len(budgets) - 1
    money = {2020 + k: D(b) for k, b in enumerate(budgets)}
    expected = least_extra(tasks, before, 2020, last, money)
    if expected is not None:
        assert extra_money_floor(tasks, 2020, last, money, before) <= expected
    # years beyond the deadline have no money here: only money can close the gap
    found = shortfall(tasks, before, 2020, last, money, "work units")
    assert found.proven  # searches this small always finish
    assert found.extra_budget_per_year == expected


@settings(max_examples=150, deadline=None)
@given(task_sets(), st.integers(0, 3))
def test_fitting_in_time_is_a_schedule_existing_with_money_enough(problem, horizon: int) -> None:  # type: ignore[no-untyped-def]
    from ntm_criteria.planning.schedule import fits_in_time

    tasks, before = problem
    plenty = dict.fromkeys(range(2020, 2020 + horizon + 1), D(1000))
    found = brute_force(tasks, 2020, 2020 + horizon, plenty, Objective.LEAST_COST, before)
    assert fits_in_time(tasks, 2020, 2020 + horizon, before) == (found is not None)


@settings(max_examples=200, deadline=None)
@given(task_sets(), st.lists(st.integers(0, 12), min_size=1, max_size=4))
def test_any_schedule_exists_when_one_does_and_keeps_every_rule(
    problem, budgets: list[int]
) -> None:  # type: ignore[no-untyped-def]
    # the existence search goes dearest tasks first: its answer must not depend on that
    tasks, before = problem
    money = {2020 + k: D(b) for k, b in enumerate(budgets)}
    last = 2020 + len(budgets) - 1
    found = best_schedule(tasks, 2020, last, money, Objective.LEAST_COST, before, any_schedule=True)
    expected = brute_force(tasks, 2020, last, money, Objective.LEAST_COST, before)
    assert (found is None) == (expected is None)
    if found is not None:
        assert all(spent <= money[year] for year, spent in found.spend_by_year().items())
        assert all(p.finish <= last for p in found.placements)
        for i, preds in before.items():
            assert all(found.placements[i].start > found.placements[j].finish for j in preds)
