"""Coverage (coverage_report.py): the README's table is what the packaged sets give."""

from __future__ import annotations

import ntm_criteria as ntm
from tests.conftest import ROOT

ALL_SETS = ntm.criteria_sets()


def test_readme_coverage_table_is_current() -> None:
    """The README's table of packaged sets states the counts the package really holds."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for set_id in ALL_SETS:
        s = ntm.load_criteria_set(set_id)
        t = ntm.coverage(s).total
        row = next(line for line in text.splitlines() if line.startswith(f"| `{set_id}` |"))
        assert f"| {t.cells} ({t.verified} / {t.provisional} / {t.unspecified}) |" in row, row
        assert str(s.in_force_from) in row
