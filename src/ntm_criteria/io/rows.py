"""Rows of a table into assessments: the wide and long layouts, every problem located.

See :mod:`ntm_criteria.io.tables` for the layouts and the headers each recognises.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from typing import Any

from ntm_criteria._text import nearest
from ntm_criteria.errors import CellError, NotFoundError, TableError
from ntm_criteria.io.headers import (
    FLAG_COLUMNS,
    Columns,
    classify,
    criterion_header,
    indicator_headers,
    indicator_key,
)
from ntm_criteria.io.tables import Errors, Layout, Problem, ReadReport, Table, Unreadable
from ntm_criteria.io.values import (
    column_parser,
    is_blank,
    parse_date,
    parse_number,
    parse_yes_no,
    unescape_formula,
)
from ntm_criteria.model.commune import Assessment, Commune, MeasuredValue
from ntm_criteria.model.criteria import CriteriaSet
from ntm_criteria.model.indicators import Indicator
from ntm_criteria.model.regions import Region


def _cell(cells: tuple[object, ...], i: int) -> object:
    return cells[i] if i < len(cells) else None


def _unreadable(
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


def _commune(
    table: Table,
    row: int,
    cells: tuple[object, ...],
    cols: Columns,
    problems: list[Problem],
    region: Region | None,
) -> Commune | None:
    def text(field: str) -> str | None:
        i = cols.commune.get(field)
        raw = None if i is None else _cell(cells, i)
        if is_blank(raw):
            return None
        if isinstance(raw, float) and raw.is_integer():
            return str(int(raw))
        return unescape_formula(str(raw).strip())

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
    for flag in FLAG_COLUMNS:
        i = cols.commune.get(flag)
        raw = None if i is None else _cell(cells, i)
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
            number = parse_number(group)
            if number not in (1, 2, 3):
                raise CellError(f"expected commune group 1, 2 or 3, got {group!r}")
            kwargs["commune_group"] = int(number)
        except CellError as exc:
            bad("commune_group", group, str(exc))
            return None
    return Commune(**kwargs)


def _date(
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
    raw = None if i is None else _cell(cells, i)
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
            day = parse_date(raw)
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


def _value(
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


def _parser(ind: Indicator, s: CriteriaSet) -> Callable[[object], MeasuredValue]:
    return column_parser(ind, s.scales.get(ind.scale or ""))


def read_table(
    table: Table,
    criteria_set: CriteriaSet,
    *,
    layout: Layout | None = None,
    errors: Errors = "raise",
    as_of: dt.date | None = None,
    region: Region | str | None = None,
    allow_out_of_period: bool = False,
    ignore_columns: Collection[str] = (),
) -> list[Assessment] | ReadReport:
    """Turn a :class:`Table` into assessments for ``criteria_set``.

    Args:
        table: the header and rows.
        criteria_set: the set whose indicators the columns name (values are read by the kind
            of their indicator).
        layout: ``"wide"`` or ``"long"``; detected from the header when None.
        errors: ``"raise"`` (one :class:`TableError` with every problem) or ``"collect"``
            (a :class:`ReadReport`).
        as_of: the assessment date for rows without a date column or cell.
        region: the region for rows without a region column or cell.
        allow_out_of_period: keep rows dated outside the set's period (a retrospective
            study); by default each is a problem of its row.
        ignore_columns: headers of columns to leave unread (row-number columns such as STT
            are left unread without asking).

    Returns:
        The assessments (strict mode) or a :class:`ReadReport` (collect mode).
    """
    default_region = Region.lookup(region) if isinstance(region, str) else region
    cols, problems, chosen, notes, fatal = classify(
        table, criteria_set, criteria_set.fact_kinds(), layout, ignore_columns
    )
    notes = [*table.notes, *notes]
    if fatal:
        return finish([], problems, [n for n, _ in table.rows], errors, notes)
    reader = _read_long if chosen == "long" else _read_wide
    period = None if allow_out_of_period else criteria_set
    assessments, rejected = reader(
        table, criteria_set, cols, problems, as_of, default_region, period
    )
    return finish(assessments, problems, rejected, errors, notes)


def finish(
    assessments: list[Assessment],
    problems: list[Problem],
    rejected: list[int],
    errors: Errors,
    notes: Sequence[str] = (),
) -> list[Assessment] | ReadReport:
    """The strict or collect result of a read."""
    if errors == "collect":
        return ReadReport(
            tuple(assessments), tuple(problems), tuple(sorted(set(rejected))), tuple(notes)
        )
    if problems:
        raise TableError(problems)
    return assessments


def _fact_value(raw: object, kind: str) -> object:
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


def _read_wide(
    table: Table,
    s: CriteriaSet,
    cols: Columns,
    problems: list[Problem],
    as_of: dt.date | None,
    region: Region | None,
    period: CriteriaSet | None,
) -> tuple[list[Assessment], list[int]]:
    keys = s.value_keys()
    parsers = {i: _parser(keys[key], s) for i, key in cols.indicators.items()}
    indicator_columns = tuple(cols.indicators.items())
    out: list[Assessment] = []
    rejected: list[int] = []
    seen: dict[tuple[object, ...], int] = {}
    kinds = s.fact_kinds()  # once per table, not per row
    for row, cells in table.rows:
        if all(is_blank(c) for c in cells):
            continue
        before = len(problems)
        cells = _unreadable(table, row, cells, problems)
        commune = _commune(table, row, cells, cols, problems, region)
        day = _date(table, row, cells, cols, problems, as_of, period)
        values: dict[str, MeasuredValue] = {}
        width = len(cells)
        for i, key in indicator_columns:
            raw = cells[i] if i < width else None
            if raw is None or raw == "" or (raw.__class__ is str and raw.isspace()):  # blank
                continue
            try:
                values[key] = parsers[i](raw)
            except CellError as exc:
                problems.append(
                    Problem(
                        table.source,
                        row,
                        table.header[i],
                        raw,
                        f"indicator {key}: {exc}",
                        table.sheet,
                    )
                )
        declarations: dict[int, bool] = {}
        for i, number in cols.declarations.items():
            raw = _cell(cells, i)
            if is_blank(raw):
                continue
            try:
                declarations[number] = parse_yes_no(raw)
            except CellError as exc:
                problems.append(
                    Problem(
                        table.source,
                        row,
                        table.header[i],
                        raw,
                        f"criterion {number}: {exc}",
                        table.sheet,
                    )
                )
        facts: dict[str, object] = {}
        for i, name in cols.facts.items():
            raw = _cell(cells, i)
            if is_blank(raw):
                continue
            try:
                facts[name] = _fact_value(
                    unescape_formula(raw) if isinstance(raw, str) else raw, kinds[name]
                )
            except CellError as exc:
                problems.append(
                    Problem(
                        table.source, row, table.header[i], raw, f"fact {name}: {exc}", table.sheet
                    )
                )
        series: dict[str, dict[int, float]] = {}
        for i, (quantity, year) in cols.series.items():
            raw = _cell(cells, i)
            if is_blank(raw):
                continue
            try:
                series.setdefault(quantity, {})[year] = float(parse_number(raw))
            except CellError as exc:
                problems.append(
                    Problem(
                        table.source,
                        row,
                        table.header[i],
                        raw,
                        f"{quantity} {year}: {exc}",
                        table.sheet,
                    )
                )
        note_i = cols.commune.get("note")
        note = (
            None
            if note_i is None or is_blank(_cell(cells, note_i))
            else unescape_formula(str(_cell(cells, note_i)))
        )
        if commune is not None and day is not None:
            identity = (*commune.identity, day)
            if identity in seen:
                problems.append(
                    Problem(
                        table.source,
                        row,
                        None,
                        commune.name,
                        f"the same commune and date as row {seen[identity]}",
                        table.sheet,
                    )
                )
            else:
                seen[identity] = row
        if len(problems) > before or commune is None or day is None:
            rejected.append(row)
            continue
        out.append(
            Assessment(
                commune,
                day,
                values=values,
                declarations=declarations,
                facts=facts,
                series=series,
                note=note,
            )
        )
    return out, rejected


def _read_long(
    table: Table,
    s: CriteriaSet,
    cols: Columns,
    problems: list[Problem],
    as_of: dt.date | None,
    region: Region | None,
    period: CriteriaSet | None,
) -> tuple[list[Assessment], list[int]]:
    keys = s.value_keys()
    parsers: dict[str, Callable[[object], MeasuredValue]] = {}
    headers = indicator_headers(s)
    groups: dict[tuple[object, ...], dict[str, Any]] = {}
    bad_groups: set[tuple[object, ...]] = set()
    rejected: list[int] = []
    ind_col, val_col = cols.long["indicator"], cols.long["value"]
    for row, cells in table.rows:
        if all(is_blank(c) for c in cells):
            continue
        before = len(problems)
        cells = _unreadable(table, row, cells, problems)
        commune = _commune(table, row, cells, cols, problems, region)
        day = _date(table, row, cells, cols, problems, as_of, period)
        if commune is None or day is None:
            rejected.append(row)
            continue
        identity = (commune.code or commune.name, commune.district, commune.province, day)
        group = groups.setdefault(
            identity,
            {"commune": commune, "as_of": day, "values": {}, "rows": {}, "declarations": {}},
        )
        raw_id = _cell(cells, ind_col)
        raw_value = _cell(cells, val_col)
        text = "" if is_blank(raw_id) else str(raw_id).strip()
        named: str | None = None  # why the cell names no criterion although it is one
        try:
            number = criterion_header(text, s) if text else None
        except NotFoundError as exc:
            number, named = None, str(exc)
        key = indicator_key(text, headers) if text and number is None else None
        if named is not None:
            problems.append(
                Problem(table.source, row, table.header[ind_col], raw_id, named, table.sheet)
            )
        elif number is not None:
            try:
                group["declarations"][number] = parse_yes_no(raw_value)
            except CellError as exc:
                problems.append(
                    Problem(
                        table.source,
                        row,
                        table.header[val_col],
                        raw_value,
                        f"criterion {number}: {exc}",
                        table.sheet,
                    )
                )
        elif key is None:
            hint = nearest(text, keys)
            suffix = f"; nearest ids: {', '.join(hint)}" if hint else ""
            problems.append(
                Problem(
                    table.source,
                    row,
                    table.header[ind_col],
                    raw_id,
                    f"unknown indicator id {text!r} in {s.id}{suffix}",
                    table.sheet,
                )
            )
        elif key in group["rows"]:
            problems.append(
                Problem(
                    table.source,
                    row,
                    table.header[ind_col],
                    raw_id,
                    f"indicator {key} of {commune.name} on {day} is already given in row {group['rows'][key]}",
                    table.sheet,
                )
            )
        elif not is_blank(raw_value):
            parse = parsers.setdefault(key, _parser(keys[key], s))
            value = _value(table, row, table.header[val_col], raw_value, keys[key], parse, problems)
            if value is not None:
                group["values"][key] = value
        if key is not None:
            group["rows"].setdefault(key, row)
        group.setdefault("all_rows", []).append(row)
        if len(problems) > before:
            bad_groups.add(identity)
    out = []
    for group_id, g in groups.items():
        if group_id in bad_groups:
            rejected.extend(g["all_rows"])
            continue
        out.append(
            Assessment(g["commune"], g["as_of"], values=g["values"], declarations=g["declarations"])
        )
    return out, rejected
