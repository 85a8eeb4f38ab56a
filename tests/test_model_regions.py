"""Regions and text folding (model/regions.py, _text.py)."""

from __future__ import annotations

import pytest

import ntm_criteria as ntm
from ntm_criteria._text import fold

REGIONS = [
    ("TDMNPB", "Trung du miền núi phía Bắc", "Northern Midlands and Mountains"),
    ("DBSH", "Đồng bằng sông Hồng", "Red River Delta"),
    ("BTB", "Bắc Trung Bộ", "North Central Coast"),
    ("DHNTB", "Duyên hải Nam Trung Bộ", "South Central Coast"),
    ("TN", "Tây Nguyên", "Central Highlands"),
    ("DNB", "Đông Nam Bộ", "Southeast"),
    ("DBSCL", "Đồng bằng sông Cửu Long", "Mekong Delta"),
]


def test_fold_removes_marks_and_maps_d_with_stroke() -> None:
    assert fold("Đồng bằng sông Cửu Long") == fold("dong bang song cuu long")
    assert fold("ĐỊNH HÓA") == "dinh hoa"
    assert fold("Y tế") == fold("y te") == "y te"


@pytest.mark.parametrize(("code", "vi", "en"), REGIONS)
def test_every_region_is_found_by_every_name(code: str, vi: str, en: str) -> None:
    region = ntm.Region(code)
    assert (region.name_vi, region.name_en) == (vi, en)
    for text in (code, code.lower(), vi, vi.upper(), fold(vi), en, en.lower()):
        assert ntm.Region.lookup(text) is region


def test_unknown_region_suggests_the_nearest() -> None:
    with pytest.raises(ntm.NotFoundError, match="Mekong Delta"):
        ntm.Region.lookup("Mekong Delt")


def test_commune_accepts_region_names() -> None:
    assert ntm.Commune("X", region="tay nguyen").region is ntm.Region.TN
    with pytest.raises(ntm.NotFoundError):
        ntm.Commune("X", region="Atlantis")
