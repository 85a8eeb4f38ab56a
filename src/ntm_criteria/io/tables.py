"""Tables of commune data (CSV, XLSX, DataFrame) as the readers see them, and their problems.

Two layouts are read:

- **wide**: one row per commune and date, one column per indicator (and optionally per
  criterion, for declared statuses, and per fact);
- **long**: one row per commune, date and indicator, with ``indicator`` and ``value`` columns.

Which header names what is :mod:`ntm_criteria.io.headers`'. In strict mode (``errors="raise"``)
one :class:`TableError` lists every problem; in collect mode (``errors="collect"``) the good
assessments come back with a report of every rejected row. A column the reader cannot place is
reported, never silently ignored.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from attrs import frozen

from ntm_criteria.model.commune import Assessment

Errors = Literal["raise", "collect"]
Layout = Literal["wide", "long"]


class Unreadable:
    """A cell whose value cannot be known from the file (a formula saved without its result)."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message

    def __repr__(self) -> str:
        return f"<{self.message}>"


@frozen
class Problem:
    """One thing wrong in a table: where it is, what was found and what was expected."""

    source: str
    row: int | None
    column: str | None
    value: object
    message: str
    sheet: str | None = None

    def __str__(self) -> str:
        where = self.source + (f" [sheet {self.sheet}]" if self.sheet else "")
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column {self.column!r}"
        return f"{where}: {self.message}"


@frozen
class ReadReport:
    """What a collect-mode read returns: the good assessments and every problem.

    Attributes:
        assessments: the assessments read from rows without problems.
        problems: every problem, each with its location.
        rejected_rows: the numbers of the rows not turned into assessments.
        notes: what the reader did that the user should know (a title row skipped, merged
            cells filled, columns left unread), none of them a problem.
    """

    assessments: tuple[Assessment, ...]
    problems: tuple[Problem, ...]
    rejected_rows: tuple[int, ...]
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when nothing was rejected."""
        return not self.problems


@frozen
class Table:
    """A table as the readers see it: a header and numbered rows of raw cells.

    ``rows`` gives (row number as the user sees it, cells) on each pass: a tuple, or for a
    large text file a re-iterable that reads the file again (:class:`~ntm_criteria.io.
    spreadsheets.CsvRows`). Row numbers count the header as row 1 in files, so "row 7" is the
    seventh line of the sheet.
    """

    source: str
    header: tuple[str, ...]
    rows: Iterable[tuple[int, tuple[object, ...]]]
    sheet: str | None = None
    header_row: int = 1
    notes: tuple[str, ...] = ()
    unreadable: bool = False  # some cell is Unreadable (a workbook's unsaved formula)
    texts: bool = False  # every cell is text or None (a CSV file), so no two differ only by type
