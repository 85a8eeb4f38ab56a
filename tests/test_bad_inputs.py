"""The bad-input corpus (tests/bad_inputs/cases.toml): every door refuses what it cannot trust.

Each case names a file, the door it goes through and the error fragment it must give; a file
that can be read must never end in CERTIFIED.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

import ntm_criteria as ntm
from ntm_criteria.cli import main

HERE = Path(__file__).parent / "bad_inputs"
CASES: list[dict[str, Any]] = tomllib.loads((HERE / "cases.toml").read_text(encoding="utf-8"))[
    "cases"
]


def _through(case: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> str:
    """The error message the case's door gives, or "never certified" when it reads."""
    path = HERE / case["file"]
    if case["door"] == "cli":
        argv = ["evaluate", str(path)] + (["--set", case["set"]] if "set" in case else [])
        code = main(argv)
        err = capsys.readouterr().err
        assert code == 1, err
        assert "Traceback" not in err
        return err
    try:
        if case["door"] == "layer":
            ntm.read_criteria_set(path)
            return "read"
        if case["door"] == "costs":
            ntm.read_cost_model(path)
            return "read"
        chosen = ntm.load_criteria_set(case["set"]) if "set" in case else None
        assessments = ntm.read_assessments(path, chosen)
        decisions = [ntm.decide(e) for e in ntm.evaluate_many(assessments, chosen)]
    except ntm.NtmError as exc:
        return str(exc)
    assert not any(d.certified for d in decisions)
    return "never certified"


@pytest.mark.parametrize("case", CASES, ids=[f"{c['door']}:{c['file']}" for c in CASES])
def test_bad_input_is_refused(case: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    assert case["expect"] in _through(case, capsys)


def test_the_corpus_covers_every_file() -> None:
    named = {c["file"] for c in CASES}
    assert named == {p.name for p in HERE.iterdir() if p.name != "cases.toml"}
    assert len(CASES) >= 20


TABLES = [c for c in CASES if c["file"].endswith((".csv", ".xlsx")) and "set" in c]


@pytest.mark.parametrize("case", TABLES, ids=[c["file"] for c in TABLES])
def test_the_column_reader_refuses_a_bad_table_as_the_row_reader_does(
    case: dict[str, Any],
) -> None:
    with pytest.raises(ntm.TableError) as caught:
        ntm.read_columns(HERE / case["file"], case["set"])
    assert case["expect"] in str(caught.value)
