"""Verdicts (engine/verdicts.py): each requirement kind, its boundaries, and three-valued logic.

Thresholds used here are read from the reference tables (criteria-2016-2020.md §4), written out
in each test so that a wrong packaged figure fails the test.
"""

from __future__ import annotations

import datetime as dt

import pytest

import ntm_criteria as ntm
from ntm_criteria import Status
from tests.conftest import evaluate_in


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
    r = evaluate_in(set_2016, values={"3.1": value}).indicator("3.1")
    assert r.status is status
    assert r.margin == pytest.approx(value - 80)


@pytest.mark.parametrize(
    ("value", "status"), [(26.7, Status.MET), (26.71, Status.NOT_MET), (5, Status.MET)]
)
def test_at_most_boundary(set_2016: ntm.CriteriaSet, value: float, status: Status) -> None:
    # 15.3 stunting of under-fives, TDMNPB: at most 26.7% (provisional).
    r = evaluate_in(set_2016, values={"15.3": value}).indicator("15.3")
    assert r.status is status
    assert r.margin == pytest.approx(26.7 - value)


def test_margin_is_exact_in_the_written_decimals(set_2016: ntm.CriteriaSet) -> None:
    r = evaluate_in(set_2016, day=dt.date(2020, 6, 30), values={"10": 31.2}).indicator("10")
    assert r.margin == -4.8  # 31.2 - 36, not -4.799999999999997
    assert r.status is Status.NOT_MET


@pytest.mark.parametrize(
    ("count", "status"), [(0, Status.MET), (1, Status.NOT_MET), (12, Status.NOT_MET)]
)
def test_none_allowed(set_2016: ntm.CriteriaSet, count: int, status: Status) -> None:
    # 9.1 temporary or dilapidated houses: none allowed.
    assert evaluate_in(set_2016, values={"9.1": count}).indicator("9.1").status is status


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
    assert evaluate_in(set_2016, values={"18.4": rating}).indicator("18.4").status is status


@pytest.mark.parametrize(("value", "status"), [(True, Status.MET), (False, Status.NOT_MET)])
def test_achieved(set_2016: ntm.CriteriaSet, value: bool, status: Status) -> None:
    assert evaluate_in(set_2016, values={"4.1": value}).indicator("4.1").status is status


def test_all_of_needs_every_part(set_2016: ntm.CriteriaSet) -> None:
    # 17.1 Mekong Delta: hygienic water >= 95% of which clean water >= 65% (both provisional).
    def water(a: float, b: float | None) -> ntm.IndicatorResult:
        values = {"17.1.a": a} | ({"17.1.b": b} if b is not None else {})
        return evaluate_in(set_2016, region="DBSCL", values=values).indicator("17.1")

    assert water(95, 65).status is Status.MET
    assert water(96, 64.9).status is Status.NOT_MET
    assert water(94.9, 90).status is Status.NOT_MET
    assert water(99, None).status is Status.UNKNOWN
    assert [p.id for p in water(95, 65).parts] == ["17.1.a", "17.1.b"]


def test_unspecified_regional_cell_never_falls_back_to_the_general_column(
    set_2016: ntm.CriteriaSet,
) -> None:
    # Schools (5): general 80%, TDMNPB unspecified. 100% is still UNKNOWN for a TDMNPB commune.
    r = evaluate_in(set_2016, values={"5": 100.0}).indicator("5")
    assert r.status is Status.UNKNOWN
    (cv,) = [c for c in r.caveats if c.kind is ntm.CaveatKind.UNSPECIFIED_THRESHOLD]
    assert (cv.indicator, cv.zone) == ("5", "TDMNPB")
    assert "no level is established for indicator 5 in TDMNPB" in cv.message
    # ... while the Central Highlands level (70%) applies there.
    assert (
        evaluate_in(set_2016, region="TN", values={"5": 70.0}).indicator("5").status is Status.MET
    )


def test_income_uses_the_evaluation_year_row(set_2016: ntm.CriteriaSet) -> None:
    r2016 = evaluate_in(
        set_2016, region="DBSCL", day=dt.date(2016, 12, 31), values={"10": 33}
    ).indicator("10")
    assert (r2016.status, r2016.year, r2016.threshold and r2016.threshold.value) == (
        Status.MET,
        2016,
        33,
    )
    r2017 = evaluate_in(
        set_2016, region="DBSCL", day=dt.date(2017, 6, 30), values={"10": 80}
    ).indicator("10")
    assert r2017.status is Status.UNKNOWN  # no 2017 level is established
    r2021 = evaluate_in(
        set_2016, region="DBSCL", day=dt.date(2021, 6, 30), values={"10": 80}
    ).indicator("10")
    assert r2021.status is Status.UNKNOWN
    assert any("none for 2021" in (c.note or "") for c in r2021.caveats)


def test_provisional_threshold_carries_its_evidence(set_2016: ntm.CriteriaSet) -> None:
    r = evaluate_in(set_2016, values={"3.1": 85}).indicator("3.1")
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
    assert cv in evaluate_in(set_2016, values={"3.1": 85}).all_caveats()


def test_verified_threshold_carries_no_threshold_caveat(set_2016: ntm.CriteriaSet) -> None:
    r = evaluate_in(set_2016, day=dt.date(2020, 1, 1), values={"10": 40}).indicator("10")
    assert r.status is Status.MET
    assert not [c for c in r.caveats if c.kind is ntm.CaveatKind.PROVISIONAL_THRESHOLD]


def test_criterion_three_valued_logic(set_2016: ntm.CriteriaSet) -> None:
    # 15 health, TDMNPB: 15.1 >= 85 (V), 15.2 Đạt (V), 15.3 <= 26.7 (P).
    assert (
        evaluate_in(set_2016, values={"15.1": 90, "15.2": True, "15.3": 20}).criterion(15).status
        is Status.MET
    )
    assert (
        evaluate_in(set_2016, values={"15.1": 90, "15.2": True}).criterion(15).status
        is Status.UNKNOWN
    )
    assert evaluate_in(set_2016, values={"15.1": 80}).criterion(15).status is Status.NOT_MET


def test_declarations_fill_what_is_not_measured(set_2016: ntm.CriteriaSet) -> None:
    e = evaluate_in(set_2016, declarations={9: False, 10: True})
    assert e.criterion(9).status is Status.NOT_MET
    assert e.criterion(10).status is Status.MET
    assert e.criterion(10).basis is ntm.VerdictBasis.DECLARED
    assert e.criterion(11).status is Status.UNKNOWN
    assert any(c.kind is ntm.CaveatKind.DECLARED for c in e.criterion(10).caveats)


def test_declaration_conflicting_with_measurement_is_reported(set_2016: ntm.CriteriaSet) -> None:
    e = evaluate_in(set_2016, values={"15.1": 70}, declarations={15: True})
    c = e.criterion(15)
    assert c.status is Status.UNKNOWN
    assert c.caveats[0].kind is ntm.CaveatKind.DECLARATION_CONFLICT
    agree = evaluate_in(set_2016, values={"15.1": 70}, declarations={15: False}).criterion(15)
    assert (agree.status, agree.basis) == (Status.NOT_MET, ntm.VerdictBasis.MEASURED)


def test_partial_measurement_defers_to_declaration(set_2016: ntm.CriteriaSet) -> None:
    c = evaluate_in(set_2016, values={"15.1": 90}, declarations={15: False}).criterion(15)
    assert (c.status, c.basis) == (Status.NOT_MET, ntm.VerdictBasis.DECLARED)
