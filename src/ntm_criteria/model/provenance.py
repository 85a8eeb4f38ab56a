"""Evidence: where a legal figure comes from and how sure we are of it.

Every threshold, count and rule in a criteria set carries a ``status`` (verified / provisional /
unspecified), the ``basis`` of that status, its ``source`` URLs and a ``note``. The engine reads
the status to decide whether a verdict may rest on the figure (see ``shared/reference/README``).
"""

from __future__ import annotations

import enum
from typing import Any

from attrs import field, frozen

Json = Any  # a value that survives TOML and JSON: bool, int, float, str, lists of them


def frozen_json(value: Json) -> Json:
    """``value`` with lists made tuples, so that the objects holding it can be hashed."""
    if isinstance(value, list | tuple):
        return tuple(frozen_json(v) for v in value)
    return value


class EvidenceStatus(enum.Enum):
    """How well a figure is established.

    ``VERIFIED``: stated in the legal text or by two independent sources that agree.
    ``PROVISIONAL``: one secondary source, a provincial restatement or an inference; usable,
    but every verdict that rests on it carries a caveat.
    ``UNSPECIFIED``: no value is established; a verdict needing it is UNKNOWN.
    """

    VERIFIED = "verified"
    PROVISIONAL = "provisional"
    UNSPECIFIED = "unspecified"


class Basis(enum.Enum):
    """Why a figure has its evidence status (the reference's ``basis`` values)."""

    LEGAL_TEXT = "legal_text"
    INDEPENDENT_SOURCES = "independent_sources"
    SINGLE_SOURCE = "single_source"
    PROVINCIAL_RESTATEMENT = "provincial_restatement"
    INFERENCE = "inference"
    CONFLICT = "conflict"


VERIFIED_BASES = frozenset({Basis.LEGAL_TEXT, Basis.INDEPENDENT_SOURCES})
PROVISIONAL_BASES = frozenset(set(Basis) - VERIFIED_BASES)


def evidence_problem(status: EvidenceStatus, basis: Basis | None, has_value: bool) -> str | None:
    """Why a (status, basis, value present) combination breaks the reference's rules, or None.

    >>> evidence_problem(EvidenceStatus.UNSPECIFIED, None, has_value=True)
    'an unspecified figure has no value (got one)'
    """
    if status is EvidenceStatus.UNSPECIFIED:
        if has_value:
            return "an unspecified figure has no value (got one)"
        if basis is not None:
            return f"an unspecified figure has no basis (got {basis.value!r})"
        return None
    if not has_value:
        return f"a {status.value} figure needs a value"
    allowed = VERIFIED_BASES if status is EvidenceStatus.VERIFIED else PROVISIONAL_BASES
    if basis not in allowed:
        names = ", ".join(sorted(b.value for b in allowed))
        got = basis.value if basis else "none"
        return f"a {status.value} figure needs a basis among {names} (got {got})"
    return None


@frozen
class Fact:
    """A legal fact with its evidence: an indicator count, a wording, a rule, a decision body.

    ``value`` is None for facts that state only whether something is established (an indicator's
    definition) and for unspecified facts.
    """

    status: EvidenceStatus
    value: Json = field(default=None, converter=frozen_json)
    basis: Basis | None = None
    source: tuple[str, ...] = ()
    note: str | None = None

    @property
    def is_verified(self) -> bool:
        """True when the fact is stated by the law or by two agreeing sources."""
        return self.status is EvidenceStatus.VERIFIED
