"""The long layout: one row per commune, date and indicator, grouped into assessments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from ntm_criteria._text import nearest
from ntm_criteria.errors import CellError, NotFoundError
from ntm_criteria.io.headers import (
    Columns,
    criterion_header,
    indicator_headers,
    indicator_key,
)
from ntm_criteria.io.row_fields import (
    cell_at,
    parser_for,
    readable_cells,
    row_commune,
    row_date,
    row_value,
)
from ntm_criteria.io.tables import Problem, Table
from ntm_criteria.io.values import (
    is_blank,
    parse_yes_no,
)
from ntm_criteria.model.commune import Assessment, MeasuredValue
from ntm_criteria.model.criteria import CriteriaSet
from ntm_criteria.model.regions import Region


def read_long(
    table: Table,
    s: CriteriaSet,
    cols: Columns,
    problems: list[Problem],
    as_of: dt.date | None,
    region: Region | None,
    period: CriteriaSet | None,
) -> tuple[list[Assessment], list[int]]:
    keys = s.value_keys()
    group_numbers = tuple(z.group for z in s.zones if z.group is not None)
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
        cells = readable_cells(table, row, cells, problems)
        commune = row_commune(table, row, cells, cols, problems, region, group_numbers)
        day = row_date(table, row, cells, cols, problems, as_of, period)
        if commune is None or day is None:
            rejected.append(row)
            continue
        identity = (commune.code or commune.name, commune.district, commune.province, day)
        group = groups.setdefault(
            identity,
            {"commune": commune, "as_of": day, "values": {}, "rows": {}, "declarations": {}},
        )
        raw_id = cell_at(cells, ind_col)
        raw_value = cell_at(cells, val_col)
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
            parse = parsers.setdefault(key, parser_for(keys[key], s))
            value = row_value(
                table, row, table.header[val_col], raw_value, keys[key], parse, problems
            )
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
