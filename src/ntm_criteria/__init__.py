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

import importlib
import sys
from typing import TYPE_CHECKING, Any

from ntm_criteria.errors import (
    AmbiguityError,
    AssessmentError,
    CellError,
    CriteriaDataError,
    DataFileError,
    InputError,
    MissingExtraError,
    NotFoundError,
    NtmError,
    PeriodError,
    RecordError,
    SearchLimitError,
    StructureError,
    TableError,
)

if TYPE_CHECKING:  # loaded on first use (see __getattr__), so that the import stays fast
    from ntm_criteria.cases import CaseResult, read_cases, run_cases
    from ntm_criteria.certification import ConditionResult, Decision, MissingInput, Outcome, decide
    from ntm_criteria.coverage_report import (
        Coverage,
        CoverageRow,
        coverage,
    )
    from ntm_criteria.data import criteria_sets, load_criteria_set, set_in_force
    from ntm_criteria.engine.batch import Batch, evaluate_batch
    from ntm_criteria.engine.columns import ColumnVerdicts, evaluate_columns, verdict_columns
    from ntm_criteria.engine.evaluate import evaluate, evaluate_many
    from ntm_criteria.engine.results import (
        Caveat,
        CaveatKind,
        CriterionResult,
        Evaluation,
        IndicatorResult,
        Status,
        VerdictBasis,
    )
    from ntm_criteria.engine.transition import (
        CriterionChange,
        IndicatorChange,
        Transition,
        transition,
    )
    from ntm_criteria.io.columns import ColumnTable, read_columns
    from ntm_criteria.io.criteria_files import read_criteria_set
    from ntm_criteria.io.reading import (
        read_assessments,
        stream_assessments,
    )
    from ntm_criteria.io.rows import RowStream
    from ntm_criteria.io.sentences import read_report
    from ntm_criteria.io.tables import (
        Problem,
        ReadReport,
    )
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
    from ntm_criteria.output.assessments import write_assessments
    from ntm_criteria.output.records import (
        from_json,
        to_json,
    )
    from ntm_criteria.output.schema import (
        json_schema,
    )
    from ntm_criteria.output.tables import (
        assessment_rows,
        evaluation_rows,
        indicator_rows,
        to_dataframe,
        write_csv,
        write_xlsx,
    )
    from ntm_criteria.planning import (
        Action,
        AtRisk,
        CommunePlan,
        Cost,
        CostModel,
        DistrictPlan,
        Forecast,
        Gap,
        NextPeriodRisk,
        Shortfall,
        Strategy,
        Upkeep,
        apply_plan,
        at_risk,
        forecast,
        gaps,
        next_period_risks,
        plan_commune,
        plan_district,
        read_cost_model,
    )
    from ntm_criteria.report.text import explain
    from ntm_criteria.rollup import CriterionTally, Summary, summarize

#: Public names whose modules load on first use: name -> module.
_LAZY: dict[str, str] = {
    "ConditionResult": "ntm_criteria.certification",
    "Decision": "ntm_criteria.certification",
    "MissingInput": "ntm_criteria.certification",
    "Outcome": "ntm_criteria.certification",
    "decide": "ntm_criteria.certification",
    "criteria_sets": "ntm_criteria.data",
    "load_criteria_set": "ntm_criteria.data",
    "set_in_force": "ntm_criteria.data",
    "evaluate": "ntm_criteria.engine.evaluate",
    "evaluate_many": "ntm_criteria.engine.evaluate",
    "Caveat": "ntm_criteria.engine.results",
    "CaveatKind": "ntm_criteria.engine.results",
    "CriterionResult": "ntm_criteria.engine.results",
    "Evaluation": "ntm_criteria.engine.results",
    "IndicatorResult": "ntm_criteria.engine.results",
    "Status": "ntm_criteria.engine.results",
    "VerdictBasis": "ntm_criteria.engine.results",
    "read_criteria_set": "ntm_criteria.io.criteria_files",
    "Assessment": "ntm_criteria.model",
    "Basis": "ntm_criteria.model",
    "Commune": "ntm_criteria.model",
    "CriteriaSet": "ntm_criteria.model",
    "Criterion": "ntm_criteria.model",
    "CriterionGroup": "ntm_criteria.model",
    "EvidenceStatus": "ntm_criteria.model",
    "Indicator": "ntm_criteria.model",
    "Kind": "ntm_criteria.model",
    "Region": "ntm_criteria.model",
    "Threshold": "ntm_criteria.model",
    "CellChange": "ntm_criteria.model.layers",
    "Override": "ntm_criteria.model.layers",
    "CriterionTally": "ntm_criteria.rollup",
    "Summary": "ntm_criteria.rollup",
    "summarize": "ntm_criteria.rollup",
    "Coverage": "ntm_criteria.coverage_report",
    "CoverageRow": "ntm_criteria.coverage_report",
    "coverage": "ntm_criteria.coverage_report",
    "CriterionChange": "ntm_criteria.engine.transition",
    "IndicatorChange": "ntm_criteria.engine.transition",
    "Transition": "ntm_criteria.engine.transition",
    "transition": "ntm_criteria.engine.transition",
    "read_assessments": "ntm_criteria.io.reading",
    "stream_assessments": "ntm_criteria.io.reading",
    "RowStream": "ntm_criteria.io.rows",
    "Batch": "ntm_criteria.engine.batch",
    "evaluate_batch": "ntm_criteria.engine.batch",
    "ColumnVerdicts": "ntm_criteria.engine.columns",
    "evaluate_columns": "ntm_criteria.engine.columns",
    "verdict_columns": "ntm_criteria.engine.columns",
    "ColumnTable": "ntm_criteria.io.columns",
    "read_columns": "ntm_criteria.io.columns",
    "from_json": "ntm_criteria.output.records",
    "to_json": "ntm_criteria.output.records",
    "json_schema": "ntm_criteria.output.schema",
    "Problem": "ntm_criteria.io.tables",
    "ReadReport": "ntm_criteria.io.tables",
    "assessment_rows": "ntm_criteria.output.tables",
    "evaluation_rows": "ntm_criteria.output.tables",
    "indicator_rows": "ntm_criteria.output.tables",
    "to_dataframe": "ntm_criteria.output.tables",
    "explain": "ntm_criteria.report.text",
    "CaseResult": "ntm_criteria.cases",
    "read_cases": "ntm_criteria.cases",
    "read_report": "ntm_criteria.io.sentences",
    "write_assessments": "ntm_criteria.output.assessments",
    "run_cases": "ntm_criteria.cases",
    "write_csv": "ntm_criteria.output.tables",
    "write_xlsx": "ntm_criteria.output.tables",
    "Action": "ntm_criteria.planning",
    "AtRisk": "ntm_criteria.planning",
    "CommunePlan": "ntm_criteria.planning",
    "Cost": "ntm_criteria.planning",
    "CostModel": "ntm_criteria.planning",
    "DistrictPlan": "ntm_criteria.planning",
    "Forecast": "ntm_criteria.planning",
    "Gap": "ntm_criteria.planning",
    "NextPeriodRisk": "ntm_criteria.planning",
    "Shortfall": "ntm_criteria.planning",
    "Strategy": "ntm_criteria.planning",
    "Upkeep": "ntm_criteria.planning",
    "apply_plan": "ntm_criteria.planning",
    "at_risk": "ntm_criteria.planning",
    "forecast": "ntm_criteria.planning",
    "gaps": "ntm_criteria.planning",
    "next_period_risks": "ntm_criteria.planning",
    "plan_commune": "ntm_criteria.planning",
    "plan_district": "ntm_criteria.planning",
    "read_cost_model": "ntm_criteria.planning",
}


