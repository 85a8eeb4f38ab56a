"""JSON Schema (draft 2020-12) of the library's file formats, generated from the types.

App developers validate forms and API payloads against these: ``json_schema("assessments")``
describes an assessments file, ``"evaluation"`` and ``"decision"`` the results :func:`to_json`
writes. The schemas are derived from the same attrs classes the converter uses, so they cannot
drift from what the library reads and writes.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Mapping
from typing import Any, Union, get_args, get_origin

import attrs

from ntm_criteria._frozen import FrozenMap
from ntm_criteria.certification import Decision
from ntm_criteria.engine.results import Evaluation
from ntm_criteria.io.assessments import SCHEMA as ASSESSMENTS_SCHEMA
from ntm_criteria.model.commune import Assessment
from ntm_criteria.output.records import DECISION_SCHEMA, EVALUATION_SCHEMA, WIRE_FORMS

FORMATS = ("assessments", "evaluation", "decision")


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def of(self, t: Any) -> dict[str, Any]:
        if t is Any or t is object:
            return {}
        if t is type(None):
            return {"type": "null"}
        if t is bool:
            return {"type": "boolean"}
        if t is int:
            return {"type": "integer"}
        if t is float:
            return {"type": "number"}
        if t is str:
            return {"type": "string"}
        if t is dt.date:
            return {"type": "string", "format": "date"}
        origin = get_origin(t)
        if origin in (Union, types.UnionType):
            return {"anyOf": [self.of(a) for a in get_args(t)]}
        if origin is tuple:
            args = get_args(t)
            return {"type": "array", "items": self.of(args[0]) if args else {}}
        if origin in (FrozenMap, dict, Mapping) or t is FrozenMap:
            key, value = get_args(t) or (str, Any)
            out: dict[str, Any] = {"type": "object", "additionalProperties": self.of(value)}
            if key is int:
                out["propertyNames"] = {"pattern": "^-?[0-9]+$"}
            return out
        if isinstance(t, type) and issubclass(t, enum.Enum):
            return {"enum": [m.value for m in t]}
        if attrs.has(t):
            return self.attrs_class(t)
        raise TypeError(f"no JSON Schema for {t!r}")

    def attrs_class(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder: breaks recursion
            hints = typing.get_type_hints(cls)
            form = WIRE_FORMS.get(cls)
            props = {key: self.of(t) for key, (t, _) in form.derived.items()} if form else {}
            required = list(props)
            for f in attrs.fields(cls):
                ref = form.refs.get(f.name) if form else None
                key = ref.key if ref else f.name
                props[key] = self.of(ref.wire_type if ref else hints[f.name])
                if f.default is attrs.NOTHING:
                    required.append(key)
            doc = (cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
            self.defs[name] = {
                "type": "object",
                "description": doc,
                "properties": props,
                "required": required,
                "additionalProperties": False,
            }
        return {"$ref": f"#/$defs/{name}"}


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of a file format: ``"assessments"``, ``"evaluation"`` or ``"decision"``.

    >>> schema = json_schema("assessments")
    >>> schema["properties"]["schema"]["const"]
    'ntm-criteria/assessments/1'
    """
    b = _Builder()
    if kind == "assessments":
        root: dict[str, Any] = {
            "type": "object",
            "properties": {
                "schema": {"const": ASSESSMENTS_SCHEMA},
                "note": {"type": "string"},
                "assessments": {"type": "array", "items": b.of(Assessment), "minItems": 1},
            },
            "required": ["schema", "assessments"],
            "additionalProperties": False,
        }
    elif kind in ("evaluation", "decision"):
        cls, const = (
            (Evaluation, EVALUATION_SCHEMA) if kind == "evaluation" else (Decision, DECISION_SCHEMA)
        )
        root = {"allOf": [b.of(cls)], "properties": {"schema": {"const": const}}}
    else:
        raise ValueError(f"kind must be one of {', '.join(FORMATS)}, got {kind!r}")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://ntm-criteria.invalid/schema/{kind}/1",
        "title": f"ntm_criteria {kind}",
        **root,
        "$defs": b.defs,
    }
