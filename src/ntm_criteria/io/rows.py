"""Rows of a table into assessments: the wide and long layouts, every problem located.

See :mod:`ntm_criteria.io.tables` for the layouts and the headers each recognises.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Collection, Iterator, Sequence

from attrs import define

from ntm_criteria._batch import paused_gc
from ntm_criteria.errors import CellError, TableError
from ntm_criteria.io.headers import (
    Columns,
    classify,
)
from ntm_criteria.io.long_rows import read_long
from ntm_criteria.io.row_fields import (
    cell_at,
    fact_cell,
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


@define
class RowStream:
    """Assessments read from a table one row at a time.

    Iterate it once. Its problems, rejected rows and notes fill in as the rows are read and are
    complete when the iteration ends; :meth:`finish` gives what :func:`read_table` returns.
    :func:`~ntm_criteria.read_assessments` collects a stream into a list; the command line
    evaluates each assessment as it comes, so a large file is never held in memory.
    """

    assessments: Iterator[Assessment]
    problems: list[Problem]
    rejected_rows: list[int]
    notes: list[str]

    def __iter__(self) -> Iterator[Assessment]:
        return self.assessments

    def collect(self, errors: Errors) -> list[Assessment] | ReadReport:
        """Every row read: what :func:`read_table` returns (:meth:`finish` of the whole list)."""
        with paused_gc():
            assessments = list(self)
        return self.finish(assessments, errors)

    def finish(
        self, assessments: list[Assessment], errors: Errors
    ) -> list[Assessment] | ReadReport:
        """The strict or collect result of the read, once every row has been read."""
        return finish(assessments, self.problems, self.rejected_rows, errors, self.notes)


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
    stream = stream_table(
        table,
        criteria_set,
        layout=layout,
        as_of=as_of,
        region=region,
        allow_out_of_period=allow_out_of_period,
        ignore_columns=ignore_columns,
    )
    return stream.collect(errors)


def stream_table(
    table: Table,
    criteria_set: CriteriaSet,
    *,
    layout: Layout | None = None,
    as_of: dt.date | None = None,
    region: Region | str | None = None,
    allow_out_of_period: bool = False,
    ignore_columns: Collection[str] = (),
) -> RowStream:
    """:func:`read_table` a row at a time: a :class:`RowStream` (the same arguments)."""
    default_region = Region.lookup(region) if isinstance(region, str) else region
    cols, problems, chosen, notes, fatal = classify(
        table, criteria_set, criteria_set.fact_kinds(), layout, ignore_columns
    )
    notes = [*table.notes, *notes]
    rejected: list[int] = []
    if fatal:
        rejected.extend(n for n, _ in table.rows)
        return RowStream(iter(()), problems, rejected, notes)
    period = None if allow_out_of_period else criteria_set
    if chosen == "long":
        return RowStream(
            _long(table, criteria_set, cols, problems, rejected, as_of, default_region, period),
            problems,
            rejected,
            notes,
        )
    read = wide_reader(table, criteria_set, cols, problems, rejected, as_of, default_region, period)
    rows = (read(row, cells) for row, cells in table.rows)
    return RowStream((a for a in rows if a is not None), problems, rejected, notes)


def _long(
    table: Table,
    s: CriteriaSet,
    cols: Columns,
    problems: list[Problem],
    rejected: list[int],
    as_of: dt.date | None,
    region: Region | None,
    period: CriteriaSet | None,
) -> Iterator[Assessment]:
    # a long table's rows of one commune may be anywhere in it: grouped first, then given
    assessments, bad = read_long(table, s, cols, problems, as_of, region, period)
    rejected.extend(bad)
    yield from assessments


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


def wide_reader(
    table: Table,
    s: CriteriaSet,
    cols: Columns,
    problems: list[Problem],
    rejected: list[int],
    as_of: dt.date | None,
    region: Region | None,
    period: CriteriaSet | None,
    seen: dict[tuple[object, ...], int] | None = None,
) -> Callable[[int, tuple[object, ...]], Assessment | None]:
    """A reader of one wide row: its assessment, or None (a blank row, or one with problems,
    each appended to ``problems`` with its place; a rejected row's number to ``rejected``).

    ``seen`` maps each (commune identity, date) read so far to its row, for the duplicates;
    a caller that reads other rows of the table itself shares it."""
    keys = s.value_keys()
    group_numbers = tuple(z.group for z in s.zones if z.group is not None)
    # per indicator column: its value key, the texts it has read, its parser, whether it is a
    # checklist, and its index; the cells of a row are taken out for them at once
    indicator_columns = tuple(
        (key, parse.texts, parse, i in cols.checklist, i)
        for i, key in cols.indicators.items()
        for parse in (parser_for(keys[key], s),)
    )
    indices = tuple(i for *_, i in indicator_columns)
    needed = max(indices, default=-1) + 1
    take = operator.itemgetter(*indices) if len(indices) > 1 else None
    if seen is None:
        seen = {}
    kinds = s.fact_kinds()  # once per table, not per row
    source, header, sheet = table.source, table.header, table.sheet

    def bad(row: int, i: int, raw: object, message: str) -> None:
        problems.append(Problem(source, row, header[i], raw, message, sheet))

    def read(row: int, cells: tuple[object, ...]) -> Assessment | None:
        if all(is_blank(c) for c in cells):
            return None
        before = len(problems)
        cells = readable_cells(table, row, cells, problems)
        commune = row_commune(table, row, cells, cols, problems, region, group_numbers)
        day = row_date(table, row, cells, cols, problems, as_of, period)
        values: dict[str, MeasuredValue] = {}
        if take is not None and len(cells) >= needed:
            raws: tuple[object, ...] = take(cells)
        else:
            raws = tuple(cell_at(cells, i) for i in indices)
        for (key, texts, parse, checklist, i), raw in zip(indicator_columns, raws, strict=True):
            if not checklist:
                if raw.__class__ is str:
                    known = texts.get(raw)  # a text this column has read before
                    if known is not None:
                        values[key] = known
                        continue
                    if raw == "" or raw.isspace():
                        continue
                elif raw is None:
                    continue
            try:
                # an empty checklist cell is a no, not a gap
                values[key] = ticked(raw) if checklist else parse(raw)
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
                facts[name] = fact_cell(raw, kinds[name])
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
                        source,
                        row,
                        None,
                        commune.name,
                        f"the same commune and date as row {seen[identity]}",
                        sheet,
                    )
                )
            else:
                seen[identity] = row
        if len(problems) > before or commune is None or day is None:
            rejected.append(row)
            return None
        return Assessment(
            commune,
            day,
            values=values,
            declarations=declarations,
            facts=facts,
            series=series,
            note=note,
        )

    return read
