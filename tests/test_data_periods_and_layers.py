"""The packaged sets' periods and tiers, the special-zone rule, layers, what-if overlays and
transitions (data/, model/layers.py, engine/transition.py)."""

from __future__ import annotations

import collections
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import ntm_criteria as ntm
from ntm_criteria import EvidenceStatus, Outcome, Status
from ntm_criteria.engine.compile import resolve_set
from tests.conftest import ROOT, reference_block, reference_cells

ALL_SETS = ntm.criteria_sets()


# --- the packaged sets against the reference ---------------------------------------------


def _pkg_cells(s: ntm.CriteriaSet) -> dict[tuple[str, str, int | None], ntm.Threshold]:
    return {
        (leaf.id, zone, year): cell
        for _, ind in s.indicators()
        for leaf in ind.parts or (ind,)
        for zone, year, cell in leaf.cells()
    }


@pytest.mark.parametrize(
    ("set_id", "reference", "where", "counts"),
    [
        # (file, where the indicators are, cells: verified, provisional, unspecified) as the
        # reference README's "Counts" table gives them.
        ("commune-2016-2020", "criteria-2016-2020.md", "main", (47, 253, 132)),
        ("commune-2021-2025", "criteria-2021-2025.md", "main", (33, 136, 343)),
        ("commune-2026-2030", "criteria-2026-2030.md", "main", (0, 0, 18)),
        ("commune-advanced-2021-2025", "criteria-2021-2025.md", "advanced", (0, 16, 8)),
    ],
)
def test_cells_are_the_reference_cells(
    set_id: str, reference: str, where: str, counts: tuple[int, int, int]
) -> None:
    ref = reference_block(reference)
    if where == "main":
        indicators = [i for c in ref["criteria"] for i in c["indicators"]] + list(
            ref.get("unplaced_indicators") or []
        )
    else:
        tier = next(t for t in ref["tiers"] if t["key"] == where)
        indicators = [i for c in tier["criteria"] for i in c["indicators"]]
    expected, ours = reference_cells(indicators), _pkg_cells(ntm.load_criteria_set(set_id))
    assert set(expected) == set(ours)
    for key, cell in expected.items():
        mine = ours[key]
        assert (mine.value, mine.status.value, mine.basis.value if mine.basis else None) == (
            cell["value"],
            cell["status"],
            cell.get("basis"),
        ), key
        assert (list(mine.source), mine.note, mine.applies) == (
            cell["source"],
            cell.get("note"),
            cell.get("applies", True),
        ), key
    tally = collections.Counter(c.status.value for c in ours.values())
    assert (tally["verified"], tally["provisional"], tally["unspecified"]) == counts
    total = ntm.coverage(ntm.load_criteria_set(set_id)).total
    assert (total.verified, total.provisional, total.unspecified) == counts


def test_criteria_counts_and_incomplete_lists() -> None:
    s = ntm.load_criteria_set("commune-2021-2025")
    assert len(s.criteria) == 19
    assert s.indicator_count.value == 57
    assert len(list(s.indicators())) == 55
    # Most 2021-2025 criteria have no official indicator count: they can never be found met.
    incomplete = [c.id for c in s.criteria if not c.complete]
    assert incomplete == [c.id for c in s.criteria if c.indicator_count.value is None]
    assert len(ntm.load_criteria_set("commune-2026-2030").criteria) == 10


# --- choosing a set by date ----------------------------------------------------------------


def test_every_day_has_exactly_one_standard_commune_set() -> None:
    s21 = reference_block("criteria-2021-2025.md")["set"]
    s26 = reference_block("criteria-2026-2030.md")["set"]
    start_21 = dt.date.fromisoformat(s21["in_force_from"])
    start_26 = dt.date.fromisoformat(s26["in_force_from"])
    day = dt.date(2016, 12, 1)
    while day <= dt.date(2030, 12, 31):
        expected = (
            "commune-2016-2020"
            if day < start_21
            else "commune-2021-2025"
            if day < start_26
            else "commune-2026-2030"
        )
        assert ntm.set_in_force(day).id == expected, day
        day += dt.timedelta(days=1)
    with pytest.raises(ntm.PeriodError, match="2016-11-30"):
        ntm.set_in_force(dt.date(2016, 11, 30))


