"""``plan_district``: which communes to bring to certification, when, at least cost.

Given the district's evaluations, a target (a count, or a share of the communes), a deadline
and yearly budgets, the plan chooses the communes to certify and schedules every action of each
chosen commune so that the yearly budgets hold, at the least total cost. Communes already
certified count toward the target. Optionally, upkeep of at-risk criteria in certified
communes is funded first, every year.

The answer is exact: subsets of communes are examined in increasing order of a lower bound on
their cost (each commune's cheapest way of closing every gap), each subset's joint schedule is
solved exactly, and the search stops when no remaining subset can be cheaper than the best plan
found: that plan is then proven optimal. When the target cannot be reached, the plan says the
most that can be, and the yearly budget the target would need.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

from attrs import field, frozen

from ntm_criteria._frozen import FrozenMap
from ntm_criteria.certification import Outcome, decide
from ntm_criteria.engine.results import Evaluation
from ntm_criteria.errors import AssessmentError, InputError, MissingExtraError, SearchLimitError
from ntm_criteria.messages import Message, msg
from ntm_criteria.model import checks
from ntm_criteria.model.commune import duplicate_problems
from ntm_criteria.planning.commune import CommunePlan
from ntm_criteria.planning.costs import NEUTRAL, Cost, CostModel
from ntm_criteria.planning.costs import money as money_field
from ntm_criteria.planning.gaps import Gap
from ntm_criteria.planning.milp import solve_district_milp
from ntm_criteria.planning.schedule import Objective, Schedule, Task, best_schedule, smallest_money
from ntm_criteria.planning.tasks import (
    MAX_EXTRA_YEARS,
    Action,
    Strategy,
    budget_by_year,
    critical_criteria,
    money_by_year,
    plan_notes,
    tasks_for,
    why,
)

#: How many subsets of communes the pure-Python search examines, and how many nodes one joint
#: schedule may take, before the problem goes to HiGHS (or, without it, stays unproven).
MAX_SUBSETS = 2_000
MAX_NODES = 20_000


def _upkeep_money(value: object) -> Decimal:
    return money_field("Upkeep", "money_per_year")(value)


@frozen
class Upkeep:
    """Money reserved every year for an at-risk criterion of a certified commune."""

    commune: str = field(validator=checks.text("Upkeep", "commune"))
    criterion: int = field(validator=checks.whole("Upkeep", "criterion", minimum=1))
    money_per_year: Decimal = field(converter=_upkeep_money)
    why: str = field(
        default="upkeep of a criterion at risk", validator=checks.text("Upkeep", "why")
    )  # the user's own words, shown as given


@frozen(repr=False)
class DistrictPlan:
    """An explained district plan (immutable).

    Attributes:
        target: the number of certified communes wanted by the deadline.
        already_certified: communes certified now, counted toward the target.
        communes: a feasible, scheduled plan for each commune chosen.
        total: the money of every action chosen (upkeep excluded).
        cost_by_year: money committed each year, upkeep included.
        feasible: whether the target is reached within the budgets.
        optimal: whether the plan is proven to cost the least possible.
        reachable: the most communes certifiable by the deadline within the budgets.
        budget_needed: for an infeasible target, the smallest uniform yearly budget that
            reaches it (None when no budget can, e.g. the deadline is too near).
        upkeep: the upkeep funded every year.
        excluded: communes that cannot be planned, with the reason.
    """

    target: int
    start: int
    deadline: int
    budget: FrozenMap[int, Decimal] = field(converter=money_by_year)
    already_certified: tuple[str, ...]
    communes: tuple[CommunePlan, ...]
    total: Decimal
    cost_by_year: FrozenMap[int, Decimal] = field(converter=money_by_year)
    feasible: bool
    optimal: bool
    reachable: int
    budget_needed: Decimal | None = None
    upkeep: tuple[Upkeep, ...] = ()
    excluded: tuple[tuple[str, Message], ...] = ()
    solver: str = "branch and bound"
    unit: str = "million VND"

    def __repr__(self) -> str:
        state = ("optimal" if self.optimal else "feasible") if self.feasible else "not feasible"
        return (
            f"<DistrictPlan target {self.target} by {self.deadline}: {state}, "
            f"{len(self.communes)} communes, total {self.total} {self.unit}>"
        )

    def __str__(self) -> str:
        return repr(self)[1:-1]


@frozen
class _Candidate:
    evaluation: Evaluation
    found: tuple[Gap, ...]
    options: tuple[tuple[Cost, ...], ...]
    tasks: tuple[Task, ...]
    before: FrozenMap[int, tuple[int, ...]]
    bound: Decimal


def _subsets_by_bound(bounds: Sequence[Decimal], k: int):  # type: ignore[no-untyped-def]
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


def _joint(chosen: Sequence[_Candidate]) -> tuple[list[Task], dict[int, list[int]], list[int]]:
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


def _priority_order(tasks: Sequence[Task], before: Mapping[int, Sequence[int]]) -> list[int]:
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


def _greedy(
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
    for i in _priority_order(tasks, before):
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


def _solve(
    cands: Sequence[_Candidate],
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
    for examined, (bound, combo) in enumerate(_subsets_by_bound([c.bound for c in cands], k), 1):
        if best is not None and bound >= best[0]:
            return best[1], best[2]
        if examined > limit:
            raise SearchLimitError(
                f"more than {limit} subsets", None if best is None else (best[1], best[2])
            )
        chosen = [cands[i] for i in combo]
        tasks, before, _ = _joint(chosen)
        schedule = _greedy(tasks, before, start, deadline, budget)
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


def plan_district(
    evaluations: Sequence[Evaluation],
    costs: CostModel | None = None,
    target: int | float = 1,
    deadline: int | None = None,
    budget_per_year: Decimal | int | str | Mapping[int, Decimal] = Decimal(1),
    *,
    start: int | None = None,
    upkeep: Sequence[Upkeep] = (),
) -> DistrictPlan:
    """Choose the communes to certify by ``deadline``, and schedule their actions, at least cost.

    Args:
        evaluations: one evaluation per commune of the district.
        costs: the cost model (default: neutral).
        target: a number of certified communes, or a share of the communes (0 < share <= 1,
            rounded up).
        deadline: the last year (default: the year after the latest evaluation).
        budget_per_year: the district's money each year (or a mapping year -> money).
        start: the first year of work (default: the year after the latest evaluation).
        upkeep: money reserved every year for at-risk criteria of certified communes.

    Returns:
        A :class:`DistrictPlan`; deterministic: the same input gives the same plan.
    """
    costs = costs or NEUTRAL
    evals = list(evaluations)
    repeated = duplicate_problems((e.assessment for e in evals), by_date=False)
    if repeated:
        raise AssessmentError([f"plan_district counts each commune once: {p}" for p in repeated])
    n = len(evals)
    wanted = math.ceil(target * n) if isinstance(target, float) else int(target)
    if not 0 <= wanted <= n:
        raise InputError(
            "plan_district",
            "target",
            target,
            f"a count from 0 to the {n} communes given, or a share above 0 and at most 1",
        )
    first = start if start is not None else max(e.year for e in evals) + 1
    last = deadline if deadline is not None else first
    yearly = budget_by_year(
        budget_per_year if isinstance(budget_per_year, Mapping) else Decimal(budget_per_year),
        first,
        last,
    )
    reserved = sum((u.money_per_year for u in upkeep), Decimal(0))
    budget = {y: b - reserved for y, b in yearly.items()}
    if any(b < 0 for b in budget.values()):
        raise InputError(
            "plan_district",
            "upkeep",
            str(reserved),
            f"upkeep within every year's budget (the smallest is {min(yearly.values())})",
        )
    certified = [e for e in evals if decide(e).outcome is Outcome.CERTIFIED]
    cands: list[_Candidate] = []
    excluded: list[tuple[str, Message]] = []
    for e in evals:
        if e in certified:
            continue
        found, options, tasks, before = tasks_for(e, costs)
        unlimited = dict.fromkeys(
            budget, sum((max(m for m, _ in t.options) for t in tasks), Decimal(0))
        )
        if best_schedule(tasks, first, last, unlimited, Objective.LEAST_COST, before) is None:
            excluded.append(
                (
                    e.assessment.commune.name,
                    msg("district.cannot_close", n=len(found), deadline=last),
                )
            )
            continue
        cands.append(
            _Candidate(
                e,
                tuple(found),
                tuple(options),
                tuple(tasks),
                FrozenMap({i: tuple(v) for i, v in before.items()}),
                sum((min(m for m, _ in t.options) for t in tasks), Decimal(0)),
            )
        )
    cands.sort(key=lambda c: (c.bound, c.evaluation.assessment.commune.name))
    need = max(0, wanted - len(certified))

    solver = ["branch and bound"]
    proven = [True]

    def attempt(k: int, money: Mapping[int, Decimal]) -> tuple[tuple[int, ...], Schedule] | None:
        try:
            return _solve(cands, k, first, last, money, MAX_SUBSETS)
        except SearchLimitError as limit:
            try:
                exact = solve_district_milp(
                    [(c.tasks, c.before) for c in cands], k, first, last, money
                )
            except MissingExtraError:
                proven[0] = False
                solver[0] = "branch and bound, stopped at its search limit"
                return limit.best  # type: ignore[return-value]
            solver[0] = "HiGHS"
            return exact

    result = attempt(need, budget)
    common = {
        "target": wanted,
        "start": first,
        "deadline": last,
        "budget": yearly,
        "already_certified": tuple(e.assessment.commune.name for e in certified),
        "upkeep": tuple(upkeep),
        "excluded": tuple(excluded),
        "unit": costs.unit,
    }
    if result is None:
        reachable = len(certified)
        for k in range(need - 1, 0, -1):
            if attempt(k, budget):
                reachable += k
                break
        return DistrictPlan(
            communes=(),
            total=Decimal(0),
            cost_by_year={},
            feasible=False,
            optimal=proven[0],
            reachable=reachable,
            budget_needed=_budget_needed(attempt, need, first, last, reserved, cands),
            solver=solver[0],
            **common,  # type: ignore[arg-type]
        )
    combo, schedule = result
    chosen = [cands[i] for i in combo]
    _, before, offsets = _joint(chosen)
    plans = []
    for cand, offset in zip(chosen, offsets, strict=True):
        placements = schedule.placements[offset : offset + len(cand.tasks)]
        own = Schedule(
            placements,
            sum((p.money for p in placements), Decimal(0)),
            max((p.finish for p in placements), default=first - 1),
            Decimal(0),
        )
        local_before = {i: list(v) for i, v in cand.before.items()}
        actions = [
            Action(
                cand.evaluation.assessment.commune.name,
                cand.found[i],
                cand.options[i][p.option],
                p.money,
                p.start,
                p.finish,
                why(
                    i,
                    list(cand.found),
                    list(cand.options),
                    own,
                    first,
                    local_before,
                    Strategy.LEAST_COST,
                    budget,
                    costs.unit,
                ),
            )
            for i, p in enumerate(placements)
        ]
        actions.sort(key=lambda a: (a.start, a.finish, a.criterion, a.target))
        plans.append(
            CommunePlan(
                evaluation=cand.evaluation,
                strategy=Strategy.LEAST_COST,
                start=first,
                deadline=last,
                budget=FrozenMap(budget),
                actions=tuple(actions),
                feasible=True,
                certifiable_year=own.finish,
                critical_path=critical_criteria(list(cand.found), own, local_before),
                cost_by_year=own.spend_by_year(),
                total=own.money,
                notes=plan_notes(cand.evaluation, list(cand.found), costs),
                unit=costs.unit,
            )
        )
    by_year = schedule.spend_by_year()
    if reserved:
        for year in range(first, last + 1):
            by_year[year] = by_year.get(year, Decimal(0)) + reserved
    return DistrictPlan(
        communes=tuple(plans),
        total=schedule.money,
        cost_by_year=by_year,
        feasible=True,
        optimal=proven[0],
        reachable=len(certified) + need,
        solver=solver[0],
        **common,  # type: ignore[arg-type]
    )


def _budget_needed(
    attempt: Callable[[int, Mapping[int, Decimal]], object],
    k: int,
    start: int,
    deadline: int,
    reserved: Decimal,
    cands: Sequence[_Candidate],
) -> Decimal | None:
    """The smallest uniform yearly budget (to 0.001) that lets ``k`` more communes certify."""
    if k > len(cands):
        return None

    def ok(money: Decimal) -> bool:
        return bool(attempt(k, dict.fromkeys(range(start, deadline + 1), money)))

    high = sum((max(m for m, _ in t.options) for c in cands for t in c.tasks), Decimal(0))
    found = smallest_money(ok, high)
    return None if found is None else (found + reserved).normalize()


__all__ = ["MAX_EXTRA_YEARS", "DistrictPlan", "Upkeep", "plan_district"]
