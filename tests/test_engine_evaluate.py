"""``evaluate`` (engine/evaluate.py): applicability, zones, the door, totals, and the 2026 rules."""

from __future__ import annotations

import datetime as dt

import pytest

import ntm_criteria as ntm
from ntm_criteria import Status
from tests.conftest import DAY_2019, evaluate_in


def test_market_indicator_applicability(set_2016: ntm.CriteriaSet) -> None:
    fact = "market_or_trading_place_in_approved_plan"
    na = evaluate_in(set_2016, facts={fact: False}, values={"7": False})
    assert na.criterion(7).status is Status.NOT_APPLICABLE
    assert na.total == 18
    assert (
        evaluate_in(set_2016, facts={fact: True}, values={"7": False}).criterion(7).status
        is Status.NOT_MET
    )
    # Whether it applies is unknown: a failing value cannot make it NOT MET, a passing one is MET.
    assert evaluate_in(set_2016, values={"7": False}).criterion(7).status is Status.UNKNOWN
    assert evaluate_in(set_2016, values={"7": True}).criterion(7).status is Status.MET


def test_unspecified_special_zone_rule_is_not_applied(set_2016: ntm.CriteriaSet) -> None:
    commune = ntm.Commune(
        "Test", region="DBSCL", especially_difficult=True, applies_tdmnpb_level=True
    )
    e = evaluate_in(set_2016, commune=commune, values={"14.2": 75})
    assert e.zone == "DBSCL"
    assert e.indicator("14.2").status is Status.NOT_MET  # DBSCL needs 80; TDMNPB would need 70
    assert [c.kind for c in e.caveats] == [ntm.CaveatKind.OVERRIDE_NOT_APPLIED]


def test_bad_values_are_rejected_with_every_problem(set_2016: ntm.CriteriaSet) -> None:
    with pytest.raises(ntm.AssessmentError) as info:
        evaluate_in(
            set_2016,
            values={
                "17.9": 1,
                "17.1": 90,
                "3.1": 120,
                "4.1": "yes",
                "9.1": -1,
                "18.4": "great",
                "10": True,
            },
            declarations={20: True},
        )
    text = str(info.value)
    assert len(info.value.problems) == 8
    assert "unknown indicator id '17.9'" in text
    assert "17.8" in text
    assert "17.1 is compound" in text
    assert "17.1.a, 17.1.b" in text
    assert "between 0 and 100, got 120" in text
    assert "expected true (Đạt) or false (Chưa đạt), got 'yes'" in text
    assert "got -1" in text
    assert "got 'great'" in text
    assert "got True" in text
    assert "criterion 20" in text


def test_commune_without_region_is_an_error(set_2016: ntm.CriteriaSet) -> None:
    with pytest.raises(ntm.AssessmentError, match="no region"):
        ntm.evaluate(ntm.Assessment(ntm.Commune("X"), DAY_2019), set_2016)


def test_explain_in_both_languages(set_2016: ntm.CriteriaSet) -> None:
    e = evaluate_in(set_2016, values={"15.1": 84}, declarations={9: False})
    en, vi = ntm.explain(e), ntm.explain(e, "vi")
    assert "15.1 Share of the population covered by health insurance: NOT MET" in en
    assert "required ≥ 85" in en
    assert "margin -1" in en
    assert "15.1 Tỷ lệ người dân tham gia bảo hiểm y tế: CHƯA ĐẠT" in vi
    assert "9. Nhà ở dân cư: CHƯA ĐẠT (theo báo cáo)" in vi
    with pytest.raises(ValueError, match="lang"):
        ntm.explain(e, "fr")


def test_evaluation_totals(set_2016: ntm.CriteriaSet) -> None:
    e = evaluate_in(set_2016, declarations={n: n not in (9, 10) for n in range(1, 20)})
    assert (e.met_count, e.total, e.score) == (17, 19, "17/19")
    assert e.unmet_criteria == (9, 10)
    assert e.unknown_criteria == ()


