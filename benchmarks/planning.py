"""Benchmark: district plans to the proven optimum, beside scipy.optimize.milp (HiGHS) and greedy.

Instances from a fixed seed: a district (30 communes, 5 years) and a province (250 communes,
5 years). Each commune has 2-6 unmet criteria (declared), each closed in one of one or two
ways (money, 1-2 years), production organisation before income. The target is a share of the
communes; yearly budgets bind. The same model is solved by ``plan_district`` (pure Python,
exact) and by ``scipy.optimize.milp`` (HiGHS), and both optima are checked equal; the greedy
baseline (cheapest communes first, each scheduled as early as the budget allows) shows what an
exact answer saves. Run from the repository root:

    python benchmarks/planning.py
"""

from __future__ import annotations

import datetime as dt
import random
import time
from decimal import Decimal

import ntm_criteria as ntm
from ntm_criteria.planning.milp import solve_district_milp
from ntm_criteria.planning.search import greedy as greedy_schedule  # the baseline reuses it
from ntm_criteria.planning.tasks import tasks_for

SEED = 2019
S16 = ntm.load_criteria_set("commune-2016-2020")


def instance(n: int, rng: random.Random) -> tuple[list[ntm.Evaluation], ntm.CostModel]:
    evaluations = []
    entries: dict[str, tuple[ntm.Cost, ...]] = {}
    for i in range(n):
        unmet = rng.sample(range(1, 20), rng.randint(2, 6))
        a = ntm.Assessment(
            ntm.Commune(f"X{i:03d}", region="TDMNPB"),
            dt.date(2019, 12, 31),
            declarations={c: c not in unmet for c in range(1, 20)},
            facts={"registered_in_plan": True, "outstanding_capital_construction_debt": False},
        )
        evaluations.append(ntm.evaluate(a, S16))
        for c in unmet:
            slow = rng.randint(50, 400)
            options = [ntm.Cost(fixed=Decimal(slow), years=2)]
            if rng.random() < 0.5:
                options.append(ntm.Cost(fixed=Decimal(slow + rng.randint(20, 200)), years=1))
            entries[f"X{i:03d}/criterion {c}"] = tuple(options)
    return evaluations, ntm.CostModel(
        entries=entries, precedence=(("criterion 13", "criterion 10"),)
    )


def milp(evaluations, costs, target, start, deadline, budget):  # type: ignore[no-untyped-def]
    """The same model handed straight to scipy.optimize.milp (HiGHS), as plan_district's
    fallback builds it; returns the optimal total or None."""
    communes = [tasks_for(e, costs)[2:] for e in evaluations]
    found = solve_district_milp(communes, target, start, deadline, budget)
    return None if found is None else found[1].money


def greedy(evaluations, costs, target, start, deadline, budget):  # type: ignore[no-untyped-def]
    chosen, total = [], Decimal(0)
    spend_budget = dict(budget)
    order = sorted(
        evaluations, key=lambda e: sum(min(m for m, _ in t.options) for t in tasks_for(e, costs)[2])
    )
    for e in order:
        if len(chosen) == target:
            break
        _, _, tasks, before = tasks_for(e, costs)
        schedule = greedy_schedule(tasks, before, start, deadline, spend_budget)
        if schedule is None:
            continue
        for year, money in schedule.spend_by_year().items():
            spend_budget[year] -= money
        chosen.append(e)
        total += schedule.money
    return total if len(chosen) == target else None


def run(label: str, n: int, share: float, budget_per_year: int) -> None:
    rng = random.Random(SEED + n)
    evaluations, costs = instance(n, rng)
    target = round(share * n)
    start, deadline = 2020, 2024
    budget = dict.fromkeys(range(start, deadline + 1), Decimal(budget_per_year))
    t0 = time.perf_counter()
    plan = ntm.plan_district(
        evaluations, costs, target=target, start=start, deadline=deadline, budget_per_year=budget
    )
    ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    theirs_value = milp(evaluations, costs, target, start, deadline, budget)
    theirs = time.perf_counter() - t0
    base = greedy(evaluations, costs, target, start, deadline, budget)
    print(f"\n{label}: {n} communes, target {target}, 5 years, {budget_per_year} a year")
    print(
        f"  ntm_criteria.plan_district  {ours:8.3f} s  total {plan.total}  proven optimal: {plan.optimal} ({plan.solver})"
    )
    print(f"  scipy.optimize.milp (HiGHS) {theirs:8.3f} s  total {theirs_value}")
    print(
        f"  speed-up over milp: {theirs / ours:6.1f}x; same optimum: {plan.total == theirs_value}"
    )
    if base is None:
        print("  greedy: found no plan reaching the target")
    else:
        print(f"  greedy: total {base} ({(base - plan.total) / plan.total:+.1%} over the optimum)")


def main() -> None:
    # Loose budgets: the pure-Python search proves the optimum on its own.
    run("district, loose budget", 30, 0.4, 1800)
    run("province, loose budget", 250, 0.4, 16000)
    # Binding budgets: the search hands the model to HiGHS (the `plan` extra).
    run("district, binding budget", 30, 0.4, 1500)
    run("province, binding budget", 250, 0.4, 14000)


if __name__ == "__main__":
    main()
