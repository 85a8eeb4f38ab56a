"""The ``ntm-criteria`` command.

Exit codes: 0 success, 1 a data error (the message names the file, entry and field), 2 a usage
error. Errors go to standard error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path

from ntm_criteria._text import fold
from ntm_criteria.certification import Decision, decide
from ntm_criteria.coverage_report import coverage
from ntm_criteria.data import criteria_sets, load_criteria_set
from ntm_criteria.engine.evaluate import evaluate_many
from ntm_criteria.engine.results import Evaluation
from ntm_criteria.errors import AssessmentError, NtmError
from ntm_criteria.io.criteria_files import read_criteria_set
from ntm_criteria.io.reading import read_assessments
from ntm_criteria.io.records import to_data
from ntm_criteria.model.commune import Assessment
from ntm_criteria.model.criteria import CriteriaSet
from ntm_criteria.model.provenance import EvidenceStatus
from ntm_criteria.planning import (
    CommunePlan,
    CostModel,
    DistrictPlan,
    plan_commune,
    plan_district,
    read_cost_model,
)
from ntm_criteria.report.html import write_report
from ntm_criteria.report.tables import evaluation_rows, indicator_rows, write_csv, write_xlsx
from ntm_criteria.report.text import explain, outcome_label
from ntm_criteria.rollup import summarize

_EXAMPLES = """examples:
  ntm-criteria sets
  ntm-criteria sets commune-2021-2025 --coverage
  ntm-criteria evaluate examples/dinh-hoa-2019.toml
  ntm-criteria evaluate examples/dinh-hoa-2019.toml --explain --lang vi
  ntm-criteria evaluate examples/dinh-hoa-2019.xlsx --set commune-2016-2020 --format json
  ntm-criteria evaluate data.csv --set my-province.toml --out results.xlsx
  ntm-criteria validate examples/dinh-hoa-2019.xlsx --set commune-2016-2020
  ntm-criteria validate examples/vinh-long-2016-2020.toml
  ntm-criteria explain examples/dinh-hoa-2019.toml --commune "Phu Dinh" --lang vi
  ntm-criteria plan examples/dinh-hoa-2019.toml --costs examples/dinh-hoa-costs.toml \\
      --start 2019 --deadline 2020 --budget 9 --target 3
  ntm-criteria report examples/dinh-hoa-2019.toml --out report.html --target 3 --budget 9 \\
      --start 2019 --deadline 2020
  ntm-criteria template commune-2026-2030 --status unspecified --out cells.xlsx
  ntm-criteria layer cells.xlsx --id my-province-2026 --out my-province-2026.toml
