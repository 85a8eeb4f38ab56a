"""``plan_commune``: what to do first in one commune, by when, within which budget.

The plan closes every gap of the evaluation (see :mod:`~ntm_criteria.planning.gaps`), choosing
for each one a way of closing it (from the cost model) and a start year, so that each year's
spending fits the budget, precedence holds, and the commune is certifiable by the deadline.
The schedule is optimal for the chosen strategy, found by an exact search. When no schedule
exists, the plan says so (it is never a partial plan presented as success) and gives the
smallest extra yearly budget, and the smallest extra time, that would make one exist.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from attrs import evolve, field, frozen

from ntm_criteria._frozen import FrozenMap
from ntm_criteria.engine.results import Evaluation
from ntm_criteria.errors import InputError
from ntm_criteria.messages import Message, Money, msg
from ntm_criteria.model.commune import Assessment, MeasuredValue
from ntm_criteria.model.indicators import Kind
from ntm_criteria.model.requirements import requirement
from ntm_criteria.planning.costs import NEUTRAL, CostModel
from ntm_criteria.planning.gaps import Gap
from ntm_criteria.planning.schedule import (
    MONEY_STEP,
    Objective,
    Task,
    bounded_schedule,
    extra_money_floor,
    first_fit,
    on_grid,
    smallest_money,
    smallest_whole,
)
from ntm_criteria.planning.tasks import (
    MAX_EXTRA_YEARS,
    OBJECTIVE,
    Action,
    Strategy,
    budget_by_year,
    critical_criteria,
    money_by_year,
    plan_notes,
    tasks_for,
    why,
)


@frozen
class Shortfall:
    """What an infeasible plan lacks: extra money every year, or extra years (None: no amount
    of it alone suffices, or, when not ``proven``, none was found).

    ``proven`` is True when each amount is the least (every smaller one shown impossible);
    False when a search reached its limit (:data:`SHORTFALL_NODES`), so that an amount given is
    enough but may be more than needed."""

    extra_budget_per_year: Decimal | None
    extra_years: int | None
    detail: Message
    proven: bool = True


def _budget(
    value: Decimal | int | str | Mapping[int, Decimal] | None,
) -> Decimal | FrozenMap[int, Decimal]:
    if isinstance(value, Mapping):
        return FrozenMap({int(k): Decimal(v) for k, v in value.items()})
    return Decimal(value if value is not None else 0)


@frozen(repr=False)
class CommunePlan:
    """An explained plan for one commune (immutable).

    Attributes:
        evaluation: the evaluation planned from.
        strategy: what the plan optimises.
        start, deadline: the first and last years of the plan.
        actions: the actions, in the order they start.
        feasible: whether every gap closes by the deadline within the budgets.
        certifiable_year: the year the last action finishes (None when infeasible).
        critical_path: the criteria whose actions decide that year (the slow ones).
        cost_by_year: money committed in each year.
        total: money in all.
        shortfall: for an infeasible plan, the extra budget or time that would make it feasible.
        optimal: whether the plan is proven best for its strategy (or, when infeasible, proven
            impossible); False when the search reached its limit (:data:`MAX_NODES`) and the
            plan is the best one found without it.
        notes: what the plan rests on (declarations, unknowns, provisional levels, recognition
            facts still to confirm).
    """

    evaluation: Evaluation
    strategy: Strategy
    start: int
    deadline: int
    budget: Decimal | FrozenMap[int, Decimal]
    actions: tuple[Action, ...]
    feasible: bool
    certifiable_year: int | None
    critical_path: tuple[int, ...]
    cost_by_year: FrozenMap[int, Decimal] = field(factory=FrozenMap, converter=money_by_year)
    total: Decimal = Decimal(0)
    shortfall: Shortfall | None = None
    notes: tuple[Message, ...] = ()
    unit: str = "million VND"
    optimal: bool = True

    def __repr__(self) -> str:
        state = f"certifiable {self.certifiable_year}" if self.feasible else "not feasible"
        if not self.optimal:
            state += ", not proven"
        return (
            f"<CommunePlan {self.commune} {state}, total {self.total} {self.unit}, "
            f"{len(self.actions)} actions>"
        )

    def __str__(self) -> str:
        return repr(self)[1:-1]

    @property
    def commune(self) -> str:
        """The commune's name."""
        return self.evaluation.assessment.commune.name


