# %% [markdown]
# # Định Hóa 2019 in a notebook
#
# A notebook saved as text (the "percent" format that Jupyter, VS Code and jupytext open):
# each `# %%` starts a cell. It evaluates the three candidate communes, shows the district
# summary and the communes-by-criteria grid, and plans the district. In Jupyter, evaluations,
# decisions, summaries and plans display as HTML tables; `ntm.to_dataframe(result)` gives pandas tables.

# %%
from pathlib import Path

import ntm_criteria as ntm

HERE = Path(__file__).resolve().parent if "__file__" in globals() else Path("examples")
rules = ntm.load_criteria_set("commune-2016-2020")
evaluations = [ntm.evaluate(a, rules) for a in ntm.read_assessments(HERE / "dinh-hoa-2019.toml")]
[e.score for e in evaluations]

# %%
summary = ntm.summarize(evaluations)
ntm.to_dataframe(summary)[["criterion", "name_en", "met", "not_met"]]

# %%
ntm.to_dataframe(evaluations[0])[["indicator", "status", "threshold", "threshold_status"]].head()

# %%
costs = ntm.read_cost_model(HERE / "dinh-hoa-costs.toml")
plan = ntm.plan_district(evaluations, costs, target=3, start=2019, deadline=2020, budget_per_year=9)
print(ntm.explain(plan))

# %%
from ntm_criteria.report import plots  # noqa: E402  (a notebook imports where it needs)

ax = plots.heatmap(evaluations)
ax = plots.timeline(plan)
