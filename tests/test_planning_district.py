"""plan_district (planning/district.py, planning/search.py, planning/milp.py) against an oracle
built from the plain spec."""

from __future__ import annotations

import importlib
import itertools
from decimal import Decimal as D  # noqa: N817

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ntm_criteria as ntm
from ntm_criteria.planning.schedule import Objective, Task
from tests.conftest import ROOT
from tests.planning_support import S16, brute_force, evaluated

# --- district plans --------------------------------------------------------------------------


#: A district as plain data (small reprs for hypothesis): per commune, its unmet criteria with
#: the ways (money, years) of closing each.
district_specs = st.lists(
    st.dictionaries(
        st.integers(1, 19),
        st.lists(st.tuples(st.integers(1, 6), st.integers(1, 2)), min_size=1, max_size=2),
        max_size=2,
    ),
    min_size=1,
    max_size=4,
)


def build_district(
    spec: list[dict[int, list[tuple[int, int]]]],
) -> tuple[list[ntm.Evaluation], ntm.CostModel]:
    evaluations = [evaluated(tuple(unmet), name=f"C{i}") for i, unmet in enumerate(spec)]
    entries = {
        f"C{i}/criterion {c}": tuple(ntm.Cost(fixed=D(m), years=y) for m, y in opts)
        for i, unmet in enumerate(spec)
        for c, opts in unmet.items()
    }
    return evaluations, ntm.CostModel(entries=entries)


def district_brute_force(spec, target, start, deadline, budget):  # type: ignore[no-untyped-def]
    """The optimum by enumeration, built from the plain spec alone (not by the planner's own
    problem builder): a commune with no unmet criterion is certified already; each unmet
    criterion is one task with its ways of closing it; there is no precedence."""
    others = [unmet for unmet in spec if unmet]
    need = max(0, target - (len(spec) - len(others)))
    best = None
    for subset in itertools.combinations(range(len(others)), need):
        tasks = [
            Task(f"C{i}/{c}", tuple((D(m), y) for m, y in opts))
            for i in subset
            for c, opts in others[i].items()
        ]
        found = brute_force(tasks, start, deadline, budget, Objective.LEAST_COST, {})
        if found is not None and (best is None or found[0] < best):
            best = found[0]
    return best


def planned(spec, target: int, horizon: int, budget: int):  # type: ignore[no-untyped-def]
    """The district of ``spec`` planned over 2019 + ``horizon`` years, and its optimum by brute
    force: (evaluations, the money a year, the plan, the optimum or None)."""
    evaluations, costs = build_district(spec)
    target = min(target, len(evaluations))
    money = dict.fromkeys(range(2019, 2019 + horizon + 1), D(budget))

    def plan() -> ntm.DistrictPlan:
        return ntm.plan_district(
            evaluations,
            costs,
            target=target,
            deadline=2019 + horizon,
            budget_per_year=money,
            start=2019,
        )

    expected = district_brute_force(spec, target, 2019, 2019 + horizon, money)
    return evaluations, money, plan, expected


@settings(max_examples=60, deadline=None)
@given(district_specs, st.integers(1, 4), st.integers(0, 2), st.integers(2, 12))
def test_district_plan_equals_brute_force(spec, target: int, horizon: int, budget: int) -> None:  # type: ignore[no-untyped-def]
    evaluations, money, plan_it, expected = planned(spec, target, horizon, budget)
    target = min(target, len(evaluations))
    plan = plan_it()
    assert [ntm.decide(e).certified for e in evaluations] == [not unmet for unmet in spec]
    if expected is None:
        assert not plan.feasible
        assert plan.communes == ()
        assert plan.reachable < target
        return
    assert plan.feasible
    assert plan.optimal
    assert plan.total == expected
    assert len(plan.communes) == max(0, target - len(plan.already_certified))
    for year, spent in plan.cost_by_year.items():
        assert spent <= money[year]
    assert plan == plan_it()


