"""Evaluations and decisions as plain data (JSON), and back.

Results hold references to the criteria set's own objects (each indicator result knows its
indicator). On the wire those become ids: an evaluation names its set by id, its criteria by
number and its indicators by their legal ids; a recognition condition is named by its id and
its reason is written in English (``detail``). The converter's hooks for the result classes,
registered here from :data:`WIRE_FORMS`, do that in both directions, so the wire form is the
result classes' own fields (no mirror classes). Reading looks the set up (one you pass, or a
packaged one) and then recomputes the result: a record is never trusted.

:func:`to_json` and :func:`from_json` are the entry points; every JSON document they write has
a ``schema`` key (``ntm-criteria/evaluation/1``, ``ntm-criteria/decision/1``, ...), and
:func:`~ntm_criteria.json_schema` describes each format for app developers who validate forms.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from typing import Any, TypeVar

from attrs import define, field, frozen
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ntm_criteria.certification import ConditionResult, Decision, decide
from ntm_criteria.converter import converter, structure, unstructure
from ntm_criteria.data import load_criteria_set
from ntm_criteria.engine.evaluate import evaluate
from ntm_criteria.engine.results import (
    CaveatKind,
    CriterionResult,
    Evaluation,
    IndicatorResult,
)
from ntm_criteria.errors import RecordError, StructureError
from ntm_criteria.io.assessments import SCHEMA as ASSESSMENTS_SCHEMA
from ntm_criteria.messages import Message, msg
from ntm_criteria.model.commune import Assessment
from ntm_criteria.model.criteria import CriteriaSet

T = TypeVar("T")

EVALUATION_SCHEMA = "ntm-criteria/evaluation/1"
DECISION_SCHEMA = "ntm-criteria/decision/1"


@define
class _Reading:
    """What reading one record needs and finds: the sets to look ids up in, the set the record
    names, and what the record claims about itself (checked once it is read)."""

    sets: Mapping[str, CriteriaSet] | None
    criteria_set: CriteriaSet | None = None
    claims: list[tuple[str, object, object]] = field(factory=list)


_READING: ContextVar[_Reading] = ContextVar("ntm_criteria_reading")

#: What an id stands for when the set it belongs to could not be read: the record is refused
#: for that first error anyway, so its other ids are not reported again.
_UNREAD = object()


def _reading() -> _Reading:
    try:
        return _READING.get()
    except LookupError:
        raise TypeError(
            "results are read with ntm_criteria.from_json, which looks up their set"
        ) from None


def _in_set(find: Callable[[CriteriaSet, Any], Any]) -> Callable[[Any, Any], Any]:
    """A structure hook that looks an id up in the set the record names."""

    def hook(value: Any, _: Any) -> Any:
        s = _reading().criteria_set
        return _UNREAD if s is None else find(s, value)

    return hook


def _set_from_id(value: Any, _: Any) -> CriteriaSet:
    if not isinstance(value, str):
        raise ValueError(f"expected a criteria set id, got {value!r}")
    reading = _reading()
    sets = reading.sets or {}
    reading.criteria_set = sets[value] if value in sets else load_criteria_set(value)
    return reading.criteria_set


def _condition(s: CriteriaSet, value: Any) -> Any:
    for c in s.recognition.conditions:
        if c.id == value:
            return c
    raise RecordError(f"{s.id} has no recognition condition {value!r}")


def _stored_detail(value: Any, _: Any) -> Message:
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {value!r}")
    return msg("record.stored_detail", text=value)


@frozen
class Ref:
    """A field that holds one of the set's own objects, written as its id under ``key``."""

    key: str
    wire_type: type
    to_wire: Callable[[Any], Any]
    from_wire: Callable[[Any, Any], Any]


@frozen
class WireForm:
    """How a result class is written: its reference fields as ids, and the keys written for
    readers (``derived``: a key, its type and how it follows from the result), which are
    checked against the result on reading."""

    refs: Mapping[str, Ref] = {}
    derived: Mapping[str, tuple[type, Callable[[Any], Any]]] = {}


def _by_id(obj: Any) -> Any:
    return obj.id


