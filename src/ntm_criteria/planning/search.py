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
from ntm_criteria.planning.schedule import (
    Objective,
    Schedule,
    Task,
    best_schedule,
    first_fit,
    ranked_order,
    smallest_money,
)

#: How many nodes one joint schedule may take before the problem stays unproven (without HiGHS),
#: or goes to HiGHS (with it: :data:`HANDOVER_NODES`, as HiGHS closes in a few hundredths of a
#: second what the search would take a tenth of a second to give up on).
MAX_NODES = 20_000
HANDOVER_NODES = 1_000


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

    return ranked_order(len(tasks), before, lambda i: -chain(i))


def greedy(
    tasks: Sequence[Task],
    before: Mapping[int, Sequence[int]],
    start: int,
    deadline: int,
    budget: Mapping[int, Decimal],
) -> Schedule | None:
    """A quick schedule in list-scheduling order (:func:`priority_order`: among the ready tasks,
    the one with the longest chain of years still behind it goes first, so that slow work is
    not squeezed out of the early years by quick work), each task in its cheapest option that
    fits, as early as the budgets allow (:func:`~ntm_criteria.planning.schedule.first_fit`).
    """
    order = priority_order(tasks, before)
    return first_fit(tasks, start, deadline, budget, Objective.LEAST_COST, before, order)


def solve(
    cands: Sequence[Candidate],
    k: int,
    start: int,
    deadline: int,
    budget: Mapping[int, Decimal],
    limit: int,
    max_nodes: int = MAX_NODES,
) -> tuple[tuple[int, ...], Schedule] | None:
    """The cheapest feasible k-subset and its schedule, or None if there is none.

    ``limit`` caps the subsets examined, ``max_nodes`` the nodes of one joint schedule.

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
                    max_nodes=max_nodes,
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
    "HANDOVER_NODES",
    "MAX_NODES",
    "Candidate",
    "budget_needed",
    "greedy",
    "joint_tasks",
    "priority_order",
    "solve",
    "subsets_by_bound",
]
