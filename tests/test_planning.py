"""Planning (issue 5): gaps, costs, exact commune and district plans against brute force,
plans that certify when applied, budgets never exceeded, infeasibility reported, risks and
forecasts."""

from __future__ import annotations

import datetime as dt
import importlib
import itertools
from decimal import Decimal as D  # noqa: N817
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ntm_criteria as ntm
from ntm_criteria import strategies
from ntm_criteria.planning.schedule import Objective, Task, best_schedule
from tests.conftest import ROOT

S16 = ntm.load_criteria_set("commune-2016-2020")
OK = {"registered_in_plan": True, "outstanding_capital_construction_debt": False}


def _eval(declared_unmet: tuple[int, ...], name: str = "X", **kw: object) -> ntm.Evaluation:
    a = ntm.Assessment(
        ntm.Commune(name, region="TDMNPB"),
        dt.date(2018, 12, 31),
        declarations={n: n not in declared_unmet for n in range(1, 20)},
        facts=OK,
        **kw,  # type: ignore[arg-type]
    )
    return ntm.evaluate(a, S16)


# --- gaps -------------------------------------------------------------------------------------


def test_gaps_in_their_own_units() -> None:
    a = ntm.Assessment(
        ntm.Commune("X", region="TDMNPB"),
        dt.date(2020, 6, 30),
        values={"10": 31.2, "4.1": False, "15.3": 30.0, "9.1": 3, "5": 50.0},
        declarations={11: False},
    )
    found = {g.target: g for g in ntm.gaps(ntm.evaluate(a, S16))}
    assert found["10"].amount == D("4.8")  # 36 (TDMNPB, 2020) - 31.2
    assert found["15.3"].amount == D("3.3")  # at most 26.7
    assert found["9.1"].amount == D(3)
    assert found["4.1"].amount is None
    assert found["4.1"].reason.text("en") == "to achieve (Đạt)"
    assert found["4.1"].reason.text("vi") == "cần đạt"
    assert found["5"].status is ntm.Status.UNKNOWN  # TDMNPB schools level not established
    assert "no level is established" in found["5"].reason.text("en")
    assert found["criterion 11"].is_criterion_level


# --- cost models --------------------------------------------------------------------------------


def test_cost_model_lookup_and_file(tmp_path: Path) -> None:
    path = tmp_path / "costs.toml"
    path.write_text(
        'unit = "million VND"\ndefault = [{ fixed = "2", years = 1 }]\n'
        'precedence = [["criterion 13", "criterion 10"]]\n'
        '[entries]\n"criterion 10" = [{ fixed = "800", years = 2 }, { fixed = "1500", years = 1 }]\n'
        '"15.1" = [{ fixed = "20", per_unit = "15.5", years = 1 }]\n"Phú Đình/criterion 9" = [{ fixed = "2500", years = 2 }]\n',
        encoding="utf-8",
    )
    m = ntm.read_cost_model(path)
    assert m.options("Phú Đình", "criterion 9", 9)[0].fixed == D(2500)
    assert m.options("Sơn Phú", "criterion 9", 9)[0].fixed == D(2)
    assert m.options("X", "10", 10)[1].years == 1
    assert m.options("X", "15.1", 15)[0].money(D("2.5")) == D("58.75")
    bad = tmp_path / "bad.toml"
    bad.write_text("default = [{ fixed = 1.5, years = 0 }]\n", encoding="utf-8")
    with pytest.raises(ntm.CriteriaDataError, match="default"):
        ntm.read_cost_model(bad)
    with pytest.raises(ValueError, match=r"Cost\.years: expected a whole number of at least 1"):
        ntm.Cost(fixed=D(1), years=0)


# --- brute force oracles ---------------------------------------------------------------------


