"""Write a packaged criteria-set TOML file from a reference file of ``shared/reference``.

The reference files (Markdown with one YAML block in the ``ntm-criteria-reference/1`` schema) are
the single source of the legal data. This script copies every figure with its ``status``,
``basis``, ``source`` and ``note`` unchanged into the package's own schema, validates the result
against the model, and writes it. It adds only what the package needs and the reference leaves
implicit, each listed here: a ``key`` per criterion (from its English name), the set's ``id``,
``level`` and ``tier``, the day before the successor set's entry into force as
``in_force_until``, and how each recognition condition is checked (``RECOGNITION_CHECKS``).

Run it from the repository root (needs the ``dev`` extra: PyYAML and tomli-w)::

    python tools/reference_to_toml.py ../shared/reference/criteria-2016-2020.md \
        commune-2016-2020 src/ntm_criteria/data/commune-2016-2020.toml

The tests compare the packaged file with the reference cell by cell whenever the reference
folder is present beside the repository.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

import tomli_w
import yaml

from ntm_criteria.io.converter import structure, unstructure
from ntm_criteria.io.criteria_files import SCHEMA, validate_criteria_set
from ntm_criteria.model import CriteriaSet

#: How the engine checks each recognition condition the reference names. A condition that is
#: not listed here cannot be encoded, and the script stops.
RECOGNITION_CHECKS: dict[str, dict[str, Any]] = {
    "all_criteria_met": {"check": "all_criteria_met"},
    "registered_in_plan": {"check": "fact", "fact": "registered_in_plan", "equals": True},
    "no_capital_construction_debt": {
        "check": "fact",
        "fact": "outstanding_capital_construction_debt",
        "equals": False,
    },
}

_PROVENANCE = ("status", "basis", "source", "note")


def read_reference(path: Path) -> dict[str, Any]:
    """The YAML block of a reference Markdown file."""
    text = path.read_text(encoding="utf-8")
    match = re.search(r"`{3}yaml\n(.*?)`{3}", text, re.S)
    if match is None:
        raise SystemExit(f"{path}: no YAML block")
    data: dict[str, Any] = yaml.safe_load(match.group(1))
    return data


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None and v != []}


def _fact(d: dict[str, Any] | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return _drop_none({k: d.get(k) for k in ("value", *_PROVENANCE)})


def _cell(d: dict[str, Any]) -> dict[str, Any]:
    unknown = set(d) - {"value", "applies", *_PROVENANCE}
    if unknown:
        raise SystemExit(f"cell with unexpected keys {unknown}: {d}")
    return _drop_none(dict(d))


def _indicator(d: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": str(d["id"]),
        "name_vi": d["name_vi"],
        "name_en": d["name_en"],
        "kind": d["kind"],
        "unit": d.get("unit"),
        "scale": d.get("scale"),
        "definition": _fact(d["definition"]),
        "applies_when": d.get("applies_when"),
        "per_sex": _fact(d.get("per_sex")),
        "measurement": _fact(d.get("measurement")),
        "notes": d.get("notes"),
    }
    if "thresholds" in d:
        out["thresholds"] = {z: _cell(c) for z, c in d["thresholds"].items()}
    if "thresholds_by_year" in d:
        out["thresholds_by_year"] = {
            str(y): {z: _cell(c) for z, c in row.items()}
            for y, row in d["thresholds_by_year"].items()
        }
    if "parts" in d:
        out["parts"] = [_indicator(p) for p in d["parts"]]
    unknown = set(d) - set(out) - {"thresholds", "thresholds_by_year", "parts"}
    if unknown:
        raise SystemExit(f"indicator {d['id']}: keys the package does not encode: {unknown}")
    return _drop_none(out)


def _key(name_en: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name_en.lower()).strip("_")


def _date_in(text: str | None) -> dt.date | None:
    match = re.search(r"(\d{4}-\d{2}-\d{2})", text or "")
    return dt.date.fromisoformat(match.group(1)) if match else None


def convert(ref: dict[str, Any], set_id: str, level: str, tier: str) -> dict[str, Any]:
    """The package's plain-data form of a reference block."""
    s = ref["set"]
    successor = _date_in(s.get("superseded_by"))
    recognition = ref["recognition"][level]
    conditions = []
    for cond in recognition["conditions"]:
        if cond["id"] not in RECOGNITION_CHECKS:
            raise SystemExit(f"recognition condition {cond['id']!r} has no check: add it")
        conditions.append(
            _drop_none(
                {
                    "id": cond["id"],
                    "rule_en": cond["rule_en"],
                    **RECOGNITION_CHECKS[cond["id"]],
                    **{k: cond.get(k) for k in _PROVENANCE},
                }
            )
        )
    criteria = []
    for c in ref["criteria"]:
        criteria.append(
            _drop_none(
                {
                    "id": c["id"],
                    "key": _key(c["name_en"]),
                    "name_vi": c["name_vi"],
                    "name_en": c["name_en"],
                    "group": c["group"],
                    "definition": _fact(c.get("definition")),
                    "indicator_count": _fact(c["indicator_count"]),
                    "notes": c.get("notes"),
                    "indicators": [_indicator(i) for i in c["indicators"]],
                }
            )
        )
    data = {
        "schema": SCHEMA,
        "id": set_id,
        "level": level,
        "tier": tier,
        "name_vi": s["name_vi"],
        "name_en": s["name_en"],
        "instrument": s["instrument"],
        "issued": s["issued"],
        "in_force_from": s["in_force_from"],
        "in_force_until": (successor - dt.timedelta(days=1)).isoformat() if successor else None,
        "superseded_by": s.get("superseded_by"),
        "replaces": s.get("replaces"),
        "zone_dimension": s["zone_dimension"],
        "criteria_count": _fact(s["criteria_count"]),
        "group_count": _fact(s["group_count"]),
        "indicator_count": _fact(s["indicator_count"]),
        "source": s.get("source"),
        "zones": [_drop_none(z) for z in ref["zones"]],
        "zone_overrides": [_drop_none(o) for o in ref.get("zone_overrides") or []],
        "scales": {k: _drop_none(v) for k, v in (ref.get("scales") or {}).items()},
        "groups": [_drop_none(g) for g in ref["groups"]],
        "criteria": criteria,
        "recognition": _drop_none(
            {
                "instrument": recognition["instrument"],
                "conditions": conditions,
                "decided_by": _fact(recognition.get("decided_by")),
                "note": recognition.get("note"),
            }
        ),
        "rules": [_drop_none(r) for r in ref.get("rules") or []],
        "open_questions": ref.get("open_questions"),
    }
    return _drop_none(data)


def main(argv: list[str]) -> int:
    """Entry point: ``reference.md set-id out.toml [level] [tier]``."""
    if len(argv) not in (3, 5):
        print(__doc__)
        return 2
    reference, set_id, out = Path(argv[0]), argv[1], Path(argv[2])
    level, tier = (argv[3], argv[4]) if len(argv) == 5 else ("commune", "standard")
    data = convert(read_reference(reference), set_id, level, tier)
    criteria_set = structure(data, CriteriaSet)
    validate_criteria_set(criteria_set, origin=str(out))
    header = (
        f"# {criteria_set.name_en} ({criteria_set.instrument}).\n"
        f"# Generated by tools/reference_to_toml.py from {reference.name}; do not edit by hand:\n"
        "# change the reference and generate again. Every cell keeps its status, basis, source\n"
        "# and note; a cell without a value is unspecified.\n"
    )
    out.write_text(header + tomli_w.dumps(unstructure(criteria_set)), encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
