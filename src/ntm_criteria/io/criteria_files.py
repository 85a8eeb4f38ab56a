"""Criteria-set files: read a TOML file (a set, or a layer over one) into a :class:`CriteriaSet`.

Two checks run on every load. The converter checks types and keys (a misspelt key, a value of
the wrong type); :func:`~ntm_criteria.model.validation.validate_criteria_set` then checks what
types cannot. Every problem is reported at once, each with its path inside the file.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

from ntm_criteria.errors import CriteriaDataError, StructureError
from ntm_criteria.io.converter import structure
from ntm_criteria.model.criteria import CriteriaSet
from ntm_criteria.model.layers import Layer, apply_layer
from ntm_criteria.model.validation import validate_criteria_set

#: The schema identifier every criteria-set file states in its ``schema`` key.
SCHEMA = "ntm-criteria/criteria-set/1"
#: The schema identifier of a layer file (a province's restatement over another set).
LAYER_SCHEMA = "ntm-criteria/layer/1"

#: Finds the set a layer extends: ``(name, origin of the extending file) -> CriteriaSet``.
Resolver = Callable[[str, str], CriteriaSet]


def parse_criteria_set(text: str, origin: str, resolve: Resolver | None = None) -> CriteriaSet:
    """Parse and validate the TOML ``text`` of a criteria set or a layer.

    Args:
        text: the file's content.
        origin: names the file in errors.
        resolve: finds the set a layer ``extends`` (default: the packaged sets by id, and
            layer files by a path relative to ``origin``).

    Raises:
        CriteriaDataError: the text is not TOML, or does not match the model, or a layer
            breaks the layering rules; every problem is listed with its path.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CriteriaDataError(origin, [f"not valid TOML: {exc}"]) from None
    schema = data.get("schema")
    if schema not in (SCHEMA, LAYER_SCHEMA):
        raise CriteriaDataError(
            origin,
            [f"expected schema = {SCHEMA!r} or {LAYER_SCHEMA!r}, got {schema!r} @ $.schema"],
        )
    try:
        if schema == LAYER_SCHEMA:
            layer = structure(data, Layer)
        else:
            criteria_set = structure(data, CriteriaSet)
    except StructureError as exc:
        raise CriteriaDataError(origin, exc.problems) from None
    if schema == LAYER_SCHEMA:
        base = (resolve or _default_resolver(()))(layer.extends, origin)
        criteria_set = apply_layer(
            base,
            layer.cells,
            layer.id,
            origin=origin,
            conditions=layer.conditions,
            drop_conditions=layer.drop_conditions,
            **layer.metadata(),  # type: ignore[arg-type]
        )
    validate_criteria_set(criteria_set, origin)
    return criteria_set


def _default_resolver(seen: tuple[str, ...]) -> Resolver:
    def resolve(name: str, origin: str) -> CriteriaSet:
        if not name.endswith(".toml"):
            from ntm_criteria.data import load_criteria_set

            return load_criteria_set(name)
        path = (Path(origin).parent / name).resolve()
        if str(path) in seen:
            chain = " -> ".join((*seen, str(path)))
            raise CriteriaDataError(origin, [f"layers extend each other in a circle: {chain}"])
        return _read(path, (*seen, str(path)))

    return resolve


def _read(path: Path, seen: tuple[str, ...]) -> CriteriaSet:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CriteriaDataError(str(path), [f"cannot read the file: {exc}"]) from None
    return parse_criteria_set(text, str(path), _default_resolver(seen))


def read_criteria_set(path: str | Path) -> CriteriaSet:
    """Read and validate a criteria-set or layer file (packaged, or a province's own).

    A ``.xlsx`` file is a filled threshold-cell workbook (see
    :func:`ntm_criteria.io.cell_workbook.write_cell_template`), read as a layer over the set
    named on its info sheet.

    A layer file (``schema = "ntm-criteria/layer/1"``) ``extends`` a packaged set id or another
    layer file, and sets cells with their own sources; every resolved threshold then records
    the layer it came from. A layer may fill unspecified cells and be stricter, never looser
    than a verified cell.

    Raises:
        CriteriaDataError: the file cannot be read or does not match the model; the message
            names the file and every problem with its path inside it.
    """
    path = Path(path).resolve()
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from ntm_criteria.io.cell_workbook import read_cell_workbook

        return read_cell_workbook(path)
    return _read(path, (str(path),))


__all__ = [
    "LAYER_SCHEMA",
    "SCHEMA",
    "parse_criteria_set",
    "read_criteria_set",
    "validate_criteria_set",
]
