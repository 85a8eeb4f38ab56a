"""The fields of one table row: the commune, the date, a value, a fact, each problem located.

Shared by the wide and the long layouts (:mod:`ntm_criteria.io.rows`,
:mod:`ntm_criteria.io.long_rows`).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from ntm_criteria.errors import CellError, NotFoundError
from ntm_criteria.io.headers import (
    CHECK_MARKS,
    Columns,
)
from ntm_criteria.io.tables import Problem, Table, Unreadable
from ntm_criteria.io.values import (
    ColumnParser,
    column_parser,
    is_blank,
    parse_date,
    parse_number,
    parse_yes_no,
    unescape_formula,
)
from ntm_criteria.model.commune import COMMUNE_FLAGS, Commune, MeasuredValue
from ntm_criteria.model.criteria import CriteriaSet
from ntm_criteria.model.indicators import Indicator
from ntm_criteria.model.regions import Region


def cell_at(cells: tuple[object, ...], i: int) -> object:
    return cells[i] if i < len(cells) else None


def readable_cells(
    table: Table, row: int, cells: tuple[object, ...], problems: list[Problem]
) -> tuple[object, ...]:
    """A problem for each cell of the row whose value the file does not hold; the row with
    those cells blank (each is reported once, here)."""
    if not table.unreadable or not any(isinstance(raw, Unreadable) for raw in cells):
        return cells
    for i, raw in enumerate(cells):
        if isinstance(raw, Unreadable):
            column = table.header[i] if i < len(table.header) else f"#{i + 1}"
            problems.append(Problem(table.source, row, column, None, raw.message, table.sheet))
    return tuple(None if isinstance(raw, Unreadable) else raw for raw in cells)


def cell_text(raw: object) -> str | None:
    """A text field's cell (a name, a code, a region) as text, or None when blank."""
    if raw.__class__ is str:  # the usual case, at once
        stripped = raw.strip()
        return unescape_formula(stripped) if stripped else None
    if is_blank(raw):
        return None
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return unescape_formula(str(raw).strip())


def row_commune(
    table: Table,
    row: int,
    cells: tuple[object, ...],
    cols: Columns,
    problems: list[Problem],
    region: Region | None,
    groups: tuple[int, ...] = (),
) -> Commune | None:
    """The commune of a row; ``groups`` are the commune groups of the set (empty: any)."""

    def text(field: str) -> str | None:
        i = cols.commune.get(field)
        return cell_text(None if i is None else cell_at(cells, i))

    def bad(field: str, raw: object, message: str) -> None:
        i = cols.commune.get(field)
        column = table.header[i] if i is not None else None
        problems.append(Problem(table.source, row, column, raw, message, table.sheet))

    name = text("name")
    if name is None:
        bad("name", None, "the commune name is missing")
        return None
    kwargs: dict[str, Any] = {
        "name": name,
        "code": text("code"),
        "district": text("district"),
        "province": text("province"),
    }
    region_text = text("region")
    try:
        kwargs["region"] = Region.lookup(region_text) if region_text else region
    except NotFoundError as exc:
        bad("region", region_text, str(exc))
        return None
    for flag in COMMUNE_FLAGS:
        i = cols.commune.get(flag)
        raw = None if i is None else cell_at(cells, i)
        if is_blank(raw):
            continue
        try:
            kwargs[flag] = parse_yes_no(raw)
        except CellError as exc:
            bad(flag, raw, f"{flag}: {exc}")
            return None
    group = text("commune_group")
    if group is not None:
        try:
            kwargs["commune_group"] = group_number(group, groups)
        except CellError as exc:
            bad("commune_group", group, str(exc))
            return None
    return Commune(**kwargs)


def group_number(group: str, groups: tuple[int, ...]) -> int:
    """A commune-group cell's number; ``groups`` are the set's groups (empty: any).

    Raises:
        CellError: not a whole number of at least 1, or not one of ``groups``.
    """
    number = parse_number(group)
    whole = isinstance(number, int) or float(number).is_integer()
    if not whole or number < 1 or (groups and int(number) not in groups):
        expected = ", ".join(map(str, groups)) if groups else "a whole number of at least 1"
        raise CellError(f"expected commune group {expected}, got {group!r}")
    return int(number)


def row_date(
    table: Table,
    row: int,
    cells: tuple[object, ...],
    cols: Columns,
    problems: list[Problem],
    as_of: dt.date | None,
    period: CriteriaSet | None,
) -> dt.date | None:
    """The row's date; with ``period``, a date outside that set's period is a problem."""
    i = cols.commune.get("as_of")
    raw = None if i is None else cell_at(cells, i)
    column = table.header[i] if i is not None else None
    if is_blank(raw):
        if as_of is None:
            problems.append(
                Problem(
                    table.source,
                    row,
                    column,
                    None,
                    "the assessment date is missing (give a date column or as_of=)",
                    table.sheet,
                )
            )
            return None
        day = as_of
    else:
        try:
            day = cell_date(raw)
        except CellError as exc:
            problems.append(Problem(table.source, row, column, raw, str(exc), table.sheet))
            return None
    if period is not None and not period.in_force_on(day):
        problems.append(
            Problem(
                table.source,
                row,
                column,
                raw if not is_blank(raw) else day,
                f"dated {day}, outside the period of {period.id} ({period.in_force_from} to "
                f"{period.in_force_until or 'now'}): read the table without a set to take each "
                "row's set from its date, or allow_out_of_period=True for a retrospective study",
                table.sheet,
            )
        )
        return None
    return day


def cell_date(raw: object) -> dt.date:
    """A date cell's date (a text cell as :func:`parse_date` reads it, once per text)."""
    return _text_date(raw) if isinstance(raw, str) else parse_date(raw)


@functools.lru_cache(maxsize=1024)
def _text_date(raw: str) -> dt.date:
    """:func:`parse_date` of a text cell; a column repeats its dates."""
    return parse_date(raw)


def row_value(
    table: Table,
    row: int,
    column: str,
    raw: object,
    ind: Indicator,
    parse: Callable[[object], MeasuredValue],
    problems: list[Problem],
) -> MeasuredValue | None:
    try:
        return parse(raw)
    except CellError as exc:
        problems.append(
            Problem(table.source, row, column, raw, f"indicator {ind.id}: {exc}", table.sheet)
        )
        return None


def parser_for(ind: Indicator, s: CriteriaSet) -> ColumnParser:
    return column_parser(ind, s.scales.get(ind.scale or ""))


def fact_cell(raw: object, kind: str) -> object:
    """A fact's cell as :func:`fact_value` reads it, a formula escape taken off its text."""
    return fact_value(unescape_formula(raw) if isinstance(raw, str) else raw, kind)


def fact_value(raw: object, kind: str) -> object:
    if kind == "yes/no":
        return parse_yes_no(raw)
    if kind == "number":
        return parse_number(raw, percent=True)
    if kind == "number or yes/no":
        try:
            return parse_number(raw, percent=True)
        except CellError:
            try:
                return parse_yes_no(raw)
            except CellError:
                raise CellError(
                    f"expected a number, or yes/no for the verdict, got {raw!r}"
                ) from None
    return str(raw).strip()


def ticked(raw: object) -> bool:
    """A checklist cell: a mark (x, ✓) is yes, an empty cell no, anything else a problem."""
    if is_blank(raw):
        return False
    if isinstance(raw, str) and raw.strip().lower() in CHECK_MARKS:
        return True
    raise CellError(f"a checklist cell holds a mark (x or ✓) or nothing, got {raw!r}")
