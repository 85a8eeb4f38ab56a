"""Threshold-cell workbooks: template -> filled by a province -> layer -> evaluation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

import ntm_criteria as ntm
from ntm_criteria import Status
from ntm_criteria.cli import main
from ntm_criteria.io.cell_workbook import CELLS_SHEET, read_cell_layer, read_cell_workbook
from ntm_criteria.output.cell_template import write_cell_template

PROVINCE_SOURCE = "Quyết định 01/2026/QĐ-UBND tỉnh X, Phụ lục I"


def fill(template: Path, out: Path, cells: dict[tuple[str, str], tuple[object, ...]]) -> Path:
    """Fill rows (indicator, zone) -> (value, status, basis, source, note) as a clerk would."""
    book = openpyxl.load_workbook(template)
    ws = book[CELLS_SHEET]
    header = [c.value for c in ws[1]]
    first = header.index("Mức của tỉnh")
    done = set()
    for row in ws.iter_rows(min_row=2):
        key = (row[0].value, row[5].value)
        if key in cells:
            for offset, value in enumerate(cells[key]):
                row[first + offset].value = value
            done.add(key)
    assert done == set(cells), f"rows not in the template: {set(cells) - done}"
    book.save(out)
    return out


def test_template_has_a_row_per_cell_with_vietnamese_headers(tmp_path: Path) -> None:
    s = ntm.load_criteria_set("commune-2016-2020")
    path = write_cell_template(s, tmp_path / "cells.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Mức", "Thông tin", "Hướng dẫn"]
    ws = book[CELLS_SHEET]
    assert ws.max_row - 1 == 432  # every threshold cell of the set, one row each
    assert [c.value for c in ws[1]][:3] == ["Mã chỉ tiêu", "Tên chỉ tiêu", "Tên tiếng Anh"]
    only = write_cell_template(
        s,
        tmp_path / "tdmnpb.xlsx",
        zones=["TDMNPB"],
        statuses=[ntm.EvidenceStatus.UNSPECIFIED],
    )
    rows = list(openpyxl.load_workbook(only)[CELLS_SHEET].iter_rows(min_row=2, values_only=True))
    assert rows
    assert {r[5] for r in rows} == {"TDMNPB"}
    assert {r[8] for r in rows} == {"chưa xác định"}
    assert ("5", "TDMNPB") in {(r[0], r[5]) for r in rows}  # schools: no level in TDMNPB


def test_2016_2020_round_trip_fills_an_unknown_indicator(tmp_path: Path) -> None:
    base = ntm.load_criteria_set("commune-2016-2020")
    template = write_cell_template(base, tmp_path / "cells.xlsx", zones=["TDMNPB"])
    filled = fill(
        template,
        tmp_path / "filled.xlsx",
        {("5", "TDMNPB"): (70, "tạm thời", "văn bản của tỉnh", PROVINCE_SOURCE, "Phụ lục I")},
    )
    layered = ntm.read_criteria_set(filled)
    assert layered.id == "cells"  # the template's file name, from its info sheet
    commune = ntm.Commune("Phú Đình", region="TDMNPB")
    for value, status in ((75, Status.MET), (65, Status.NOT_MET)):
        a = ntm.Assessment(commune, dt.date(2019, 12, 31), values={"5": value})
        assert ntm.evaluate(a, base).indicator("5").status is Status.UNKNOWN
        e = ntm.evaluate(a, layered)
        assert e.indicator("5").status is status
        assert e.indicator("5").threshold.source == (PROVINCE_SOURCE,)


def test_2026_2030_round_trip_through_the_command_line(tmp_path: Path) -> None:
    cells = tmp_path / "cells.xlsx"
    assert (
        main(["template", "commune-2026-2030", "--status", "unspecified", "--out", str(cells)]) == 0
    )
    fill(
        cells,
        cells,
        {
            ("multidimensional_poverty_rate", "NHOM_2"): (
                "4,5",
                "đã xác minh",
                "văn bản pháp luật",
                PROVINCE_SOURCE,
                None,
            )
        },
    )
    out = tmp_path / "layer.toml"
    assert main(["layer", str(cells), "--id", "tinh-x-2026", "--out", str(out)]) == 0
    layered = ntm.read_criteria_set(out)
    assert layered.layers == ("commune-2026-2030", "tinh-x-2026")
    commune = ntm.Commune("X", commune_group=2)
    for rate, status in ((4.0, Status.MET), (4.5, Status.MET), (5.0, Status.NOT_MET)):
        a = ntm.Assessment(
            commune,
            dt.date(2026, 12, 31),
            values={"multidimensional_poverty_rate": rate},
            facts={"poverty_standard": "07/2021/NĐ-CP"},
        )
        national = ntm.evaluate(a, ntm.load_criteria_set("commune-2026-2030"))
        assert national.indicator("multidimensional_poverty_rate").status is Status.UNKNOWN
        e = ntm.evaluate(a, layered)
        assert e.indicator("multidimensional_poverty_rate").status is status
        assert "tinh-x-2026" in ntm.explain(e, "en")


def test_bad_cells_are_all_reported_with_sheet_row_and_column(tmp_path: Path) -> None:
    base = ntm.load_criteria_set("commune-2016-2020")
    template = write_cell_template(base, tmp_path / "cells.xlsx", zones=["chung", "TDMNPB"])
    filled = fill(
        template,
        tmp_path / "bad.xlsx",
        {
            # 11 general column: verified <= 6%; 8 would loosen it.
            ("11", "chung"): (8, "tạm thời", "văn bản của tỉnh", PROVINCE_SOURCE, None),
            ("5", "TDMNPB"): (70, "tạm thời", "văn bản của tỉnh", None, None),
            ("3.1", "TDMNPB"): ("nhiều", "gần đúng", "ý kiến", PROVINCE_SOURCE, None),
        },
    )
    with pytest.raises(ntm.CriteriaDataError) as info:
        read_cell_workbook(filled)
    text = str(info.value)
    assert "bad.xlsx" in text
    assert "column P 'Nguồn': a filled cell needs at least one source" in text
    assert "column M 'Mức của tỉnh': expected a number" in text
    assert "column N 'Tình trạng'" in text
    assert "column O 'Căn cứ'" in text
    # the loosening is found once the other rows are mended
    mended = fill(
        template,
        tmp_path / "loose.xlsx",
        {("11", "chung"): (8, "tạm thời", "văn bản của tỉnh", PROVINCE_SOURCE, None)},
    )
    with pytest.raises(ntm.CriteriaDataError, match=r"sheet 'Mức', row \d+.*|looser") as info:
        read_cell_layer(mended)
    assert "looser than the verified level 6" in str(info.value)
    assert "sheet 'Mức', row" in str(info.value)
