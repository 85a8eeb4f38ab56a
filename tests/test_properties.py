"""Properties that must hold for every input (hypothesis).

- Improving a numeric value in its better direction never turns MET into NOT MET, nor a
  certified commune into an uncertified one.
- An UNKNOWN indicator never yields CERTIFIED.
- Assessments survive the converter to plain data and back unchanged.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import event, given, settings
from hypothesis import strategies as st

import ntm_criteria as ntm
from ntm_criteria import strategies
from ntm_criteria.converter import structure, unstructure
from ntm_criteria.model import Kind, Unit

SET = ntm.load_criteria_set("commune-2016-2020")
FACTS_OK = {"registered_in_plan": True, "outstanding_capital_construction_debt": False}
LEAVES = {i: SET.indicator(i) for i in SET.indicator_ids()}
NUMERIC = sorted(i for i, ind in LEAVES.items() if ind.kind in (Kind.AT_LEAST, Kind.AT_MOST))


regions = strategies.regions()


def assessments(complete: bool = False) -> st.SearchStrategy[ntm.Assessment]:
    """Assessments for the 2016-2020 set over its whole period."""
    return strategies.assessments(SET, complete=complete)  # type: ignore[no-any-return]


def improve(a: ntm.Assessment, indicator_id: str, step: float) -> ntm.Assessment:
    ind = LEAVES[indicator_id]
    old = float(a.values[indicator_id])
    top = 100.0 if ind.unit is Unit.PERCENT else old + step
    new = min(top, old + step) if ind.kind is Kind.AT_LEAST else max(0.0, old - step)
    return ntm.Assessment(
        a.commune, a.as_of, {**a.values, indicator_id: new}, a.declarations, a.facts
    )


@settings(max_examples=150, deadline=None)
@given(assessments(complete=True), st.sampled_from(NUMERIC), st.floats(0, 50, allow_nan=False))
def test_improving_a_value_never_hurts(a: ntm.Assessment, indicator_id: str, step: float) -> None:
    before, after = ntm.evaluate(a, SET), ntm.evaluate(improve(a, indicator_id, step), SET)
    for b, c in zip(before.criteria, after.criteria, strict=True):
        assert not (b.status is ntm.Status.MET and c.status is ntm.Status.NOT_MET), b.id
    for ind_id in LEAVES:
        if before.indicator(ind_id).status is ntm.Status.MET:
            assert after.indicator(ind_id).status is ntm.Status.MET
    certified = ntm.decide(before).certified
    event(f"certified before: {certified}")
    if certified:
        assert ntm.decide(after).certified
    else:  # the outcome can only move up: refused stays refused or opens, never the reverse
        assert ntm.decide(after).outcome is not ntm.Outcome.NOT_CERTIFIED or (
            ntm.decide(before).outcome is ntm.Outcome.NOT_CERTIFIED
        )


@settings(max_examples=200, deadline=None)
@given(assessments())
def test_unknown_never_certifies(a: ntm.Assessment) -> None:
    e = ntm.evaluate(a, SET)
    d = ntm.decide(e)
    event(f"outcome: {d.outcome.value}")
    if d.certified:
        assert e.unknown_criteria == ()
        assert e.met_count == e.total
        assert all(r.status is ntm.Status.MET for r in d.conditions)
    else:
        # short of certification there is a reason: a criterion or a condition not met
        assert e.met_count < e.total or any(r.status is not ntm.Status.MET for r in d.conditions)
    if e.unknown_criteria and not e.unmet_criteria:
        assert d.outcome is not ntm.Outcome.CERTIFIED


@settings(max_examples=200, deadline=None)
@given(assessments())
def test_met_count_and_statuses_add_up(a: ntm.Assessment) -> None:
    e = ntm.evaluate(a, SET)
    counted = len(e.met_criteria) + len(e.unmet_criteria) + len(e.unknown_criteria)
    assert counted == e.total
    # A criterion is met by measurement only if every applicable indicator is met.
    for c in e.criteria:
        if c.status is ntm.Status.MET and c.basis is ntm.VerdictBasis.MEASURED:
            assert all(
                r.status in (ntm.Status.MET, ntm.Status.NOT_APPLICABLE) for r in c.indicators
            )


@settings(max_examples=200, deadline=None)
@given(assessments())
def test_assessment_round_trip(a: ntm.Assessment) -> None:
    assert structure(unstructure(a), ntm.Assessment) == a
    assert hash(structure(unstructure(a), ntm.Assessment)) == hash(a)


def test_criteria_set_round_trip() -> None:
    assert structure(unstructure(SET), ntm.CriteriaSet) == SET


@st.composite
def certified_assessments(draw: st.DrawFn) -> ntm.Assessment:
    """A commune that passes every indicator whose cell is established, and declares the rest.

    Values sit at or beyond each established level (never below), so the commune is certified;
    criteria whose cells are unspecified in the drawn region are declared met.
    """
    region = draw(regions)
    day = draw(st.dates(dt.date(2020, 1, 1), dt.date(2020, 12, 31)))  # the year with income levels
    values: dict[str, Any] = {}
    for ind_id, ind in LEAVES.items():
        cell = (ind.thresholds_by_year.get(2020) or ind.thresholds)[region.code]
        if cell.value is not None:
            values[ind_id] = draw(strategies.passing_value(ind, cell, SET))
    facts = FACTS_OK | {"market_or_trading_place_in_approved_plan": True}
    a = ntm.Assessment(ntm.Commune("C", region=region), day, values=values, facts=facts)
    e = ntm.evaluate(a, SET)
    declarations = dict.fromkeys(e.unknown_criteria, True)
    return ntm.Assessment(a.commune, day, values=values, declarations=declarations, facts=facts)


@settings(max_examples=150, deadline=None)
@given(certified_assessments(), st.data())
def test_certified_commune_stays_certified_when_values_improve(
    a: ntm.Assessment, data: st.DataObject
) -> None:
    assert ntm.decide(ntm.evaluate(a, SET)).certified
    numeric = [i for i in NUMERIC if i in a.values]
    indicator_id = data.draw(st.sampled_from(numeric))
    step = data.draw(st.floats(0, 50, allow_nan=False))
    assert ntm.decide(ntm.evaluate(improve(a, indicator_id, step), SET)).certified


@settings(max_examples=100, deadline=None)
@given(certified_assessments(), st.data())
def test_removing_any_input_never_certifies_silently(
    a: ntm.Assessment, data: st.DataObject
) -> None:
    """Dropping one value (with no declaration to cover it) leaves the outcome open or refused."""
    indicator_id = data.draw(st.sampled_from(sorted(a.values)))
    criterion = SET.criterion_of(indicator_id).id
    values = {k: v for k, v in a.values.items() if k != indicator_id}
    declarations = {k: v for k, v in a.declarations.items() if k != criterion}
    e = ntm.evaluate(ntm.Assessment(a.commune, a.as_of, values, declarations, a.facts), SET)
    status = e.indicator(indicator_id).status
    event(f"the removed indicator is now {status.value}")
    if status is ntm.Status.UNKNOWN:
        assert e.criterion(criterion).status is ntm.Status.UNKNOWN
        assert ntm.decide(e).outcome is ntm.Outcome.INDETERMINATE
    else:  # a value that was not needed (it does not apply here): the verdict cannot be worse
        assert status is ntm.Status.NOT_APPLICABLE
