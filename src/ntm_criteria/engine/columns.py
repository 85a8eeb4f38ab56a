"""Verdicts over columns (the optional ``numpy`` extra): a whole district or province at once.

:func:`evaluate_columns` takes a table as columns (a pandas DataFrame, or a mapping of column
name to sequence) and gives every commune's criterion and indicator statuses as arrays, by the
programs :mod:`ntm_criteria.engine.batch` compiles: the same levels, the same three-valued logic
and the same door, each check done over a whole column. :func:`verdict_columns` does the same
for :class:`~ntm_criteria.Assessment` objects, gathering their values into columns first.

The columns: ``as_of`` (dates; the period of the set is checked), ``region`` or
``commune_group`` (whichever the set's tables are keyed by) and the commune flags
(``especially_difficult``, ...), which decide each commune's zone as :func:`evaluate` does;
one column per value key (``"15.1"``, ``"13.2/male"``), a missing value being NaN or None;
``criterion N`` for a declared status; and the facts the set reads. A column the set does not
know is an error, as is a value of the wrong kind (each named with its rows). Statuses only:
margins, caveats and explanations are :func:`~ntm_criteria.evaluate_batch`'s and
:func:`~ntm_criteria.evaluate`'s. An indicator derived from a series or tied to the standard it
is measured on (2026-2030) is not evaluated over columns; the error says so and names it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ntm_criteria._optional import optional_import
from ntm_criteria.data import as_set
from ntm_criteria.engine.evaluate import resolve_zone
from ntm_criteria.engine.program import (
    COMBINED,
    MET,
    NOT_APPLICABLE,
    NOT_MET,
    STATUSES,
    UNKNOWN,
    Program,
    program,
)
from ntm_criteria.engine.results import Status
from ntm_criteria.errors import AssessmentError, PeriodError
from ntm_criteria.model.commune import COMMUNE_FLAGS, Assessment, Commune
from ntm_criteria.model.criteria import CriteriaSet
from ntm_criteria.model.indicators import Kind
from ntm_criteria.model.regions import Region
from ntm_criteria.model.requirements import UNIT_BOUNDS

_META = ("as_of", "region", "commune_group", *COMMUNE_FLAGS)


def _np() -> Any:
    return optional_import("numpy", "numpy", "evaluating over columns")


class ColumnVerdicts:
    """Every commune's statuses as arrays of codes (0 met, 1 not met, 2 unknown, 3 not
    applicable; :data:`~ntm_criteria.engine.program.STATUSES` names them)."""

    __slots__ = ("criteria", "criteria_set", "indicators", "zones")

    def __init__(
        self,
        criteria_set: CriteriaSet,
        criteria: dict[int, Any],
        indicators: dict[str, Any],
        zones: Any,
    ) -> None:
        self.criteria_set = criteria_set
        self.criteria = criteria  #: criterion number -> an array of status codes, a row each
        self.indicators = indicators  #: leaf indicator id -> an array of status codes
        self.zones = zones  #: each row's zone

    def __len__(self) -> int:
        return len(self.zones)

    def __repr__(self) -> str:
        return f"<ColumnVerdicts of {len(self)} communes under {self.criteria_set.id}>"

    def met_counts(self) -> Any:
        """How many criteria each commune meets (an array)."""
        np = _np()
        if not self.criteria:
            return np.zeros(len(self), dtype=np.int64)
        return sum((codes == MET).astype(np.int64) for codes in self.criteria.values())

    def statuses(self, row: int) -> dict[int, Status]:
        """One commune's criterion statuses, by number."""
        return {n: STATUSES[int(codes[row])] for n, codes in self.criteria.items()}


def _column(np: Any, raw: Any, n: int) -> Any:
    if isinstance(raw, np.ndarray):
        values = raw
    elif hasattr(raw, "to_numpy"):
        values = raw.to_numpy()
    else:
        values = np.asarray(list(raw), dtype=object)
    if len(values) != n:
        raise AssessmentError([f"a column of {len(values)} rows beside {n}"])
    return values


class _Rows:
    """How a message names rows: by position in the columns, or (for a table read from a
    file, which says each row's number in ``sheet_rows``) by the sheet's row numbers."""

    __slots__ = ("numbers", "source")

    def __init__(self, columns: object) -> None:
        self.numbers = getattr(columns, "sheet_rows", None)
        self.source = getattr(columns, "source", None) if self.numbers is not None else None

    def __call__(self, positions: Sequence[int]) -> str:
        shown = [int(r) if self.numbers is None else int(self.numbers[r]) for r in positions[:20]]
        text = ", ".join(map(str, shown))
        if len(positions) > 20:
            text += f" and {len(positions) - 20} more"
        return text if self.source is None else f"{text} of {self.source}"


