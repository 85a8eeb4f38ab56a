"""``read_assessments``: any supported file, or a DataFrame, into assessments; and
``stream_assessments``, the same a row at a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from pathlib import Path
from typing import Any, Literal, overload

from ntm_criteria.data import load_criteria_set
from ntm_criteria.errors import DataFileError
from ntm_criteria.io.assessments import read_assessment_file
from ntm_criteria.io.rows import RowStream
from ntm_criteria.io.spreadsheets import (
    TEXT_TABLES,
    WORKBOOKS,
    stream_spreadsheet,
)
from ntm_criteria.io.tables import Errors, Layout, ReadReport
from ntm_criteria.model.commune import Assessment
from ntm_criteria.model.criteria import CriteriaSet
from ntm_criteria.model.regions import Region


@overload
def read_assessments(
    source: str | Path | Any,
    criteria_set: CriteriaSet | str | None = None,
    *,
    errors: Literal["raise"] = "raise",
    sheet: str | None = None,
    layout: Layout | None = None,
    as_of: dt.date | None = None,
    region: Region | str | None = None,
    allow_out_of_period: bool = False,
    header_row: int | None = None,
    ignore_columns: Collection[str] = (),
) -> list[Assessment]: ...
@overload
def read_assessments(
    source: str | Path | Any,
    criteria_set: CriteriaSet | str | None = None,
    *,
    errors: Literal["collect"],
    sheet: str | None = None,
    layout: Layout | None = None,
    as_of: dt.date | None = None,
    region: Region | str | None = None,
    allow_out_of_period: bool = False,
    header_row: int | None = None,
    ignore_columns: Collection[str] = (),
) -> ReadReport: ...
def read_assessments(
    source: str | Path | Any,
    criteria_set: CriteriaSet | str | None = None,
    *,
    errors: Errors = "raise",
    sheet: str | None = None,
    layout: Layout | None = None,
    as_of: dt.date | None = None,
    region: Region | str | None = None,
    allow_out_of_period: bool = False,
    header_row: int | None = None,
    ignore_columns: Collection[str] = (),
) -> list[Assessment] | ReadReport:
    """Read assessments from a TOML, JSON, CSV or XLSX file, or a pandas DataFrame.

    Args:
        source: a path or a DataFrame.
        criteria_set: the set (or its id) whose indicators a table's columns name (CSV, XLSX
            and DataFrames read values by their indicator's kind). Without it, each row of a
            table is read under the packaged commune set in force on the row's date.
        errors: ``"raise"``: one exception listing every problem; ``"collect"``: a
            :class:`ReadReport` with the good assessments and every rejected row.
        sheet, layout, as_of, region: for tables; see
            :func:`~ntm_criteria.io.spreadsheets.stream_spreadsheet`.
        allow_out_of_period: for a table read under a named set, keep the rows dated outside
            its period (a retrospective study); by default every such row is a problem.
        header_row, ignore_columns: for tables; the same.

    Raises:
        DataFileError: the file cannot be read at all (missing, empty, binary, wrong format).
        TableError: in strict mode, every bad cell of a table with its sheet, row and column.
    """
    suffix = Path(source).suffix.lower() if isinstance(source, str | Path) else ""
    if isinstance(source, str | Path) and suffix not in (
        ".toml",
        ".json",
        *TEXT_TABLES,
        *WORKBOOKS,
    ):
        raise DataFileError(
            str(source), [f"unknown file type {suffix!r}; expected .toml, .json, .csv or .xlsx"]
        )
    if suffix in (".toml", ".json"):
        result: list[Assessment] | ReadReport = read_assessment_file(source, errors)
        return result
    return stream_assessments(
        source,
        criteria_set,
        sheet=sheet,
        layout=layout,
        as_of=as_of,
        region=region,
        allow_out_of_period=allow_out_of_period,
        header_row=header_row,
        ignore_columns=ignore_columns,
    ).collect(errors)


def stream_assessments(
    source: str | Path | Any,
    criteria_set: CriteriaSet | str | None = None,
    *,
    sheet: str | None = None,
    layout: Layout | None = None,
    as_of: dt.date | None = None,
    region: Region | str | None = None,
    allow_out_of_period: bool = False,
    header_row: int | None = None,
    ignore_columns: Collection[str] = (),
) -> RowStream:
    """:func:`read_assessments` a row at a time, for files too large to hold in memory.

    The stream gives the good assessments as the rows are read (a CSV file is read from disk
    as it is iterated); once it is exhausted, its ``problems``, ``rejected_rows`` and
    ``notes`` are complete, and ``stream.finish(kept, "raise")`` raises the
    :class:`~ntm_criteria.errors.TableError` that :func:`read_assessments` would.

    >>> from pathlib import Path
    >>> stream = stream_assessments(Path("examples/dinh-hoa-2019.toml"))
    >>> [a.commune.name for a in stream], stream.problems
    (['Phú Đình', 'Sơn Phú', 'Trung Lương'], [])
    """
    suffix = Path(source).suffix.lower() if isinstance(source, str | Path) else ""
    if suffix in (".toml", ".json"):
        report = read_assessments(source, errors="collect")
        return RowStream(
            iter(report.assessments),
            list(report.problems),
            list(report.rejected_rows),
            list(report.notes),
        )
    if isinstance(source, str | Path) and suffix not in (*TEXT_TABLES, *WORKBOOKS):
        read_assessments(source)  # the unknown file type, said as read_assessments says it
    if isinstance(criteria_set, str):
        criteria_set = load_criteria_set(criteria_set)
    return stream_spreadsheet(
        source,
        criteria_set,
        sheet=sheet,
        layout=layout,
        as_of=as_of,
        region=region,
        allow_out_of_period=allow_out_of_period,
        header_row=header_row,
        ignore_columns=ignore_columns,
    )
