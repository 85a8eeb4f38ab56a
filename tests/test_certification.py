"""``decide`` (certification.py): every criterion and recognition condition, indeterminate inputs
ranked by what they block, and a decision that explains itself."""

from __future__ import annotations

import datetime as dt

import pytest

import ntm_criteria as ntm
from ntm_criteria import Outcome

DAY = dt.date(2020, 6, 30)
FACTS_OK = {"registered_in_plan": True, "outstanding_capital_construction_debt": False}
ALL_MET = dict.fromkeys(range(1, 20), True)


def decide(s: ntm.CriteriaSet, **kw: object) -> ntm.Decision:
    a = ntm.Assessment(ntm.Commune("Test", region="BTB"), DAY, **kw)  # type: ignore[arg-type]
    return ntm.decide(ntm.evaluate(a, s))


def test_certified_needs_all_criteria_and_both_conditions(set_2016: ntm.CriteriaSet) -> None:
    d = decide(set_2016, declarations=ALL_MET, facts=FACTS_OK)
    assert d.outcome is Outcome.CERTIFIED
    assert d.certified
    assert [r.status for r in d.conditions] == [ntm.Status.MET] * 3
    # It rests on declarations and on provisional conditions (2540/QĐ-TTg, one news source).
    kinds = {c.kind for c in d.caveats}
    assert ntm.CaveatKind.DECLARED in kinds
    assert ntm.CaveatKind.PROVISIONAL_RULE in kinds


@pytest.mark.parametrize(
    "facts",
    [
        {"registered_in_plan": False, "outstanding_capital_construction_debt": False},
        {"registered_in_plan": True, "outstanding_capital_construction_debt": True},
    ],
)
def test_a_failed_condition_refuses(set_2016: ntm.CriteriaSet, facts: dict[str, bool]) -> None:
    assert decide(set_2016, declarations=ALL_MET, facts=facts).outcome is Outcome.NOT_CERTIFIED


def test_one_unmet_criterion_refuses(set_2016: ntm.CriteriaSet) -> None:
    d = decide(set_2016, declarations=ALL_MET | {10: False}, facts=FACTS_OK)
    assert d.outcome is Outcome.NOT_CERTIFIED
    assert "criteria not met: 10" in " ".join(d.reasons)


def test_missing_facts_make_it_indeterminate(set_2016: ntm.CriteriaSet) -> None:
    d = decide(set_2016, declarations=ALL_MET, facts={"registered_in_plan": True})
    assert d.outcome is Outcome.INDETERMINATE
    assert [(m.what, m.id) for m in d.missing_inputs] == [
        ("fact", "outstanding_capital_construction_debt")
    ]


def test_unknown_criteria_make_it_indeterminate_with_ranked_inputs(
    set_2016: ntm.CriteriaSet,
) -> None:
    declared = {n: True for n in range(1, 20) if n not in (5, 15)}
    d = decide(set_2016, declarations=declared, facts=FACTS_OK, values={"15.1": 90, "15.2": True})
    assert d.outcome is Outcome.INDETERMINATE
    found = {(m.what, m.id) for m in d.missing_inputs}
    # BTB schools (5): no level established; 15.3 stunting: no value given.
    assert ("threshold", "5") in found
    assert ("value", "15.3") in found
    assert all(m.blocks for m in d.missing_inputs)


def test_ranking_puts_inputs_that_block_more_first(set_2016: ntm.CriteriaSet) -> None:
    declared = {n: True for n in range(1, 20) if n not in (5, 15)}
    d = decide(set_2016, declarations=declared, values={"15.1": 90, "15.2": True})
    sizes = [len(m.blocks) for m in d.missing_inputs]
    assert sizes == sorted(sizes, reverse=True)


def test_unknown_never_certifies_even_with_facts(set_2016: ntm.CriteriaSet) -> None:
    d = decide(set_2016, declarations=dict.fromkeys(range(1, 19), True), facts=FACTS_OK)
    assert d.outcome is Outcome.INDETERMINATE


def test_decision_explains_itself(set_2016: ntm.CriteriaSet) -> None:
    d = decide(set_2016, declarations=ALL_MET, facts={"registered_in_plan": True})
    en, vi = ntm.explain(d), ntm.explain(d, "vi")
    assert en.startswith("Test: INDETERMINATE under 2540/QĐ-TTg")
    assert (
        "fact outstanding_capital_construction_debt: condition no_capital_construction_debt" in en
    )
    assert vi.startswith("Test: CHƯA ĐỦ CĂN CỨ theo 2540/QĐ-TTg")
    assert "rests on 22 provisional figure(s) or declaration(s)" in en  # 19 declared + 3 conditions
