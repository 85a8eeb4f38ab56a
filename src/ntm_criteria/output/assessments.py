"""Writing assessment files: TOML or JSON that :func:`~ntm_criteria.read_assessments` reads back."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from ntm_criteria._optional import optional_import
from ntm_criteria.converter import unstructure
from ntm_criteria.errors import DataFileError
from ntm_criteria.io.assessments import SCHEMA
from ntm_criteria.model.commune import Assessment


def write_assessments(assessments: Sequence[Assessment], path: str | Path) -> Path:
    """Write assessments to a ``.json`` or ``.toml`` file that :func:`read_assessments` reads
    back unchanged (TOML needs the ``toml`` extra, tomli-w)."""
    path = Path(path)
    data = {"schema": SCHEMA, "assessments": [unstructure(a) for a in assessments]}
    suffix = path.suffix.lower()
    if suffix == ".json":
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    elif suffix == ".toml":
        tomli_w = optional_import("tomli_w", "toml", "writing TOML files")
        path.write_text(tomli_w.dumps(data), encoding="utf-8")
    else:
        raise DataFileError(str(path), [f"unknown file type {suffix!r}; expected .json or .toml"])
    return path
