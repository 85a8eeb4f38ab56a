"""JSON Schema of the file formats (output/schema.py), checked against what the library writes."""

from __future__ import annotations

import json

import pytest

import ntm_criteria as ntm
from tests.examples_support import example_evaluations

S16 = ntm.load_criteria_set("commune-2016-2020")


# --- writers ----------------------------------------------------------------------------------


def test_json_schemas_validate_what_the_library_writes() -> None:
    import jsonschema as jsonschema

    evaluations = example_evaluations()
    decisions = [ntm.decide(e) for e in evaluations]
    for kind in ("assessments", "evaluation", "decision"):
        jsonschema.Draft202012Validator.check_schema(ntm.json_schema(kind))
    jsonschema.validate(
        json.loads(ntm.to_json([e.assessment for e in evaluations])), ntm.json_schema("assessments")
    )
    jsonschema.validate(json.loads(ntm.to_json(evaluations[0])), ntm.json_schema("evaluation"))
    jsonschema.validate(json.loads(ntm.to_json(decisions[0])), ntm.json_schema("decision"))
    bad = {
        "schema": "ntm-criteria/assessments/1",
        "assessments": [{"commune": {"name": "A"}, "as_of": "2019-01-01", "extra": 1}],
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, ntm.json_schema("assessments"))
