"""Write the packaged criteria-set files from the legal reference (``reference/upstream``).

The reference files (Markdown with one YAML block in the ``ntm-criteria-reference/1`` schema) are
the single source of the legal data. This script copies every figure with its ``status``,
``basis``, ``source`` and ``note`` unchanged into the package's own schema, validates the result
against the model, and writes one TOML file per packaged set.

It adds only what the package needs and the reference leaves implicit, each listed in this file:
a ``key`` per criterion (from its English name); each set's ``id``, ``level`` and ``tier``; the
day before the successor's entry into force as ``in_force_until``; how each recognition
condition is checked and which assessment fact it reads (``RECOGNITION_CHECKS``); the facts the
2026-2030 commune-group rules read (``ZONE_RULES_2026``); the quantity the 2026-2030 income
growth rate derives from (``GROWTH_OF``); and the English names of the district criteria, taken
from the reference's own text (``DISTRICT_NAMES_EN``).

Run it from the repository root (needs the ``test`` extra: PyYAML and tomli-w)::

    python tools/reference_to_toml.py                       # reference/upstream -> the package
    python tools/reference_to_toml.py REFERENCE_DIR OUT_DIR

The tests run it into a temporary folder and compare every file with the packaged one.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomli_w
import yaml

from ntm_criteria.converter import structure, unstructure
from ntm_criteria.data.parse import LAYER_SCHEMA, SCHEMA, validate_criteria_set
from ntm_criteria.model import CriteriaSet
from ntm_criteria.model.layers import Layer

Data = dict[str, Any]

#: How the engine checks each recognition condition the reference names, keyed by
#: (reference file, condition id). A condition not listed here stops the script.
RECOGNITION_CHECKS: dict[str, Data] = {
    "all_criteria_met": {"check": "all_criteria_met"},
    "all_district_criteria_met": {"check": "all_criteria_met"},
    "registered_in_plan": {"check": "fact", "fact": "registered_in_plan", "equals": True},
    "no_capital_construction_debt": {
        "check": "fact",
        "fact": "outstanding_capital_construction_debt",
        "equals": False,
    },
    "satisfaction_rate": {"check": "fact_at_least", "fact": "satisfaction_rate"},
    "security_order_not_complicated": {
        "check": "fact",
        "fact": "security_order_complicated",
        "equals": False,
    },
    "all_communes_ntm": {"check": "fact", "fact": "all_communes_recognised", "equals": True},
    # 2026-2030: whether the 2021-2025 conditions carry over is not established; the caller
    # may state that they hold (or that none is required) with this fact.
    "other_conditions": {
        "check": "fact",
        "fact": "other_recognition_conditions_met",
        "equals": True,
    },
    # District 2021-2025 (320/QĐ-TTg): shares are percentages of the district's units.
    "D1": {"check": "fact_at_least", "fact": "communes_recognised_percent"},
    "D2": {"check": "fact_at_least", "fact": "communes_advanced_percent"},
    "D3": {"check": "fact_at_least", "fact": "townships_civilised_percent"},
    "D4": {"check": "fact_at_least", "fact": "satisfaction_rate"},
    "D4b": {"check": "fact_at_least", "fact": "lowest_commune_satisfaction_rate"},
    "D5": {"check": "all_criteria_met"},
    # Model communes (319/QĐ-TTg).
    "M1": {"check": "recognised_at", "tier": "advanced", "fact": "recognised_advanced"},
    "M2": {"check": "indicator_factor", "fact": "income_per_capita", "indicator": "10"},
    "M3": {"check": "fact_at_least", "fact": "smart_village_models"},
    "M4": {"check": "fact", "fact": "outstanding_field_met", "equals": True},
}

#: The commune-group rules of 51/2025/QĐ-TTg as tests on assessment facts (the reference states
#: them in words, with their evidence, on each zone).
ZONE_RULES_2026: dict[str, list[Data]] = {
    "NHOM_1": [
        {"fact": "adjacent_to_urban_area_and_oriented_to_urbanise", "equals": True},
        {"fact": "agriculture_share_percent", "less_than": 10},
        {"fact": "oriented_to_become_new_urban_area", "equals": True},
    ],
    "NHOM_3": [{"fact": "ethnic_minority_area", "one_of": ["II", "III"]}],
}

#: Indicators measured as the yearly growth of a quantity of the assessment's series.
GROWTH_OF = {"income_growth_rate": "income_per_capita"}

#: Indicators whose value must name the standard it was measured on, from a rule of the set
#: (the rule's status, basis, source and note are copied). 2026-2030 poverty: the rule
#: ``poverty_standard`` says the 2022-2025 standard stays in force through 2026 and Nghị định
#: 351/2025/NĐ-CP applies from 2027, and that a province may apply a higher local standard;
#: the 2022-2025 standard is Decree 07/2021/NĐ-CP (criteria-2021-2025.md, instruments,
#: verified). The assessment names the standard in the fact ``poverty_standard``.
MEASURED_ON: dict[str, Data] = {
    "multidimensional_poverty_rate": {
        "rule": "poverty_standard",
        "fact": "poverty_standard",
        "periods": [
            {"standard": "07/2021/NĐ-CP", "until_year": 2026},
            {"standard": "351/2025/NĐ-CP", "from_year": 2027, "until_year": 2030},
        ],
        "local": "provincial",
    }
}

#: Rules of a set that every evaluation under it states, with their Vietnamese wording (a
#: translation of the reference's ``rule_en``).
STATED_RULES: dict[str, str] = {
    "recognition_carry_over": (
        "Việc công nhận xã đạt chuẩn theo các bộ tiêu chí 2016-2020 và 2021-2025 không được "
        "chuyển thành kết quả theo bộ tiêu chí 2026-2030: mục tiêu quốc gia năm 2026 là khoảng "
        "15% số xã đạt bộ tiêu chí 2026-2030, so với khoảng 79% đã được công nhận theo các bộ "
        "tiêu chí trước."
    ),
}

#: English names of the district criteria of 558/QĐ-TTg, as criteria-2016-2020.md §5.11 gives
#: them; the 2021-2025 names extend them as that file's district section does.
DISTRICT_NAMES_EN = {
    "Quy hoạch": "Planning",
    "Giao thông": "Transport",
    "Thủy lợi": "Irrigation",
    "Thủy lợi và phòng, chống thiên tai": "Irrigation and disaster prevention",
    "Điện": "Electricity",
    "Y tế - Văn hóa - Giáo dục": "Health, culture and education",
    "Sản xuất": "Production",
    "Kinh tế": "Economy",
    "Môi trường": "Environment",
    "Môi trường - Chất lượng môi trường sống": "Environment and quality of the living environment",
    "An ninh, trật tự xã hội": "Security and social order",
    "An ninh, trật tự - Hành chính công": "Security, order and public administration",
    "Chỉ đạo xây dựng nông thôn mới": "Steering of NTM building",
    "Chỉ đạo xây dựng nông thôn mới - Hệ thống chính trị": "Steering of NTM building; political system",
}

_PROVENANCE = ("status", "basis", "source", "note")


def read_reference(path: Path) -> Data:
    """The YAML block of a reference Markdown file."""
    text = path.read_text(encoding="utf-8")
    match = re.search(r"`{3}yaml\n(.*?)`{3}", text, re.S)
    if match is None:
        raise SystemExit(f"{path}: no YAML block")
    data: Data = yaml.safe_load(match.group(1))
    return data


def _drop_none(d: Data) -> Data:
    return {k: v for k, v in d.items() if v is not None and v != [] and v != {}}


def _fact(d: Data | None, value_key: str = "value") -> Data | None:
    if d is None:
        return None
    return _drop_none({"value": d.get(value_key), **{k: d.get(k) for k in _PROVENANCE}})


def _cell(d: Data) -> Data:
    unknown = set(d) - {"value", "applies", *_PROVENANCE}
    if unknown:
        raise SystemExit(f"cell with unexpected keys {unknown}: {d}")
    return _drop_none(dict(d))


def _measured_on(indicator_id: str, rules: list[Data]) -> Data | None:
    spec = MEASURED_ON.get(indicator_id)
    if spec is None:
        return None
    rule = next((r for r in rules if r["id"] == spec["rule"]), None)
    if rule is None:
        raise SystemExit(f"indicator {indicator_id}: the rule {spec['rule']!r} is not in the set")
    return _drop_none({**spec, **{k: rule.get(k) for k in _PROVENANCE}})


def _rule(r: Data) -> Data:
    stated = STATED_RULES.get(r["id"])
    return _drop_none({**r, "rule_vi": stated, "stated": True if stated else None})


def _indicator(d: Data, rules: list[Data] | None = None) -> Data:
    out: Data = {
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
        "placement": _fact(d.get("placement"), value_key="criterion"),
        "ward_special_zone_mandatory": _fact(d.get("ward_special_zone_mandatory")),
        "growth_of": GROWTH_OF.get(str(d["id"])),
        "measured_on": _measured_on(str(d["id"]), rules or []),
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
        out["parts"] = [_indicator(p, rules) for p in d["parts"]]
    unknown = set(d) - set(out) - {"thresholds", "thresholds_by_year", "parts"}
    if unknown:
        raise SystemExit(f"indicator {d['id']}: keys the package does not encode: {unknown}")
    return _drop_none(out)


def _key(name_en: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name_en.lower()).strip("_")


def _date_in(text: str | None) -> dt.date | None:
    match = re.search(r"(\d{4}-\d{2}-\d{2})", text or "")
    return dt.date.fromisoformat(match.group(1)) if match else None


def _day_before(text: str | None) -> str | None:
    day = _date_in(text)
    return (day - dt.timedelta(days=1)).isoformat() if day else None


def _condition(cond: Data, **extra: Any) -> Data:
    if cond["id"] not in RECOGNITION_CHECKS:
        raise SystemExit(f"recognition condition {cond['id']!r} has no check: add it")
    check = dict(RECOGNITION_CHECKS[cond["id"]])
    if check["check"] == "fact_at_least":
        # The level: the condition's own threshold cell, or its value with its evidence.
        cell = cond.get("threshold") or {
            "value": cond.get("value"),
            **{k: cond.get(k) for k in _PROVENANCE},
        }
        check["threshold"] = _cell({k: v for k, v in cell.items() if k in ("value", *_PROVENANCE)})
    if check["check"] == "indicator_factor":
        check["factor"] = cond["factor"]
    return _drop_none(
        {
            "id": cond["id"],
            "rule_en": cond.get("rule_en") or cond.get("value"),
            **check,
            **{k: cond.get(k) for k in _PROVENANCE},
            **extra,
        }
    )


def _criterion(c: Data, rules: list[Data] | None = None) -> Data:
    return _drop_none(
        {
            "id": c["id"],
            "key": _key(c["name_en"]),
            "name_vi": c["name_vi"],
            "name_en": c["name_en"],
            "group": c.get("group"),
            "definition": _fact(c.get("definition")),
            "indicator_count": _fact(c["indicator_count"]),
            "notes": c.get("notes"),
            "indicators": [_indicator(i, rules) for i in c["indicators"]],
        }
    )


def _group_number(zone: Data) -> int | None:
    """The number of a commune-group zone ("Xã nhóm 2" is group 2), from its name as written."""
    if zone["kind"] != "commune_group":
        return None
    match = re.search(r"(\d+)\s*$", zone["name_vi"])
    if match is None:
        raise SystemExit(f"commune-group zone {zone['code']!r} has no number in its name")
    return int(match.group(1))


def _zone_rules(zones: list[Data]) -> list[Data]:
    rules = []
    for z in zones:
        if z["kind"] != "commune_group":
            continue
        rule = z["rule"]
        provenance = {k: rule.get(k) for k in _PROVENANCE}
        tests = ZONE_RULES_2026.get(z["code"])
        rules.append(
            _drop_none(
                {
                    "zone": z["code"],
                    "any_of": [
                        {**t, "status": rule["status"], "rule_en": str(rule["value"])}
                        for t in tests or []
                    ],
                    "otherwise": None if tests else True,
                    **provenance,
                }
            )
        )
    return rules


def _base(ref: Data, set_id: str, level: str, tier: str) -> Data:
    s = ref["set"]
    return {
        "schema": SCHEMA,
        "id": set_id,
        "level": level,
        "tier": tier,
        "name_vi": s["name_vi"],
        "name_en": s["name_en"],
        "instrument": s["instrument"],
        "issued": s["issued"],
        "in_force_from": s["in_force_from"],
        "in_force_until": _day_before(s.get("superseded_by")),
        "superseded_by": s.get("superseded_by"),
        "replaces": s.get("replaces"),
        "zone_dimension": s["zone_dimension"],
        "criteria_count": _fact(s["criteria_count"]),
        "group_count": _fact(s["group_count"]),
        "indicator_count": _fact(s["indicator_count"]),
        "source": s.get("source"),
        "zones": [
            _drop_none({**z, "rule": _fact(z.get("rule")), "group": _group_number(z)})
            for z in ref["zones"]
        ],
        "zone_overrides": [_drop_none(o) for o in ref.get("zone_overrides") or []],
        "scales": {k: _drop_none(v) for k, v in (ref.get("scales") or {}).items()},
    }


def commune_set(ref: Data, set_id: str) -> Data:
    """A national commune set (standard tier) from a reference block."""
    recognition = ref["recognition"]["commune"]
    rules = ref.get("rules") or []
    return _drop_none(
        {
            **_base(ref, set_id, "commune", "standard"),
            "zone_rules": _zone_rules(ref["zones"]),
            "groups": [_drop_none(g) for g in ref["groups"]],
            "criteria": [_criterion(c, rules) for c in ref["criteria"]],
            "unplaced_indicators": [
                _indicator(i, rules) for i in ref.get("unplaced_indicators") or []
            ],
            "recognition": _drop_none(
                {
                    "instrument": recognition["instrument"],
                    "conditions": [_condition(c) for c in recognition["conditions"]],
                    "decided_by": _fact(recognition.get("decided_by")),
                    "note": recognition.get("note"),
                }
            ),
            "rules": [_rule(r) for r in rules],
            "open_questions": ref.get("open_questions"),
        }
    )


def advanced_set(ref: Data, set_id: str) -> Data:
    """The advanced tier of 2021-2025 (318/QĐ-TTg Phụ lục II) from the reference's tier block."""
    tier = next(t for t in ref["tiers"] if t["key"] == "advanced")
    base = _base(ref, set_id, "commune", "advanced")
    recognition = ref["recognition"]["commune"]
    conditions = []
    for cond in recognition["conditions"]:
        if cond["id"] == "satisfaction_rate":
            cond = {**cond, "threshold": tier["satisfaction_rate"]}
        conditions.append(_condition(cond))
    prerequisite = tier["prerequisite"]
    conditions.insert(
        0,
        _drop_none(
            {
                "id": "recognised_standard",
                "rule_en": prerequisite["value"],
                "check": "recognised_at",
                "tier": "standard",
                "fact": "recognised_standard",
                **{k: prerequisite.get(k) for k in _PROVENANCE},
            }
        ),
    )
    return _drop_none(
        {
            **base,
            "name_vi": tier["name_vi"],
            "name_en": tier["name_en"],
            "instrument": tier["instrument"],
            "criteria_count": _fact(tier["criteria_count"]),
            "indicator_count": _fact(tier["indicator_count"]),
            "group_count": None,
            "note": "Criterion names: " + (tier["criteria_names_status"].get("note") or ""),
            "zone_overrides": [
                o for o in base["zone_overrides"] if o["id"] == tier["zone_override"]
            ],
            "groups": [],
            "criteria": [_criterion(c) for c in tier["criteria"]],
            "recognition": _drop_none(
                {
                    "instrument": recognition["instrument"],
                    "conditions": conditions,
                    "decided_by": _fact(recognition.get("decided_by")),
                }
            ),
            "rules": [
                _drop_none(
                    {
                        "id": f"reported_value_{i + 1}",
                        "rule_en": r["value"],
                        **{k: r.get(k) for k in _PROVENANCE},
                    }
                )
                for i, r in enumerate(tier.get("reported_values") or [])
            ],
        }
    )