def _rows(np: Any, bad: Any, say: _Rows) -> str:
    return say(list(np.flatnonzero(bad)))


def _numbers(np: Any, key: str, raw: Any, low: float, high: float, whole: bool, say: _Rows) -> Any:
    """A numeric column as floats (NaN: no value), or the rows that are not numbers in range."""
    if raw.dtype == object:
        if not set(map(type, raw)) <= {float, int, type(None)}:  # a bool, a text, ...
            wrong = np.array(
                [not (v is None or (type(v) in (float, int))) for v in raw], dtype=bool
            )
            raise AssessmentError(
                [f"column {key!r}: expected numbers, rows {_rows(np, wrong, say)} are not"]
            )
        v = np.where(np.equal(raw, None), np.nan, raw).astype(float)
    elif raw.dtype.kind in "iuf":
        v = raw.astype(float)
    else:
        raise AssessmentError([f"column {key!r}: expected numbers, got a column of {raw.dtype}"])
    given = ~np.isnan(v)
    wrong = given & (np.isinf(v) | (v < low) | (v > high) | (np.floor(v) != v if whole else False))
    if wrong.any():
        expected = "whole counts of at least 0" if whole else f"numbers from {low:g} to {high:g}"
        raise AssessmentError(
            [f"column {key!r}: expected {expected}, rows {_rows(np, wrong, say)} are not"]
        )
    return v


def _flags(np: Any, key: str, raw: Any, say: _Rows) -> Any:
    """A yes/no column as codes: 1 yes, 0 no, -1 no value; anything else is an error."""
    if raw.dtype == bool:
        return raw.astype(np.int8)
    if not set(map(type, raw)) <= {bool, np.bool_, type(None)}:
        wrong = np.array([not (v is None or isinstance(v, bool | np.bool_)) for v in raw])
        raise AssessmentError(
            [f"column {key!r}: expected True or False, rows {_rows(np, wrong, say)} are not"]
        )
    missing = np.equal(raw, None)
    return np.where(missing, -1, np.where(missing, False, raw).astype(bool)).astype(np.int8)


def _ranks(np: Any, key: str, raw: Any, scale: Any, say: _Rows) -> Any:
    """A rating column as ranks on its scale (-1: no value), or the rows off the scale."""
    if scale.values_low_to_high is None and raw.dtype.kind in "iu" and (raw >= 0).all():
        return raw.astype(np.int16)  # a scale of numbers ranks a whole number as itself
    labels = {label: rank for rank, label in enumerate(scale.values_low_to_high or ())}
    labels[None] = -1
    ranks = np.fromiter(map(labels.get, raw, itertools.repeat(-2)), dtype=np.int16, count=len(raw))
    for i in np.flatnonzero(ranks == -2):  # a label as written otherwise, or NaN: one by one
        v = _plain(raw[i])  # a numpy number as the Python number a scale of numbers ranks
        found = -1 if v is None else scale.rank(v)
        ranks[i] = -2 if found is None else found
    if (wrong := ranks == -2).any():
        levels = ", ".join(scale.values_low_to_high or ())
        raise AssessmentError(
            [f"column {key!r}: expected a rating ({levels}), rows {_rows(np, wrong, say)} are not"]
        )
    return ranks


