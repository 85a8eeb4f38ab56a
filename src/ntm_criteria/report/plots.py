"""Plots (the optional ``plot`` extra, matplotlib): the grid, progress over years, a timeline.

Each function draws on a given matplotlib ``Axes`` (or a new figure) and returns the Axes, so
it composes with the user's own figures. matplotlib is imported only when a plot is drawn.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from ntm_criteria._optional import optional_import
from ntm_criteria.engine.results import Evaluation, Status
from ntm_criteria.planning.commune import CommunePlan
from ntm_criteria.planning.district import DistrictPlan
from ntm_criteria.rollup import summarize

_CODES = {Status.NOT_MET: 0, Status.UNKNOWN: 1, Status.MET: 2, Status.NOT_APPLICABLE: 3}
_COLOURS = ["#e8897d", "#e6d98a", "#86c98a", "#cfcfcf"]


def _axes(ax: Any) -> Any:
    if ax is not None:
        return ax
    pyplot = optional_import("matplotlib.pyplot", "plot", "plotting")
    return pyplot.subplots(figsize=(10, 4))[1]


def heatmap(evaluations: Sequence[Evaluation], ax: Any = None) -> Any:
    """The communes-by-criteria grid: red not met, yellow unknown, green met, grey n/a."""
    colors = optional_import("matplotlib.colors", "plot", "plotting")
    ax = _axes(ax)
    criteria = evaluations[0].criteria_set.criteria
    grid = [[_CODES[e.criterion(c.id).status] for c in criteria] for e in evaluations]
    ax.imshow(grid, cmap=colors.ListedColormap(_COLOURS), vmin=0, vmax=3, aspect="auto")
    ax.set_xticks(range(len(criteria)), [str(c.id) for c in criteria])
    ax.set_yticks(range(len(evaluations)), [e.assessment.commune.name for e in evaluations])
    ax.set_xlabel("criterion")
    ax.set_title(f"Communes by criteria ({evaluations[0].criteria_set.id})")
    return ax


def progress(evaluations: Sequence[Evaluation], ax: Any = None) -> Any:
    """Share certified and average criteria met, by assessment year (one set per year)."""
    ax = _axes(ax)
    by_year: dict[int, list[Evaluation]] = defaultdict(list)
    for e in evaluations:
        by_year[e.year].append(e)
    years = sorted(by_year)
    summaries = [summarize(by_year[y]) for y in years]
    ax.plot(years, [100 * s.certified_share for s in summaries], marker="o", label="% certified")
    ax.set_ylabel("% certified")
    ax.set_ylim(0, 100)
    twin = ax.twinx()
    twin.plot(
        years,
        [float(s.average_met) for s in summaries],
        marker="s",
        color="#555",
        label="average met",
    )
    twin.set_ylabel("average criteria met")
    ax.set_xticks(years)
    ax.set_title("Progress over years")
    return ax


def timeline(plan: CommunePlan | DistrictPlan, ax: Any = None) -> Any:
    """A plan's actions as bars from their start to their finish year."""
    ax = _axes(ax)
    plans = plan.communes if isinstance(plan, DistrictPlan) else (plan,)
    rows = [(p.commune, a) for p in plans for a in p.actions]
    for i, (commune, a) in enumerate(rows):
        ax.barh(i, a.finish - a.start + 1, left=a.start, color="#7aa6d6", edgecolor="#2d5d8f")
        ax.text(a.start + 0.05, i, f"{commune}: {a.target}", va="center", fontsize=8)
    ax.set_yticks([])
    ticker = optional_import("matplotlib.ticker", "plot", "plotting")
    ax.xaxis.set_major_locator(ticker.MaxNLocator(integer=True))
    ax.set_xlabel("year (bars run from the start of the first year to the end of the last)")
    ax.invert_yaxis()
    ax.set_title("Plan timeline")
    return ax
