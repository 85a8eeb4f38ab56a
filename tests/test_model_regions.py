"""Regions and text folding (model/regions.py, _text.py)."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ntm_criteria as ntm
from ntm_criteria._text import fold, fold_many
from ntm_criteria.model.commune import identities_of, identity_of

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


def folded_by_the_rule(text: str) -> str:
    """The folding rule as the module's notes state it, written out character by character."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^0-9a-z.]+", " ", bare).strip()


#: Vietnamese letters with every mark, other scripts, spaces, punctuation and NULs
texts = st.text(st.characters(codec="utf-8") | st.sampled_from("ĐđỆệƯưỜờ \t.-\x00"))


@given(st.lists(texts, max_size=8))
def test_folding_a_column_folds_each_text_by_the_rule(column: list[str]) -> None:
    expected = [folded_by_the_rule(t) for t in column]
    assert [fold(t) for t in column] == expected
    assert fold_many(column) == expected


@given(st.lists(st.tuples(texts, st.none() | texts, st.none() | texts), max_size=6))
def test_identities_of_a_column_are_each_communes_identity(rows: list[tuple[str, ...]]) -> None:
    names, codes, districts = ([r[k] for r in rows] for k in range(3))
    assert identities_of(names, codes, districts) == [identity_of(*r) for r in rows]  # type: ignore[arg-type]


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
