"""Sheets as offices make them (io/headers.py, io/spreadsheets.py): titles above the header,
STT columns, Vietnamese fact headers, merged cells, percent formats, unsaved formulas,
decomposed Unicode, UTF-16 exports, repeated and compound columns."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import openpyxl
import pytest

import ntm_criteria as ntm
from ntm_criteria.cli import main
from ntm_criteria.io.headers import COMMUNE_COLUMNS, FACT_COLUMNS

ALL_MET_BUT_11 = [f"Tiêu chí {n}" for n in range(1, 20) if n != 11]


def _province_sheet(path: Path) -> Path:
    """The usual shape: a two-row title, an STT column, a merged district column, Vietnamese
    recognition-fact headers, a percent-formatted poverty rate (2% ceiling in DBSH, 2016-2020)."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["ỦY BAN NHÂN DÂN TỈNH X"])
    ws.append(["Kết quả thực hiện bộ tiêu chí xã nông thôn mới năm 2019"])
    ws.merge_cells("A1:F1")
    header = ["STT", "Xã", "Huyện", "Vùng", "Ngày đánh giá", "Tỷ lệ hộ nghèo đa chiều"]
    ws.append([*header, *ALL_MET_BUT_11, "Đăng ký kế hoạch", "Nợ đọng xây dựng cơ bản"])
    rest = ["Đạt"] * len(ALL_MET_BUT_11) + ["Có", "Không"]
    ws.append([1, "Tân Dương", "Định Hóa", "DBSH", "31/12/2019", 0.015, *rest])
    ws.append([2, "Bảo Cường", None, "DBSH", "31/12/2019", 0.035, *rest])
    ws.merge_cells("C4:C5")
    ws["F4"].number_format = "0.0%"
    ws["F5"].number_format = "0.0%"
    book.save(path)
    return path


def test_a_province_sheet_evaluates_on_the_first_try_without_a_set(tmp_path: Path) -> None:
    path = _province_sheet(tmp_path / "tinh-x.xlsx")
    report = ntm.read_assessments(path, errors="collect")
    assert report.problems == ()
    tan_duong, bao_cuong = report.assessments
    assert bao_cuong.commune.district == "Định Hóa"  # the merged cell fills its range
    assert tan_duong.facts == {
        "registered_in_plan": True,
        "outstanding_capital_construction_debt": False,
    }
    assert tan_duong.values["11"] == 1.5  # 0.015 shown as 1.5 %
    assert any(
        "the header is row 3; rows 1-2 above it (titles) not read" in n for n in report.notes
    )
    assert any("column 1 'STT' not read: a row-number column" in n for n in report.notes)
    assert any("merged cells C4:C5 read as 'Định Hóa'" in n for n in report.notes)
    decisions = [ntm.decide(e) for e in ntm.evaluate_many(report.assessments)]
    assert [d.evaluation.criteria_set.id for d in decisions] == ["commune-2016-2020"] * 2
    assert decisions[0].certified  # 1.5% <= 2%, every other criterion declared met
    assert not decisions[1].certified  # 3.5% > 2%


