"""Writing threshold-cell workbooks and layer files: the output side of the province's loop.

:func:`write_cell_template` writes one row per threshold cell of a set with empty columns for
the province's figures (sheets and columns: :mod:`ntm_criteria.io.cell_workbook`);
:func:`layer_toml` writes a layer read from a filled workbook as a layer file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from ntm_criteria._optional import optional_import
from ntm_criteria.errors import CriteriaDataError
from ntm_criteria.io.cell_workbook import (
    BASIS_VI,
    CELLS_SHEET,
    COLUMNS,
    HELP_SHEET,
    INFO_SHEET,
    KIND_VI,
    STATUS_VI,
    leaf_indicators,
)
from ntm_criteria.model.criteria import CriteriaSet
from ntm_criteria.model.layers import Layer
from ntm_criteria.model.provenance import EvidenceStatus

_HELP = (
    ("Cách điền", "How to fill in"),
    (
        "Mỗi dòng của trang 'Mức' là một ô của bảng tiêu chí: một chỉ tiêu, một vùng hoặc nhóm "
        "xã, và một năm với chỉ tiêu thu nhập.",
        "Each row of the sheet 'Mức' is one cell of the criteria table: one indicator, one zone "
        "(region or commune group) and, for income, one year.",
    ),
    (
        "Chỉ điền các cột 'Mức của tỉnh', 'Tình trạng', 'Căn cứ', 'Nguồn', 'Ghi chú' của những ô "
        "có trong văn bản chính thức của tỉnh; để trống các dòng khác. Không sửa các cột khác.",
        "Fill the columns 'Mức của tỉnh', 'Tình trạng', 'Căn cứ', 'Nguồn', 'Ghi chú' only for "
        "the cells your official copy states; leave the other rows empty. Do not edit the "
        "other columns.",
    ),
    (
        "Mức: số (92,5 hoặc 92.5), 'Đạt' với chỉ tiêu đạt/chưa đạt, 0 với chỉ tiêu 'không có', "
        "hoặc tên mức xếp loại.",
        "Value: a number (92,5 or 92.5), 'Đạt' for achieved indicators, 0 for none-allowed "
        "indicators, or the label of a rating.",
    ),
    (
        "Tình trạng: 'đã xác minh' (verified) khi mức lấy từ văn bản pháp luật, hoặc 'tạm thời' "
        "(provisional).",
        "Status: 'đã xác minh' (verified) when the value is read from the legal text, or 'tạm "
        "thời' (provisional).",
    ),
    (
        "Căn cứ: với 'đã xác minh': 'văn bản pháp luật' (legal_text) hoặc 'nhiều nguồn độc lập' "
        "(independent_sources); với 'tạm thời': 'một nguồn' (single_source), 'văn bản của tỉnh' "
        "(provincial_restatement), 'suy luận' (inference) hoặc 'các nguồn mâu thuẫn' (conflict).",
        "Basis: for verified, legal_text or independent_sources; for provisional, "
        "single_source, provincial_restatement, inference or conflict.",
    ),
    (
        "Nguồn: ít nhất một nguồn (số hiệu văn bản, đường dẫn), mỗi nguồn một dòng.",
        "Source: at least one (the document's number, a link), one per line.",
    ),
    (
        "Tỉnh chỉ được giữ nguyên hoặc nâng mức đã xác minh của Trung ương, không được hạ mức.",
        "A province may keep or tighten a verified national level, never loosen it.",
    ),
    (
        "Trang 'Thông tin': mã bộ tiêu chí gốc (extends) và mã lớp của tỉnh (id).",
        "Sheet 'Thông tin': the set it extends (extends) and the id of the province's layer (id).",
    ),
    (
        "Đọc lại: ntm-criteria layer cells.xlsx --out layer.toml, hoặc "
        "ntm_criteria.read_criteria_set('cells.xlsx').",
        "Read it back: ntm-criteria layer cells.xlsx --out layer.toml, or "
        "ntm_criteria.read_criteria_set('cells.xlsx').",
    ),
)


def _rows(
    s: CriteriaSet, zones: Sequence[str] | None, statuses: Iterable[EvidenceStatus] | None
) -> Iterator[list[object]]:
    wanted = set(statuses) if statuses is not None else None
    for ind in leaf_indicators(s):
        for zone, year, cell in ind.cells():
            if zones is not None and zone not in zones:
                continue
            if wanted is not None and cell.status not in wanted:
                continue
            yield [
                ind.id,
                ind.name_vi,
                ind.name_en,
                KIND_VI[ind.kind],
                ind.unit.value if ind.unit else None,
                zone,
                year,
                "Đạt" if cell.value is True else cell.value,
                STATUS_VI[cell.status],
                BASIS_VI[cell.basis] if cell.basis else None,
                "\n".join(cell.source) or None,
                cell.note,
                None,
                None,
                None,
                None,
                None,
            ]


def write_cell_template(
    criteria_set: CriteriaSet,
    path: str | Path,
    *,
    zones: Sequence[str] | None = None,
    statuses: Iterable[EvidenceStatus] | None = None,
    layer_id: str | None = None,
) -> Path:
    """Write the threshold cells of ``criteria_set`` as a workbook for a province to fill in.

    Args:
        criteria_set: the set the province's layer will extend (a packaged set).
        path: the ``.xlsx`` file to write.
        zones: only the cells of these zones (default: every zone).
        statuses: only cells of these statuses (default: every status).
        layer_id: the id the layer will have (written on the info sheet; default: the file
            name's stem).

    Returns:
        The path written.

    Raises:
        CriteriaDataError: a zone is not a zone of the set.
    """
    openpyxl = optional_import("openpyxl", "excel", "writing .xlsx files")
    path = Path(path)
    bad = [z for z in zones or () if z not in criteria_set.zone_codes]
    if bad:
        raise CriteriaDataError(
            criteria_set.id,
            [f"no zone {z!r}; zones: {', '.join(criteria_set.zone_codes)}" for z in bad],
        )
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = CELLS_SHEET
    ws.append([c.vi for c in COLUMNS])
    for row in _rows(criteria_set, zones, statuses):
        ws.append(row)
    ws.freeze_panes = "B2"
    info = book.create_sheet(INFO_SHEET)
    info.append(["Khóa (key)", "Giá trị (value)", "Ý nghĩa (meaning)"])
    info.append(["extends", criteria_set.id, "bộ tiêu chí gốc / the set this layer extends"])
    info.append(["id", layer_id or path.stem, "mã lớp của tỉnh / the id of the province's layer"])
    info.append(["name_vi", None, "tên văn bản của tỉnh / the name of the province's document"])
    info.append(["name_en", None, "the same in English"])
    info.append(["instrument", None, "số hiệu quyết định của tỉnh / the province's decision"])
    guide = book.create_sheet(HELP_SHEET)
    for vi, en in _HELP:
        guide.append([vi, en])
    guide.append([])
    guide.append(["Cột (trang 'Mức')", "Column (sheet 'Mức')"])
    for c in COLUMNS:
        guide.append([c.vi, c.en + (" — filled by the province" if c.filled_by_province else "")])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _toml_value(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, tuple | list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    return json.dumps(str(v), ensure_ascii=False)


def layer_toml(layer: Layer) -> str:
    """The layer as the text of a layer file (``schema = "ntm-criteria/layer/1"``)."""
    lines = [
        "# A provincial layer written by ntm-criteria from a filled cell workbook.",
        f"schema = {_toml_value(layer.schema)}",
        f"id = {_toml_value(layer.id)}",
        f"extends = {_toml_value(layer.extends)}",
    ]
    for name, value in layer.metadata().items():
        lines.append(f"{name} = {_toml_value(value)}")
    for ch in layer.cells:
        lines += ["", "[[cells]]", f"indicator = {_toml_value(ch.indicator)}"]
        if ch.zone is not None:
            lines.append(f"zone = {_toml_value(ch.zone)}")
        if ch.year is not None:
            lines.append(f"year = {ch.year}")
        lines.append(f"value = {_toml_value(ch.value)}")
        lines.append(f"status = {_toml_value(ch.status.value)}")
        if ch.basis is not None:
            lines.append(f"basis = {_toml_value(ch.basis.value)}")
        lines.append(f"source = {_toml_value(ch.source)}")
        if ch.note is not None:
            lines.append(f"note = {_toml_value(ch.note)}")
    return "\n".join(lines) + "\n"


__all__ = ["layer_toml", "write_cell_template"]
