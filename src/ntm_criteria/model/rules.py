"""The rules of a set besides its indicators: zones, zone rules, recognition and stated rules.

Zones are the columns of the criteria table (the general target, a region, a commune group);
zone rules place a commune in a commune group from its facts; recognition conditions say what
else certification needs; stated rules are said with every evaluation.
"""

from __future__ import annotations

import enum

from attrs import field, frozen

from ntm_criteria.model.indicators import Applicability, Threshold
from ntm_criteria.model.provenance import Basis, EvidenceStatus, Fact, Json, frozen_json


class ZoneKind(enum.Enum):
    """What a zone column stands for."""

    GENERAL = "general"
    REGION = "region"
    COMMUNE_GROUP = "commune_group"


@frozen
class Zone:
    """A column of the criteria table: the general target, a region, or a commune group."""

    code: str
    name_vi: str
    name_en: str
    kind: ZoneKind
    rule: Fact | None = None
    group: int | None = None  #: the number of a commune-group zone (``Commune.commune_group``)


@frozen
class ZoneOverride:
    """A rule that makes flagged communes use another zone's levels.

    Example (2021-2025): especially difficult and safe-zone communes of poor districts use the
    TDMNPB levels. ``commune_flag`` names a boolean field of ``Commune``. An ``unspecified``
    override is never applied.
    """

    id: str
    rule_en: str
    commune_flag: str
    use_zone: str
    status: EvidenceStatus
    applies_to: tuple[str, ...] = ()
    rule_vi: str | None = None
    basis: Basis | None = None
    source: tuple[str, ...] = ()
    note: str | None = None


class ConditionCheck(enum.Enum):
    """How a recognition condition is checked."""

    ALL_CRITERIA_MET = "all_criteria_met"  #: every criterion of the evaluation is met
    FACT = "fact"  #: an assessment fact equals ``equals``
    FACT_AT_LEAST = (
        "fact_at_least"  #: a numeric fact reaches ``threshold`` (or is given as a verdict)
    )
    INDICATOR_FACTOR = "indicator_factor"  #: an indicator's value >= ``factor`` x the set's level
    RECOGNISED_AT = "recognised_at"  #: the unit is already recognised at ``tier``


@frozen
class RecognitionCondition:
    """A condition of recognition (công nhận) besides the criteria, with its evidence.

    ``FACT`` compares the assessment fact ``fact`` with ``equals``. ``FACT_AT_LEAST`` compares it
    with ``threshold``; when the level is unspecified the caller may give the condition's verdict
    itself as ``true`` or ``false``. ``INDICATOR_FACTOR`` needs the measured value of
    ``indicator`` to reach ``factor`` times the set's own level for it (the model-commune income
    rule of Decision 319/QĐ-TTg). ``RECOGNISED_AT`` needs the unit to be recognised at
    ``tier`` already: from the decision on that tier passed to :func:`ntm_criteria.decide` as
    ``prior``, or from the fact the condition names in ``fact`` (a recognition of an earlier
    year, such as ``recognised_standard``).
    """

    id: str
    rule_en: str
    check: ConditionCheck
    status: EvidenceStatus
    fact: str | None = None
    equals: Json = field(default=None, converter=frozen_json)
    threshold: Threshold | None = None
    indicator: str | None = None
    factor: float | None = None
    tier: str | None = None
    basis: Basis | None = None
    source: tuple[str, ...] = ()
    note: str | None = None


@frozen
class DroppedCondition:
    """A recognition condition a layer removes, with the evidence for removing it.

    ``all_criteria_met`` can never be removed; every decision under a layer that removes a
    condition carries a caveat naming it.
    """

    id: str
    status: EvidenceStatus
    basis: Basis | None = None
    source: tuple[str, ...] = ()
    note: str | None = None


@frozen
class Recognition:
    """The rules of recognition for a set: the instrument and its conditions."""

    instrument: str
    conditions: tuple[RecognitionCondition, ...]
    decided_by: Fact | None = None
    note: str | None = None


@frozen
class ZoneRule:
    """How a commune falls in a zone when the zone is a commune group (2026-2030).

    The commune is in ``zone`` when any test of ``any_of`` holds for its facts; a rule with
    ``otherwise`` set takes every commune no other rule takes. The rules are the set's data,
    and an explicit ``Commune.commune_group`` always wins.
    """

    zone: str
    status: EvidenceStatus
    any_of: tuple[Applicability, ...] = ()
    otherwise: bool = False
    basis: Basis | None = None
    source: tuple[str, ...] = ()
    note: str | None = None


@frozen
class Rule:
    """Another rule of the set, kept as documented data (not evaluated).

    A rule with ``stated`` set is stated in every evaluation under the set (as a caveat with
    its evidence), in English and in Vietnamese (``rule_vi``): for example that recognitions
    under earlier sets do not carry over.
    """

    id: str
    rule_en: str
    status: EvidenceStatus
    rule_vi: str | None = None
    stated: bool = False
    basis: Basis | None = None
    source: tuple[str, ...] = ()
    note: str | None = None
