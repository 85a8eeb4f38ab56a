"""The packaged 2016-2020 set against the legal reference, cell by cell."""

from __future__ import annotations

import collections
import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

import ntm_criteria as ntm
from ntm_criteria.engine.compile import resolve_set
from tests.conftest import REFERENCE_DIR, ROOT, reference_cells


def _pkg_cells(s: ntm.CriteriaSet) -> dict[tuple[str, str, int | None], ntm.Threshold]:
    out = {}
    for _, ind in s.indicators():
        for leaf in ind.parts or (ind,):
            for zone, year, cell in leaf.cells():
                out[(leaf.id, zone, year)] = cell
    return out


def test_structure_matches_the_reference(
    set_2016: ntm.CriteriaSet, ref_2016: dict[str, Any]
) -> None:
    assert len(set_2016.groups) == ref_2016["set"]["group_count"]["value"] == 5
    assert len(set_2016.criteria) == ref_2016["set"]["criteria_count"]["value"] == 19
    assert len(list(set_2016.indicators())) == ref_2016["set"]["indicator_count"]["value"] == 49
    for ours, theirs in zip(set_2016.criteria, ref_2016["criteria"], strict=True):
        assert (ours.id, ours.name_vi, ours.name_en, ours.group) == (
            theirs["id"],
            theirs["name_vi"],
            theirs["name_en"],
            theirs["group"],
        )
        ref_ids = [str(i["id"]) for i in theirs["indicators"]]
        assert [i.id for i in ours.indicators] == ref_ids
        assert ours.indicator_count.value == theirs["indicator_count"]["value"]
        for ind, ref_ind in zip(ours.indicators, theirs["indicators"], strict=True):
            assert (ind.kind.value, ind.name_vi, ind.name_en) == (
                ref_ind["kind"],
                ref_ind["name_vi"],
                ref_ind["name_en"],
            )
            assert ind.definition.status.value == ref_ind["definition"]["status"]


def test_every_cell_is_the_reference_cell(
    set_2016: ntm.CriteriaSet, ref_2016: dict[str, Any]
) -> None:
    ref = reference_cells([i for c in ref_2016["criteria"] for i in c["indicators"]])
    pkg = _pkg_cells(set_2016)
    assert set(ref) == set(pkg)
    for key, cell in ref.items():
        ours = pkg[key]
        assert ours.value == cell["value"], key
        assert type(ours.value) is type(cell["value"]), key  # 33 stays 33, 21.8 stays 21.8
        assert ours.status.value == cell["status"], key
        assert (ours.basis.value if ours.basis else None) == cell.get("basis"), key
        assert list(ours.source) == cell["source"], key
        assert ours.note == cell.get("note"), key
        assert ours.applies == cell.get("applies", True), key


def test_status_counts_are_those_the_reference_states(set_2016: ntm.CriteriaSet) -> None:
    # The reference README's table for criteria-2016-2020.md: 432 cells, 47 V, 253 P, 132 U.
    counts = collections.Counter(c.status.value for c in _pkg_cells(set_2016).values())
    assert sum(counts.values()) == 432
    assert counts == {"verified": 47, "provisional": 253, "unspecified": 132}


def test_recognition_conditions_are_those_of_2540(
    set_2016: ntm.CriteriaSet, ref_2016: dict[str, Any]
) -> None:
    ref_conditions = ref_2016["recognition"]["commune"]["conditions"]
    ours = set_2016.recognition.conditions
    assert [c.id for c in ours] == [c["id"] for c in ref_conditions]
    assert [c.status.value for c in ours] == [c["status"] for c in ref_conditions]
    assert set_2016.recognition.instrument.startswith("2540/QĐ-TTg")


def test_special_zone_override_is_kept_unspecified(set_2016: ntm.CriteriaSet) -> None:
    (rule,) = set_2016.zone_overrides
    assert rule.status is ntm.EvidenceStatus.UNSPECIFIED
    assert rule.use_zone == "TDMNPB"


@pytest.mark.parametrize("region", list(ntm.Region))
@pytest.mark.parametrize("year", range(2016, 2021))
def test_every_indicator_resolves_for_every_region_and_year(
    set_2016: ntm.CriteriaSet, ref_2016: dict[str, Any], region: ntm.Region, year: int
) -> None:
    plan = resolve_set(set_2016, region.code, year)
    leaves = [p for rc in plan.criteria for ri in rc.indicators for p in (ri.parts or (ri,))]
    # the reference's own layout, read without the package: 49 indicators of 1980/QĐ-TTg,
    # the compound 17.1 (hygienic water, of which clean water) counted by its two parts
    listed = [
        part
        for c in ref_2016["criteria"]
        for ind in c["indicators"]
        for part in (ind.get("parts") or [ind])
    ]
    assert len(listed) == 50
    assert sorted(ri.indicator.id for ri in leaves) == sorted(str(p["id"]) for p in listed)
    for ri in leaves:
        cell = ri.threshold
        assert cell is not None
        if cell.status is ntm.EvidenceStatus.UNSPECIFIED:
            assert cell.value is None
        else:
            assert cell.value is not None
            assert cell.source, f"{ri.indicator.id} {region} {year} has a value but no source"


