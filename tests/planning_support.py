"""What the planning tests share: a commune evaluated with some criteria declared unmet, and the
brute-force schedule oracle (every assignment of option and year, written without the planner)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal as D  # noqa: N817

import ntm_criteria as ntm
from ntm_criteria.planning.schedule import Objective

S16 = ntm.load_criteria_set("commune-2016-2020")
OK = {"registered_in_plan": True, "outstanding_capital_construction_debt": False}


def evaluated(declared_unmet: tuple[int, ...], name: str = "X", **kw: object) -> ntm.Evaluation:
    a = ntm.Assessment(
        ntm.Commune(name, region="TDMNPB"),
        dt.date(2018, 12, 31),
        declarations={n: n not in declared_unmet for n in range(1, 20)},
        facts=OK,
        **kw,  # type: ignore[arg-type]
    )
    return ntm.evaluate(a, S16)


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
