"""Sphinx configuration for the ntm_criteria documentation."""

from __future__ import annotations

import ntm_criteria

project = "ntm_criteria"
author = "ntm_criteria developers"
release = ntm_criteria.__version__
extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build"]
html_theme = "furo"
html_title = "ntm_criteria"
myst_heading_anchors = 3
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_class_signature = "separated"
napoleon_google_docstring = True
nitpicky = False
intersphinx_mapping: dict[str, tuple[str, None]] = {}
suppress_warnings = ["myst.xref_missing"]


def _write_coverage(app: object) -> None:
    """Generate docs/reference/criteria-sets.md: the coverage tables of every packaged set."""
    from pathlib import Path

    parts = [
        "# Packaged criteria sets and their coverage",
        "",
        "Generated from the packaged data when these pages are built: each set's threshold cells",
        "counted by criterion and evidence status. Unspecified cells are what a user has to supply",
        "(a provincial layer, an override or a criterion-level declaration) before the engine can",
        "decide the indicators they belong to.",
        "",
    ]
    for set_id in ntm_criteria.criteria_sets():
        s = ntm_criteria.load_criteria_set(set_id)
        parts.append(
            f"## `{set_id}`\n\n{s.name_en} ({s.instrument}), in force from "
            f"{s.in_force_from} to {s.in_force_until or 'now'}. All zones:\n\n"
            f"{ntm_criteria.coverage(s).to_markdown()}\n"
        )
        for zone in s.zone_codes:
            t = ntm_criteria.coverage(s, zone).total
            parts.append(
                f"- zone `{zone}`: {t.cells} cells, {t.verified} verified, "
                f"{t.provisional} provisional, {t.unspecified} unspecified"
            )
        parts.append("")
    text = "\n".join(parts) + "\n"
    target = Path(__file__).parent / "reference" / "criteria-sets.md"
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


def setup(app: object) -> None:
    app.connect("builder-inited", _write_coverage)  # type: ignore[attr-defined]
