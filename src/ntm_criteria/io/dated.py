"""Tables read without a named set: each row under the set in force on its date.

A province sheet usually says when each commune was assessed, and that date decides which
criteria set applies. Reading such a table without a set splits its rows by the packaged
commune set in force on each row's date (``set_in_force``), reads every part under its set and
joins the results. A row whose date is missing, unreadable, or falls where no packaged set is
in force is a problem of that row, never guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ntm_criteria.errors import CellError, PeriodError
from ntm_criteria.io.rows import finish, read_table
from ntm_criteria.io.tables import COMMUNE_COLUMNS, Errors, Layout, Problem, ReadReport, Table
from ntm_criteria.io.tables import clean_header as _clean
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
) -> list[Assessment] | ReadReport:
    """Read ``table`` with each row under ``choose(row's date)``.

    Args:
        table: the header and rows.
        choose: the set for a date; raises :class:`PeriodError` where none applies
            (:func:`ntm_criteria.data.set_in_force` is the usual one).
        layout, errors, as_of, region: as for :func:`~ntm_criteria.io.rows.read_table`.
    """
    date_column = next(
        (i for i, h in enumerate(table.header) if _clean(h) in COMMUNE_COLUMNS["as_of"]), None
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
    seen: set[str] = set()
    for chosen, rows in parts.values():
        part = Table(table.source, table.header, tuple(rows), table.sheet)
        report = read_table(
            part, chosen, layout=layout, errors="collect", as_of=as_of, region=region
        )
        assert isinstance(report, ReadReport)
        assessments.extend(report.assessments)
        rejected.extend(report.rejected_rows)
        for p in report.problems:
            # a header problem is the same in every part: say it once
            if p.row == 1 and str(p) in seen:
                continue
            seen.add(str(p))
            problems.append(p)
    problems.sort(key=lambda p: p.row or 0)
    return finish(assessments, problems, rejected, errors)


__all__ = ["read_table_by_date"]
