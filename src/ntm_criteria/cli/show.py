"""How the command line shows results: a commune's line, a set's roll-up, a Markdown table,
and the result files of ``--out``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ntm_criteria.certification import Decision
from ntm_criteria.cli.args import UsageError
from ntm_criteria.engine.results import Evaluation
from ntm_criteria.messages import number, say
from ntm_criteria.output.records import to_data
from ntm_criteria.output.tables import evaluation_rows, indicator_rows, write_csv, write_xlsx
from ntm_criteria.report.text import outcome_label
from ntm_criteria.rollup import Summary


def row_line(d: Decision, lang: str) -> str:
    e = d.evaluation
    return say(
        "cli.row",
        lang,
        commune=e.assessment.commune.name,
        score=e.score,
        unmet=", ".join(map(str, e.unmet_criteria)) or "-",
        unknown=", ".join(map(str, e.unknown_criteria)) or "-",
        outcome=outcome_label(d, lang),
    )


def print_rollup(set_id: str, s: Summary, lang: str) -> None:
    share = f"{number(round(s.certified_share * 100), lang)}%"
    average = number(round(float(s.average_met), 1), lang)
    print()
    print(
        say(
            "cli.rollup",
            lang,
            set=set_id,
            certified=s.certified,
            communes=s.communes,
            share=share,
            average=average,
        )
    )
    for t in s.failing():
        name = t.name_en if lang == "en" else t.name_vi
        print(say("cli.failing", lang, criterion=t.criterion, name=name, n=t.not_met))


def markdown_table(evaluations: list[Evaluation], decisions: list[Decision]) -> str:
    """A Markdown table: one row per commune, one column per criterion."""
    marks = {"met": "✓", "not_met": "✗", "unknown": "?", "not_applicable": "–"}
    numbers = [c.id for c in evaluations[0].criteria_set.criteria] if evaluations else []
    lines = [
        "| Commune | Set | Met | " + " | ".join(map(str, numbers)) + " | Decision |",
        "|---|---|---|" + "---|" * len(numbers) + "---|",
    ]
    for e, d in zip(evaluations, decisions, strict=True):
        cells = " | ".join(marks[c.status.value] for c in e.criteria)
        lines.append(
            f"| {e.assessment.commune.name} | {e.criteria_set.id} | {e.score} | {cells} | {outcome_label(d)} |"
        )
    return "\n".join(lines)


def write_results(out: str, decisions: list[Decision], lang: str = "en") -> None:
    evaluations = [d.evaluation for d in decisions]
    suffix = Path(out).suffix.lower()
    if suffix == ".csv":
        write_csv(evaluation_rows(evaluations, decisions), out)
    elif suffix == ".xlsx":
        write_xlsx(
            {
                "communes": evaluation_rows(evaluations, decisions),
                "indicators": indicator_rows(evaluations),
            },
            out,
        )
    elif suffix == ".json":
        Path(out).write_text(
            json.dumps([to_data(d) for d in decisions], ensure_ascii=False, indent=2),
            encoding="utf-8",
        )
    else:
        raise UsageError(say("err.out_type", lang, suffix=repr(suffix)))
    print(say("cli.wrote", lang, path=out), file=sys.stderr)
