"""Packaged legal criteria sets, one TOML file each, and their loader.

A set's id is its file name without ``.toml``: ``commune-2016-2020`` is Decision 1980/QĐ-TTg.
Loading parses and validates the file once per process; the set is immutable, so every caller
shares the same object.
"""

from __future__ import annotations

import datetime as dt
import functools
from importlib import resources

from ntm_criteria._text import nearest
from ntm_criteria.data.parse import parse_criteria_set
from ntm_criteria.errors import NotFoundError, PeriodError
from ntm_criteria.model.criteria import CriteriaSet


def criteria_sets() -> tuple[str, ...]:
    """The ids of the packaged criteria sets, sorted.

    >>> "commune-2016-2020" in criteria_sets()
    True
    """
    files = resources.files(__name__).iterdir()
    return tuple(sorted(f.name[: -len(".toml")] for f in files if f.name.endswith(".toml")))


@functools.cache
def load_criteria_set(set_id: str) -> CriteriaSet:
    """The packaged criteria set ``set_id`` (parsed once, then shared: it is immutable).

    Raises:
        NotFoundError: no packaged set has this id; the message lists the nearest ids.
        CriteriaDataError: the packaged file is damaged (names the path inside the file).
    """
    available = criteria_sets()
    if set_id not in available:
        hint = nearest(set_id, available) or list(available)
        raise NotFoundError(f"no packaged criteria set {set_id!r}; available: {', '.join(hint)}")
    text = resources.files(__name__).joinpath(f"{set_id}.toml").read_text(encoding="utf-8")
    # A packaged layer extends another packaged set, by id.
    return parse_criteria_set(
        text,
        origin=f"ntm_criteria/data/{set_id}.toml",
        resolve=lambda name, _: load_criteria_set(name),
    )


def as_set(ref: CriteriaSet | str) -> CriteriaSet:
    """A set, or the packaged set with that id: a set id is accepted wherever a set is.

    Raises:
        TypeError: ``ref`` is neither.
        NotFoundError: no packaged set has this id.
    """
    if isinstance(ref, CriteriaSet):
        return ref
    if isinstance(ref, str):
        return load_criteria_set(ref)
    raise TypeError(f"expected a CriteriaSet or a packaged set id, got {type(ref).__name__}")


def set_in_force(day: dt.date, level: str = "commune", tier: str = "standard") -> CriteriaSet:
    """The packaged set of ``level`` and ``tier`` in force on ``day``.

    Raises:
        PeriodError: no packaged set of that level and tier is in force on ``day``; there is
            no fallback to the nearest period.

    >>> set_in_force(dt.date(2019, 12, 31)).id
    'commune-2016-2020'
    """
    if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
        hint = " (datetime.date.fromisoformat reads text)" if isinstance(day, str) else ""
        raise TypeError(f"expected a datetime.date, got {type(day).__name__}{hint}")
    candidates = [load_criteria_set(i) for i in criteria_sets()]
    matching = [s for s in candidates if s.level == level and s.tier == tier]
    in_force = [s for s in matching if s.in_force_on(day)]
    if len(in_force) == 1:
        return in_force[0]
    periods = ", ".join(
        f"{s.id} ({s.in_force_from} to {s.in_force_until or 'now'})" for s in matching
    )
    if not in_force:
        raise PeriodError(
            f"no packaged {level} set of tier {tier!r} is in force on {day.isoformat()}; "
            f"packaged: {periods or 'none'}"
        )
    raise PeriodError(f"more than one {level} set of tier {tier!r} is in force on {day}: {periods}")
