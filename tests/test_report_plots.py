"""Plots (report/plots.py, the plot extra)."""

from __future__ import annotations

import importlib
from pathlib import Path

import ntm_criteria as ntm
from tests.examples_support import example_evaluations


def test_plots(tmp_path: Path) -> None:
    importlib.import_module("matplotlib")  # the test extra installs it
    import matplotlib

    matplotlib.use("Agg")
    from ntm_criteria.report import plots

    evaluations = example_evaluations()
    ax = plots.heatmap(evaluations)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Phú Đình", "Sơn Phú", "Trung Lương"]
    plan = ntm.plan_district(evaluations, target=3, start=2019, deadline=2020, budget_per_year=15)
    assert len(plots.timeline(plan).patches) == 4 + 5 + 6
    ax = plots.progress(evaluations)
    ax.figure.savefig(tmp_path / "p.png")
    assert (tmp_path / "p.png").stat().st_size > 0
