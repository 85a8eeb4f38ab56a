"""Layers over a set (model/layers.py): provincial restatements and what-if overlays, never
looser than a verified figure."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import ntm_criteria as ntm
from ntm_criteria import Status
from tests.conftest import ROOT, packaged_cells, reference_block, reference_cells

# --- provincial layers ---------------------------------------------------------------------------


def test_example_layer_loads_with_attribution() -> None:
    ref = reference_block("criteria-2016-2020.md")
    s = ntm.read_criteria_set(ROOT / "examples" / "vinh-long-2016-2020.toml")
    assert s.id == "vinh-long-2016-2020"
    assert s.layers == ("commune-2016-2020", "vinh-long-2016-2020")
    national = ntm.load_criteria_set("commune-2016-2020")
    changed = {(k[0], k[1]) for k, c in packaged_cells(s).items() if c.layer == s.id}
    assert changed == {
        ("4.2", "DBSCL"),
        ("5", "DBSCL"),
        ("6.3", "DBSCL"),
        ("9.1", "DBSCL"),
        ("9.2", "DBSCL"),
    }
    ref_cells = reference_cells([i for c in ref["criteria"] for i in c["indicators"]])
    for indicator, zone in changed:
        cell = s.indicator(indicator).thresholds[zone]
        ref_cell = ref_cells[(indicator, zone, None)]
        assert ref_cell["basis"] == "provincial_restatement"
        assert (cell.value, list(cell.source)) == (ref_cell["value"], ref_cell["source"])
    # untouched criteria are shared with the national set, not copied
    assert s.criterion(1) is national.criterion(1)
    e = ntm.evaluate(
        ntm.Assessment(ntm.Commune("X", region="DBSCL"), dt.date(2019, 1, 1), values={"9.2": 71}), s
    )
    assert e.indicator("9.2").threshold.layer == "vinh-long-2016-2020"  # type: ignore[union-attr]
    assert "from layer vinh-long-2016-2020" in ntm.explain(e)


def _layer(
    tmp_path: Path, cells: str, extends: str = "commune-2016-2020", name: str = "layer.toml"
) -> Path:
    path = tmp_path / name
    path.write_text(
        f'schema = "ntm-criteria/layer/1"\nid = "{path.stem}"\nextends = "{extends}"\n{cells}',
        encoding="utf-8",
    )
    return path


CELL = '[[cells]]\nindicator = "{i}"\nzone = "{z}"\nvalue = {v}\nstatus = "{s}"\nbasis = "{b}"\nsource = ["https://province.example/decision"]\n'


def test_layer_may_be_stricter_but_not_looser_than_verified(tmp_path: Path) -> None:
    # 15.1 health insurance: >= 85% in every region, verified.
    stricter = _layer(tmp_path, CELL.format(i="15.1", z="DBSH", v=90, s="verified", b="legal_text"))
    assert ntm.read_criteria_set(stricter).indicator("15.1").thresholds["DBSH"].value == 90
    looser = _layer(tmp_path, CELL.format(i="15.1", z="DBSH", v=80, s="verified", b="legal_text"))
    with pytest.raises(ntm.CriteriaDataError) as info:
        ntm.read_criteria_set(looser)
    (problem,) = info.value.problems
    national = ntm.load_criteria_set("commune-2016-2020").indicator("15.1").thresholds["DBSH"]
    assert "indicator 15.1, zone DBSH: 80 is looser than the verified level 85" in problem
    assert national.source[0] in problem
    assert "https://province.example/decision" in problem
    # 15.3 stunting is a ceiling: a higher ceiling is looser, but the national cell is
    # provisional, so a province may set it (its own source then stands for it).
    ceiling = _layer(
        tmp_path, CELL.format(i="15.3", z="DBSH", v=15, s="provisional", b="provincial_restatement")
    )
    assert ntm.read_criteria_set(ceiling).indicator("15.3").thresholds["DBSH"].value == 15


def test_layer_fills_unspecified_cells_and_chains(tmp_path: Path) -> None:
    # 11 poverty: unspecified for every region.
    _layer(
        tmp_path, CELL.format(i="11", z="TDMNPB", v=10, s="verified", b="legal_text"), name="a.toml"
    )
    second = _layer(
        tmp_path,
        CELL.format(i="12", z="TDMNPB", v=90, s="provisional", b="provincial_restatement"),
        extends="a.toml",
        name="b.toml",
    )
    s = ntm.read_criteria_set(second)
    assert s.layers == ("commune-2016-2020", "a", "b")
    assert s.indicator("11").thresholds["TDMNPB"].layer == "a"
    assert s.indicator("12").thresholds["TDMNPB"].layer == "b"
    e = ntm.evaluate(
        ntm.Assessment(ntm.Commune("X", region="TDMNPB"), dt.date(2019, 1, 1), values={"11": 9.5}),
        s,
    )
    assert e.indicator("11").status is Status.MET


def test_layer_errors_name_every_problem(tmp_path: Path) -> None:
    bad = _layer(
        tmp_path,
        CELL.format(i="99.9", z="TDMNPB", v=1, s="verified", b="legal_text")
        + CELL.format(i="3.1", z="Atlantis", v=90, s="verified", b="legal_text")
        + CELL.format(i="4.1", z="DBSH", v=90, s="verified", b="legal_text"),
    )
    with pytest.raises(ntm.CriteriaDataError) as info:
        ntm.read_criteria_set(bad)
    text = "\n".join(info.value.problems)
    assert "no indicator '99.9' @ $.cells[0]" in text
    assert "no zone 'Atlantis' @ $.cells[1].zone" in text
    assert "achieved needs value = true" in text
    circle = _layer(tmp_path, "", extends="loop.toml", name="loop.toml")
    with pytest.raises(ntm.CriteriaDataError, match="circle"):
        ntm.read_criteria_set(circle)


# --- what-if overlays ----------------------------------------------------------------------------


def test_what_if_overlay_shares_the_base_and_flags_verdicts() -> None:
    base = ntm.load_criteria_set("commune-2016-2020")
    before = base.indicator("10").thresholds_by_year[2020]["TDMNPB"]
    higher = base.with_overrides(
        ntm.Override("10", 40, "what if the income bar were 40", zone="TDMNPB", year=2020)
    )
    assert base.indicator("10").thresholds_by_year[2020]["TDMNPB"] is before  # untouched
    assert higher.criterion(1) is base.criterion(1)  # shared, not copied
    assert higher.id == "commune-2016-2020+what-if"
    a = ntm.Assessment(ntm.Commune("X", region="TDMNPB"), dt.date(2020, 6, 1), values={"10": 38.0})
    assert ntm.evaluate(a, base).indicator("10").status is Status.MET
    r = ntm.evaluate(a, higher).indicator("10")
    assert r.status is Status.NOT_MET
    assert [c.kind for c in r.caveats] == [ntm.CaveatKind.WHAT_IF]
    lower = base.with_overrides(
        ntm.Override("15.1", 80, "a looser health-insurance bar"), id="looser"
    )
    assert {c.value for c in lower.indicator("15.1").thresholds.values()} == {80}
    with pytest.raises(ntm.CriteriaDataError, match="no indicator"):
        base.with_overrides(ntm.Override("99", 1, "nothing"))
