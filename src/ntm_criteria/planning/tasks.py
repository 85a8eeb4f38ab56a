"""The planning problem shared by the commune and district planners.

A commune's gaps become scheduling tasks (:func:`tasks_for`: the cost model's options, its
precedence, the weights); a schedule becomes actions, each with the reasons it sits where it
does (:func:`why`); the criteria that decide the finish are the slow ones
(:func:`critical_criteria`, defined once for both planners); and what a plan rests on is said
in its notes (:func:`plan_notes`).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from decimal import Decimal

from attrs import frozen

from ntm_criteria._frozen import FrozenMap, freeze
from ntm_criteria.engine.results import CaveatKind, Evaluation
from ntm_criteria.messages import Message, Money, msg
from ntm_criteria.planning.costs import Cost, CostModel
from ntm_criteria.planning.gaps import Gap, gaps
from ntm_criteria.planning.schedule import Objective, Schedule, Task

#: How far beyond the deadline the planner looks for the smallest extra time.
MAX_EXTRA_YEARS = 15


class Strategy(enum.Enum):
    """What a commune plan optimises."""

    LEAST_COST = "least_cost"  #: the least money that certifies by the deadline
    EARLIEST = "earliest"  #: the earliest certification year, then the least money
    WEIGHTED = "weighted"  #: high-weight criteria first (least weighted time), then money


OBJECTIVE = {
    Strategy.LEAST_COST: Objective.LEAST_COST,
    Strategy.EARLIEST: Objective.EARLIEST,
    Strategy.WEIGHTED: Objective.WEIGHTED,
}


@frozen
class Action:
    """One gap closed: how (the option), when (start and finish years), and why there."""

    commune: str
    gap: Gap
    cost: Cost
    money: Decimal
    start: int
    finish: int
    why: Message

    @property
    def target(self) -> str:
        """The indicator id or ``"criterion N"`` the action closes."""
        return self.gap.target

    @property
    def criterion(self) -> int:
        """The criterion the action serves."""
        return self.gap.criterion


def money_by_year(value: Mapping[int, Decimal] | None) -> FrozenMap[int, Decimal]:
    """Money per year as an immutable mapping (the converter of plan fields)."""
    return freeze(value)


def action_rows(actions: tuple[Action, ...]) -> list[dict[str, object]]:
    """Actions as table rows: commune, target, criterion, money, start, finish, why."""
    return [
        {
            "commune": a.commune,
            "target": a.target,
            "criterion": a.criterion,
            "money": a.money,
            "years": a.cost.years,
            "start": a.start,
            "finish": a.finish,
            "why": a.why.text("en"),
        }
        for a in actions
    ]


def budget_by_year(
    budget: Decimal | Mapping[int, Decimal], start: int, end: int
) -> dict[int, Decimal]:
    """A yearly budget as a mapping for the years ``start`` to ``end``."""
    if isinstance(budget, Mapping):
        return {y: Decimal(budget.get(y, 0)) for y in range(start, end + 1)}
    return dict.fromkeys(range(start, end + 1), Decimal(budget))


def matches(task_gap: Gap, target: str) -> bool:
    if target.startswith("criterion "):
        return task_gap.criterion == int(target.split()[1])
    return task_gap.target == target or task_gap.target.split("/")[0] == target


def tasks_for(
    evaluation: Evaluation, costs: CostModel, weights: Mapping[int, object] | None = None
) -> tuple[list[Gap], list[tuple[Cost, ...]], list[Task], dict[int, list[int]]]:
    """The gaps of an evaluation as scheduling tasks, with their options and precedence."""
    commune = evaluation.assessment.commune.name
    found = list(gaps(evaluation))
    options = [costs.options(commune, g.target, g.criterion) for g in found]
    tasks = [
        Task(
            f"{commune}/{g.target}",
            tuple((c.money(g.amount), c.years) for c in opts),
            Decimal(str(weights.get(g.criterion, 1))) if weights else Decimal(1),
        )
        for g, opts in zip(found, options, strict=True)
    ]
    before: dict[int, list[int]] = {}
    for first, then in costs.precedence:
        for i, g in enumerate(found):
            if matches(g, then):
                before.setdefault(i, []).extend(
                    j for j, h in enumerate(found) if j != i and matches(h, first)
                )
    return found, options, tasks, before


def plan_notes(evaluation: Evaluation, found: list[Gap], costs: CostModel) -> tuple[Message, ...]:
    """What a plan rests on: the neutral model, declarations, unknowns, provisional levels,
    recognition facts still to confirm."""
    notes = []
    if costs.is_neutral:
        notes.append(msg("note.neutral"))
    declared = sorted({g.criterion for g in found if g.is_criterion_level})
    if declared:
        notes.append(msg("note.declared", ids=", ".join(map(str, declared))))
    unknown = [g.target for g in found if g.status.value == "unknown" and not g.is_criterion_level]
    if unknown:
        notes.append(msg("note.unknown", ids=", ".join(unknown)))
    provisional = sorted(
        {
            c.indicator or ""
            for c in evaluation.all_caveats()
            if c.kind is CaveatKind.PROVISIONAL_THRESHOLD and c.indicator
        }
    )
    if provisional:
        notes.append(msg("note.provisional", ids=", ".join(provisional)))
    facts = [
        c.fact
        for c in evaluation.criteria_set.recognition.conditions
        if c.fact and c.fact not in evaluation.assessment.facts
    ]
    if facts:
        notes.append(msg("note.facts", facts=", ".join(facts)))
    return tuple(notes)


def critical_criteria(
    found: list[Gap], schedule: Schedule, before: Mapping[int, list[int]]
) -> tuple[int, ...]:
    """The slow criteria: those on the longest chain of work, counted in the years of the ways
    chosen and through precedence, not in the years the budget makes work wait. The same gaps
    closed the same ways are as slow in a commune's plan as in a district's."""
    years = [p.finish - p.start + 1 for p in schedule.placements]
    chain: dict[int, int] = {}

    def length(i: int) -> int:
        if i not in chain:
            chain[i] = years[i] + max((length(j) for j in before.get(i, ())), default=0)
        return chain[i]

    longest = max((length(i) for i in range(len(years))), default=0)
    on_path = {i for i in range(len(years)) if length(i) == longest}
    frontier = list(on_path)
    while frontier:
        i = frontier.pop()
        for j in before.get(i, ()):
            if length(j) == length(i) - years[i] and j not in on_path:
                on_path.add(j)
                frontier.append(j)
    return tuple(sorted({found[i].criterion for i in on_path}))


def why(
    i: int,
    found: list[Gap],
    options: list[tuple[Cost, ...]],
    schedule: Schedule,
    start: int,
    before: Mapping[int, list[int]],
    strategy: Strategy,
    budget: Mapping[int, Decimal],
    unit: str,
) -> Message:
    """Why task ``i`` sits where it does: its gap, its option, what precedes it, a delay."""
    p = schedule.placements[i]
    opts = options[i]
    reasons = [found[i].reason]
    if len(opts) > 1:
        reasons.append(
            msg(
                "why.option",
                n=p.option + 1,
                of=len(opts),
                years=opts[p.option].years,
                label=msg(f"strategy.{strategy.value}"),
            )
        )
    preds = before.get(i, ())
    ready = max((schedule.placements[j].finish + 1 for j in preds), default=start)
    if preds:
        names = tuple(
            msg("target.criterion", criterion=found[j].criterion)
            if found[j].is_criterion_level
            else found[j].target
            for j in preds
        )
        reasons.append(msg("why.after", names=msg("list.comma", items=names)))
    if p.start > ready:
        reasons.append(
            msg(
                "why.delayed",
                start=p.start,
                ready=ready,
                budget=Money(budget.get(ready, Decimal(0)), unit),
            )
        )
    return msg("list", items=tuple(reasons))


__all__ = [
    "MAX_EXTRA_YEARS",
    "OBJECTIVE",
    "Action",
    "Strategy",
    "action_rows",
    "budget_by_year",
    "critical_criteria",
    "matches",
    "money_by_year",
    "plan_notes",
    "tasks_for",
    "why",
]
