"""Định Hóa district, 2019: plan the three candidate communes and the district target.

Run from the repository root:  python examples/dinh_hoa_plan.py

In 2019 Định Hóa had 6 of 23 communes certified and a resolution to reach at least 10 by the
end of 2020: 4 more in two years (2019 and 2020). The district reviewed three candidates. This
script plans each of them (earliest certification, within a yearly effort), then asks which of
them the district can bring to certification by 2020, and at what least cost, under a district
budget. The cost model (examples/dinh-hoa-costs.toml) is illustrative: see its comments.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import ntm_criteria as ntm

HERE = Path(__file__).resolve().parent
CERTIFIED_END_2018 = 6
TARGET_2020 = 10
DISTRICT_BUDGET_PER_YEAR = Decimal(8)  # work units a year for the three candidates (illustrative)
COMMUNE_BUDGET_PER_YEAR = Decimal(4)


def main() -> None:
    """Print an explained plan for each candidate and for the district."""
    rules = ntm.load_criteria_set("commune-2016-2020")
    costs = ntm.read_cost_model(HERE / "dinh-hoa-costs.toml")
    evaluations = [
        ntm.evaluate(a, rules) for a in ntm.read_assessments(HERE / "dinh-hoa-2019.toml")
    ]
    print(f"Cost model: {costs.note}\n")
    for e in evaluations:
        plan = ntm.plan_commune(
            e,
            costs,
            deadline=2020,
            budget_per_year=COMMUNE_BUDGET_PER_YEAR,
            strategy="earliest",
            start=2019,
        )
        print(ntm.explain(plan), end="\n\n")
    needed = TARGET_2020 - CERTIFIED_END_2018
    print(
        f"District: {CERTIFIED_END_2018}/23 certified at the end of 2018, target {TARGET_2020}/23 "
        f"by 2020: {needed} more. The review names {len(evaluations)} candidates; "
        f"planning all of them:"
    )
    district = ntm.plan_district(
        evaluations,
        costs,
        target=len(evaluations),
        start=2019,
        deadline=2020,
        budget_per_year=DISTRICT_BUDGET_PER_YEAR,
    )
    print(ntm.explain(district))
    if not district.feasible and district.budget_needed is not None:
        print(f"\nWith the {district.budget_needed} {costs.unit} a year the target needs:")
        district = ntm.plan_district(
            evaluations,
            costs,
            target=len(evaluations),
            start=2019,
            deadline=2020,
            budget_per_year=district.budget_needed,
        )
        print(ntm.explain(district))
    if district.feasible and len(evaluations) < needed:
        print(
            f"Even with all {len(evaluations)} candidates, {needed - len(evaluations)} more commune(s) "
            "must come from outside this review to reach the target."
        )


if __name__ == "__main__":
    main()
