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

import math
from collections.abc import Mapping, Sequence
from decimal import Decimal

from attrs import field, frozen

from ntm_criteria._frozen import FrozenMap
from ntm_criteria._optional import installed
from ntm_criteria.certification import Outcome, decide
from ntm_criteria.engine.results import Evaluation
from ntm_criteria.errors import AssessmentError, InputError, MissingExtraError, SearchLimitError
from ntm_criteria.messages import Message, msg
from ntm_criteria.model import checks
from ntm_criteria.model.commune import duplicate_problems
from ntm_criteria.planning.commune import CommunePlan
from ntm_criteria.planning.costs import NEUTRAL, CostModel
from ntm_criteria.planning.costs import money as money_field
from ntm_criteria.planning.milp import Plan, solve_district_milp
from ntm_criteria.planning.schedule import Schedule, fits_in_time
from ntm_criteria.planning.search import (
    HANDOVER_NODES,
    MAX_NODES,
    Candidate,
    budget_needed,
    joint_tasks,
    solve,
)
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

#: How many subsets of communes the pure-Python search examines before the problem goes to
#: HiGHS (or, without it, stays unproven).
MAX_SUBSETS = 2_000


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


def _renumbered(plan: Plan, cands: Sequence[Candidate], number: Sequence[int]) -> Plan:
    """The same plan with candidate ``i`` (of ``cands``) numbered ``number[i]``, in that order."""
    combo, schedule = plan
    _, _, offsets = joint_tasks([cands[i] for i in combo])
    parts = sorted(
        (number[i], schedule.placements[o : o + len(cands[i].tasks)])
        for i, o in zip(combo, offsets, strict=True)
    )
    placements = tuple(p for _, own in parts for p in own)
    return tuple(k for k, _ in parts), Schedule(
        placements, schedule.money, schedule.finish, schedule.weighted
    )


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
    cands: list[Candidate] = []
    excluded: list[tuple[str, Message]] = []
    done = {id(e) for e in certified}
    for e in evals:
        if id(e) in done:
            continue
        found, options, tasks, before = tasks_for(e, costs)
        if not fits_in_time(tasks, first, last, before):  # not even with money enough
            excluded.append(
                (
                    e.assessment.commune.name,
                    msg("district.cannot_close", n=len(found), deadline=last),
                )
            )
            continue
        cands.append(
            Candidate(
                e,
                tuple(found),
                tuple(options),
                tuple(tasks),
                FrozenMap({i: tuple(v) for i, v in before.items()}),
                sum((min(m for m, _ in t.options) for t in tasks), Decimal(0)),
            )
        )
    # the search examines the communes cheapest bound first; HiGHS is given them in the
    # district's own order (its time varies many times over with the order, and the sorted
    # order is a slow one)
    pool = list(cands)
    cands.sort(key=lambda c: (c.bound, c.evaluation.assessment.commune.name))
    rank = {id(c): k for k, c in enumerate(cands)}
    to_search = [rank[id(c)] for c in pool]
    to_pool = [0] * len(pool)
    for k, i in enumerate(to_search):
        to_pool[i] = k
    need = max(0, wanted - len(certified))

    solver = ["branch and bound"]
    proven = [True]
    nodes = HANDOVER_NODES if installed("highspy") else MAX_NODES

    def attempt(k: int, money: Mapping[int, Decimal]) -> Plan | None:
        try:
            return solve(cands, k, first, last, money, MAX_SUBSETS, nodes)
        except SearchLimitError as limit:
            best: Plan | None = limit.best  # type: ignore[assignment]
            try:
                exact = solve_district_milp(
                    [(c.tasks, c.before) for c in pool],
                    k,
                    first,
                    last,
                    money,
                    None if best is None else _renumbered(best, cands, to_pool),
                )
            except (MissingExtraError, SearchLimitError):
                proven[0] = False
                solver[0] = "branch and bound, stopped at its search limit"
                return best
            solver[0] = "HiGHS"
            # back into the search's order, which the rest of the plan reads
            return None if exact is None else _renumbered(exact, pool, to_search)

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
            budget_needed=budget_needed(attempt, need, first, last, reserved, cands),
            solver=solver[0],
            **common,  # type: ignore[arg-type]
        )
    combo, schedule = result
    chosen = [cands[i] for i in combo]
    _, before, offsets = joint_tasks(chosen)
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


__all__ = ["MAX_EXTRA_YEARS", "DistrictPlan", "Upkeep", "plan_district"]
