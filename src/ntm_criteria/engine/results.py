"""Results of an evaluation: immutable, and each verdict explained by its data.

Verdicts use three-valued logic plus "not applicable": missing data is UNKNOWN, never met and
never not met. A :class:`Caveat` records everything a verdict rests on that is less than
certain (a provisional threshold, a declaration instead of a measurement) or that is missing
(an unspecified threshold, a value not supplied), so reports and decisions can say so.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator

from attrs import frozen

from ntm_criteria.model.commune import Assessment, MeasuredValue
from ntm_criteria.model.criteria import CriteriaSet
from ntm_criteria.model.indicators import Criterion, Indicator, Threshold
from ntm_criteria.model.provenance import Basis


class Status(enum.Enum):
    """The verdict on an indicator, a criterion or a recognition condition."""

    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"


class CaveatKind(enum.Enum):
    """What a caveat is about."""

    PROVISIONAL_THRESHOLD = "provisional_threshold"  #: the verdict rests on a provisional cell
    UNSPECIFIED_THRESHOLD = "unspecified_threshold"  #: no level is established for the cell
    MISSING_VALUE = "missing_value"  #: no measured value was supplied
    UNVERIFIED_DEFINITION = "unverified_definition"  #: the indicator's wording is not verified
    INCOMPLETE_INDICATOR_LIST = "incomplete_indicator_list"  #: the criterion's list is partial
    DECLARED = "declared"  #: the criterion's status comes from a declaration
    DECLARATION_CONFLICT = "declaration_conflict"  #: declaration and measurements disagree
    APPLICABILITY_UNKNOWN = "applicability_unknown"  #: the fact deciding applicability is missing
    PROVISIONAL_RULE = "provisional_rule"  #: an applicability rule or condition is provisional
    OVERRIDE_NOT_APPLIED = "override_not_applied"  #: a zone override was not applied
    OVERRIDE_APPLIED = "override_applied"  #: the commune uses another zone's levels
    MISSING_FACT = "missing_fact"  #: a recognition fact was not supplied
    WHAT_IF = "what_if"  #: the verdict rests on a level changed by a what-if overlay
    MEASUREMENT_STANDARD = "measurement_standard"  #: a value's measurement standard is wrong
    SET_RULE = "set_rule"  #: a rule of the set that every evaluation under it states
    OUT_OF_PERIOD = "out_of_period"  #: a retrospective study outside the set's period
    CONDITION_REMOVED = "condition_removed"  #: a layer removed a recognition condition


@frozen
class Caveat:
    """Something a verdict rests on that is not certain, or that is missing.

    ``message`` is English; :mod:`ntm_criteria.report.text` renders Vietnamese from the
    structured fields, or takes ``message_vi`` where the data carries its own Vietnamese text.
    """

    kind: CaveatKind
    message: str
    criterion: int | None = None
    indicator: str | None = None
    zone: str | None = None
    year: int | None = None
    basis: Basis | None = None
    note: str | None = None
    source: tuple[str, ...] = ()
    message_vi: str | None = None


class VerdictBasis(enum.Enum):
    """Where a criterion's verdict comes from."""

    MEASURED = "measured"
    DECLARED = "declared"
    NONE = "none"


@frozen
class IndicatorResult:
    """The verdict on one indicator (or one part of a compound indicator).

    Attributes:
        indicator: the indicator evaluated.
        status: MET, NOT_MET, UNKNOWN or NOT_APPLICABLE.
        value: the measured value, if any.
        threshold: the cell applied (None for a compound indicator: see ``parts``).
        zone, year: the column (and income year) the cell was taken from.
        margin: value minus threshold in the indicator's unit, signed so that >= 0 passes
            (for ``at_most`` it is threshold minus value; for ratings, levels above the one
            required). None where there is no number to compare.
        caveats: what the verdict rests on or lacks.
        parts: the results of the parts of a compound indicator.
    """

    indicator: Indicator
    status: Status
    value: MeasuredValue | None = None
    threshold: Threshold | None = None
    zone: str | None = None
    year: int | None = None
    margin: float | None = None
    caveats: tuple[Caveat, ...] = ()
    parts: tuple[IndicatorResult, ...] = ()

    @property
    def id(self) -> str:
        """The indicator's legal id."""
        return self.indicator.id

    def walk(self) -> Iterator[IndicatorResult]:
        """This result and the results of its parts."""
        yield self
        for part in self.parts:
            yield from part.walk()


