"""The reference pages stay true: every example of the file-format page reads, every option of
the command line is documented, every public name is in the API reference."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import ntm_criteria as ntm
from ntm_criteria.cli.args import parser
from tests.conftest import ROOT

DOCS = ROOT / "docs"
EXAMPLE = re.compile(r"<!-- example: ([a-z-]+) -->\n```\w+\n(.*?)```", re.S)


def _examples() -> dict[str, str]:
    text = (DOCS / "reference" / "file-formats.md").read_text(encoding="utf-8")
    return dict(EXAMPLE.findall(text))


def test_the_file_format_page_has_an_example_of_every_format() -> None:
    assert set(_examples()) == {
        "assessments",
        "table",
        "criteria-set",
        "layer",
        "costs",
        "cases",
    }


@pytest.mark.parametrize("kind", sorted(_examples()))
def test_every_file_format_example_reads(kind: str, tmp_path: Path) -> None:
    text = _examples()[kind]
    suffix = ".csv" if kind == "table" else ".toml"
    path = tmp_path / f"example{suffix}"
    path.write_text(text, encoding="utf-8")
    if kind in ("assessments", "table"):
        (a,) = ntm.read_assessments(path)
        assert a.commune.name == "Phú Đình"
        assert ntm.evaluate_many([a])[0].criterion(9).status is ntm.Status.NOT_MET
    elif kind in ("criteria-set", "layer"):
        s = ntm.read_criteria_set(path)
        assert s.id in ("example-set", "tinh-x-2016-2020")
    elif kind == "costs":
        costs = ntm.read_cost_model(path)
        assert costs.options("Phú Đình", "10", 10)[1].fixed == 1500
    else:
        (result,) = ntm.run_cases([path])
        assert result.passed, str(result)


def test_every_command_line_option_is_documented() -> None:
    page = (DOCS / "reference" / "cli.md").read_text(encoding="utf-8")
    p = parser()
    commands = next(a for a in p._actions if a.dest == "command").choices
    assert commands is not None
    for name, sub in commands.items():
        assert f"## {name}\n" in page, name
        for action in sub._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert option in page, f"{name} {option}"
    assert "--version" in page


def test_the_api_reference_lists_every_public_name() -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in (DOCS / "reference").glob("*.md"))
    missing = [n for n in ntm.__all__ if not re.search(rf"ntm_criteria\.{n}\b", text)]
    assert missing == []
