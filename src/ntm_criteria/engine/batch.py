"""Batch evaluation: many communes' verdicts in compact arrays, result objects on demand.

:func:`evaluate_batch` checks every assessment at the door as :func:`evaluate` does (its period,
its values, its zone), then runs the program its set compiles once per zone and year: a flat
tuple of leaf indicators (value key, comparator bound to the cell's level) and the criteria as
runs over it. Per commune it keeps the criterion and indicator statuses as bytes and the margins
as an array of floats (under a kilobyte for the 2016-2020 set), so a district or a province is
judged without building tens of result objects per commune (the programs are
:mod:`ntm_criteria.engine.program`'s).

A :class:`Batch` is a sequence of :class:`~ntm_criteria.Evaluation`: ``batch[i]`` is what
``evaluate`` gives for that assessment, built when asked for and not kept. Statuses, counts and
margins are read straight from the arrays (:meth:`Batch.statuses`, :meth:`Batch.met_counts`,
:meth:`Batch.margins`). The verdicts are the engine's own: the same comparators, the same
three-valued logic, and for an indicator whose verdict depends on facts (applicability, the
standard it is measured on) or on a series (a growth rate), the engine's verdict function itself.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

from ntm_criteria._batch import paused_gc
from ntm_criteria.data import as_set, set_in_force
from ntm_criteria.engine.checks import check_assessment
from ntm_criteria.engine.evaluate import evaluate, period_caveat, resolve_zone
from ntm_criteria.engine.program import MET, STATUSES, Program, program, run
from ntm_criteria.engine.results import Evaluation, Status
from ntm_criteria.errors import AssessmentError, PeriodError
from ntm_criteria.model.commune import Assessment
from ntm_criteria.model.criteria import CriteriaSet


class Batch(Sequence[Evaluation]):
    """Many communes evaluated under one set, kept as arrays; see :func:`evaluate_batch`."""

    __slots__ = ("_codes", "_margins", "_programs", "_retro", "assessments", "criteria_set")

    def __init__(
        self,
        criteria_set: CriteriaSet | None,
        assessments: tuple[Assessment, ...],
        programs: tuple[Program, ...],
        codes: tuple[bytes, ...],
        margins: tuple[array[float], ...],
        retrospective: bool = False,
    ) -> None:
        self.criteria_set = criteria_set  #: the set, or None: each under the set of its date
        self.assessments = assessments
        self._programs, self._codes, self._margins = programs, codes, margins
        self._retro = retrospective

    def __len__(self) -> int:
        return len(self.assessments)

    @overload
    def __getitem__(self, i: int) -> Evaluation: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Evaluation]: ...
    def __getitem__(self, i: int | slice) -> Evaluation | Sequence[Evaluation]:
        """The full, explainable evaluation of commune ``i``: what :func:`evaluate` gives."""
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        p = self._programs[i]
        return evaluate(self.assessments[i], p.plan.criteria_set, allow_out_of_period=self._retro)

    def __iter__(self) -> Iterator[Evaluation]:
        return (self[i] for i in range(len(self)))

    def __repr__(self) -> str:
        which = self.criteria_set.id if self.criteria_set else "the sets of their dates"
        return f"<Batch of {len(self)} communes under {which}>"

    def program(self, i: int) -> Program:
        """The compiled program commune ``i`` was judged by (its set, zone and year)."""
        return self._programs[i]

    def statuses(self, i: int) -> dict[int, Status]:
        """Commune ``i``'s status of each criterion, by number."""
        p = self._programs[i]
        codes = self._codes[i]
        return {number: STATUSES[codes[k]] for k, (number, _, _) in enumerate(p.criteria)}

    def indicator_statuses(self, i: int) -> dict[str, Status]:
        """Commune ``i``'s status of each leaf indicator, by id (per-sex halves apart)."""
        p = self._programs[i]
        codes = self._codes[i][len(p.criteria) :]
        return {leaf.key: STATUSES[c] for leaf, c in zip(p.leaves, codes, strict=True)}

    def margins(self, i: int) -> dict[str, float | None]:
        """Commune ``i``'s margin of each leaf indicator (positive: to spare; None: none)."""
        p = self._programs[i]
        return {
            leaf.key: None if m != m else m
            for leaf, m in zip(p.leaves, self._margins[i], strict=True)
        }

    def met_counts(self) -> list[int]:
        """How many criteria each commune meets."""
        return [
            codes[: len(p.criteria)].count(MET)
            for p, codes in zip(self._programs, self._codes, strict=True)
        ]

    def counts(self) -> dict[int, dict[Status, int]]:
        """For each criterion (by number), how many communes have each status."""
        out: dict[int, dict[Status, int]] = {}
        for p, codes in zip(self._programs, self._codes, strict=True):
            for k, (number, _, _) in enumerate(p.criteria):
                by = out.setdefault(number, dict.fromkeys(STATUSES, 0))
                by[STATUSES[codes[k]]] += 1
        return out


def _zone(s: CriteriaSet, a: Assessment) -> str:
    try:
        return resolve_zone(s, a)[0]
    except AssessmentError:
        check_assessment(a, s)  # a bad value is said first, as evaluate says it
        raise


def evaluate_batch(
    assessments: Iterable[Assessment],
    criteria_set: CriteriaSet | str | None = None,
    *,
    allow_out_of_period: bool = False,
) -> Batch:
    """Evaluate many assessments into a :class:`Batch`: the verdicts of :func:`evaluate`,
    kept as arrays, each full evaluation built when asked for.

    Args:
        assessments: the communes' assessments.
        criteria_set: the set (or its id) for every one; None: each under the packaged set in
            force at its date.
        allow_out_of_period: as for :func:`evaluate` (a retrospective study).

    Raises:
        AssessmentError: listing the problems of every assessment that cannot be evaluated,
            after trying them all (as :func:`evaluate_many`).

    >>> import datetime as dt
    >>> from ntm_criteria import Assessment, Commune
    >>> a = Assessment(Commune("Phú Đình", region="TDMNPB"), dt.date(2019, 12, 31),
    ...                values={"15.1": 84.0}, declarations={9: False})
    >>> batch = evaluate_batch([a], "commune-2016-2020")
    >>> batch.statuses(0)[15], batch.margins(0)["15.1"], batch.met_counts()
    (<Status.NOT_MET: 'not_met'>, -1.0, [0])
    >>> batch[0].criterion(15).status is batch.statuses(0)[15]
    True
    """
    chosen = None if criteria_set is None else as_set(criteria_set)
    kept: list[Assessment] = []
    programs: list[Program] = []
    codes: list[bytes] = []
    margins: list[array[float]] = []
    problems: list[str] = []
    with paused_gc():
        for a in assessments:
            try:
                s = chosen or set_in_force(a.as_of)
                period_caveat(a, s, allow_out_of_period)
                zone = _zone(s, a)
                p = program(s, zone, a.year)
                verdicts, leaf_margins = run(p, a, zone)
            except AssessmentError as exc:
                problems.extend(exc.problems)
                continue
            except PeriodError as exc:
                problems.append(str(exc))
                continue
            kept.append(a)
            programs.append(p)
            codes.append(verdicts)
            margins.append(leaf_margins)
    if problems:
        raise AssessmentError(problems)
    return Batch(
        chosen, tuple(kept), tuple(programs), tuple(codes), tuple(margins), allow_out_of_period
    )


__all__ = ["Batch", "evaluate_batch"]
