"""Which column of a table holds what, and which row is the header.

Headers are compared folded (no diacritics, case or punctuation; a trailing "(%)" or unit in
parentheses is dropped). Commune columns, row-number columns, the long layout and the facts the
sets read are named in one table kept as data, ``ntm_criteria/data/words/columns.toml``, in Vietnamese
and English. Indicator columns are named by the set: an id ("15.1"), a Vietnamese or English
name, or both ("15.1. Tỷ lệ người dân tham gia bảo hiểm y tế (%)"). Declared criteria go in
columns such as "Tiêu chí 9", "TC 9" or "Tiêu chí 11 - Hộ nghèo"
(:meth:`~ntm_criteria.CriteriaSet.criterion`).

Sheets as offices make them: title and banner rows above the header are skipped (the header
is the first row with a commune-name column and at least one indicator or criterion column);
row-number columns (STT, TT, ...) and any column the caller names are left unread and said so
in the report's notes; a column that repeats another, or a compound indicator given as one
column, is a problem that says so.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from collections.abc import Collection, Iterable, Iterator, Sequence
from importlib import resources

from attrs import evolve, frozen

from ntm_criteria._text import fold, nearest
from ntm_criteria.errors import NotFoundError
from ntm_criteria.io.tables import Layout, Problem, Table
from ntm_criteria.io.values import is_blank
from ntm_criteria.model.criteria import CriteriaSet
from ntm_criteria.model.indicators import Kind

_PAREN = re.compile(r"\s*\([^)]*\)\s*$")
_LEADING_ID = re.compile(r"^(\d+(?:\.\d+)*(?:\.[a-z])?)[.\s)]")
_SERIES = re.compile(r"^(.+?)\s+(\d{4})$")
#: "Tiêu chí 9", "TC 9", "TC09", "tiêu chí số 9", "Tiêu chí 11 - Hộ nghèo", "criterion 9".
CRITERION_HEADER = re.compile(r"^(?:tieu chi|tc|criterion)[\s.]*(?:so[\s.]*)?(\d+)\b(.*)$")
#: A header that declares a checklist: "Tiêu chí 9 (x)", "Đạt chuẩn (✓)", "(đánh dấu x)".
CHECKLIST = re.compile(r"\((?:đánh dấu\s*)?[x✓√✔](?:\s*=\s*[^)]*)?\)\s*$", re.IGNORECASE)
#: The marks of a ticked checklist cell.
CHECK_MARKS = frozenset({"x", "✓", "√", "✔"})
#: Rows searched for the header below titles and banners.
HEADER_SEARCH = 30


def clean_header(header: object) -> str:
    """A header as the readers compare it: folded, without a trailing parenthesis."""
    return fold(_PAREN.sub("", str(header)))


def _aliases() -> tuple[
    dict[str, tuple[str, ...]],
    dict[str, tuple[str, ...]],
    dict[str, tuple[str, ...]],
    frozenset[str],
]:
    text = resources.files("ntm_criteria.data").joinpath("words", "columns.toml").read_text("utf-8")
    data = tomllib.loads(text)

    def folded(table: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
        return {k: tuple(dict.fromkeys(clean_header(n) for n in (k, *v))) for k, v in table.items()}

    ignored = frozenset(clean_header(n) for n in data["ignored"])
    return folded(data["commune"]), folded(data["long"]), folded(data["facts"]), ignored


#: Folded header names of the commune columns, the long layout's columns and the facts.
COMMUNE_COLUMNS, LONG_COLUMNS, FACT_COLUMNS, IGNORED_COLUMNS = _aliases()


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


def _compound(s: CriteriaSet) -> dict[str, tuple[str, ...]]:
    """Folded id and names of each compound indicator -> the ids of its parts."""
    out: dict[str, tuple[str, ...]] = {}
    for _, ind in s.indicators():
        if ind.kind is Kind.ALL_OF:
            parts = tuple(f"{p.id} ({p.name_vi})" for p in ind.parts)
            for name in (ind.id, ind.name_vi, ind.name_en):
                out[fold(name)] = parts
    return out


def _find(key: str, aliases: dict[str, tuple[str, ...]]) -> str | None:
    for field, names in aliases.items():
        if key in names:
            return field
    return None


def indicator_key(header: str, names: dict[str, str]) -> str | None:
    """The value key a header names, or None."""
    key = clean_header(header)
    if key in names:
        return names[key]
    raw = str(header).strip()
    if raw in names.values():
        return raw
    match = _LEADING_ID.match(raw + " ")
    if match and match.group(1) in names.values():
        return match.group(1)
    # the first words of one indicator's name ("Tỷ lệ hộ nghèo đa chiều" for "... giai đoạn
    # 2016-2020"), when no other indicator's name starts with them
    if " " in key:
        starts = {v for n, v in names.items() if n.startswith(key + " ")}
        if len(starts) == 1:
            return starts.pop()
    return None


def criterion_header(header: str, s: CriteriaSet) -> int | None:
    """The criterion a declaration column names ("Tiêu chí 9", "TC 11 - Hộ nghèo"), or None.

    Raises:
        NotFoundError: the header is a criterion column, but names no criterion of ``s`` (or a
            number and a name that disagree).
    """
    if not CRITERION_HEADER.match(clean_header(header)):
        return None
    return s.criterion(_PAREN.sub("", str(header))).id  # "Tiêu chí 9 (x)" is criterion 9


@frozen
class Columns:
    commune: dict[str, int]
    indicators: dict[int, str]
    declarations: dict[int, int]
    facts: dict[int, str]
    long: dict[str, int]
    series: dict[int, tuple[str, int]]
    #: checklist columns (the header says "(x)" or "(✓)"): a mark is yes, an empty cell no
    checklist: frozenset[int] = frozenset()


def classify(
    table: Table,
    s: CriteriaSet,
    facts: Iterable[str],
    layout: Layout | None,
    ignore: Collection[str] = (),
) -> tuple[Columns, list[Problem], Layout, list[str], bool]:
    """Place every column of ``table``: what it holds, or a problem saying why it cannot be.

    Returns:
        The columns, the problems, the layout, the notes (columns left unread), and whether
        the table cannot be read at all (no commune name column, or a long table without its
        indicator and value columns).
    """
    names = indicator_headers(s)
    compound = _compound(s)
    fact_names = {fold(f): f for f in facts}
    for fact in list(fact_names.values()):
        for alias in FACT_COLUMNS.get(fact, ()):
            fact_names.setdefault(alias, fact)
    skip = {clean_header(h) for h in ignore}
    commune: dict[str, int] = {}
    indicators: dict[int, str] = {}
    declarations: dict[int, int] = {}
    fact_cols: dict[int, str] = {}
    long_cols: dict[str, int] = {}
    series_cols: dict[int, tuple[str, int]] = {}
    quantities = {i.growth_of for _, i in s.indicators() if i.growth_of}
    problems: list[Problem] = []
    notes: list[str] = []
    first_of: dict[tuple[str, object], int] = {}
    row = table.header_row

    def problem(i: int, message: str) -> None:
        header = table.header[i]
        problems.append(Problem(table.source, row, str(header), header, message, table.sheet))

    def repeated(i: int, what: tuple[str, object], label: str) -> bool:
        if what in first_of:
            j = first_of[what]
            problem(
                i,
                f"this column repeats column {j + 1} {table.header[j]!r}: both hold {label}; "
                "remove one of them (or --ignore-column it)",
            )
            return True
        first_of[what] = i
        return False

    for i, header in enumerate(table.header):
        key = clean_header(header)
        if not key:
            if any(not is_blank(cells[i]) for _, cells in table.rows if i < len(cells)):
                problems.append(
                    Problem(
                        table.source,
                        row,
                        f"#{i + 1}",
                        None,
                        "a column with data has no header",
                        table.sheet,
                    )
                )
            continue
        if key in skip or key in IGNORED_COLUMNS:
            why = "ignored as asked" if key in skip else "a row-number column"
            notes.append(f"column {i + 1} {str(header)!r} not read: {why}")
            continue
        field = _find(key, COMMUNE_COLUMNS)
        long_field = _find(key, LONG_COLUMNS)
        indicator = indicator_key(header, names)
        try:
            criterion = criterion_header(str(header), s)
        except NotFoundError as exc:
            problem(i, f"a criterion column, but {exc}")
            continue
        if field is not None:
            if not repeated(i, ("commune", field), f"the commune's {field}"):
                commune[field] = i
        elif long_field is not None:
            if not repeated(i, ("long", long_field), f"the long table's {long_field}"):
                long_cols[long_field] = i
        elif criterion is not None:
            if not repeated(i, ("criterion", criterion), f"criterion {criterion}"):
                declarations[i] = criterion
        elif indicator is not None:
            if not repeated(i, ("indicator", indicator), f"indicator {indicator}"):
                indicators[i] = indicator
        elif key in fact_names:
            fact = fact_names[key]
            if not repeated(i, ("fact", fact), f"the fact {fact}"):
                fact_cols[i] = fact
        elif (m := _SERIES.match(str(header).strip())) and m.group(1) in quantities:
            series_cols[i] = (m.group(1), int(m.group(2)))
        elif key in compound:
            problem(
                i,
                "a compound indicator is measured by its parts: give one column for each of "
                + " and ".join(compound[key]),
            )
        else:
            hint = nearest(str(header), [*s.value_keys(), *(n for n in names if " " in n)])
            suffix = f"; nearest: {', '.join(hint)}" if hint else ""
            problem(
                i,
                "column not recognised: not a commune field, indicator, criterion or fact of "
                f"{s.id}{suffix} (leave it out with --ignore-column / ignore_columns=)",
            )
    chosen: Layout = layout or ("long" if {"indicator", "value"} <= long_cols.keys() else "wide")
    fatal = "name" not in commune
    if chosen == "long" and not {"indicator", "value"} <= long_cols.keys():
        fatal = True
        problems.append(
            Problem(
                table.source,
                row,
                None,
                None,
                "a long table needs the columns 'indicator' (chỉ tiêu) and 'value' (giá trị)",
                table.sheet,
            )
        )
    if "name" not in commune:
        problems.append(
            Problem(
                table.source, row, None, None, "no commune name column (Xã / commune)", table.sheet
            )
        )
    marked = [i for i, h in enumerate(table.header) if CHECKLIST.search(str(h))]
    checklist = frozenset(
        i
        for i in marked
        if i in declarations
        or (i in indicators and s.value_keys()[indicators[i]].kind is Kind.ACHIEVED)
    )
    for i in marked:
        if i not in checklist:
            problem(i, "a checklist column (x / ✓) must be a criterion or a yes/no indicator")
    columns = Columns(
        commune, indicators, declarations, fact_cols, long_cols, series_cols, checklist
    )
    return columns, problems, chosen, notes, fatal


def _is_header(cells: Sequence[object], sets: Sequence[CriteriaSet]) -> bool:
    keys = [clean_header(c) for c in cells if not is_blank(c)]
    if not any(k in COMMUNE_COLUMNS["name"] for k in keys):
        return False
    if any(CRITERION_HEADER.match(k) or k in LONG_COLUMNS["indicator"] for k in keys):
        return True
    for s in sets:
        names = indicator_headers(s)
        if any(indicator_key(str(c), names) for c in cells if not is_blank(c)):
            return True
    return False


def locate_header(
    table: Table, sets: Sequence[CriteriaSet], header_row: int | None = None
) -> Table:
    """``table`` with its header on the right row.

    Args:
        table: as read, with the file's first row as its header.
        sets: the sets whose indicator columns may appear (to recognise the header row).
        header_row: the header's row number as the sheet shows it, to say it outright.

    Returns:
        The table with the header found (titles and banners above it dropped, said in its
        notes); the table unchanged when its first row is the header or no row is.
    """
    first = [(table.header_row, table.header), *itertools.islice(table.rows, HEADER_SEARCH)]
    if header_row is None:
        found = next((n for n, cells in first if _is_header(cells, sets)), table.header_row)
    else:
        found = header_row
    if found == table.header_row:
        return table
    skipped: list[int] = []
    header = None
    for n, cells in itertools.chain(first, itertools.islice(table.rows, HEADER_SEARCH, None)):
        if n == found:
            header = cells
            break
        skipped.append(n)
    if header is None:
        raise NotFoundError(f"no row {found} to read the header from (--header-row)")
    note = f"the header is row {found}" + (
        f"; rows {skipped[0]}-{skipped[-1]} above it (titles) not read" if skipped else ""
    )
    return evolve(
        table,
        header=tuple("" if is_blank(h) else str(h) for h in header),
        rows=RowsAfter(table.rows, found),
        header_row=found,
        notes=(*table.notes, note),
    )


@frozen
class RowsAfter:
    """The rows of a table below its header row, on each pass over them."""

    rows: Iterable[tuple[int, tuple[object, ...]]]
    header_row: int

    def __iter__(self) -> Iterator[tuple[int, tuple[object, ...]]]:
        return ((n, cells) for n, cells in self.rows if n > self.header_row)


__all__ = [
    "CHECKLIST",
    "CHECK_MARKS",
    "COMMUNE_COLUMNS",
    "CRITERION_HEADER",
    "FACT_COLUMNS",
    "IGNORED_COLUMNS",
    "LONG_COLUMNS",
    "Columns",
    "classify",
    "clean_header",
    "criterion_header",
    "indicator_headers",
    "indicator_key",
    "locate_header",
]
