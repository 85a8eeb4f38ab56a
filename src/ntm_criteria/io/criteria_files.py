"""A province's criteria-set files: a TOML set or layer, or a filled threshold-cell workbook.

A layer ``extends`` a packaged set by id or another layer file by a path relative to its own;
the parsing and both checks are :func:`ntm_criteria.data.parse.parse_criteria_set`'s.
"""

from __future__ import annotations

from pathlib import Path

from ntm_criteria.data import load_criteria_set
from ntm_criteria.data.parse import LAYER_SCHEMA, SCHEMA, Resolver, parse_criteria_set
from ntm_criteria.errors import CriteriaDataError
from ntm_criteria.io.cell_workbook import read_cell_workbook
from ntm_criteria.model.criteria import CriteriaSet


def _default_resolver(seen: tuple[str, ...]) -> Resolver:
    def resolve(name: str, origin: str) -> CriteriaSet:
        if not name.endswith(".toml"):
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
    :func:`ntm_criteria.output.cell_template.write_cell_template`), read as a layer over the set
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
        return read_cell_workbook(path)
    return _read(path, (str(path),))


def set_from_ref(ref: str, base: str | Path | None = None) -> CriteriaSet:
    """A packaged set by id, or a set, layer or cell workbook by its path (``.toml``,
    ``.xlsx``), relative to ``base`` when given: what ``--set`` and case files accept."""
    if ref.endswith((".toml", ".xlsx")):
        return read_criteria_set(Path(base or ".") / ref)
    return load_criteria_set(ref)


__all__ = ["LAYER_SCHEMA", "SCHEMA", "read_criteria_set", "set_from_ref"]
