"""Tables read without a named set: each row under the set in force on its date (io/dated.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import ntm_criteria as ntm
from ntm_criteria.cli import main

# Criterion 1 (planning) exists in every standard commune set; the two dates fall in the periods
# of 1980/QĐ-TTg (until 2022-03-07) and 318/QĐ-TTg (from 2022-03-08).
TABLE = """Xã,Vùng,Ngày đánh giá,Tiêu chí 1
Phú Đình,TDMNPB,31/12/2019,Đạt
Bảo Cường,TDMNPB,30/06/2023,Chưa đạt
"""


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sheet.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_each_row_is_read_under_the_set_in_force_on_its_date(tmp_path: Path) -> None:
    assessments = ntm.read_assessments(_csv(tmp_path, TABLE))
    by_name = {a.commune.name: a for a in assessments}
    assert by_name["Phú Đình"].as_of == dt.date(2019, 12, 31)
    assert by_name["Bảo Cường"].declarations == {1: False}
    sets = {e.assessment.commune.name: e.criteria_set.id for e in ntm.evaluate_many(assessments)}
    assert sets == {"Phú Đình": "commune-2016-2020", "Bảo Cường": "commune-2021-2025"}


def test_a_row_without_a_date_or_with_no_set_in_force_is_a_problem_of_that_row(
    tmp_path: Path,
) -> None:
    text = TABLE + "Tân Dương,TDMNPB,,Đạt\nĐồng Thịnh,TDMNPB,01/01/2010,Đạt\n"
    report = ntm.read_assessments(_csv(tmp_path, text), errors="collect")
    assert report.rejected_rows == (4, 5)
    messages = [str(p) for p in report.problems]
    assert "row 4, column 'Ngày đánh giá': the assessment date is missing" in messages[0]
    assert "row 5, column 'Ngày đánh giá'" in messages[1]
    assert "no packaged commune set of tier 'standard' is in force on 2010-01-01" in messages[1]
    assert len(report.assessments) == 2


def test_without_a_date_column_as_of_chooses_the_set(tmp_path: Path) -> None:
    path = _csv(tmp_path, "Xã,Vùng,Tiêu chí 1\nPhú Đình,TDMNPB,Đạt\n")
    with pytest.raises(ntm.TableError, match="row 2: the assessment date is missing"):
        ntm.read_assessments(path)
    (a,) = ntm.read_assessments(path, as_of=dt.date(2019, 12, 31))
    assert ntm.evaluate_many([a])[0].criteria_set.id == "commune-2016-2020"


def test_under_a_named_set_every_row_outside_its_period_is_reported(tmp_path: Path) -> None:
    text = TABLE + "Tân Dương,TDMNPB,01/01/2024,Đạt\n"
    path = _csv(tmp_path, text)
    with pytest.raises(ntm.TableError) as info:
        ntm.read_assessments(path, "commune-2016-2020")
    assert len(info.value.problems) == 2
    assert "row 3, column 'Ngày đánh giá': dated 2023-06-30, outside the period of " in str(
        info.value
    )
    assert "row 4, column 'Ngày đánh giá': dated 2024-01-01" in str(info.value)
    report = ntm.read_assessments(path, "commune-2016-2020", errors="collect")
    assert report.rejected_rows == (3, 4)
    assert [a.commune.name for a in report.assessments] == ["Phú Đình"]
    # a retrospective study asks for it, and then never certifies
    kept = ntm.read_assessments(path, "commune-2016-2020", allow_out_of_period=True)
    assert len(kept) == 3


def test_the_command_line_reads_a_dated_table_without_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _csv(tmp_path, TABLE)
    assert main(["evaluate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Phú Đình" in out and "Bảo Cường" in out
    assert main(["validate", str(path), "--set", "commune-2016-2020"]) == 1
    captured = capsys.readouterr()
    assert "row 3, column 'Ngày đánh giá': dated 2023-06-30" in captured.err
    assert "1 assessment(s) read, 1 rejected, 1 problem(s)" in captured.out
    assert "Traceback" not in captured.err
