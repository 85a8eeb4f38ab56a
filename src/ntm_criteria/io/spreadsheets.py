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
import re
import unicodedata
import zipfile
from collections.abc import Collection, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from attrs import frozen

from ntm_criteria._optional import optional_import
from ntm_criteria.data import criteria_sets, load_criteria_set, set_in_force
from ntm_criteria.errors import DataFileError, NotFoundError
from ntm_criteria.io.assessments import read_data_bytes
from ntm_criteria.io.dated import stream_table_by_date
from ntm_criteria.io.headers import locate_header
from ntm_criteria.io.rows import RowStream, stream_table
from ntm_criteria.io.tables import Layout, Table, Unreadable
from ntm_criteria.model.criteria import CriteriaSet
from ntm_criteria.model.regions import Region


def _not_utf8(path: Path, raw: bytes, at: int, line: int | None = None) -> DataFileError:
    where = f"byte {at + 1}" + (f" of line {line}" if line is not None else "")
    return DataFileError(
        str(path),
        [
            f"not UTF-8 text ({where} is {raw[at]:#04x}; an older Vietnamese "
            "encoding such as Windows-1258 or TCVN3?): save the sheet as 'CSV UTF-8' and read "
            "it again"
        ],
    )


def _bad_csv(path: Path, exc: csv.Error) -> DataFileError:
    return DataFileError(str(path), [f"not valid CSV (truncated or unbalanced quotes?): {exc}"])


def _nfc(value: object) -> object:
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def _nfc_line(line: str) -> str:
    # A delimiter, quote or line end never composes with a neighbour, so normalising a line
    # normalises each of its cells.
    return line if line.isascii() else unicodedata.normalize("NFC", line)


@frozen
class CsvRows:
    """The data rows of a UTF-8 CSV file, read from disk on each pass and never held whole in
    memory: (row number as the sheet shows it, cells), each line NFC-normalised."""

    path: Path
    delimiter: str

    def _lines(self) -> Iterator[str]:
        with self.path.open("rb") as f:
            for n, raw in enumerate(f, 1):
                try:
                    line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
                except UnicodeDecodeError as exc:
                    raise _not_utf8(self.path, raw, exc.start, n) from None
                yield _nfc_line(line)

    def records(self) -> Iterator[list[str]]:
        """Every record of the file, the header first."""
        reader = csv.reader(self._lines(), delimiter=self.delimiter, strict=True)
        try:
            yield from reader
        except csv.Error as exc:
            raise _bad_csv(self.path, exc) from None

    def __iter__(self) -> Iterator[tuple[int, tuple[object, ...]]]:
        records = self.records()
        next(records, None)  # the header
        for n, record in enumerate(records, 2):
            yield n, tuple(record)


