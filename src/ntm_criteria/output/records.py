"""Evaluations and decisions as plain data (JSON), and back.

Results hold references to the criteria set's own objects (each indicator result knows its
indicator). On the wire those become ids: an :class:`EvaluationRecord` names its set by id and
its indicators by their legal ids, so a result is small and readable. Reading it back looks the
set up (a packaged one, or one you pass) and rebuilds the very same :class:`Evaluation`.

:func:`to_json` and :func:`from_json` are the entry points; every JSON document they write has
a ``schema`` key (``ntm-criteria/evaluation/1``, ``ntm-criteria/decision/1``, ...), and
:func:`json_schema` describes each format for app developers who validate forms.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import frozen

from ntm_criteria.certification import Decision, MissingInput, Outcome, decide
from ntm_criteria.converter import structure, unstructure
from ntm_criteria.data import load_criteria_set
from ntm_criteria.engine.compile import ResolvedIndicator, resolve_set
from ntm_criteria.engine.evaluate import evaluate
from ntm_criteria.engine.results import (
    Caveat,
    CaveatKind,
    CriterionResult,
    Evaluation,
    IndicatorResult,
    Status,
    VerdictBasis,
)
from ntm_criteria.errors import RecordError, StructureError
from ntm_criteria.io.assessments import SCHEMA as ASSESSMENTS_SCHEMA
from ntm_criteria.model.commune import Assessment, MeasuredValue
from ntm_criteria.model.criteria import CriteriaSet
from ntm_criteria.model.indicators import Indicator, Threshold

T = TypeVar("T")

EVALUATION_SCHEMA = "ntm-criteria/evaluation/1"
DECISION_SCHEMA = "ntm-criteria/decision/1"


@frozen
class IndicatorRecord:
    """An indicator result on the wire: the indicator by id."""

    id: str
    status: Status
    value: MeasuredValue | None = None
    threshold: Threshold | None = None
    zone: str | None = None
    year: int | None = None
    margin: float | None = None
    caveats: tuple[Caveat, ...] = ()
    parts: tuple[IndicatorRecord, ...] = ()


@frozen
class CriterionRecord:
    """A criterion result on the wire: the criterion by number."""

    id: int
    status: Status
    basis: VerdictBasis
    indicators: tuple[IndicatorRecord, ...] = ()
    declared: bool | None = None
    caveats: tuple[Caveat, ...] = ()


@frozen
class EvaluationRecord:
    """An evaluation on the wire. ``met`` and ``total`` are there for readers; they are checked
    against the criteria on reading."""

    schema: str
    criteria_set: str
    assessment: Assessment
    zone: str
    zone_reason: str
    year: int
    met: int
    total: int
    criteria: tuple[CriterionRecord, ...]
    caveats: tuple[Caveat, ...] = ()
    unplaced: tuple[IndicatorRecord, ...] = ()


@frozen
class ConditionRecord:
    """A recognition condition's verdict on the wire: the condition by id."""

    id: str
    status: Status
    detail: str


@frozen
class DecisionRecord:
    """A decision on the wire, with its evaluation."""

    schema: str
    outcome: Outcome
    evaluation: EvaluationRecord
    conditions: tuple[ConditionRecord, ...]
    reasons: tuple[str, ...] = ()
    missing_inputs: tuple[MissingInput, ...] = ()
    caveats: tuple[Caveat, ...] = ()


def _indicator_record(r: IndicatorResult) -> IndicatorRecord:
    return IndicatorRecord(
        r.id,
        r.status,
        r.value,
        r.threshold,
        r.zone,
        r.year,
        r.margin,
        r.caveats,
        tuple(_indicator_record(p) for p in r.parts),
    )


def evaluation_record(e: Evaluation) -> EvaluationRecord:
    """The wire form of an evaluation."""
    return EvaluationRecord(
        schema=EVALUATION_SCHEMA,
        criteria_set=e.criteria_set.id,
        assessment=e.assessment,
        zone=e.zone,
        zone_reason=e.zone_reason,
        year=e.year,
        met=e.met_count,
        total=e.total,
        criteria=tuple(
            CriterionRecord(
                c.id,
                c.status,
                c.basis,
                tuple(_indicator_record(r) for r in c.indicators),
                c.declared,
                c.caveats,
            )
            for c in e.criteria
        ),
        caveats=e.caveats,
        unplaced=tuple(_indicator_record(r) for r in e.unplaced),
    )


def decision_record(d: Decision) -> DecisionRecord:
    """The wire form of a decision."""
    return DecisionRecord(
        schema=DECISION_SCHEMA,
        outcome=d.outcome,
        evaluation=evaluation_record(d.evaluation),
        conditions=tuple(ConditionRecord(c.condition.id, c.status, c.detail) for c in d.conditions),
        reasons=d.reasons,
        missing_inputs=d.missing_inputs,
        caveats=d.caveats,
    )