def model_layer(ref: Data, set_id: str) -> Data:
    """The model tier of 2021-2025 (319/QĐ-TTg): a layer over the advanced set."""
    tier = next(t for t in ref["tiers"] if t["key"] == "model")
    instrument = next(i for i in ref["instruments"] if i["number"] == "319/QĐ-TTg")
    return _drop_none(
        {
            "schema": LAYER_SCHEMA,
            "id": set_id,
            "extends": "commune-advanced-2021-2025",
            "tier": "model",
            "name_vi": tier["name_vi"],
            "name_en": tier["name_en"],
            "instrument": tier["instrument"],
            "issued": instrument["date"],
            "in_force_from": instrument["date"],
            "source": instrument.get("source"),
            "note": (
                "The four conditions of 319/QĐ-TTg: M1 (meet the advanced set) is the advanced "
                "set's own criteria plus recognition at the advanced tier; M2-M4 are recognition "
                "conditions. Criteria count of 319: "
                f"{tier['criteria_count']['value']} ({tier['criteria_count']['status']})."
            ),
            "drop_conditions": [
                _drop_none(
                    {
                        "id": "recognised_standard",
                        "status": "provisional",
                        "basis": "inference",
                        "source": instrument.get("source"),
                        "note": (
                            "319/QĐ-TTg asks a model commune to be recognised at the advanced "
                            "tier (M1), and advanced recognition already requires standard "
                            "recognition, so the advanced set's own standard-recognition "
                            "condition is not asked twice."
                        ),
                    }
                )
            ],
            "conditions": [_condition(c) for c in tier["conditions"]],
        }
    )


