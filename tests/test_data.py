"""The packaged sets (data/): their cells against the reference, periods and tiers, every zone
resolved, the special-zone rule, and the rules particular to each period."""

from __future__ import annotations

import collections
import datetime as dt
from typing import Any

import pytest

import ntm_criteria as ntm
from ntm_criteria import EvidenceStatus, Outcome, Status
from ntm_criteria.engine.compile import resolve_set
from tests.conftest import packaged_cells, reference_block, reference_cells

ALL_SETS = ntm.criteria_sets()


# --- the packaged sets against the reference ---------------------------------------------


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
    expected, ours = reference_cells(indicators), packaged_cells(ntm.load_criteria_set(set_id))
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