def test_the_command_line_reads_it_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _province_sheet(tmp_path / "tinh-x.xlsx")
    assert main(["evaluate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Tân Dương" in out and "Bảo Cường" in out
    assert main(["validate", str(path)]) == 0
    assert "note: the header is row 3" in capsys.readouterr().err


def test_the_header_row_can_be_said_outright(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("Báo cáo\nXã,Vùng,Ngày\nTân Dương,DBSH,31/12/2019\n", encoding="utf-8")
    # no indicator or criterion column: the header is not found by itself
    with pytest.raises(ntm.TableError, match="no commune name column"):
        ntm.read_assessments(path)
    (a,) = ntm.read_assessments(path, header_row=2)
    assert a.commune.name == "Tân Dương"


def test_ignored_columns_are_left_unread_and_said_so(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        "Số TT,Xã,Vùng,Ngày,Tiêu chí 1,Người lập biểu\n1,Tân Dương,DBSH,31/12/2019,Đạt,Lan\n",
        encoding="utf-8",
    )
    with pytest.raises(ntm.TableError, match=r"column not recognised.*--ignore-column"):
        ntm.read_assessments(path)
    report = ntm.read_assessments(path, ignore_columns=["người lập biểu"], errors="collect")
    assert report.problems == ()
    assert "column 6 'Người lập biểu' not read: ignored as asked" in report.notes


def test_a_formula_without_a_saved_result_is_a_problem_naming_the_cell(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Xã", "Vùng", "Ngày đánh giá", "15.1"])
    ws.append(["Tân Dương", "DBSH", "31/12/2019", "=80+10"])  # openpyxl saves no result
    path = tmp_path / "f.xlsx"
    book.save(path)
    report = ntm.read_assessments(path, errors="collect")
    assert report.rejected_rows == (2,)
    (problem,) = report.problems
    assert (problem.row, problem.column) == (2, "15.1")
    assert "cell D2 holds a formula whose result was never saved" in problem.message
    assert "open the file in Excel" in problem.message


def test_decomposed_unicode_reads_as_the_same_words(tmp_path: Path) -> None:
    text = "Xã,Vùng,Ngày đánh giá,Tiêu chí 1\nPhú Đình,TDMNPB,31/12/2019,Đạt\n"
    path = tmp_path / "nfd.csv"
    path.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    (a,) = ntm.read_assessments(path)
    assert a.commune.name == "Phú Đình"  # NFC, the same as typed on Windows
    assert a.declarations == {1: True}


def test_excel_unicode_text_utf16_is_read(tmp_path: Path) -> None:
    text = "Xã\tVùng\tNgày đánh giá\tTiêu chí 1\r\nPhú Đình\tTDMNPB\t31/12/2019\tĐạt\r\n"
    path = tmp_path / "export.txt"
    path.write_bytes(text.encode("utf-16"))  # with its byte-order mark, as Excel writes it
    (a,) = ntm.read_assessments(path)
    assert (a.commune.name, a.declarations) == ("Phú Đình", {1: True})


def test_another_encoding_is_named(tmp_path: Path) -> None:
    path = tmp_path / "old.csv"
    path.write_bytes("Xã,Vùng\nPhú Đình,TDMNPB\n".encode("cp1258", errors="replace"))
    with pytest.raises(ntm.DataFileError, match=r"not UTF-8 text .*Windows-1258"):
        ntm.read_assessments(path)


def test_a_repeated_column_says_so(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        "Xã,Vùng,Ngày,15.1,Tỷ lệ người dân tham gia bảo hiểm y tế\nA,DBSH,31/12/2019,90,91\n",
        encoding="utf-8",
    )
    with pytest.raises(ntm.TableError) as info:
        ntm.read_assessments(path)
    assert "this column repeats column 4 '15.1': both hold indicator 15.1" in str(info.value)


def test_a_compound_indicator_in_one_column_names_its_parts(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("Xã,Vùng,Ngày,17.1\nA,DBSH,31/12/2019,90\n", encoding="utf-8")
    with pytest.raises(ntm.TableError) as info:
        ntm.read_assessments(path, "commune-2016-2020")
    message = str(info.value)
    assert "a compound indicator is measured by its parts" in message
    assert "17.1.a (" in message and "17.1.b (" in message


def test_every_fact_a_set_reads_has_a_vietnamese_column_name() -> None:
    facts = {f for i in ntm.criteria_sets() for f in ntm.load_criteria_set(i).fact_kinds()}
    # income_per_capita would be read as the income indicator's own column
    assert facts - {"income_per_capita"} <= {
        f for f, names in FACT_COLUMNS.items() if len(names) > 1
    }
    assert set(FACT_COLUMNS) <= facts  # the table names no fact that no set reads


def test_commune_columns_are_named_with_and_without_diacritics() -> None:
    assert "xa dac biet kho khan" in COMMUNE_COLUMNS["especially_difficult"]
    assert "ngay danh gia" in COMMUNE_COLUMNS["as_of"]


def test_a_checklist_column_declared_by_its_header_reads_marks(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        "Xã,Vùng,Ngày đánh giá,Tiêu chí 9 (x),13.1 (✓)\n"
        "Tân Dương,DBSH,31/12/2019,x,✓\n"
        "Bảo Cường,DBSH,31/12/2019,,\n",
        encoding="utf-8",
    )
    ticked, empty = ntm.read_assessments(path)
    assert (ticked.declarations, ticked.values) == ({9: True}, {"13.1": True})
    assert (empty.declarations, empty.values) == ({9: False}, {"13.1": False})  # not ticked


def test_marks_are_words_only_where_the_header_says_so(tmp_path: Path) -> None:
    plain = tmp_path / "plain.csv"
    plain.write_text("Xã,Vùng,Ngày,Tiêu chí 9\nA,DBSH,31/12/2019,x\n", encoding="utf-8")
    with pytest.raises(ntm.TableError, match="expected yes"):
        ntm.read_assessments(plain)
    odd = tmp_path / "odd.csv"
    odd.write_text(
        "Xã,Vùng,Ngày,Tiêu chí 9 (x),15.1 (x)\nA,DBSH,31/12/2019,có,90\n", encoding="utf-8"
    )
    with pytest.raises(ntm.TableError) as info:
        ntm.read_assessments(odd)
    assert "a checklist cell holds a mark (x or ✓) or nothing, got 'có'" in str(info.value)
    assert "a checklist column (x / ✓) must be a criterion or a yes/no indicator" in str(info.value)