def district_set(ref: Data, set_id: str, in_force_until: str | None) -> Data:
    """A district set from the reference's ``higher_levels`` block: criteria by name only."""
    d = next(h for h in ref["higher_levels"] if h["level"] == "district")
    names = d["criteria"]
    if isinstance(names, dict):  # 2016-2020: one fact holding the list of names
        names = [{**names, "value": f"{i + 1} {n}"} for i, n in enumerate(names["value"])]
    count = d.get("criteria_count") or {
        "value": len(names),
        **{k: names[0].get(k) for k in _PROVENANCE},
    }
    named = [f for f in names if f["value"] is not None]
    unnamed = [f for f in names if f["value"] is None]
    criteria = []
    for fact in named:
        number, name_vi = fact["value"].split(" ", 1)
        criteria.append(
            {
                "id": int(number),
                "key": _key(DISTRICT_NAMES_EN[name_vi]),
                "name_vi": name_vi,
                "name_en": DISTRICT_NAMES_EN[name_vi],
                "group": None,
                "definition": _fact({**fact, "value": None}),
                "indicator_count": {
                    "status": "unspecified",
                    "note": "The district criteria's indicators are not established in the reference.",
                },
                "indicators": [],
            }
        )
    # Criteria the count includes but whose names are not established: kept, so that a
    # district can never be found to meet "all" criteria on a partial list.
    for number in range(len(criteria) + 1, int(count["value"]) + 1):
        criteria.append(
            {
                "id": number,
                "key": f"criterion_{number}",
                "name_vi": f"Tiêu chí {number} (tên chưa xác định)",
                "name_en": f"Criterion {number} (name not established)",
                "definition": _fact({**unnamed[0], "value": None}) if unnamed else None,
                "indicator_count": {"status": "unspecified"},
            }
        )
    instrument_no = d["instrument"].split(" ")[0]
    instrument = next(i for i in ref["instruments"] if i["number"] == instrument_no)
    conditions = [_condition(c) for c in d["conditions"]]
    base = _base(ref, set_id, "district", "standard")
    return _drop_none(
        {
            **base,
            "name_vi": d["name_vi"],
            "name_en": d["name_en"],
            "instrument": d["instrument"],
            "issued": instrument["date"],
            "in_force_from": instrument.get("in_force_from") or instrument["date"],
            "in_force_until": in_force_until,
            "superseded_by": None,
            "replaces": None,
            "criteria_count": _fact(count),
            "group_count": None,
            "indicator_count": {"status": "unspecified"},
            "source": instrument.get("source"),
            "note": (
                f"In force from the date of {instrument_no} (the reference gives no separate date"
                " of entry into force). The district criteria are known by name only, so a"
                " district criterion is decided by declaration."
            ),
            "zone_overrides": [],
            "groups": [],
            "criteria": criteria,
            "recognition": _drop_none(
                {
                    "instrument": d["instrument"],
                    "conditions": conditions,
                    "decided_by": _fact(d.get("decided_by")),
                }
            ),
            "rules": [
                _drop_none(
                    {
                        "id": f"detail_{i + 1}",
                        "rule_en": r["value"],
                        **{k: r.get(k) for k in _PROVENANCE},
                    }
                )
                for i, r in enumerate(
                    [*d.get("details", []), *([d["lapsed"]] if "lapsed" in d else [])]
                )
            ],
        }
    )


