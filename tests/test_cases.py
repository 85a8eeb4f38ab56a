"""Case files (ntm_criteria.cases): a failing case says every expected and actual value."""

from __future__ import annotations

from pathlib import Path

import pytest

import ntm_criteria as ntm
from ntm_criteria.cli import main
from tests.conftest import ROOT

CASES = ROOT / "tests" / "cases"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cases.toml"
    path.write_text('schema = "ntm-criteria/cases/1"\n' + text, encoding="utf-8")
    return path


WRONG = f"""
set = "commune-2016-2020"

[[cases]]
name = "Phú Đình, expected wrongly"
assessments = "{(ROOT / "examples" / "dinh-hoa-2019.toml").as_posix()}"
commune = "Phú Đình"

[cases.expect]
outcome = "certified"
score = "19/19"
not_met = [9]
criteria = {{ 9 = "met" }}
indicators = {{ "15.1" = "met" }}
"""


def test_a_failing_case_lists_every_difference(tmp_path: Path) -> None:
    (result,) = ntm.run_cases([_write(tmp_path, WRONG)])
    assert not result.passed
    assert result.failures == (
        "outcome: expected certified, got not_certified",
        "score: expected '19/19', got '15/19'",
        "not_met: expected [9], got [9, 10, 11, 15]",
        "criterion 9: expected met, got not_met",
        # the review gives criterion statuses only, so no indicator has a value
        "indicator 15.1: expected met, got unknown",
    )


def test_the_command_line_prints_failures_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["test", str(_write(tmp_path, WRONG)), *map(str, sorted(CASES.glob("*.toml")))]) == 1
    )
    out = capsys.readouterr().out
    assert "Phú Đình, expected wrongly: FAILED" in out
    assert "  - outcome: expected certified, got not_certified" in out
    assert out.strip().endswith("7 passed, 1 failed")


def test_the_project_cases_pass_from_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", *map(str, sorted(CASES.glob("*.toml")))]) == 0
    assert capsys.readouterr().out.strip() == "7 passed, 0 failed"


def test_an_expected_error_that_does_not_come_is_a_failure(tmp_path: Path) -> None:
    text = """
[[cases]]
name = "in period"
set = "commune-2016-2020"
expect = { error = "outside the period" }
assessment = { as_of = "2019-12-31", commune = { name = "Xã A", region = "DBSH" } }
"""
    (result,) = ntm.run_cases([_write(tmp_path, text)])
    assert result.failures == ("error: expected one containing 'outside the period', got none",)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (
            '[[cases]]\nname = "x"\nexpect = { outcom = "certified" }\nassessments = "a.toml"\n',
            "outcom",
        ),
        (
            '[[cases]]\nname = "x"\nexpect = { outcome = "approved" }\nassessments = "a.toml"\n',
            "approved",
        ),
        (
            '[[cases]]\nname = "x"\nexpect = {}\n',
            "give either assessments = FILE or [cases.assessment], not neither",
        ),
    ],
)
def test_a_bad_case_file_is_refused_naming_the_problem(
    tmp_path: Path, text: str, fragment: str
) -> None:
    with pytest.raises(ntm.DataFileError) as info:
        ntm.read_cases(_write(tmp_path, text))
    assert fragment in str(info.value)


def test_a_case_file_needs_its_schema(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("[[cases]]\n", encoding="utf-8")
    with pytest.raises(ntm.DataFileError, match="expected schema = 'ntm-criteria/cases/1'"):
        ntm.read_cases(path)
