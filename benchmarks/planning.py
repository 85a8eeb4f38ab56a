"""Benchmark: district plans to the proven optimum, beside HiGHS alone (cold) and a greedy plan.

Instances from a fixed seed: districts of 10, 20, 30, 50 and 100 communes and a province of
250, each over 5 years, with a loose and a binding yearly budget. Each commune has 2-6 unmet
criteria (declared), each closed in one of one or two ways (money, 1-2 years), production
organisation before income; the target is 40% of the communes.

The alternative is HiGHS (through highspy) given the same model, built here from the communes'
tasks and not by the library's own builder: one binary per commune, one per (task, option,
start year), each task of a chosen commune started once, at least the target chosen, each
year's spending within its budget, precedence as start-year inequalities; the communes in the
district's own order; no starting solution; ``mip_rel_gap=0``, so that its optimum is proven.
highspy and numpy are imported, and one small model solved, before anything is timed. Every
instance is timed in interleaved rounds (the library, then HiGHS, then again) and the medians
are compared; the benchmark stops unless both are proven and give the same optimum.
The greedy baseline (cheapest communes first, each scheduled as early as the budget allows)
shows what an exact answer saves. It ends with one commune's plan for 10 and 19 gaps, feasible
or not, shortfall included, beside its target of under a second. Run from the repository root
(needs the ``plan`` extra):

    python benchmarks/planning.py [rounds]
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import time
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import highspy
import numpy as np

import ntm_criteria as ntm
from ntm_criteria.planning.schedule import Task
from ntm_criteria.planning.search import greedy as greedy_schedule  # the baseline reuses it
from ntm_criteria.planning.tasks import tasks_for

SEED = 2019
START, DEADLINE = 2020, 2024
SHARE = 0.4
S16 = ntm.load_criteria_set("commune-2016-2020")

#: (communes, loose budget a year, binding budget a year)
SIZES = ((10, 600, 500), (20, 1200, 1000), (30, 1800, 1500), (50, 3000, 2500),
         (100, 6000, 5000), (250, 16000, 14000))  # fmt: skip

#: The issue's targets: (communes, budget kind) -> the least speed-up over cold HiGHS.
TARGETS = {**{(n, "loose"): 2.0 for n, _, _ in SIZES}, (30, "binding"): 5.0, (250, "binding"): 2.0}


def instance(n: int, rng: random.Random) -> tuple[list[ntm.Evaluation], ntm.CostModel]:
    evaluations = []
    entries: dict[str, tuple[ntm.Cost, ...]] = {}
    for i in range(n):
        unmet = rng.sample(range(1, 20), rng.randint(2, 6))
        evaluations.append(commune(f"X{i:03d}", "TDMNPB", unmet))
        entries.update(ways(f"X{i:03d}", unmet, rng, 0.5))
    return evaluations, ntm.CostModel(
        entries=entries, precedence=(("criterion 13", "criterion 10"),)
    )


def commune(name: str, region: str, unmet: Sequence[int]) -> ntm.Evaluation:
    """A commune of 2019 whose ``unmet`` criteria are declared unmet, the others met."""
    a = ntm.Assessment(
        ntm.Commune(name, region=region),
        dt.date(2019, 12, 31),
        declarations={c: c not in unmet for c in range(1, 20)},
        facts={"registered_in_plan": True, "outstanding_capital_construction_debt": False},
    )
    return ntm.evaluate(a, S16)


def ways(
    name: str, unmet: Sequence[int], rng: random.Random, quick: float
) -> dict[str, tuple[ntm.Cost, ...]]:
    """Each gap's ways of closing it: two years for some money, and (with chance ``quick``)
    one year for more."""
    entries = {}
    for c in unmet:
        slow = rng.randint(50, 400)
        options = [ntm.Cost(fixed=Decimal(slow), years=2)]
        if rng.random() < quick:
            options.append(ntm.Cost(fixed=Decimal(slow + rng.randint(20, 200)), years=1))
        entries[f"{name}/criterion {c}"] = tuple(options)
    return entries


def cold_highs(
    communes: Sequence[tuple[Sequence[Task], Mapping[int, Sequence[int]]]],
    need: int,
    budget: Mapping[int, Decimal],
) -> Decimal | None:
    """The district model handed to HiGHS as it is; the proven optimal total, or None."""
    years = range(START, DEADLINE + 1)
    cost: list[float] = [0.0] * len(communes)
    # x columns: (commune, task, option, start year)
    cols: list[tuple[int, int, int, int]] = []
    of_task: dict[tuple[int, int], list[int]] = {}
    for i, (tasks, _) in enumerate(communes):
        for a, task in enumerate(tasks):
            for o, (money, length) in enumerate(task.options):
                for t in years:
                    if t + length - 1 <= DEADLINE:
                        of_task.setdefault((i, a), []).append(len(cost))
                        cost.append(float(money))
                        cols.append((i, a, o, t))
    # rows in the order the library writes them (HiGHS's time varies with the order): each
    # task of a chosen commune once, the target, the yearly budgets, the precedence
    rows: list[tuple[dict[int, float], float, float]] = []
    inf = highspy.kHighsInf
    nz = len(communes)
    for i, (tasks, _) in enumerate(communes):
        for a in range(len(tasks)):
            rows.append(({**dict.fromkeys(of_task.get((i, a), []), 1.0), i: -1.0}, 0.0, 0.0))
    rows.append((dict.fromkeys(range(nz), 1.0), float(need), inf))
    for t in years:
        spend = {nz + k: cost[nz + k] for k, c in enumerate(cols) if c[3] == t}
        rows.append((spend, -inf, float(budget[t])))
    for i, (tasks, before) in enumerate(communes):
        for a, preds in before.items():
            for j in preds:
                row: dict[int, float] = {}
                for k in of_task.get((i, a), []):
                    row[k] = row.get(k, 0.0) + cols[k - nz][3]
                for k in of_task.get((i, j), []):
                    _, _, o, t = cols[k - nz]
                    row[k] = row.get(k, 0.0) - (t + tasks[j].options[o][1])
                rows.append((row, 0.0, inf))
    h: Any = highspy._Highs()  # the bare solver: highspy.Highs prints a banner on stdout
    h.setOptionValue("output_flag", False)
    h.setOptionValue("mip_rel_gap", 0.0)
    nvar = len(cost)
    every = np.arange(nvar, dtype=np.int32)
    h.addVars(nvar, np.zeros(nvar), np.ones(nvar))
    h.changeColsCost(nvar, every, np.array(cost))
    h.changeColsIntegrality(nvar, every, np.full(nvar, highspy.HighsVarType.kInteger))
    starts, index, values = [], [], []
    for row, _, _ in rows:
        starts.append(len(index))
        index.extend(row)
        values.extend(row.values())
    h.addRows(
        len(rows),
        np.array([lo for _, lo, _ in rows]),
        np.array([hi for _, _, hi in rows]),
        len(index),
        np.array(starts, dtype=np.int32),
        np.array(index, dtype=np.int32),
        np.array(values),
    )
    h.run()
    status = h.getModelStatus()
    if status == highspy.HighsModelStatus.kInfeasible:
        return None
    assert status == highspy.HighsModelStatus.kOptimal, h.modelStatusToString(status)
    return Decimal(round(h.getInfo().objective_function_value))


def greedy(evaluations, costs, target, budget):  # type: ignore[no-untyped-def]
    chosen, total = [], Decimal(0)
    spend_budget = dict(budget)
    order = sorted(
        evaluations, key=lambda e: sum(min(m for m, _ in t.options) for t in tasks_for(e, costs)[2])
    )
    for e in order:
        if len(chosen) == target:
            break
        _, _, tasks, before = tasks_for(e, costs)
        schedule = greedy_schedule(tasks, before, START, DEADLINE, spend_budget)
        if schedule is None:
            continue
        for year, money in schedule.spend_by_year().items():
            spend_budget[year] -= money
        chosen.append(e)
        total += schedule.money
    return total if len(chosen) == target else None


def run(n: int, per_year: int, kind: str, rounds: int) -> tuple[float, float]:
    evaluations, costs = instance(n, random.Random(SEED + n))
    target = round(SHARE * n)
    budget = dict.fromkeys(range(START, DEADLINE + 1), Decimal(per_year))
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        plan = ntm.plan_district(
            evaluations,
            costs,
            target=target,
            start=START,
            deadline=DEADLINE,
            budget_per_year=budget,
        )
        ours.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        # HiGHS is given the tasks the library reads from the same evaluations and costs
        optimum = cold_highs([tasks_for(e, costs)[2:] for e in evaluations], target, budget)
        theirs.append(time.perf_counter() - t0)
        if not (plan.feasible and plan.optimal and plan.total == optimum):
            sys.exit(
                f"{n} communes, {per_year} a year: the library gives {plan.total} "
                f"(proven: {plan.optimal}), HiGHS {optimum}: not the same optimum"
            )
    a, b = statistics.median(ours), statistics.median(theirs)
    goal = TARGETS.get((n, kind))
    verdict = (
        "" if goal is None else f"  target >= {goal:g}x: {'met' if b / a >= goal else 'NOT met'}"
    )
    print(
        f"  {n:4d}  {kind:8s} {per_year:6d}  {target:4d}  {plan.total:>7}  {a:8.3f} s  "
        f"{b:8.3f} s  {b / a:6.2f}x  {plan.solver}{verdict}"
    )
    if n in (30, 250):
        base = greedy(evaluations, costs, target, budget)
        gap = "no plan" if base is None else f"{(base - plan.total) / plan.total:+.1%}"
        print(f"        greedy baseline: {base} ({gap} over the optimum)")
    return a, b


def commune_case(gaps: int, budget: int, rng: random.Random) -> ntm.CommunePlan:
    """One commune with ``gaps`` criteria unmet, each closed in one or two ways of its own."""
    unmet = rng.sample(range(1, 20), gaps)
    costs = ntm.CostModel(
        entries=ways("X", unmet, rng, 0.7), precedence=(("criterion 13", "criterion 10"),)
    )
    return ntm.plan_commune(commune("X", "DBSH", unmet), costs, 2022, budget, start=2020)


def communes() -> None:
    print("\nOne commune, 2020-2022, gaps closed in one or two ways each (target: under 1 s)")
    print("  gaps  a year  time       answer")
    worst = 0.0
    for gaps in (10, 19):
        for budget in (300, 600, 900, 1200, 2000):
            rng = random.Random(SEED + gaps)
            t0 = time.perf_counter()
            plan = commune_case(gaps, budget, rng)
            seconds = time.perf_counter() - t0
            worst = max(worst, seconds)
            if plan.feasible:
                answer = f"plan, total {plan.total}, {'proven' if plan.optimal else 'not proven'} optimal"
            else:
                short = plan.shortfall
                assert short is not None
                years = (
                    "no extra years"
                    if short.extra_years is None
                    else (f"{short.extra_years} more year(s)")
                )
                answer = (
                    f"no plan ({'proven' if plan.optimal else 'not proven'}); enough: "
                    f"{short.extra_budget_per_year} more a year, or {years} "
                    f"({'the least' if short.proven else 'the least not proven'})"
                )
            print(f"  {gaps:4d}  {budget:6d}  {seconds:6.3f} s  {answer}")
    print(f"  slowest: {worst:.3f} s; target under 1 s: {'met' if worst < 1 else 'NOT met'}")


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    # warm-up outside every timed region: imports, one small model through both
    cold_highs(
        [([Task("a", ((Decimal(1), 1),))], {})],
        1,
        dict.fromkeys(range(START, DEADLINE + 1), Decimal(1)),
    )
    evaluations, costs = instance(3, random.Random(SEED))
    ntm.plan_district(
        evaluations, costs, target=1, start=START, deadline=DEADLINE, budget_per_year=500
    )
    print(
        f"District plans, {START}-{DEADLINE}, target {SHARE:.0%} of the communes; medians of {rounds} interleaved rounds"
    )
    print("  size  budget   a year  target  optimum  plan_district  HiGHS cold  speed-up  solver")
    growth: dict[str, list[tuple[int, float, float]]] = {"loose": [], "binding": []}
    for n, loose, binding in SIZES:
        for kind, per_year in (("loose", loose), ("binding", binding)):
            growth[kind].append((n, *run(n, per_year, kind, rounds)))
    communes()
    for kind, rows in growth.items():
        print(f"\nGrowth with the number of communes, {kind} budget (time per commune, ms)")
        print("  size  plan_district  HiGHS cold")
        for n, a, b in rows:
            print(f"  {n:4d}  {a / n * 1e3:13.2f}  {b / n * 1e3:10.2f}")


if __name__ == "__main__":
    main()
