"""What the report, command-line and package tests share: the Định Hóa 2019 example, its cost
model, the plan arguments the command line is given, and the example's evaluations."""

from __future__ import annotations

import ntm_criteria as ntm
from tests.conftest import ROOT

EXAMPLE = str(ROOT / "examples" / "dinh-hoa-2019.toml")


COSTS = str(ROOT / "examples" / "dinh-hoa-costs.toml")


PLAN_ARGS = [
    "--costs",
    COSTS,
    "--start",
    "2019",
    "--deadline",
    "2020",
    "--budget",
    "9",
    "--target",
    "3",
]


def example_evaluations() -> list[ntm.Evaluation]:
    rules = ntm.load_criteria_set("commune-2016-2020")
    return [ntm.evaluate(a, rules) for a in ntm.read_assessments(EXAMPLE)]
