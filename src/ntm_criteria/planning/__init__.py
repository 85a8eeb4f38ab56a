"""Planning: gaps, cost models, commune and district plans, upkeep risks and forecasts."""

from ntm_criteria.planning.commune import CommunePlan, Shortfall, apply_plan, plan_commune
from ntm_criteria.planning.costs import NEUTRAL, Cost, CostModel, read_cost_model
from ntm_criteria.planning.district import DistrictPlan, Upkeep, plan_district
from ntm_criteria.planning.forecast import Forecast, forecast
from ntm_criteria.planning.gaps import Gap, gaps
from ntm_criteria.planning.risk import AtRisk, NextPeriodRisk, at_risk, next_period_risks
from ntm_criteria.planning.tasks import Action, Strategy

__all__ = [
    "NEUTRAL",
    "Action",
    "AtRisk",
    "CommunePlan",
    "Cost",
    "CostModel",
    "DistrictPlan",
    "Forecast",
    "Gap",
    "NextPeriodRisk",
    "Shortfall",
    "Strategy",
    "Upkeep",
    "apply_plan",
    "at_risk",
    "forecast",
    "gaps",
    "next_period_risks",
    "plan_commune",
    "plan_district",
    "read_cost_model",
]