def evaluate_columns(
    columns: Mapping[str, Any] | Any, criteria_set: CriteriaSet | str
) -> ColumnVerdicts:
    """Every commune's statuses from a table given as columns (see the module's notes).

    Raises:
        AssessmentError: an unknown column, a value of the wrong kind (with its rows), a row
            without its region or group, or an indicator the column path does not evaluate.
        PeriodError: rows dated outside the set's period.
        MissingExtraError: numpy is not installed.
    """
    np = _np()
    s = as_set(criteria_set)
    say = _Rows(columns)
    names = [str(c) for c in columns.columns] if hasattr(columns, "columns") else list(columns)
    if "as_of" not in names:
        raise AssessmentError(["the column 'as_of' (each row's date) is missing"])
    dates = list(_column(np, columns["as_of"], len(columns["as_of"])))
    n = len(dates)
    keys = s.value_keys()
    numbers = {c.id for c in s.criteria}
    facts = s.fact_kinds()
    unknown = [
        c
        for c in names
        if c not in _META
        and c not in keys
        and c not in facts
        and not (c.startswith("criterion ") and c[10:].isdigit() and int(c[10:]) in numbers)
    ]
    if unknown:
        raise AssessmentError([f"columns {s.id} does not read: {', '.join(map(repr, unknown))}"])
    days = [
        d.date() if isinstance(d, dt.datetime) or hasattr(d, "to_pydatetime") else d for d in dates
    ]
    for d in set(days):
        if not isinstance(d, dt.date):
            raise AssessmentError([f"column 'as_of': expected dates, got {d!r}"])
        if not s.in_force_on(d):
            rows = [i for i, x in enumerate(days) if x == d]
            raise PeriodError(f"rows {say(rows)} are dated {d}, outside the period of {s.id}")
    raw = {c: _column(np, columns[c], n) for c in names if c != "as_of"}
    zones = _zones(s, raw, days, n, say)
    years = np.array([d.year for d in days])
    values: dict[str, Any] = {}
    for key in (c for c in names if c in keys):
        ind = keys[key]
        if ind.kind in (Kind.AT_LEAST, Kind.AT_MOST, Kind.NONE_ALLOWED):
            low, high = (
                UNIT_BOUNDS.get(ind.unit, (None, None)) if ind.unit is not None else (None, None)
            )
            whole = ind.kind is Kind.NONE_ALLOWED
            values[key] = _numbers(
                np,
                key,
                raw[key],
                0 if whole else (-np.inf if low is None else low),
                np.inf if high is None else high,
                whole,
                say,
            )
        elif ind.kind is Kind.ACHIEVED:
            values[key] = _flags(np, key, raw[key], say)
        else:
            values[key] = _ranks(np, key, raw[key], s.scales.get(ind.scale or ""), say)
    declared = {
        int(c[10:]): _flags(np, c, raw[c], say) for c in names if c.startswith("criterion ")
    }
    fact_columns = {c: raw[c] for c in names if c in facts}
    criteria = {c.id: np.full(n, UNKNOWN, dtype=np.int8) for c in s.criteria}
    indicators: dict[str, Any] = {}
    groups: dict[tuple[str, int], list[int]] = {}
    for i, key in enumerate(zip(zones, years.tolist(), strict=True)):
        groups.setdefault(key, []).append(i)
    for (zone, year), members in groups.items():
        rows = np.array(members)
        _run(
            np,
            program(s, zone, year),
            rows,
            values,
            declared,
            fact_columns,
            criteria,
            indicators,
            n,
        )
    return ColumnVerdicts(s, criteria, indicators, np.array(zones, dtype=object))


def _plain(v: object) -> object:
    """A numpy scalar as the Python value it holds; NaN (pandas' missing) as None."""
    item = getattr(v, "item", None)
    v = item() if item is not None else v
    return None if isinstance(v, float) and v != v else v


def _zones(
    s: CriteriaSet, raw: Mapping[str, Any], days: Sequence[dt.date], n: int, say: _Rows
) -> list[str]:
    """Each row's zone, as :func:`~ntm_criteria.engine.evaluate.resolve_zone` decides it for a
    commune with the row's region, group, flags and facts (once per distinct combination)."""
    rule_facts = sorted({t.fact for r in s.zone_rules for t in r.any_of})
    fields = [c for c in ("region", "commune_group", *COMMUNE_FLAGS) if c in raw]
    # each distinct combination resolved once
    present = [f for f in rule_facts if f in raw]
    used = [raw[c] for c in (*fields, *present)]
    combos: list[tuple[object, ...]] = list(zip(*used, strict=True)) if used else [()] * n
    known: dict[tuple[object, ...], str] = {}
    problems: list[str] = []
    firsts: dict[tuple[object, ...], int] = {}
    for i, combo in enumerate(combos):
        firsts.setdefault(combo, i)
    for combo, first in firsts.items():
        plain = [_plain(v) for v in combo]
        given = {c: v for c, v in zip(fields, plain, strict=False) if v is not None}
        facts = {f: v for f, v in zip(present, plain[len(fields) :], strict=True) if v is not None}
        try:
            region = given.pop("region", None)
            commune = Commune(
                f"row {say([first])}",
                region=Region.lookup(region) if isinstance(region, str) else region,  # type: ignore[arg-type]
                **given,  # type: ignore[arg-type]
            )
            known[combo] = resolve_zone(s, Assessment(commune, days[first], facts=facts))[0]
        except (AssessmentError, ValueError, TypeError) as exc:
            rows = [i for i, c in enumerate(combos) if c == combo]
            problems.append(f"rows {say(rows)}: {exc}")
    if problems:
        raise AssessmentError(problems)
    return [known[c] for c in combos]


