"""A self-contained HTML report for a district (or any set of communes), and notebook views.

The report needs nothing but the file itself to be read (no scripts, fonts or images from the
network): for each criteria set its summary figures and a communes-by-criteria grid coloured by
status (provisional levels and declarations marked, a conflict explained), each commune's
explanation, and the plan as a table when one was made. Every heading is in the chosen
language; the date is the data's (the latest assessment), never the clock's, so the same data
gives the same file. Decisions are shown as they were decided. Every piece of text from the data
is escaped.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from pathlib import Path

from ntm_criteria.certification import Decision, decide
from ntm_criteria.engine.results import CaveatKind, Evaluation, Status
from ntm_criteria.messages import money, number, say
from ntm_criteria.planning.commune import CommunePlan
from ntm_criteria.planning.district import DistrictPlan
from ntm_criteria.report.text import (
    STATUS_WORDS,
    explain,
    explain_decision,
    explain_evaluation,
    outcome_label,
    target_name,
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
table.plan{border-collapse:collapse;font-size:.85rem}table.plan th,table.plan td{border:1px solid
#d5dae1;padding:.25rem .4rem;text-align:left;vertical-align:top}table.plan td.money{text-align:right}
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


def _name(obj: object, lang: str) -> str:
    return str(getattr(obj, "name_en" if lang == "en" else "name_vi"))


def _cell(e: Evaluation, number: int, lang: str) -> str:
    r = e.criterion(number)
    provisional = any(c.kind is CaveatKind.PROVISIONAL_THRESHOLD for c in r.caveats)
    conflict = any(c.kind is CaveatKind.DECLARATION_CONFLICT for c in r.caveats)
    declared = r.basis.value == "declared"
    mark = _MARK[r.status] + ("*" if provisional else "") + ("ᵈ" if declared else "")
    title = f"{_name(r.criterion, lang)}: {STATUS_WORDS[lang][r.status]}"
    if provisional:
        title += f" ({say('report.legend_provisional', lang).lstrip('* ')})"
    if declared:
        title += f" ({say('report.legend_declared', lang).lstrip('ᵈ ')})"
    if conflict:
        title += f" ({say('report.conflict', lang)})"
    return f'<td class="{_CLASS[r.status]}" title="{_e(title)}">{_e(mark)}</td>'


def _legend(lang: str) -> str:
    spans = "".join(
        f'<span class="{_CLASS[s]}">{_MARK[s]} {_e(STATUS_WORDS[lang][s])}</span>' for s in Status
    )
    extra = f"{say('report.legend_provisional', lang)}, {say('report.legend_declared', lang)}"
    return f'<p class="legend">{spans} {_e(extra)}</p>'


def grid_html(decisions: Sequence[Decision], lang: str = "en") -> str:
    """The communes-by-criteria grid of decisions under one set, as an HTML table."""
    if not decisions:
        return f"<p>{_e(say('report.no_communes', lang))}</p>"
    criteria = decisions[0].evaluation.criteria_set.criteria
    head = "".join(f'<th title="{_e(_name(c, lang))}">{c.id}</th>' for c in criteria)
    rows = []
    for d in decisions:
        e = d.evaluation
        c = e.assessment.commune
        cells = "".join(_cell(e, k.id, lang) for k in criteria)
        rows.append(
            f'<tr><td class="name">{_e(c.name)}</td><td class="name">{_e(c.district or "")}</td>'
            f'<td class="name">{_e(c.province or "")}</td><td>{_e(e.score)}</td>'
            f"{cells}<td>{_e(outcome_label(d, lang))}</td></tr>"
        )
    heads = "".join(
        f"<th>{_e(say(k, lang))}</th>"
        for k in ("report.commune", "report.district", "report.province", "report.met")
    )
    return (
        f'{_legend(lang)}<table class="grid"><thead><tr>{heads}{head}'
        f"<th>{_e(say('report.decision', lang))}</th></tr></thead><tbody>{''.join(rows)}"
        "</tbody></table>"
    )


def summary_html(summary: Summary, lang: str = "en") -> str:
    """Summary figures as HTML (also the notebook view of a :class:`Summary`)."""
    failing = "".join(
        f"<li>{_e(say('target.criterion', lang, criterion=t.criterion))} "
        f"{_e(t.name_en if lang == 'en' else t.name_vi)}: "
        f"{_e(say('report.not_met_in', lang, n=t.not_met))}</li>"
        for t in summary.failing()
    )
    share = number(round(summary.certified_share * 100), lang)
    average = number(round(float(summary.average_met), 1), lang)
    figures = [
        (summary.communes, say("report.communes", lang)),
        (summary.certified, f"{say('report.certified', lang)} ({share}%)"),
        (average, say("report.average", lang)),
        (summary.indeterminate, STATUS_WORDS[lang][Status.UNKNOWN]),
    ]
    boxes = "".join(f'<div class="figure"><b>{_e(n)}</b>{_e(w)}</div>' for n, w in figures)
    return (
        f'<div class="figures">{boxes}</div>'
        f"<p>{_e(say('report.failing', lang))}:</p><ul>{failing or '<li>-</li>'}</ul>"
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
        f"{grid_html([d], lang)}<details><summary>{_e(say('report.explanation', lang))}</summary>"
        f"<pre>{_e(explain_evaluation(e, lang))}</pre>"
        f"<pre>{_e(explain_decision(d, lang))}</pre></details>"
    )


def plan_html(plan: CommunePlan | DistrictPlan, lang: str = "en") -> str:
    """A plan as HTML: its account, and every action as a row (commune, action, years, cost,
    why)."""
    plans = (plan,) if isinstance(plan, CommunePlan) else plan.communes
    rows = "".join(
        f"<tr><td>{_e(p.commune)}</td><td>{_e(target_name(a, lang))}</td>"
        f'<td>{a.start}-{a.finish}</td><td class="money">{_e(money(a.money, plan.unit, lang))}</td>'
        f"<td>{_e(a.why.text(lang))}</td></tr>"
        for p in plans
        for a in p.actions
    )
    heads = "".join(
        f"<th>{_e(say(k, lang))}</th>"
        for k in ("report.commune", "report.action", "report.years", "report.cost", "report.why")
    )
    head, *rest = explain(plan, lang).splitlines()
    summary = "".join(f"<p>{_e(line)}</p>" for line in [head, *rest] if not line.startswith(" "))
    return (
        f'{summary}<table class="plan"><thead><tr>{heads}</tr></thead><tbody>{rows}</tbody></table>'
    )


def _decisions(results: Sequence[Evaluation | Decision]) -> list[Decision]:
    return [r if isinstance(r, Decision) else decide(r) for r in results]


def report_html(
    results: Sequence[Evaluation | Decision],
    title: str | None = None,
    plan: CommunePlan | DistrictPlan | None = None,
    lang: str = "en",
    date: dt.date | None = None,
) -> str:
    """The whole report as one HTML document, with its CSS inside.

    Args:
        results: evaluations (decided here) or decisions (shown as decided).
        title: the heading (default: the catalogue's, in ``lang``).
        plan: a commune or district plan to show as a table.
        lang: ``"en"`` or ``"vi"``: every heading and word of the report.
        date: the date the report states (default: the latest assessment date).
    """
    decisions = _decisions(results)
    title = title or say("report.title", lang)
    by_set: dict[str, list[Decision]] = {}
    for d in decisions:
        by_set.setdefault(d.evaluation.criteria_set.id, []).append(d)
    day = date or max((d.evaluation.assessment.as_of for d in decisions), default=None)
    stated = say(
        "report.generated", lang, date=day.isoformat() if day else "-", sets=", ".join(by_set)
    )
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(lang)}"><head><meta charset="utf-8"><title>{_e(title)}</title>',
        f"<style>{CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="note">{_e(stated)}</p>',
    ]
    for set_id, ds in by_set.items():
        s = ds[0].evaluation.criteria_set
        parts.append(f"<h2>{_e(_name(s, lang))} ({_e(set_id)})</h2>")
        parts += [f"<h3>{_e(say('report.summary', lang))}</h3>"]
        parts.append(summary_html(summarize(d.evaluation for d in ds), lang))
        parts += [f"<h3>{_e(say('report.grid', lang))}</h3>", grid_html(ds, lang)]
    parts.append(f"<h2>{_e(say('report.explanations', lang))}</h2>")
    for d in decisions:
        e = d.evaluation
        parts.append(
            f"<details><summary>{_e(e.assessment.commune.name)}: {_e(e.score)}, "
            f"{_e(outcome_label(d, lang))}</summary><pre>{_e(explain_evaluation(e, lang))}</pre>"
            f"<pre>{_e(explain_decision(d, lang))}</pre></details>"
        )
    if plan is not None:
        parts += [f"<h2>{_e(say('report.plan', lang))}</h2>", plan_html(plan, lang)]
    parts.append("</body></html>")
    return "\n".join(parts)


def write_report(
    results: Sequence[Evaluation | Decision],
    path: str | Path,
    title: str | None = None,
    plan: CommunePlan | DistrictPlan | None = None,
    lang: str = "en",
    date: dt.date | None = None,
) -> Path:
    """Write the HTML report to ``path`` (see :func:`report_html`)."""
    path = Path(path)
    path.write_text(report_html(results, title, plan, lang, date), encoding="utf-8")
    return path
