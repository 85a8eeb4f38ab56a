"""Notebooks (report/notebook.py): Jupyter's HTML views, and the example notebook and scripts run."""

from __future__ import annotations

import importlib
import runpy

import pytest

import ntm_criteria as ntm
from tests.conftest import ROOT
from tests.examples_support import example_evaluations


class _Formatter:
    def __init__(self) -> None:
        self.renderers: dict[type, object] = {}

    def for_type(self, cls: type, render: object) -> None:
        self.renderers[cls] = render


class _Shell:
    """What IPython's display system offers a library: one formatter per MIME type."""

    def __init__(self) -> None:
        self.display_formatter = type("D", (), {"formatters": {"text/html": _Formatter()}})()


def test_notebook_views() -> None:
    from ntm_criteria.report import notebook

    shell = _Shell()
    assert notebook.register(shell)
    html = shell.display_formatter.formatters["text/html"].renderers
    evaluations = example_evaluations()
    e = evaluations[0]
    assert "Phú Đình" in html[ntm.Evaluation](e)
    assert "<table" in html[ntm.Decision](ntm.decide(e))
    assert "<b>14</b>" in html[ntm.Summary](ntm.summarize(evaluations))  # criteria met on average
    plan = ntm.plan_district(evaluations, target=3, start=2019, deadline=2020, budget_per_year=15)
    assert "proven optimal" in html[ntm.DistrictPlan](plan)
    assert not notebook.register()  # outside IPython there is nothing to register with
    importlib.import_module("pandas")  # the test extra installs it
    assert list(ntm.to_dataframe(plan)["commune"]).count("Trung Lương") == 6
    # one row per indicator verdict: the 49 indicators of 1980/QĐ-TTg, and the two parts of
    # the compound 17.1 (hygienic water, of which clean water) beside it
    assert ntm.to_dataframe(e).shape[0] == 51


def test_text_notebook_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    importlib.import_module("matplotlib")  # the test extra installs it
    importlib.import_module("pandas")  # the test extra installs it
    monkeypatch.setenv("MPLBACKEND", "Agg")
    import matplotlib

    matplotlib.use("Agg")
    runpy.run_path(str(ROOT / "examples" / "dinh_hoa_notebook.py"), run_name="__main__")


def test_examples_dir_scripts_all_run_in_tests() -> None:
    scripts = sorted(p.name for p in (ROOT / "examples").glob("*.py"))
    # each of these is run by a test in this suite; a new script needs its own test
    assert scripts == ["dinh_hoa.py", "dinh_hoa_notebook.py", "dinh_hoa_plan.py"]
