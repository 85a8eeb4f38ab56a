"""Assessment files in TOML or JSON: a ``schema`` key and a list of ``assessments``.

The layout is the converter's own form of :class:`~ntm_criteria.Assessment`, so what
:func:`~ntm_criteria.write_assessments` writes, :func:`~ntm_criteria.read_assessments` reads back unchanged::

    schema = "ntm-criteria/assessments/1"

    [[assessments]]
    as_of = "2019-12-31"
    commune = { name = "Phú Đình", district = "Định Hóa", region = "TDMNPB" }
    values = { "15.1" = 84.5 }
    declarations = { 9 = false, 10 = false }
    facts = { registered_in_plan = true }
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from ntm_criteria.converter import structure
from ntm_criteria.errors import DataFileError, StructureError
from ntm_criteria.model.commune import Assessment, duplicate_problems

#: The schema identifier of assessment files.
SCHEMA = "ntm-criteria/assessments/1"


def read_data_bytes(path: Path) -> bytes:
    """The bytes of a data file, or a :class:`DataFileError` if it is missing or empty."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataFileError(str(path), [f"cannot read the file: {exc.strerror}"]) from None
    if not raw.strip():
        raise DataFileError(str(path), ["the file is empty"])
    return raw


def _load(path: Path) -> Any:
    raw = read_data_bytes(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DataFileError(
            str(path), ["not a UTF-8 text file (binary or another encoding)"]
        ) from None
    suffix = path.suffix.lower()
    try:
        if suffix == ".toml":
            return tomllib.loads(text)
        if suffix == ".json":
            return json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise DataFileError(str(path), [f"not valid {suffix[1:].upper()}: {exc}"]) from None
    raise DataFileError(str(path), [f"unknown file type {suffix!r}; expected .toml or .json"])


def read_assessment_file(path: str | Path, errors: str = "raise") -> Any:
    """Read every assessment of a TOML or JSON assessments file.

    Args:
        path: the file.
        errors: ``"raise"`` (a :class:`DataFileError` listing every bad entry) or
            ``"collect"`` (a :class:`~ntm_criteria.io.tables.ReadReport` with the good
            assessments and a problem per bad value; "rows" are entry numbers from 1).

    Raises:
        DataFileError: naming the file and, for each bad entry, its path
            (``$.assessments[2].values['10']``) and what was expected.
    """
    path = Path(path)
    data = _load(path)
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        got = data.get("schema") if isinstance(data, dict) else type(data).__name__
        raise DataFileError(str(path), [f"expected schema = {SCHEMA!r}, got {got!r} @ $.schema"])
    entries = data.get("assessments")
    if not isinstance(entries, list) or not entries:
        raise DataFileError(str(path), ["expected a non-empty list 'assessments' @ $.assessments"])
    out: list[Assessment] = []
    problems: list[str] = []
    rejected: list[int] = []
    for i, entry in enumerate(entries):
        try:
            out.append(structure(entry, Assessment))
        except StructureError as exc:
            rejected.append(i + 1)
            problems.extend(p.replace("@ $", f"@ $.assessments[{i}]", 1) for p in exc.problems)
    problems.extend(f"{p} @ $.assessments" for p in duplicate_problems(out))
    extra = set(data) - {"schema", "assessments", "note"}
    problems.extend(f"unknown key {k!r} @ $" for k in sorted(extra))
    if errors == "collect":
        from ntm_criteria.io.tables import Problem, ReadReport

        located = tuple(Problem(str(path), None, None, None, p) for p in problems)
        return ReadReport(tuple(out), located, tuple(rejected))
    if problems:
        raise DataFileError(str(path), problems)
    return out