@pytest.mark.parametrize("tier", ["advanced", "model"])
def test_advanced_and_model_tiers_exist_in_2021_2025_only(tier: str) -> None:
    assert ntm.set_in_force(dt.date(2022, 3, 8), tier=tier).id == f"commune-{tier}-2021-2025"
    assert ntm.set_in_force(dt.date(2026, 2, 14), tier=tier).id == f"commune-{tier}-2021-2025"
    for day in (dt.date(2022, 3, 7), dt.date(2026, 2, 15), dt.date(2019, 1, 1)):
        with pytest.raises(ntm.PeriodError, match=tier):
            ntm.set_in_force(day, tier=tier)


def test_district_sets_by_date() -> None:
    assert ntm.set_in_force(dt.date(2019, 6, 1), level="district").id == "district-2016-2020"
    assert ntm.set_in_force(dt.date(2024, 6, 1), level="district").id == "district-2021-2025"
    with pytest.raises(ntm.PeriodError):  # districts were abolished on 2025-07-01
        ntm.set_in_force(dt.date(2025, 7, 1), level="district")


#: Leaf indicators per set, counted in the reference's YAML (every criterion's indicators, a
#: compound indicator counted by its parts, and the unplaced ones): 50 for 2016-2020, 61 for
#: 2021-2025, the 6 known contents of 2026-2030; the advanced and model tiers list 3 each, and
#: the district sets none.
LEAF_INDICATORS = {
    "commune-2016-2020": 50,
    "commune-2021-2025": 61,
    "commune-2026-2030": 6,
    "commune-advanced-2021-2025": 3,
    "commune-model-2021-2025": 3,
    "district-2016-2020": 0,
    "district-2021-2025": 0,
}


def test_every_packaged_set_has_its_leaf_count() -> None:
    assert set(LEAF_INDICATORS) == set(ALL_SETS)


@pytest.mark.parametrize("set_id", ALL_SETS)
def test_every_zone_resolves_for_every_indicator(set_id: str) -> None:
    s = ntm.load_criteria_set(set_id)
    first = s.in_force_from.year
    last = (s.in_force_until or dt.date(2030, 12, 31)).year
    expected = LEAF_INDICATORS[set_id]
    assert len(s.indicator_ids()) == expected
    for zone in s.zone_codes:
        for year in range(first, last + 1):
            plan = resolve_set(s, zone, year)
            leaves = [
                p for rc in plan.criteria for ri in rc.indicators for p in (ri.parts or (ri,))
            ]
            leaves += [p for ri in plan.unplaced for p in (ri.parts or (ri,))]
            # per-sex indicators resolve as two halves sharing one cell
            assert len({p.indicator.id.split("/")[0] for p in leaves}) == expected
            for ri in leaves:
                assert ri.threshold is not None
                assert (ri.threshold.value is None) == (
                    ri.threshold.status is EvidenceStatus.UNSPECIFIED or not ri.threshold.applies
                )


# --- the special rule for especially difficult and safe-zone communes ----------------------


def _mekong(flag: bool, **kw: Any) -> ntm.Assessment:
    commune = ntm.Commune("X", region="DBSCL", especially_difficult=flag, applies_tdmnpb_level=flag)
    return ntm.Assessment(commune, dt.date(2023, 6, 30), **kw)


@pytest.mark.parametrize("set_id", ["commune-2021-2025", "commune-advanced-2021-2025"])
def test_special_rule_uses_tdmnpb_levels_in_2021_2025(set_id: str) -> None:
    s = ntm.load_criteria_set(set_id)
    e = ntm.evaluate(_mekong(True), s)
    assert e.zone == "TDMNPB"
    assert "especially_difficult_and_safe_zone_use_TDMNPB" in e.zone_reason
    assert e.caveats[0].kind is ntm.CaveatKind.OVERRIDE_APPLIED
    assert ntm.evaluate(_mekong(False), s).zone == "DBSCL"


