"""Writing evaluations, decisions and assessments as tables: CSV, XLSX, DataFrame.

Two tables describe results: :func:`evaluation_rows`, one row per commune with the met count
and each criterion's status (and the certification outcome when decisions are given), and
:func:`indicator_rows`, the long form with every indicator verdict, its threshold, the
threshold's evidence and source. :func:`assessment_rows` writes assessments in the wide layout
that :func:`~ntm_criteria.read_assessments` reads back unchanged.

Text that a spreadsheet would run as a formula (starting with =, +, -, @) is written with a
leading apostrophe; numbers stay numbers.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ntm_criteria._optional import optional_import
from ntm_criteria.certification import Decision
from ntm_criteria.converter import unstructure
from ntm_criteria.engine.results import Evaluation, IndicatorResult
from ntm_criteria.io.values import escape_formula
from ntm_criteria.model.commune import COMMUNE_FLAGS, Assessment
from ntm_criteria.model.criteria import CriteriaSet
from ntm_criteria.model.indicators import Kind
from ntm_criteria.planning.commune import CommunePlan
from ntm_criteria.planning.district import DistrictPlan
from ntm_criteria.planning.tasks import action_rows
from ntm_criteria.rollup import Summary

Row = dict[str, object]


def _date(e: Evaluation) -> str:
    return e.assessment.as_of.isoformat()


def evaluation_rows(
    evaluations: Iterable[Evaluation], decisions: Sequence[Decision] | None = None
) -> list[Row]:
    """One row per evaluation: the commune, the set, the met count, each criterion's status.

    Args:
        evaluations: the evaluations.
        decisions: the decisions on the same evaluations, in the same order (adds the outcome).
    """
    evals = list(evaluations)
    if decisions is not None and [d.evaluation for d in decisions] != evals:
        raise ValueError("decisions must be the decisions on the evaluations, in the same order")
    rows = []
    for n, e in enumerate(evals):
        c = e.assessment.commune
        row: Row = {
            "commune": c.name,
            "code": c.code,
            "district": c.district,
            "province": c.province,
            "as_of": _date(e),
            "criteria_set": e.criteria_set.id,
            "zone": e.zone,
            "met": e.met_count,
            "total": e.total,
            "unmet_criteria": " ".join(map(str, e.unmet_criteria)),
            "unknown_criteria": " ".join(map(str, e.unknown_criteria)),
        }
        if decisions is not None:
            d = decisions[n]
            row["outcome"] = d.outcome.value
            row["hypothetical"] = d.hypothetical
            row["provisional_figures"] = d.provisional_figures
            row["declared_criteria"] = d.declared_criteria
            row["what_if_cells"] = d.what_if_cells
        for cr in e.criteria:
            row[f"criterion {cr.id}"] = cr.status.value
        rows.append(row)
    return rows


def _indicator_row(e: Evaluation, criterion: int | None, r: IndicatorResult) -> Row:
    cell = r.threshold
    return {
        "commune": e.assessment.commune.name,
        "code": e.assessment.commune.code,
        "as_of": _date(e),
        "criteria_set": e.criteria_set.id,
        "criterion": criterion,
        "indicator": r.id,
        "status": r.status.value,
        "value": r.value,
        "threshold": None if cell is None else cell.value,
        "threshold_status": None if cell is None else cell.status.value,
        "zone": r.zone,
        "year": r.year,
        "margin": r.margin,
        "layer": None if cell is None else (cell.layer or e.criteria_set.id),
        "source": None if cell is None else " ".join(cell.source),
    }


def indicator_rows(evaluations: Iterable[Evaluation]) -> list[Row]:
    """The long form: one row per indicator (and part) of every evaluation."""
    rows: list[Row] = []
    for e in evaluations:
        for cr in e.criteria:
            for top in cr.indicators:
                rows.extend(_indicator_row(e, cr.id, r) for r in top.walk())
        for top in e.unplaced:
            rows.extend(_indicator_row(e, None, r) for r in top.walk())
    return rows


def _plain(value: object, kind: Kind | None = None) -> object:
    if value is True:
        return "Đạt" if kind is Kind.ACHIEVED else "true"
    if value is False:
        return "Chưa đạt" if kind is Kind.ACHIEVED else "false"
    return value


def assessment_rows(assessments: Iterable[Assessment], criteria_set: CriteriaSet) -> list[Row]:
    """Assessments in the wide layout, with every column the reader recognises.

    Columns: commune fields, ``as_of``, one per indicator value key, ``criterion N`` for
    declarations, one per fact, ``<quantity> <year>`` for series, and ``note``. Only columns
    some assessment uses are written.
    """
    keys = criteria_set.value_keys()
    rows = []
    for a in assessments:
        c = a.commune
        row: Row = {
            "commune": c.name,
            "code": c.code,
            "district": c.district,
            "province": c.province,
            "region": c.region.code if c.region else None,
            "commune_group": c.commune_group,
            **{f: _plain(True) if c.flag(f) else None for f in COMMUNE_FLAGS},
            "as_of": a.as_of.isoformat(),
        }
        for key, value in a.values.items():
            row[key] = _plain(value, keys[key].kind if key in keys else None)
        for number, declared in a.declarations.items():
            row[f"criterion {number}"] = "Đạt" if declared else "Chưa đạt"
        for name, value in a.facts.items():
            row[name] = _plain(value)
        for quantity, years in a.series.items():
            for year, value in years.items():
                row[f"{quantity} {year}"] = value
        row["note"] = a.note
        rows.append(row)
    return rows


def _columns(rows: Sequence[Mapping[str, object]]) -> list[str]:
    columns: dict[str, None] = {}
    for row in rows:
        for key, value in row.items():
            if value is not None:
                columns.setdefault(key)
    first = rows[0] if rows else {}
    # keep the first row's order for columns every row has, then the rest as met
    return [k for k in first if k in columns] + [k for k in columns if k not in first]


def _cell(value: object) -> object:
    if isinstance(value, str):
        return escape_formula(value)
    return value


def write_csv(rows: Sequence[Mapping[str, object]], path: str | Path) -> Path:
    """Write rows to a UTF-8 CSV file (with a byte-order mark, so Excel reads the Vietnamese)."""
    path = Path(path)
    columns = _columns(rows)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row.get(c) is None else _cell(row.get(c)) for c in columns])
    return path


def write_xlsx(sheets: Mapping[str, Sequence[Mapping[str, object]]], path: str | Path) -> Path:
    """Write one sheet per entry of ``sheets`` to an XLSX workbook (needs the ``excel`` extra)."""
    openpyxl = optional_import("openpyxl", "excel", "writing .xlsx files")
    book = openpyxl.Workbook(write_only=True)
    for name, rows in sheets.items():
        ws = book.create_sheet(title=name[:31])
        columns = _columns(rows)
        ws.append(columns)
        for row in rows:
            ws.append([_cell(row.get(c)) for c in columns])
    path = Path(path)
    book.save(path)
    return path


def result_rows(result: object) -> list[Row]:
    """The rows a result is shown as in a table.

    An :class:`Evaluation`: one row per indicator verdict; a :class:`Decision`, or a list of
    evaluations or decisions: one row per commune; a :class:`Summary`: one row per criterion;
    a commune or district plan: one row per action; a list of mappings: those rows.

    Raises:
        TypeError: anything else.
    """
    if isinstance(result, Evaluation):
        return indicator_rows([result])
    if isinstance(result, Decision):
        return evaluation_rows([result.evaluation], [result])
    if isinstance(result, Summary):
        return [unstructure(t) for t in result.criteria]
    if isinstance(result, CommunePlan):
        return action_rows(result.actions)
    if isinstance(result, DistrictPlan):
        return action_rows(tuple(a for p in result.communes for a in p.actions))
    if isinstance(result, Sequence) and not isinstance(result, str):
        items = list(result)
        if items and all(isinstance(x, Decision) for x in items):
            return evaluation_rows([d.evaluation for d in items], items)
        if items and all(isinstance(x, Evaluation) for x in items):
            return evaluation_rows(items)
        if all(isinstance(x, Mapping) for x in items):
            return [dict(x) for x in items]
    raise TypeError(
        "expected an Evaluation, a Decision, a Summary, a plan, a list of evaluations or "
        f"decisions, or rows (mappings); got {type(result).__name__}"
    )


def to_dataframe(result: object) -> Any:
    """A result (see :func:`result_rows`) or rows as a pandas DataFrame (``pandas`` extra)."""
    pandas = optional_import("pandas", "pandas", "building a DataFrame")
    rows = result_rows(result)
    # every key of every row, in the rows' order: the columns of a result type are fixed, not
    # thinned to those that happen to hold a value
    columns = list(dict.fromkeys(k for row in rows for k in row))
    return pandas.DataFrame(rows, columns=columns)
