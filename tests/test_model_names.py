"""Criteria by the names people write (model/names.py)."""

from __future__ import annotations

import pytest

import ntm_criteria as ntm
from ntm_criteria.data.parse import validate_criteria_set

S16 = ntm.load_criteria_set("commune-2016-2020")
S21 = ntm.load_criteria_set("commune-2021-2025")


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("tiêu chí số 10", 10),
        ("Tiêu chí số 10", 10),
        ("TC 15", 15),
        ("TC15", 15),
        ("tc.15", 15),
        ("Tiêu chí 11 - Hộ nghèo", 11),
        ("tiêu chí thứ 3", 3),
        ("criterion 9", 9),
        ("9", 9),
        ("hộ nghèo đa chiều", 11),  # an alias of 1980/QĐ-TTg's "Hộ nghèo"
        ("môi trường", 17),  # the first words of "Môi trường và an toàn thực phẩm"
        ("quốc phòng", 19),
        ("lao động", 12),  # alias (and first words of "Lao động có việc làm")
        ("văn hóa", 16),  # the exact name wins over 6 "Cơ sở vật chất văn hóa"
        ("Cơ sở vật chất văn hóa", 6),
        ("Nhà ở dân cư", 9),
        ("nha o dan cu", 9),
        ("Y tế", 15),
        ("Thu nhập bình quân đầu người", 10),  # contains the name "Thu nhập"
        ("Health", 15),
        ("Môi trường và An toàn thực phẩm", 17),
        ("Quốc phòng và An ninh", 19),
    ],
)
def test_2016_2020_criteria_by_the_names_reports_use(text: str, number: int) -> None:
    assert S16.criterion(text).id == number


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("hộ nghèo", 11),  # 318/QĐ-TTg calls it "Nghèo đa chiều"
        ("Nghèo đa chiều", 11),
        ("Thủy lợi", 3),  # its 2016-2020 name, now "Thủy lợi và phòng, chống thiên tai"
        ("Tổ chức sản xuất", 13),
        ("lao động", 12),  # the exact name in 2021-2025
    ],
)
def test_2021_2025_criteria_by_short_and_earlier_names(text: str, number: int) -> None:
    assert S21.criterion(text).id == number


def test_a_phrase_of_several_criteria_is_ambiguous_and_lists_them() -> None:
    with pytest.raises(ntm.AmbiguityError) as info:
        S16.criterion("cơ sở")  # 6 Cơ sở vật chất văn hóa, 7 Cơ sở hạ tầng thương mại nông thôn
    assert "6 Cơ sở vật chất văn hóa" in str(info.value)
    assert "7 Cơ sở hạ tầng thương mại nông thôn" in str(info.value)
    assert isinstance(info.value, ntm.NotFoundError)


def test_a_number_and_a_name_that_disagree_are_an_error() -> None:
    with pytest.raises(ntm.NotFoundError, match=r"criterion 10 is 'Thu nhập'.*names criterion 15"):
        S16.criterion("Tiêu chí 10 - Y tế")


def test_an_unknown_number_or_name_says_what_exists() -> None:
    with pytest.raises(ntm.NotFoundError, match="its criteria are 1 to 19"):
        S16.criterion("tiêu chí số 25")
    with pytest.raises(ntm.NotFoundError, match="did you mean"):
        S16.criterion("Thể thao")


def test_a_set_whose_alias_is_another_criterions_name_is_refused() -> None:
    import attrs

    c11 = S16.criterion(11)
    clash = attrs.evolve(c11, aliases_vi=("Y tế",))
    broken = attrs.evolve(S16, criteria=tuple(clash if c is c11 else c for c in S16.criteria))
    with pytest.raises(ntm.CriteriaDataError, match="'y te' of criterion 15 is also criterion 11"):
        validate_criteria_set(broken, "test")
