"""Tables of commune data (CSV, XLSX, DataFrame): their layouts, headers and problems.

Two layouts are read:

- **wide**: one row per commune and date, one column per indicator (and optionally per
  criterion, for declared statuses, and per fact);
- **long**: one row per commune, date and indicator, with ``indicator`` and ``value`` columns.

Headers may be indicator ids ("15.1"), or the indicator's Vietnamese or English name with or
without diacritics (a trailing "(%)" and a leading id are allowed: "15.1. Tỷ lệ người dân tham
gia bảo hiểm y tế (%)"). Commune columns have Vietnamese and English names: Xã / commune,
Mã xã / code, Huyện / district, Tỉnh / province, Vùng / region, Nhóm xã / commune group,
Ngày đánh giá / date, Ghi chú / note. Declared criterion statuses go in columns named
"Tiêu chí 9", "TC 9" or "criterion 9".

In strict mode (``errors="raise"``) one :class:`TableError` lists every problem; in collect mode
(``errors="collect"``) the good assessments come back with a report of every rejected row.
A column the reader cannot place is reported, never silently ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from attrs import frozen

from ntm_criteria._text import fold, nearest
from ntm_criteria.io.values import (
    is_blank,
)
from ntm_criteria.model.commune import Assessment
from ntm_criteria.model.criteria import CriteriaSet

Errors = Literal["raise", "collect"]
Layout = Literal["wide", "long"]

#: Header aliases of the commune columns (folded: no diacritics, lower case).
COMMUNE_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("xa", "ten xa", "commune", "commune name", "name", "ten"),
    "code": ("ma xa", "ma", "code", "commune code"),
    "district": ("huyen", "district"),
    "province": ("tinh", "province"),
    "region": ("vung", "region", "vung kinh te xa hoi"),
    "commune_group": ("nhom xa", "nhom", "commune group", "group"),
    "as_of": ("ngay danh gia", "ngay", "thoi diem", "date", "as of", "as_of"),
    "note": ("ghi chu", "note"),
    "especially_difficult": (
        "xa dac biet kho khan",
        "especially difficult",
        "especially_difficult",
    ),
    "safe_zone": ("xa an toan khu", "xa atk", "safe zone", "safe_zone"),
    "applies_tdmnpb_level": (
        "ap dung muc tdmnpb",
        "ap dung muc vung trung du mien nui phia bac",
        "applies tdmnpb level",
        "applies_tdmnpb_level",
    ),
}
FLAG_COLUMNS = ("especially_difficult", "safe_zone", "applies_tdmnpb_level")
_SERIES = re.compile(r"^(.+?)\s+(\d{4})$")
LONG_COLUMNS: dict[str, tuple[str, ...]] = {
    "indicator": ("chi tieu", "ma chi tieu", "indicator", "indicator id"),
    "value": ("gia tri", "value", "ket qua"),
}
CRITERION_HEADER = re.compile(r"^(?:tieu chi|tc|criterion)\s*(?:so\s*)?(\d+)$")
_PAREN = re.compile(r"\s*\([^)]*\)\s*$")
_LEADING_ID = re.compile(r"^(\d+(?:\.\d+)*(?:\.[a-z])?)[.\s)]")


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
    """

    assessments: tuple[Assessment, ...]
    problems: tuple[Problem, ...]
    rejected_rows: tuple[int, ...]

    @property
    def ok(self) -> bool:
        """True when nothing was rejected."""
        return not self.problems


@frozen
class Table:
    """A table as the readers see it: a header and numbered rows of raw cells.

    ``rows`` holds (row number as the user sees it, cells). Row numbers count the header as
    row 1 in files, so "row 7" is the seventh line of the sheet.
    """

    source: str
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[object, ...]], ...]
    sheet: str | None = None


def clean_header(header: str) -> str:
    """A header as the readers compare it: folded, without a trailing parenthesis."""
    return fold(_PAREN.sub("", str(header)))


