"""Exact scheduling of gap-closing tasks under yearly budgets, precedence and a deadline.

A task is one gap of one commune, with one or more ways (options) of closing it: money paid in
the year the work starts, and a number of years it takes. A schedule gives every task an option
and a start year such that

- each year's spending fits that year's budget,
- a task starts only after the tasks that must precede it have finished,
- every task finishes by the deadline year.

:func:`best_schedule` finds the schedule that is best for an objective (least money, earliest
finish, or least weighted finish), by depth-first branch and bound: it is exact, and it proves
its answer optimal by exhausting the search with bounds that never overestimate. It is meant
for the sizes planning meets (a commune's handful of gaps; a district's chosen communes).
"""

from __future__ import annotations

import contextlib
import enum
import heapq
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

from attrs import frozen

from ntm_criteria.errors import SearchLimitError


class Objective(enum.Enum):
    """What a schedule minimises (ties are broken by the next criterion, then by order)."""

    LEAST_COST = "least_cost"  #: total money, then the finish year
    EARLIEST = "earliest"  #: the year the last task finishes, then the money
    WEIGHTED = "weighted"  #: the weighted sum of years to finish each task, then the money


@frozen
class Task:
    """A gap to close: its options as (money, years), its weight, and its identity."""

    key: str
    options: tuple[tuple[Decimal, int], ...]
    weight: Decimal = Decimal(1)


@frozen
class Placement:
    """A task's place in a schedule: the option chosen and the start year."""

    option: int
    start: int
    money: Decimal
    finish: int


@frozen
class Schedule:
    """A schedule: one placement per task (same order as the tasks), and its totals."""

    placements: tuple[Placement, ...]
    money: Decimal
    finish: int
    weighted: Decimal

    def spend_by_year(self) -> dict[int, Decimal]:
        """Money committed in each year (the year a task starts)."""
        out: dict[int, Decimal] = {}
        for p in self.placements:
            out[p.start] = out.get(p.start, Decimal(0)) + p.money
        return out


def _key(
    objective: Objective, money: Decimal, finish: int, weighted: Decimal
) -> tuple[Decimal, Decimal]:
    if objective is Objective.LEAST_COST:
        return (money, Decimal(finish))
    if objective is Objective.EARLIEST:
        return (Decimal(finish), money)
    return (weighted, money)


def _order(tasks: Sequence[Task], before: Mapping[int, Sequence[int]]) -> list[int]:
    """A topological order of the tasks (predecessors first), stable by input order."""
    order: list[int] = []
    state: dict[int, int] = {}

    def visit(i: int) -> None:
        if state.get(i) == 2:
            return
        if state.get(i) == 1:
            raise ValueError("precedence between tasks forms a cycle")
        state[i] = 1
        for j in before.get(i, ()):
            visit(j)
        state[i] = 2
        order.append(i)

    for i in range(len(tasks)):
        visit(i)
    return order


