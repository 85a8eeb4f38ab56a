"""The district problem as a mixed-integer program, solved by HiGHS (the optional ``plan`` extra).

``plan_district`` solves small and medium districts exactly in pure Python. When its search
would grow too large (a province with hundreds of communes and binding budgets), it hands the
same model to HiGHS through ``scipy.optimize.milp``, if installed (``pip install
'ntm-criteria[plan]'``); HiGHS proves its answer optimal too.

Variables: ``z_i`` (commune i is chosen) and ``x_aot`` (task a uses option o and starts in year
t). Each task of a chosen commune starts exactly once; at least ``need`` communes are chosen;
each year's spending fits its budget; a task starts after its predecessors finish. The
objective is the total money.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from ntm_criteria._optional import optional_import
from ntm_criteria.planning.schedule import Placement, Schedule, Task


def solve_district_milp(
    communes: Sequence[tuple[Sequence[Task], Mapping[int, Sequence[int]]]],
    need: int,
    start: int,
    deadline: int,
    budget: Mapping[int, Decimal],
) -> tuple[tuple[int, ...], Schedule] | None:
    """The cheapest choice of ``need`` communes and their joint schedule, or None if none exists.

    Raises:
        MissingExtraError: scipy is not installed.
    """
    np: Any = optional_import("numpy", "plan", "solving large district plans")
    optimize: Any = optional_import("scipy.optimize", "plan", "solving large district plans")
    sparse: Any = optional_import("scipy.sparse", "plan", "solving large district plans")
    years = range(start, deadline + 1)
    columns: list[tuple[int, int, int, int]] = []
    for i, (tasks, _) in enumerate(communes):
        for a, task in enumerate(tasks):
            for o, (_, length) in enumerate(task.options):
                columns.extend((i, a, o, t) for t in years if t + length - 1 <= deadline)
    nz = len(communes)
    nvar = nz + len(columns)
    money = [Decimal(0)] * nz + [communes[i][0][a].options[o][0] for i, a, o, _ in columns]
    rows: list[dict[int, float]] = []
    lo: list[float] = []
    hi: list[float] = []
    index: dict[tuple[int, int], list[int]] = {}
    for k, (i, a, _, _) in enumerate(columns):
        index.setdefault((i, a), []).append(nz + k)
    for i, (tasks, _) in enumerate(communes):
        for a in range(len(tasks)):
            ks = index.get((i, a), [])
            rows.append({**dict.fromkeys(ks, 1.0), i: -1.0})
            lo.append(0)
            hi.append(0)
    rows.append(dict.fromkeys(range(nz), 1.0))
    lo.append(need)
    hi.append(np.inf)
    for t in years:
        rows.append({nz + k: float(money[nz + k]) for k, c in enumerate(columns) if c[3] == t})
        lo.append(-np.inf)
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
                lo.append(0)
                hi.append(np.inf)
    matrix = sparse.lil_matrix((len(rows), nvar))
    for r, row in enumerate(rows):
        for k, v in row.items():
            matrix[r, k] = v
    result = optimize.milp(
        np.array([float(m) for m in money]),
        constraints=optimize.LinearConstraint(matrix.tocsr(), lo, hi),
        integrality=np.ones(nvar),
        bounds=optimize.Bounds(0, 1),
        # HiGHS stops by default within a relative gap of 1e-4 of the bound, which is not a
        # proof: a plan it calls optimal must be optimal, so the gap is zero
        options={"mip_rel_gap": 0.0},
    )
    if result.status != 0:
        return None
    chosen = tuple(i for i in range(nz) if result.x[i] > 0.5)
    placements: list[Placement] = []
    for i in chosen:
        tasks, _ = communes[i]
        for a in range(len(tasks)):
            k = next(k for k in index[(i, a)] if result.x[k] > 0.5)
            _, _, o, t = columns[k - nz]
            cost, length = tasks[a].options[o]
            placements.append(Placement(o, t, cost, t + length - 1))
    total = sum((p.money for p in placements), Decimal(0))
    finish = max((p.finish for p in placements), default=start - 1)
    return chosen, Schedule(tuple(placements), total, finish, Decimal(0))
