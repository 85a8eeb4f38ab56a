"""Gaps (planning/gaps.py): what stands between a commune and certification, in each indicator's
unit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D  # noqa: N817

import ntm_criteria as ntm
from tests.planning_support import S16

# --- gaps -------------------------------------------------------------------------------------


def test_gaps_in_their_own_units() -> None:
    a = ntm.Assessment(
        ntm.Commune("X", region="TDMNPB"),
        dt.date(2020, 6, 30),
        values={"10": 31.2, "4.1": False, "15.3": 30.0, "9.1": 3, "5": 50.0},
        declarations={11: False},
    )
    found = {g.target: g for g in ntm.gaps(ntm.evaluate(a, S16))}
    assert found["10"].amount == D("4.8")  # 36 (TDMNPB, 2020) - 31.2
    assert found["15.3"].amount == D("3.3")  # at most 26.7
    assert found["9.1"].amount == D(3)
    assert found["4.1"].amount is None
    assert found["4.1"].reason.text("en") == "to achieve (Đạt)"
    assert found["4.1"].reason.text("vi") == "cần đạt"
    assert found["5"].status is ntm.Status.UNKNOWN  # TDMNPB schools level not established
    assert "no level is established" in found["5"].reason.text("en")
    assert found["criterion 11"].is_criterion_level