#: Search nodes one commune's exact schedule may take (about a second) before the plan falls
#: back to a schedule found without search, said to be not proven.
MAX_NODES = 100_000


def plan_commune(
    evaluation: Evaluation,
    costs: CostModel | None = None,
    deadline: int | None = None,
    budget_per_year: Decimal | int | str | Mapping[int, Decimal] = Decimal(1),
    strategy: Strategy | str = Strategy.LEAST_COST,
    *,
    weights: Mapping[int, object] | None = None,
    start: int | None = None,
) -> CommunePlan:
    """Plan how one commune closes every gap by ``deadline`` within ``budget_per_year``.

    Args:
        evaluation: the commune's evaluation.
        costs: the cost model (default: neutral, one unit and one year per gap).
        deadline: the last year (default: the year after the evaluation year).
        budget_per_year: money available each year (or a mapping year -> money).
        strategy: ``least_cost``, ``earliest`` or ``weighted``.
        weights: for the weighted strategy, a weight per criterion (default 1).
        start: the first year of work (default: the year after the evaluation year).

    Returns:
        A :class:`CommunePlan`; when infeasible, with no actions and a :class:`Shortfall`.

    >>> import datetime as dt
    >>> import ntm_criteria as ntm
    >>> s = ntm.load_criteria_set("commune-2016-2020")
    >>> a = ntm.Assessment(ntm.Commune("Phú Đình", region="TDMNPB"), dt.date(2018, 12, 31),
    ...     declarations={n: n not in (9, 10) for n in range(1, 20)})
    >>> plan = plan_commune(ntm.evaluate(a, s), deadline=2020, budget_per_year=1)
    >>> plan.feasible, plan.certifiable_year, [(x.target, x.start) for x in plan.actions]
    (True, 2020, [('criterion 9', 2019), ('criterion 10', 2020)])
    """
    costs = costs or NEUTRAL
    strategy = Strategy(strategy)
    first = start if start is not None else evaluation.year + 1
    last = deadline if deadline is not None else first
    if last < first:
        raise InputError(
            "plan_commune", "deadline", last, f"a year from the first year of work {first} on"
        )
    found, options, tasks, before = tasks_for(evaluation, costs, weights)
    budget = budget_by_year(_budget(budget_per_year), first, last + MAX_EXTRA_YEARS)
    schedule, proven = bounded_schedule(
        tasks, first, last, budget, OBJECTIVE[strategy], before, MAX_NODES
    )
    common = {
        "optimal": proven,
        "evaluation": evaluation,
        "strategy": strategy,
        "start": first,
        "deadline": last,
        "budget": _budget(budget_per_year),
        "notes": plan_notes(evaluation, found, costs),
        "unit": costs.unit,
    }
    if schedule is None:
        return CommunePlan(
            actions=(),
            feasible=False,
            certifiable_year=None,
            critical_path=(),
            shortfall=shortfall(tasks, before, first, last, budget, costs.unit),
            **common,  # type: ignore[arg-type]
        )
    actions = [
        Action(
            evaluation.assessment.commune.name,
            found[i],
            options[i][p.option],
            p.money,
            p.start,
            p.finish,
            why(i, found, options, schedule, first, before, strategy, budget, costs.unit),
        )
        for i, p in enumerate(schedule.placements)
    ]
    actions.sort(key=lambda a: (a.start, a.finish, a.criterion, a.target))
    return CommunePlan(
        actions=tuple(actions),
        feasible=True,
        certifiable_year=schedule.finish if actions else evaluation.year,
        critical_path=critical_criteria(found, schedule, before) if actions else (),
        cost_by_year=schedule.spend_by_year(),
        total=schedule.money,
        **common,  # type: ignore[arg-type]
    )


#: How many nodes each search of the shortfall may take (about 0.01 s): the shortfall asks
#: "is there a schedule?" a score of times, so that the whole plan answers within a second.
SHORTFALL_NODES = 2_000


