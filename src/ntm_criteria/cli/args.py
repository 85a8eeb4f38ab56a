"""The command line's arguments: the parser, and a type for every value a user types.

Every argument is checked by argparse when it is read, so a wrong one is a usage error (exit
2) in one line naming the option, the value and what it takes; nothing reaches the library
that it would refuse later with a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from importlib import metadata
from typing import Any, NoReturn

from ntm_criteria.errors import CellError
from ntm_criteria.io.values import parse_date
from ntm_criteria.messages import LANGS, say
from ntm_criteria.model.provenance import EvidenceStatus

PROG = "ntm-criteria"
#: Years a plan may start or end in: the programme's periods, with room on both sides.
YEARS = (2000, 2100)

EXAMPLES = """examples:
  ntm-criteria sets
  ntm-criteria sets commune-2021-2025 --coverage
  ntm-criteria evaluate examples/dinh-hoa-2019.toml
  ntm-criteria evaluate examples/dinh-hoa-2019.toml --explain --lang vi
  ntm-criteria evaluate examples/dinh-hoa-2019.xlsx --format json
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
  ntm-criteria test tests/cases/*.toml
  ntm-criteria read-report review.txt --set commune-2016-2020 --as-of 2019-12-31 \\
      --region TDMNPB --out communes.toml
"""


class UsageError(Exception):
    """A command-line usage problem found after parsing (exit code 2)."""


class Parser(argparse.ArgumentParser):
    """argparse, with its errors in the one-line form of every other error."""

    def error(self, message: str) -> NoReturn:
        see = say("err.see_help", default_lang(), prog=self.prog)
        sys.stderr.write(f"{PROG}: error: {message}{see}\n")
        sys.exit(2)


def table_options(args: argparse.Namespace) -> dict[str, Any]:
    """How to read a table, as the user said it: the sheet, the header row, the columns to
    leave unread (the keyword arguments of ``read_assessments`` and ``stream_assessments``)."""
    return {
        "sheet": args.sheet,
        "header_row": args.header_row,
        "ignore_columns": args.ignore_column,
    }


def money(text: str) -> Decimal:
    """Money per year: a finite decimal above 0 (in the cost model's unit)."""
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or value <= 0:
        raise argparse.ArgumentTypeError(say("err.money", default_lang(), got=repr(text)))
    return value


def year(text: str) -> int:
    """A calendar year of the programme's range."""
    low, high = YEARS
    if not text.strip().isdigit() or not low <= int(text) <= high:
        raise argparse.ArgumentTypeError(
            say("err.year", default_lang(), low=str(low), high=str(high), got=repr(text))
        )
    return int(text)


def date(text: str) -> dt.date:
    """A date as YYYY-MM-DD or DD/MM/YYYY."""
    try:
        return parse_date(text)
    except CellError:
        raise argparse.ArgumentTypeError(say("err.date", default_lang(), got=repr(text))) from None


def row_number(text: str) -> int:
    """A row number as the sheet shows it (1 is the first row)."""
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(say("err.row", default_lang(), got=repr(text)))
    return int(text)


def count(text: str) -> int:
    """A number of communes: a whole number of at least 1."""
    if not text.strip().isdigit() or int(text) < 1:
        lang = default_lang()
        hint = say("err.use_share", lang) if "." in text else ""
        raise argparse.ArgumentTypeError(say("err.count", lang, got=repr(text)) + hint)
    return int(text)


def share(text: str) -> float:
    """A share of the communes: above 0 and at most 1 (0.43 is 43%)."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(say("err.share", default_lang(), got=repr(text)))
    return value


def statuses(text: str) -> tuple[EvidenceStatus, ...]:
    """Evidence statuses, comma-separated."""
    try:
        return tuple(EvidenceStatus(s.strip()) for s in text.split(",") if s.strip())
    except ValueError:
        names = ", ".join(s.value for s in EvidenceStatus)
        raise argparse.ArgumentTypeError(
            say("err.statuses", default_lang(), names=names, got=repr(text))
        ) from None


def default_lang(environ: Mapping[str, str] | None = None) -> str:
    """``vi`` where the locale is Vietnamese (LC_ALL, LC_MESSAGES or LANG starting with vi),
    else ``en``."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "vi" if value.lower().startswith("vi") else "en"
    return "en"


def version() -> str:
    """The installed package's version."""
    try:
        return metadata.version("ntm-criteria")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree
        return "unknown (not installed)"


def parser() -> Parser:
    """The parser of every subcommand."""

    def sub(name: str, help_: str) -> argparse.ArgumentParser:
        return commands.add_parser(
            name,
            help=help_,
            description=help_,
            epilog=EXAMPLES,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    p = Parser(
        prog=PROG,
        description="Evaluate communes against Vietnam's new-rural (NTM) criteria.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"{PROG} {version()}")
    commands = p.add_subparsers(dest="command", required=True, parser_class=Parser)
    sets = sub("sets", "list the packaged criteria sets, or show one")
    sets.add_argument("set_id", nargs="?", help="a packaged set id or a set/layer file to show")
    sets.add_argument("--coverage", action="store_true", help="count cells by criterion and status")
    ev = sub("evaluate", "evaluate the assessments of a TOML, JSON, CSV or XLSX file")
    ev.add_argument("file", help="assessments file")
    ev.add_argument("--format", choices=("text", "json", "csv", "markdown"), default="text")
    ev.add_argument("--out", help="write the results to this .csv, .xlsx or .json file")
    ev.add_argument("--explain", action="store_true", help="print every verdict with its reasons")
    va = sub("validate", "check an assessments file or a criteria/layer file; list every problem")
    va.add_argument("file")
    ex = sub("explain", "explain every verdict for one commune of a file")
    ex.add_argument("file")
    ex.add_argument("--commune", required=True, help="the commune's name (diacritics optional)")
    pl = sub("plan", "plan the communes of a file: each commune, and the district target")
    pl.add_argument("file")
    rp = sub("report", "write a self-contained HTML report for the communes of a file")
    rp.add_argument("file")
    rp.add_argument("--out", required=True, help="the .html file to write")
    rp.add_argument("--title", help="the report's heading (default: in the chosen language)")
    rp.add_argument(
        "--date", type=date, help="the date the report states (default: the latest assessment's)"
    )
    tp = sub("template", "write a workbook of a set's threshold cells for a province to fill in")
    tp.add_argument("set_id", help="the packaged set the province's layer will extend")
    tp.add_argument("--out", required=True, help="the .xlsx file to write")
    tp.add_argument("--zone", action="append", help="only this zone (repeat for several)")
    tp.add_argument(
        "--status",
        type=statuses,
        help="only cells of these statuses, comma-separated (verified, provisional, unspecified)",
    )
    tp.add_argument("--id", dest="layer_id", help="the id of the layer (default: the file name)")
    ly = sub("layer", "turn a filled cell workbook into a layer file, checked like any layer")
    ly.add_argument("file", help="the filled .xlsx workbook (from 'template')")
    ly.add_argument("--out", required=True, help="the layer .toml file to write")
    ly.add_argument("--extends", help="the set it extends (default: the workbook's info sheet)")
    ly.add_argument("--id", dest="layer_id", help="the layer's id (default: the info sheet's)")
    rr = sub(
        "read-report", "read review sentences ('xã X đạt m/n tiêu chí, còn k ...') into assessments"
    )
    rr.add_argument("file", help="a text file of the report, or - for standard input")
    rr.add_argument("--set", dest="set_ref", required=True, help="the set the review counts")
    rr.add_argument("--as-of", dest="as_of", type=date, required=True, help="the review's date")
    rr.add_argument("--region", help="the communes' region (TDMNPB, ...)")
    rr.add_argument("--district", help="the communes' district")
    rr.add_argument("--province", help="the communes' province")
    rr.add_argument("--out", required=True, help="the assessments file to write (.toml or .json)")
    ts = sub("test", "judge case files (an assessment, its set, the expected result)")
    ts.add_argument("files", nargs="+", help="case files (schema ntm-criteria/cases/1)")
    ts.add_argument("--verbose", action="store_true", help="print the passing cases too")
    for command in (ev, va, ex, pl, rp):
        command.add_argument(
            "--set",
            dest="set_ref",
            help="criteria set id or set/layer file (default: the set in force at each "
            "assessment's date)",
        )
        command.add_argument("--sheet", help="XLSX sheet (default: the first)")
        command.add_argument(
            "--header-row",
            type=row_number,
            help="the table's header row as the sheet numbers it (default: found below titles)",
        )
        command.add_argument(
            "--ignore-column",
            action="append",
            default=[],
            metavar="HEADER",
            help="leave this column of a table unread (repeat for several)",
        )
    for command in (ev, ex, pl, rp):
        command.add_argument(
            "--progress",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="show how many communes are evaluated (default: on a terminal, from 1000 on)",
        )
    for command in (ev, va, ex, pl, rp, tp, ly, rr):
        command.add_argument(
            "--lang",
            choices=LANGS,
            default=default_lang(),
            help="the language of the output (default: from the locale, LANG=vi... gives vi)",
        )
    for command in (pl, rp):
        command.add_argument("--costs", help="cost model TOML file (default: neutral)")
        command.add_argument("--start", type=year, help="first year of work")
        command.add_argument("--deadline", type=year, help="last year of the plan")
        command.add_argument(
            "--budget", type=money, help="money per year, in the cost model's unit (default 1)"
        )
        target = command.add_mutually_exclusive_group()
        target.add_argument("--target", type=count, help="number of communes to certify")
        target.add_argument("--share", type=share, help="share of the communes, such as 0.43")
    pl.add_argument(
        "--strategy", choices=("least_cost", "earliest", "weighted"), default="least_cost"
    )
    return p


__all__ = [
    "PROG",
    "Parser",
    "count",
    "date",
    "money",
    "parser",
    "share",
    "statuses",
    "version",
    "year",
]
