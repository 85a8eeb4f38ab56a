"""Tables read without a named set: each row under the set in force on its date.

A province sheet usually says when each commune was assessed, and that date decides which
criteria set applies. Reading such a table without a set reads each row under the packaged
commune set in force on its date (``set_in_force``), a row at a time; the notes say which rows
were read under which set. A row whose date is missing, unreadable, or falls where no
packaged set is in force is a problem of that row, never guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterator

from attrs import Factory, define, evolve

from ntm_criteria.errors import CellError, PeriodError
from ntm_criteria.io.headers import COMMUNE_COLUMNS, Columns, classify, clean_header
from ntm_criteria.io.long_rows import read_long
from ntm_criteria.io.rows import RowStream, wide_reader
from ntm_criteria.io.tables import Errors, Layout, Problem, ReadReport, Table
from ntm_criteria.io.values import is_blank, parse_date
from ntm_criteria.model.commune import Assessment
from ntm_criteria.model.criteria import CriteriaSet
from ntm_criteria.model.regions import Region

Chooser = Callable[[dt.date], CriteriaSet]


def read_table_by_date(
    table: Table,
    choose: Chooser,
    *,
    layout: Layout | None = None,
    errors: Errors = "raise",
    as_of: dt.date | None = None,
    region: Region | str | None = None,
    ignore_columns: Collection[str] = (),
) -> list[Assessment] | ReadReport:
    """Read ``table`` with each row under ``choose(row's date)``.

    Args:
        table: the header and rows.
        choose: the set for a date; raises :class:`PeriodError` where none applies
            (:func:`ntm_criteria.data.set_in_force` is the usual one).
        layout, errors, as_of, region, ignore_columns: as for
            :func:`~ntm_criteria.io.rows.read_table`.
    """
    stream = stream_table_by_date(
        table, choose, layout=layout, as_of=as_of, region=region, ignore_columns=ignore_columns
    )
    return stream.collect(errors)


@define
class _Part:
    """The rows read under one set: their columns' reader (wide), or the rows themselves (a
    long table groups them before reading), and their numbers."""

    criteria_set: CriteriaSet
    read: Callable[[int, tuple[object, ...]], Assessment | None] | None
    long_rows: list[tuple[int, tuple[object, ...]]] | None
    columns: Columns | None = None
    numbers: list[int] = Factory(list)


def stream_table_by_date(
    table: Table,
    choose: Chooser,
    *,
    layout: Layout | None = None,
    as_of: dt.date | None = None,
    region: Region | str | None = None,
    ignore_columns: Collection[str] = (),
) -> RowStream:
    """:func:`read_table_by_date` a row at a time (a wide table is never held in memory)."""
    problems: list[Problem] = []
    rejected: list[int] = []
    notes: list[str] = list(table.notes)
    if not any(clean_header(h) in COMMUNE_COLUMNS["name"] for h in table.header):
        problems.append(
            Problem(
                table.source,
                table.header_row,
                None,
                None,
                "no commune name column (Xã / commune)",
                table.sheet,
            )
        )
        rejected.extend(n for n, _ in table.rows)
        return RowStream(iter(()), problems, rejected, notes)
    rows = _by_date(table, choose, layout, as_of, region, ignore_columns, problems, rejected, notes)
    return RowStream(rows, problems, rejected, notes)


def _by_date(
    table: Table,
    choose: Chooser,
    layout: Layout | None,
    as_of: dt.date | None,
    region: Region | str | None,
    ignore_columns: Collection[str],
    problems: list[Problem],
    rejected: list[int],
    notes: list[str],
) -> Iterator[Assessment]:
    default_region = Region.lookup(region) if isinstance(region, str) else region
    date_column = next(
        (i for i, h in enumerate(table.header) if clean_header(h) in COMMUNE_COLUMNS["as_of"]), None
    )
    column = None if date_column is None else table.header[date_column]
    parts: dict[str, _Part] = {}
    said: set[str] = set()  # a header problem is the same under every set: said once

    def part_for(s: CriteriaSet) -> _Part:
        cols, found, chosen, found_notes, fatal = classify(
            table, s, s.fact_kinds(), layout, ignore_columns
        )
        for p in found:
            if str(p) not in said:
                said.add(str(p))
                problems.append(p)
        notes.extend(n for n in found_notes if n not in notes)
        if fatal:
            return _Part(s, None, None)
        if chosen == "long":
            return _Part(s, None, [], cols)
        reader = wide_reader(table, s, cols, problems, rejected, as_of, default_region, s)
        return _Part(s, reader, None)

    for number, cells in table.rows:
        if all(is_blank(c) for c in cells):
            continue
        raw = None if date_column is None or date_column >= len(cells) else cells[date_column]
        try:
            if is_blank(raw):
                if as_of is None:
                    raise CellError(
                        "the assessment date is missing, and without a set the date decides "
                        "which set applies (give a date column, as_of= or the set)"
                    )
                day = as_of
            else:
                day = parse_date(raw)
            chosen = choose(day)
        except (CellError, PeriodError) as exc:
            problems.append(Problem(table.source, number, column, raw, str(exc), table.sheet))
            rejected.append(number)
            continue
        part = parts.get(chosen.id)
        if part is None:
            part = parts[chosen.id] = part_for(chosen)
        part.numbers.append(number)
        if part.read is not None:
            a = part.read(number, cells)
            if a is not None:
                yield a
        elif part.long_rows is not None:
            part.long_rows.append((number, cells))
        else:
            rejected.append(number)  # the table cannot be read under this set
    for part in parts.values():
        if part.long_rows is not None:
            assert part.columns is not None
            assessments, bad = read_long(
                evolve(table, rows=tuple(part.long_rows)),
                part.criteria_set,
                part.columns,
                problems,
                as_of,
                default_region,
                part.criteria_set,
            )
            rejected.extend(bad)
            yield from assessments
        notes.append(f"rows {spans(part.numbers)}: read under {part.criteria_set.id}")
    problems.sort(key=lambda p: p.row or 0)


def spans(numbers: list[int]) -> str:
    """Row numbers as runs: ``2-5, 8, 10-12``.

    >>> spans([2, 3, 4, 5, 8, 10, 11, 12])
    '2-5, 8, 10-12'
    """
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


__all__ = ["read_table_by_date", "spans", "stream_table_by_date"]
