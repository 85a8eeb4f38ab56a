"""Forecasts (planning/forecast.py): linear and compound trends to each threshold."""

from __future__ import annotations

import datetime as dt

import pytest

import ntm_criteria as ntm
from tests.planning_support import S16


def test_forecasts_linear_and_compound() -> None:
    c = ntm.Commune("X", region="TDMNPB")
    history = [
        ntm.Assessment(c, dt.date(2017, 1, 1), values={"10": 28.0}),
        ntm.Assessment(c, dt.date(2019, 1, 1), values={"10": 32.0}),
    ]
    (f,) = ntm.forecast(history, S16)
    # +2 a year from 32 at the start of 2019: 36 at the start of 2021 -> by the end of 2020 the
    # projection is 35.99..., so it crosses TDMNPB's 36 (2020) only... never within 2016-2020
    # rows; later years have no level in this set.
    assert f.method == "linear"
    assert f.slope == pytest.approx(2.0)
    assert f.crossing_year is None
    faster = [history[0], ntm.Assessment(c, dt.date(2019, 1, 1), values={"10": 34.0})]
    (g,) = ntm.forecast(faster, S16)
    assert g.crossing_year == 2020  # 34 + 3/yr * ~2 -> 39.99 at the end of 2020 >= 36
    (h,) = ntm.forecast(faster, S16, method="compound")
    assert h.method == "compound"
    assert h.slope == pytest.approx((34 / 28) ** 0.5 - 1, rel=1e-3)
    with pytest.raises(ValueError, match="single point"):
        ntm.forecast(history[:1], S16)