def brute_force(tasks, start, deadline, budget, objective, before):  # type: ignore[no-untyped-def]
    """Every assignment of (option, start year) to every task; the best by the objective."""
    choices = [
        [
            (o, t)
            for o, (_, years) in enumerate(task.options)
            for t in range(start, deadline - years + 2)
        ]
        for task in tasks
    ]
    best = None
    for assignment in itertools.product(*choices):
        spend: dict[int, D] = {}
        finish = []
        for task, (o, t) in zip(tasks, assignment, strict=True):
            money, years = task.options[o]
            spend[t] = spend.get(t, D(0)) + money
            finish.append(t + years - 1)
        if any(spend[y] > budget.get(y, D(0)) for y in spend):
            continue
        if any(assignment[i][1] <= finish[j] for i, preds in before.items() for j in preds):
            continue
        money = sum(
            (task.options[o][0] for task, (o, _) in zip(tasks, assignment, strict=True)), D(0)
        )
        last = max(finish, default=start - 1)
        weighted = sum(
            (task.weight * (f - start + 1) for task, f in zip(tasks, finish, strict=True)), D(0)
        )
        key = {
            Objective.LEAST_COST: (money, D(last)),
            Objective.EARLIEST: (D(last), money),
            Objective.WEIGHTED: (weighted, money),
        }[objective]
        if best is None or key < best:
            best = key
    return best


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
    key = {
        Objective.LEAST_COST: (found.money, D(found.finish)),
        Objective.EARLIEST: (D(found.finish), found.money),
        Objective.WEIGHTED: (found.weighted, found.money),
    }[objective]
    assert key == expected
    for year, spent in found.spend_by_year().items():
        assert spent <= money[year]  # budgets are never exceeded


# --- commune plans ---------------------------------------------------------------------------

COSTS = ntm.CostModel(
    entries={
        "criterion 10": (ntm.Cost(fixed=D(800), years=2), ntm.Cost(fixed=D(1500), years=1)),
        "criterion 9": (ntm.Cost(fixed=D(300), years=1),),
        "criterion 11": (ntm.Cost(fixed=D(200), years=1),),
        "criterion 15": (ntm.Cost(fixed=D(100), years=1),),
    },
    precedence=(("criterion 11", "criterion 10"),),
)


def test_strategies_trade_time_against_money() -> None:
    e = _eval((9, 10, 11, 15))
    cheap = ntm.plan_commune(
        e, COSTS, deadline=2021, budget_per_year=D(1500), strategy="least_cost"
    )
    fast = ntm.plan_commune(e, COSTS, deadline=2021, budget_per_year=D(2000), strategy="earliest")
    assert cheap.feasible and fast.feasible
    # least cost: criterion 11 in 2019, then income the slow way (800, 2020-2021)
    income = next(a for a in cheap.actions if a.target == "criterion 10")
    assert (income.money, income.start, income.finish) == (D(800), 2020, 2021)
    assert cheap.total == D(1400)
    assert cheap.certifiable_year == 2021
    assert 10 in cheap.critical_path
    assert "after criterion 11" in income.why.text("en")
    # earliest: income the fast way, certifiable in 2020
    assert fast.certifiable_year == 2020
    assert next(a for a in fast.actions if a.target == "criterion 10").money == D(1500)
    assert sum(fast.cost_by_year.values()) == fast.total == D(2100)
    weighted = ntm.plan_commune(
        e, COSTS, deadline=2021, budget_per_year=D(1500), strategy="weighted", weights={15: 10}
    )
    assert next(a for a in weighted.actions if a.target == "criterion 15").start == 2019
    assert "criterion 15" in ntm.explain(weighted)