#: The wire form of every result class; the JSON Schema is generated from the same table.
WIRE_FORMS: dict[type, WireForm] = {
    IndicatorResult: WireForm(
        refs={"indicator": Ref("id", str, _by_id, _in_set(lambda s, v: s.indicator(v)))}
    ),
    CriterionResult: WireForm(
        refs={"criterion": Ref("id", int, _by_id, _in_set(lambda s, v: s.criterion(v)))}
    ),
    Evaluation: WireForm(
        refs={"criteria_set": Ref("criteria_set", str, _by_id, _set_from_id)},
        derived={
            "schema": (str, lambda e: EVALUATION_SCHEMA),
            "met": (int, lambda e: e.met_count),
            "total": (int, lambda e: e.total),
        },
    ),
    ConditionResult: WireForm(
        refs={
            "condition": Ref("id", str, _by_id, _in_set(_condition)),
            "message": Ref("detail", str, lambda m: m.text("en"), _stored_detail),
        }
    ),
    Decision: WireForm(derived={"schema": (str, lambda d: DECISION_SCHEMA)}),
}


@define
class _Hooks:
    """The converter's hooks for one result class, generated on first use."""

    cls: type
    form: WireForm
    _to: Callable[[Any], dict[str, Any]] | None = None
    _back: Callable[[Any, Any], Any] | None = None

    def _overrides(self, make: Callable[[Ref], Any]) -> dict[str, Any]:
        return {name: make(r) for name, r in self.form.refs.items()}

    def unstructure(self, obj: Any) -> dict[str, Any]:
        if self._to is None:
            self._to = make_dict_unstructure_fn(
                self.cls,
                converter,
                _cattrs_omit_if_default=converter.omit_if_default,
                **self._overrides(lambda r: override(rename=r.key, unstruct_hook=r.to_wire)),
            )
        out = {key: get(obj) for key, (_, get) in self.form.derived.items()}
        out.update(self._to(obj))
        return out

    def structure(self, data: Any, _: Any) -> Any:
        if self._back is None:
            self._back = make_dict_structure_fn(
                self.cls,
                converter,
                _cattrs_forbid_extra_keys=True,
                _cattrs_detailed_validation=converter.detailed_validation,
                **self._overrides(lambda r: override(rename=r.key, struct_hook=r.from_wire)),
            )
        if not isinstance(data, Mapping):
            raise ValueError(f"expected a table of key = value, got {data!r}")
        fields = dict(data)
        claimed: dict[str, object] = {}
        for key, (t, _) in self.form.derived.items():
            if key not in fields:
                raise ValueError(f"required field {key!r} missing")
            claimed[key] = converter.structure(fields.pop(key), t)
        obj = self._back(fields, self.cls)
        _reading().claims.extend(
            (key, value, self.form.derived[key][1](obj)) for key, value in claimed.items()
        )
        return obj


for _cls, _form in WIRE_FORMS.items():
    _hooks = _Hooks(_cls, _form)
    converter.register_unstructure_hook(_cls, _hooks.unstructure)
    converter.register_structure_hook(_cls, _hooks.structure)


def _recomputed(stored: Evaluation) -> Evaluation:
    fresh = evaluate(
        stored.assessment,
        stored.criteria_set,
        allow_out_of_period=any(c.kind is CaveatKind.OUT_OF_PERIOD for c in stored.caveats),
    )
    difference = _first_difference(stored, fresh)
    if difference:
        raise RecordError(
            f"the stored evaluation of {stored.assessment.commune.name} "
            f"({stored.criteria_set.id}) is not what its assessment gives under the set: "
            f"{difference}"
        )
    return fresh


def _first_difference(stored: Evaluation, fresh: Evaluation) -> str | None:
    if (stored.zone, stored.year) != (fresh.zone, fresh.year):
        return f"zone and year {stored.zone} {stored.year}, recomputed {fresh.zone} {fresh.year}"
    for old, new in zip(stored.criteria, fresh.criteria, strict=False):
        if old.status is not new.status:
            return f"criterion {old.id} stored as {old.status.value}, recomputed {new.status.value}"
        olds = [r for top in old.indicators for r in top.walk()]
        news = [r for top in new.indicators for r in top.walk()]
        for a, b in zip(olds, news, strict=False):
            if (a.id, a.status, a.margin) != (b.id, b.status, b.margin):
                return (
                    f"indicator {a.id} stored as {a.status.value} (margin {a.margin}), "
                    f"recomputed {b.status.value} (margin {b.margin})"
                )
        if len(olds) != len(news):
            return f"criterion {old.id} stores {len(olds)} indicator results, not {len(news)}"
    if len(stored.criteria) != len(fresh.criteria):
        return f"{len(stored.criteria)} criteria stored, {len(fresh.criteria)} in the set"
    return None