def test_income_2020_levels_by_region(set_2016: ntm.CriteriaSet) -> None:
    # 1980/QĐ-TTg, criterion 10, 2020 column (reference §5.5): general 45; TDMNPB 36, DBSH 50,
    # BTB 36, DHNTB 41, TN 41, DNB 59, DBSCL 50 million VND per person per year.
    expected = {
        "chung": 45,
        "TDMNPB": 36,
        "DBSH": 50,
        "BTB": 36,
        "DHNTB": 41,
        "TN": 41,
        "DNB": 59,
        "DBSCL": 50,
    }
    row = set_2016.indicator("10").thresholds_by_year[2020]
    assert {z: c.value for z, c in row.items()} == expected
    assert all(c.status is ntm.EvidenceStatus.VERIFIED for c in row.values())


@pytest.mark.parametrize(
    ("ref", "number"),
    [
        (15, 15),
        ("15", 15),
        ("health", 15),
        ("Y tế", 15),
        ("y te", 15),
        ("Y TE", 15),
        ("Thu nhập", 10),
        ("thu nhap", 10),
        ("Income", 10),
        ("poor_households", 11),
        ("Môi trường và an toàn thực phẩm", 17),
        ("moi truong va an toan thuc pham", 17),
    ],
)
def test_criterion_lookup(set_2016: ntm.CriteriaSet, ref: int | str, number: int) -> None:
    assert set_2016.criterion(ref).id == number


def test_lookup_failures_suggest(set_2016: ntm.CriteriaSet) -> None:
    with pytest.raises(ntm.NotFoundError, match="Health"):
        set_2016.criterion("Healht")
    with pytest.raises(ntm.NotFoundError, match=r"17\.8"):
        set_2016.indicator("17.9")
    with pytest.raises(ntm.NotFoundError, match="commune-2016-2020"):
        ntm.load_criteria_set("commune-2016-2021")


def test_loading_is_cached_and_immutable(set_2016: ntm.CriteriaSet) -> None:
    assert ntm.load_criteria_set("commune-2016-2020") is set_2016
    with pytest.raises(AttributeError):
        set_2016.id = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        set_2016.indicator("10").thresholds_by_year[2020] = {}  # type: ignore[index]


def _tool(name: str) -> Any:
    """A script of tools/ loaded as a module."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_generator_reproduces_every_packaged_file(tmp_path: Path) -> None:
    """Each TOML in the package is exactly what the generator makes from the reference."""
    module = _tool("reference_to_toml")
    written = module.generate(REFERENCE_DIR, tmp_path)
    packaged = ROOT / "src" / "ntm_criteria" / "data"
    assert sorted(p.name for p in written) == sorted(p.name for p in packaged.glob("*.toml"))
    for path in written:
        assert path.read_text(encoding="utf-8") == (packaged / path.name).read_text(
            encoding="utf-8"
        ), path.name


def test_set_in_force_by_date() -> None:
    import datetime as dt

    assert ntm.set_in_force(dt.date(2016, 12, 1)).id == "commune-2016-2020"
    assert ntm.set_in_force(dt.date(2022, 3, 7)).id == "commune-2016-2020"
    with pytest.raises(ntm.PeriodError, match="2016-11-30"):
        ntm.set_in_force(dt.date(2016, 11, 30))


def test_reference_check_notices_an_upstream_change(tmp_path: Path) -> None:
    """tools/check_reference.py finds every file changed, added or removed upstream."""
    module = _tool("check_reference")
    upstream = tmp_path / "upstream"
    upstream.mkdir()
    for path in REFERENCE_DIR.iterdir():
        (upstream / path.name).write_bytes(path.read_bytes())
    assert module.differences(REFERENCE_DIR, upstream) == []
    changed = upstream / "criteria-2016-2020.md"
    changed.write_bytes(changed.read_bytes() + b"\n")
    (upstream / "criteria-2031-2035.md").write_text("new", encoding="utf-8")
    (upstream / "real-data-dinh-hoa.md").unlink()
    assert module.differences(REFERENCE_DIR, upstream) == [
        "criteria-2031-2035.md: new upstream, not copied",
        "real-data-dinh-hoa.md: removed upstream",
        "criteria-2016-2020.md: changed upstream",
    ]
    assert module.main([str(upstream)]) == 1
    assert module.main([str(tmp_path / "absent")]) == 0
