from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ntm_criteria.cli import main
from tests.conftest import ROOT

EXAMPLE = str(ROOT / "examples" / "dinh-hoa-2019.toml")


def test_evaluate_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", EXAMPLE]) == 0
    out = capsys.readouterr().out
    assert "Phú Đình" in out
    assert "15/19" in out
    assert "9, 10, 11, 15" in out
    assert "0/3 certified" in out


def test_evaluate_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", EXAMPLE, "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert {r["schema"] for r in records} == {"ntm-criteria/decision/1"}
    summary = [
        (
            r["evaluation"]["assessment"]["commune"]["name"],
            r["evaluation"]["met"],
            [c["id"] for c in r["evaluation"]["criteria"] if c["status"] == "not_met"],
        )
        for r in records
    ]
    assert summary == [
        ("Phú Đình", 15, [9, 10, 11, 15]),
        ("Sơn Phú", 14, [3, 6, 10, 15, 17]),
        ("Trung Lương", 13, [6, 10, 11, 13, 17, 19]),
    ]


def test_explain_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", EXAMPLE, "--explain", "--lang", "vi"]) == 0
    assert "Phú Đình: đạt 15/19 tiêu chí" in capsys.readouterr().out


def test_data_error_exit_code_and_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "schema": "ntm-criteria/assessments/1",
                "assessments": [
                    {
                        "as_of": "2019-02-30",
                        "commune": {"name": "X", "region": "TDMNPB"},
                        "values": {"15.1": "lots"},
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    assert main(["evaluate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert str(bad) in err
    assert "'2019-02-30' @ $.assessments[0].as_of" in err


def test_usage_error_exit_code() -> None:
    with pytest.raises(SystemExit) as info:
        main(["evaluate"])
    assert info.value.code == 2


def test_installed_command_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ntm_criteria.cli", "sets"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "commune-2016-2020" in done.stdout
    assert "1980/QĐ-TTg" in done.stdout


def test_evaluate_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", EXAMPLE, "--format", "markdown"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("| Commune | Set | Met | 1 | 2 |")
    row = next(line for line in lines if line.startswith("| Phú Đình |"))
    assert row.count("✗") == 4
    assert row.endswith("| NOT CERTIFIED |")


def test_evaluate_many_matches_one_by_one() -> None:
    import ntm_criteria as ntm

    assessments = ntm.read_assessments(EXAMPLE)
    rules = ntm.load_criteria_set("commune-2016-2020")
    assert ntm.evaluate_many(assessments) == [ntm.evaluate(a, rules) for a in assessments]
    import datetime as dt

    bad = [
        ntm.Assessment(ntm.Commune("A"), dt.date(2019, 1, 1)),
        ntm.Assessment(ntm.Commune("B", region="DBSH"), dt.date(2019, 1, 1), values={"99": 1}),
    ]
    with pytest.raises(ntm.AssessmentError) as info:
        ntm.evaluate_many(bad, rules)
    assert len(info.value.problems) == 2
