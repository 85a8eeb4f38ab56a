"""Parse the TOML of a criteria set, or of a layer over one, into a :class:`CriteriaSet`.

Two checks run on every parse. The converter checks types and keys (a misspelt key, a value of
the wrong type); :func:`~ntm_criteria.model.validation.validate_criteria_set` then checks what
types cannot. Every problem is reported at once, each with its path inside the file. Where a
layer's base comes from is the caller's: packaged sets by id (:mod:`ntm_criteria.data`), a
province's files by path (:func:`ntm_criteria.read_criteria_set`).
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable

from ntm_criteria.converter import structure
from ntm_criteria.errors import CriteriaDataError, StructureError
from ntm_criteria.model.criteria import CriteriaSet
from ntm_criteria.model.layers import Layer, apply_layer
from ntm_criteria.model.validation import validate_criteria_set

#: The schema identifier every criteria-set file states in its ``schema`` key.
SCHEMA = "ntm-criteria/criteria-set/1"
#: The schema identifier of a layer file (a province's restatement over another set).
LAYER_SCHEMA = "ntm-criteria/layer/1"

#: Finds the set a layer extends: ``(name, origin of the extending file) -> CriteriaSet``.
Resolver = Callable[[str, str], CriteriaSet]


def parse_criteria_set(text: str, origin: str, resolve: Resolver) -> CriteriaSet:
    """Parse and validate the TOML ``text`` of a criteria set or a layer.

    Args:
        text: the file's content.
        origin: names the file in errors.
        resolve: finds the set a layer ``extends`` (the packaged loader resolves packaged
            ids; :func:`ntm_criteria.read_criteria_set` also layer files relative to
            ``origin``).

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
        base = resolve(layer.extends, origin)
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


__all__ = ["LAYER_SCHEMA", "SCHEMA", "Resolver", "parse_criteria_set", "validate_criteria_set"]
