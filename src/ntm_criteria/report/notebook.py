"""Results in a notebook: Jupyter shows evaluations, decisions, summaries and plans as HTML.

The result classes hold data only; their HTML lives in :mod:`ntm_criteria.report.html`. This
module tells IPython's display system which function renders which class, so that a result
left at the end of a notebook cell appears as a table, not an attrs dump. Importing
``ntm_criteria`` inside IPython registers them; :func:`register` does it for a given shell.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from ntm_criteria.certification import Decision
from ntm_criteria.engine.results import Evaluation
from ntm_criteria.planning.commune import CommunePlan
from ntm_criteria.planning.district import DistrictPlan
from ntm_criteria.report.html import evaluation_html, plan_html, summary_html
from ntm_criteria.rollup import Summary

#: The HTML renderer of each result class.
HTML: dict[type, Callable[[Any], str]] = {
    Evaluation: evaluation_html,
    Decision: evaluation_html,
    Summary: summary_html,
    CommunePlan: plan_html,
    DistrictPlan: plan_html,
}


def register(shell: Any | None = None) -> bool:
    """Register the HTML renderers with ``shell`` (default: the running IPython, if any).

    Returns:
        True when a shell took them, False outside IPython.
    """
    if shell is None:
        ipython = sys.modules.get("IPython")
        shell = ipython.get_ipython() if ipython is not None else None
    if shell is None:
        return False
    formatter = shell.display_formatter.formatters["text/html"]
    for cls, render in HTML.items():
        formatter.for_type(cls, render)
    return True


__all__ = ["HTML", "register"]
