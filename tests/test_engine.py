"""The rules engine: each requirement kind, its boundaries, and three-valued logic.

Thresholds used here are read from the reference tables (criteria-2016-2020.md §4), written out
in each test so that a wrong packaged figure fails the test.
"""

from __future__ import annotations

import datetime as dt

import pytest

import ntm_criteria as ntm
from ntm_criteria import Status

DAY_2019 = dt.date(2019, 12, 31)


def evaluate(
    s: ntm.CriteriaSet, region: str = "TDMNPB", day: dt.date = DAY_2019, **kw: object
) -> ntm.Evaluation:
    commune = kw.pop("commune", None) or ntm.Commune("Test", region=region)
    return ntm.evaluate(ntm.Assessment(commune, day, **kw), s)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "status"),
    [
        (80, Status.MET),
        (80.0, Status.MET),
        (100, Status.MET),
        (79.99, Status.NOT_MET),
        (0, Status.NOT_MET),
    ],
)
def test_at_least_boundary_from_tro_len(
    set_2016: ntm.CriteriaSet, value: float, status: Status
) -> None:
    # 3.1 irrigation: "từ 80% trở lên" in every region: 80 passes, 79.99 fails.
    r = evaluate(set_2016, values={"3.1": value}).indicator("3.1")
    assert r.status is status
    assert r.margin == pytest.approx(value - 80)


@pytest.mark.parametrize(
    ("value", "status"), [(26.7, Status.MET), (26.71, Status.NOT_MET), (5, Status.MET)]
)
def test_at_most_boundary(set_2016: ntm.CriteriaSet, value: float, status: Status) -> None:
    # 15.3 stunting of under-fives, TDMNPB: at most 26.7% (provisional).
    r = evaluate(set_2016, values={"15.3": value}).indicator("15.3")
    assert r.status is status
    assert r.margin == pytest.approx(26.7 - value)


def test_margin_is_exact_in_the_written_decimals(set_2016: ntm.CriteriaSet) -> None:
    r = evaluate(set_2016, day=dt.date(2020, 6, 30), values={"10": 31.2}).indicator("10")
    assert r.margin == -4.8  # 31.2 - 36, not -4.799999999999997
    assert r.status is Status.NOT_MET


@pytest.mark.parametrize(
    ("count", "status"), [(0, Status.MET), (1, Status.NOT_MET), (12, Status.NOT_MET)]
)
def test_none_allowed(set_2016: ntm.CriteriaSet, count: int, status: Status) -> None:
    # 9.1 temporary or dilapidated houses: none allowed.
    assert evaluate(set_2016, values={"9.1": count}).indicator("9.1").status is status


@pytest.mark.parametrize(
    ("rating", "status"),
    [
        ("khá", Status.MET),
        ("Kha", Status.MET),
        ("tốt", Status.MET),
        ("xuất sắc", Status.MET),
        ("trung bình", Status.NOT_MET),
        ("yếu", Status.NOT_MET),
    ],
)
def test_min_rating(set_2016: ntm.CriteriaSet, rating: str, status: Status) -> None:
    # 18.4 socio-political organisations rated "khá" or above.
    assert evaluate(set_2016, values={"18.4": rating}).indicator("18.4").status is status


@pytest.mark.parametrize(("value", "status"), [(True, Status.MET), (False, Status.NOT_MET)])
def test_achieved(set_2016: ntm.CriteriaSet, value: bool, status: Status) -> None:
    assert evaluate(set_2016, values={"4.1": value}).indicator("4.1").status is status