# --- the legal data of 2026-12-02: poverty ceilings 2016-2020, poverty standard 2026-2030 ------


@pytest.mark.parametrize(
    ("rate", "status"), [(11.5, Status.MET), (12, Status.MET), (12.5, Status.NOT_MET)]
)
def test_phu_dinh_2019_poverty_against_the_tdmnpb_ceiling(
    set_2016: ntm.CriteriaSet, rate: float, status: Status
) -> None:
    # criteria-2016-2020.md, criterion 11: TDMNPB "under 12 per cent", provisional, one source
    # (Vietnam Economic Times, 22/10/2016); the pass rule is "at or below".
    phu_dinh = ntm.Commune("Phú Đình", district="Định Hóa", region="TDMNPB")
    e = evaluate_in(set_2016, commune=phu_dinh, values={"11": rate})
    assert e.criterion(11).status is status
    caveat = next(c for c in e.criterion(11).caveats)
    assert caveat.kind is ntm.CaveatKind.PROVISIONAL_THRESHOLD
    assert caveat.source == (
        "http://www.vneconomictimes.com/article/society/farmer-incomes-to-be-2-020-by-2020",
    )
    assert "vneconomictimes.com" in ntm.explain(e, "en")
    assert "vneconomictimes.com" in ntm.explain(e, "vi")


def _poverty_2026(day: dt.date, **facts: object) -> ntm.IndicatorResult:
    # 2026-2030 has no established poverty ceiling: a what-if level lets the standard rule show.
    s = ntm.load_criteria_set("commune-2026-2030").with_overrides(
        ntm.Override("multidimensional_poverty_rate", 5, "a level to test with", zone="NHOM_2")
    )
    a = ntm.Assessment(
        ntm.Commune("X", commune_group=2),
        day,
        values={"multidimensional_poverty_rate": 3.0},
        facts=facts,  # type: ignore[arg-type]
    )
    return ntm.evaluate(a, s).indicator("multidimensional_poverty_rate")


def test_2026_poverty_rate_must_name_its_standard() -> None:
    r = _poverty_2026(dt.date(2026, 12, 31))
    assert r.status is Status.UNKNOWN
    (caveat,) = [c for c in r.caveats if c.kind is ntm.CaveatKind.MEASUREMENT_STANDARD]
    assert "'07/2021/NĐ-CP'" in caveat.message
    assert "poverty_standard" in caveat.message


@pytest.mark.parametrize(
    ("day", "standard", "status"),
    [
        # Nghị định 351/2025/NĐ-CP applies from 2027; the 2022-2025 standard (07/2021) in 2026.
        (dt.date(2026, 12, 31), "07/2021/NĐ-CP", Status.MET),
        (dt.date(2026, 12, 31), "351/2025/NĐ-CP", Status.UNKNOWN),
        (dt.date(2027, 12, 31), "351/2025/NĐ-CP", Status.MET),
        (dt.date(2027, 12, 31), "07/2021/NĐ-CP", Status.UNKNOWN),
        (dt.date(2027, 12, 31), "provincial", Status.MET),
    ],
)
def test_2026_poverty_standard_by_year(day: dt.date, standard: str, status: Status) -> None:
    r = _poverty_2026(day, poverty_standard=standard)
    assert r.status is status
    if status is Status.UNKNOWN:
        assert any(c.kind is ntm.CaveatKind.MEASUREMENT_STANDARD for c in r.caveats)


def test_2026_evaluation_states_that_recognitions_do_not_carry_over() -> None:
    s = ntm.load_criteria_set("commune-2026-2030")
    e = ntm.evaluate(ntm.Assessment(ntm.Commune("X", commune_group=1), dt.date(2026, 6, 30)), s)
    (rule,) = [c for c in e.caveats if c.kind is ntm.CaveatKind.SET_RULE]
    assert "recognition_carry_over" in rule.message
    assert "do not carry over" in ntm.explain(e, "en")
    assert "không được chuyển" in ntm.explain(e, "vi")
    assert "provisional" in rule.message