def _recomputed_decision(stored: Decision) -> Decision:
    fresh = decide(_recomputed(stored.evaluation))
    kept = {c.condition.id: c.status for c in stored.conditions}
    for r in fresh.conditions:
        if kept.get(r.condition.id) is not r.status:
            have = kept.get(r.condition.id)
            return _refuse(
                stored,
                f"condition {r.condition.id} stored as {have.value if have else 'absent'}, "
                f"recomputed {r.status.value} ({r.detail})",
            )
    if fresh.outcome is not stored.outcome:
        return _refuse(
            stored, f"outcome stored as {stored.outcome.value}, recomputed {fresh.outcome.value}"
        )
    return fresh


def _refuse(stored: Decision, difference: str) -> Decision:
    e = stored.evaluation
    raise RecordError(
        f"the stored decision on {e.assessment.commune.name} ({e.criteria_set.id}) is not "
        f"what its assessment gives: {difference}; a tier prerequisite decided with prior= is "
        "re-checked from the fact recognised_<tier>"
    )


def to_data(obj: Evaluation | Decision | Assessment | CriteriaSet | Any) -> Any:
    """Plain data for any public object; evaluations and decisions in their wire form."""
    return unstructure(obj)


def to_json(obj: Any, *, indent: int | None = 2) -> str:
    """JSON text for an evaluation, a decision, an assessment or any public object.

    Evaluations and decisions carry their ``schema``; a list of assessments is written as an
    assessments file (``ntm-criteria/assessments/1``).
    """
    if isinstance(obj, list | tuple) and obj and all(isinstance(a, Assessment) for a in obj):
        data: Any = {"schema": ASSESSMENTS_SCHEMA, "assessments": [unstructure(a) for a in obj]}
    elif isinstance(obj, list | tuple):
        data = [to_data(o) for o in obj]
    else:
        data = to_data(obj)
    return json.dumps(data, ensure_ascii=False, indent=indent)


def from_data(data: Any, cls: type[T], criteria_sets: Mapping[str, CriteriaSet] | None = None) -> T:
    """The object of type ``cls`` described by plain data (the inverse of :func:`to_data`).

    An evaluation or decision is looked up in ``criteria_sets``, then among packaged sets, and
    recomputed from its stored assessment; a record whose stored verdicts, counts or outcome
    differ is refused.

    Raises:
        StructureError: the data does not fit, with the path of every bad value (a criterion,
            indicator or condition the set lacks among them).
        RecordError: a stored result differs from the recomputed one.
    """
    if cls not in (Evaluation, Decision):
        return structure(data, cls)
    reading = _Reading(criteria_sets)
    token = _READING.set(reading)
    try:
        stored: Any = structure(data, cls)
    finally:
        _READING.reset(token)
    for key, claimed, actual in reading.claims:
        if claimed != actual:
            raise RecordError(f"the record says {key} = {claimed!r}; its content gives {actual!r}")
    if cls is Evaluation:
        return _recomputed(stored)  # type: ignore[return-value]
    return _recomputed_decision(stored)  # type: ignore[return-value]


def from_json(text: str, cls: type[T], criteria_sets: Mapping[str, CriteriaSet] | None = None) -> T:
    """Read JSON text written by :func:`to_json` back into ``cls``.

    Evaluations and decisions are recomputed from their stored assessment and set, and a
    record whose stored verdicts or outcome differ is refused (:class:`RecordError`).

    Raises:
        StructureError: the text is not JSON (with the line and column), or does not fit.
        RecordError: a stored result differs from the recomputed one.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StructureError(
            [f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"]
        ) from None
    return from_data(data, cls, criteria_sets)
