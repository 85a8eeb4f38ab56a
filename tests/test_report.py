"""The report package: the HTML report (checked in a real headless browser), notebook views,
plots, text, tables, the short reprs of results, and the text-format notebook."""

from __future__ import annotations

import datetime as dt
import importlib
import runpy
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

import ntm_criteria as ntm
from ntm_criteria.cli import main
from ntm_criteria.report import write_report
from tests.conftest import ROOT

EXAMPLE = str(ROOT / "examples" / "dinh-hoa-2019.toml")
COSTS = str(ROOT / "examples" / "dinh-hoa-costs.toml")
PLAN_ARGS = [
    "--costs",
    COSTS,
    "--start",
    "2019",
    "--deadline",
    "2020",
    "--budget",
    "9",
    "--target",
    "3",
]


def _evaluations() -> list[ntm.Evaluation]:
    rules = ntm.load_criteria_set("commune-2016-2020")
    return [ntm.evaluate(a, rules) for a in ntm.read_assessments(EXAMPLE)]


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


def _chromium() -> str | None:
    return (
        shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome")
    )


def _render(path: Path) -> str:
    """The DOM of ``path`` after a real headless browser has loaded it."""
    browser = _chromium()
    # Never skipped: .ci/run installs Debian's chromium, and a machine without it fails here.
    assert browser is not None, "no headless Chromium: apt-get install chromium (as .ci/run does)"
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                "--dump-dom",
                path.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_report_renders_in_a_browser(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert main(["report", EXAMPLE, "--out", str(out), "--title", "Định Hóa 2019", *PLAN_ARGS]) == 0
    text = out.read_text(encoding="utf-8")
    assert "http" not in text.split("<body>")[0]  # nothing to fetch: self-contained
    dom = _render(out)
    assert "<title>Định Hóa 2019</title>" in dom
    assert '<div class="figure"><b>3</b>communes</div>' in dom
    # Phú Đình's row: criteria 9, 10, 11, 15 not met (declared), the rest met
    row = dom.split("Phú Đình</td>")[1].split("</tr>")[0]
    assert row.count('class="not_met"') == 4
    assert row.count('class="met"') == 15
    assert "Plan: 3 more commune(s), total 17 work units" in dom


def test_report_escapes_data(tmp_path: Path) -> None:
    rules = ntm.load_criteria_set("commune-2016-2020")
    import datetime as dt

    a = ntm.Assessment(ntm.Commune("<script>alert(1)</script>", region="DBSH"), dt.date(2020, 1, 1))
    path = write_report([ntm.evaluate(a, rules)], tmp_path / "r.html")
    assert "<script>" not in path.read_text(encoding="utf-8")


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
    evaluations = _evaluations()
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


def test_a_decision_is_shown_as_decided_not_decided_again() -> None:
    from ntm_criteria.report.html import evaluation_html

    e = _evaluations()[0]
    d = ntm.decide(e)
    assert evaluation_html(d) == evaluation_html(e)  # no prerequisites: the same decision
    with pytest.raises(
        TypeError, match="expected an Evaluation, a Decision, a CommunePlan or a DistrictPlan"
    ):
        ntm.explain(ntm.summarize([e]))  # type: ignore[arg-type]


def test_plots(tmp_path: Path) -> None:
    importlib.import_module("matplotlib")  # the test extra installs it
    import matplotlib

    matplotlib.use("Agg")
    from ntm_criteria.report import plots

    evaluations = _evaluations()
    ax = plots.heatmap(evaluations)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Phú Đình", "Sơn Phú", "Trung Lương"]
    plan = ntm.plan_district(evaluations, target=3, start=2019, deadline=2020, budget_per_year=15)
    assert len(plots.timeline(plan).patches) == 4 + 5 + 6
    ax = plots.progress(evaluations)
    ax.figure.savefig(tmp_path / "p.png")
    assert (tmp_path / "p.png").stat().st_size > 0


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


def test_results_read_well_in_a_repl() -> None:
    evaluations = _evaluations()
    e = evaluations[0]
    d = ntm.decide(e)
    s = ntm.load_criteria_set("commune-2016-2020")
    plan = ntm.plan_district(evaluations, target=3, start=2019, deadline=2020, budget_per_year=15)
    shown = {
        repr(e): "<Evaluation Phú Đình 15/19 commune-2016-2020 TDMNPB 2019>",
        repr(d): "<Decision Phú Đình not_certified 15/19 commune-2016-2020>",
        repr(
            s
        ): "<CriteriaSet commune-2016-2020 1980/QĐ-TTg, 19 criteria, 2016-12-01 to 2022-03-07>",
        repr(ntm.coverage(s)): (
            "<Coverage commune-2016-2020: 432 cells, 47 verified, 253 provisional, 132 unspecified>"
        ),
        repr(
            ntm.summarize(evaluations)
        ): "<Summary 3 communes, 0 certified, 14.0 criteria met on average>",
    }
    for got, expected in shown.items():
        assert got == expected
    for result in (plan, *plan.communes, ntm.plan_commune(e)):
        assert len(repr(result)) < 200
    assert str(e).startswith("Phú Đình: 15/19 criteria met under commune-2016-2020")
    assert "criterion 10 Income: not met in 3" in str(ntm.summarize(evaluations))


def test_the_package_lists_its_public_names() -> None:
    names = dir(ntm)
    assert "plan_district" in names and "read_assessments" in names  # loaded on first use
    assert "Any" not in names and "TYPE_CHECKING" not in names and "importlib" not in names
    assert names == sorted(ntm.__all__)


def test_a_result_types_dataframe_columns_do_not_change_with_the_data() -> None:
    importlib.import_module("pandas")
    rules = ntm.load_criteria_set("commune-2016-2020")
    import datetime as dt

    bare = ntm.evaluate(ntm.Assessment(ntm.Commune("A", region="DBSH"), dt.date(2019, 1, 1)), rules)
    full = _evaluations()[0]
    for kind in (lambda e: e, lambda e: ntm.decide(e), lambda e: [e]):
        assert list(ntm.to_dataframe(kind(bare)).columns) == list(
            ntm.to_dataframe(kind(full)).columns
        )


def test_the_vietnamese_report_renders_in_a_browser(tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.html"
    assert main(["report", EXAMPLE, "--out", str(out), "--lang", "vi", *PLAN_ARGS]) == 0
    dom = _render(out)
    for heading in ("Tổng hợp", "Các xã theo tiêu chí", "Giải thích", "Kế hoạch"):
        assert heading in dom
    assert "<th>Xã</th><th>Huyện</th><th>Tỉnh</th><th>Đạt</th>" in dom
    assert (
        "<th>Việc cần làm</th><th>Năm</th><th>Kinh phí</th><th>Lý do</th>" in dom
    )  # the plan table
    assert "CHƯA ĐẠT CHUẨN" in dom


def test_a_set_id_is_accepted_wherever_a_set_is_and_other_types_are_named() -> None:
    assert ntm.coverage("commune-2016-2020").total.cells == 432
    evaluations = _evaluations()
    again = ntm.evaluate_many([e.assessment for e in evaluations], "commune-2016-2020")
    assert [e.score for e in again] == ["15/19", "14/19", "13/19"]
    t = ntm.transition(
        evaluations[0].assessment, "commune-2016-2020", "commune-2021-2025", dt.date(2022, 6, 30)
    )
    assert t.before.criteria_set.id == "commune-2016-2020"
    with pytest.raises(
        TypeError, match=r"expected a datetime.date, got str \(datetime.date.fromisoformat"
    ):
        ntm.set_in_force("2019-12-31")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expected a CriteriaSet or a packaged set id, got int"):
        ntm.coverage(5)  # type: ignore[arg-type]


def test_a_report_over_several_sets_has_a_section_for_each(tmp_path: Path) -> None:
    from ntm_criteria.report.html import report_html

    old = ntm.Assessment(ntm.Commune("Phú Đình", region="TDMNPB"), dt.date(2019, 12, 31))
    new = ntm.Assessment(ntm.Commune("Sơn Phú", region="TDMNPB"), dt.date(2023, 12, 31))
    html = report_html(ntm.evaluate_many([old, new]), lang="vi")
    assert html.count("<h3>Tổng hợp</h3>") == 2  # one summary per set, none left out
    assert "(commune-2016-2020)</h2>" in html and "(commune-2021-2025)</h2>" in html
    assert "Số liệu đến ngày 2023-12-31" in html  # the latest assessment, not the clock
    dated = report_html(ntm.evaluate_many([old]), date=dt.date(2020, 1, 15))
    assert "Data as of 2020-01-15" in dated


def test_a_conflict_cell_says_why(tmp_path: Path) -> None:
    from ntm_criteria.report.html import grid_html

    rules = ntm.load_criteria_set("commune-2016-2020")
    # health insurance 90% meets 15.1, yet criterion 15 is declared not met: a conflict
    a = ntm.Assessment(
        ntm.Commune("Phú Đình", region="TDMNPB"),
        dt.date(2019, 12, 31),
        values={"15.1": 90.0, "15.2": True, "15.3": 20.0},
        declarations={15: False},
    )
    d = ntm.decide(ntm.evaluate(a, rules))
    assert d.evaluation.criterion(15).status is ntm.Status.UNKNOWN
    cell = grid_html([d]).split('title="Health: unknown')[1].split('"')[0]
    assert "the declaration and the measured values disagree" in cell
    assert "declared not met but the measured values make it met" in ntm.explain(d.evaluation)
