"""Layers over a criteria set: provincial restatements and what-if overlays.

Provinces restate the national set for their communes: they fill cells the national text leaves
to them and may be stricter, never looser. A layer is a list of cell changes applied to a base
set; the result is a new :class:`CriteriaSet` that shares every untouched criterion with its base
(nothing is copied or re-parsed), and whose changed cells record the layer they came from.

The same mechanism serves what-if studies (:meth:`CriteriaSet.with_overrides` via
:func:`with_overrides`): there a change may loosen a level, because the question is
hypothetical, and every verdict resting on a changed cell says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from attrs import evolve, field, frozen

from ntm_criteria.errors import CriteriaDataError, InputError
from ntm_criteria.model import checks
from ntm_criteria.model.indicators import Indicator, Kind, Scale, Threshold, ThresholdValue
from ntm_criteria.model.provenance import Basis, EvidenceStatus, evidence_problem
from ntm_criteria.model.requirements import requirement
from ntm_criteria.model.rules import ConditionCheck, DroppedCondition, RecognitionCondition
from ntm_criteria.model.validation import cell_problems

if TYPE_CHECKING:
    from ntm_criteria.model.criteria import CriteriaSet


@frozen
class CellChange:
    """A new cell for one indicator in one zone (and year, for by-year indicators).

    ``zone`` None means every zone of the set; ``year`` None means, for a by-year indicator,
    every year row it has.
    """

    indicator: str
    status: EvidenceStatus
    value: ThresholdValue | None = None
    zone: str | None = None
    year: int | None = None
    basis: Basis | None = None
    source: tuple[str, ...] = ()
    note: str | None = None
    applies: bool = True
    reason: str | None = None


def _condition_changes(
    base: CriteriaSet,
    added: Sequence[RecognitionCondition],
    dropped: Sequence[DroppedCondition],
    problems: list[str],
) -> tuple[RecognitionCondition, ...]:
    """The recognition conditions after a layer: dropped ones out, added ones in (an added one
    with a base condition's id replaces it, and may only fill or tighten a verified one)."""
    existing = {c.id: c for c in base.recognition.conditions}
    for i, d in enumerate(dropped):
        at = f"@ $.drop_conditions[{i}]"
        cond = existing.get(d.id)
        if cond is None:
            problems.append(f"set {base.id!r} has no recognition condition {d.id!r} {at}")
        elif cond.check is ConditionCheck.ALL_CRITERIA_MET:
            problems.append(f"a layer may never remove {d.id!r}: every criterion must be met {at}")
        if d.status is EvidenceStatus.UNSPECIFIED or not d.source:
            problems.append(
                f"removing the condition {d.id!r} needs a status (verified or provisional), "
                f"a basis and at least one source {at}"
            )
        elif problem := evidence_problem(d.status, d.basis, has_value=True):
            problems.append(f"{problem} {at}")
    for i, new in enumerate(added):
        old = existing.get(new.id)
        if old is not None and old.status is EvidenceStatus.VERIFIED and _looser(new, old):
            problems.append(
                f"recognition condition {new.id!r}: the layer's version asks less than the "
                f"verified one of {base.id} ({old.rule_en}) @ $.conditions[{i}]"
            )
    gone = {d.id for d in dropped} | {c.id for c in added}
    kept = tuple(c for c in base.recognition.conditions if c.id not in gone)
    replaced = tuple(c for c in added if c.id in existing)
    new_ones = tuple(c for c in added if c.id not in existing)
    order = {c.id: n for n, c in enumerate(base.recognition.conditions)}
    merged = sorted((*kept, *replaced), key=lambda c: order[c.id])
    return (*merged, *new_ones)


def _looser(new: RecognitionCondition, old: RecognitionCondition) -> bool:
    if new.check is not old.check or new.fact != old.fact:
        return True
    if old.check is ConditionCheck.FACT:
        return bool(new.equals != old.equals)
    if (
        old.check is ConditionCheck.FACT_AT_LEAST
        and old.threshold
        and old.threshold.value is not None
    ):
        level = new.threshold.value if new.threshold else None
        return level is None or float(level) < float(old.threshold.value)
    if old.check is ConditionCheck.INDICATOR_FACTOR:
        return (new.factor or 0) < (old.factor or 0) or new.indicator != old.indicator
    return new.tier != old.tier


def looser(kind: Kind, new: Threshold, old: Threshold, scale: Scale | None) -> bool:
    """Whether ``new`` asks less of a commune than ``old``: it stops applying, or its level is
    looser by the kind's rule (:meth:`~ntm_criteria.model.requirements.Requirement.looser`)."""
    if old.applies and not new.applies:
        return True
    if new.value is None or old.value is None:
        return False
    return requirement(kind).looser(new.value, old.value, scale)


def _describe(cell: Threshold) -> str:
    sources = ", ".join(cell.source) or "no source"
    return f"{cell.value!r} ({cell.status.value}; {sources})"


def apply_layer(
    base: CriteriaSet,
    changes: Sequence[CellChange],
    layer_id: str,
    *,
    origin: str,
    allow_loosening: bool = False,
    conditions: Iterable[RecognitionCondition] = (),
    drop_conditions: Iterable[DroppedCondition] = (),
    **metadata: object,
) -> CriteriaSet:
    """A new set: ``base`` with ``changes`` applied, attributed to ``layer_id``.

    Args:
        base: the set (or layer) to build on; it is not modified.
        changes: the cells to set.
        layer_id: the id of the new set, recorded on every changed cell.
        origin: names the layer in errors (a file path, or "what-if").
        allow_loosening: accept a change that asks less than a verified cell of the base (for
            what-if studies only; a provincial layer may only be stricter).
        conditions: recognition conditions the layer adds.
        drop_conditions: the base's recognition conditions the layer removes, each with its
            evidence (a model commune needs advanced recognition, which already implies
            standard recognition); ``all_criteria_met`` can never be removed.
        metadata: other fields of the new set (name_en, tier, instrument, ...).

    Raises:
        CriteriaDataError: listing every bad change: an unknown indicator or zone, a value of
            the wrong kind, or a loosening of a verified cell (naming both values and sources).
    """
    problems: list[str] = []
    by_indicator: dict[str, list[tuple[int, CellChange]]] = {}
    known = {leaf.id for _, ind in base.indicators() for leaf in (ind, *ind.parts)}
    for i, ch in enumerate(changes):
        if ch.indicator not in known:
            problems.append(f"set {base.id!r} has no indicator {ch.indicator!r} @ $.cells[{i}]")
            continue
        if ch.zone is not None and ch.zone not in base.zone_codes:
            problems.append(f"set {base.id!r} has no zone {ch.zone!r} @ $.cells[{i}].zone")
            continue
        by_indicator.setdefault(ch.indicator, []).append((i, ch))

    def change_leaf(ind: Indicator) -> Indicator:
        todo = by_indicator.get(ind.id)
        if not todo:
            return ind
        thresholds = dict(ind.thresholds)
        by_year = {y: dict(row) for y, row in ind.thresholds_by_year.items()}
        for i, ch in todo:
            new = Threshold(
                status=ch.status,
                value=ch.value,
                basis=ch.basis,
                source=ch.source,
                note=ch.note,
                applies=ch.applies,
                layer=layer_id,
                reason=ch.reason,
            )
            bad = list(cell_problems(base, ind, new, f"$.cells[{i}]"))
            if bad:
                problems.extend(bad)
                continue
            if ind.parts:
                problems.append(f"indicator {ind.id} is compound: change its parts @ $.cells[{i}]")
                continue
            if ch.year is not None and not by_year:
                problems.append(f"indicator {ind.id} does not vary by year @ $.cells[{i}].year")
                continue
            if by_year and ch.year is not None and ch.year not in by_year:
                years = ", ".join(map(str, sorted(by_year)))
                problems.append(f"indicator {ind.id} has rows for {years} only @ $.cells[{i}].year")
                continue
            tables = (
                [by_year[y] for y in ([ch.year] if ch.year else sorted(by_year))]
                if by_year
                else [thresholds]
            )
            for table in tables:
                for zone in [ch.zone] if ch.zone else list(table):
                    old = table[zone]
                    if (
                        not allow_loosening
                        and old.status is EvidenceStatus.VERIFIED
                        and looser(ind.kind, new, old, base.scales.get(ind.scale or ""))
                    ):
                        problems.append(
                            f"indicator {ind.id}, zone {zone}: {new.value!r} is looser than the "
                            f"verified level {_describe(old)} of {old.layer or base.id}; a layer may "
                            f"only be stricter (layer value from {', '.join(new.source) or 'no source'})"
                            f" @ $.cells[{i}]"
                        )
                        continue
                    table[zone] = new
        return evolve(ind, thresholds=thresholds, thresholds_by_year=by_year)

    def change(ind: Indicator) -> Indicator:
        if ind.parts:
            parts = tuple(change_leaf(p) for p in ind.parts)
            if ind.id in by_indicator:
                change_leaf(ind)  # reports the compound-indicator error
            return ind if parts == ind.parts else evolve(ind, parts=parts)
        return change_leaf(ind)

    criteria = tuple(
        c
        if not any(leaf.id in by_indicator for i in c.indicators for leaf in (i, *i.parts))
        else evolve(c, indicators=tuple(change(i) for i in c.indicators))
        for c in base.criteria
    )
    unplaced = tuple(change(i) for i in base.unplaced_indicators)
    recognition = base.recognition
    dropped = tuple(drop_conditions)
    extra = tuple(conditions)
    if extra or dropped:
        recognition = evolve(
            recognition, conditions=_condition_changes(base, extra, dropped, problems)
        )
    if problems:
        raise CriteriaDataError(origin, problems)
    return evolve(
        base,
        id=layer_id,
        criteria=criteria,
        unplaced_indicators=unplaced,
        recognition=recognition,
        dropped_conditions=(*base.dropped_conditions, *dropped),
        layers=(*(base.layers or (base.id,)), layer_id),
        **metadata,  # type: ignore[arg-type]
    )


def _threshold_value(_: Any, __: Any, value: Any) -> None:
    if isinstance(value, bool | str):
        return
    if problem := checks.number_problem(value):
        raise InputError("Override", "value", value, f"{problem}, True or a rating label")


@frozen
class Override:
    """A what-if change of one level: ``Override("10", 40, "income bar of 40", zone="TDMNPB")``.

    ``zone`` None changes every zone; ``year`` None changes every year row of a by-year
    indicator. The changed cell is provisional (it is a hypothesis, not a legal figure), its note
    is the reason, and every verdict resting on it carries a what-if caveat.
    """

    indicator: str = field(validator=checks.text("Override", "indicator"))
    value: ThresholdValue = field(validator=_threshold_value)
    reason: str = field(validator=checks.text("Override", "reason"))
    zone: str | None = field(default=None, validator=checks.text("Override", "zone", optional=True))
    year: int | None = field(
        default=None, validator=checks.whole("Override", "year", minimum=1, optional=True)
    )


def with_overrides(
    base: CriteriaSet, overrides: Sequence[Override], overlay_id: str | None = None
) -> CriteriaSet:
    """A what-if overlay of ``base`` (see :meth:`CriteriaSet.with_overrides`)."""
    if not overrides:
        raise ValueError("with_overrides needs at least one Override")
    changes = [
        CellChange(
            indicator=o.indicator,
            status=EvidenceStatus.PROVISIONAL,
            value=o.value,
            zone=o.zone,
            year=o.year,
            basis=Basis.INFERENCE,
            note=o.reason,
            reason=o.reason,
        )
        for o in overrides
    ]
    new_id = overlay_id or f"{base.id}+what-if"
    return apply_layer(
        base, changes, new_id, origin=f"what-if overlay {new_id!r}", allow_loosening=True
    )


@frozen
class Layer:
    """A layer file's content: what it extends, the cells it sets, the conditions it adds.

    ``extends`` names a packaged set id, or a layer file by a path relative to the file that
    extends it. Set fields given here (names, instrument, tier, dates) replace the base's.
    """

    schema: str
    id: str
    extends: str
    name_vi: str | None = None
    name_en: str | None = None
    instrument: str | None = None
    level: str | None = None
    tier: str | None = None
    issued: dt.date | None = None
    in_force_from: dt.date | None = None
    in_force_until: dt.date | None = None
    superseded_by: str | None = None
    source: tuple[str, ...] = ()
    note: str | None = None
    cells: tuple[CellChange, ...] = ()
    conditions: tuple[RecognitionCondition, ...] = ()
    drop_conditions: tuple[DroppedCondition, ...] = ()

    def metadata(self) -> dict[str, object]:
        """The set fields this layer replaces."""
        names = (
            "name_vi",
            "name_en",
            "instrument",
            "level",
            "tier",
            "issued",
            "in_force_from",
            "in_force_until",
            "superseded_by",
        )
        out: dict[str, object] = {
            n: getattr(self, n) for n in names if getattr(self, n) is not None
        }
        if self.source:
            out["source"] = self.source
        return out
