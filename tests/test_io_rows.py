"""Rows of a table into assessments (io/rows.py): one junk cell never leaves a row CERTIFIED."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

import ntm_criteria as ntm
from ntm_criteria._text import fold
from ntm_criteria.io.rows import read_table
from ntm_criteria.io.tables import ReadReport, Table
from ntm_criteria.io.values import NO_WORDS, YES_WORDS

S16 = ntm.load_criteria_set("commune-2016-2020")

# A certifiable commune of the Red River Delta in 2019, written as offices write it: values for
# the criteria whose every DBSH cell is established (11, 13, 14, 15: poverty 1,5% <= 2%, health
# insurance 90,5% >= 85%, ...), declarations for the other fifteen, and both recognition facts.
DECLARED = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 16, 17, 18, 19)
HEADER = (
    *("Xã", "Vùng", "Ngày đánh giá", "11", "13.1", "13.2", "14.1", "14.2", "14.3"),
    *("15.1", "15.2", "15.3"),
    *(f"Tiêu chí {n}" for n in DECLARED),
    *("registered_in_plan", "outstanding_capital_construction_debt"),
)
ROW = (
    *("Phú Đình", "DBSH", "31/12/2019", "1,5", "Đạt", "Đạt", "Đạt", "95", "45", "90,5", "Đạt"),
    "10,5",
    *("Đạt",) * len(DECLARED),
    *("Có", "Không"),
)
# the words a yes/no cell may hold are values, not junk ("FALSE" where "Không" was is the same)
_WORDS = {fold(w) for w in (*YES_WORDS.split(", "), *NO_WORDS.split(", "))}


def _read(row: tuple[object, ...]) -> ReadReport:
    report = read_table(Table("communes.csv", HEADER, ((2, row),)), S16, errors="collect")
    assert isinstance(report, ReadReport)
    return report


def test_the_table_is_certifiable() -> None:
    report = _read(ROW)
    assert report.problems == ()
    assert ntm.decide(ntm.evaluate(report.assessments[0], S16)).certified


_free_text = st.text(
    st.characters(categories=("L", "P", "Zs"), exclude_characters="\x00"), min_size=1, max_size=12
).filter(lambda t: fold(t) not in _WORDS and t.strip())
_non_finite = st.sampled_from(
    [math.nan, math.inf, -math.inf, "nan", "NaN", "inf", "-inf", "Infinity", "1e400"]
)
_empty = st.sampled_from([None, "", "   "])
_ambiguous = st.builds(
    lambda whole, decimals, mark: f"{whole}{mark}{decimals:03d}",
    st.integers(1, 999),
    st.integers(0, 999),
    st.sampled_from(",."),
)
JUNK = st.one_of(_free_text, _non_finite, _empty, _ambiguous)


# The commune name is left out: any non-empty text is a valid name, and an empty one is
# rejected (tests/bad_inputs). Every other cell carries data the verdict rests on.
@settings(max_examples=300, deadline=None)
@given(column=st.integers(1, len(HEADER) - 1), junk=JUNK)
def test_one_junk_cell_never_leaves_the_row_certified(column: int, junk: object) -> None:
    row = list(ROW)
    row[column] = junk
    report = _read(tuple(row))
    if report.problems:
        assert report.rejected_rows == (2,)
        assert any(p.row == 2 and p.column == HEADER[column] for p in report.problems), [
            str(p) for p in report.problems
        ]
        assert report.assessments == ()
        return
    (assessment,) = report.assessments
    try:
        decision = ntm.decide(ntm.evaluate(assessment, S16))
    except ntm.NtmError:
        return  # refused at evaluation (a commune without a region): not certified either
    assert not decision.certified, (HEADER[column], junk)
