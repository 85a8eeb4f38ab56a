"""A self-contained HTML report for a district (or any set of communes), and notebook views.

The report needs nothing but the file itself to be read (no scripts, fonts or images from the
network): summary figures, a communes-by-criteria grid coloured by status (provisional levels
marked), each commune's explanation, and the plan when one was made. Every piece of text from
the data is escaped.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from pathlib import Path

from ntm_criteria.certification import Decision, decide
from ntm_criteria.engine.results import CaveatKind, Evaluation, Status
from ntm_criteria.planning.commune import CommunePlan
from ntm_criteria.planning.district import DistrictPlan
from ntm_criteria.report.text import (
    STATUS_WORDS,
    explain_decision,
    explain_evaluation,
    outcome_label,
)
from ntm_criteria.rollup import Summary, summarize

CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2rem;color:#1d2430}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem}
.figures{display:flex;gap:1rem;flex-wrap:wrap}.figure{border:1px solid #d5dae1;border-radius:6px;
padding:.6rem 1rem}.figure b{display:block;font-size:1.4rem}
table.grid{border-collapse:collapse;font-size:.85rem}table.grid th,table.grid td{border:1px solid
#d5dae1;padding:.25rem .4rem;text-align:center}table.grid td.name{text-align:left}
.met{background:#cfeccf}.not_met{background:#f6c9c4}.unknown{background:#eee8c0}
.not_applicable{background:#e6e6e6;color:#666}.legend span{padding:.1rem .4rem;margin-right:.3rem}
pre{white-space:pre-wrap;background:#f6f7f9;padding:.6rem;border-radius:4px;font-size:.8rem}
details{margin:.4rem 0}summary{cursor:pointer}.note{color:#555;font-size:.85rem}
"""

_CLASS = {
    Status.MET: "met",
    Status.NOT_MET: "not_met",
    Status.UNKNOWN: "unknown",
    Status.NOT_APPLICABLE: "not_applicable",
}
_MARK = {Status.MET: "✓", Status.NOT_MET: "✗", Status.UNKNOWN: "?", Status.NOT_APPLICABLE: "–"}


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _cell(e: Evaluation, number: int, lang: str) -> str:
    r = e.criterion(number)
    provisional = any(c.kind is CaveatKind.PROVISIONAL_THRESHOLD for c in r.caveats)
    declared = r.basis.value == "declared"
    mark = _MARK[r.status] + ("*" if provisional else "") + ("ᵈ" if declared else "")
    title = f"{r.criterion.name_en}: {STATUS_WORDS[lang][r.status]}"
    if provisional:
        title += " (rests on a provisional level)"
    if declared:
        title += " (declared)"
    return f'<td class="{_CLASS[r.status]}" title="{_e(title)}">{_e(mark)}</td>'


def grid_html(
    evaluations: Sequence[Evaluation], decisions: Sequence[Decision], lang: str = "en"
) -> str:
    """The communes-by-criteria grid as an HTML table."""
    if not evaluations:
        return "<p>No communes.</p>"
    criteria = evaluations[0].criteria_set.criteria
    head = "".join(
        f'<th title="{_e(c.name_en if lang == "en" else c.name_vi)}">{c.id}</th>' for c in criteria
    )
    rows = []
    for e, d in zip(evaluations, decisions, strict=True):
        cells = "".join(_cell(e, c.id, lang) for c in criteria)
        rows.append(
            f'<tr><td class="name">{_e(e.assessment.commune.name)}</td><td>{_e(e.score)}</td>'
            f"{cells}<td>{_e(outcome_label(d, lang))}</td></tr>"
        )
    legend = (
        '<p class="legend"><span class="met">✓ met</span><span class="not_met">✗ not met</span>'
        '<span class="unknown">? unknown</span><span class="not_applicable">– not applicable</span>'
        " * rests on a provisional level, ᵈ declared</p>"
    )
    return (
        f'{legend}<table class="grid"><thead><tr><th>Commune</th><th>Met</th>{head}<th>Decision</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def summary_html(summary: Summary) -> str:
    """Summary figures as HTML (also the notebook view of a :class:`Summary`)."""
    failing = "".join(
        f"<li>criterion {t.criterion} {_e(t.name_en)}: not met in {t.not_met}</li>"
        for t in summary.failing()
    )
    return (
        '<div class="figures">'
        f'<div class="figure"><b>{summary.communes}</b>communes</div>'
        f'<div class="figure"><b>{summary.certified}</b>certified ({summary.certified_share:.0%})</div>'
        f'<div class="figure"><b>{float(summary.average_met):.1f}</b>criteria met on average</div>'
        f'<div class="figure"><b>{summary.indeterminate}</b>indeterminate</div></div>'
        f"<p>Criteria most often not met:</p><ul>{failing or '<li>none</li>'}</ul>"
    )


def evaluation_html(result: Evaluation | Decision, lang: str = "en") -> str:
    """One evaluation or decision as HTML: its headline, its grid row and its explanation.

    A decision is shown as it was decided (with its tier prerequisites); an evaluation is
    decided here with none.
    """
    d = result if isinstance(result, Decision) else decide(result)
    e = d.evaluation
    return (
        f"<h3>{_e(e.assessment.commune.name)} — {_e(e.score)} ({_e(outcome_label(d, lang))})</h3>"
        f"{grid_html([e], [d], lang)}<details><summary>Explanation</summary>"
        f"<pre>{_e(explain_evaluation(e, lang))}</pre>"
        f"<pre>{_e(explain_decision(d, lang))}</pre></details>"
    )


def plan_html(plan: CommunePlan | DistrictPlan) -> str:
    """A plan as HTML (its explanation, preformatted)."""
    return f"<pre>{_e(plan.explain())}</pre>"


def report_html(
    evaluations: Sequence[Evaluation],
    title: str = "New rural development (NTM) report",
    plan: CommunePlan | DistrictPlan | None = None,
    lang: str = "en",
) -> str:
    """The whole report as one HTML document, with its CSS inside."""
    decisions = [decide(e) for e in evaluations]
    sets = sorted({e.criteria_set.id for e in evaluations})
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(lang)}"><head><meta charset="utf-8"><title>{_e(title)}</title>',
        f"<style>{CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="note">Criteria sets: {_e(", ".join(sets))}. Generated by ntm_criteria on '
        f"{dt.date.today().isoformat()}.</p>",
    ]
    if len(sets) == 1 and evaluations:
        parts += ["<h2>Summary</h2>", summary_html(summarize(evaluations))]
        parts += ["<h2>Communes by criteria</h2>", grid_html(evaluations, decisions, lang)]
    parts.append("<h2>Communes</h2>")
    for e, d in zip(evaluations, decisions, strict=True):
        parts.append(
            f"<details><summary>{_e(e.assessment.commune.name)}: {_e(e.score)}, {_e(outcome_label(d, lang))}"
            f"</summary><pre>{_e(explain_evaluation(e, lang))}</pre><pre>{_e(explain_decision(d, lang))}</pre></details>"
        )
    if plan is not None:
        parts += ["<h2>Plan</h2>", plan_html(plan)]
    parts.append("</body></html>")
    return "\n".join(parts)


def write_report(
    evaluations: Sequence[Evaluation],
    path: str | Path,
    title: str = "New rural development (NTM) report",
    plan: CommunePlan | DistrictPlan | None = None,
    lang: str = "en",
) -> Path:
    """Write the HTML report to ``path``."""
    path = Path(path)
    path.write_text(report_html(evaluations, title, plan, lang), encoding="utf-8")
    return path
