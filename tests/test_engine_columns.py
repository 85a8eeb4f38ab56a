"""Verdicts over columns (engine/columns.py): the statuses of ``evaluate`` for every row, each
check of the door done over a whole column."""

from __future__ import annotations

import datetime as dt
import importlib

import attrs
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import ntm_criteria as ntm
from ntm_criteria import Status, strategies
from ntm_criteria.engine.columns import evaluate_columns, verdict_columns
from ntm_criteria.engine.program import STATUSES

#: The packaged sets with values to give and no indicator derived from a series or tied to a
#: measurement standard (2026-2030 has both: the column path refuses it, tested below).
SETS = {
    i: s
    for i in ntm.criteria_sets()
    if (s := ntm.load_criteria_set(i)).value_keys()
    and not any(
        leaf.measured_on or leaf.growth_of
        for _, ind in s.indicators()
        for leaf in (*ind.parts, ind)
    )
}


def test_the_sets_over_columns_are_the_ones_expected() -> None:
    assert sorted(SETS) == [
        "commune-2016-2020",
        "commune-2021-2025",
        "commune-advanced-2021-2025",
        "commune-model-2021-2025",
    ]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.sampled_from(sorted(SETS)))
def test_columns_give_the_statuses_of_evaluate(data: st.DataObject, set_id: str) -> None:
    s = SETS[set_id]
    drawn = data.draw(
        st.lists(
            strategies.assessments(s, region=data.draw(strategies.regions())),
            min_size=1,
            max_size=5,
        )
    )
    expected = [ntm.evaluate(a, s) for a in drawn]
    verdicts = verdict_columns(drawn, s)
    event("declared" if any(a.declarations for a in drawn) else "measured only")
    for row, e in enumerate(expected):
        assert verdicts.statuses(row) == {c.id: c.status for c in e.criteria}
        leaves = {
            r.id: r.status
            for c in e.criteria
            for top in c.indicators
            for r in top.walk()
            if not r.parts
        }
        assert {
            k: STATUSES[int(v[row])] for k, v in verdicts.indicators.items() if k in leaves
        } == leaves
    assert list(verdicts.met_counts()) == [e.met_count for e in expected]


def test_a_dataframe_with_regions_flags_and_declarations() -> None:
    pandas = importlib.import_module("pandas")  # the test extra installs it
    s = SETS["commune-2016-2020"]
    frame = pandas.DataFrame(
        {
            "as_of": [dt.date(2019, 12, 31)] * 3,
            "region": ["TDMNPB", "DBSCL", "Đồng bằng sông Hồng"],
            "especially_difficult": [False, True, False],
            "15.1": [84.0, 90.0, float("nan")],
            "criterion 9": [None, True, False],
        }
    )
    verdicts = evaluate_columns(frame, s)
    assert list(verdicts.zones) == ["TDMNPB", "DBSCL", "DBSH"]
    assert [verdicts.statuses(i)[15] for i in range(3)] == [
        Status.NOT_MET,  # 84 < 85 in TDMNPB
        Status.UNKNOWN,  # 15.2 has no value
        Status.UNKNOWN,
    ]
    assert [verdicts.statuses(i)[9] for i in range(3)] == [
        Status.UNKNOWN,
        Status.MET,
        Status.NOT_MET,
    ]
    rows = [
        ntm.Assessment(
            ntm.Commune("X", region=r, especially_difficult=f),
            dt.date(2019, 12, 31),
            values={} if v != v else {"15.1": v},
            declarations={} if d is None else {9: d},
        )
        for r, f, v, d in zip(
            frame["region"],
            frame["especially_difficult"],
            frame["15.1"],
            frame["criterion 9"],
            strict=True,
        )
    ]
    for i, a in enumerate(rows):
        assert verdicts.statuses(i) == {c.id: c.status for c in ntm.evaluate(a, s).criteria}


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        (
            {"as_of": [dt.date(2019, 12, 31)], "region": ["DBSH"], "15.1": ["lots"]},
            "column '15.1': expected numbers, rows 0 are not",
        ),
        (
            {"as_of": [dt.date(2019, 12, 31)], "region": ["DBSH"], "15.1": [120.0]},
            "column '15.1': expected numbers from 0 to 100, rows 0 are not",
        ),
        (
            {"as_of": [dt.date(2019, 12, 31)], "region": ["DBSH"], "15.1": [True]},
            "column '15.1': expected numbers, rows 0 are not",
        ),
        (
            {"as_of": [dt.date(2019, 12, 31)], "region": ["DBSH"], "99.9": [1.0]},
            "columns commune-2016-2020 does not read: '99.9'",
        ),
        ({"as_of": [dt.date(2019, 12, 31)], "region": [None]}, "rows 0: "),
        ({"region": ["DBSH"]}, "the column 'as_of' (each row's date) is missing"),
    ],
)
def test_a_column_that_cannot_be_trusted_is_refused_with_its_rows(
    columns: dict[str, list[object]], message: str
) -> None:
    with pytest.raises(ntm.AssessmentError) as info:
        evaluate_columns(columns, "commune-2016-2020")
    assert message in str(info.value)


def test_rows_outside_the_period_and_indicators_from_series_are_refused() -> None:
    with pytest.raises(ntm.PeriodError, match="rows 0 are dated 2024-01-01, outside the period"):
        evaluate_columns({"as_of": [dt.date(2024, 1, 1)], "region": ["DBSH"]}, "commune-2016-2020")
    with pytest.raises(ntm.AssessmentError, match="income_growth_rate is derived from a series"):
        evaluate_columns(
            {"as_of": [dt.date(2026, 12, 31)], "commune_group": [1]}, "commune-2026-2030"
        )


def test_the_market_rule_reads_its_fact_column() -> None:
    s = SETS["commune-2016-2020"]
    fact = "market_or_trading_place_in_approved_plan"
    rows = [
        ntm.Assessment(
            ntm.Commune("X", region="DBSH"), dt.date(2019, 12, 31), values={"7": False}, facts=facts
        )
        for facts in ({fact: True}, {fact: False}, {})
    ]
    verdicts = verdict_columns(rows, s)
    assert (
        [verdicts.statuses(i)[7] for i in range(3)]
        == [ntm.evaluate(a, s).criterion(7).status for a in rows]
        == [Status.NOT_MET, Status.NOT_APPLICABLE, Status.UNKNOWN]
    )
    assert attrs.has(ntm.Assessment)