def _run(
    np: Any,
    p: Program,
    rows: Any,
    values: Mapping[str, Any],
    declared: Mapping[int, Any],
    facts: Mapping[str, Any],
    criteria: dict[int, Any],
    indicators: dict[str, Any],
    n: int,
) -> None:
    m = len(rows)
    codes = []
    given = []
    for leaf in p.leaves:
        if leaf.special is not None:
            raise AssessmentError(
                [
                    f"indicator {leaf.key} is derived from a series or tied to the standard it is "
                    "measured on, which evaluate_columns does not evaluate: use evaluate_batch"
                ]
            )
        column = values.get(leaf.key)
        if column is None:
            has = np.zeros(m, dtype=bool)
            v = None
        else:
            v = column[rows]
            has = ~np.isnan(v) if v.dtype.kind == "f" else v >= 0
        if not leaf.applies:
            code = np.full(m, NOT_APPLICABLE, dtype=np.int8)
        elif leaf.level is None or v is None:
            code = np.full(m, UNKNOWN, dtype=np.int8)
        else:
            kind = leaf.kind
            if kind is Kind.AT_LEAST:
                passed = v >= float(leaf.level)  # type: ignore[arg-type]
            elif kind is Kind.AT_MOST:
                passed = v <= float(leaf.level)  # type: ignore[arg-type]
            elif kind is Kind.NONE_ALLOWED:
                passed = v == 0
            elif kind is Kind.ACHIEVED:
                passed = v == 1
            else:
                assert leaf.scale is not None
                passed = v >= leaf.scale.rank(leaf.level)
            code = np.where(has, np.where(passed, MET, NOT_MET), UNKNOWN).astype(np.int8)
        if leaf.rule is not None and leaf.applies:
            observed = facts.get(leaf.rule.fact)
            if observed is None:
                holds = np.full(m, -1, dtype=np.int8)
            else:
                seen = observed[rows]
                holds = np.array(
                    [-1 if o is None else int(leaf.rule.holds(o)) for o in seen], dtype=np.int8
                )
            code = np.where(holds == 0, NOT_APPLICABLE, code)
            code = np.where((holds == -1) & (code == NOT_MET), UNKNOWN, code).astype(np.int8)
        indicators.setdefault(leaf.key, np.full(n, UNKNOWN, dtype=np.int8))[rows] = code
        codes.append(code)
        given.append(has)
    table = np.array(COMBINED, dtype=np.int8)
    for number, incomplete, runs in p.criteria:
        if not runs:
            measured = np.full(m, UNKNOWN, dtype=np.int8)
        else:
            mask = np.zeros(m, dtype=np.int8)
            for first, end in runs:
                parts = np.zeros(m, dtype=np.int8)
                for k in range(first, end):
                    parts |= np.left_shift(1, codes[k]).astype(np.int8)
                top = codes[first] if end == first + 1 else table[parts]
                mask |= np.left_shift(1, top).astype(np.int8)
            measured = table[mask]
        if incomplete:
            measured = np.where((measured == MET) | (measured == UNKNOWN), UNKNOWN, measured)
        said = declared.get(number)
        if said is not None:
            said = said[rows]
            measured_any = np.zeros(m, dtype=bool)
            for first, end in runs:
                for k in range(first, end):
                    measured_any |= given[k]
            decided = (measured == MET) | (measured == NOT_MET)
            by_measure = np.where((measured == MET) == (said == 1), measured, UNKNOWN)
            by_word = np.where(said == 1, MET, NOT_MET)
            measured = np.where(
                said < 0, measured, np.where(decided & measured_any, by_measure, by_word)
            )
        criteria[number][rows] = measured.astype(np.int8)


def verdict_columns(
    assessments: Iterable[Assessment], criteria_set: CriteriaSet | str
) -> ColumnVerdicts:
    """:func:`evaluate_columns` for Assessment objects: their fields gathered into columns."""
    s = as_set(criteria_set)
    batch = list(assessments)
    keys = s.value_keys()
    columns: dict[str, list[object]] = {"as_of": [a.as_of for a in batch]}
    communes = [a.commune for a in batch]
    columns["region"] = [c.region for c in communes]
    columns["commune_group"] = [c.commune_group for c in communes]
    for flag in COMMUNE_FLAGS:
        columns[flag] = [getattr(c, flag) for c in communes]
    present: set[str] = set()
    for a in batch:
        present.update(a.values)
    unknown = sorted(present - set(keys))
    if unknown:
        raise AssessmentError([f"values {s.id} does not read: {', '.join(unknown)}"])
    ordered = sorted(present)
    # a row of values per assessment (its dict's own get, mapped in C), then the columns
    rows = [list(map(a.values.lookup, ordered)) for a in batch]
    for key, column in zip(ordered, zip(*rows, strict=True), strict=True):
        columns[key] = list(column)
    for number in sorted({n for a in batch for n in a.declarations}):
        columns[f"criterion {number}"] = [a.declarations.lookup(number) for a in batch]
    for fact in sorted({f for a in batch for f in a.facts}):
        columns[fact] = [a.facts.lookup(fact) for a in batch]
    return evaluate_columns(columns, s)


__all__ = ["ColumnVerdicts", "evaluate_columns", "verdict_columns"]