"""


class UsageError(Exception):
    """A command-line usage problem (exit code 2)."""


def _parser() -> argparse.ArgumentParser:
    def sub(name: str, help_: str) -> argparse.ArgumentParser:
        return commands.add_parser(
            name,
            help=help_,
            description=help_,
            epilog=_EXAMPLES,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    p = argparse.ArgumentParser(
        prog="ntm-criteria",
        description="Evaluate communes against Vietnam's new-rural (NTM) criteria.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = p.add_subparsers(dest="command", required=True)
    sets = sub("sets", "list the packaged criteria sets, or show one")
    sets.add_argument("set_id", nargs="?", help="a packaged set id or a set/layer file to show")
    sets.add_argument("--coverage", action="store_true", help="count cells by criterion and status")
    ev = sub("evaluate", "evaluate the assessments of a TOML, JSON, CSV or XLSX file")
    ev.add_argument("file", help="assessments file")
    ev.add_argument(
        "--set",
        dest="set_ref",
        help="criteria set id or set/layer file (default: "
        "the set in force at each assessment's date; required for tables)",
    )
    ev.add_argument("--sheet", help="XLSX sheet (default: the first)")
    ev.add_argument("--format", choices=("text", "json", "csv", "markdown"), default="text")
    ev.add_argument("--out", help="write the results to this .csv, .xlsx or .json file")
    ev.add_argument("--lang", choices=("en", "vi"), default="en")
    ev.add_argument("--explain", action="store_true", help="print every verdict with its reasons")
    va = sub("validate", "check an assessments file or a criteria/layer file; list every problem")
    va.add_argument("file")
    va.add_argument("--set", dest="set_ref", help="criteria set for a table's columns")
    va.add_argument("--sheet")
    ex = sub("explain", "explain every verdict for one commune of a file")
    ex.add_argument("file")
    ex.add_argument("--commune", required=True, help="the commune's name (diacritics optional)")
    pl = sub("plan", "plan the communes of a file: each commune, and the district target")
    pl.add_argument("file")
    rp = sub("report", "write a self-contained HTML report for the communes of a file")
    rp.add_argument("file")
    rp.add_argument("--out", required=True, help="the .html file to write")
    rp.add_argument("--title", default="New rural development (NTM) report")
    tp = sub("template", "write a workbook of a set's threshold cells for a province to fill in")
    tp.add_argument("set_id", help="the packaged set the province's layer will extend")
    tp.add_argument("--out", required=True, help="the .xlsx file to write")
    tp.add_argument("--zone", action="append", help="only this zone (repeat for several)")
    tp.add_argument(
        "--status",
        type=_statuses,
        help="only cells of these statuses, comma-separated (verified, provisional, unspecified)",
    )
    tp.add_argument("--id", dest="layer_id", help="the id of the layer (default: the file name)")
    ly = sub("layer", "turn a filled cell workbook into a layer file, checked like any layer")
    ly.add_argument("file", help="the filled .xlsx workbook (from 'template')")
    ly.add_argument("--out", required=True, help="the layer .toml file to write")
    ly.add_argument("--extends", help="the set it extends (default: the workbook's info sheet)")
    ly.add_argument("--id", dest="layer_id", help="the layer's id (default: the info sheet's)")
    for command in (ex, pl, rp):
        command.add_argument("--set", dest="set_ref", help="criteria set id or set/layer file")
        command.add_argument("--sheet")
        command.add_argument("--lang", choices=("en", "vi"), default="en")
    for command in (pl, rp):
        command.add_argument("--costs", help="cost model TOML file (default: neutral)")
        command.add_argument("--deadline", type=int, help="last year of the plan")
        command.add_argument("--start", type=int, help="first year of work")
        command.add_argument("--budget", help="money per year (default 1 unit)")
        command.add_argument(
            "--target", help="communes to certify: a count, or a share such as 0.4"
        )
        command.add_argument(
            "--strategy", choices=("least_cost", "earliest", "weighted"), default="least_cost"
        )
    return p


def _statuses(text: str) -> tuple[EvidenceStatus, ...]:
    try:
        return tuple(EvidenceStatus(s.strip()) for s in text.split(",") if s.strip())
    except ValueError:
        names = ", ".join(s.value for s in EvidenceStatus)
        raise argparse.ArgumentTypeError(f"expected statuses among {names}, got {text!r}") from None


def _template(args: argparse.Namespace) -> int:
    from ntm_criteria.io.cell_workbook import write_cell_template

    s = load_criteria_set(args.set_id)
    path = write_cell_template(
        s, args.out, zones=args.zone, statuses=args.status, layer_id=args.layer_id
    )
    print(f"wrote {path}", file=sys.stderr)
    return 0


def _layer(args: argparse.Namespace) -> int:
    from ntm_criteria.io.cell_workbook import layer_toml, read_cell_layer

    layer = read_cell_layer(args.file, extends=args.extends, layer_id=args.layer_id)
    out = Path(args.out)
    out.write_text(layer_toml(layer), encoding="utf-8")
    read_criteria_set(out)  # what was written reads back as the same layer
    print(
        f"wrote {out}: layer {layer.id!r} over {layer.extends}, {len(layer.cells)} cell(s)",
        file=sys.stderr,
    )
    return 0


def _load_set(ref: str) -> CriteriaSet:
    if ref.endswith((".toml", ".xlsx")):
        return read_criteria_set(ref)
    return load_criteria_set(ref)


def _sets(args: argparse.Namespace) -> int:
    if args.set_id is None:
        for set_id in criteria_sets():
            s = load_criteria_set(set_id)
            until = s.in_force_until or "now"
            print(
                f"{s.id:28} {s.level:8} {s.tier:9} {s.in_force_from} to {until!s:10}  {s.instrument}"
            )
        return 0
    s = _load_set(args.set_id)
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
    chosen = _load_set(args.set_ref) if args.set_ref else None
    return read_assessments(args.file, chosen, sheet=args.sheet), chosen


def _evaluations(args: argparse.Namespace) -> list[Evaluation]:
    assessments, chosen = _read(args)
    show = sys.stderr.isatty() and len(assessments) >= 1000

    def progress() -> Iterator[Assessment]:
        for n, a in enumerate(assessments, 1):
            yield a
            if show and n % 500 == 0:
                print(f"\revaluated {n}/{len(assessments)}", end="", file=sys.stderr, flush=True)

    try:
        # every assessment that cannot be evaluated (outside the set's period, a bad value)
        # is reported, not only the first
        return evaluate_many(progress(), chosen)
    finally:
        if show:
            print(file=sys.stderr)


def _explain(args: argparse.Namespace) -> int:
    wanted = fold(args.commune)
    found = [e for e in _evaluations(args) if fold(e.assessment.commune.name) == wanted]
    if not found:
        raise UsageError(f"{args.file}: no commune named {args.commune!r}")
    for e in found:
        print(explain(e, args.lang), end="\n\n")
        print(explain(decide(e), args.lang), end="\n\n")
    return 0


def _plans(
    args: argparse.Namespace, evaluations: list[Evaluation]
) -> tuple[list[CommunePlan], DistrictPlan | None]:
    costs = read_cost_model(args.costs) if args.costs else CostModel()
    budget = Decimal(args.budget) if args.budget else Decimal(1)
    plans = [
        plan_commune(e, costs, args.deadline, budget, args.strategy, start=args.start)
        for e in evaluations
    ]
    district = None
    if args.target is not None:
        target: int | float = float(args.target) if "." in args.target else int(args.target)
        district = plan_district(
            evaluations, costs, target, args.deadline, budget, start=args.start
        )
    return plans, district


def _plan(args: argparse.Namespace) -> int:
    plans, district = _plans(args, _evaluations(args))
    for p in plans:
        print(p.explain(), end="\n\n")
    if district is not None:
        print(district.explain())
    return 0


def _report(args: argparse.Namespace) -> int:
    evaluations = _evaluations(args)
    district = _plans(args, evaluations)[1] if args.target is not None else None
    path = write_report(evaluations, args.out, args.title, district, args.lang)
    print(f"wrote {path}", file=sys.stderr)
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    decisions = [decide(e) for e in _evaluations(args)]
    evaluations = [d.evaluation for d in decisions]
    if args.out:
        _write(args.out, decisions)
    if args.format == "json":
        print(json.dumps([to_data(d) for d in decisions], ensure_ascii=False, indent=2))
        return 0
    if args.format == "markdown":
        print(_markdown(evaluations, decisions))
        return 0
    if args.format == "csv":
        rows = evaluation_rows(evaluations, decisions)
        columns = list(rows[0])
        print(",".join(columns))
        for row in rows:
            print(",".join("" if row[c] is None else str(row[c]) for c in columns))
        return 0
    for d in decisions:
        e = d.evaluation
        if args.explain:
            print(explain(e, args.lang), end="\n\n")
            continue
        unmet = ", ".join(map(str, e.unmet_criteria)) or "-"
        unknown = ", ".join(map(str, e.unknown_criteria)) or "-"
        print(
            f"{e.assessment.commune.name:20} {e.score:>6}  not met: {unmet:24} "
            f"unknown: {unknown:12} {outcome_label(d, args.lang)}"
        )
    by_set: dict[str, list[Decision]] = {}
    for d in decisions:
        by_set.setdefault(d.evaluation.criteria_set.id, []).append(d)
    for set_id, ds in by_set.items():
        s = summarize(d.evaluation for d in ds)
        print(
            f"\n{set_id}: {s.certified}/{s.communes} certified ({s.certified_share:.0%}), "
            f"average {float(s.average_met):.1f} criteria met per commune"
        )
        for t in s.failing():
            print(f"  criterion {t.criterion:>2} {t.name_en:40} not met in {t.not_met} commune(s)")
    return 0


def _markdown(evaluations: list[Evaluation], decisions: list[Decision]) -> str:
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


def _write(out: str, decisions: list[Decision]) -> None:
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
        raise UsageError(f"--out: unknown file type {suffix!r}; expected .csv, .xlsx or .json")
    print(f"wrote {out}", file=sys.stderr)


def _validate(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if (
        path.suffix.lower() == ".toml"
        and "ntm-criteria/assessments/"
        not in path.read_text(encoding="utf-8", errors="replace")[:2000]
    ):
        s = read_criteria_set(path)
        print(
            f"{path}: a valid criteria set {s.id!r} ({len(s.criteria)} criteria; layers: "
            f"{' > '.join(s.layers) or 'none'})"
        )
        return 0
    chosen = _load_set(args.set_ref) if args.set_ref else None
    report = read_assessments(path, chosen, sheet=args.sheet, errors="collect")
    problems = [str(p) for p in report.problems]
    # what reading alone cannot see (a fact the set does not read, a date outside its period)
    # is checked against the set each assessment would be evaluated under, for all of them
    try:
        evaluate_many(report.assessments, chosen)
    except AssessmentError as exc:
        problems.extend(f"{path}: {p}" for p in exc.problems)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(
        f"{path}: {len(report.assessments)} assessment(s) read, "
        f"{len(report.rejected_rows)} rejected, {len(problems)} problem(s)"
    )
    return 1 if problems else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "sets":
            return _sets(args)
        if args.command == "validate":
            return _validate(args)
        handlers = {
            "explain": _explain,
            "plan": _plan,
            "report": _report,
            "evaluate": _evaluate,
            "template": _template,
            "layer": _layer,
        }
        return handlers[args.command](args)
    except UsageError as exc:
        print(f"ntm-criteria: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader (head, less) stopped reading: not an error
        sys.stderr.close()
        return 0
    except NtmError as exc:
        print(f"ntm-criteria: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
