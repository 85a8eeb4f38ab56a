"""Reading one cell as an indicator's value (io/values.py): percentages, separators, yes/no words,
counts and ratings, and each unit's plausible range."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ntm_criteria as ntm
from ntm_criteria.errors import CellError
from ntm_criteria.io.values import parse_number, parse_value, parse_yes_no
from ntm_criteria.model.indicators import Unit

S16 = ntm.load_criteria_set("commune-2016-2020")


# --- cells ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("92,5", 92.5),
        ("92.5", 92.5),
        (" 92,5 % ", 92.5),
        ("80%", 80),
        (92.5, 92.5),
        (80, 80),
        ("0", 0),
        ("100", 100),
    ],
)
def test_percentages(raw: object, expected: float) -> None:
    assert parse_value(raw, S16.indicator("15.1"), None) == expected


@pytest.mark.parametrize(
    "raw", ["1.234,5", "about 90", "9O", "92,5,1", "", "--5", True, "120", "-1", float("nan")]
)
def test_bad_percentages_are_errors(raw: object) -> None:
    with pytest.raises(CellError):
        parse_value(raw, S16.indicator("15.1"), None)


@pytest.mark.parametrize(
    ("raw", "readings"),
    [
        ("36,000", ("36000 if ',' separates thousands", "36 if it is the decimal mark")),
        ("1.234", ("1234 if '.' separates thousands", "1.234 if it is the decimal mark")),
        ("-2,500", ("-2500 if ','", "-2,5 if it")),
    ],
)
def test_a_number_whose_only_separator_is_followed_by_three_digits_is_ambiguous(
    raw: str, readings: tuple[str, str]
) -> None:
    with pytest.raises(CellError) as info:
        parse_number(raw)
    assert f"ambiguous number {raw!r}" in str(info.value)
    for reading in readings:
        assert reading in str(info.value)


@pytest.mark.parametrize(
    ("raw", "expected"), [("0,125", 0.125), ("1234.567", 1234.567), ("36,0", 36)]
)
def test_numbers_with_one_reading_are_read(raw: str, expected: float) -> None:
    assert parse_number(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Đạt", True),
        ("ĐẠT", True),
        ("dat", True),
        ("Chưa đạt", False),
        ("chua dat", False),
        ("Không đạt", False),
        ("Có", True),
        ("co", True),
        ("Không", False),
        ("khong", False),
        ("true", True),
        ("FALSE", False),
        ("1", True),
        ("0", False),
        (1, True),
        (0, False),
        (True, True),
    ],
)
def test_yes_no_words(raw: object, expected: bool) -> None:
    assert parse_yes_no(raw) is expected


@pytest.mark.parametrize("raw", ["Đạt?", "x", "yes", "2", "đạt rồi", "", None, 0.5])
def test_other_yes_no_words_are_errors(raw: object) -> None:
    with pytest.raises(CellError, match="expected yes"):
        parse_yes_no(raw)


def test_counts_and_ratings() -> None:
    assert parse_value("0", S16.indicator("9.1"), None) == 0
    with pytest.raises(CellError, match="whole count"):
        parse_value("1,5", S16.indicator("9.1"), None)
    scale = S16.scales["organisation_rating"]
    assert parse_value("Khá", S16.indicator("18.4"), scale) == "khá"
    assert parse_value("trung binh", S16.indicator("18.4"), scale) == "trung bình"
    with pytest.raises(CellError, match="expected a rating"):
        parse_value("Khá!", S16.indicator("18.4"), scale)
    with pytest.raises(CellError):
        parse_number("12%")  # % only on percentages


@pytest.mark.parametrize(
    ("indicator", "raw", "hint"),
    [
        (
            "10",
            "36000000",
            "36000000 looks like đồng; this column is in million đồng per person per year (write 36)",
        ),
        ("10", "1500", "an income above 1000 million đồng per person per year is not plausible"),
        ("10", "-3", "an income is at least 0"),
        ("15.1", "101", "a percentage is at most 100"),
        ("9.1", "-1", "expected a count of at least 0"),
    ],
)
def test_a_value_outside_its_units_plausible_range_is_refused_with_a_hint(
    indicator: str, raw: str, hint: str
) -> None:
    with pytest.raises(CellError) as info:
        parse_value(raw, S16.indicator(indicator), None)
    assert hint in str(info.value)


def test_every_unit_range_names_a_unit_of_the_model() -> None:
    from ntm_criteria.io.values import UNIT_RANGES

    assert set(UNIT_RANGES) <= {u.value for u in Unit}
    assert UNIT_RANGES["percent"].max == 100


@given(st.text(alphabet="0123456789.,", min_size=1, max_size=9))
def test_a_plain_number_reads_as_the_full_rules_read_it(text: str) -> None:
    # the quick path for cells like "92,5" must give what the full rules give the same text
    # behind a space (which they strip), or refuse it as they do
    try:
        expected: object = parse_number(" " + text)
    except CellError:
        expected = CellError
    try:
        got: object = parse_number(text)
    except CellError:
        got = CellError
    assert got == expected
    assert type(got) is type(expected)
