"""A wide table read straight into typed columns, for :func:`~ntm_criteria.evaluate_columns`.

:func:`read_columns` reads a CSV or XLSX file (or a DataFrame) in the wide layout, one row per
commune, as :func:`~ntm_criteria.read_assessments` does: the same headers, the same parser for
each cell, the same checks. It reads a block of rows at a time column by column, each column at
the cost of its distinct cells, and keeps one numpy array per column (the ``numpy`` extra)
instead of an :class:`~ntm_criteria.Assessment` per row, so a file of a province's communes is
read and given its verdicts many times faster. A row with anything wrong in it is read again by
the row reader, which says what is wrong in the words :func:`read_assessments` uses: the two
readers keep the same rows and report the same problems.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import operator
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from ntm_criteria._batch import paused_gc
from ntm_criteria._optional import optional_import
from ntm_criteria.data import as_set
from ntm_criteria.errors import CellError, DataFileError, NotFoundError, TableError
from ntm_criteria.io.headers import Columns, classify
from ntm_criteria.io.row_fields import (
    cell_date,
    cell_text,
    fact_cell,
    group_number,
    ticked,
)
from ntm_criteria.io.rows import wide_reader
from ntm_criteria.io.spreadsheets import open_table
from ntm_criteria.io.tables import Errors, Problem, Table, Unreadable
from ntm_criteria.io.values import (
    is_blank,
    parse_yes_no,
    value_parser,
)
from ntm_criteria.model.commune import COMMUNE_FLAGS, identities_of
from ntm_criteria.model.criteria import CriteriaSet
from ntm_criteria.model.indicators import Kind
from ntm_criteria.model.regions import Region

#: Rows read into columns at a time (the raw cells of one block are held at once). Small
#: blocks stay in the processor's caches: 512 rows read 100 000 x 56 in 1.6 s with a peak of
#: 136 MB, 8 192 rows in 2.1 s with 349 MB.
BLOCK = 512


def _same(cell: object) -> object:
    return cell


class ColumnTable(Mapping[str, Any]):
    """A table read into columns: a mapping of column name to a numpy array, one entry per
    row kept, which :func:`~ntm_criteria.evaluate_columns` takes as it is.

    The columns are those :func:`evaluate_columns` reads: ``as_of``, ``region`` (and
    ``commune_group`` and the commune flags when the table has them), one per value key read
    (floats, NaN for no value; True, False or None; rating labels or None), ``criterion N``
    for declared statuses, and the facts.

    Attributes:
        source: the file (or ``"DataFrame"``).
        rows: each kept row's number as the sheet shows it (an array, beside the columns).
        names: each kept row's commune name.
        problems: every problem, each with its place (empty in strict mode: it raises).
        rejected_rows: the numbers of the rows not kept.
        notes: what the reader did that the user should know (as a read report's notes).
    """

    __slots__ = ("_columns", "names", "notes", "problems", "rejected_rows", "rows", "source")

    def __init__(
        self,
        source: str,
        columns: dict[str, Any],
        rows: Any,
        names: tuple[str, ...],
        problems: tuple[Problem, ...],
        rejected_rows: tuple[int, ...],
        notes: tuple[str, ...],
    ) -> None:
        self.source = source
        self._columns = columns
        self.rows = rows
        self.names = names
        self.problems = problems
        self.rejected_rows = rejected_rows
        self.notes = notes

    def __getitem__(self, key: str) -> Any:
        return self._columns[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)

    @property
    def row_count(self) -> int:
        """How many rows were kept."""
        return len(self.names)

    @property
    def ok(self) -> bool:
        """True when nothing was rejected."""
        return not self.problems

    @property
    def sheet_rows(self) -> Any:
        """The rows' numbers in the sheet, by which :func:`evaluate_columns` names them."""
        return self.rows

    def __repr__(self) -> str:
        return (
            f"<ColumnTable of {self.row_count} rows and {len(self)} columns from {self.source}"
            f"{f', {len(self.rejected_rows)} rows rejected' if self.rejected_rows else ''}>"
        )


def read_columns(
    source: str | Path | Any,
    criteria_set: CriteriaSet | str,
    *,
    errors: Errors = "raise",
    sheet: str | None = None,
    as_of: dt.date | None = None,
    region: Region | str | None = None,
    allow_out_of_period: bool = False,
    header_row: int | None = None,
    ignore_columns: Collection[str] = (),
) -> ColumnTable:
    """Read a wide table into columns for :func:`~ntm_criteria.evaluate_columns`.

    >>> from ntm_criteria import evaluate_columns
    >>> table = read_columns("examples/dinh-hoa-2019.xlsx", "commune-2016-2020")
    >>> table.names, evaluate_columns(table, "commune-2016-2020").met_counts().tolist()
    (('Phú Đình', 'Sơn Phú', 'Trung Lương'), [15, 14, 13])

    Args:
        source: a CSV or XLSX file, or a pandas DataFrame, one row per commune and date.
        criteria_set: the set whose indicators the columns name.
        errors: ``"raise"``: a :class:`~ntm_criteria.errors.TableError` listing every problem;
            ``"collect"``: the good rows, with every problem in ``problems``.
        sheet, as_of, region, allow_out_of_period, header_row, ignore_columns: as for
            :func:`~ntm_criteria.read_assessments`.

    Raises:
        DataFileError: the file cannot be read, or it is a table :func:`evaluate_columns`
            cannot take (the long layout; yearly series).
        TableError: in strict mode, every problem, each with its row and column.
        MissingExtraError: numpy is not installed.
    """
    np: Any = optional_import("numpy", "numpy", "reading a table into columns")
    s = as_set(criteria_set)
    table = open_table(source, s, sheet, header_row)
    default_region = Region.lookup(region) if isinstance(region, str) else region
    cols, problems, chosen, found_notes, fatal = classify(
        table, s, s.fact_kinds(), None, ignore_columns
    )
    if chosen == "long":
        raise DataFileError(
            table.source,
            [
                "a long table (one row per indicator): read_columns reads the wide layout, one "
                "row per commune; read it with read_assessments"
            ],
        )
    if cols.series:
        named = ", ".join(repr(table.header[i]) for i in cols.series)
        raise DataFileError(
            table.source,
            [
                f"columns of yearly series ({named}): evaluate_columns does not evaluate the "
                "indicators derived from them; read the table with read_assessments"
            ],
        )
    notes = (*table.notes, *found_notes)
    rejected: list[int] = []
    if fatal:
        rejected.extend(n for n, _ in table.rows)
        return _finish(np, table, {}, [], [], problems, rejected, notes, errors)
    period = None if allow_out_of_period else s
    seen: dict[tuple[object, ...], int] = {}
    read_row = wide_reader(table, s, cols, problems, rejected, as_of, default_region, period, seen)
    block = _Block(table, s, cols, as_of, default_region, period)
    parts: dict[str, list[Any]] = {}
    numbers: list[int] = []
    names: list[str] = []
    with paused_gc():
        rows = iter(table.rows)
        while chunk := list(itertools.islice(rows, BLOCK)):
            kept = block.read(np, chunk, read_row, seen)
            if kept is not None:
                part, part_rows, part_names = kept
                for name, values in part.items():
                    parts.setdefault(name, []).append(values)
                numbers.extend(part_rows)
                names.extend(part_names)
    return _finish(np, table, parts, numbers, names, problems, rejected, notes, errors)


def _finish(
    np: Any,
    table: Table,
    parts: dict[str, list[Any]],
    numbers: list[int],
    names: list[str],
    problems: list[Problem],
    rejected: list[int],
    notes: Sequence[str],
    errors: Errors,
) -> ColumnTable:
    if errors == "raise" and problems:
        raise TableError(problems)
    # one column at a time, its blocks let go as it is joined: the peak is the table and a column
    columns = {name: np.concatenate(parts.pop(name)) for name in list(parts)}
    if not numbers:
        columns = {"as_of": np.array([], dtype=object), "region": np.array([], dtype=object)}
    return ColumnTable(
        table.source,
        columns,
        np.array(numbers, dtype=np.int64),
        tuple(names),
        tuple(problems),
        tuple(sorted(set(rejected))),
        tuple(notes),
    )


class _Block:
    """The column reader of one table: what each column holds and the cells it has read."""

    def __init__(
        self,
        table: Table,
        s: CriteriaSet,
        cols: Columns,
        as_of: dt.date | None,
        region: Region | None,
        period: CriteriaSet | None,
    ) -> None:
        self.table = table
        keys = s.value_keys()
        groups = tuple(z.group for z in s.zones if z.group is not None)
        kinds = s.fact_kinds()
        used = [*cols.commune.values(), *cols.indicators, *cols.declarations, *cols.facts]
        self.width = max(used, default=-1) + 1
        self.commune = dict(cols.commune)
        # (output column, cell index, reader of a cell not read before, the array's type:
        # float for numbers, NaN no value; bool for yes/no, object when one has no value)
        self.columns: list[tuple[str, int, Callable[[object], object], type]] = []
        for i, key in cols.indicators.items():
            ind = keys[key]
            numeric = ind.kind in (Kind.AT_LEAST, Kind.AT_MOST, Kind.NONE_ALLOWED)
            scale = s.scales.get(ind.scale or "")
            reader = ticked if i in cols.checklist else _valued(value_parser(ind, scale), numeric)
            kind = float if numeric else bool if ind.kind is Kind.ACHIEVED else object
            self.columns.append((key, i, reader, kind))
        for i, number in cols.declarations.items():
            reader = ticked if i in cols.checklist else _valued(parse_yes_no, False)
            self.columns.append((f"criterion {number}", i, reader, bool))
        for i, fact in cols.facts.items():
            reader = _valued(functools.partial(fact_cell, kind=kinds[fact]), False)
            self.columns.append((fact, i, reader, object))
        for flag in COMMUNE_FLAGS:
            if flag in self.commune:
                self.columns.append((flag, self.commune[flag], _valued(parse_yes_no, False), bool))
        if "commune_group" in self.commune:
            self.columns.append(
                (
                    "commune_group",
                    self.commune["commune_group"],
                    _texted(lambda text: group_number(text, groups)),
                    object,
                )
            )
        self.region_reader = _texted(Region.lookup, region)
        self.date_reader = _dated(as_of, period)
        self.memos: dict[int, dict[object, object]] = {}

    def read(
        self,
        np: Any,
        chunk: list[tuple[int, tuple[object, ...]]],
        read_row: Callable[[int, tuple[object, ...]], object],
        seen: dict[tuple[object, ...], int],
    ) -> tuple[dict[str, Any], list[int], list[str]] | None:
        """The kept rows of a block as columns, their row numbers and names; every other row
        read by ``read_row`` (which reports its problems)."""
        table, width = self.table, self.width
        rows: list[int] = []
        cells_of: list[tuple[object, ...]] = []
        for number, cells in chunk:
            first = cells[0] if cells else None
            # a row whose first cell holds text is not blank: the usual case, at once
            if not (first.__class__ is str and first.strip()) and all(map(is_blank, cells)):
                continue
            rows.append(number)
            if len(cells) != width:
                cells = (cells + (None,) * width)[:width]
            cells_of.append(cells)
        m = len(rows)
        if not m or not width:
            for number, cells in zip(rows, cells_of, strict=True):
                read_row(number, cells)
            return None
        raw = list(zip(*cells_of, strict=True))
        if table.unreadable:
            bad = [any(isinstance(c, Unreadable) for c in cells) for cells in cells_of]
        else:
            bad = [False] * m
        out: dict[str, Any] = {}
        for name, i, reader, kind in self.columns:
            values = self._column(raw[i], i, reader, bad, _NAN if kind is float else None)
            if kind is bool and None in values:
                kind = object  # yes, no, and no value
            out[name] = np.array(values, dtype=kind)
        field = self.commune
        names = _texts(raw[field["name"]]) if "name" in field else [None] * m
        regions = (
            self._column(raw[field["region"]], -1, self.region_reader, bad, None)
            if "region" in field
            else [self.region_reader(None)] * m
        )
        days = (
            self._column(raw[field["as_of"]], -2, self.date_reader, bad, None)
            if "as_of" in field
            else [self.date_reader(None)] * m
        )
        out["region"] = np.array(regions, dtype=object)
        out["as_of"] = np.array(days, dtype=object)
        texts: dict[str, list[str | None]] = {
            part: _texts(raw[field[part]]) if part in field else [None] * m
            for part in ("code", "district")
        }
        whole = not any(bad) and None not in names and None not in days
        identities = [
            (*identity, day)
            for identity, day in zip(
                identities_of(
                    [n or "" for n in names],
                    texts["code"],
                    texts["district"],
                ),
                days,
                strict=True,
            )
        ]
        if whole and len(set(identities)) == m and seen.keys().isdisjoint(identities):
            # every row good and no commune twice: the usual block, at once
            seen.update(zip(identities, rows, strict=True))
            keep = [True] * m
        else:
            keep = [False] * m
            for j in range(m):
                if bad[j] or names[j] is None or days[j] is None or identities[j] in seen:
                    # a row with a problem (or a duplicate) is read by the row reader, which
                    # says what is wrong as read_assessments does
                    self._again(read_row, rows[j], cells_of[j])
                    continue
                seen[identities[j]] = rows[j]
                keep[j] = True
        where = np.flatnonzero(np.array(keep, dtype=bool))
        if not len(where):
            return None
        return (
            {name: values[where] for name, values in out.items()},
            [rows[j] for j in where],
            [names[j] for j in where],
        )

    def _column(
        self,
        cells: Sequence[object],
        i: int,
        reader: Callable[[object], object],
        bad: list[bool],
        blank: object,
    ) -> list[object]:
        """A column's values, each distinct cell read once; a cell that cannot be read marks
        its row bad (and stands as ``blank``, no value)."""
        memo = self.memos.setdefault(i, {})
        if self.table.texts:
            unpack: Callable[[Any], object] = _same
        else:
            # True == 1 == 1.0 as keys: a workbook's cells are told apart by their type too
            cells = list(zip(map(type, cells), cells, strict=True))
            unpack = operator.itemgetter(1)
        try:
            return list(map(memo.__getitem__, cells))  # every cell read before: the usual case
        except KeyError:
            pass
        except TypeError:  # an unhashable cell: each read by itself
            return [self._one(reader, unpack(c), j, bad, blank) for j, c in enumerate(cells)]
        new = set(cells).difference(memo)
        if len(memo) + len(new) > 4096:  # a column of distinct numbers: bounded memory
            memo.clear()
            new = set(cells)
        failed = set()
        for cell in new:
            try:
                memo[cell] = reader(unpack(cell))
            except (CellError, NotFoundError):
                failed.add(cell)
        values = list(map(memo.get, cells, itertools.repeat(blank)))
        if failed:
            for j, cell in enumerate(cells):
                if cell in failed:
                    bad[j] = True
        return values

    @staticmethod
    def _one(
        reader: Callable[[object], object], raw: object, j: int, bad: list[bool], blank: object
    ) -> object:
        try:
            return reader(raw)
        except (CellError, NotFoundError):
            bad[j] = True
            return blank

    @staticmethod
    def _again(
        read_row: Callable[[int, tuple[object, ...]], object], row: int, cells: tuple[object, ...]
    ) -> None:
        if read_row(row, cells) is not None:  # pragma: no cover - the readers' one contract
            raise RuntimeError(
                f"row {row}: the column reader found a problem the row reader does not; "
                "please report this with the file"
            )


_NAN = float("nan")


def _texts(cells: Sequence[object]) -> list[str | None]:
    """:func:`cell_text` of a column; text cells without a leading apostrophe at once."""
    try:
        stripped = list(map(str.strip, cells))  # type: ignore[arg-type]
    except TypeError:  # a cell that is not text (a number, None)
        return list(map(cell_text, cells))
    if any(t.startswith("'") for t in stripped):
        return list(map(cell_text, cells))
    return [t or None for t in stripped]


def _valued(parse: Callable[[object], object], numeric: bool) -> Callable[[object], object]:
    """A cell reader: no value for a blank cell (NaN in a numeric column), else ``parse``."""
    blank: object = _NAN if numeric else None

    def read(raw: object) -> object:
        if is_blank(raw):
            return blank
        value = parse(raw)
        return float(value) if numeric else value  # type: ignore[arg-type]

    return read


def _texted(parse: Callable[[str], object], blank: object = None) -> Callable[[object], object]:
    """A reader of a text field (a region, a group): ``blank`` when the cell is blank."""

    def read(raw: object) -> object:
        text = cell_text(raw)
        return blank if text is None else parse(text)

    return read


def _dated(as_of: dt.date | None, period: CriteriaSet | None) -> Callable[[object], object]:
    """A reader of the date column: a date in the period, or a problem (None: no date)."""

    def read(raw: object) -> object:
        day = as_of if is_blank(raw) else cell_date(raw)
        if day is not None and period is not None and not period.in_force_on(day):
            raise CellError(f"dated {day}, outside the period of {period.id}")
        return day

    return read


__all__ = ["BLOCK", "ColumnTable", "read_columns"]
