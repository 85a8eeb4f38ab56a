"""``summarize``: district (or province) figures over a set of evaluations."""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from attrs import frozen

from ntm_criteria.certification import Outcome, decide
from ntm_criteria.engine.results import Evaluation, Status
from ntm_criteria.errors import AssessmentError
from ntm_criteria.model.commune import duplicate_problems


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


def summarize(evaluations: Iterable[Evaluation]) -> Summary:
    """Roll up evaluations (all against the same set) into district figures.

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
    outcomes = [decide(e).outcome for e in evals]
    tallies = []
    for i, c in enumerate(evals[0].criteria_set.criteria):
        statuses = [e.criteria[i].status for e in evals]
        tallies.append(
            CriterionTally(
                c.id,
                c.name_en,
                c.name_vi,
                statuses.count(Status.MET),
                statuses.count(Status.NOT_MET),
                statuses.count(Status.UNKNOWN),
                statuses.count(Status.NOT_APPLICABLE),
            )
        )
    return Summary(
        communes=len(evals),
        certified=outcomes.count(Outcome.CERTIFIED),
        not_certified=outcomes.count(Outcome.NOT_CERTIFIED),
        indeterminate=outcomes.count(Outcome.INDETERMINATE),
        average_met=Fraction(sum(e.met_count for e in evals), len(evals)),
        criteria=tuple(tallies),
    )
