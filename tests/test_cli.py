"""The command line (cli/): each command's output, its help, and every failure as one line."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

import ntm_criteria as ntm
from ntm_criteria.cli import main
from tests.examples_support import COSTS, EXAMPLE, PLAN_ARGS


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

    assessments = ntm.read_assessments(EXAMPLE)
    rules = ntm.load_criteria_set("commune-2016-2020")
    assert ntm.evaluate_many(assessments) == [ntm.evaluate(a, rules) for a in assessments]

    bad = [
        ntm.Assessment(ntm.Commune("A"), dt.date(2019, 1, 1)),
        ntm.Assessment(ntm.Commune("B", region="DBSH"), dt.date(2019, 1, 1), values={"99": 1}),
    ]
    with pytest.raises(ntm.AssessmentError) as info:
        ntm.evaluate_many(bad, rules)
    assert len(info.value.problems) == 2


PLAN = ["plan", EXAMPLE, "--start", "2019", "--deadline", "2020"]


def _files(tmp: Path) -> dict[str, str]:
    header_only = tmp / "header-only.csv"
    header_only.write_text("Xã,Vùng,Ngày đánh giá,Tiêu chí 1\n", encoding="utf-8")
    empty_default = tmp / "empty-default.toml"
    empty_default.write_text("default = []\n", encoding="utf-8")
    cycle = tmp / "cycle.toml"
    cycle.write_text(
        'precedence = [["criterion 13", "criterion 10"], ["criterion 10", "criterion 13"]]\n',
        encoding="utf-8",
    )
    return {
        "HEADER_ONLY": str(header_only),
        "EMPTY_DEFAULT": str(empty_default),
        "CYCLE": str(cycle),
        "MISSING_DIR": str(tmp / "no-such-folder" / "out.csv"),
        "A_FOLDER": str(tmp),
    }


# (what, arguments, exit code, a fragment of the one-line message): every case of issue 13
FAILURES = [
    (
        "csv of a header-only file",
        ["evaluate", "HEADER_ONLY", "--format", "csv"],
        1,
        "no assessments",
    ),
    ("negative budget", [*PLAN, "--budget", "-5"], 2, "argument --budget: expected money per year"),
    ("textual budget", [*PLAN, "--budget", "abc"], 2, "got 'abc'"),
    ("NaN budget", [*PLAN, "--budget", "nan"], 2, "got 'nan'"),
    ("infinite budget", [*PLAN, "--budget", "inf"], 2, "got 'inf'"),
    ("target above the communes", [*PLAN, "--target", "10"], 2, "more than the 3 communes"),
    ("fractional target", [*PLAN, "--target", "1.5"], 2, "use --share"),
    ("negative target", [*PLAN, "--target", "-1"], 2, "argument --target"),
    ("textual target", [*PLAN, "--target", "abc"], 2, "a whole number of at least 1"),
    ("share above 1", [*PLAN, "--share", "1.5"], 2, "above 0 and at most 1"),
    (
        "deadline before start",
        ["plan", EXAMPLE, "--deadline", "2019", "--start", "2021"],
        2,
        "is before --start",
    ),
    ("deadline in 3000", ["plan", EXAMPLE, "--deadline", "3000"], 2, "a year from 2000 to 2100"),
    (
        "cost model without default",
        ["plan", EXAMPLE, "--costs", "EMPTY_DEFAULT"],
        1,
        "CostModel.default",
    ),
    (
        "cost model with a cycle",
        ["plan", EXAMPLE, "--costs", "CYCLE"],
        1,
        "precedence without a cycle",
    ),
    (
        "out into a missing folder",
        ["evaluate", EXAMPLE, "--out", "MISSING_DIR"],
        1,
        "No such file or directory",
    ),
    ("out onto a folder", ["report", EXAMPLE, "--out", "A_FOLDER"], 1, "Is a directory"),
    ("unknown commune", ["explain", EXAMPLE, "--commune", "Phu"], 2, "did you mean Phú Đình"),
    ("unknown set", ["evaluate", EXAMPLE, "--set", "commune-2017"], 1, "no packaged criteria set"),
]


@pytest.mark.parametrize(
    ("what", "argv", "code", "fragment"), FAILURES, ids=[f[0] for f in FAILURES]
)
def test_every_failure_is_one_line_without_traceback(
    what: str,
    argv: list[str],
    code: int,
    fragment: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    files = _files(tmp_path)
    argv = [files.get(a, a) for a in argv]
    try:
        result = main(argv)
    except SystemExit as exc:  # argparse stops at a bad argument
        result = exc.code
    assert result == code
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.startswith("ntm-criteria: error: ")
    assert fragment in err


def test_csv_output_quotes_what_needs_quoting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv
    import io

    path = tmp_path / "one.toml"
    text = (
        Path(EXAMPLE).read_text(encoding="utf-8").replace('"Phú Đình"', '"Phú Đình, Định Hóa"', 1)
    )
    path.write_text(text, encoding="utf-8")
    assert main(["evaluate", str(path), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["commune"] == "Phú Đình, Định Hóa"
    assert len(rows) == 3


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib import metadata

    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"ntm-criteria {metadata.version('ntm-criteria')}"


def test_a_share_plans_that_share_of_the_communes(capsys: pytest.CaptureFixture[str]) -> None:
    argv = [*PLAN, "--costs", COSTS, "--budget", "9", "--share", "0.5"]
    assert main(argv) == 0
    assert "Target: 2 certified communes by 2020" in capsys.readouterr().out  # 0.5 of 3, up


def test_progress_is_shown_when_asked_for(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", EXAMPLE, "--progress"]) == 0
    assert "read and evaluated 3" in capsys.readouterr().err
    assert main(["evaluate", EXAMPLE, "--progress", "--lang", "vi"]) == 0
    assert "đã đọc và đánh giá 3" in capsys.readouterr().err
    assert main(["evaluate", EXAMPLE, "--no-progress"]) == 0
    assert "evaluated" not in capsys.readouterr().err


def test_streamed_output_is_the_batch_output(capsys: pytest.CaptureFixture[str]) -> None:
    import csv
    import io

    assert main(["evaluate", EXAMPLE, "--format", "csv"]) == 0
    streamed = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    decisions = [ntm.decide(e) for e in ntm.evaluate_many(ntm.read_assessments(EXAMPLE))]
    batch = ntm.evaluation_rows([d.evaluation for d in decisions], decisions)
    assert streamed == [{k: "" if v is None else str(v) for k, v in row.items()} for row in batch]


def test_a_bad_assessment_stops_the_stream_before_any_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "late.csv"
    path.write_text(
        "Xã,Vùng,Ngày đánh giá,Tiêu chí 1\n"
        "Phú Đình,TDMNPB,31/12/2019,Đạt\n"
        "Sơn Phú,TDMNPB,01/01/2010,Đạt\n",  # no packaged set is in force in 2010
        encoding="utf-8",
    )
    assert main(["evaluate", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no packaged commune set" in captured.err


def test_errors_of_the_command_line_are_said_in_the_users_language(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LC_ALL", "vi_VN.UTF-8")
    with pytest.raises(SystemExit):
        main([*PLAN, "--budget", "-5"])
    err = capsys.readouterr().err
    assert err.startswith("ntm-criteria: error: argument --budget: cần số tiền mỗi năm lớn hơn 0")
    assert "(xem ntm-criteria plan --help)" in err
    assert main([*PLAN, "--target", "10", "--lang", "vi"]) == 2
    assert "--target 10 nhiều hơn 3 xã của" in capsys.readouterr().err
    assert main(["explain", EXAMPLE, "--commune", "Phu", "--lang", "vi"]) == 2
    assert "không có xã tên 'Phu'; có phải là Phú Đình, Sơn Phú?" in capsys.readouterr().err


def test_cli_explain(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", EXAMPLE, "--commune", "phu dinh", "--lang", "vi"]) == 0
    out = capsys.readouterr().out
    assert "Phú Đình: đạt 15/19 tiêu chí" in out
    assert "CHƯA ĐẠT CHUẨN" in out
    assert main(["explain", EXAMPLE, "--commune", "Atlantis"]) == 2
    assert "no commune named 'Atlantis'" in capsys.readouterr().err


def test_cli_plan(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", EXAMPLE, *PLAN_ARGS]) == 0
    out = capsys.readouterr().out
    assert "Plan: 3 more commune(s), total 17 work units (proven optimal (branch and bound))" in out
    assert "Phú Đình: 15/19 criteria met; plan least cost, 2019-2020" in out


def test_cli_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("sets", "evaluate", "validate", "explain", "plan", "report"):
        with pytest.raises(SystemExit) as info:
            main([command, "--help"])
        assert info.value.code == 0
        assert "examples:" in capsys.readouterr().out