@pytest.mark.parametrize("first_window", [None, 0.0])
@settings(max_examples=40, deadline=None)
@given(district_specs, st.integers(1, 4), st.integers(0, 2), st.integers(2, 12))
def test_highs_plan_equals_brute_force(
    first_window, spec, target: int, horizon: int, budget: int
) -> None:  # type: ignore[no-untyped-def]
    from ntm_criteria.planning import district, milp

    # the search hands every problem over at once, so HiGHS (the relaxation's bound, the
    # restricted solves, the start from the search's plan) answers alone; with a first window
    # of zero above the bound, most examples widen it and prove their plan in a later round
    _, money, plan_it, expected = planned(spec, target, horizon, budget)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(district, "MAX_SUBSETS", 0)
        if first_window is not None:
            patch.setattr(milp, "FIRST_GAP", first_window)
        plan = plan_it()
    # the search answers alone only when it has fewer communes to choose from than it needs
    assert plan.solver == "HiGHS" or not plan.feasible
    assert plan.optimal
    assert plan.feasible == (expected is not None)
    if expected is not None:
        assert plan.total == expected
        assert all(spent <= money[year] for year, spent in plan.cost_by_year.items())


def test_unreachable_target_gives_reachable_count_and_needed_budget() -> None:
    evaluations = [
        ntm.evaluate(a, S16) for a in ntm.read_assessments(ROOT / "examples" / "dinh-hoa-2019.toml")
    ]
    plan = ntm.plan_district(evaluations, target=3, start=2020, deadline=2020, budget_per_year=5)
    assert not plan.feasible
    assert plan.reachable == 1  # Phú Đình's 4 gaps fit 5; with Sơn Phú's 5 they do not
    assert plan.budget_needed == D(15)  # 4 + 5 + 6 gaps of one unit, all in 2020
    assert ntm.plan_district(
        evaluations, target=3, start=2020, deadline=2020, budget_per_year=15
    ).feasible
    assert not ntm.plan_district(
        evaluations, target=3, start=2020, deadline=2020, budget_per_year=D("14.999")
    ).feasible


def test_upkeep_is_funded_first() -> None:
    evaluations = [evaluated(()), evaluated((9,), name="Y")]
    upkeep = [ntm.Upkeep("X", 15, D(2))]
    plan = ntm.plan_district(
        evaluations, target=2, start=2019, deadline=2019, budget_per_year=3, upkeep=upkeep
    )
    assert plan.feasible
    assert plan.already_certified == ("X",)
    assert plan.cost_by_year[2019] == D(3)
    assert not ntm.plan_district(
        evaluations, target=2, start=2019, deadline=2019, budget_per_year=D("2.5"), upkeep=upkeep
    ).feasible