@frozen
class CriterionResult:
    """The verdict on one criterion, from its indicators and any declaration."""

    criterion: Criterion
    status: Status
    basis: VerdictBasis
    indicators: tuple[IndicatorResult, ...]
    declared: bool | None = None
    caveats: tuple[Caveat, ...] = ()

    @property
    def id(self) -> int:
        """The criterion's number."""
        return self.criterion.id


@frozen(repr=False)
class Evaluation:
    """An assessment evaluated against a criteria set: every verdict, explained.

    >>> import datetime as dt
    >>> from ntm_criteria import Assessment, Commune, evaluate, load_criteria_set
    >>> s = load_criteria_set("commune-2016-2020")
    >>> a = Assessment(Commune("Phú Đình", region="TDMNPB"), dt.date(2019, 12, 31),
    ...                values={"15.1": 84.0}, declarations={9: False})
    >>> e = evaluate(a, s)
    >>> e.criterion(15).status, e.indicator("15.1").margin, e.criterion("nha o dan cu").status
    (<Status.NOT_MET: 'not_met'>, -1.0, <Status.NOT_MET: 'not_met'>)
    >>> e.score
    '0/19'
    """

    assessment: Assessment
    criteria_set: CriteriaSet
    zone: str
    zone_reason: str
    year: int
    criteria: tuple[CriterionResult, ...]
    caveats: tuple[Caveat, ...] = ()
    unplaced: tuple[IndicatorResult, ...] = ()

    def criterion(self, ref: int | str) -> CriterionResult:
        """The result of the criterion with this number, key or name (diacritics optional)."""
        wanted = self.criteria_set.criterion(ref).id
        return next(r for r in self.criteria if r.criterion.id == wanted)

    def indicator(self, indicator_id: str) -> IndicatorResult:
        """The result of the indicator or part with this id (``"12.1/male"`` for one sex).

        Raises:
            NotFoundError: no such indicator; the message suggests the nearest ids.
        """
        tops = [r for c in self.criteria for r in c.indicators] + list(self.unplaced)
        for top in tops:
            for r in top.walk():
                if r.id == indicator_id:
                    return r
        self.criteria_set.indicator(indicator_id)  # raises with suggestions
        raise AssertionError("unreachable")  # pragma: no cover

    def _ids(self, status: Status) -> tuple[int, ...]:
        return tuple(c.id for c in self.criteria if c.status is status)

    @property
    def met_criteria(self) -> tuple[int, ...]:
        """Numbers of the criteria met."""
        return self._ids(Status.MET)

    @property
    def unmet_criteria(self) -> tuple[int, ...]:
        """Numbers of the criteria not met."""
        return self._ids(Status.NOT_MET)

    @property
    def unknown_criteria(self) -> tuple[int, ...]:
        """Numbers of the criteria whose status is unknown."""
        return self._ids(Status.UNKNOWN)

    def __repr__(self) -> str:
        a = self.assessment
        return (
            f"<Evaluation {a.commune.name} {self.score} {self.criteria_set.id} {self.zone} "
            f"{self.year}>"
        )

    def __str__(self) -> str:
        unmet = ", ".join(map(str, self.unmet_criteria)) or "-"
        unknown = ", ".join(map(str, self.unknown_criteria)) or "-"
        return (
            f"{self.assessment.commune.name}: {self.score} criteria met under "
            f"{self.criteria_set.id} (zone {self.zone}, {self.year}); not met: {unmet}; "
            f"unknown: {unknown}"
        )

    @property
    def met_count(self) -> int:
        """How many criteria are met."""
        return len(self.met_criteria)

    @property
    def total(self) -> int:
        """How many criteria apply to the commune (all of them unless one is not applicable)."""
        return len(self.criteria) - len(self._ids(Status.NOT_APPLICABLE))

    @property
    def score(self) -> str:
        """The usual "met/total" figure, e.g. ``"15/19"``."""
        return f"{self.met_count}/{self.total}"

    def all_caveats(self) -> tuple[Caveat, ...]:
        """The caveats of the evaluation and of every criterion verdict, without repeats."""
        out = list(self.caveats)
        for c in self.criteria:
            out.extend(c.caveats)
        return tuple(dict.fromkeys(out))