def _lapse_2021(ref: Data) -> str | None:
    d = next(h for h in ref["higher_levels"] if h["level"] == "district")
    lapse = next(i for i in ref["instruments"] if i["number"] == "Two-tier local government")
    assert "lapsed" in d
    return _day_before(lapse["in_force_from"])


#: Every packaged set: id -> (reference file, builder).
PACKAGED: dict[str, tuple[str, Callable[[Data, str], Data]]] = {
    "commune-2016-2020": ("criteria-2016-2020.md", commune_set),
    "commune-2021-2025": ("criteria-2021-2025.md", commune_set),
    "commune-advanced-2021-2025": ("criteria-2021-2025.md", advanced_set),
    "commune-model-2021-2025": ("criteria-2021-2025.md", model_layer),
    "commune-2026-2030": ("criteria-2026-2030.md", commune_set),
    "district-2016-2020": (
        "criteria-2016-2020.md",
        lambda ref, i: district_set(ref, i, _day_before("2022-03-08")),
    ),
    "district-2021-2025": (
        "criteria-2021-2025.md",
        lambda ref, i: district_set(ref, i, _lapse_2021(ref)),
    ),
}


#: Short and earlier names of criteria (not legal figures; see the file's comment).
ALIASES_FILE = Path(__file__).resolve().parent.parent / "reference" / "aliases.toml"


