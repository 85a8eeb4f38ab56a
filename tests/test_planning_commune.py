"""plan_commune (planning/commune.py): strategies, shortfalls, plans that certify when applied,
many gaps within the search limit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D  # noqa: N817

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ntm_criteria as ntm
from ntm_criteria import strategies
from tests.planning_support import OK, S16, evaluated

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
    e = evaluated((9, 10, 11, 15))
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
    e = evaluated((9, 10, 11, 15))
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


def test_a_shortfall_the_searches_could_not_prove_says_at_most(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ntm_criteria.planning import commune

    # 10 gaps of 1 work unit over 3 years at 3 a year: 1 more a year is enough (4 a year hold
    # 12) and the least (3.5 a year hold 9); with searches of one node, amounts between the
    # floor (1/3: 10 units in 3 years) and 1 cannot be shown impossible
    proven = ntm.plan_commune(_many_gaps(10), None, 2022, 3, start=2020)
    assert proven.shortfall is not None and proven.shortfall.proven
    assert proven.shortfall.extra_budget_per_year == 1
    monkeypatch.setattr(commune, "SHORTFALL_NODES", 1)
    plan = ntm.plan_commune(_many_gaps(10), None, 2022, 3, start=2020)
    assert plan.shortfall is not None
    assert not plan.shortfall.proven
    assert plan.shortfall.extra_budget_per_year == 1  # enough: a schedule was found with it
    assert "at most 1 work unit" in ntm.explain(plan)
    assert "reached its limit" in ntm.explain(plan)
    assert "tối đa thêm 1" in ntm.explain(plan, "vi")


def test_an_amount_a_step_above_the_floor_is_not_the_least_unless_shown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ntm_criteria.planning import commune
    from ntm_criteria.planning.schedule import Task

    # the floor is 1 exactly; 1.001 is enough and every smaller amount is unknown (a search at
    # its limit), so 1.001 is enough but not shown to be the least
    def exists(tasks, start, deadline, budget, before):  # type: ignore[no-untyped-def]
        if deadline > 2020:
            return False
        return True if budget[2020] >= D("1.001") else None

    monkeypatch.setattr(commune, "_exists", exists)
    monkeypatch.setattr(commune, "extra_money_floor", lambda *args: D(1))
    found = commune.shortfall([Task("t", ((D(2), 1),))], {}, 2020, 2020, {2020: D(0)}, "work units")
    assert (found.extra_budget_per_year, found.proven) == (D("1.001"), False)