def test_dinh_hoa_planning_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    import runpy

    runpy.run_path(str(ROOT / "examples" / "dinh_hoa_plan.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert "Phú Đình: 15/19 criteria met; plan earliest, 2019-2020" in out
    assert "NOT REACHABLE: at most 2 communes by 2020" in out
    assert "Plan: 3 more commune(s), total 17 work units (proven optimal (branch and bound))" in out
    assert "1 more commune(s) must come from outside this review" in out


def test_large_searches_go_to_highs_or_say_they_are_unproven(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    from ntm_criteria.planning import district

    spec = [{9: [(3, 1)], 10: [(2, 2), (4, 1)]}, {11: [(1, 1)]}, {6: [(2, 1)], 15: [(2, 1)]}]
    evaluations, costs = build_district(spec)
    money = dict.fromkeys(range(2019, 2021), D(5))
    exact = ntm.plan_district(
        evaluations, costs, target=2, start=2019, deadline=2020, budget_per_year=money
    )
    assert exact.solver == "branch and bound"
    monkeypatch.setattr(district, "MAX_SUBSETS", 0)
    importlib.import_module("highspy")  # the test extra installs it
    highs = ntm.plan_district(
        evaluations, costs, target=2, start=2019, deadline=2020, budget_per_year=money
    )
    assert (highs.solver, highs.optimal, highs.total) == ("HiGHS", True, exact.total)
    monkeypatch.setitem(sys.modules, "highspy", None)
    unproven = ntm.plan_district(
        evaluations, costs, target=2, start=2019, deadline=2020, budget_per_year=money
    )
    assert not unproven.optimal
    assert "none proven impossible" in ntm.explain(unproven)


def test_highs_starts_from_a_known_plan_and_still_finds_the_cheapest() -> None:
    from ntm_criteria.planning.milp import solve_district_milp
    from ntm_criteria.planning.schedule import Placement, Schedule, Task

    # three communes over 2019-2020 with 5 a year; by hand: communes 1 and 2 cost 1 + 4 = 5,
    # every plan with commune 0 costs at least 3 + 2 + 1 = 6
    communes = [
        ([Task("a", ((D(3), 1),)), Task("b", ((D(2), 2), (D(4), 1)))], {}),
        ([Task("c", ((D(1), 1),))], {}),
        ([Task("d", ((D(2), 1),)), Task("e", ((D(2), 1),))], {}),
    ]
    money = dict.fromkeys(range(2019, 2021), D(5))
    known = (
        (0, 1),
        Schedule(
            (
                Placement(0, 2019, D(3), 2019),
                Placement(0, 2019, D(2), 2020),
                Placement(0, 2020, D(1), 2020),
            ),
            D(6),
            2020,
            D(0),
        ),
    )
    for start in (None, known):
        found = solve_district_milp(communes, 2, 2019, 2020, money, start)
        assert found is not None
        chosen, schedule = found
        assert (chosen, schedule.money) == ((1, 2), D(5))
        assert all(spent <= D(5) for spent in schedule.spend_by_year().values())
    assert (
        solve_district_milp(communes, 3, 2019, 2020, dict.fromkeys(range(2019, 2021), D(1))) is None
    )


def test_highs_finds_the_plan_when_the_relaxation_prefers_a_commune_without_one() -> None:
    from ntm_criteria.planning.milp import solve_district_milp
    from ntm_criteria.planning.schedule import Task

    # 2 a year over 2019-2020, one commune wanted. By hand: commune 0 costs 2 + 2, one task a
    # year; commune 1's task of 3 fits no year. The relaxation takes 2/3 of commune 1 (money 2)
    # and 1/3 of commune 0 (4/3), so it values commune 1 more: the plan must not stop there.
    communes = [
        ([Task("a", ((D(2), 1),)), Task("b", ((D(2), 1),))], {}),
        ([Task("c", ((D(3), 1),))], {}),
    ]
    found = solve_district_milp(communes, 1, 2019, 2020, dict.fromkeys(range(2019, 2021), D(2)))
    assert found is not None
    chosen, schedule = found
    assert (chosen, schedule.money) == ((0,), D(4))
    assert sorted(p.start for p in schedule.placements) == [2019, 2020]


def test_highs_prints_nothing_on_the_standard_output() -> None:
    import subprocess
    import sys

    # HiGHS writes its banner from C, once per process, past pytest's capture: a fresh process
    # is the only place to see it; a plan printed by the command line must not begin with it
    script = (
        "from decimal import Decimal as D\n"
        "from ntm_criteria.planning.milp import solve_district_milp\n"
        "from ntm_criteria.planning.schedule import Task\n"
        "found = solve_district_milp([([Task('a', ((D(1), 1),))], {})], 1, 2019, 2019, {2019: D(1)})\n"
        "assert found is not None and found[0] == (0,)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert (run.returncode, run.stdout, run.stderr) == (0, "", "")


def test_slow_criteria_are_the_same_in_a_communes_plan_and_in_the_district_plan() -> None:
    evaluations = ntm.evaluate_many(ntm.read_assessments(ROOT / "examples" / "dinh-hoa-2019.toml"))
    costs = ntm.read_cost_model(ROOT / "examples" / "dinh-hoa-costs.toml")
    district = ntm.plan_district(
        evaluations, costs, target=3, start=2019, deadline=2020, budget_per_year=9
    )
    own = {
        e.assessment.commune.name: ntm.plan_commune(e, costs, 2020, 9, start=2019).critical_path
        for e in evaluations
    }
    assert {p.commune: p.critical_path for p in district.communes} == own
    # Trung Lương: production organisation (13) before income (10), and poor households (11)
    # the two-year way: work that takes the whole period whatever the budget
    assert own["Trung Lương"] == (10, 11, 13)
