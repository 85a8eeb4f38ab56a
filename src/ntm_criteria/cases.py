"""Test cases as data: an assessment, the set it is judged under, and the expected result.

A province checks its layer against results it knows, and the project checks its sets against
published commune data, with the same files (in the manner of OpenFisca's YAML tests)::

    schema = "ntm-criteria/cases/1"
    set = "commune-2016-2020"            # default for every case: a packaged id or a file

    [[cases]]
    name = "Phú Đình 2019: 15/19, not certified"
    source = "Định Hóa district review, 2019"
    assessments = "../../examples/dinh-hoa-2019.toml"   # a file of assessments ...
    commune = "Phú Đình"                                 # ... and which commune of it

    [cases.expect]
    outcome = "not_certified"
    score = "15/19"
    not_met = [9, 10, 11, 15]
    criteria = { 1 = "met" }
    indicators = { "15.1" = "not_met" }

A case may give its assessment inline instead (``[cases.assessment]``, the shape of one entry
of an assessments file). Every expectation is optional; each one given is compared, and a
failing case lists every difference as expected and actual. Paths are relative to the case
file. Run them with ``ntm-criteria test FILES...`` or :func:`run_cases`; the project's own
``tests/cases/*.toml`` run under pytest.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Sequence
from pathlib import Path

from attrs import field, frozen

from ntm_criteria._frozen import FrozenMap, freeze
from ntm_criteria._text import fold
from ntm_criteria.certification import Decision, Outcome, decide
from ntm_criteria.converter import structure
from ntm_criteria.data import set_in_force
from ntm_criteria.engine.evaluate import evaluate
from ntm_criteria.engine.results import Status
from ntm_criteria.errors import DataFileError, NtmError, StructureError
from ntm_criteria.io.criteria_files import set_from_ref
from ntm_criteria.io.reading import read_assessments
from ntm_criteria.model.commune import Assessment
from ntm_criteria.model.criteria import CriteriaSet

SCHEMA = "ntm-criteria/cases/1"


def _statuses(value: object) -> FrozenMap[object, Status]:
    return freeze(value)  # type: ignore[arg-type]


@frozen
class Expect:
    """What a case expects; None (the default) leaves that part unchecked."""

    outcome: Outcome | None = None
    score: str | None = None
    met: tuple[int, ...] | None = None
    not_met: tuple[int, ...] | None = None
    unknown: tuple[int, ...] | None = None
    criteria: FrozenMap[int, Status] = field(factory=FrozenMap, converter=_statuses)
    indicators: FrozenMap[str, Status] = field(factory=FrozenMap, converter=_statuses)
    missing: tuple[str, ...] | None = None
    error: str | None = None


@frozen
class Case:
    """One case: where its assessment comes from, the set, and what is expected."""

    name: str
    expect: Expect
    source: str | None = None
    set: str | None = None
    assessments: str | None = None
    commune: str | None = None
    as_of: dt.date | None = None
    assessment: Assessment | None = None
    allow_out_of_period: bool = False


@frozen
class CaseFile:
    """A file of cases, with the set its cases use unless they name another."""

    schema: str
    cases: tuple[Case, ...]
    set: str | None = None


@frozen
class CaseResult:
    """The outcome of one case: every difference between expected and actual (none: passed)."""

    file: str
    name: str
    failures: tuple[str, ...]

    @property
    def passed(self) -> bool:
        """True when the result is as expected."""
        return not self.failures

    def __str__(self) -> str:
        head = f"{self.file}: {self.name}: {'passed' if self.passed else 'FAILED'}"
        return "\n".join([head, *(f"  - {f}" for f in self.failures)])


def read_cases(path: str | Path) -> CaseFile:
    """Read a case file.

    Raises:
        DataFileError: the file cannot be read, is not TOML, or does not fit the layout (every
            problem with its path inside the file).
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(str(path), [f"cannot read the file: {exc}"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(str(path), [f"not valid TOML: {exc}"]) from None
    if data.get("schema") != SCHEMA:
        raise DataFileError(
            str(path), [f"expected schema = {SCHEMA!r}, got {data.get('schema')!r} @ $.schema"]
        )
    try:
        cases = structure(data, CaseFile)
    except StructureError as exc:
        raise DataFileError(str(path), exc.problems) from None
    problems = [
        f"case {c.name!r}: give either assessments = FILE or [cases.assessment], not "
        + ("both" if c.assessment and c.assessments else "neither")
        for c in cases.cases
        if (c.assessment is None) == (c.assessments is None)
    ]
    if problems:
        raise DataFileError(str(path), problems)
    return cases


def _assessment(case: Case, base: Path, s: CriteriaSet | None) -> Assessment:
    if case.assessment is not None:
        return case.assessment
    assert case.assessments is not None
    found = [
        a
        for a in read_assessments(base / case.assessments, s)
        if (case.commune is None or fold(a.commune.name) == fold(case.commune))
        and (case.as_of is None or a.as_of == case.as_of)
    ]
    if len(found) != 1:
        which = f"commune {case.commune!r}" if case.commune else "no commune named"
        raise DataFileError(
            case.assessments,
            [
                f"{len(found)} assessments match {which}{f' on {case.as_of}' if case.as_of else ''}"
                "; a case judges exactly one (name the commune, and as_of when there are several)"
            ],
        )
    return found[0]


def _compare(label: str, expected: object, actual: object, failures: list[str]) -> None:
    if expected is not None and expected != actual:
        failures.append(f"{label}: expected {_show(expected)}, got {_show(actual)}")


def _show(value: object) -> str:
    if isinstance(value, Outcome | Status):
        return str(value.value)
    if isinstance(value, tuple):
        return "[" + ", ".join(map(str, value)) + "]"
    return repr(value)


def _differences(expect: Expect, d: Decision) -> list[str]:
    e = d.evaluation
    failures: list[str] = []
    _compare("outcome", expect.outcome, d.outcome, failures)
    _compare("score", expect.score, e.score, failures)
    _compare("met", expect.met, e.met_criteria, failures)
    _compare("not_met", expect.not_met, e.unmet_criteria, failures)
    _compare("unknown", expect.unknown, e.unknown_criteria, failures)
    for number, status in expect.criteria.items():
        try:
            _compare(f"criterion {number}", status, e.criterion(number).status, failures)
        except NtmError as exc:
            failures.append(f"criterion {number}: {exc}")
    for indicator, status in expect.indicators.items():
        try:
            _compare(f"indicator {indicator}", status, e.indicator(indicator).status, failures)
        except NtmError as exc:
            failures.append(f"indicator {indicator}: {exc}")
    if expect.missing is not None:
        actual = tuple(sorted(f"{m.what} {m.id}" for m in d.missing_inputs))
        _compare("missing", tuple(sorted(expect.missing)), actual, failures)
    return failures


def run_case(
    case: Case, file: str | Path = "<cases>", default_set: str | None = None
) -> CaseResult:
    """Judge one case; an error where the case expects none is a failure, and the reverse."""
    base = Path(file).parent
    try:
        ref = case.set or default_set
        s = None if ref is None else set_from_ref(ref, base)
        a = _assessment(case, base, s)
        chosen = s or set_in_force(a.as_of)
        d = decide(evaluate(a, chosen, allow_out_of_period=case.allow_out_of_period))
    except NtmError as exc:
        if case.expect.error is not None and case.expect.error in str(exc):
            return CaseResult(str(file), case.name, ())
        return CaseResult(str(file), case.name, (f"error: {exc}",))
    if case.expect.error is not None:
        failure = f"error: expected one containing {case.expect.error!r}, got none"
        return CaseResult(str(file), case.name, (failure,))
    return CaseResult(str(file), case.name, tuple(_differences(case.expect, d)))


def run_cases(paths: Iterable[str | Path]) -> list[CaseResult]:
    """Read and judge every case of every file, in order.

    Raises:
        DataFileError: a file cannot be read as cases (nothing is judged then).
    """
    results: list[CaseResult] = []
    for path in paths:
        cases = read_cases(path)
        results.extend(run_case(c, path, cases.set) for c in cases.cases)
    return results


def summary(results: Sequence[CaseResult]) -> str:
    """``"3 passed, 1 failed"``."""
    failed = sum(not r.passed for r in results)
    return f"{len(results) - failed} passed, {failed} failed"


__all__ = [
    "SCHEMA",
    "Case",
    "CaseFile",
    "CaseResult",
    "Expect",
    "read_cases",
    "run_case",
    "run_cases",
    "summary",
]
