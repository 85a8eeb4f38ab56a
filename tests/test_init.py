"""The package's face (ntm_criteria/__init__.py): public names, short reprs, a set id wherever a
set is."""

from __future__ import annotations

import datetime as dt

import pytest

import ntm_criteria as ntm
from tests.examples_support import example_evaluations


def test_results_read_well_in_a_repl() -> None:
    evaluations = example_evaluations()
    e = evaluations[0]
    d = ntm.decide(e)
    s = ntm.load_criteria_set("commune-2016-2020")
    plan = ntm.plan_district(evaluations, target=3, start=2019, deadline=2020, budget_per_year=15)
    shown = {
        repr(e): "<Evaluation Phú Đình 15/19 commune-2016-2020 TDMNPB 2019>",
        repr(d): "<Decision Phú Đình not_certified 15/19 commune-2016-2020>",
        repr(
            s
        ): "<CriteriaSet commune-2016-2020 1980/QĐ-TTg, 19 criteria, 2016-12-01 to 2022-03-07>",
        repr(ntm.coverage(s)): (
            "<Coverage commune-2016-2020: 432 cells, 47 verified, 253 provisional, 132 unspecified>"
        ),
        repr(
            ntm.summarize(evaluations)
        ): "<Summary 3 communes, 0 certified, 14.0 criteria met on average>",
    }
    for got, expected in shown.items():
        assert got == expected
    for result in (plan, *plan.communes, ntm.plan_commune(e)):
        assert len(repr(result)) < 200
    assert str(e).startswith("Phú Đình: 15/19 criteria met under commune-2016-2020")
    assert "criterion 10 Income: not met in 3" in str(ntm.summarize(evaluations))


def test_the_package_lists_its_public_names() -> None:
    names = dir(ntm)
    assert "plan_district" in names and "read_assessments" in names  # loaded on first use
    assert "Any" not in names and "TYPE_CHECKING" not in names and "importlib" not in names
    assert names == sorted(ntm.__all__)


def test_a_set_id_is_accepted_wherever_a_set_is_and_other_types_are_named() -> None:
    assert ntm.coverage("commune-2016-2020").total.cells == 432
    evaluations = example_evaluations()
    again = ntm.evaluate_many([e.assessment for e in evaluations], "commune-2016-2020")
    assert [e.score for e in again] == ["15/19", "14/19", "13/19"]
    t = ntm.transition(
        evaluations[0].assessment, "commune-2016-2020", "commune-2021-2025", dt.date(2022, 6, 30)
    )
    assert t.before.criteria_set.id == "commune-2016-2020"
    with pytest.raises(
        TypeError, match=r"expected a datetime.date, got str \(datetime.date.fromisoformat"
    ):
        ntm.set_in_force("2019-12-31")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expected a CriteriaSet or a packaged set id, got int"):
        ntm.coverage(5)  # type: ignore[arg-type]
