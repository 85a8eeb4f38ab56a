"""CSV, XLSX and DataFrames as tables (io/spreadsheets.py): workbooks, encodings and separators,
unreadable and truncated files, a missing extra."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

import ntm_criteria as ntm
from tests.conftest import ROOT
from tests.io_support import BAD_XLSX, EXAMPLE_XLSX, csv_file

S16 = ntm.load_criteria_set("commune-2016-2020")


# --- files ----------------------------------------------------------------------------------


def test_provincial_workbook_reads_into_the_reviewed_statuses() -> None:
    from_xlsx = ntm.read_assessments(EXAMPLE_XLSX, S16)
    from_toml = ntm.read_assessments(ROOT / "examples" / "dinh-hoa-2019.toml")
    assert from_xlsx == from_toml
    evaluations = [ntm.evaluate(a, S16) for a in from_xlsx]
    assert [e.score for e in evaluations] == ["15/19", "14/19", "13/19"]


def test_bad_workbook_report_names_each_bad_cell() -> None:
    with pytest.raises(ntm.TableError) as info:
        ntm.read_assessments(BAD_XLSX, S16)
    found = {(p.sheet, p.row, p.column) for p in info.value.problems}
    assert found == {
        ("Đánh giá 2019", 1, "Tiêu chí 20"),
        ("Đánh giá 2019", 3, "Ngày đánh giá"),
        ("Đánh giá 2019", 3, "Tỷ lệ người dân tham gia bảo hiểm y tế (%)"),
        ("Đánh giá 2019", 4, "Vùng"),
        ("Đánh giá 2019", 4, "Tiêu chí 13"),
        ("Đánh giá 2019", 5, "Xã"),
        ("Đánh giá 2019", 6, None),
    }
    text = str(info.value)
    assert "'31/13/2019'" in text and "'120%'" in text and "'Đạt?'" in text and "'Tây Bắc'" in text
    assert "the same commune and date as row 2" in text
    report = ntm.read_assessments(BAD_XLSX, S16, errors="collect")
    assert [a.commune.name for a in report.assessments] == ["Phú Đình"]
    assert report.assessments[0].values == {"15.1": 92.5}
    assert report.rejected_rows == (3, 4, 5, 6)


def test_csv_semicolons_bom_and_header_variants(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "\ufeffTên xã;Vung;Ngay danh gia;15.1. Tỷ lệ người dân tham gia bảo hiểm y tế (%);Share of households using hygienic water;17.1.b;TC 9\n"
        "Phú Đình;Trung du mien nui phia Bac;31/12/2019;92,5;95;60,5%;Chưa đạt\n",
    )
    (a,) = ntm.read_assessments(path, S16)
    assert a.values == {"15.1": 92.5, "17.1.a": 95, "17.1.b": 60.5}
    assert a.declarations == {9: False}
    assert a.commune.region is ntm.Region.TDMNPB


def test_missing_date_needs_as_of(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "Xã,Vùng,15.1\nA,DBSH,90\n")
    with pytest.raises(ntm.TableError, match="assessment date is missing"):
        ntm.read_assessments(path, S16)
    (a,) = ntm.read_assessments(path, S16, as_of=dt.date(2020, 1, 1))
    assert a.as_of == dt.date(2020, 1, 1)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.csv", b"", "the file is empty"),
        ("binary.csv", b"\x00\x01\x02binary", "a binary file"),
        ("zip.csv", b"PK\x03\x04rest", "a binary file"),
        ("latin1.csv", "Xa,Vung\nPhú,DBSH\n".encode("latin-1"), "not UTF-8"),
        ("truncated.csv", b'Xa,Vung\n"Phu Dinh,DBSH\n', "not valid CSV"),
        ("fake.xlsx", b"this is not a workbook", "not an .xlsx workbook"),
        ("empty.xlsx", b"", "the file is empty"),
    ],
)
def test_unreadable_tables(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ntm.DataFileError, match=expected) as info:
        ntm.read_assessments(path, S16)
    assert str(path) in str(info.value)


def test_truncated_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "cut.xlsx"
    path.write_bytes(EXAMPLE_XLSX.read_bytes()[:2000])
    with pytest.raises(ntm.DataFileError, match=r"not an \.xlsx workbook"):
        ntm.read_assessments(path, S16)


def test_missing_extra_gives_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(ntm.MissingExtraError) as info:
        ntm.read_assessments(EXAMPLE_XLSX, S16)
    # both work: from the package index, and from a checkout of the project
    assert 'python -m pip install "ntm-criteria[excel]"' in str(info.value)
    assert 'python -m pip install ".[excel]"' in str(info.value)
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ntm.MissingExtraError, match=r"ntm-criteria\[pandas\]"):
        ntm.to_dataframe([{"a": 1}])


def test_dataframe_reader() -> None:
    import pandas as pandas

    frame = pandas.DataFrame(
        {
            "Xã": ["A", "B"],
            "Vùng": ["DBSH", "DBSH"],
            "Ngày": ["30/06/2020", "30/06/2020"],
            "15.1": [90.0, None],
        }
    )
    a, b = ntm.read_assessments(frame, S16)
    assert a.values == {"15.1": 90.0}
    assert b.values == {}


def test_a_csv_file_is_read_a_row_at_a_time_and_again_on_each_pass(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "Xã,Vùng,Ngày đánh giá,Tiêu chí 1\n"
        "Phu\u0301 Đình,TDMNPB,31/12/2019,Đạt\n"  # decomposed: read as "Phú Đình"
        "Sơn Phú,TDMNPB,31/12/2019,Chưa đạt\n",
    )
    stream = ntm.stream_assessments(path, S16)
    first = next(iter(stream))
    assert first.commune.name == "Phú Đình"
    assert stream.problems == []
    rest = list(stream)
    assert [a.commune.name for a in rest] == ["Sơn Phú"]
    assert stream.finish([first, *rest], "raise") == ntm.read_assessments(path, S16)


def test_a_fault_further_into_a_csv_file_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "late.csv"
    path.write_bytes(
        "Xã,Vùng,Ngày đánh giá,Tiêu chí 1\nPhú Đình,TDMNPB,31/12/2019,Đạt\n".encode()
        + b"S\xf5n Phu,TDMNPB,31/12/2019,Dat\n"  # "Sơn" in Windows-1258
    )
    with pytest.raises(ntm.DataFileError, match=r"not UTF-8 text \(byte 2 of line 3 is 0xf5"):
        ntm.read_assessments(path, S16)


def test_a_streamed_read_gathers_every_problem_as_read_assessments_does(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "Xã,Vùng,Ngày đánh giá,15.1\n"
        "Phú Đình,TDMNPB,31/12/2019,85\n"
        "Sơn Phú,TDMNPB,31/12/2019,lots\n"
        "Trung Lương,TDMNPB,31/12/2019,150\n",
    )
    stream = ntm.stream_assessments(path)  # no set: each row under the set of its date
    kept = list(stream)
    assert [a.commune.name for a in kept] == ["Phú Đình"]
    assert stream.rejected_rows == [3, 4]
    assert [p.row for p in stream.problems] == [3, 4]
    assert "rows 2-4: read under commune-2016-2020" in stream.notes
    report = ntm.read_assessments(path, errors="collect")
    assert (report.problems, report.rejected_rows) == (tuple(stream.problems), (3, 4))
    with pytest.raises(ntm.TableError, match=r"row 3, column '15\.1'"):
        stream.finish(kept, "raise")