def test_special_rule_is_not_for_model_communes_nor_2016_2020() -> None:
    assert (
        ntm.evaluate(_mekong(True), ntm.load_criteria_set("commune-model-2021-2025")).zone
        == "DBSCL"
    )
    old = ntm.Assessment(_mekong(True).commune, dt.date(2019, 6, 30))
    assert ntm.evaluate(old, ntm.load_criteria_set("commune-2016-2020")).zone == "DBSCL"


def test_special_rule_changes_the_advanced_electricity_level() -> None:
    # Advanced 4.households: TDMNPB 98%, DBSCL 99% (provisional, MOIT 1327/QĐ-BCT).
    s = ntm.load_criteria_set("commune-advanced-2021-2025")
    assert (
        ntm.evaluate(_mekong(True, values={"4.households": 98.5}), s)
        .indicator("4.households")
        .status
        is Status.MET
    )
    assert (
        ntm.evaluate(_mekong(False, values={"4.households": 98.5}), s)
        .indicator("4.households")
        .status
        is Status.NOT_MET
    )


# --- tiers and recognition -------------------------------------------------------------------

FACTS_21 = {
    "outstanding_capital_construction_debt": False,
    "satisfaction_rate": True,
    "security_order_complicated": False,
}


def _declared(s: ntm.CriteriaSet, met: bool = True, **facts: Any) -> ntm.Evaluation:
    a = ntm.Assessment(
        ntm.Commune("X", region="BTB"),
        dt.date(2024, 6, 30),
        declarations=dict.fromkeys((c.id for c in s.criteria), met),
        facts=FACTS_21 | facts,
    )
    return ntm.evaluate(a, s)


def test_tier_chain_standard_advanced_model() -> None:
    std_set, adv_set, model_set = (
        ntm.load_criteria_set(i)
        for i in ("commune-2021-2025", "commune-advanced-2021-2025", "commune-model-2021-2025")
    )
    std = ntm.decide(_declared(std_set))
    assert std.outcome is Outcome.CERTIFIED
    adv = ntm.decide(_declared(adv_set), prior=std)
    assert adv.outcome is Outcome.CERTIFIED
    refused = ntm.decide(_declared(adv_set), prior=ntm.decide(_declared(std_set, met=False)))
    assert refused.outcome is Outcome.NOT_CERTIFIED
    assert "recognised_standard: not_met" in " ".join(refused.reasons)
    assert ntm.decide(_declared(adv_set)).outcome is Outcome.INDETERMINATE  # no prior, no fact
    assert ntm.decide(_declared(adv_set, recognised_standard=True)).outcome is Outcome.CERTIFIED
    # Model: needs advanced recognition, and the income rule (1.10 x the advanced income level,
    # which is not established) keeps it open whatever the income.
    model = ntm.decide(
        _declared(
            model_set, income_per_capita=200.0, smart_village_models=2, outstanding_field_met=True
        ),
        prior=adv,
    )
    assert model.outcome is Outcome.INDETERMINATE
    m2 = next(r for r in model.conditions if r.condition.id == "M2")
    assert m2.status is Status.UNKNOWN
    assert "lists no such indicator" in m2.detail
    assert (
        ntm.decide(_declared(model_set, smart_village_models=0), prior=adv).outcome
        is Outcome.NOT_CERTIFIED
    )
    with pytest.raises(ValueError, match="tier"):
        ntm.decide(_declared(model_set), prior=std)


def test_2021_2025_satisfaction_level_is_not_established() -> None:
    s = ntm.load_criteria_set("commune-2021-2025")
    d = ntm.decide(_declared(s, satisfaction_rate=95.0))
    assert d.outcome is Outcome.INDETERMINATE
    (r,) = [r for r in d.conditions if r.condition.id == "satisfaction_rate"]
    assert "not established" in r.detail
    assert ntm.decide(_declared(s, satisfaction_rate=False)).outcome is Outcome.NOT_CERTIFIED
    assert (
        ntm.decide(_declared(s, security_order_complicated=True)).outcome is Outcome.NOT_CERTIFIED
    )


