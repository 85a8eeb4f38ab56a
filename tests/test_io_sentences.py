"""Criterion statuses from review sentences (io/sentences.py)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import ntm_criteria as ntm
from ntm_criteria.cli import main
from tests.conftest import REFERENCE_DIR, ROOT

S16 = ntm.load_criteria_set("commune-2016-2020")
END_2019 = dt.date(2019, 12, 31)


def _published_sentence() -> str:
    """The Định Hóa 2019 review's sentence, word for word from the legal reference."""
    text = (REFERENCE_DIR / "real-data-dinh-hoa.md").read_text(encoding="utf-8")
    match = re.search(r"^> (Kết quả thực hiện các tiêu chí.*)$", text, re.M)
    assert match
    return match.group(1)


def _unmet(a: ntm.Assessment) -> list[int]:
    return sorted(n for n, met in a.declarations.items() if not met)


def test_the_published_dinh_hoa_sentence_gives_the_example_data() -> None:
    read = ntm.read_report(_published_sentence(), S16, END_2019, region="TDMNPB")
    example = ntm.read_assessments(ROOT / "examples" / "dinh-hoa-2019.toml")
    assert [a.commune.name for a in read] == ["Phú Đình", "Sơn Phú", "Trung Lương"]
    assert [_unmet(a) for a in read] == [_unmet(a) for a in example]
    assert [_unmet(a) for a in read] == [
        [9, 10, 11, 15],
        [3, 6, 10, 15, 17],
        [6, 10, 11, 13, 17, 19],
    ]
    assert all(len(a.declarations) == 19 for a in read)
    assert read[0].note.startswith("xã Phú Đình đạt 15/19 tiêu chí, còn 04 tiêu chí chưa đạt")
    scores = [ntm.evaluate(a, S16).score for a in read]
    assert scores == ["15/19", "14/19", "13/19"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Xã Tân Dương đã đạt 17/19 tiêu chí, còn thiếu 2 tiêu chí: Thu nhập, Hộ nghèo.",
        "xã Tân Dương đạt 17/19 tiêu chí; chưa đạt các tiêu chí: Thu nhập, Hộ nghèo.",
        "xa Tan Duong dat 17/19 tieu chi, con 02 tieu chi chua dat (gom: thu nhap, ho ngheo)",
        "Xã Tân Dương đạt 17/19 tiêu chí, còn 2 tiêu chí chưa đạt (gồm: tiêu chí số 10, TC 11)",
    ],
)
def test_common_variants(sentence: str) -> None:
    (a,) = ntm.read_report(sentence, S16, END_2019)
    assert a.commune.name in ("Tân Dương", "Tan Duong")
    assert _unmet(a) == [10, 11]


@pytest.mark.parametrize(
    ("sentence", "problem"),
    [
        (
            "xã Phú Đình đạt 15/19 tiêu chí, còn 05 tiêu chí chưa đạt (gồm: Nhà ở dân cư, Thu nhập, Hộ nghèo, Y tế)",
            "xã Phú Đình: 15 met and 5 not met do not make 19",
        ),
        (
            "xã Phú Đình đạt 15/20 tiêu chí, còn 05 tiêu chí chưa đạt (gồm: Nhà ở, Thu nhập, Hộ nghèo, Y tế, Giao thông)",
            "xã Phú Đình: 15/20 counts 20 criteria, but commune-2016-2020 has 19",
        ),
        (
            "xã Phú Đình đạt 16/19 tiêu chí, còn 03 tiêu chí chưa đạt (gồm: Thu nhập, Hộ nghèo)",
            "xã Phú Đình: 3 criteria not met, but 2 are named (Thu nhập, Hộ nghèo)",
        ),
        (
            "xã Phú Đình đạt 17/19 tiêu chí, còn 02 tiêu chí chưa đạt (gồm: Thu nhập, Thể thao)",
            "xã Phú Đình: set 'commune-2016-2020' has no criterion 'Thể thao'",
        ),
        (
            "xã Phú Đình đạt 17/19 tiêu chí, còn 02 tiêu chí chưa đạt (gồm: Thu nhập, Cơ sở)",
            "xã Phú Đình: 'Cơ sở' names more than one criterion",
        ),
        ("Huyện có 6/23 xã đạt chuẩn.", "no sentence of the form"),
    ],
)
def test_counts_that_do_not_add_up_and_unknown_names_are_refused(
    sentence: str, problem: str
) -> None:
    with pytest.raises(ntm.DataFileError) as info:
        ntm.read_report(sentence, S16, END_2019)
    assert problem in str(info.value)


def test_every_problem_is_reported_at_once() -> None:
    text = (
        "xã A đạt 15/19 tiêu chí, còn 05 tiêu chí chưa đạt (gồm: Thu nhập); "
        "xã B đạt 17/19 tiêu chí, còn 02 tiêu chí chưa đạt (gồm: Thu nhập, Thể thao)"
    )
    with pytest.raises(ntm.DataFileError) as info:
        ntm.read_report(text, S16, END_2019, source="review.txt")
    assert info.value.problems[0].startswith("xã A: 15 met and 5 not met")
    assert any(p.startswith("xã B: set") for p in info.value.problems)
    assert "review.txt" in str(info.value)


def test_the_command_line_writes_an_assessments_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = tmp_path / "review.txt"
    review.write_text(_published_sentence(), encoding="utf-8")
    out = tmp_path / "communes.toml"
    argv = ["read-report", str(review), "--set", "commune-2016-2020", "--as-of", "31/12/2019"]
    assert main([*argv, "--region", "TDMNPB", "--district", "Định Hóa", "--out", str(out)]) == 0
    assert "Trung Lương: not met 6, 10, 11, 13, 17, 19" in capsys.readouterr().out
    again = ntm.read_assessments(out)
    assert [(a.commune.name, a.commune.district, _unmet(a)) for a in again] == [
        ("Phú Đình", "Định Hóa", [9, 10, 11, 15]),
        ("Sơn Phú", "Định Hóa", [3, 6, 10, 15, 17]),
        ("Trung Lương", "Định Hóa", [6, 10, 11, 13, 17, 19]),
    ]


def test_the_command_line_says_it_in_vietnamese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = tmp_path / "review.txt"
    review.write_text(_published_sentence(), encoding="utf-8")
    out = tmp_path / "communes.json"
    argv = ["read-report", str(review), "--set", "commune-2016-2020", "--as-of", "2019-12-31"]
    assert main([*argv, "--out", str(out), "--lang", "vi"]) == 0
    captured = capsys.readouterr()
    assert "Phú Đình: chưa đạt 9, 10, 11, 15" in captured.out
    assert "đã ghi" in captured.err and "3 đánh giá" in captured.err
