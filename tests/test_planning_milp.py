"""The district program's proof (planning/milp.py): the bound from row prices, the money unit,
and the restricted solves against HiGHS given the whole program."""

from __future__ import annotations

import importlib
import itertools
import math
from decimal import Decimal as D  # noqa: N817
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ntm_criteria.planning import milp
from ntm_criteria.planning.schedule import Task

highspy: Any = importlib.import_module("highspy")  # the test extra installs both
np: Any = importlib.import_module("numpy")

START = 2020


@st.composite
def districts(draw: st.DrawFn, communes: int, tasks: int, money: int) -> Any:
    """Communes as (tasks, precedence), the number wanted, the last year and yearly budgets."""
    last = START + draw(st.integers(0, 2))
    found = []
    for _ in range(draw(st.integers(1, communes))):
        own = [
            Task(
                f"t{a}",
                tuple(
                    (D(draw(st.integers(0, money))) / draw(st.sampled_from([1, 2, 4])), years)
                    for years in draw(st.lists(st.integers(1, 2), min_size=1, max_size=2))
                ),
            )
            for a in range(draw(st.integers(1, tasks)))
        ]
        before = {1: (0,)} if len(own) > 1 and draw(st.booleans()) else {}
        found.append((own, before))
    need = draw(st.integers(1, len(found)))
    budget = {y: D(draw(st.integers(0, money * tasks))) for y in range(START, last + 1)}
    return found, need, last, budget


def every_plan(communes: Any, model: Any) -> Any:
    """Every 0/1 vector that chooses some communes and one column per task of each, kept when
    it satisfies every row (the program's own feasibility, checked row by row here)."""
    nz = len(communes)
    ends = [*model.starts[1:], len(model.entries)]
    for chosen in itertools.product((0, 1), repeat=nz):
        own = [
            model.index.get((i, a), [])
            for i in range(nz)
            if chosen[i]
            for a in range(len(communes[i][0]))
        ]
        if any(not cols for cols in own):
            continue
        for pick in itertools.product(*own):
            x = np.zeros(len(model.money))
            x[list(range(nz))] = chosen
            x[list(pick)] = 1.0
            rows = [
                float(model.values[s:e] @ x[model.entries[s:e]])
                for s, e in zip(model.starts, ends, strict=True)
            ]
            if all(
                lo - 1e-9 <= r <= hi + 1e-9
                for r, lo, hi in zip(rows, model.lo, model.hi, strict=True)
            ):
                yield x


@settings(max_examples=60, deadline=None)
@given(districts(3, 2, 6), st.data())
def test_every_plan_costs_at_least_the_bound_plus_its_reduced_costs(
    district: Any, data: st.DataObject
) -> None:
    communes, need, last, budget = district
    model = milp._model(communes, need, START, last, budget, np, highspy.kHighsInf)
    # any prices, of any sign: the bound must clamp the wrong signs itself
    prices = np.array(
        data.draw(st.lists(st.floats(-5, 5), min_size=len(model.lo), max_size=len(model.lo)))
    )
    bound, reduced = milp._lagrangian(prices, np, model)
    assert math.isfinite(bound)  # a price on a row's missing side would make it -inf
    for x in every_plan(communes, model):
        cost = float(model.money @ x)
        forced = float(np.where(reduced > 0, reduced * x, -reduced * (1 - x)).sum())
        assert cost >= bound + forced - 1e-6


@settings(max_examples=30, deadline=None)
@given(districts(3, 2, 6))
def test_the_relaxations_prices_give_its_optimum_as_the_bound(district: Any) -> None:
    communes, need, last, budget = district
    model = milp._model(communes, need, START, last, budget, np, highspy.kHighsInf)
    h = milp._highs(model, highspy, np)
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return
    bound, _ = milp._lagrangian(np.array(h.getSolution().row_dual), np, model)
    # HiGHS's own figure for its relaxation: the prices are read with the right signs
    assert bound == pytest.approx(h.getInfo().objective_function_value, abs=1e-6)


