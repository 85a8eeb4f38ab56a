"""Evaluating a file a row at a time: the command line's progress line and its streamed output.

A large file is never held in memory as results: each row is decided as it is read, and the
output waits in a spooled temporary file until every row is known good.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator

from ntm_criteria.certification import Decision, decide
from ntm_criteria.cli.args import table_options
from ntm_criteria.cli.show import print_rollup, row_line
from ntm_criteria.data import set_in_force
from ntm_criteria.engine.evaluate import evaluate as evaluate_one
from ntm_criteria.errors import AssessmentError, NtmError, PeriodError
from ntm_criteria.io.criteria_files import set_from_ref
from ntm_criteria.io.reading import stream_assessments
from ntm_criteria.messages import say
from ntm_criteria.model.commune import Assessment
from ntm_criteria.output.tables import evaluation_rows
from ntm_criteria.report.text import explain
from ntm_criteria.rollup import RollUp


def progress(
    args: argparse.Namespace, items: Iterable[Assessment], total: int | None = None
) -> Iterator[Assessment]:
    """``items`` one by one, saying how many are done (``--progress``; by default on a
    terminal from 1000 on; ``total`` when it is known beforehand)."""
    wanted = getattr(args, "progress", None)
    terminal = sys.stderr.isatty()
    shown = False
    n = 0

    def say_done(n: int) -> None:
        nonlocal shown
        line = (
            say("cli.progress", args.lang, n=n, total=total)
            if total
            else say("cli.progress_count", args.lang, n=n)
        )
        print(f"\r{line}", end="", file=sys.stderr, flush=True)
        shown = True

    try:
        for n, a in enumerate(items, 1):
            yield a
            if ((terminal and n >= 1000) if wanted is None else wanted) and n % 500 == 0:
                say_done(n)
        if (terminal and n >= 1000) if wanted is None else wanted:
            say_done(n)  # the last count, once every item is done
    finally:
        if shown:
            print(file=sys.stderr)


def _streamed(args: argparse.Namespace) -> Iterator[Decision]:
    """Each decision in turn as its row is read, none kept. The rows that cannot be read, and
    the assessments that cannot be evaluated, are gathered; once the file is read they are
    raised, every one of them (and the caller discards what it wrote meanwhile)."""
    chosen = set_from_ref(args.set_ref) if args.set_ref else None
    stream = stream_assessments(args.file, chosen, **table_options(args))
    problems: list[str] = []
    count = 0
    for a in progress(args, stream):
        count += 1
        try:
            e = evaluate_one(a, chosen or set_in_force(a.as_of))
        except AssessmentError as exc:
            problems.extend(exc.problems)
            continue
        except PeriodError as exc:
            problems.append(str(exc))
            continue
        if not stream.problems and not problems:
            yield decide(e)
    stream.finish([], "raise")
    if problems:
        raise AssessmentError(problems)
    if not count:
        raise NtmError(say("err.empty", getattr(args, "lang", "en"), file=args.file))


def stream(args: argparse.Namespace) -> int:
    """Text or CSV output, a row per commune as it is decided, and the roll-up per set. The
    output waits in a temporary file (on disk beyond a few megabytes) until the whole file has
    been read, so that a bad row further down stops the run before anything is printed."""
    rollups: dict[str, RollUp] = {}
    writer = None
    with tempfile.SpooledTemporaryFile(max_size=8_000_000, mode="w+", encoding="utf-8") as out:
        for d in _streamed(args):
            e = d.evaluation
            rollups.setdefault(e.criteria_set.id, RollUp()).add(d)
            if args.format == "csv":
                (row,) = evaluation_rows([e], [d])
                if writer is None:
                    writer = csv.DictWriter(out, fieldnames=list(row), lineterminator="\n")
                    writer.writeheader()
                writer.writerow(row)
            elif args.explain:
                print(explain(e, args.lang), end="\n\n", file=out)
            else:
                print(row_line(d, args.lang), file=out)
        out.seek(0)
        shutil.copyfileobj(out, sys.stdout)
    if args.format == "text":
        for set_id, rollup in rollups.items():
            print_rollup(set_id, rollup.summary(), args.lang)
    return 0
