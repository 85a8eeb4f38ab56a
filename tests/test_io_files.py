"""Criteria-set files and assessment files: bad input gets a precise error, never a traceback."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import ntm_criteria as ntm
from ntm_criteria.errors import DataFileError, TableError
from ntm_criteria.io.reading import read_assessments
from ntm_criteria.output.assessments import write_assessments
from tests.conftest import ROOT

PACKAGED = ROOT / "src" / "ntm_criteria" / "data" / "commune-2016-2020.toml"


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "province.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ntm.CriteriaDataError) as info:
        ntm.read_criteria_set(path)
    assert info.value.origin == str(path)
    assert str(path) in str(info.value)
    return list(info.value.problems)


def test_packaged_file_reads_from_a_path() -> None:
    assert ntm.read_criteria_set(PACKAGED) == ntm.load_criteria_set("commune-2016-2020")


def test_wrong_value_kind_names_the_cell(tmp_path: Path) -> None:
    text = PACKAGED.read_text(encoding="utf-8")
    # Criterion 15.1 TDMNPB is "≥ 85%": make it a word.
    block = re.search(
        r"\[criteria\.indicators\.thresholds\.TDMNPB\]\nstatus = \"verified\"\nvalue = 85\n", text
    )
    assert block
    bad = (
        text[: block.start()]
        + block.group(0).replace("value = 85", 'value = "85%"')
        + text[block.end() :]
    )
    (problem,) = _problems(tmp_path, bad)
    assert (
        problem
        == "at_least needs a number, got '85%' @ $.criteria[14].indicators[0].thresholds['TDMNPB'].value"
    )


def test_status_without_basis_and_typo_key(tmp_path: Path) -> None:
    text = PACKAGED.read_text(encoding="utf-8").replace('basis = "independent_sources"\n', "", 1)
    problems = _problems(tmp_path, text)
    assert problems == [
        "a verified figure needs a basis among independent_sources, legal_text (got none) @ $.criteria_count"
    ]
    typo = PACKAGED.read_text(encoding="utf-8").replace("instrument = ", "instrumnet = ", 1)
    assert any("instrumnet" in p for p in _problems(tmp_path, typo))


def test_missing_zone_cell(tmp_path: Path) -> None:
    text = PACKAGED.read_text(encoding="utf-8")
    start = text.index("[criteria.indicators.thresholds.DBSCL]")
    end = text.index("[[criteria.indicators]]", start)
    problems = _problems(tmp_path, text[:start] + text[end:])
    assert problems == [
        "indicator 1.1: no cell for zone 'DBSCL' @ $.criteria[0].indicators[0].thresholds"
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "expected schema"),
        ("schema = [", "not valid TOML"),
        ('schema = "ntm-criteria/criteria-set/0"', "expected schema"),
    ],
)
def test_not_a_criteria_file(tmp_path: Path, content: str, expected: str) -> None:
    assert expected in _problems(tmp_path, content)[0]


def test_assessments_round_trip(tmp_path: Path) -> None:
    original = read_assessments(ROOT / "examples" / "dinh-hoa-2019.toml")
    write_assessments(original, tmp_path / "out.json")
    assert read_assessments(tmp_path / "out.json") == original


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.json", b"", "the file is empty"),
        ("binary.json", b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "not a UTF-8 text file"),
        (
            "truncated.json",
            b'{"schema": "ntm-criteria/assessments/1", "assessments": [',
            "not valid JSON",
        ),
        ("data.txt", b"a,b\n1,2\n", "no commune name column"),  # a text export of a sheet
        ("data.doc", b"a,b\n1,2\n", "unknown file type '.doc'"),
        ("other.json", b'{"schema": "something"}', "expected schema"),
        (
            "none.json",
            b'{"schema": "ntm-criteria/assessments/1", "assessments": []}',
            "non-empty list",
        ),
    ],
)
def test_unreadable_assessment_files(
    tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    # a file that cannot be read at all is a DataFileError; a table that reads but has no
    # commune column is a TableError naming its header row
    with pytest.raises((DataFileError, TableError), match=re.escape(expected)):
        read_assessments(path)


def test_every_bad_entry_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    entries = [
        {"as_of": "2019-12-31", "commune": {"name": "A", "region": "TDMNPB"}},
        {"as_of": "31/12/2019", "commune": {"name": "B", "region": "Atlantis"}},
        {"commune": {"name": "C"}, "declarations": {"9": "no"}, "valeus": {}},
    ]
    path.write_text(
        json.dumps({"schema": "ntm-criteria/assessments/1", "assessments": entries}),
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as info:
        read_assessments(path)
    problems = info.value.problems
    assert "expected a date as YYYY-MM-DD, got '31/12/2019' @ $.assessments[1].as_of" in problems
    assert any(
        "no region is named 'Atlantis'" in p and "$.assessments[1].commune.region" in p
        for p in problems
    )
    assert "required field missing @ $.assessments[2].as_of" in problems
    assert any("valeus" in p and "$.assessments[2]" in p for p in problems)
    assert not any("assessments[0]" in p for p in problems)