def test_all_of_needs_every_part(set_2016: ntm.CriteriaSet) -> None:
    # 17.1 Mekong Delta: hygienic water >= 95% of which clean water >= 65% (both provisional).
    def water(a: float, b: float | None) -> ntm.IndicatorResult:
        values = {"17.1.a": a} | ({"17.1.b": b} if b is not None else {})
        return evaluate(set_2016, region="DBSCL", values=values).indicator("17.1")

    assert water(95, 65).status is Status.MET
    assert water(96, 64.9).status is Status.NOT_MET
    assert water(94.9, 90).status is Status.NOT_MET
    assert water(99, None).status is Status.UNKNOWN
    assert [p.id for p in water(95, 65).parts] == ["17.1.a", "17.1.b"]


def test_unspecified_regional_cell_never_falls_back_to_the_general_column(
    set_2016: ntm.CriteriaSet,
) -> None:
    # Schools (5): general 80%, TDMNPB unspecified. 100% is still UNKNOWN for a TDMNPB commune.
    r = evaluate(set_2016, values={"5": 100.0}).indicator("5")
    assert r.status is Status.UNKNOWN
    (cv,) = [c for c in r.caveats if c.kind is ntm.CaveatKind.UNSPECIFIED_THRESHOLD]
    assert (cv.indicator, cv.zone) == ("5", "TDMNPB")
    assert "no level is established for indicator 5 in TDMNPB" in cv.message
    # ... while the Central Highlands level (70%) applies there.
    assert evaluate(set_2016, region="TN", values={"5": 70.0}).indicator("5").status is Status.MET


def test_income_uses_the_evaluation_year_row(set_2016: ntm.CriteriaSet) -> None:
    r2016 = evaluate(
        set_2016, region="DBSCL", day=dt.date(2016, 12, 31), values={"10": 33}
    ).indicator("10")
    assert (r2016.status, r2016.year, r2016.threshold and r2016.threshold.value) == (
        Status.MET,
        2016,
        33,
    )
    r2017 = evaluate(
        set_2016, region="DBSCL", day=dt.date(2017, 6, 30), values={"10": 80}
    ).indicator("10")
    assert r2017.status is Status.UNKNOWN  # no 2017 level is established
    r2021 = evaluate(
        set_2016, region="DBSCL", day=dt.date(2021, 6, 30), values={"10": 80}
    ).indicator("10")
    assert r2021.status is Status.UNKNOWN
    assert any("none for 2021" in (c.note or "") for c in r2021.caveats)


def test_provisional_threshold_carries_its_evidence(set_2016: ntm.CriteriaSet) -> None:
    r = evaluate(set_2016, values={"3.1": 85}).indicator("3.1")
    (cv,) = [c for c in r.caveats if c.kind is ntm.CaveatKind.PROVISIONAL_THRESHOLD]
    cell = set_2016.indicator("3.1").thresholds["TDMNPB"]
    assert (cv.indicator, cv.zone, cv.basis, cv.note, cv.source) == (
        "3.1",
        "TDMNPB",
        cell.basis,
        cell.note,
        cell.source,
    )
    # and it reaches the criterion and the evaluation
    assert cv in evaluate(set_2016, values={"3.1": 85}).all_caveats()


def test_verified_threshold_carries_no_threshold_caveat(set_2016: ntm.CriteriaSet) -> None:
    r = evaluate(set_2016, day=dt.date(2020, 1, 1), values={"10": 40}).indicator("10")
    assert r.status is Status.MET
    assert not [c for c in r.caveats if c.kind is ntm.CaveatKind.PROVISIONAL_THRESHOLD]


def test_criterion_three_valued_logic(set_2016: ntm.CriteriaSet) -> None:
    # 15 health, TDMNPB: 15.1 >= 85 (V), 15.2 Đạt (V), 15.3 <= 26.7 (P).
    assert (
        evaluate(set_2016, values={"15.1": 90, "15.2": True, "15.3": 20}).criterion(15).status
        is Status.MET
    )
    assert (
        evaluate(set_2016, values={"15.1": 90, "15.2": True}).criterion(15).status is Status.UNKNOWN
    )
    assert evaluate(set_2016, values={"15.1": 80}).criterion(15).status is Status.NOT_MET


