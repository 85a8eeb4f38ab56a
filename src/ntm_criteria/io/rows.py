"""Rows of a table into assessments: the wide and long layouts, every problem located.

See :mod:`ntm_criteria.io.tables` for the layouts and the headers each recognises.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence

from ntm_criteria.errors import CellError, TableError
from ntm_criteria.io.headers import (
    Columns,
    classify,
)
from ntm_criteria.io.long_rows import read_long
from ntm_criteria.io.row_fields import (
    cell_at,
    fact_value,
    parser_for,
    readable_cells,
    row_commune,
    row_date,
    ticked,
)
from ntm_criteria.io.tables import Errors, Layout, Problem, ReadReport, Table
from ntm_criteria.io.values import (
    is_blank,
    parse_number,
    parse_yes_no,
    unescape_formula,
)
from ntm_criteria.model.commune import Assessment, MeasuredValue
from ntm_criteria.model.criteria import CriteriaSet
from ntm_criteria.model.regions import Region


def read_table(
    table: Table,
    criteria_set: CriteriaSet,
    *,
    layout: Layout | None = None,
    errors: Errors = "raise",
    as_of: dt.date | None = None,
    region: Region | str | None = None,
    allow_out_of_period: bool = False,
    ignore_columns: Collection[str] = (),
) -> list[Assessment] | ReadReport:
    """Turn a :class:`Table` into assessments for ``criteria_set``.

    Args:
        table: the header and rows.
        criteria_set: the set whose indicators the columns name (values are read by the kind
            of their indicator).
        layout: ``"wide"`` or ``"long"``; detected from the header when None.
        errors: ``"raise"`` (one :class:`TableError` with every problem) or ``"collect"``
            (a :class:`ReadReport`).
        as_of: the assessment date for rows without a date column or cell.
        region: the region for rows without a region column or cell.
        allow_out_of_period: keep rows dated outside the set's period (a retrospective
            study); by default each is a problem of its row.
        ignore_columns: headers of columns to leave unread (row-number columns such as STT
            are left unread without asking).

    Returns:
        The assessments (strict mode) or a :class:`ReadReport` (collect mode).
    """
    default_region = Region.lookup(region) if isinstance(region, str) else region
    cols, problems, chosen, notes, fatal = classify(
        table, criteria_set, criteria_set.fact_kinds(), layout, ignore_columns
    )
    notes = [*table.notes, *notes]
    if fatal:
        return finish([], problems, [n for n, _ in table.rows], errors, notes)
    reader = read_long if chosen == "long" else _read_wide
    period = None if allow_out_of_period else criteria_set
    assessments, rejected = reader(
        table, criteria_set, cols, problems, as_of, default_region, period
    )
    return finish(assessments, problems, rejected, errors, notes)


def finish(
    assessments: list[Assessment],
    problems: list[Problem],
    rejected: list[int],
    errors: Errors,
    notes: Sequence[str] = (),
) -> list[Assessment] | ReadReport:
    """The strict or collect result of a read."""
    if errors == "collect":
        return ReadReport(
            tuple(assessments), tuple(problems), tuple(sorted(set(rejected))), tuple(notes)
        )
    if problems:
        raise TableError(problems)
    return assessments


def _read_wide(
    table: Table,
    s: CriteriaSet,
    cols: Columns,
    problems: list[Problem],
    as_of: dt.date | None,
    region: Region | None,
    period: CriteriaSet | None,
) -> tuple[list[Assessment], list[int]]:
    keys = s.value_keys()
    group_numbers = tuple(z.group for z in s.zones if z.group is not None)
    parsers = {i: parser_for(keys[key], s) for i, key in cols.indicators.items()}
    indicator_columns = tuple(cols.indicators.items())
    out: list[Assessment] = []
    rejected: list[int] = []
    seen: dict[tuple[object, ...], int] = {}
    kinds = s.fact_kinds()  # once per table, not per row

    def bad(row: int, i: int, raw: object, message: str) -> None:
        problems.append(Problem(table.source, row, table.header[i], raw, message, table.sheet))

    for row, cells in table.rows:
        if all(is_blank(c) for c in cells):
            continue
        before = len(problems)
        cells = readable_cells(table, row, cells, problems)
        commune = row_commune(table, row, cells, cols, problems, region, group_numbers)
        day = row_date(table, row, cells, cols, problems, as_of, period)
        values: dict[str, MeasuredValue] = {}
        width = len(cells)
        for i, key in indicator_columns:
            raw = cells[i] if i < width else None
            checklist = i in cols.checklist  # an empty checklist cell is a no, not a gap
            blank = raw is None or raw == "" or (raw.__class__ is str and raw.isspace())
            if blank and not checklist:
                continue
            try:
                values[key] = ticked(raw) if checklist else parsers[i](raw)
            except CellError as exc:
                bad(row, i, raw, f"indicator {key}: {exc}")
        declarations: dict[int, bool] = {}
        for i, number in cols.declarations.items():
            raw = cell_at(cells, i)
            checklist = i in cols.checklist  # an empty checklist cell is a no, not a gap
            if is_blank(raw) and not checklist:
                continue
            try:
                declarations[number] = ticked(raw) if checklist else parse_yes_no(raw)
            except CellError as exc:
                bad(row, i, raw, f"criterion {number}: {exc}")
        facts: dict[str, object] = {}
        for i, name in cols.facts.items():
            raw = cell_at(cells, i)
            if is_blank(raw):
                continue
            try:
                facts[name] = fact_value(
                    unescape_formula(raw) if isinstance(raw, str) else raw, kinds[name]
                )
            except CellError as exc:
                bad(row, i, raw, f"fact {name}: {exc}")
        series: dict[str, dict[int, float]] = {}
        for i, (quantity, year) in cols.series.items():
            raw = cell_at(cells, i)
            if is_blank(raw):
                continue
            try:
                series.setdefault(quantity, {})[year] = float(parse_number(raw))
            except CellError as exc:
                bad(row, i, raw, f"{quantity} {year}: {exc}")
        note_i = cols.commune.get("note")
        note = (
            None
            if note_i is None or is_blank(cell_at(cells, note_i))
            else unescape_formula(str(cell_at(cells, note_i)))
        )
        if commune is not None and day is not None:
            identity = (*commune.identity, day)
            if identity in seen:
                problems.append(
                    Problem(
                        table.source,
                        row,
                        None,
                        commune.name,
                        f"the same commune and date as row {seen[identity]}",
                        table.sheet,
                    )
                )
            else:
                seen[identity] = row
        if len(problems) > before or commune is None or day is None:
            rejected.append(row)
            continue
        out.append(
            Assessment(
                commune,
                day,
                values=values,
                declarations=declarations,
                facts=facts,
                series=series,
                note=note,
            )
        )
    return out, rejected
