"""``decide``: whether an evaluated commune can be recognised (đạt chuẩn), and why.

A commune is certified when every applicable criterion is met and every recognition condition
of the set holds (for 2016-2020, Decision 2540/QĐ-TTg: registered in the district's plan and no
outstanding capital-construction debt). Missing data never certifies: the outcome is then
INDETERMINATE, with the missing inputs ranked by how many criteria each blocks.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from decimal import Decimal

from attrs import frozen

from ntm_criteria.engine.results import Caveat, CaveatKind, Evaluation, Status
from ntm_criteria.errors import NotFoundError
from ntm_criteria.messages import Message, msg
from ntm_criteria.model.provenance import EvidenceStatus
from ntm_criteria.model.rules import ConditionCheck, RecognitionCondition


class Outcome(enum.Enum):
    """The certification outcome."""

    CERTIFIED = "certified"
    NOT_CERTIFIED = "not_certified"
    INDETERMINATE = "indeterminate"


@frozen
class ConditionResult:
    """The verdict on one recognition condition, and why, as a message in either language."""

    condition: RecognitionCondition
    status: Status
    message: Message

    @property
    def detail(self) -> str:
        """Why, in English."""
        return self.message.text("en")


@frozen
class MissingInput:
    """An input whose absence keeps the decision open, and what it blocks.

    ``what`` is ``"value"`` (a measured value), ``"threshold"`` (a level the law's tables leave
    unspecified for the commune's zone), ``"applicability"`` (a fact deciding whether an
    indicator applies), ``"declaration"`` (a criterion that only a declaration can settle) or
    ``"fact"`` (a recognition fact).
    """

    what: str
    id: str
    blocks: tuple[str, ...]
    detail: str


@frozen(repr=False)
class Decision:
    """The certification decision on an evaluation, with its reasons.

    >>> import datetime as dt
    >>> from ntm_criteria import Assessment, Commune, decide, evaluate, load_criteria_set
    >>> s = load_criteria_set("commune-2016-2020")
    >>> a = Assessment(Commune("X", region="DBSH"), dt.date(2020, 6, 30),
    ...                declarations={n: True for n in range(1, 20)},
    ...                facts={"registered_in_plan": True,
    ...                       "outstanding_capital_construction_debt": False})
    >>> decide(evaluate(a, s)).outcome
    <Outcome.CERTIFIED: 'certified'>
    """

    evaluation: Evaluation
    outcome: Outcome
    conditions: tuple[ConditionResult, ...]
    reasons: tuple[str, ...]
    missing_inputs: tuple[MissingInput, ...] = ()
    caveats: tuple[Caveat, ...] = ()

    def __repr__(self) -> str:
        e = self.evaluation
        return (
            f"<Decision {e.assessment.commune.name} {self.outcome.value} {e.score} "
            f"{e.criteria_set.id}>"
        )

    def __str__(self) -> str:
        e = self.evaluation
        soft = " (hypothetical)" if self.hypothetical else ""
        return (
            f"{e.assessment.commune.name}: {self.outcome.value}{soft}, {e.score} under "
            f"{e.criteria_set.id}"
        )

    @property
    def certified(self) -> bool:
        """True only for the outcome CERTIFIED."""
        return self.outcome is Outcome.CERTIFIED

    def _count(self, kind: CaveatKind) -> int:
        return sum(1 for c in self.caveats if c.kind is kind)

    @property
    def provisional_figures(self) -> int:
        """How many provisional thresholds the decision rests on."""
        return self._count(CaveatKind.PROVISIONAL_THRESHOLD)

    @property
    def declared_criteria(self) -> int:
        """How many criteria the decision takes from declarations rather than measurements."""
        return self._count(CaveatKind.DECLARED)

    @property
    def what_if_cells(self) -> int:
        """How many levels changed by a what-if overlay the decision rests on."""
        return self._count(CaveatKind.WHAT_IF)

    @property
    def hypothetical(self) -> bool:
        """True when the decision rests on a what-if overlay or is a retrospective study."""
        return self.what_if_cells > 0 or any(
            c.kind is CaveatKind.OUT_OF_PERIOD for c in self.caveats
        )

    @property
    def soft(self) -> bool:
        """True when the outcome rests on anything less than verified measurements."""
        return self.hypothetical or self.provisional_figures > 0 or self.declared_criteria > 0


def _recognised(
    cond: RecognitionCondition, e: Evaluation, prior: Decision | None
) -> ConditionResult:
    tier = cond.tier
    if prior is not None:
        if prior.evaluation.criteria_set.tier != tier:
            raise ValueError(
                f"prior decision is on tier {prior.evaluation.criteria_set.tier!r}; "
                f"{e.criteria_set.id} needs a decision on tier {tier!r}"
            )
        status = {
            Outcome.CERTIFIED: Status.MET,
            Outcome.NOT_CERTIFIED: Status.NOT_MET,
            Outcome.INDETERMINATE: Status.UNKNOWN,
        }[prior.outcome]
        return ConditionResult(
            cond,
            status,
            msg(
                "condition.prior",
                set=prior.evaluation.criteria_set.id,
                outcome=msg(f"outcome.{prior.outcome.value}"),
            ),
        )
    fact = cond.fact
    assert fact is not None  # a recognised_at condition names its fact (validated on load)
    observed = e.assessment.facts.get(fact)
    if observed is None:
        return ConditionResult(
            cond, Status.UNKNOWN, msg("condition.no_prior", tier=tier, fact=fact)
        )
    return ConditionResult(
        cond,
        Status.MET if observed is True else Status.NOT_MET,
        msg("condition.recognised", fact=fact, value=observed),
    )


def _condition(
    cond: RecognitionCondition, e: Evaluation, prior: Decision | None
) -> ConditionResult:
    if cond.check is ConditionCheck.RECOGNISED_AT:
        return _recognised(cond, e, prior)
    if cond.check is ConditionCheck.ALL_CRITERIA_MET:
        if e.unmet_criteria:
            ids = ", ".join(map(str, e.unmet_criteria))
            return ConditionResult(cond, Status.NOT_MET, msg("condition.criteria_not_met", ids=ids))
        if e.unknown_criteria:
            ids = ", ".join(map(str, e.unknown_criteria))
            return ConditionResult(cond, Status.UNKNOWN, msg("condition.criteria_unknown", ids=ids))
        return ConditionResult(cond, Status.MET, msg("condition.all_met", n=e.total))
    assert cond.fact is not None  # validated on load
    observed = e.assessment.facts.get(cond.fact)
    if observed is None:
        key = (
            "condition.fact_missing_unset"
            if cond.status is EvidenceStatus.UNSPECIFIED
            else "condition.fact_missing"
        )
        return ConditionResult(cond, Status.UNKNOWN, msg(key, fact=cond.fact))
    if cond.check is ConditionCheck.FACT:
        ok = observed == cond.equals
        return ConditionResult(
            cond,
            Status.MET if ok else Status.NOT_MET,
            msg("condition.fact_equals", fact=cond.fact, value=observed, required=cond.equals),
        )
    if isinstance(observed, bool):
        # The verdict itself, given by the caller (e.g. the appraisal council's finding).
        verdict = Status.MET if observed else Status.NOT_MET
        return ConditionResult(
            cond, verdict, msg("condition.verdict_given", fact=cond.fact, value=observed)
        )
    level, what = _level(cond, e)
    if level is None:
        return ConditionResult(
            cond,
            Status.UNKNOWN,
            msg("condition.level_unset", fact=cond.fact, value=observed, what=what),
        )
    ok = float(observed) >= level
    return ConditionResult(
        cond,
        Status.MET if ok else Status.NOT_MET,
        msg("condition.at_least", fact=cond.fact, value=observed, level=level, what=what),
    )


def _level(cond: RecognitionCondition, e: Evaluation) -> tuple[float | None, Message]:
    """The numeric level a FACT_AT_LEAST or INDICATOR_FACTOR condition requires, and its name."""
    if cond.check is ConditionCheck.FACT_AT_LEAST:
        t = cond.threshold
        value = None if t is None or t.value is None else float(t.value)
        return value, msg("condition.required_level")
    assert cond.indicator is not None  # validated on load
    assert cond.factor is not None
    what = msg("condition.factor", factor=cond.factor, indicator=cond.indicator)
    try:
        result = e.indicator(cond.indicator)
    except NotFoundError:
        return None, msg(
            "condition.factor_unlisted",
            factor=cond.factor,
            indicator=cond.indicator,
            set=e.criteria_set.id,
        )
    cell = result.threshold
    if cell is None or cell.value is None:
        return None, msg(
            "condition.factor_zone", factor=cond.factor, indicator=cond.indicator, zone=e.zone
        )
    return float(Decimal(repr(float(cell.value))) * Decimal(repr(cond.factor))), what


def _missing(e: Evaluation, conditions: tuple[ConditionResult, ...]) -> tuple[MissingInput, ...]:
    blocks: dict[tuple[str, str], set[str]] = defaultdict(set)
    detail: dict[tuple[str, str], str] = {}
    for c in e.criteria:
        if c.status is not Status.UNKNOWN:
            continue
        for cv in c.caveats:
            kind = {
                CaveatKind.UNSPECIFIED_THRESHOLD: "threshold",
                CaveatKind.MISSING_VALUE: "value",
                CaveatKind.APPLICABILITY_UNKNOWN: "applicability",
                CaveatKind.INCOMPLETE_INDICATOR_LIST: "declaration",
                CaveatKind.DECLARATION_CONFLICT: "declaration",
            }.get(cv.kind)
            if kind is None:
                continue
            key = (kind, cv.indicator or f"criterion {c.id}")
            blocks[key].add(f"criterion {c.id}")
            detail.setdefault(key, cv.message)
    for r in conditions:
        fact = r.condition.fact
        if r.status is Status.UNKNOWN and fact:
            key = ("fact", fact)
            blocks[key].add(f"condition {r.condition.id}")
            detail[key] = f"{r.condition.rule_en} ({r.detail})"
    ranked = sorted(blocks, key=lambda k: -len(blocks[k]))  # stable: table order breaks ties
    return tuple(MissingInput(k[0], k[1], tuple(sorted(blocks[k])), detail[k]) for k in ranked)


def decide(evaluation: Evaluation, prior: Decision | None = None) -> Decision:
    """Decide certification for an evaluation under its set's recognition rules.

    Args:
        evaluation: the evaluation to decide on.
        prior: for a tier that builds on another (advanced needs standard, model needs
            advanced), the decision on that other tier. Without it, the fact
            the condition names (``recognised_standard``, ...) is read (a recognition of an
            earlier year).

    Returns:
        A :class:`Decision`: CERTIFIED only when every criterion is met and every condition
        holds; NOT_CERTIFIED when anything fails; otherwise INDETERMINATE with the missing
        inputs ranked by how many criteria (or conditions) each blocks. Its ``caveats`` list
        every provisional figure and declaration the decision rests on.
    """
    rules = evaluation.criteria_set.recognition
    conditions = tuple(_condition(c, evaluation, prior) for c in rules.conditions)
    failed = [r for r in conditions if r.status is Status.NOT_MET]
    open_ = [r for r in conditions if r.status is Status.UNKNOWN]
    caveats = list(evaluation.all_caveats())
    for r in conditions:
        if r.condition.status is EvidenceStatus.PROVISIONAL:
            caveats.append(
                Caveat(
                    CaveatKind.PROVISIONAL_RULE,
                    f"recognition condition {r.condition.id!r} is provisional: {r.condition.rule_en}",
                    basis=r.condition.basis,
                    note=r.condition.note,
                    source=r.condition.source,
                )
            )
    for d in evaluation.criteria_set.dropped_conditions:
        caveats.append(
            Caveat(
                CaveatKind.CONDITION_REMOVED,
                f"recognition condition {d.id!r} is removed by a layer of "
                f"{evaluation.criteria_set.id} ({d.status.value}): {d.note or 'no note'}",
                message_vi=(
                    f"điều kiện công nhận {d.id!r} được bỏ theo một lớp của "
                    f"{evaluation.criteria_set.id} ({d.status.value})"
                ),
                basis=d.basis,
                note=d.note,
                source=d.source,
            )
        )
    reasons = tuple(f"{r.condition.id}: {r.status.value} ({r.detail})" for r in conditions)
    missing: tuple[MissingInput, ...] = ()
    if failed:
        outcome = Outcome.NOT_CERTIFIED
    elif open_:
        outcome, missing = Outcome.INDETERMINATE, _missing(evaluation, conditions)
    else:
        outcome = Outcome.CERTIFIED
    out_of_period = [c for c in evaluation.caveats if c.kind is CaveatKind.OUT_OF_PERIOD]
    if out_of_period and outcome is Outcome.CERTIFIED:
        # A retrospective study is never a certification.
        outcome = Outcome.INDETERMINATE
        reasons = (*reasons, out_of_period[0].message)
    return Decision(
        evaluation, outcome, conditions, reasons, missing, tuple(dict.fromkeys(caveats))
    )
