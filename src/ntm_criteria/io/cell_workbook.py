"""Threshold-cell workbooks: how a province enters the figures of its own official copy.

:func:`~ntm_criteria.output.cell_template.write_cell_template` writes one row per threshold cell of a set (indicator, names, kind,
unit, zone, year, the current value with its status, basis, sources and note) with empty
columns for the province's value, status, basis, source and note, Vietnamese headers, a sheet
that says how to fill it in and a sheet naming the set it extends. :func:`read_cell_workbook`
turns the filled workbook into a layer over that set, under every rule a layer file obeys: a
verified national cell is never loosened, a filled cell needs a status, a basis and at least
one source, and every bad cell is reported at once with its sheet, row and column.
:func:`~ntm_criteria.output.cell_template.layer_toml` writes the same layer as a layer file (``ntm-criteria/layer/1``).

Both directions need the ``excel`` extra (openpyxl).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from attrs import frozen

from ntm_criteria._optional import optional_import
from ntm_criteria._text import fold
from ntm_criteria.data import load_criteria_set
from ntm_criteria.errors import CellError, CriteriaDataError
from ntm_criteria.io.values import is_blank, parse_value
from ntm_criteria.model.criteria import CriteriaSet
from ntm_criteria.model.indicators import Indicator, Kind
from ntm_criteria.model.layers import CellChange, Layer, apply_layer
from ntm_criteria.model.provenance import Basis, EvidenceStatus
from ntm_criteria.model.validation import validate_criteria_set

#: The sheets of a cell workbook.
CELLS_SHEET = "Mức"
INFO_SHEET = "Thông tin"
HELP_SHEET = "Hướng dẫn"


@frozen
class _Column:
    key: str
    vi: str
    en: str
    filled_by_province: bool = False


#: The columns of the cells sheet, in order: Vietnamese header, English meaning.
COLUMNS: tuple[_Column, ...] = (
    _Column("indicator", "Mã chỉ tiêu", "indicator id"),
    _Column("name_vi", "Tên chỉ tiêu", "indicator name (Vietnamese)"),
    _Column("name_en", "Tên tiếng Anh", "indicator name (English)"),
    _Column("kind", "Loại yêu cầu", "requirement kind"),
    _Column("unit", "Đơn vị", "unit"),
    _Column("zone", "Vùng / nhóm xã", "zone (region or commune group)"),
    _Column("year", "Năm", "year (income rows only)"),
    _Column("value", "Mức hiện hành", "current value"),
    _Column("status", "Tình trạng hiện hành", "current status"),
    _Column("basis", "Căn cứ hiện hành", "current basis"),
    _Column("source", "Nguồn hiện hành", "current sources"),
    _Column("note", "Ghi chú hiện hành", "current note"),
    _Column("new_value", "Mức của tỉnh", "province's value", True),
    _Column("new_status", "Tình trạng", "province's status", True),
    _Column("new_basis", "Căn cứ", "province's basis", True),
    _Column("new_source", "Nguồn", "province's sources, one per line", True),
    _Column("new_note", "Ghi chú", "province's note", True),
)

KIND_VI = {
    Kind.AT_LEAST: "tối thiểu (≥)",
    Kind.AT_MOST: "tối đa (≤)",
    Kind.ACHIEVED: "đạt / chưa đạt",
    Kind.NONE_ALLOWED: "không có (= 0)",
    Kind.MIN_RATING: "xếp loại tối thiểu",
    Kind.ALL_OF: "gồm các phần",
}
STATUS_VI = {
    EvidenceStatus.VERIFIED: "đã xác minh",
    EvidenceStatus.PROVISIONAL: "tạm thời",
    EvidenceStatus.UNSPECIFIED: "chưa xác định",
}
BASIS_VI = {
    Basis.LEGAL_TEXT: "văn bản pháp luật",
    Basis.INDEPENDENT_SOURCES: "nhiều nguồn độc lập",
    Basis.SINGLE_SOURCE: "một nguồn",
    Basis.PROVINCIAL_RESTATEMENT: "văn bản của tỉnh",
    Basis.INFERENCE: "suy luận",
    Basis.CONFLICT: "các nguồn mâu thuẫn",
}


def leaf_indicators(s: CriteriaSet) -> Iterator[Indicator]:
    for _, ind in s.indicators():
        yield from ind.parts or (ind,)


def _status(raw: str) -> EvidenceStatus | None:
    key = fold(raw)
    for status, vi in STATUS_VI.items():
        if key in (fold(status.value), fold(vi)):
            return status
    return None


def _basis(raw: str) -> Basis | None:
    key = fold(raw).replace(" ", "_")
    for basis, vi in BASIS_VI.items():
        if key in (basis.value, fold(vi).replace(" ", "_")):
            return basis
    return None


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_cell_workbook(
    path: str | Path, *, extends: str | None = None, layer_id: str | None = None
) -> CriteriaSet:
    """The layer a filled cell workbook describes, applied to the set it extends.

    Args:
        path: the workbook (from :func:`~ntm_criteria.output.cell_template.write_cell_template`,
            filled in).
        extends: the packaged set it extends (default: the info sheet's ``extends``).
        layer_id: the layer's id (default: the info sheet's ``id``, or the file name's stem).

    Raises:
        CriteriaDataError: naming the file and every bad cell with its sheet, row and column.
    """
    return _read_layer(Path(path), extends, layer_id)[1]


def read_cell_layer(
    path: str | Path, *, extends: str | None = None, layer_id: str | None = None
) -> Layer:
    """The :class:`~ntm_criteria.model.layers.Layer` of a filled cell workbook (checked)."""
    return _read_layer(Path(path), extends, layer_id)[0]


def _open(path: Path) -> Any:
    openpyxl = optional_import("openpyxl", "excel", "reading .xlsx files")
    if not path.exists():
        raise CriteriaDataError(str(path), ["cannot read the file: No such file or directory"])
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise CriteriaDataError(str(path), [f"not an .xlsx workbook: {exc}"]) from None


def _read_layer(path: Path, extends: str | None, layer_id: str | None) -> tuple[Layer, CriteriaSet]:
    book = _open(path)
    try:
        missing = [n for n in (CELLS_SHEET, INFO_SHEET) if n not in book.sheetnames]
        if missing:
            raise CriteriaDataError(
                str(path),
                [
                    f"no sheet {n!r} (sheets: {', '.join(book.sheetnames)}); write the workbook "
                    "with ntm-criteria template"
                    for n in missing
                ],
            )
        info = {
            str(k).strip(): v
            for k, v, *_ in book[INFO_SHEET].iter_rows(min_row=2, values_only=True)
            if k is not None
        }
        rows = list(book[CELLS_SHEET].iter_rows(values_only=True))
    finally:
        book.close()
    base_id = extends or (str(info["extends"]).strip() if info.get("extends") else None)
    if not base_id:
        raise CriteriaDataError(
            str(path), [f"sheet {INFO_SHEET!r}: no 'extends' (the set it extends)"]
        )
    base = load_criteria_set(base_id)
    changes, rows_of, problems = _changes(path, base, rows)
    metadata = {
        k: str(info[k]).strip()
        for k in ("name_vi", "name_en", "instrument")
        if not is_blank(info.get(k))
    }
    layer = Layer(
        schema="ntm-criteria/layer/1",
        id=layer_id or (str(info["id"]).strip() if not is_blank(info.get("id")) else path.stem),
        extends=base_id,
        cells=tuple(changes),
        **metadata,  # type: ignore[arg-type]
    )
    if problems:
        raise CriteriaDataError(str(path), problems)
    try:
        applied = apply_layer(base, layer.cells, layer.id, origin=str(path), **layer.metadata())  # type: ignore[arg-type]
        validate_criteria_set(applied, str(path))
    except CriteriaDataError as exc:
        raise CriteriaDataError(str(path), [_locate(p, rows_of) for p in exc.problems]) from None
    return layer, applied


def _locate(problem: str, rows_of: list[int]) -> str:
    """A layer problem at ``$.cells[i]...`` as the sheet row the cell came from."""

    def where(m: re.Match[str]) -> str:
        return f"sheet {CELLS_SHEET!r}, row {rows_of[int(m.group(1))]}"

    return re.sub(r"\$\.cells\[(\d+)\]\S*", where, problem)


def _changes(
    path: Path, base: CriteriaSet, rows: list[tuple[object, ...]]
) -> tuple[list[CellChange], list[int], list[str]]:
    if not rows:
        return [], [], [f"sheet {CELLS_SHEET!r} is empty"]
    header = [fold(str(h)) if h is not None else "" for h in rows[0]]
    index: dict[str, int] = {}
    problems: list[str] = []
    for c in COLUMNS:
        names = {fold(c.vi), fold(c.key)}
        found = [i for i, h in enumerate(header) if h in names]
        if not found:
            problems.append(f"sheet {CELLS_SHEET!r}, row 1: no column {c.vi!r} ({c.en})")
        else:
            index[c.key] = found[0]
    if problems:
        return [], [], problems
    leaves = {ind.id: ind for ind in leaf_indicators(base)}
    changes: list[CellChange] = []
    rows_of: list[int] = []
    for number, row in enumerate(rows[1:], start=2):

        def cell(key: str, row: tuple[object, ...] = row) -> object:
            i = index[key]
            return row[i] if i < len(row) else None

        def at(key: str, number: int = number) -> str:
            column = next(c for c in COLUMNS if c.key == key)
            return (
                f"sheet {CELLS_SHEET!r}, row {number}, column {_letter(index[key])} {column.vi!r}"
            )

        filled = [
            k
            for k in ("new_value", "new_status", "new_basis", "new_source", "new_note")
            if not is_blank(cell(k))
        ]
        if not filled:
            continue
        ind_id = str(cell("indicator") or "").strip()
        ind = leaves.get(ind_id)
        if ind is None:
            problems.append(f"{at('indicator')}: {base.id} has no indicator {ind_id!r}")
            continue
        zone = str(cell("zone") or "").strip()
        if zone not in base.zone_codes:
            problems.append(
                f"{at('zone')}: expected a zone of {base.id} ({', '.join(base.zone_codes)}), got {zone!r}"
            )
            continue
        year_raw = cell("year")
        year = None if is_blank(year_raw) else year_raw
        if year is not None and not (isinstance(year, int) and not isinstance(year, bool)):
            problems.append(f"{at('year')}: expected a year such as 2020, got {year_raw!r}")
            continue
        row_problems: list[str] = []
        value: object = None
        if is_blank(cell("new_value")):
            row_problems.append(f"{at('new_value')}: a filled row needs the province's value")
        else:
            try:
                value = parse_value(cell("new_value"), ind, base.scales.get(ind.scale or ""))
            except CellError as exc:
                row_problems.append(f"{at('new_value')}: {exc}")
        status = _status(str(cell("new_status"))) if not is_blank(cell("new_status")) else None
        if status is None or status is EvidenceStatus.UNSPECIFIED:
            row_problems.append(
                f"{at('new_status')}: expected 'đã xác minh' (verified) or 'tạm thời' "
                f"(provisional), got {cell('new_status')!r}"
            )
        basis = _basis(str(cell("new_basis"))) if not is_blank(cell("new_basis")) else None
        if basis is None:
            bases = ", ".join(f"{vi!r} ({b.value})" for b, vi in BASIS_VI.items())
            row_problems.append(
                f"{at('new_basis')}: expected one of {bases}, got {cell('new_basis')!r}"
            )
        raw_source = cell("new_source")
        sources = tuple(s.strip() for s in re.split(r"[\n;]", str(raw_source or "")) if s.strip())
        if not sources:
            row_problems.append(f"{at('new_source')}: a filled cell needs at least one source")
        if row_problems:
            problems.extend(row_problems)
            continue
        note = cell("new_note")
        changes.append(
            CellChange(
                indicator=ind.id,
                status=status,  # type: ignore[arg-type]
                value=value,  # type: ignore[arg-type]
                zone=zone,
                year=year,
                basis=basis,
                source=sources,
                note=None if is_blank(note) else str(note).strip(),
            )
        )
        rows_of.append(number)
    return changes, rows_of, problems


__all__ = [
    "BASIS_VI",
    "CELLS_SHEET",
    "COLUMNS",
    "HELP_SHEET",
    "INFO_SHEET",
    "KIND_VI",
    "STATUS_VI",
    "leaf_indicators",
    "read_cell_layer",
    "read_cell_workbook",
]