def test_declarations_fill_what_is_not_measured(set_2016: ntm.CriteriaSet) -> None:
    e = evaluate(set_2016, declarations={9: False, 10: True})
    assert e.criterion(9).status is Status.NOT_MET
    assert e.criterion(10).status is Status.MET
    assert e.criterion(10).basis is ntm.VerdictBasis.DECLARED
    assert e.criterion(11).status is Status.UNKNOWN
    assert any(c.kind is ntm.CaveatKind.DECLARED for c in e.criterion(10).caveats)


def test_declaration_conflicting_with_measurement_is_reported(set_2016: ntm.CriteriaSet) -> None:
    e = evaluate(set_2016, values={"15.1": 70}, declarations={15: True})
    c = e.criterion(15)
    assert c.status is Status.UNKNOWN
    assert c.caveats[0].kind is ntm.CaveatKind.DECLARATION_CONFLICT
    agree = evaluate(set_2016, values={"15.1": 70}, declarations={15: False}).criterion(15)
    assert (agree.status, agree.basis) == (Status.NOT_MET, ntm.VerdictBasis.MEASURED)


def test_partial_measurement_defers_to_declaration(set_2016: ntm.CriteriaSet) -> None:
    c = evaluate(set_2016, values={"15.1": 90}, declarations={15: False}).criterion(15)
    assert (c.status, c.basis) == (Status.NOT_MET, ntm.VerdictBasis.DECLARED)


def test_market_indicator_applicability(set_2016: ntm.CriteriaSet) -> None:
    fact = "market_or_trading_place_in_approved_plan"
    na = evaluate(set_2016, facts={fact: False}, values={"7": False})
    assert na.criterion(7).status is Status.NOT_APPLICABLE
    assert na.total == 18
    assert (
        evaluate(set_2016, facts={fact: True}, values={"7": False}).criterion(7).status
        is Status.NOT_MET
    )
    # Whether it applies is unknown: a failing value cannot make it NOT MET, a passing one is MET.
    assert evaluate(set_2016, values={"7": False}).criterion(7).status is Status.UNKNOWN
    assert evaluate(set_2016, values={"7": True}).criterion(7).status is Status.MET


def test_unspecified_special_zone_rule_is_not_applied(set_2016: ntm.CriteriaSet) -> None:
    commune = ntm.Commune(
        "Test", region="DBSCL", especially_difficult=True, applies_tdmnpb_level=True
    )
    e = evaluate(set_2016, commune=commune, values={"14.2": 75})
    assert e.zone == "DBSCL"
    assert e.indicator("14.2").status is Status.NOT_MET  # DBSCL needs 80; TDMNPB would need 70
    assert [c.kind for c in e.caveats] == [ntm.CaveatKind.OVERRIDE_NOT_APPLIED]


def test_bad_values_are_rejected_with_every_problem(set_2016: ntm.CriteriaSet) -> None:
    with pytest.raises(ntm.AssessmentError) as info:
        evaluate(
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
    e = evaluate(set_2016, values={"15.1": 84}, declarations={9: False})
    en, vi = ntm.explain(e), ntm.explain(e, "vi")
    assert "15.1 Share of the population covered by health insurance: NOT MET" in en
    assert "required ≥ 85" in en
    assert "margin -1" in en
    assert "15.1 Tỷ lệ người dân tham gia bảo hiểm y tế: CHƯA ĐẠT" in vi
    assert "9. Nhà ở dân cư: CHƯA ĐẠT (theo báo cáo)" in vi
    with pytest.raises(ValueError, match="lang"):
        ntm.explain(e, "fr")


def test_evaluation_totals(set_2016: ntm.CriteriaSet) -> None:
    e = evaluate(set_2016, declarations={n: n not in (9, 10) for n in range(1, 20)})
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
    e = evaluate(set_2016, commune=phu_dinh, values={"11": rate})
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