def csv_table(path: str | Path) -> Table:
    """Read a CSV file (or an Excel text export) as a :class:`Table`, header on line 1.

    Comma, semicolon or tab separated (detected); UTF-8 with or without a byte-order mark, or
    UTF-16 (Excel's "Unicode Text"). Every cell is NFC-normalised, so text typed in decomposed
    Unicode (as some Mac and web exports write it) reads as the same words. A UTF-8 file is
    read a row at a time on each pass over the table's rows, so a large file is never held in
    memory.

    Raises:
        DataFileError: the file is missing, empty, binary, in another encoding, or not CSV.
    """
    path = Path(path)
    try:
        with path.open("rb") as f:
            start = f.read(4096)
            first = start + (f.readline() if b"\n" not in start else b"")
    except OSError as exc:
        raise DataFileError(str(path), [f"cannot read the file: {exc.strerror}"]) from None
    if start[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Excel's "Unicode Text" export
        return _utf16_table(path, read_data_bytes(path))
    if b"\x00" in start or start[:4] == b"PK\x03\x04":
        kind = (
            "a binary file (an .xlsx workbook?)" if start[:4] == b"PK\x03\x04" else "a binary file"
        )
        raise DataFileError(str(path), [f"{kind}, not CSV text (an .xlsx saved as .csv?)"])
    if not start.strip():
        read_data_bytes(path)  # empty, or blank: said as for every data file
    line = first.split(b"\n", 1)[0]
    try:
        text = line.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _not_utf8(path, line, exc.start) from None
    rows = CsvRows(path, max(",;\t", key=text.count))
    header = next(rows.records(), [])
    return Table(str(path), tuple(header), rows, texts=True)


def _utf16_table(path: Path, raw: bytes) -> Table:
    try:
        text = raw.decode("utf-16")
    except UnicodeDecodeError:
        raise DataFileError(str(path), ["a UTF-16 file that does not decode"]) from None
    end = text.find("\n")
    first = text if end < 0 else text[:end]
    lines = (_nfc_line(line) for line in io.StringIO(text, newline=""))
    reader = csv.reader(lines, delimiter=max(",;\t", key=first.count), strict=True)
    try:
        header = tuple(next(reader, []))
        numbered = tuple((n, tuple(r)) for n, r in enumerate(reader, 2))
    except csv.Error as exc:
        raise _bad_csv(path, exc) from None
    return Table(str(path), header, numbered, texts=True)


_CELL = re.compile(r"([A-Z]+)(\d+)")


def _position(ref: str) -> tuple[int, int]:
    """``"C5"`` as (row 5, column index 2)."""
    match = _CELL.fullmatch(ref)
    assert match, ref
    column = 0
    for ch in match.group(1):
        column = column * 26 + ord(ch) - 64
    return int(match.group(2)), column - 1


def _sheet_extras(path: Path, part: str) -> tuple[list[tuple[str, str]], list[str]]:
    """The merged ranges (``("B3", "B5")``) and the formula cells without a saved value of one
    worksheet part, read from its XML in one streaming pass."""
    merges: list[tuple[str, str]] = []
    uncached: list[str] = []
    with zipfile.ZipFile(path) as z, z.open(part) as f:
        for _, element in ElementTree.iterparse(f):
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == "c":
                children = {child.tag.rsplit("}", 1)[-1]: child for child in element}
                value = children.get("v")
                if "f" in children and (value is None or not (value.text or "").strip()):
                    uncached.append(element.get("r", ""))
                element.clear()
            elif tag == "mergeCell" and ":" in element.get("ref", ""):
                first, last = element.get("ref", "").split(":")
                merges.append((first, last))
    return merges, uncached


def xlsx_table(path: str | Path, sheet: str | None = None) -> Table:
    """Read one sheet of an XLSX workbook into a :class:`Table` (needs the ``excel`` extra).

    Cells read as Excel shows them: a merged range holds its value in every cell (said in the
    table's notes), a percent-formatted number is a percentage, text is NFC-normalised. A
    formula saved without its result (a file written by a program, never opened in Excel)
    cannot be read; each such cell becomes a problem of its row.

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
        grid = [[_shown(c) for c in r] for r in ws.iter_rows()]
        title, part = ws.title, getattr(ws, "_worksheet_path", None)
    finally:
        book.close()
    if not grid:
        raise DataFileError(str(path), [f"sheet {title!r} is empty"])
    notes: list[str] = []
    uncached: list[str] = []
    if part:
        merges, uncached = _sheet_extras(path, part)
        for first, last in merges:
            (r0, c0), (r1, c1) = _position(first), _position(last)
            value = grid[r0 - 1][c0] if r0 - 1 < len(grid) and c0 < len(grid[r0 - 1]) else None
            for r in range(r0 - 1, min(r1, len(grid))):
                row = grid[r]
                row.extend([None] * (c1 + 1 - len(row)))
                for c in range(c0, c1 + 1):
                    row[c] = value
            notes.append(f"merged cells {first}:{last} read as {value!r} in each cell")
        for ref in uncached:
            r, c = _position(ref)
            if r - 1 < len(grid) and c < len(grid[r - 1]):
                grid[r - 1][c] = Unreadable(
                    f"cell {ref} holds a formula whose result was never saved: open the file "
                    "in Excel (or LibreOffice) and save it, then read it again"
                )
    header, *body = grid
    names = tuple("" if h is None else str(h) for h in header)
    rows = tuple((i + 2, tuple(r)) for i, r in enumerate(body))
    return Table(str(path), names, rows, sheet=title, notes=tuple(notes), unreadable=bool(uncached))


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
    return _nfc(value)


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


#: File types read as tables: CSV, Excel's text exports, workbooks.
TEXT_TABLES = (".csv", ".tsv", ".txt")
WORKBOOKS = (".xlsx", ".xlsm")


def _candidate_sets() -> list[CriteriaSet]:
    """The sets a table read by date may be under: every packaged standard commune set."""
    sets = [load_criteria_set(i) for i in criteria_sets()]
    return [s for s in sets if s.level == "commune" and s.tier == "standard"]


def open_table(
    source: str | Path | Any,
    criteria_set: CriteriaSet | None,
    sheet: str | None = None,
    header_row: int | None = None,
) -> Table:
    """A CSV or XLSX file, or a DataFrame, as a :class:`Table` with its header found (the row
    holding a commune-name column and an indicator or criterion column of ``criteria_set``,
    or of any packaged commune set when it is None).

    Raises:
        DataFileError: the file cannot be read, or no row reads as the header.
    """
    if isinstance(source, str | Path):
        suffix = Path(source).suffix.lower()
        if suffix in TEXT_TABLES:
            table = csv_table(source)
        elif suffix in WORKBOOKS:
            table = xlsx_table(source, sheet)
        else:
            raise DataFileError(
                str(source), [f"unknown file type {suffix!r}; expected .csv or .xlsx"]
            )
    else:
        table = dataframe_table(source)
    sets = [criteria_set] if criteria_set is not None else _candidate_sets()
    try:
        return locate_header(table, sets, header_row)
    except NotFoundError as exc:
        raise DataFileError(table.source, [str(exc)]) from None


def stream_spreadsheet(
    source: str | Path | Any,
    criteria_set: CriteriaSet | None,
    *,
    sheet: str | None = None,
    layout: Layout | None = None,
    as_of: dt.date | None = None,
    region: Region | str | None = None,
    allow_out_of_period: bool = False,
    header_row: int | None = None,
    ignore_columns: Collection[str] = (),
) -> RowStream:
    """Assessments from a ``.csv`` (or ``.tsv``/``.txt`` text export) or ``.xlsx`` file, or a
    pandas DataFrame, a row at a time: a :class:`~ntm_criteria.io.rows.RowStream` (its
    ``collect`` gives the list, or a :class:`~ntm_criteria.io.tables.ReadReport` whose notes say
    which row was the header, which cells were merged, which columns were left unread and which
    set each row was read under). A CSV file is read from disk as it is iterated.

    Args:
        source: a path, or a DataFrame.
        criteria_set: the set whose indicators the columns name; None reads each row under
            the packaged commune set in force on its date.
        sheet: the XLSX sheet (default: the first).
        header_row: the header's row number as the sheet shows it; by default the first row
            holding a commune-name column and an indicator or criterion column (title and
            banner rows above it are skipped).
        ignore_columns: headers of columns to leave unread.
        layout, as_of, region, allow_out_of_period: see
            :func:`~ntm_criteria.io.rows.read_table`.

    Raises:
        DataFileError: the file cannot be read at all (at once, or during the iteration for a
            fault further into a CSV file).
    """
    table = open_table(source, criteria_set, sheet, header_row)
    if criteria_set is None:
        return stream_table_by_date(
            table,
            set_in_force,
            layout=layout,
            as_of=as_of,
            region=region,
            ignore_columns=ignore_columns,
        )
    return stream_table(
        table,
        criteria_set,
        layout=layout,
        as_of=as_of,
        region=region,
        allow_out_of_period=allow_out_of_period,
        ignore_columns=ignore_columns,
    )
