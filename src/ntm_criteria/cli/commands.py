"""The subcommands of ``ntm-criteria``: each reads its arguments and prints its results.

A handler returns the exit code; a usage problem it finds after parsing (a target above the
number of communes, a deadline before the start) raises :class:`UsageError`.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from decimal import Decimal
from pathlib import Path

from ntm_criteria._text import fold, nearest
from ntm_criteria.cases import run_cases, summary
from ntm_criteria.certification import decide
from ntm_criteria.cli.args import UsageError, table_options
from ntm_criteria.cli.show import (
    markdown_table,
    print_rollup,
    row_line,
    write_results,
)
from ntm_criteria.cli.streaming import progress, stream
from ntm_criteria.coverage_report import coverage
from ntm_criteria.data import criteria_sets, load_criteria_set
from ntm_criteria.engine.evaluate import check_many, evaluate_many
from ntm_criteria.engine.results import Evaluation
from ntm_criteria.errors import AssessmentError, NtmError
from ntm_criteria.io.criteria_files import read_criteria_set, set_from_ref
from ntm_criteria.io.reading import read_assessments
from ntm_criteria.io.sentences import read_report
from ntm_criteria.messages import say
from ntm_criteria.model.commune import Assessment
from ntm_criteria.model.criteria import CriteriaSet
from ntm_criteria.output.assessments import write_assessments
from ntm_criteria.output.records import to_data
from ntm_criteria.output.tables import evaluation_rows
from ntm_criteria.planning import (
    NEUTRAL,
    CommunePlan,
    DistrictPlan,
    plan_commune,
    plan_district,
    read_cost_model,
)
from ntm_criteria.report.html import write_report
from ntm_criteria.report.text import explain
from ntm_criteria.rollup import RollUp


def template(args: argparse.Namespace) -> int:
    from ntm_criteria.output.cell_template import write_cell_template

    s = load_criteria_set(args.set_id)
    path = write_cell_template(
        s, args.out, zones=args.zone, statuses=args.status, layer_id=args.layer_id
    )
    print(say("cli.wrote", args.lang, path=path), file=sys.stderr)
    return 0


def layer(args: argparse.Namespace) -> int:
    from ntm_criteria.io.cell_workbook import read_cell_layer
    from ntm_criteria.output.cell_template import layer_toml

    layer = read_cell_layer(args.file, extends=args.extends, layer_id=args.layer_id)
    out = Path(args.out)
    out.write_text(layer_toml(layer), encoding="utf-8")
    read_criteria_set(out)  # what was written reads back as the same layer
    print(
        say(
            "cli.wrote_layer",
            args.lang,
            path=out,
            id=repr(layer.id),
            base=layer.extends,
            n=len(layer.cells),
        ),
        file=sys.stderr,
    )
    return 0


def sets(args: argparse.Namespace) -> int:
    if args.set_id is None:
        for set_id in criteria_sets():
            s = load_criteria_set(set_id)
            until = s.in_force_until or "now"
            print(
                f"{s.id:28} {s.level:8} {s.tier:9} {s.in_force_from} to {until!s:10}  {s.instrument}"
            )
        return 0
    s = set_from_ref(args.set_id)
    print(
        f"{s.id}: {s.name_en}\n{s.name_vi}\n{s.instrument}; in force {s.in_force_from} to "
        f"{s.in_force_until or 'now'}; {s.level}, {s.tier}; zones: {', '.join(s.zone_codes)}"
    )
    if args.coverage:
        print(coverage(s).to_markdown())
    else:
        for c in s.criteria:
            print(
                f"  {c.id:>2}. {c.name_en} ({c.name_vi}): {', '.join(i.id for i in c.indicators) or '-'}"
            )
    return 0


def _read(args: argparse.Namespace) -> tuple[list, CriteriaSet | None]:  # type: ignore[type-arg]
    chosen = set_from_ref(args.set_ref) if args.set_ref else None
    return read_assessments(args.file, chosen, **table_options(args)), chosen


def _assessments(args: argparse.Namespace) -> tuple[list[Assessment], CriteriaSet | None]:
    assessments, chosen = _read(args)
    if not assessments:
        raise NtmError(say("err.empty", getattr(args, "lang", "en"), file=args.file))
    return assessments, chosen


def _evaluations(args: argparse.Namespace) -> list[Evaluation]:
    assessments, chosen = _assessments(args)
    # every assessment that cannot be evaluated (outside the set's period, a bad value) is
    # reported, not only the first
    return evaluate_many(progress(args, assessments, len(assessments)), chosen)


def explain_command(args: argparse.Namespace) -> int:
    wanted = fold(args.commune)
    evaluations = _evaluations(args)
    found = [e for e in evaluations if fold(e.assessment.commune.name) == wanted]
    if not found:
        names = list(dict.fromkeys(e.assessment.commune.name for e in evaluations))
        close = [n for n in names if wanted in fold(n)] or nearest(args.commune, names)
        hint = say("err.did_you_mean", args.lang, names=", ".join(close)) if close else ""
        raise UsageError(
            say(
                "err.no_commune",
                args.lang,
                file=args.file,
                name=repr(args.commune),
                hint=hint,
                names=", ".join(names),
            )
        )
    for e in found:
        print(explain(e, args.lang), end="\n\n")
        print(explain(decide(e), args.lang), end="\n\n")
    return 0


def _plans(
    args: argparse.Namespace, evaluations: list[Evaluation], communes: bool = True
) -> tuple[list[CommunePlan], DistrictPlan | None]:
    if args.start is not None and args.deadline is not None and args.deadline < args.start:
        raise UsageError(
            say("err.deadline", args.lang, deadline=str(args.deadline), start=str(args.start))
        )
    if args.target is not None and args.target > len(evaluations):
        raise UsageError(
            say("err.target", args.lang, target=args.target, n=len(evaluations), file=args.file)
        )
    costs = read_cost_model(args.costs) if args.costs else NEUTRAL
    budget = args.budget if args.budget is not None else Decimal(1)
    strategy = getattr(args, "strategy", "least_cost")
    plans = (
        [
            plan_commune(e, costs, args.deadline, budget, strategy, start=args.start)
            for e in evaluations
        ]
        if communes
        else []
    )
    district = None
    target = args.target if args.target is not None else args.share
    if target is not None:
        district = plan_district(
            evaluations, costs, target, args.deadline, budget, start=args.start
        )
    return plans, district


def plan(args: argparse.Namespace) -> int:
    plans, district = _plans(args, _evaluations(args))
    for p in plans:
        print(explain(p, args.lang), end="\n\n")
    if district is not None:
        print(explain(district, args.lang))
    return 0


def report(args: argparse.Namespace) -> int:
    evaluations = _evaluations(args)
    district = _plans(args, evaluations, communes=False)[1]
    decisions = [decide(e) for e in evaluations]
    path = write_report(decisions, args.out, args.title, district, args.lang, args.date)
    print(say("cli.wrote", args.lang, path=path), file=sys.stderr)
    return 0


def evaluate(args: argparse.Namespace) -> int:
    if args.format in ("text", "csv") and not args.out:
        return stream(args)  # a large file is never held in memory as results
    decisions = [decide(e) for e in _evaluations(args)]
    evaluations = [d.evaluation for d in decisions]
    if args.out:
        write_results(args.out, decisions, args.lang)
    if args.format == "json":
        print(json.dumps([to_data(d) for d in decisions], ensure_ascii=False, indent=2))
        return 0
    if args.format == "markdown":
        print(markdown_table(evaluations, decisions))
        return 0
    if args.format == "csv":
        rows = evaluation_rows(evaluations, decisions)
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return 0
    for d in decisions:
        if args.explain:
            print(explain(d.evaluation, args.lang), end="\n\n")
        else:
            print(row_line(d, args.lang))
    by_set: dict[str, RollUp] = {}
    for d in decisions:
        by_set.setdefault(d.evaluation.criteria_set.id, RollUp()).add(d)
    for set_id, rollup in by_set.items():
        print_rollup(set_id, rollup.summary(), args.lang)
    return 0


def validate(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if (
        path.suffix.lower() == ".toml"
        and "ntm-criteria/assessments/"
        not in path.read_text(encoding="utf-8", errors="replace")[:2000]
    ):
        s = read_criteria_set(path)
        layers = " > ".join(s.layers) or say("cli.none", args.lang)
        print(
            say(
                "cli.valid_set",
                args.lang,
                path=path,
                id=repr(s.id),
                n=len(s.criteria),
                layers=layers,
            )
        )
        return 0
    chosen = set_from_ref(args.set_ref) if args.set_ref else None
    report = read_assessments(path, chosen, errors="collect", **table_options(args))
    for note in report.notes:
        print(say("cli.note", args.lang, path=path, note=note), file=sys.stderr)
    problems = [str(p) for p in report.problems]
    # what reading alone cannot see (a fact the set does not read, a date outside its period)
    # is checked against the set each assessment would be evaluated under, for all of them
    try:
        check_many(report.assessments, chosen)
    except AssessmentError as exc:
        problems.extend(f"{path}: {p}" for p in exc.problems)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(
        say(
            "cli.validated",
            args.lang,
            path=path,
            n=len(report.assessments),
            rejected=len(report.rejected_rows),
            problems=len(problems),
        )
    )
    return 1 if problems else 0


def test(args: argparse.Namespace) -> int:
    """Judge case files: each failing case with every expected and actual value."""
    results = run_cases(args.files)
    for r in results:
        if args.verbose or not r.passed:
            print(r)
    print(summary(results))
    return 0 if all(r.passed for r in results) else 1


def read_report_command(args: argparse.Namespace) -> int:
    """Review sentences into an assessments file."""
    if args.file == "-":
        text, source = sys.stdin.read(), "<stdin>"
    else:
        try:
            text, source = Path(args.file).read_text(encoding="utf-8"), args.file
        except UnicodeDecodeError:
            raise NtmError(say("err.not_utf8", args.lang, file=args.file)) from None
    assessments = read_report(
        text,
        set_from_ref(args.set_ref),
        args.as_of,
        district=args.district,
        province=args.province,
        region=args.region,
        source=source,
    )
    path = write_assessments(assessments, args.out)
    for a in assessments:
        unmet = [n for n, met in sorted(a.declarations.items()) if not met]
        ids = ", ".join(map(str, unmet)) or "-"
        print(say("cli.unmet_row", args.lang, commune=a.commune.name, ids=ids))
    print(say("cli.wrote_assessments", args.lang, path=path, n=len(assessments)), file=sys.stderr)
    return 0