def test_2021_2025_criteria_are_never_met_on_partial_lists() -> None:
    s = ntm.load_criteria_set("commune-2021-2025")
    # Criterion 3 has a complete list (2 of 2); criterion 1 has no official count.
    values = {"1.1": True, "1.2": True}
    e = ntm.evaluate(
        ntm.Assessment(ntm.Commune("X", region="DBSH"), dt.date(2024, 1, 1), values=values), s
    )
    assert e.criterion(1).status is Status.UNKNOWN
    assert any(c.kind is ntm.CaveatKind.INCOMPLETE_INDICATOR_LIST for c in e.criterion(1).caveats)


def test_per_sex_indicator_needs_both_sexes() -> None:
    national = ntm.load_criteria_set("commune-2021-2025")
    ind = next(
        leaf for _, i in national.indicators() for leaf in (i, *i.parts) if leaf.measured_per_sex
    )
    # No regional level of a per-sex indicator is established; a what-if level shows the rule.
    region, level = ntm.Region.DBSH, 90.0
    s = national.with_overrides(ntm.Override(ind.id, level, "test level", zone=region.code))

    def status(male: float, female: float | None) -> Status:
        values = {f"{ind.id}/male": male} | (
            {f"{ind.id}/female": female} if female is not None else {}
        )
        a = ntm.Assessment(ntm.Commune("X", region=region), dt.date(2024, 1, 1), values=values)
        return ntm.evaluate(a, s).indicator(ind.id).status

    assert status(level, level) is Status.MET
    assert status(level, level - 0.5) is Status.NOT_MET
    assert status(level, None) is Status.UNKNOWN
    with pytest.raises(ntm.AssessmentError, match=f"{ind.id}/male and {ind.id}/female"):
        ntm.evaluate(
            ntm.Assessment(
                ntm.Commune("X", region=region), dt.date(2024, 1, 1), values={ind.id: 90}
            ),
            s,
        )


# --- 2026-2030: commune groups ----------------------------------------------------------------


def _group(**facts: Any) -> str:
    s = ntm.load_criteria_set("commune-2026-2030")
    group = facts.pop("group", None)
    a = ntm.Assessment(ntm.Commune("X", commune_group=group), dt.date(2026, 6, 30), facts=facts)
    return ntm.evaluate(a, s).zone


def test_commune_group_rules() -> None:
    plain = {
        "adjacent_to_urban_area_and_oriented_to_urbanise": False,
        "oriented_to_become_new_urban_area": False,
    }
    assert _group(**plain, agriculture_share_percent=8.0, ethnic_minority_area="I") == "NHOM_1"
    assert _group(**plain, agriculture_share_percent=10.0, ethnic_minority_area="III") == "NHOM_3"
    assert _group(**plain, agriculture_share_percent=40.0, ethnic_minority_area="none") == "NHOM_2"
    assert _group(group=2) == "NHOM_2"
    with pytest.raises(ntm.AssessmentError, match="precedence is not established"):
        _group(**plain, agriculture_share_percent=5.0, ethnic_minority_area="II")
    with pytest.raises(ntm.AssessmentError, match="agriculture_share_percent"):
        _group(ethnic_minority_area="I")


def test_2026_2030_income_growth_needs_two_years() -> None:
    s = ntm.load_criteria_set("commune-2026-2030")
    commune = ntm.Commune("X", commune_group=2)
    with_history = ntm.Assessment(
        commune, dt.date(2026, 12, 31), series={"income_per_capita": {2025: 60.0, 2026: 66.0}}
    )
    r = ntm.evaluate(with_history, s).indicator("income_growth_rate")
    assert r.value == pytest.approx(10.0)
    assert r.status is Status.UNKNOWN  # no level is established for any group
    alone = ntm.Assessment(
        commune, dt.date(2026, 12, 31), series={"income_per_capita": {2026: 66.0}}
    )
    r = ntm.evaluate(alone, s).indicator("income_growth_rate")
    assert r.value is None
    assert any("income_per_capita for 2025 and 2026" in c.message for c in r.caveats)
    # Nothing under 2026-2030 can be certified: no criterion has a complete indicator list.
    full = ntm.Assessment(
        commune, dt.date(2026, 12, 31), facts={"other_recognition_conditions_met": True}
    )
    assert ntm.decide(ntm.evaluate(full, s)).outcome is Outcome.INDETERMINATE