def ranked_order(
    n: int, before: Mapping[int, Sequence[int]], rank: Callable[[int], Any]
) -> list[int]:
    """A topological order of ``n`` tasks taking, among those whose predecessors are placed,
    the one of lowest ``rank`` (ties by index)."""
    after: dict[int, list[int]] = {}
    for i, preds in before.items():
        for j in set(preds):
            after.setdefault(j, []).append(i)
    waiting = {i: len(set(before.get(i, ()))) for i in range(n)}
    ready = [(rank(i), i) for i, k in waiting.items() if k == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        _, i = heapq.heappop(ready)
        order.append(i)
        for k in after.get(i, ()):
            waiting[k] -= 1
            if waiting[k] == 0:
                heapq.heappush(ready, (rank(k), k))
    if len(order) < n:  # the tasks left wait on each other
        raise ValueError("precedence between tasks forms a cycle")
    return order


def _largest_first(tasks: Sequence[Task], before: Mapping[int, Sequence[int]]) -> list[int]:
    """A topological order taking, among the tasks whose predecessors are placed, the one whose
    cheapest way costs most (ties by input order)."""
    cheapest = [min(m for m, _ in t.options) for t in tasks]
    return ranked_order(len(tasks), before, lambda i: -cheapest[i])


def _earliest_finish(
    tasks: Sequence[Task], before: Mapping[int, Sequence[int]], start: int, order: Sequence[int]
) -> dict[int, int]:
    """Each task's earliest possible finish, money aside (its longest chain of fastest ways)."""
    earliest: dict[int, int] = {}
    for i in order:
        ready = max((earliest[j] + 1 for j in before.get(i, ())), default=start)
        earliest[i] = ready + min(y for _, y in tasks[i].options) - 1
    return earliest


def fits_in_time(
    tasks: Sequence[Task],
    start: int,
    deadline: int,
    before: Mapping[int, Sequence[int]] | None = None,
) -> bool:
    """Whether the tasks can all finish by ``deadline`` when money is no object (each at its
    earliest start in its fastest way): what :func:`best_schedule` with money enough in every
    year answers, without the search."""
    before = before or {}
    return all(
        f <= deadline
        for f in _earliest_finish(tasks, before, start, _order(tasks, before)).values()
    )


def _start_years(
    tasks: Sequence[Task], earliest: Mapping[int, int], start: int, deadline: int
) -> list[tuple[int, int]]:
    """Each task's first and last possible start, whatever its way, as years from ``start``."""
    out = []
    for i, task in enumerate(tasks):
        fastest = min(y for _, y in task.options)
        out.append((earliest[i] - fastest + 1 - start, deadline - fastest + 1 - start))
    return out


def _least_overrun(
    task: Task, starts: tuple[int, int], start: int, deadline: int, budget: Mapping[int, Decimal]
) -> Decimal:
    """How far the task's money goes over one year's budget in its least demanding way and year
    (0 or less: some year can pay for it)."""
    return min(
        (
            cost - budget.get(year, Decimal(0))
            for cost, years in task.options
            for year in range(start + starts[0], deadline - years + 2)
        ),
        default=Decimal("Infinity"),
    )


def _runs_holding(starts: tuple[int, int], span: int) -> Iterator[tuple[int, int]]:
    """The runs of years (first, last, from 0 to ``span`` - 1) holding every start of a task."""
    first_start, last_start = starts
    for a in range(first_start + 1):
        for b in range(last_start, span):
            yield a, b


def extra_money_floor(
    tasks: Sequence[Task],
    start: int,
    deadline: int,
    budget: Mapping[int, Decimal],
    before: Mapping[int, Sequence[int]] | None = None,
) -> Decimal:
    """A floor under the extra money each year that a schedule needs: every run of years must
    hold the cheapest ways of the tasks that can only start within it, and every task must fit
    one year's money. (A necessary condition: an amount below it is shown impossible.)"""
    before = before or {}
    order = _order(tasks, before)
    if not tasks:
        return Decimal(0)
    earliest = _earliest_finish(tasks, before, start, order)
    span = deadline - start + 1
    if span <= 0 or any(f > deadline for f in earliest.values()):
        return Decimal(0)  # no money is enough; the years are what is short
    starts = _start_years(tasks, earliest, start, deadline)
    window = [budget.get(y, Decimal(0)) for y in range(start, deadline + 1)]
    demand: dict[tuple[int, int], Decimal] = {}
    floor = Decimal(0)
    for i, task in enumerate(tasks):
        cheapest = min(m for m, _ in task.options)
        for run in _runs_holding(starts[i], span):
            demand[run] = demand.get(run, Decimal(0)) + cheapest
        # every task has a start here (its earliest finish is by the deadline)
        floor = max(floor, _least_overrun(task, starts[i], start, deadline, budget))
    for (a, b), money in demand.items():
        floor = max(floor, (money - sum(window[a : b + 1], Decimal(0))) / (b - a + 1))
    return floor


def best_schedule(
    tasks: Sequence[Task],
    start: int,
    deadline: int,
    budget: Mapping[int, Decimal],
    objective: Objective = Objective.LEAST_COST,
    before: Mapping[int, Sequence[int]] | None = None,
    max_nodes: int | None = None,
    any_schedule: bool = False,
) -> Schedule | None:
    """The optimal schedule, or None when no schedule meets the constraints.

    Args:
        tasks: the tasks.
        start: the first year work may start.
        deadline: the last year work may finish.
        budget: the money available in each year (a year not listed has none).
        objective: what to minimise.
        before: for task index i, the indices of the tasks that must finish before it starts.
        max_nodes: stop with :class:`SearchLimitError` after this many search nodes (None: never).
        any_schedule: stop at the first schedule found (whether one exists, not the best).

    Raises:
        SearchLimitError: the search needed more than ``max_nodes`` nodes.
    """
    before = before or {}
    # whether a schedule exists does not depend on the order of the search: the dearest tasks
    # first then, as a packer places its largest items first, so that a year too full shows
    # at the top of the search; the best schedule is searched in the tasks' own order (its
    # ties are broken by that order)
    order = _largest_first(tasks, before) if any_schedule else _order(tasks, before)
    n = len(tasks)
    if n == 0:
        return Schedule((), Decimal(0), start - 1, Decimal(0))
    min_money = [min(m for m, _ in t.options) for t in tasks]
    earliest = _earliest_finish(tasks, before, start, order)
    if any(f > deadline for f in earliest.values()):
        return None
    window = [budget.get(y, Decimal(0)) for y in range(start, deadline + 1)]
    if sum(min_money) > sum(window):  # not even the cheapest options fit all the money there is
        return None
    starts = _start_years(tasks, earliest, start, deadline)
    # a task no year's money can pay for, in any of its ways, stops every plan
    if any(_least_overrun(tasks[i], starts[i], start, deadline, budget) > 0 for i in order):
        return None
    left = [sum(window, Decimal(0))]  # money not yet committed in the plan's years
    # Each task starts, whatever its option, between its earliest start and the last year its
    # fastest option can start in; the money of the tasks whose every start lies within a run
    # of years must fit that run's money. For each position, the runs the tasks still to place
    # demand money in (the whole window is ``left``'s check): (first year, last year, money).
    span = deadline - start + 1
    demand: dict[tuple[int, int], Decimal] = {}
    runs: list[tuple[tuple[int, int, Decimal], ...]] = [()] * (n + 1)
    for pos in range(n - 1, -1, -1):
        i = order[pos]
        for a, b in _runs_holding(starts[i], span):
            if (a, b) != (0, span - 1):
                demand[a, b] = demand.get((a, b), Decimal(0)) + min_money[i]
        runs[pos] = tuple((a, b, money) for (a, b), money in demand.items())
    rest_money = [Decimal(0)] * (n + 1)
    rest_weighted = [Decimal(0)] * (n + 1)
    rest_finish = [start - 1] * (n + 1)
    for pos in range(n - 1, -1, -1):
        i = order[pos]
        rest_money[pos] = rest_money[pos + 1] + min_money[i]
        rest_weighted[pos] = rest_weighted[pos + 1] + tasks[i].weight * (earliest[i] - start + 1)
        rest_finish[pos] = max(rest_finish[pos + 1], earliest[i])
    spend: dict[int, Decimal] = {}
    chosen: list[Placement | None] = [None] * n
    best: list[tuple[tuple[Decimal, Decimal], Schedule] | None] = [None]

    def option_order(i: int) -> list[int]:
        def key(o: int) -> tuple[Decimal | int, Decimal | int]:
            money, years = tasks[i].options[o]
            return (money, years) if objective is Objective.LEAST_COST else (years, money)

        return sorted(range(len(tasks[i].options)), key=key)

    choices = [option_order(i) for i in range(n)]
    # Twins: a task just after an identical one in the order (same options, weight and
    # predecessors, and neither precedes anything). Swapping twins gives the same schedule, so
    # the second is placed no earlier than the first: the search visits each set of places once.
    successors = {j for preds in before.values() for j in preds}

    def twins(i: int, j: int) -> bool:
        a, b = tasks[i], tasks[j]
        return (
            a.options == b.options
            and a.weight == b.weight
            and tuple(before.get(i, ())) == tuple(before.get(j, ()))
            and i not in successors
            and j not in successors
        )

    twin_of = [None] + [
        order[p - 1] if twins(order[p - 1], order[p]) else None for p in range(1, n)
    ]

    nodes = [0]

    def dfs(pos: int, money: Decimal, finish: int, weighted: Decimal) -> None:
        nodes[0] += 1
        if max_nodes is not None and nodes[0] > max_nodes:
            raise SearchLimitError(
                f"more than {max_nodes} search nodes", None if best[0] is None else best[0][1]
            )
        if rest_money[pos] > left[0]:  # the tasks still to place cannot all be paid for
            return
        if runs[pos]:
            free = [Decimal(0)]  # money not yet committed, summed year by year
            for k, available in enumerate(window):
                free.append(free[-1] + available - spend.get(start + k, Decimal(0)))
            for a, b, needed in runs[pos]:
                if needed > free[b + 1] - free[a]:  # those tasks cannot all be paid for
                    return
        if best[0] is not None:
            bound = _key(
                objective,
                money + rest_money[pos],
                max(finish, rest_finish[pos]),
                weighted + rest_weighted[pos],
            )
            if bound >= best[0][0]:
                return
        if pos == n:
            placements = tuple(p for p in chosen if p is not None)
            key = _key(objective, money, finish, weighted)
            best[0] = (key, Schedule(placements, money, finish, weighted))
            if any_schedule:
                raise _Found
            return
        i = order[pos]
        ready = max((chosen[j].finish + 1 for j in before.get(i, ())), default=start)  # type: ignore[union-attr]
        twin = twin_of[pos]
        floor = None if twin is None else chosen[twin]
        for o in choices[i]:
            cost, years = tasks[i].options[o]
            for year in range(ready, deadline - years + 2):
                if floor is not None and (choices[i].index(o), year) < (
                    choices[i].index(floor.option),
                    floor.start,
                ):
                    continue
                if spend.get(year, Decimal(0)) + cost > budget.get(year, Decimal(0)):
                    continue
                spend[year] = spend.get(year, Decimal(0)) + cost
                left[0] -= cost
                end = year + years - 1
                chosen[i] = Placement(o, year, cost, end)
                dfs(
                    pos + 1,
                    money + cost,
                    max(finish, end),
                    weighted + tasks[i].weight * (end - start + 1),
                )
                spend[year] -= cost
                left[0] += cost
                chosen[i] = None

    with contextlib.suppress(_Found):
        dfs(0, Decimal(0), start - 1, Decimal(0))
    return None if best[0] is None else best[0][1]


class _Found(Exception):  # noqa: N818 - a signal, not an error
    """Raised inside the search to stop at the first schedule."""


def first_fit(
    tasks: Sequence[Task],
    start: int,
    deadline: int,
    budget: Mapping[int, Decimal],
    objective: Objective = Objective.LEAST_COST,
    before: Mapping[int, Sequence[int]] | None = None,
    order: Sequence[int] | None = None,
) -> Schedule | None:
    """A schedule found without search: each task, predecessors first (or in ``order``, a
    topological order), takes its best option (by ``objective``) in the earliest year that has
    the money. Quick, not optimal, and it may miss a schedule that exists; used where the
    exact search is too large, and as the first incumbent of the district search.
    """
    before = before or {}
    spend: dict[int, Decimal] = {}
    chosen: dict[int, Placement] = {}
    for i in order if order is not None else _order(tasks, before):
        ready = max((chosen[j].finish + 1 for j in before.get(i, ())), default=start)
        options = tasks[i].options

        def rank(o: int, options: tuple[tuple[Decimal, int], ...] = options) -> tuple[object, ...]:
            return options[o] if objective is Objective.LEAST_COST else options[o][::-1]

        ranked = sorted(range(len(options)), key=rank)
        placed = None
        for o in ranked:
            cost, years = tasks[i].options[o]
            for year in range(ready, deadline - years + 2):
                if spend.get(year, Decimal(0)) + cost <= budget.get(year, Decimal(0)):
                    placed = Placement(o, year, cost, year + years - 1)
                    break
            if placed is not None:
                break
        if placed is None:
            return None
        spend[placed.start] = spend.get(placed.start, Decimal(0)) + placed.money
        chosen[i] = placed
    placements = tuple(chosen[i] for i in range(len(tasks)))
    money = sum((p.money for p in placements), Decimal(0))
    finish = max((p.finish for p in placements), default=start - 1)
    weighted = sum(
        (t.weight * (p.finish - start + 1) for t, p in zip(tasks, placements, strict=True)),
        Decimal(0),
    )
    return Schedule(placements, money, finish, weighted)


def bounded_schedule(
    tasks: Sequence[Task],
    start: int,
    deadline: int,
    budget: Mapping[int, Decimal],
    objective: Objective = Objective.LEAST_COST,
    before: Mapping[int, Sequence[int]] | None = None,
    max_nodes: int = 100_000,
    any_schedule: bool = False,
) -> tuple[Schedule | None, bool]:
    """:func:`best_schedule` within ``max_nodes``; beyond it, :func:`first_fit`.

    Returns:
        The schedule (None: none found) and whether the answer is proven: True when the
        search finished (an optimal schedule, or proof that none exists).
    """
    try:
        found = best_schedule(
            tasks, start, deadline, budget, objective, before, max_nodes, any_schedule
        )
        return found, True
    except SearchLimitError as limit:
        # the best schedule the search found before its limit, else one found without search,
        # each task in its best way by the objective first, then in its cheapest (which fits
        # where the quicker, dearer ways do not)
        if isinstance(limit.best, Schedule):
            return limit.best, False
        for ranking in dict.fromkeys((objective, Objective.LEAST_COST)):
            found = first_fit(tasks, start, deadline, budget, ranking, before)
            if found is not None:
                return found, False
        if objective is not Objective.LEAST_COST:
            # the search in its own order of ways found nothing: any schedule, cheapest ways
            # first, in a tenth of the nodes
            with contextlib.suppress(SearchLimitError):
                found = best_schedule(
                    tasks,
                    start,
                    deadline,
                    budget,
                    Objective.LEAST_COST,
                    before,
                    max_nodes // 10,
                    any_schedule=True,
                )
                if found is not None:
                    return found, False
        return None, False


#: The grain of money searches: 0.001 (one thousand VND when money is in millions).
MONEY_STEP = Decimal("0.001")


def smallest_money(
    ok: Callable[[Decimal], bool], high: Decimal, low: Decimal = Decimal(0)
) -> Decimal | None:
    """The smallest amount in [``low``, ``high``], to :data:`MONEY_STEP`, for which ``ok`` holds.

    ``ok`` must be monotone (true for an amount, true for every larger one), and false below
    ``low`` (a floor known otherwise). None when even ``high`` is not enough.
    """
    if not ok(high):
        return None
    top = int(high / MONEY_STEP)
    steps = smallest_whole(lambda k: ok(k * MONEY_STEP), min(on_grid(low), top), top)
    return (steps * MONEY_STEP).normalize()


def on_grid(amount: Decimal) -> int:
    """The first step of :data:`MONEY_STEP` at or above ``amount`` (0 at least)."""
    return max(0, math.ceil(amount / MONEY_STEP))


def smallest_whole(ok: Callable[[int], bool], low: int, high: int) -> int:
    """The smallest whole number in [``low``, ``high``] for which ``ok`` holds, by bisection;
    ``ok`` must be monotone and hold for ``high``."""
    while low < high:
        middle = (low + high) // 2
        if ok(middle):
            high = middle
        else:
            low = middle + 1
    return high