def __dir__() -> list[str]:
    """The public names, those loaded on first use included (not the module's own imports)."""
    return sorted(__all__)


def __getattr__(name: str) -> Any:
    if name == "__version__":  # read from the installed metadata on first use (it is slow)
        from importlib import metadata

        try:
            version = metadata.version("ntm-criteria")
        except metadata.PackageNotFoundError:  # pragma: no cover - a source tree
            version = "0+unknown"
        globals()["__version__"] = version
        return version
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ntm_criteria' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


if "IPython" in sys.modules:  # in a notebook, results are shown as HTML tables
    from ntm_criteria.report.notebook import register as _register_notebook

    _register_notebook()

__all__ = [
    "Action",
    "AmbiguityError",
    "Assessment",
    "AssessmentError",
    "AtRisk",
    "Basis",
    "Batch",
    "CaseResult",
    "Caveat",
    "CaveatKind",
    "CellChange",
    "CellError",
    "ColumnTable",
    "ColumnVerdicts",
    "Commune",
    "CommunePlan",
    "ConditionResult",
    "Cost",
    "CostModel",
    "Coverage",
    "CoverageRow",
    "CriteriaDataError",
    "CriteriaSet",
    "Criterion",
    "CriterionChange",
    "CriterionGroup",
    "CriterionResult",
    "CriterionTally",
    "DataFileError",
    "Decision",
    "DistrictPlan",
    "Evaluation",
    "EvidenceStatus",
    "Forecast",
    "Gap",
    "Indicator",
    "IndicatorChange",
    "IndicatorResult",
    "InputError",
    "Kind",
    "MissingExtraError",
    "MissingInput",
    "NextPeriodRisk",
    "NotFoundError",
    "NtmError",
    "Outcome",
    "Override",
    "PeriodError",
    "Problem",
    "ReadReport",
    "RecordError",
    "Region",
    "RowStream",
    "SearchLimitError",
    "Shortfall",
    "Status",
    "Strategy",
    "StructureError",
    "Summary",
    "TableError",
    "Threshold",
    "Transition",
    "Upkeep",
    "VerdictBasis",
    "__version__",
    "apply_plan",
    "assessment_rows",
    "at_risk",
    "coverage",
    "criteria_sets",
    "decide",
    "evaluate",
    "evaluate_batch",
    "evaluate_columns",
    "evaluate_many",
    "evaluation_rows",
    "explain",
    "forecast",
    "from_json",
    "gaps",
    "indicator_rows",
    "json_schema",
    "load_criteria_set",
    "next_period_risks",
    "plan_commune",
    "plan_district",
    "read_assessments",
    "read_cases",
    "read_columns",
    "read_cost_model",
    "read_criteria_set",
    "read_report",
    "run_cases",
    "set_in_force",
    "stream_assessments",
    "summarize",
    "to_dataframe",
    "to_json",
    "transition",
    "verdict_columns",
    "write_assessments",
    "write_csv",
    "write_xlsx",
]
