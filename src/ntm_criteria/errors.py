"""The library's exceptions: one base class, and one subclass per kind of bad input.

Every message names where the problem is (file, path inside it, indicator, commune) and what was
expected, so that the clerk who fixes the data does not have to read a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence


class NtmError(Exception):
    """Base class of every error raised on purpose by ``ntm_criteria``."""


class CriteriaDataError(NtmError, ValueError):
    """A criteria-set file (packaged or provincial) does not match the model.

    Attributes:
        problems: one line per problem, each naming the path inside the file
            (``$.criteria[9].indicators[0].thresholds['TDMNPB'].value``) and what was expected.
        origin: the file or packaged set the data came from.
    """

    def __init__(self, origin: str, problems: Sequence[str]) -> None:
        self.origin = origin
        self.problems = tuple(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(
            f"{origin}: {len(self.problems)} problem(s) in the criteria data:\n{lines}"
        )


class AssessmentError(NtmError, ValueError):
    """An assessment cannot be evaluated as given (unknown indicator id, wrong kind of value...).

    Attributes:
        problems: one line per problem, naming the commune, the indicator and the value.
    """

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the assessment:\n{lines}")


class NotFoundError(NtmError, KeyError):
    """A look-up by id or name found nothing; the message suggests the nearest names."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class PeriodError(NtmError, LookupError):
    """No packaged criteria set is in force at the requested date (never a silent fallback)."""
