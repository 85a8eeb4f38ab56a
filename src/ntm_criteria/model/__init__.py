"""The domain model: criteria sets, evidence, regions, communes and assessments."""

from ntm_criteria.model.commune import COMMUNE_FLAGS, Assessment, Commune, MeasuredValue
from ntm_criteria.model.criteria import CriteriaSet
from ntm_criteria.model.indicators import (
    Applicability,
    Criterion,
    CriterionGroup,
    Indicator,
    Kind,
    MeasuredOn,
    Scale,
    StandardPeriod,
    Threshold,
    ThresholdValue,
    Unit,
)
from ntm_criteria.model.provenance import Basis, EvidenceStatus, Fact
from ntm_criteria.model.regions import Region
from ntm_criteria.model.rules import (
    ConditionCheck,
    DroppedCondition,
    Recognition,
    RecognitionCondition,
    Rule,
    Zone,
    ZoneKind,
    ZoneOverride,
)

__all__ = [
    "COMMUNE_FLAGS",
    "Applicability",
    "Assessment",
    "Basis",
    "Commune",
    "ConditionCheck",
    "CriteriaSet",
    "Criterion",
    "CriterionGroup",
    "DroppedCondition",
    "EvidenceStatus",
    "Fact",
    "Indicator",
    "Kind",
    "MeasuredOn",
    "MeasuredValue",
    "Recognition",
    "RecognitionCondition",
    "Region",
    "Rule",
    "Scale",
    "StandardPeriod",
    "Threshold",
    "ThresholdValue",
    "Unit",
    "Zone",
    "ZoneKind",
    "ZoneOverride",
]