# --- provincial layers ---------------------------------------------------------------------------


def test_example_layer_loads_with_attribution() -> None:
    ref = reference_block("criteria-2016-2020.md")
    s = ntm.read_criteria_set(ROOT / "examples" / "vinh-long-2016-2020.toml")
    assert s.id == "vinh-long-2016-2020"
    assert s.layers == ("commune-2016-2020", "vinh-long-2016-2020")
    national = ntm.load_criteria_set("commune-2016-2020")
    changed = {(k[0], k[1]) for k, c in _pkg_cells(s).items() if c.layer == s.id}
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


# --- transition analysis -------------------------------------------------------------------------


def test_transition_on_a_hand_made_case() -> None:
    """A Red River Delta commune judged in 2022 by the 2016-2020 and the 2021-2025 sets.

    Expected changes are worked out here from the two reference tables: for each indicator id
    present in both sets with an established DBSH level of the same kind, a value between the
    two levels passes the laxer one and fails the stricter one.
    """
    old_ref, new_ref = (
        reference_block("criteria-2016-2020.md"),
        reference_block("criteria-2021-2025.md"),
    )

    def levels(ref: dict[str, Any]) -> dict[str, tuple[str, float]]:
        out = {}
        for c in ref["criteria"]:
            for i in c["indicators"]:
                cell = (i.get("thresholds") or {}).get("DBSH")
                if (
                    cell
                    and isinstance(cell.get("value"), int | float)
                    and not isinstance(cell["value"], bool)
                    and not i.get("per_sex")
                ):
                    out[str(i["id"])] = (i["kind"], float(cell["value"]))
        return out

    old, new = levels(old_ref), levels(new_ref)
    differing = {
        i: (old[i][0], old[i][1], new[i][1])
        for i in old.keys() & new.keys()
        if old[i][0] == new[i][0]
        and old[i][0] in ("at_least", "at_most")
        and old[i][1] != new[i][1]
    }
    assert differing, "the reference tables should differ somewhere"
    values = {i: (a + b) / 2 for i, (_, a, b) in differing.items()}
    a = ntm.Assessment(ntm.Commune("X", region="DBSH"), dt.date(2021, 12, 31), values=values)
    t = ntm.transition(
        a,
        ntm.load_criteria_set("commune-2016-2020"),
        ntm.load_criteria_set("commune-2021-2025"),
        after_as_of=dt.date(2022, 12, 31),
    )
    changed = {c.indicator: c for c in t.indicators if c.before and c.after}
    for ind_id, (kind, old_level, new_level) in differing.items():
        change = changed[ind_id]
        assert change.before.threshold.value == old_level  # type: ignore[union-attr]
        assert change.after.threshold.value == new_level  # type: ignore[union-attr]
        stricter_now = new_level > old_level if kind == "at_least" else new_level < old_level
        assert change.before.status is (Status.MET if stricter_now else Status.NOT_MET)  # type: ignore[union-attr]
        assert change.after.status is (Status.NOT_MET if stricter_now else Status.MET)  # type: ignore[union-attr]
    assert "under commune-2021-2025" in t.to_text()


def test_readme_coverage_table_is_current() -> None:
    """The README's table of packaged sets states the counts the package really holds."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for set_id in ALL_SETS:
        s = ntm.load_criteria_set(set_id)
        t = ntm.coverage(s).total
        row = next(line for line in text.splitlines() if line.startswith(f"| `{set_id}` |"))
        assert f"| {t.cells} ({t.verified} / {t.provisional} / {t.unspecified}) |" in row, row
        assert str(s.in_force_from) in row