def test_infeasible_plan_is_reported_with_its_shortfall() -> None:
    e = _eval((9, 10, 11, 15))
    plan = ntm.plan_commune(e, COSTS, deadline=2019, budget_per_year=D(1000))
    assert not plan.feasible
    assert plan.actions == ()
    assert plan.certifiable_year is None
    assert plan.shortfall is not None
    # Income comes after poverty, so not in 2019: no money helps. In 2020 the fast way (1500)
    # exceeds the year's 1000, and the slow way (800) runs 2020-2021: two more years.
    assert plan.shortfall.extra_budget_per_year is None
    assert plan.shortfall.extra_years == 2
    tight = ntm.plan_commune(e, COSTS, deadline=2020, budget_per_year=D(1000))
    assert not tight.feasible
    extra = tight.shortfall.extra_budget_per_year  # type: ignore[union-attr]
    assert extra is not None
    assert ntm.plan_commune(e, COSTS, deadline=2020, budget_per_year=D(1000) + extra).feasible
    assert not ntm.plan_commune(
        e, COSTS, deadline=2020, budget_per_year=D(1000) + extra - D("0.001")
    ).feasible


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    strategies.assessments(S16, dates=(dt.date(2019, 1, 1), dt.date(2020, 12, 31))),
    st.sampled_from(list(ntm.Strategy)),
)
def test_every_feasible_plan_certifies_when_applied(
    a: ntm.Assessment, strategy: ntm.Strategy
) -> None:
    a = ntm.Assessment(
        a.commune,
        a.as_of,
        a.values,
        a.declarations,
        OK | {"market_or_trading_place_in_approved_plan": True},
    )
    e = ntm.evaluate(a, S16)
    plan = ntm.plan_commune(e, deadline=e.year + 3, budget_per_year=D(60), strategy=strategy)
    assert plan.feasible  # neutral costs: at most ~50 gaps of 1 over 3 years
    assert all(spent <= D(60) for spent in plan.cost_by_year.values())
    after = ntm.evaluate(ntm.apply_plan(a, plan), S16)
    assert ntm.decide(after).outcome is ntm.Outcome.CERTIFIED


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
    evaluations = [_eval(tuple(unmet), name=f"C{i}") for i, unmet in enumerate(spec)]
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


@settings(max_examples=60, deadline=None)
@given(district_specs, st.integers(1, 4), st.integers(0, 2), st.integers(2, 12))
def test_district_plan_equals_brute_force(spec, target: int, horizon: int, budget: int) -> None:  # type: ignore[no-untyped-def]
    evaluations, costs = build_district(spec)
    target = min(target, len(evaluations))
    money = dict.fromkeys(range(2019, 2019 + horizon + 1), D(budget))
    plan = ntm.plan_district(
        evaluations,
        costs,
        target=target,
        deadline=2019 + horizon,
        budget_per_year=money,
        start=2019,
    )
    assert [ntm.decide(e).certified for e in evaluations] == [not unmet for unmet in spec]
    expected = district_brute_force(spec, target, 2019, 2019 + horizon, money)
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
    assert plan == ntm.plan_district(
        evaluations,
        costs,
        target=target,
        deadline=2019 + horizon,
        budget_per_year=money,
        start=2019,
    )


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
    evaluations = [_eval(()), _eval((9,), name="Y")]
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


# --- risk and forecasts ------------------------------------------------------------------------


def test_at_risk_and_next_period() -> None:
    a = ntm.Assessment(
        ntm.Commune("X", region="DBSH"),
        dt.date(2020, 6, 30),
        values={"15.1": 88.0, "15.3": 13.0, "3.1": 95.0},
    )
    e = ntm.evaluate(a, S16)
    # margins: 15.1 3 of 85 (3.5%), 15.3 0.9 of 13.9 (6.5%), 3.1 15 of 80 (18.75%)
    assert [r.indicator for r in ntm.at_risk(e, 0.05)] == ["15.1"]
    assert [r.indicator for r in ntm.at_risk(e, 0.07)] == ["15.1", "15.3"]
    assert [r.indicator for r in ntm.at_risk(e, 0.03)] == []
    # 15.3 DBSH: at most 13.9 in 2016-2020 and 16.5 in 2021-2025; 15.1 general column only
    risks = ntm.next_period_risks(
        e, ntm.load_criteria_set("commune-2021-2025"), dt.date(2022, 6, 30)
    )
    # only part of criterion 15 is given, so it is not met now: nothing to lose
    assert risks == ()
    # stunting in TDMNPB: at most 26.7% under 1980/QĐ-TTg, 24% under 318/QĐ-TTg (provisional);
    # health met now (insurance 95% >= 85%, a station, 25% <= 26.7%) is not met next period
    north = ntm.Assessment(
        ntm.Commune("Y", region="TDMNPB"),
        dt.date(2020, 6, 30),
        values={"15.1": 95.0, "15.2": True, "15.3": 25.0},
    )
    (risk,) = ntm.next_period_risks(
        ntm.evaluate(north, S16), ntm.load_criteria_set("commune-2021-2025"), dt.date(2022, 6, 30)
    )
    assert (risk.criterion, risk.now, risk.next) == (15, ntm.Status.MET, ntm.Status.NOT_MET)