def _add_aliases(data: Data, aliases: Data) -> None:
    """Give each criterion of ``data`` its aliases (``{criterion id: {vi: [...], en: [...]}}``)."""
    criteria = {str(c["id"]): c for c in data.get("criteria", [])}
    unknown = sorted(set(aliases) - set(criteria))
    if unknown:
        raise SystemExit(f"{ALIASES_FILE}: {data['id']} has no criteria {', '.join(unknown)}")
    for number, names in aliases.items():
        criteria[number]["aliases_vi"] = names.get("vi", [])
        criteria[number]["aliases_en"] = names.get("en", [])


def generate(reference_dir: Path, out_dir: Path) -> list[Path]:
    """Write every packaged set into ``out_dir``; validate each against the model first."""
    aliases = tomllib.loads(ALIASES_FILE.read_text(encoding="utf-8"))
    refs: dict[str, Data] = {}
    written = []
    built: dict[str, CriteriaSet] = {}
    for set_id, (name, build) in PACKAGED.items():
        ref = refs.setdefault(name, read_reference(reference_dir / name))
        data = build(ref, set_id)
        _add_aliases(data, aliases.get(set_id, {}))
        origin = str(out_dir / f"{set_id}.toml")
        if data["schema"] == LAYER_SCHEMA:
            from ntm_criteria.model.layers import apply_layer

            layer = structure(data, Layer)
            checked = apply_layer(
                built[layer.extends],
                layer.cells,
                layer.id,
                origin=origin,
                conditions=layer.conditions,
                drop_conditions=layer.drop_conditions,
                **layer.metadata(),
            )
            plain = unstructure(layer)
        else:
            checked = structure(data, CriteriaSet)
            plain = unstructure(checked)
        validate_criteria_set(checked, origin=origin)
        built[set_id] = checked
        header = (
            f"# {checked.name_en} ({checked.instrument}).\n"
            f"# Generated by tools/reference_to_toml.py from {name}; do not edit by hand:\n"
            "# change the reference and generate again. Every figure keeps its status, basis,\n"
            "# source and note; a cell without a value is unspecified.\n"
        )
        path = out_dir / f"{set_id}.toml"
        path.write_text(header + tomli_w.dumps(plain), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    """Entry point: ``[reference_dir out_dir]`` (default: the repository's copy, the package)."""
    root = Path(__file__).resolve().parent.parent
    if len(argv) == 0:
        argv = [str(root / "reference" / "upstream"), str(root / "src" / "ntm_criteria" / "data")]
    if len(argv) != 2:
        print(__doc__)
        return 2
    for path in generate(Path(argv[0]), Path(argv[1])):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
