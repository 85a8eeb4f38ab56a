"""The district search: which communes, and their joint schedule, within the yearly budgets.

Subsets of candidate communes are examined in increasing order of a lower bound on their cost
(:func:`subsets_by_bound`); each subset's joint schedule (:func:`joint_tasks`) is solved exactly
within a node limit, after a quick greedy placement (:func:`greedy`) gives an incumbent; the
search stops when no remaining subset can be cheaper than the best plan found (:func:`solve`).
:func:`budget_needed` finds the smallest uniform budget that reaches a target.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

from attrs import frozen

from ntm_criteria._frozen import FrozenMap
from ntm_criteria.engine.results import Evaluation
from ntm_criteria.errors import SearchLimitError
from ntm_criteria.planning.costs import Cost
from ntm_criteria.planning.gaps import Gap
from ntm_criteria.planning.schedule import Objective, Schedule, Task, best_schedule, smallest_money

#: How many nodes one joint schedule may take before the problem goes to HiGHS (or, without
#: it, stays unproven).
MAX_NODES = 20_000


@frozen
class Candidate:
    evaluation: Evaluation
    found: tuple[Gap, ...]
    options: tuple[tuple[Cost, ...], ...]
    tasks: tuple[Task, ...]
    before: FrozenMap[int, tuple[int, ...]]
    bound: Decimal


def subsets_by_bound(bounds: Sequence[Decimal], k: int):  # type: ignore[no-untyped-def]
    """Every k-subset of indices (into ``bounds``, sorted ascending), cheapest sum first."""
    n = len(bounds)
    if k == 0:
        yield Decimal(0), ()
        return
    if k > n:
        return
    first = tuple(range(k))
    heap = [(sum((bounds[i] for i in first), Decimal(0)), first)]
    seen = {first}
    while heap:
        total, combo = heapq.heappop(heap)
        yield total, combo
        for pos in range(k):
            nxt = combo[pos] + 1
            if nxt < n and (pos == k - 1 or nxt < combo[pos + 1]):
                new = (*combo[:pos], nxt, *combo[pos + 1 :])
                if new not in seen:
                    seen.add(new)
                    heapq.heappush(heap, (total - bounds[combo[pos]] + bounds[nxt], new))


def joint_tasks(chosen: Sequence[Candidate]) -> tuple[list[Task], dict[int, list[int]], list[int]]:
    tasks: list[Task] = []
    before: dict[int, list[int]] = {}
    offsets = []
    for cand in chosen:
        offset = len(tasks)
        offsets.append(offset)
        tasks.extend(cand.tasks)
        for i, preds in cand.before.items():
            before[offset + i] = [offset + j for j in preds]
    return tasks, before, offsets


def priority_order(tasks: Sequence[Task], before: Mapping[int, Sequence[int]]) -> list[int]:
    """A topological order of the tasks, longest remaining chain (in years) first."""
    after: dict[int, list[int]] = {}
    for i, preds in before.items():
        for j in preds:
            after.setdefault(j, []).append(i)
    years = [min(y for _, y in t.options) for t in tasks]
    tail: dict[int, int] = {}

    def chain(i: int) -> int:
        if i not in tail:
            tail[i] = years[i] + max((chain(k) for k in after.get(i, ())), default=0)
        return tail[i]

    waiting = {i: len(set(before.get(i, ()))) for i in range(len(tasks))}
    ready = [(-chain(i), i) for i, n in waiting.items() if n == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        _, i = heapq.heappop(ready)
        order.append(i)
        for k in after.get(i, ()):
            waiting[k] -= 1
            if waiting[k] == 0:
                heapq.heappush(ready, (-chain(k), k))
    return order


def greedy(
    tasks: Sequence[Task],
    before: Mapping[int, Sequence[int]],
    start: int,
    deadline: int,
    budget: Mapping[int, Decimal],
) -> Schedule | None:
    """A quick schedule with every task's cheapest option, as early as budgets allow.

    Tasks go in list-scheduling order: a task is placed once its predecessors are, and among
    the ready ones the task with the longest chain of years still behind it goes first (the
    slow work must not be squeezed out of the early years by quick work).
    """
    from ntm_criteria.planning.schedule import Placement

    spend: dict[int, Decimal] = {}
    placed: dict[int, Placement] = {}
    for i in priority_order(tasks, before):
        o = min(
            range(len(tasks[i].options)),
            key=lambda o: (tasks[i].options[o][0], tasks[i].options[o][1]),
        )
        money, years = tasks[i].options[o]
        ready = max((placed[j].finish + 1 for j in before.get(i, ())), default=start)
        for year in range(ready, deadline - years + 2):
            if spend.get(year, Decimal(0)) + money <= budget.get(year, Decimal(0)):
                spend[year] = spend.get(year, Decimal(0)) + money
                placed[i] = Placement(o, year, money, year + years - 1)
                break
        else:
            return None
    placements = tuple(placed[i] for i in range(len(tasks)))
    total = sum((p.money for p in placements), Decimal(0))
    finish = max((p.finish for p in placements), default=start - 1)
    weighted = sum(
        (t.weight * (p.finish - start + 1) for t, p in zip(tasks, placements, strict=True)),
        Decimal(0),
    )
    return Schedule(placements, total, finish, weighted)


def solve(
    cands: Sequence[Candidate],
    k: int,
    start: int,
    deadline: int,
    budget: Mapping[int, Decimal],
    limit: int,
) -> tuple[tuple[int, ...], Schedule] | None:
    """The cheapest feasible k-subset and its schedule, or None if there is none.

    Raises:
        SearchLimitError: the search grew past its limits; ``.best`` holds the best plan found
            so far (unproven), if any.
    """
    best: tuple[Decimal, tuple[int, ...], Schedule] | None = None
    for examined, (bound, combo) in enumerate(subsets_by_bound([c.bound for c in cands], k), 1):
        if best is not None and bound >= best[0]:
            return best[1], best[2]
        if examined > limit:
            raise SearchLimitError(
                f"more than {limit} subsets", None if best is None else (best[1], best[2])
            )
        chosen = [cands[i] for i in combo]
        tasks, before, _ = joint_tasks(chosen)
        schedule = greedy(tasks, before, start, deadline, budget)
        if schedule is None or schedule.money > bound:
            try:
                schedule = best_schedule(
                    tasks,
                    start,
                    deadline,
                    budget,
                    Objective.LEAST_COST,
                    before,
                    max_nodes=MAX_NODES,
                )
            except SearchLimitError as exc:
                raise SearchLimitError(
                    str(exc), None if best is None else (best[1], best[2])
                ) from None
        if schedule is not None and (best is None or schedule.money < best[0]):
            best = (schedule.money, combo, schedule)
    return None if best is None else (best[1], best[2])


def budget_needed(
    attempt: Callable[[int, Mapping[int, Decimal]], object],
    k: int,
    start: int,
    deadline: int,
    reserved: Decimal,
    cands: Sequence[Candidate],
) -> Decimal | None:
    """The smallest uniform yearly budget (to 0.001) that lets ``k`` more communes certify."""
    if k > len(cands):
        return None

    def ok(money: Decimal) -> bool:
        return bool(attempt(k, dict.fromkeys(range(start, deadline + 1), money)))

    high = sum((max(m for m, _ in t.options) for c in cands for t in c.tasks), Decimal(0))
    found = smallest_money(ok, high)
    return None if found is None else (found + reserved).normalize()


__all__ = [
    "MAX_NODES",
    "Candidate",
    "budget_needed",
    "greedy",
    "joint_tasks",
    "priority_order",
    "solve",
    "subsets_by_bound",
]
