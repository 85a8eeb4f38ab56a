"""``summarize``: district (or province) figures over a set of evaluations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from fractions import Fraction

from attrs import frozen

from ntm_criteria.certification import Decision, Outcome, decide
from ntm_criteria.engine.results import Evaluation, Status
from ntm_criteria.errors import AssessmentError
from ntm_criteria.model.commune import Assessment, Commune, duplicate_problems


@frozen
class CriterionTally:
    """How the communes stand on one criterion."""

    criterion: int
    name_en: str
    name_vi: str
    met: int
    not_met: int
    unknown: int
    not_applicable: int


@frozen(repr=False)
class Summary:
    """Roll-up of many communes' evaluations.

    Attributes:
        communes: number of communes.
        certified, not_certified, indeterminate: counts by certification outcome.
        average_met: mean number of criteria met per commune (exact fraction; ``float()`` it).
        criteria: per criterion, how many communes meet it, fail it, are unknown on it.
    """

    communes: int
    certified: int
    not_certified: int
    indeterminate: int
    average_met: Fraction
    criteria: tuple[CriterionTally, ...]

    def __repr__(self) -> str:
        return (
            f"<Summary {self.communes} communes, {self.certified} certified, "
            f"{float(self.average_met):.1f} criteria met on average>"
        )

    def __str__(self) -> str:
        lines = [
            f"{self.communes} communes: {self.certified} certified, {self.not_certified} not "
            f"certified, {self.indeterminate} indeterminate; "
            f"{float(self.average_met):.1f} criteria met on average"
        ]
        lines.extend(
            f"  criterion {t.criterion} {t.name_en}: not met in {t.not_met}" for t in self.failing()
        )
        return "\n".join(lines)

    @property
    def certified_share(self) -> float:
        """Share of communes certified (0 to 1)."""
        return self.certified / self.communes if self.communes else 0.0

    def failing(self) -> tuple[CriterionTally, ...]:
        """Criteria that at least one commune fails, most failed first."""
        bad = [t for t in self.criteria if t.not_met]
        return tuple(sorted(bad, key=lambda t: (-t.not_met, t.criterion)))


class RollUp:
    """A summary built one decision at a time, so that a batch need not be kept in memory.

    ``add`` each decision (of one criteria set), then ``summary()``; :func:`summarize` is this
    over a list of evaluations. The figures are exact counts, the same as over the whole list.
    """

    def __init__(self) -> None:
        self._set: str | None = None
        self._criteria: tuple[tuple[int, str, str], ...] = ()
        self._counts: list[dict[Status, int]] = []
        self._outcomes = dict.fromkeys(Outcome, 0)
        self._met = 0
        self._communes = 0
        # each commune once: its first assessment's commune and date (not its values, so that
        # a streamed batch is not held in memory after all)
        self._first: dict[tuple[object, ...], tuple[Commune, dt.date]] = {}

    def add(self, decision: Decision) -> None:
        """Count one decision.

        Raises:
            AssessmentError: the commune was counted already.
            ValueError: the decision is under another criteria set than the ones before.
        """
        e = decision.evaluation
        s = e.criteria_set
        if self._set is None:
            self._set = s.id
            self._criteria = tuple((c.id, c.name_en, c.name_vi) for c in s.criteria)
            self._counts = [dict.fromkeys(Status, 0) for _ in s.criteria]
        elif s.id != self._set:
            raise ValueError(f"evaluations use different criteria sets: {self._set}, {s.id}")
        identity = e.assessment.commune.identity
        if identity in self._first:
            first = Assessment(*self._first[identity])
            repeated = duplicate_problems([first, e.assessment], by_date=False)
            raise AssessmentError([f"summarize counts each commune once: {p}" for p in repeated])
        self._first[identity] = (e.assessment.commune, e.assessment.as_of)
        for counts, c in zip(self._counts, e.criteria, strict=True):
            counts[c.status] += 1
        self._outcomes[decision.outcome] += 1
        self._met += e.met_count
        self._communes += 1

    def summary(self) -> Summary:
        """The summary of every decision added.

        Raises:
            ValueError: nothing was added.
        """
        if not self._communes:
            raise ValueError("summarize needs at least one evaluation")
        tallies = tuple(
            CriterionTally(
                cid,
                name_en,
                name_vi,
                counts[Status.MET],
                counts[Status.NOT_MET],
                counts[Status.UNKNOWN],
                counts[Status.NOT_APPLICABLE],
            )
            for (cid, name_en, name_vi), counts in zip(self._criteria, self._counts, strict=True)
        )
        return Summary(
            communes=self._communes,
            certified=self._outcomes[Outcome.CERTIFIED],
            not_certified=self._outcomes[Outcome.NOT_CERTIFIED],
            indeterminate=self._outcomes[Outcome.INDETERMINATE],
            average_met=Fraction(self._met, self._communes),
            criteria=tallies,
        )


def summarize(evaluations: Iterable[Evaluation]) -> Summary:
    """Roll up evaluations (all against the same set) into district figures.

    Each evaluation is decided here with no tier prerequisite; to count decisions as they
    were made, :meth:`RollUp.add` them.

    Raises:
        AssessmentError: the same commune appears twice.
        ValueError: the evaluations use different criteria sets (their criteria cannot be
            tallied together), or there are none.
    """
    evals = list(evaluations)
    if not evals:
        raise ValueError("summarize needs at least one evaluation")
    repeated = duplicate_problems((e.assessment for e in evals), by_date=False)
    if repeated:
        raise AssessmentError([f"summarize counts each commune once: {p}" for p in repeated])
    sets = {e.criteria_set.id for e in evals}
    if len(sets) > 1:
        raise ValueError(f"evaluations use different criteria sets: {', '.join(sorted(sets))}")
    rollup = RollUp()
    for e in evals:
        rollup.add(decide(e))
    return rollup.summary()
