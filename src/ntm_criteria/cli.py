"""The ``ntm-criteria`` command.

Exit codes: 0 success, 1 a data error (the message names the file, entry and field), 2 a usage
error. Errors go to standard error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from ntm_criteria.certification import Decision, decide
from ntm_criteria.data import criteria_sets, load_criteria_set, set_in_force
from ntm_criteria.engine.evaluate import evaluate
from ntm_criteria.errors import NtmError
from ntm_criteria.io.assessments import read_assessments
from ntm_criteria.rollup import summarize

_EXAMPLES = """examples:
  ntm-criteria sets
  ntm-criteria evaluate examples/dinh-hoa-2019.toml
  ntm-criteria evaluate examples/dinh-hoa-2019.toml --explain --lang vi
  ntm-criteria evaluate data.json --set commune-2016-2020 --format json
"""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="ntm-criteria",
        description="Evaluate communes against Vietnam's new-rural (NTM) criteria.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser(
        "sets",
        help="list the packaged criteria sets",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ev = sub.add_parser(
        "evaluate",
        help="evaluate the assessments of a TOML or JSON file",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ev.add_argument("file", help="assessments file (.toml or .json)")
    ev.add_argument(
        "--set",
        dest="set_id",
        help="criteria set id (default: the set in force at each assessment's date)",
    )
    ev.add_argument("--format", choices=("text", "json"), default="text")
    ev.add_argument("--lang", choices=("en", "vi"), default="en")
    ev.add_argument("--explain", action="store_true", help="print every verdict with its reasons")
    return p


def _sets() -> int:
    for set_id in criteria_sets():
        s = load_criteria_set(set_id)
        until = s.in_force_until or "now"
        print(f"{s.id:24} {s.instrument:14} {s.in_force_from} to {until}  {s.name_en}")
    return 0


def _decision_record(d: Decision) -> dict[str, object]:
    e = d.evaluation
    return {
        "commune": e.assessment.commune.name,
        "as_of": e.assessment.as_of.isoformat(),
        "criteria_set": e.criteria_set.id,
        "zone": e.zone,
        "met": e.met_count,
        "total": e.total,
        "unmet_criteria": list(e.unmet_criteria),
        "unknown_criteria": list(e.unknown_criteria),
        "criteria": {str(c.id): c.status.value for c in e.criteria},
        "outcome": d.outcome.value,
        "reasons": list(d.reasons),
    }


def _evaluate(args: argparse.Namespace) -> int:
    assessments = read_assessments(args.file)
    chosen = load_criteria_set(args.set_id) if args.set_id else None
    decisions = [decide(evaluate(a, chosen or set_in_force(a.as_of))) for a in assessments]
    if args.format == "json":
        print(json.dumps([_decision_record(d) for d in decisions], ensure_ascii=False, indent=2))
        return 0
    for d in decisions:
        e = d.evaluation
        if args.explain:
            print(e.explain(args.lang), end="\n\n")
            continue
        unmet = ", ".join(map(str, e.unmet_criteria)) or "-"
        unknown = ", ".join(map(str, e.unknown_criteria)) or "-"
        print(
            f"{e.assessment.commune.name:20} {e.score:>6}  not met: {unmet:24} "
            f"unknown: {unknown:12} {d.outcome.name}"
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "sets":
            return _sets()
        return _evaluate(args)
    except NtmError as exc:
        print(f"ntm-criteria: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