def test_the_money_unit_divides_every_amount() -> None:
    assert milp._unit([D("1.5"), D("0.25"), D(3)]) == D("0.25")
    assert milp._unit([D(120), D(80), D(0)]) == D(40)
    assert milp._unit([D(0)]) == D(0)
    assert milp._unit([]) == D(0)


def whole_program(communes: Any, need: int, last: int, budget: Any) -> float | None:
    """HiGHS alone on the whole program at a gap of zero: the optimum, or None."""
    model = milp._model(communes, need, START, last, budget, np, highspy.kHighsInf)
    h = milp._highs(model, highspy, np)
    n = len(model.money)
    h.changeColsIntegrality(
        n, np.arange(n, dtype=np.int32), np.full(n, highspy.HighsVarType.kInteger)
    )
    h.setOptionValue("mip_rel_gap", 0.0)
    h.run()
    if h.getModelStatus() == highspy.HighsModelStatus.kInfeasible:
        return None
    assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return float(h.getInfo().objective_function_value)


@pytest.mark.parametrize("first_window", [milp.FIRST_GAP, 0.0, 1.0])
@settings(max_examples=40, deadline=None)
@given(districts(8, 4, 40))
def test_restricted_solves_find_the_whole_programs_optimum(
    first_window: float, district: Any
) -> None:
    communes, need, last, budget = district
    expected = whole_program(communes, need, last, budget)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(milp, "FIRST_GAP", first_window)
        found = milp.solve_district_milp(communes, need, START, last, budget)
    if expected is None:
        assert found is None
        return
    assert found is not None
    chosen, schedule = found
    assert len(chosen) >= need
    assert float(schedule.money) == pytest.approx(expected, abs=1e-6)
    assert all(spent <= budget[y] for y, spent in schedule.spend_by_year().items())


def test_a_first_window_with_no_plan_widens_until_it_holds_one() -> None:
    import signal

    # Three communes over 2020-2023 at 22, 13, 20 and 23 a year, one wanted; in each, task 1
    # follows task 0. By hand: communes 0 and 2 have a task of 25 that no year can pay; commune
    # 1 costs 22 (two years, 2020) + 20 (two years, 2022) + 16 (2023) + 10 (two years, 2021) = 68
    # (its other first way, 25 in one year, fits no year either). A first window of zero above
    # the relaxation's bound holds no plan: it must widen (once, it stayed zero for ever).
    def ways(*options: tuple[int, int]) -> tuple[tuple[D, int], ...]:
        return tuple((D(m), y) for m, y in options)

    communes = [
        ([Task("a", ways((20, 1))), Task("b", ways((25, 2))), Task("c", ways((24, 1)))], {1: (0,)}),
        (
            [
                Task("d", ways((25, 1), (22, 2))),
                Task("e", ways((20, 2))),
                Task("f", ways((16, 1), (28, 2))),
                Task("g", ways((24, 1), (10, 2))),
            ],
            {1: (0,)},
        ),
        (
            [
                Task("h", ways((25, 2))),
                Task("i", ways((27, 1))),
                Task("j", ways((6, 1), (7, 2))),
                Task("k", ways((9, 1))),
            ],
            {1: (0,)},
        ),
    ]
    budget = {2020: D(22), 2021: D(13), 2022: D(20), 2023: D(23)}

    def stop(*_: object) -> None:
        raise TimeoutError("the window never widened")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(30)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(milp, "FIRST_GAP", 0.0)
            found = milp.solve_district_milp(communes, 1, START, 2023, budget)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert found is not None
    chosen, schedule = found
    assert (chosen, schedule.money) == ((1,), D(68))
    assert [(p.money, p.start) for p in schedule.placements] == [
        (D(22), 2020),
        (D(20), 2022),
        (D(16), 2023),
        (D(10), 2021),
    ]