def _exists(
    tasks: list[Task],
    start: int,
    deadline: int,
    budget: Mapping[int, Decimal],
    before: Mapping[int, list[int]],
) -> bool | None:
    """Whether some schedule exists (the first one found settles it); None when the search
    reached its limit without finding one or showing there is none."""
    if first_fit(tasks, start, deadline, budget, Objective.LEAST_COST, before) is not None:
        return True
    found, proven = bounded_schedule(
        tasks,
        start,
        deadline,
        budget,
        Objective.LEAST_COST,
        before,
        SHORTFALL_NODES,
        any_schedule=True,
    )
    return True if found is not None else False if proven else None


def shortfall(
    tasks: list[Task],
    before: Mapping[int, list[int]],
    start: int,
    deadline: int,
    budget: Mapping[int, Decimal],
    unit: str,
) -> Shortfall:
    """The smallest extra yearly budget, and the smallest extra time, that make a plan exist.

    Both are found by bisection (more money or more years never takes a schedule away); the
    money from a floor no smaller amount can pass (:func:`extra_money_floor`).
    """
    unproven: set[str] = set()  # which searches said an unproven "no": "years", "money"

    def exists(what: str, last: int, money: Mapping[int, Decimal]) -> bool:
        found = _exists(tasks, start, last, money, before)
        if found is None:
            unproven.add(what)
        return bool(found)

    # the fewest years that are enough, after asking whether the most allowed are (one search,
    # not fifteen, when none are enough)
    extra_years = (
        smallest_whole(lambda d: exists("years", deadline + d, budget), 1, MAX_EXTRA_YEARS)
        if exists("years", deadline + MAX_EXTRA_YEARS, budget)
        else None
    )

    def ok(extra: Decimal) -> bool:
        return exists("money", deadline, {y: b + extra for y, b in budget.items()})

    floor = extra_money_floor(tasks, start, deadline, budget, before)
    extra_money = smallest_money(
        ok, sum((max(m for m, _ in t.options) for t in tasks), Decimal(0)), floor
    )
    # an amount at the floor's first step is the least whatever the searches could not prove
    money_proven = "money" not in unproven or (
        extra_money is not None and extra_money <= on_grid(floor) * MONEY_STEP
    )
    years_proven = "years" not in unproven
    proven = money_proven and years_proven
    parts = []
    if extra_money is not None:
        parts.append(
            msg(
                "shortfall.money" if money_proven else "shortfall.money_at_most",
                money=Money(extra_money, unit),
            )
        )
    if extra_years is not None:
        parts.append(
            msg("shortfall.years" if years_proven else "shortfall.years_at_most", years=extra_years)
        )
    if parts:
        detail = msg(
            "shortfall.feasible_with",
            options=parts[0]
            if len(parts) == 1
            else msg("shortfall.either", a=parts[0], b=parts[1]),
        )
        if not proven:
            detail = msg("shortfall.unproven", detail=detail)
    else:
        detail = msg("shortfall.none" if proven else "shortfall.not_found")
    return Shortfall(extra_money, extra_years, detail, proven)


def _closing_value(g: Gap, kind: Kind) -> MeasuredValue | None:
    if g.threshold is None:
        return None
    return requirement(kind).closing_value(g.threshold)  # type: ignore[return-value]


def apply_plan(assessment: Assessment, plan: CommunePlan) -> Assessment:
    """The assessment as it would be once every action of ``plan`` is done.

    Measured gaps take their threshold's value; a criterion known only by declaration (or with
    an indicator whose level or value is unknown) is declared met, and its measured values are
    dropped so that nothing contradicts the declaration.
    """
    s = plan.evaluation.criteria_set
    values: dict[str, MeasuredValue] = dict(assessment.values)
    declarations = dict(assessment.declarations)
    keys = s.value_keys()
    for action in plan.actions:
        g = action.gap
        ind = keys.get(g.target)
        value = None if ind is None else _closing_value(g, ind.kind)
        if value is None:
            declarations[g.criterion] = True
            criterion = s.criterion(g.criterion)
            dropped = {leaf.id for i in criterion.indicators for leaf in (i, *i.parts)}
            values = {k: v for k, v in values.items() if k.split("/")[0] not in dropped}
        else:
            values[g.target] = value
            if g.criterion in declarations:
                declarations[g.criterion] = True  # the declaration follows the closed gap
    return evolve(assessment, values=values, declarations=declarations)
