"""The ``ntm-criteria`` command.

Exit codes: 0 success, 1 a data error (the message names the file, entry and field), 2 a usage
error. Every failure is printed to standard error as ``ntm-criteria: error: ...`` (with
indented detail lines where a file has several problems); no traceback reaches the user. Set
``NTM_CRITERIA_DEBUG=1`` to see the traceback of an internal error.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence

from ntm_criteria.cli import commands
from ntm_criteria.cli.args import PROG, UsageError, default_lang, parser
from ntm_criteria.errors import NtmError
from ntm_criteria.messages import say

HANDLERS: dict[str, Callable[..., int]] = {
    "sets": commands.sets,
    "validate": commands.validate,
    "explain": commands.explain_command,
    "plan": commands.plan,
    "report": commands.report,
    "evaluate": commands.evaluate,
    "template": commands.template,
    "layer": commands.layer,
    "test": commands.test,
    "read-report": commands.read_report_command,
}


def _error(message: object) -> None:
    first, *rest = str(message).splitlines() or [""]
    print(f"{PROG}: error: {first}", file=sys.stderr)
    for line in rest:
        print(line if line.startswith(" ") else f"  {line}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = parser().parse_args(argv)
    lang = getattr(args, "lang", None) or default_lang()
    try:
        return HANDLERS[args.command](args)
    except UsageError as exc:
        _error(exc)
        return 2
    except BrokenPipeError:  # the reader (head, less) stopped reading: not an error
        sys.stderr.close()
        return 0
    except NtmError as exc:
        _error(exc)
        return 1
    except OSError as exc:  # a file that cannot be read or written
        where = f": {exc.filename}" if exc.filename else ""
        _error(f"{exc.strerror or exc}{where}")
        return 1
    except KeyboardInterrupt:
        _error(say("err.interrupted", lang))
        return 130
    except Exception as exc:  # a bug of ours: said in one line, never a traceback
        if os.environ.get("NTM_CRITERIA_DEBUG"):
            raise
        _error(say("err.internal", lang, kind=type(exc).__name__, detail=str(exc)))
        return 1


__all__ = ["main"]
