"""Tables read without a named set: each row under the set in force on its date.

A province sheet usually says when each commune was assessed, and that date decides which
criteria set applies. Reading such a table without a set splits its rows by the packaged
commune set in force on each row's date (``set_in_force``), reads every part under its set and
joins the results. A row whose date is missing, unreadable, or falls where no packaged set is
in force is a problem of that row, never guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection

from attrs import evolve

from ntm_criteria.errors import CellError, PeriodError
from ntm_criteria.io.headers import COMMUNE_COLUMNS, clean_header
from ntm_criteria.io.rows import finish, read_table
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
    if not any(clean_header(h) in COMMUNE_COLUMNS["name"] for h in table.header):
        missing = Problem(
            table.source,
            table.header_row,
            None,
            None,
            "no commune name column (Xã / commune)",
            table.sheet,
        )
        return finish([], [missing], [n for n, _ in table.rows], errors, table.notes)
    date_column = next(
        (i for i, h in enumerate(table.header) if clean_header(h) in COMMUNE_COLUMNS["as_of"]), None
    )
    problems: list[Problem] = []
    rejected: list[int] = []
    parts: dict[str, tuple[CriteriaSet, list[tuple[int, tuple[object, ...]]]]] = {}
    column = None if date_column is None else table.header[date_column]
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
        parts.setdefault(chosen.id, (chosen, []))[1].append((number, cells))
    assessments: list[Assessment] = []
    notes: list[str] = []
    seen: set[str] = set()
    for chosen, rows in parts.values():
        part = evolve(table, rows=tuple(rows))
        report = read_table(
            part,
            chosen,
            layout=layout,
            errors="collect",
            as_of=as_of,
            region=region,
            ignore_columns=ignore_columns,
        )
        assert isinstance(report, ReadReport)
        assessments.extend(report.assessments)
        rejected.extend(report.rejected_rows)
        notes.extend(n for n in report.notes if n not in notes)
        notes.append(f"rows {', '.join(str(n) for n, _ in rows)}: read under {chosen.id}")
        for p in report.problems:
            # a header problem is the same in every part: say it once
            if p.row == 1 and str(p) in seen:
                continue
            seen.add(str(p))
            problems.append(p)
    problems.sort(key=lambda p: p.row or 0)
    return finish(assessments, problems, rejected, errors, notes)


__all__ = ["read_table_by_date"]
