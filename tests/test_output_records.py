"""Evaluations and decisions on the wire (output/records.py): ids for the set's own objects,
and every stored claim checked on reading."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings

import ntm_criteria as ntm
from ntm_criteria.converter import structure
from tests.conftest import ROOT
from tests.io_support import table_assessments

S16 = ntm.load_criteria_set("commune-2016-2020")


def _decision() -> ntm.Decision:
    a = ntm.read_assessments(ROOT / "examples" / "dinh-hoa-2019.toml")[0]
    return ntm.decide(ntm.evaluate(a, S16))


def test_the_wire_names_the_sets_own_objects_by_id() -> None:
    data = json.loads(ntm.to_json(_decision()))
    assert set(data) == {"schema", "evaluation", "outcome", "conditions", "reasons", "caveats"}
    e = data["evaluation"]
    assert set(e) == {
        "schema",
        "met",
        "total",
        "assessment",
        "criteria_set",
        "zone",
        "zone_reason",
        "year",
        "criteria",
    }
    assert (e["schema"], e["criteria_set"], e["met"], e["total"]) == (
        "ntm-criteria/evaluation/1",
        "commune-2016-2020",
        15,
        19,
    )
    first = e["criteria"][0]
    assert (first["id"], first["indicators"][0]["id"]) == (1, "1.1")
    assert data["conditions"][0] == {
        "id": "registered_in_plan",
        "status": "unknown",
        "detail": "fact 'registered_in_plan' not given",
    }


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        target: Any = data
        for step in path[:-1]:
            target = target[step]
        if value is _DROP:
            del target[path[-1]]
        else:
            target[path[-1]] = value

    return edit


_DROP = object()


@pytest.mark.parametrize(
    ("edit", "error", "message"),
    [
        (
            _set(("evaluation", "criteria", 0, "indicators", 0, "id"), "99.9"),
            ntm.StructureError,
            "has no indicator '99.9'; nearest ids: 9.2, 9.1, 19.2 "
            "@ $.evaluation.criteria[0].indicators[0].indicator",
        ),
        (
            _set(("evaluation", "criteria", 3, "id"), 44),
            ntm.StructureError,
            "has no criterion 44; its criteria are 1 to 19 @ $.evaluation.criteria[3].criterion",
        ),
        (
            _set(("conditions", 0, "id"), "nope"),
            ntm.StructureError,
            "commune-2016-2020 has no recognition condition 'nope' @ $.conditions[0].condition",
        ),
        (
            _set(("evaluation", "criteria_set"), "nope"),
            ntm.StructureError,
            "no packaged criteria set 'nope'",
        ),
        (_set(("evaluation", "met"), 3), ntm.RecordError, "met = 3; its content gives 15"),
        (
            _set(("schema",), "ntm-criteria/decision/9"),
            ntm.RecordError,
            "schema = 'ntm-criteria/decision/9'; its content gives 'ntm-criteria/decision/1'",
        ),
        (
            _set(("evaluation", "total"), _DROP),
            ntm.StructureError,
            "required field 'total' missing @ $.evaluation",
        ),
        (_set(("evaluation", "extra"), 1), ntm.StructureError, "extra fields found (extra)"),
    ],
)
def test_a_record_that_cannot_be_trusted_is_refused_once_with_its_path(
    edit: Callable[[dict[str, Any]], None], error: type[Exception], message: str
) -> None:
    data = json.loads(ntm.to_json(_decision()))
    edited = copy.deepcopy(data)
    edit(edited)
    with pytest.raises(error) as info:
        ntm.from_json(json.dumps(edited), ntm.Decision)
    assert message in str(info.value)
    assert str(info.value).count(" @ $") <= 1  # one error, not one per id of a missing set


def test_a_record_is_read_back_as_its_recomputed_result() -> None:
    d = _decision()
    assert ntm.from_json(ntm.to_json(d), ntm.Decision) == d
    assert ntm.from_json(ntm.to_json(d.evaluation), ntm.Evaluation) == d.evaluation


def test_a_set_passed_by_the_caller_is_looked_up_first() -> None:
    lax = S16.with_overrides(ntm.Override("11", 20, "a lax ceiling", zone="TDMNPB"), id="lax")
    e = ntm.evaluate(_decision().evaluation.assessment, lax)
    assert ntm.from_json(ntm.to_json(e), ntm.Evaluation, {"lax": lax}) == e
    with pytest.raises(ntm.StructureError, match="no packaged criteria set 'lax'"):
        ntm.from_json(ntm.to_json(e), ntm.Evaluation)


def test_results_are_not_structured_without_a_set_to_look_ids_up_in() -> None:
    data = json.loads(ntm.to_json(_decision().evaluation))
    with pytest.raises(ntm.StructureError, match=r"read with ntm_criteria\.from_json"):
        structure(data, ntm.Evaluation)


@settings(max_examples=60, deadline=None)
@given(table_assessments())
def test_json_round_trip_of_assessments_evaluations_and_decisions(a: ntm.Assessment) -> None:
    e = ntm.evaluate(a, S16)
    d = ntm.decide(e)
    assert ntm.from_json(ntm.to_json(a), ntm.Assessment) == a
    assert ntm.from_json(ntm.to_json(e), ntm.Evaluation) == e
    assert ntm.from_json(ntm.to_json(d), ntm.Decision) == d
    assert json.loads(ntm.to_json(d))["schema"] == "ntm-criteria/decision/1"


@pytest.mark.parametrize("set_id", ntm.criteria_sets())
def test_json_round_trip_of_every_set(set_id: str) -> None:
    s = ntm.load_criteria_set(set_id)
    assert ntm.from_json(ntm.to_json(s), ntm.CriteriaSet) == s