def indicator_headers(s: CriteriaSet) -> dict[str, str]:
    """Folded header text -> value key, for every way a column may name an indicator."""
    out: dict[str, str] = {}
    for key, ind in s.value_keys().items():
        suffix = key[len(ind.id) :]  # "" or "/male", "/female"
        out[fold(key)] = key
        if not suffix:
            out[fold(ind.name_vi)] = key
            out[fold(ind.name_en)] = key
    return out


def _find(key: str, aliases: dict[str, tuple[str, ...]]) -> str | None:
    for field, names in aliases.items():
        if key in names:
            return field
    return None


def indicator_key(header: str, names: dict[str, str]) -> str | None:
    key = clean_header(header)
    if key in names:
        return names[key]
    raw = str(header).strip()
    if raw in names.values():
        return raw
    match = _LEADING_ID.match(raw + " ")
    if match and match.group(1) in names.values():
        return match.group(1)
    return None


@frozen
class Columns:
    commune: dict[str, int]
    indicators: dict[int, str]
    declarations: dict[int, int]
    facts: dict[int, str]
    long: dict[str, int]
    series: dict[int, tuple[str, int]]


def classify(
    table: Table, s: CriteriaSet, facts: Iterable[str], layout: Layout | None
) -> tuple[Columns, list[Problem], Layout]:
    names = indicator_headers(s)
    fact_names = {fold(f): f for f in facts}
    commune: dict[str, int] = {}
    indicators: dict[int, str] = {}
    declarations: dict[int, int] = {}
    fact_cols: dict[int, str] = {}
    long_cols: dict[str, int] = {}
    series_cols: dict[int, tuple[str, int]] = {}
    quantities = {i.growth_of for _, i in s.indicators() if i.growth_of}
    problems: list[Problem] = []
    criteria = {c.id for c in s.criteria}
    for i, header in enumerate(table.header):
        key = clean_header(header)
        if not key:
            if any(not is_blank(cells[i]) for _, cells in table.rows if i < len(cells)):
                problems.append(
                    Problem(
                        table.source,
                        1,
                        f"#{i + 1}",
                        None,
                        "a column with data has no header",
                        table.sheet,
                    )
                )
            continue
        field = _find(key, COMMUNE_COLUMNS)
        long_field = _find(key, LONG_COLUMNS)
        criterion = CRITERION_HEADER.match(key)
        indicator = indicator_key(header, names)
        if field is not None and field not in commune:
            commune[field] = i
        elif long_field is not None and long_field not in long_cols:
            long_cols[long_field] = i
        elif criterion and int(criterion.group(1)) in criteria:
            declarations[i] = int(criterion.group(1))
        elif indicator is not None and indicator not in indicators.values():
            indicators[i] = indicator
        elif key in fact_names:
            fact_cols[i] = fact_names[key]
        elif (m := _SERIES.match(str(header).strip())) and m.group(1) in quantities:
            series_cols[i] = (m.group(1), int(m.group(2)))
        else:
            hint = nearest(str(header), [*s.value_keys(), *(n for n in names if " " in n)])
            suffix = f"; nearest: {', '.join(hint)}" if hint else ""
            problems.append(
                Problem(
                    table.source,
                    1,
                    str(header),
                    header,
                    f"column not recognised: not a commune field, indicator, criterion or fact of {s.id}{suffix}",
                    table.sheet,
                )
            )
    chosen: Layout = layout or ("long" if {"indicator", "value"} <= long_cols.keys() else "wide")
    if chosen == "long" and not {"indicator", "value"} <= long_cols.keys():
        problems.append(
            Problem(
                table.source,
                1,
                None,
                None,
                "a long table needs the columns 'indicator' (chỉ tiêu) and 'value' (giá trị)",
                table.sheet,
            )
        )
    if "name" not in commune:
        problems.append(
            Problem(
                table.source, 1, None, None, "no commune name column (Xã / commune)", table.sheet
            )
        )
    columns = Columns(commune, indicators, declarations, fact_cols, long_cols, series_cols)
    return columns, problems, chosen
