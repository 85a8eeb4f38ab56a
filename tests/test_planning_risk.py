"""Upkeep and risk (planning/risk.py): what a certified commune could lose, now and in the next
period."""

from __future__ import annotations

import datetime as dt

import ntm_criteria as ntm
from tests.planning_support import S16

# --- risk and forecasts ------------------------------------------------------------------------


def test_at_risk_and_next_period() -> None:
    a = ntm.Assessment(
        ntm.Commune("X", region="DBSH"),
        dt.date(2020, 6, 30),
        values={"15.1": 88.0, "15.3": 13.0, "3.1": 95.0},
    )
    e = ntm.evaluate(a, S16)
    # margins: 15.1 3 of 85 (3.5%), 15.3 0.9 of 13.9 (6.5%), 3.1 15 of 80 (18.75%)
    assert [r.indicator for r in ntm.at_risk(e, 0.05)] == ["15.1"]
    assert [r.indicator for r in ntm.at_risk(e, 0.07)] == ["15.1", "15.3"]
    assert [r.indicator for r in ntm.at_risk(e, 0.03)] == []
    # 15.3 DBSH: at most 13.9 in 2016-2020 and 16.5 in 2021-2025; 15.1 general column only
    risks = ntm.next_period_risks(
        e, ntm.load_criteria_set("commune-2021-2025"), dt.date(2022, 6, 30)
    )
    # only part of criterion 15 is given, so it is not met now: nothing to lose
    assert risks == ()
    # stunting in TDMNPB: at most 26.7% under 1980/QĐ-TTg, 24% under 318/QĐ-TTg (provisional);
    # health met now (insurance 95% >= 85%, a station, 25% <= 26.7%) is not met next period
    north = ntm.Assessment(
        ntm.Commune("Y", region="TDMNPB"),
        dt.date(2020, 6, 30),
        values={"15.1": 95.0, "15.2": True, "15.3": 25.0},
    )
    (risk,) = ntm.next_period_risks(
        ntm.evaluate(north, S16), ntm.load_criteria_set("commune-2021-2025"), dt.date(2022, 6, 30)
    )
    assert (risk.criterion, risk.now, risk.next) == (15, ntm.Status.MET, ntm.Status.NOT_MET)
