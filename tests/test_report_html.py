"""The HTML report (report/html.py), checked in a real headless browser in both languages."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

import ntm_criteria as ntm
from ntm_criteria.cli import main
from ntm_criteria.report import write_report
from tests.examples_support import EXAMPLE, PLAN_ARGS, example_evaluations


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


def test_a_decision_is_shown_as_decided_not_decided_again() -> None:
    from ntm_criteria.report.html import evaluation_html

    e = example_evaluations()[0]
    d = ntm.decide(e)
    assert evaluation_html(d) == evaluation_html(e)  # no prerequisites: the same decision
    with pytest.raises(
        TypeError, match="expected an Evaluation, a Decision, a CommunePlan or a DistrictPlan"
    ):
        ntm.explain(ntm.summarize([e]))  # type: ignore[arg-type]


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
