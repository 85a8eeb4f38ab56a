"""The district problem as a mixed-integer program, solved by HiGHS (the optional ``plan`` extra).

``plan_district`` solves small and medium districts exactly in pure Python. When its search
would grow too large (a province with hundreds of communes and binding budgets), it hands the
same model to HiGHS through ``highspy`` (``pip install 'ntm-criteria[plan]'``), starting from
the search's best plan. HiGHS is asked for a gap of zero: a plan it calls optimal is optimal.

The linear relaxation comes first. Its duals price every column: a plan's cost is at least the
relaxation's bound plus the reduced costs of the columns it uses (:func:`_lagrangian`), so a
plan costing at most ``bound + w`` uses only columns of reduced cost at most ``w``. HiGHS then
solves the model restricted to those columns (:func:`_restricted_solves`), a fraction of the
whole. Every amount of money is a whole multiple of a unit (:func:`_unit`), so a plan cheaper
than one found costs at least a unit less: the cheapest plan in the window is the cheapest of
all as soon as it costs at most ``bound + w + unit``; otherwise the window widens, to what
settles it, until one does, or the whole model has been solved.

Variables: ``z_i`` (commune i is chosen) and ``x_aot`` (task a uses option o and starts in year
t). Each task of a chosen commune starts exactly once; at least ``need`` communes are chosen;
each year's spending fits its budget; a task starts after its predecessors finish. The
objective is the total money.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from attrs import frozen

from ntm_criteria._optional import optional_import
from ntm_criteria.errors import SearchLimitError
from ntm_criteria.planning.schedule import Placement, Schedule, Task

#: The first window above the relaxation's bound that the restricted solves look in, as a share
#: of the bound, and how much it widens each time it holds no plan that proves itself
#: (measured on the benchmark's districts: their optima lie 1e-4 to 3e-4 above the bound)
FIRST_GAP = 1e-4
GROWTH = 4.0

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
    known = None if incumbent is None else _columns(incumbent, communes, model)
    try:
        x = _restricted_solves(_highs(model, highspy, np), highspy, np, model, known)
    except SearchLimitError as stopped:
        raise SearchLimitError(str(stopped), incumbent) from None
    if x is None:
        return None
    nz = len(communes)
    columns, index = model.columns, model.index
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


@frozen
class _Model:
    """The district's program, as HiGHS reads it: the commune columns ``0 .. nz - 1``, then one
    column per (commune, task, option, start year) in ``columns``; each task's columns in
    ``index``; the costs; the rows in compressed form with their lower and upper sides."""

    columns: Sequence[tuple[int, int, int, int]]
    index: Mapping[tuple[int, int], Sequence[int]]
    money: Any
    unit: float
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
        float(_unit(amounts)),
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


def _restricted_solves(
    h: Any,
    highspy: Any,
    np: Any,
    model: _Model,
    known: Sequence[float] | None,
) -> list[float] | None:
    """The optimal column values, or None when no plan exists.

    ``known`` is a feasible plan's columns (or None). Each round solves the model with every
    column of reduced cost above the window fixed at 0 (and every one below minus the window
    fixed at 1), at a gap of zero, from the best plan known.

    Raises:
        SearchLimitError: HiGHS stopped without a proof.
    """
    money, unit = model.money, model.unit
    nvar = len(money)
    every = np.arange(nvar, dtype=np.int32)
    h.run()
    status = h.getModelStatus()
    if status == highspy.HighsModelStatus.kInfeasible:
        return None
    if status != highspy.HighsModelStatus.kOptimal:
        raise SearchLimitError(f"HiGHS stopped without a proof ({h.modelStatusToString(status)})")
    bound, reduced = _lagrangian(np.array(h.getSolution().row_dual), np, model)
    # the bound and the reduced costs are computed in floating point: a column within this
    # much of the window is kept, so that the window surely holds every plan costing at most
    # the bound plus its width; a plan is proven the cheapest only on the safe side of it
    slack = 1e-6 * max(1.0, abs(bound))
    best = None if known is None else float(money @ np.array(known))
    width = FIRST_GAP * max(1.0, abs(bound))
    h.changeColsIntegrality(nvar, every, np.full(nvar, highspy.HighsVarType.kInteger))
    h.setOptionValue("mip_rel_gap", 0.0)
    while True:
        if best is not None:
            # a plan cheaper than the best costs at most best - unit: below the bound (so there
            # is none), or within a window that wide
            if best - unit < bound - slack:
                return list(known or ())
            width = min(width, best - unit - bound)
        lo = (reduced < -(width + slack)).astype(float)
        hi = (reduced <= width + slack).astype(float)
        whole = not lo.any() and bool(hi.all())
        h.clearSolver()
        h.changeColsBounds(nvar, every, lo, hi)
        if known is not None and best is not None and best <= bound + width:
            solution = highspy.HighsSolution()
            solution.col_value = known
            solution.value_valid = True
            h.setSolution(solution)
        h.run()
        status = h.getModelStatus()
        if status == highspy.HighsModelStatus.kOptimal:
            # the plan as whole columns, and its cost from them (HiGHS's columns and objective
            # are within its tolerances; the proof compares this cost with the window)
            x: list[float] = np.round(np.array(h.getSolution().col_value)).tolist()
            value = float(money @ np.array(x))
            if whole or value - unit <= bound + width:
                return x  # every cheaper plan would have been in the window
            if best is None or value < best:
                best, known = value, x
            width = best - unit - bound  # the window that settles it
            continue
        if status != highspy.HighsModelStatus.kInfeasible:
            raise SearchLimitError(
                f"HiGHS stopped without a proof ({h.modelStatusToString(status)})"
            )
        if whole:
            return None
        if best is not None and best - unit <= bound + width:
            return list(known or ())  # no cheaper plan in the window, nor outside it
        # wider, and by at least one more column
        width = max(width * GROWTH, float(np.abs(reduced)[np.abs(reduced) > width + slack].min()))


def _lagrangian(prices: Any, np: Any, model: _Model) -> tuple[float, Any]:
    """A lower bound on every plan's cost, and each column's reduced cost, from row prices.

    For row prices ``y`` of the right signs (a row with no lower side cannot have a positive
    price, one with no upper side a negative one; others are taken as 0), every 0/1 plan ``x``
    within the rows costs at least
    ``y.side + sum(min(0, d)) + sum(d_j x_j for d_j > 0) + sum(-d_j (1 - x_j) for d_j < 0)``,
    with ``d = c - A'y`` and ``side`` the row's side that its price bears on. With the
    relaxation's duals as prices the first two terms are the relaxation's optimum; they are
    computed here from the prices, so the bound rests on that inequality alone, not on the
    solver's tolerances.
    """
    lo, hi = model.lo, model.hi
    y = np.where((prices > 0) & ~np.isfinite(lo), 0.0, prices)
    y = np.where((y < 0) & ~np.isfinite(hi), 0.0, y)
    counts = np.diff(np.append(model.starts, len(model.entries)))
    weights = np.repeat(y, counts) * model.values
    reduced = model.money - np.bincount(model.entries, weights=weights, minlength=len(model.money))
    side = np.where(y > 0, lo, np.where(y < 0, hi, 0.0))
    bound = float(y @ side + np.minimum(reduced, 0.0).sum())
    return bound, reduced


def _unit(amounts: Sequence[Decimal]) -> Decimal:
    """The largest amount every amount is a whole multiple of (0 when all are 0): two plans'
    costs differ by at least this much, or not at all."""
    exponent = min((int(a.as_tuple().exponent) for a in amounts), default=0)
    whole = 0
    for a in amounts:
        whole = math.gcd(whole, int(a.scaleb(-exponent)))
    return Decimal(whole).scaleb(exponent)
