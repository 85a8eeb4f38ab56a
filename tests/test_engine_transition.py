"""Transition analysis (engine/transition.py): one commune's data under two sets."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ntm_criteria as ntm
from ntm_criteria import Status
from tests.conftest import reference_block

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
