"""CSV, XLSX and pandas DataFrames as tables of commune data.

CSV is read with the standard library (comma, semicolon or tab, detected; UTF-8 with or without
a byte-order mark). XLSX needs the ``excel`` extra (openpyxl, read-only mode) and DataFrames the
``pandas`` extra; both are imported only when used, with a clear message when missing. Empty,
truncated, binary or wrong-format files give a :class:`~ntm_criteria.io.assessments.DataFileError`
naming the file, not a traceback from a dependency.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from ntm_criteria._optional import optional_import
from ntm_criteria.data import set_in_force
from ntm_criteria.errors import DataFileError
from ntm_criteria.io.assessments import read_data_bytes
from ntm_criteria.io.dated import read_table_by_date
from ntm_criteria.io.rows import read_table
from ntm_criteria.io.tables import Errors, Layout, ReadReport, Table
from ntm_criteria.model.commune import Assessment
from ntm_criteria.model.criteria import CriteriaSet
from ntm_criteria.model.regions import Region


def csv_table(path: str | Path) -> Table:
    """Read a CSV file into a :class:`Table` (header on the first line).

    Raises:
        DataFileError: the file is missing, empty, binary, not UTF-8 or not parseable as CSV.
    """
    path = Path(path)
    raw = read_data_bytes(path)
    if b"\x00" in raw[:4096] or raw[:4] == b"PK\x03\x04":
        raise DataFileError(str(path), ["a binary file, not CSV text (an .xlsx saved as .csv?)"])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataFileError(
            str(path), ["not UTF-8 text: save the sheet as 'CSV UTF-8' and read it again"]
        ) from None
    first = text.splitlines()[0]
    delimiter = max(",;\t", key=first.count)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise DataFileError(
            str(path), [f"not valid CSV (truncated or unbalanced quotes?): {exc}"]
        ) from None
    header, *body = rows
    numbered = tuple((i + 2, tuple(r)) for i, r in enumerate(body))
    return Table(str(path), tuple(header), numbered)


def xlsx_table(path: str | Path, sheet: str | None = None) -> Table:
    """Read one sheet of an XLSX workbook into a :class:`Table` (needs the ``excel`` extra).

    Raises:
        DataFileError: the file is missing, empty, not an XLSX workbook, or lacks the sheet.
    """
    path = Path(path)
    openpyxl = optional_import("openpyxl", "excel", "reading .xlsx files")
    if not path.exists():
        raise DataFileError(str(path), ["cannot read the file: No such file or directory"])
    if path.stat().st_size == 0:
        raise DataFileError(str(path), ["the file is empty"])
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise DataFileError(
            str(path), [f"not an .xlsx workbook (damaged, truncated or another format): {exc}"]
        ) from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise DataFileError(
                str(path), [f"no sheet {sheet!r}; sheets: {', '.join(book.sheetnames)}"]
            )
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        rows = ws.iter_rows()
        first = next(rows, None)
        if first is None:
            raise DataFileError(str(path), [f"sheet {ws.title!r} is empty"])
        header = tuple(c.value for c in first)
        body = tuple((i + 2, tuple(_shown(c) for c in r)) for i, r in enumerate(rows))
        names = tuple("" if h is None else str(h) for h in header)
        return Table(str(path), names, body, sheet=ws.title)
    finally:
        book.close()


def _shown(cell: Any) -> object:
    """A cell's value as Excel shows it: a number with a percent format (0.3 shown as 30 %) is
    the text ``"30%"``, which only a percent column accepts (any other column rejects it)."""
    value = cell.value
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and "%" in (getattr(cell, "number_format", None) or "")
    ):
        return f"{(Decimal(repr(value)) * 100).normalize():f}%"
    return value


def dataframe_table(frame: Any, name: str = "<DataFrame>") -> Table:
    """A pandas DataFrame as a :class:`Table`; rows are numbered by the frame's index."""
    optional_import("pandas", "pandas", "reading a DataFrame")

    def plain(v: Any) -> object:
        if v is None or (isinstance(v, float) and v != v):
            return None
        if hasattr(v, "to_pydatetime"):
            return v.to_pydatetime()
        if hasattr(v, "item") and not isinstance(v, str | dt.date):
            return v.item()
        return v

    rows = tuple(
        (int(index) if isinstance(index, int) else n, tuple(plain(v) for v in values))
        for n, (index, *values) in enumerate(frame.itertuples(index=True, name=None))
    )
    return Table(name, tuple(str(c) for c in frame.columns), rows)


def read_spreadsheet(
    source: str | Path | Any,
    criteria_set: CriteriaSet | None,
    *,
    sheet: str | None = None,
    layout: Layout | None = None,
    errors: Errors = "raise",
    as_of: dt.date | None = None,
    region: Region | str | None = None,
    allow_out_of_period: bool = False,
) -> list[Assessment] | ReadReport:
    """Read assessments from a ``.csv`` or ``.xlsx`` file, or a pandas DataFrame.

    Args:
        source: a path, or a DataFrame.
        criteria_set: the set whose indicators the columns name; None reads each row under
            the packaged commune set in force on its date.
        sheet: the XLSX sheet (default: the first).
        layout, errors, as_of, region, allow_out_of_period: see
            :func:`~ntm_criteria.io.rows.read_table`.

    Returns:
        The assessments, or in collect mode a :class:`~ntm_criteria.io.tables.ReadReport`.

    Raises:
        DataFileError: the file cannot be read at all.
        TableError: in strict mode, listing every bad cell with sheet, row and column.
    """
    if isinstance(source, str | Path):
        suffix = Path(source).suffix.lower()
        if suffix == ".csv":
            table = csv_table(source)
        elif suffix in (".xlsx", ".xlsm"):
            table = xlsx_table(source, sheet)
        else:
            raise DataFileError(
                str(source), [f"unknown file type {suffix!r}; expected .csv or .xlsx"]
            )
    else:
        table = dataframe_table(source)
    if criteria_set is None:
        return read_table_by_date(
            table, set_in_force, layout=layout, errors=errors, as_of=as_of, region=region
        )
    return read_table(
        table,
        criteria_set,
        layout=layout,
        errors=errors,
        as_of=as_of,
        region=region,
        allow_out_of_period=allow_out_of_period,
    )
