"""Batch evaluation (engine/batch.py): the verdicts of ``evaluate`` for every commune, kept as
arrays, each full evaluation built when asked for."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import ntm_criteria as ntm
from ntm_criteria import Status, evaluate_batch, strategies

#: Every packaged set with values to give (the district sets list no indicators yet).
SETS = {i: s for i in ntm.criteria_sets() if (s := ntm.load_criteria_set(i)).value_keys()}


def _walked(e: ntm.Evaluation) -> tuple[dict[str, Status], dict[str, float | None]]:
    leaves = [
        r
        for top in (*(t for c in e.criteria for t in c.indicators), *e.unplaced)
        for r in top.walk()
        if not r.parts
    ]
    return {r.id: r.status for r in leaves}, {r.id: r.margin for r in leaves}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.sampled_from(sorted(SETS)))
def test_a_batch_gives_the_verdicts_and_margins_of_evaluate(
    data: st.DataObject, set_id: str
) -> None:
    s = SETS[set_id]
    batch_of = data.draw(st.lists(strategies.assessments(s), min_size=1, max_size=4))
    groups = [z.group for z in s.zones if z.group is not None]
    if groups:  # a commune of one of the set's groups, or none (derived from its facts)
        batch_of = [
            attrs.evolve(a, commune=attrs.evolve(a.commune, commune_group=g))
            for a in batch_of
            for g in (data.draw(st.sampled_from([None, *groups])),)
        ]
    unique = list({a.identity: a for a in batch_of}.values())
    try:
        expected = [ntm.evaluate(a, s) for a in unique]
    except ntm.AssessmentError:  # no region, or a commune group that cannot be derived
        event("refused")
        with pytest.raises(ntm.AssessmentError):
            evaluate_batch(unique, s)
        return
    event("evaluated")
    batch = evaluate_batch(unique, s)
    assert len(batch) == len(expected)
    for i, e in enumerate(expected):
        assert batch.statuses(i) == {c.id: c.status for c in e.criteria}
        statuses, margins = _walked(e)
        assert batch.indicator_statuses(i) == statuses
        assert batch.margins(i) == margins
        assert batch[i] == e
    assert batch.met_counts() == [e.met_count for e in expected]


@pytest.mark.parametrize(
    ("set_id", "values", "facts", "series"),
    [
        # a growth rate from the series, and a poverty rate measured on a named standard
        (
            "commune-2026-2030",
            {"multidimensional_poverty_rate": 4.0},
            {"poverty_standard": "07/2021/NĐ-CP"},
            {"income_per_capita": {2025: 60, 2026: 64.2}},
        ),
        ("commune-2026-2030", {"multidimensional_poverty_rate": 4.0}, {}, {}),
        # a market indicator that applies only when the plan has a market, fact given or not
        ("commune-2016-2020", {"7": False}, {"market_or_trading_place_in_approved_plan": True}, {}),
        (
            "commune-2016-2020",
            {"7": False},
            {"market_or_trading_place_in_approved_plan": False},
            {},
        ),
        ("commune-2016-2020", {"7": False}, {}, {}),
    ],
)
def test_facts_series_and_declarations_decide_as_in_evaluate(
    set_id: str,
    values: dict[str, object],
    facts: dict[str, object],
    series: dict[str, dict[int, float]],
) -> None:
    s = SETS[set_id]
    day = s.in_force_from.replace(year=max(s.in_force_from.year, 2019), month=12, day=31)
    commune = ntm.Commune("X", region="TDMNPB", commune_group=1 if s.zones[0].group else None)
    a = ntm.Assessment(
        commune,
        day,
        values=values,
        declarations={1: True, 2: False},
        facts=facts,
        series=series,  # type: ignore[arg-type]
    )
    e = ntm.evaluate(a, s)
    batch = evaluate_batch([a], s)
    assert batch.statuses(0) == {c.id: c.status for c in e.criteria}
    assert (batch.indicator_statuses(0), batch.margins(0)) == _walked(e)


def test_every_problem_is_listed_after_trying_them_all() -> None:
    s = SETS["commune-2016-2020"]
    good = ntm.Assessment(ntm.Commune("A", region="DBSH"), dt.date(2019, 12, 31))
    no_region = ntm.Assessment(ntm.Commune("B"), dt.date(2019, 12, 31))
    too_late = ntm.Assessment(ntm.Commune("C", region="DBSH"), dt.date(2024, 1, 1))
    with pytest.raises(ntm.AssessmentError) as info:
        evaluate_batch([good, no_region, too_late], s)
    assert [p.split(":")[0] for p in info.value.problems] == [
        "commune 'B' has no region; set 'commune-2016-2020' sets levels by region",
        "C",
    ]


def test_a_batch_reads_as_a_sequence_of_evaluations() -> None:
    s = SETS["commune-2016-2020"]
    a = ntm.Assessment(
        ntm.Commune("A", region="DBSH"), dt.date(2019, 12, 31), declarations={1: True}
    )
    batch = evaluate_batch(
        [a, ntm.Assessment(ntm.Commune("B", region="TN"), dt.date(2019, 12, 31))], s
    )
    assert repr(batch) == "<Batch of 2 communes under commune-2016-2020>"
    assert [e.assessment.commune.name for e in batch] == ["A", "B"]
    assert batch[-1:] == [ntm.evaluate(batch.assessments[1], s)]
    assert batch.counts()[1] == {
        Status.MET: 1,
        Status.NOT_MET: 0,
        Status.UNKNOWN: 1,
        Status.NOT_APPLICABLE: 0,
    }
