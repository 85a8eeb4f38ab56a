"""ntm_criteria: Vietnam's New Rural Development (nông thôn mới) criteria as code.

Load a legal criteria set, evaluate a commune's assessment against it, explain every verdict,
decide certification, and roll up a district:

>>> import datetime as dt
>>> import ntm_criteria as ntm
>>> s = ntm.load_criteria_set("commune-2016-2020")
>>> a = ntm.Assessment(ntm.Commune("Phú Đình", region="TDMNPB"), dt.date(2019, 12, 31),
...                    declarations={9: False, 10: False, 11: False, 15: False})
>>> e = ntm.evaluate(a, s)
>>> e.unmet_criteria, ntm.decide(e).outcome.name
((9, 10, 11, 15), 'NOT_CERTIFIED')
"""

from ntm_criteria.certification import ConditionResult, Decision, MissingInput, Outcome, decide
from ntm_criteria.coverage import Coverage, CoverageRow, coverage
from ntm_criteria.data import criteria_sets, load_criteria_set, set_in_force
from ntm_criteria.engine.evaluate import evaluate
from ntm_criteria.engine.results import (
    Caveat,
    CaveatKind,
    CriterionResult,
    Evaluation,
    IndicatorResult,
    Status,
    VerdictBasis,
)
from ntm_criteria.engine.transition import CriterionChange, IndicatorChange, Transition, transition
from ntm_criteria.errors import (
    AssessmentError,
    CriteriaDataError,
    NotFoundError,
    NtmError,
    PeriodError,
)
from ntm_criteria.io.criteria_files import read_criteria_set
from ntm_criteria.model import (
    Assessment,
    Basis,
    Commune,
    CriteriaSet,
    Criterion,
    CriterionGroup,
    EvidenceStatus,
    Indicator,
    Kind,
    Region,
    Threshold,
)
from ntm_criteria.model.layers import CellChange, Override
from ntm_criteria.rollup import CriterionTally, Summary, summarize

__version__ = "0.1.0"

__all__ = [
    "Assessment",
    "AssessmentError",
    "Basis",
    "Caveat",
    "CaveatKind",
    "CellChange",
    "Commune",
    "ConditionResult",
    "Coverage",
    "CoverageRow",
    "CriteriaDataError",
    "CriteriaSet",
    "Criterion",
    "CriterionChange",
    "CriterionGroup",
    "CriterionResult",
    "CriterionTally",
    "Decision",
    "Evaluation",
    "EvidenceStatus",
    "Indicator",
    "IndicatorChange",
    "IndicatorResult",
    "Kind",
    "MissingInput",
    "NotFoundError",
    "NtmError",
    "Outcome",
    "Override",
    "PeriodError",
    "Region",
    "Status",
    "Summary",
    "Threshold",
    "Transition",
    "VerdictBasis",
    "__version__",
    "coverage",
    "criteria_sets",
    "decide",
    "evaluate",
    "load_criteria_set",
    "read_criteria_set",
    "set_in_force",
    "summarize",
    "transition",
]