def test_forecasts_linear_and_compound() -> None:
    c = ntm.Commune("X", region="TDMNPB")
    history = [
        ntm.Assessment(c, dt.date(2017, 1, 1), values={"10": 28.0}),
        ntm.Assessment(c, dt.date(2019, 1, 1), values={"10": 32.0}),
    ]
    (f,) = ntm.forecast(history, S16)
    # +2 a year from 32 at the start of 2019: 36 at the start of 2021 -> by the end of 2020 the
    # projection is 35.99..., so it crosses TDMNPB's 36 (2020) only... never within 2016-2020
    # rows; later years have no level in this set.
    assert f.method == "linear"
    assert f.slope == pytest.approx(2.0)
    assert f.crossing_year is None
    faster = [history[0], ntm.Assessment(c, dt.date(2019, 1, 1), values={"10": 34.0})]
    (g,) = ntm.forecast(faster, S16)
    assert g.crossing_year == 2020  # 34 + 3/yr * ~2 -> 39.99 at the end of 2020 >= 36
    (h,) = ntm.forecast(faster, S16, method="compound")
    assert h.method == "compound"
    assert h.slope == pytest.approx((34 / 28) ** 0.5 - 1, rel=1e-3)
    with pytest.raises(ValueError, match="single point"):
        ntm.forecast(history[:1], S16)


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
    importlib.import_module("scipy")  # the test extra installs it
    highs = ntm.plan_district(
        evaluations, costs, target=2, start=2019, deadline=2020, budget_per_year=money
    )
    assert (highs.solver, highs.optimal, highs.total) == ("HiGHS", True, exact.total)
    monkeypatch.setitem(sys.modules, "scipy.optimize", None)
    unproven = ntm.plan_district(
        evaluations, costs, target=2, start=2019, deadline=2020, budget_per_year=money
    )
    assert not unproven.optimal
    assert "none proven impossible" in ntm.explain(unproven)


def _many_gaps(n: int) -> ntm.Evaluation:
    s = ntm.load_criteria_set("commune-2016-2020")
    a = ntm.Assessment(
        ntm.Commune("Xã nhiều việc", region="DBSH"),
        dt.date(2019, 12, 31),
        declarations={c: c > n for c in range(1, 20)},
    )
    return ntm.evaluate(a, s)


@pytest.mark.parametrize(
    ("gaps", "budget", "feasible"), [(10, 3, False), (18, 5, False), (18, 6, True), (10, 4, True)]
)
def test_many_gaps_are_planned_and_proven(gaps: int, budget: int, feasible: bool) -> None:
    # the neutral model over 2020-2022: each gap costs one work unit and takes one year
    plan = ntm.plan_commune(_many_gaps(gaps), None, 2022, budget, start=2020)
    assert plan.feasible is feasible
    assert plan.optimal  # identical gaps are placed once each, not in every order
    if feasible:
        assert len(plan.actions) == gaps
        assert all(v <= budget for v in plan.cost_by_year.values())
    else:
        assert plan.shortfall is not None
        # 3 years hold 3 x budget gaps: the money short each year is what the rest needs
        assert plan.shortfall.extra_budget_per_year == -(-gaps // 3) - budget


def test_a_search_beyond_its_limit_says_it_is_not_proven(monkeypatch: pytest.MonkeyPatch) -> None:
    from ntm_criteria.planning import commune

    costs = ntm.CostModel(
        default=(ntm.Cost(fixed=D(1), years=1), ntm.Cost(fixed=D(3), years=1)),
        precedence=(("criterion 2", "criterion 1"),),  # not twins: every order differs
        unit="work units",
    )
    monkeypatch.setattr(commune, "MAX_NODES", 5)
    plan = ntm.plan_commune(_many_gaps(8), costs, 2022, 4, start=2020)
    assert not plan.optimal
    assert plan.feasible  # found without search: each gap in the first year with money
    assert all(v <= 4 for v in plan.cost_by_year.values())
    assert "not proven optimal" in ntm.explain(plan)
    assert "chưa chứng minh là tối ưu" in ntm.explain(plan, "vi")


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