def _indicators_of(s: CriteriaSet, zone: str, year: int) -> dict[str, Indicator]:
    plan = resolve_set(s, zone, year)
    out: dict[str, Indicator] = {}

    def walk(ri: ResolvedIndicator) -> None:
        out[ri.indicator.id] = ri.indicator
        for p in ri.parts:
            walk(p)

    for rc in plan.criteria:
        for ri in rc.indicators:
            walk(ri)
    for ri in plan.unplaced:
        walk(ri)
    return out


def _indicator_result(rec: IndicatorRecord, indicators: Mapping[str, Indicator]) -> IndicatorResult:
    if rec.id not in indicators:
        raise ValueError(f"the criteria set has no indicator {rec.id!r}")
    return IndicatorResult(
        indicators[rec.id],
        rec.status,
        rec.value,
        rec.threshold,
        rec.zone,
        rec.year,
        rec.margin,
        rec.caveats,
        tuple(_indicator_result(p, indicators) for p in rec.parts),
    )


def _find_set(set_id: str, criteria_sets: Mapping[str, CriteriaSet] | None) -> CriteriaSet:
    if criteria_sets and set_id in criteria_sets:
        return criteria_sets[set_id]

    return load_criteria_set(set_id)


def evaluation_from_record(
    rec: EvaluationRecord, criteria_sets: Mapping[str, CriteriaSet] | None = None
) -> Evaluation:
    """Rebuild an evaluation; its set is looked up in ``criteria_sets``, then among packaged sets.

    Raises:
        ValueError: the record names criteria or indicators its set lacks, or its met count
            disagrees with its criteria.
    """
    s = _find_set(rec.criteria_set, criteria_sets)
    indicators = _indicators_of(s, rec.zone, rec.year)
    e = Evaluation(
        assessment=rec.assessment,
        criteria_set=s,
        zone=rec.zone,
        zone_reason=rec.zone_reason,
        year=rec.year,
        criteria=tuple(
            CriterionResult(
                s.criterion(c.id),
                c.status,
                c.basis,
                tuple(_indicator_result(r, indicators) for r in c.indicators),
                c.declared,
                c.caveats,
            )
            for c in rec.criteria
        ),
        caveats=rec.caveats,
        unplaced=tuple(_indicator_result(r, indicators) for r in rec.unplaced),
    )
    if (e.met_count, e.total) != (rec.met, rec.total):
        raise RecordError(f"met {rec.met}/{rec.total} disagrees with the criteria ({e.score})")
    fresh = evaluate(
        rec.assessment,
        s,
        allow_out_of_period=any(c.kind is CaveatKind.OUT_OF_PERIOD for c in rec.caveats),
    )
    difference = _first_difference(e, fresh)
    if difference:
        raise RecordError(
            f"the stored evaluation of {rec.assessment.commune.name} ({rec.criteria_set}) is not "
            f"what its assessment gives under the set: {difference}"
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


def decision_from_record(
    rec: DecisionRecord, criteria_sets: Mapping[str, CriteriaSet] | None = None
) -> Decision:
    """Rebuild a decision (see :func:`evaluation_from_record`)."""
    e = evaluation_from_record(rec.evaluation, criteria_sets)
    by_id = {c.id: c for c in e.criteria_set.recognition.conditions}
    missing = [c.id for c in rec.conditions if c.id not in by_id]
    if missing:
        raise RecordError(f"{e.criteria_set.id} has no recognition condition {missing[0]!r}")
    fresh = decide(e)
    stored = {c.id: c.status for c in rec.conditions}
    for r in fresh.conditions:
        if stored.get(r.condition.id) is not r.status:
            have = stored.get(r.condition.id)
            return _refuse(
                rec,
                f"condition {r.condition.id} stored as {have.value if have else 'absent'}, recomputed {r.status.value} ({r.detail})",
            )
    if fresh.outcome is not rec.outcome:
        return _refuse(
            rec, f"outcome stored as {rec.outcome.value}, recomputed {fresh.outcome.value}"
        )
    return fresh


def _refuse(rec: DecisionRecord, difference: str) -> Decision:
    raise RecordError(
        f"the stored decision on {rec.evaluation.assessment.commune.name} "
        f"({rec.evaluation.criteria_set}) is not what its assessment gives: {difference}; "
        "a tier prerequisite decided with prior= is re-checked from the fact recognised_<tier>"
    )


def to_data(obj: Evaluation | Decision | Assessment | CriteriaSet | Any) -> Any:
    """Plain data for any public object; evaluations and decisions in their wire form."""
    if isinstance(obj, Evaluation):
        return unstructure(evaluation_record(obj))
    if isinstance(obj, Decision):
        return unstructure(decision_record(obj))
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

    Raises:
        StructureError: the data does not fit, with the path of every bad value.
        ValueError: a result names criteria or indicators its set lacks.
    """
    if cls is Evaluation:
        return evaluation_from_record(structure(data, EvaluationRecord), criteria_sets)  # type: ignore[return-value]
    if cls is Decision:
        return decision_from_record(structure(data, DecisionRecord), criteria_sets)  # type: ignore[return-value]
    return structure(data, cls)


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
