"""The district problem as a mixed-integer program, solved by HiGHS (the optional ``plan`` extra).

``plan_district`` solves small and medium districts exactly in pure Python. When its search
would grow too large (a province with hundreds of communes and binding budgets), it hands the
same model to HiGHS through ``highspy`` (``pip install 'ntm-criteria[plan]'``), with a
starting solution: the better of the search's best plan and a dive from the linear relaxation
(:func:`_dive`), so that HiGHS mostly has to prove it. HiGHS is asked for a gap of zero: a plan
it calls optimal is optimal.

Variables: ``z_i`` (commune i is chosen) and ``x_aot`` (task a uses option o and starts in year
t). Each task of a chosen commune starts exactly once; at least ``need`` communes are chosen;
each year's spending fits its budget; a task starts after its predecessors finish. The
objective is the total money.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from attrs import frozen

from ntm_criteria._optional import optional_import
from ntm_criteria.errors import SearchLimitError
from ntm_criteria.planning.schedule import Placement, Schedule, Task

#: How close to its own bound the dive's schedule of the chosen communes must be, and how many
#: nodes it may take (measured on the benchmark's districts: a start within 1% lets HiGHS prove
#: the optimum several times faster than from nothing; a tighter one costs more than it saves)
DIVE_GAP = 0.01
DIVE_NODES = 500

Commune = tuple[Sequence[Task], Mapping[int, Sequence[int]]]
Plan = tuple[tuple[int, ...], Schedule]


def solve_district_milp(
    communes: Sequence[Commune],
    need: int,
    start: int,
    deadline: int,
    budget: Mapping[int, Decimal],
    incumbent: Plan | None = None,
) -> Plan | None:
    """The cheapest choice of ``need`` communes and their joint schedule, or None if none exists.

    Args:
        communes: each commune's tasks and precedence (task index -> indices before it).
        need: how many communes to choose at least.
        start, deadline: the first and last years of work.
        budget: the money available each year.
        incumbent: a feasible plan already known (chosen indices into ``communes``, and their
            tasks' placements in that order), given to HiGHS as its starting solution.

    Raises:
        MissingExtraError: highspy is not installed.
        SearchLimitError: HiGHS stopped without a proof (``.best`` holds the incumbent).
    """
    np: Any = optional_import("numpy", "plan", "solving large district plans")
    highspy: Any = optional_import("highspy", "plan", "solving large district plans")
    if need <= 0:
        return (), Schedule((), Decimal(0), start - 1, Decimal(0))
    if need > len(communes):
        return None
    model = _model(communes, need, start, deadline, budget, np, highspy.kHighsInf)
    h = _highs(model, highspy, np)
    nz = len(communes)
    columns, index, money = model.columns, model.index, model.money
    nvar = len(money)
    every = np.arange(nvar, dtype=np.int32)
    known = None if incumbent is None else _columns(incumbent, communes, model)
    dived = _dive(h, highspy, np, nz, need, columns, every)
    if dived is not None and (known is None or _cost(dived, money) < _cost(known, money)):
        known = dived
    if known is not None:
        solution = highspy.HighsSolution()
        solution.col_value = known
        solution.value_valid = True
        h.setSolution(solution)
    # HiGHS stops by default within a relative gap of 1e-4 of the bound, which is not a proof:
    # a plan it calls optimal must be optimal, so the gap is zero
    h.setOptionValue("mip_rel_gap", 0.0)
    h.changeColsIntegrality(nvar, every, np.full(nvar, highspy.HighsVarType.kInteger))
    h.run()
    status = h.getModelStatus()
    if status == highspy.HighsModelStatus.kInfeasible:
        return None
    if status != highspy.HighsModelStatus.kOptimal:
        raise SearchLimitError(
            f"HiGHS stopped without a proof ({h.modelStatusToString(status)})", incumbent
        )
    x = h.getSolution().col_value
    chosen = tuple(i for i in range(nz) if x[i] > 0.5)
    placements: list[Placement] = []
    for i in chosen:
        tasks, _ = communes[i]
        for a in range(len(tasks)):
            k = next(k for k in index[(i, a)] if x[k] > 0.5)
            _, _, o, t = columns[k - nz]
            cost, length = tasks[a].options[o]
            placements.append(Placement(o, t, cost, t + length - 1))
    total = sum((p.money for p in placements), Decimal(0))
    finish = max((p.finish for p in placements), default=start - 1)
    found = Schedule(tuple(placements), total, finish, Decimal(0))
    spent = found.spend_by_year()
    if any(m > budget.get(t, Decimal(0)) for t, m in spent.items()):
        # HiGHS works in floating point within a tolerance; a plan over a budget by a rounding
        # error is not a plan the district can keep
        raise SearchLimitError("HiGHS's plan exceeds a budget within its tolerance", incumbent)
    return chosen, found


def _columns(plan: Plan, communes: Sequence[Commune], model: _Model) -> list[float]:
    """A plan as the model's column values."""
    nz = len(communes)
    known = [0.0] * len(model.money)
    combo, schedule = plan
    placed = iter(schedule.placements)
    for i in combo:
        known[i] = 1.0
        for a in range(len(communes[i][0])):
            p = next(placed)
            column = next(
                k for k in model.index[(i, a)] if model.columns[k - nz][2:] == (p.option, p.start)
            )
            known[column] = 1.0
    return known


def _cost(values: Sequence[float], money: Sequence[float]) -> float:
    return sum(v * m for v, m in zip(values, money, strict=True))


@frozen
class _Model:
    """The district's program, as HiGHS reads it: the commune columns ``0 .. nz - 1``, then one
    column per (commune, task, option, start year) in ``columns``; each task's columns in
    ``index``; the costs; the rows in compressed form with their lower and upper sides."""

    columns: Sequence[tuple[int, int, int, int]]
    index: Mapping[tuple[int, int], Sequence[int]]
    money: Any
    starts: Any
    entries: Any
    values: Any
    lo: Any
    hi: Any


def _model(
    communes: Sequence[Commune],
    need: int,
    start: int,
    deadline: int,
    budget: Mapping[int, Decimal],
    np: Any,
    inf: float,
) -> _Model:
    """The program: each task of a chosen commune starts once, at least ``need`` communes are
    chosen, each year's spending (at the task's start) within its budget, and a task starts
    after its predecessors finish."""
    years = range(start, deadline + 1)
    nz = len(communes)
    columns: list[tuple[int, int, int, int]] = []
    index: dict[tuple[int, int], list[int]] = {}
    for i, (tasks, _) in enumerate(communes):
        for a, task in enumerate(tasks):
            for o, (_, length) in enumerate(task.options):
                for t in years:
                    if t + length - 1 <= deadline:
                        index.setdefault((i, a), []).append(nz + len(columns))
                        columns.append((i, a, o, t))
    amounts = [communes[i][0][a].options[o][0] for i, a, o, _ in columns]
    money = [0.0] * nz + [float(m) for m in amounts]
    rows: list[dict[int, float]] = []
    lo: list[float] = []
    hi: list[float] = []
    for i, (tasks, _) in enumerate(communes):
        for a in range(len(tasks)):
            rows.append({**dict.fromkeys(index.get((i, a), []), 1.0), i: -1.0})
            lo.append(0.0)
            hi.append(0.0)
    rows.append(dict.fromkeys(range(nz), 1.0))
    lo.append(float(need))
    hi.append(inf)
    by_year: dict[int, dict[int, float]] = {t: {} for t in years}
    for k, (_, _, _, t) in enumerate(columns):
        by_year[t][nz + k] = money[nz + k]
    for t in years:
        rows.append(by_year[t])
        lo.append(-inf)
        hi.append(float(budget.get(t, Decimal(0))))
    for i, (tasks, before) in enumerate(communes):
        for a, preds in before.items():
            for j in preds:
                row: dict[int, float] = {}
                for k in index.get((i, a), []):
                    row[k] = row.get(k, 0.0) + columns[k - nz][3]
                for k in index.get((i, j), []):
                    _, _, o, t = columns[k - nz]
                    row[k] = row.get(k, 0.0) - (t + tasks[j].options[o][1])
                rows.append(row)
                lo.append(0.0)
                hi.append(inf)
    starts: list[int] = []
    entries: list[int] = []
    values: list[float] = []
    for row in rows:
        starts.append(len(entries))
        entries.extend(row)
        values.extend(row.values())
    return _Model(
        columns,
        index,
        np.array(money),
        np.array(starts, dtype=np.int32),
        np.array(entries, dtype=np.int32),
        np.array(values),
        np.array(lo),
        np.array(hi),
    )


def _highs(model: _Model, highspy: Any, np: Any) -> Any:
    """HiGHS holding the model as a linear program (its columns in [0, 1]), silent."""
    nvar = len(model.money)
    # the bare solver, not highspy.Highs: that wrapper's callbacks print HiGHS's banner on
    # the process's standard output before any option can silence it, which would land in the
    # middle of a plan printed by the command line; output is switched off before anything else
    h = highspy._Highs()
    h.setOptionValue("output_flag", False)
    h.addVars(nvar, np.zeros(nvar), np.ones(nvar))
    h.changeColsCost(nvar, np.arange(nvar, dtype=np.int32), model.money)
    h.addRows(
        len(model.lo),
        model.lo,
        model.hi,
        len(model.entries),
        model.starts,
        model.entries,
        model.values,
    )
    return h


def _dive(
    h: Any,
    highspy: Any,
    np: Any,
    nz: int,
    need: int,
    columns: Sequence[tuple[int, int, int, int]],
    every: Any,
) -> list[float] | None:
    """A good starting plan, found from the linear relaxation, or None.

    The relaxation (solved first, as continuous) nearly always chooses the communes whole; the
    ``need`` communes it values most are then scheduled by a quick integer solve of their own
    (within 1% of its bound, a few hundred nodes at most). HiGHS proves a plan from a start
    close to the optimum many times faster than from nothing; the start proves nothing itself,
    so the model's bounds are restored before the exact solve.
    """
    nvar = len(every)
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    x = h.getSolution().col_value
    chosen = set(sorted(range(nz), key=lambda i: -x[i])[:need])
    lo = np.zeros(nvar)
    hi = np.ones(nvar)
    for i in range(nz):
        lo[i] = hi[i] = 1.0 if i in chosen else 0.0
    for k, (i, _, _, _) in enumerate(columns):
        if i not in chosen:
            hi[nz + k] = 0.0
    h.changeColsBounds(nvar, every, lo, hi)
    h.changeColsIntegrality(nvar, every, np.full(nvar, highspy.HighsVarType.kInteger))
    h.setOptionValue("mip_rel_gap", DIVE_GAP)
    h.setOptionValue("mip_max_nodes", DIVE_NODES)
    h.run()
    found = h.getInfo().primal_solution_status == highspy.kSolutionStatusFeasible
    values = list(h.getSolution().col_value) if found else None
    h.setOptionValue("mip_max_nodes", highspy.kHighsIInf)
    h.changeColsBounds(nvar, every, np.zeros(nvar), np.ones(nvar))
    h.clearSolver()
    return values
