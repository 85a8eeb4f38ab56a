"""The library's exceptions: one base class, and one subclass per kind of bad input.

Every message names where the problem is (file, path inside it, indicator, commune) and what was
expected, so that the clerk who fixes the data does not have to read a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


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


class AmbiguityError(NotFoundError):
    """A name that matches more than one thing; the message lists every match."""


class PeriodError(NtmError, LookupError):
    """No packaged criteria set is in force at the requested date (never a silent fallback)."""


class InputError(NtmError, ValueError):
    """A public input type was built with a value it cannot hold.

    Raised by the constructors of :class:`~ntm_criteria.Commune`,
    :class:`~ntm_criteria.Assessment` and the other input types, at once, instead of a late
    crash or a silent coercion. The message names the type, the field, the value and what was
    expected.

    Attributes:
        owner: the type being built (``"Commune"``).
        field: the field (``"applies_tdmnpb_level"``, ``"values['15.1']"``).
        value: the value given.
        expected: what the field accepts.
    """

    def __init__(self, owner: str, field: str, value: object, expected: str) -> None:
        self.owner = owner
        self.field = field
        self.value = value
        self.expected = expected
        super().__init__(f"{owner}.{field}: expected {expected}, got {value!r}")


class StructureError(NtmError, ValueError):
    """Plain data does not fit a type; ``problems`` gives one line per bad value, with its path."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(self.problems))


class DataFileError(NtmError, ValueError):
    """A data file cannot be read; ``problems`` names the file and each bad entry's path."""

    def __init__(self, path: str, problems: Sequence[str]) -> None:
        self.path = path
        self.problems = tuple(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{path}: {len(self.problems)} problem(s):\n{lines}")


class TableError(NtmError, ValueError):
    """A table could not be read as given; ``problems`` lists every problem found."""

    def __init__(self, problems: Sequence[Any]) -> None:
        self.problems = tuple(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the data:\n{lines}")


class CellError(NtmError, ValueError):
    """A cell of a table cannot be read; the message says what was expected."""


class MissingExtraError(NtmError, ImportError):
    """An optional dependency is not installed; the message says which extra installs it."""


class SearchLimitError(NtmError, RuntimeError):
    """A planning search examined more nodes than it was allowed to (its answer is unproven).

    ``best`` carries the best answer found before the limit, when the caller has one.
    """

    def __init__(self, message: str, best: object = None) -> None:
        super().__init__(message)
        self.best = best


class RecordError(NtmError, ValueError):
    """A stored evaluation or decision does not match what its assessment and set give now.

    A record is never trusted: reading one recomputes its verdicts, and a stored status or
    outcome that differs (edited by hand, or made under another version of the data) is
    refused, naming the first difference.
    """
