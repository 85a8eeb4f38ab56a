"""The domain model: criteria sets, evidence, regions, communes and assessments."""

from ntm_criteria.model.commune import COMMUNE_FLAGS, Assessment, Commune, MeasuredValue
from ntm_criteria.model.criteria import (
    Applicability,
    ConditionCheck,
    CriteriaSet,
    Criterion,
    CriterionGroup,
    Indicator,
    Kind,
    Recognition,
    RecognitionCondition,
    Rule,
    Scale,
    Threshold,
    ThresholdValue,
    Unit,
    Zone,
    ZoneKind,
    ZoneOverride,
)
from ntm_criteria.model.provenance import Basis, EvidenceStatus, Fact
from ntm_criteria.model.regions import Region

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
    "EvidenceStatus",
    "Fact",
    "Indicator",
    "Kind",
    "MeasuredValue",
    "Recognition",
    "RecognitionCondition",
    "Region",
    "Rule",
    "Scale",
    "Threshold",
    "ThresholdValue",
    "Unit",
    "Zone",
    "ZoneKind",
    "ZoneOverride",
]
