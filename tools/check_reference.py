"""Say whether the repository's copy of the legal reference still equals the upstream one.

The legal reference is maintained outside this repository (the read-only ``shared/reference``
folder beside the checkout). ``reference/upstream`` is a byte-for-byte copy of it, so that the
generator and the tests run on a fresh clone. When the upstream folder is present, this script
compares the two and lists every file that was added, removed or changed upstream; CI runs it,
so an upstream change is noticed the first time it lands.

    python tools/check_reference.py                      # ../shared/reference, if present
    python tools/check_reference.py UPSTREAM_DIR

Exit status: 0 equal (or no upstream folder to compare with), 1 different.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPY = ROOT / "reference" / "upstream"
UPSTREAM = ROOT.parent / "shared" / "reference"


def differences(copy: Path, upstream: Path) -> list[str]:
    """One line per file that differs between the two folders (empty when they are equal)."""
    ours = {p.name: p for p in copy.iterdir() if p.is_file()}
    theirs = {p.name: p for p in upstream.iterdir() if p.is_file()}
    lines = [f"{name}: new upstream, not copied" for name in sorted(theirs.keys() - ours.keys())]
    lines += [f"{name}: removed upstream" for name in sorted(ours.keys() - theirs.keys())]
    lines += [
        f"{name}: changed upstream"
        for name in sorted(ours.keys() & theirs.keys())
        if ours[name].read_bytes() != theirs[name].read_bytes()
    ]
    return lines


def main(argv: list[str]) -> int:
    """Compare ``reference/upstream`` with ``argv[0]`` (default ``../shared/reference``)."""
    upstream = Path(argv[0]) if argv else UPSTREAM
    if not upstream.is_dir():
        print(f"reference: no upstream folder {upstream} beside this checkout; nothing to compare")
        return 0
    lines = differences(COPY, upstream)
    if not lines:
        print(f"reference: reference/upstream equals {upstream}")
        return 0
    print(f"reference: reference/upstream differs from {upstream}:")
    for line in lines:
        print(f"  {line}")
    print(
        "copy the upstream files into reference/upstream, run python tools/reference_to_toml.py"
        " and the tests (see reference/README.md)"
    )
    return 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
