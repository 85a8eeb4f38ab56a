"""Writing rows (output/tables.py): result rows, CSV and XLSX with formulas escaped, DataFrames,
and wide tables that read back unchanged."""

from __future__ import annotations

import datetime as dt
import importlib
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ntm_criteria as ntm
from tests.examples_support import example_evaluations
from tests.io_support import table_assessments

S16 = ntm.load_criteria_set("commune-2016-2020")


# --- writers ----------------------------------------------------------------------------------


def test_result_rows() -> None:
    evaluations = example_evaluations()
    decisions = [ntm.decide(e) for e in evaluations]
    rows = ntm.evaluation_rows(evaluations, decisions)
    assert [(r["commune"], r["met"], r["total"], r["outcome"]) for r in rows] == [
        ("Phú Đình", 15, 19, "not_certified"),
        ("Sơn Phú", 14, 19, "not_certified"),
        ("Trung Lương", 13, 19, "not_certified"),
    ]
    assert rows[0]["criterion 9"] == "not_met"
    long = ntm.indicator_rows(evaluations)
    assert len(long) == 3 * (len(S16.indicator_ids()) + 1)  # every leaf, plus the compound 17.1
    r = next(r for r in long if r["commune"] == "Phú Đình" and r["indicator"] == "15.1")
    assert (r["threshold"], r["threshold_status"], r["zone"]) == (85, "verified", "TDMNPB")
    with pytest.raises(ValueError, match="same order"):
        ntm.evaluation_rows(evaluations, decisions[::-1])


def test_writers_escape_formulas(tmp_path: Path) -> None:
    rows = [{"commune": '=HYPERLINK("http://x")', "note": "+1", "margin": -4.8, "at": "@x"}]
    text = ntm.write_csv(rows, tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'+1" in text and "'@x" in text and ",-4.8," in text
    import openpyxl as openpyxl

    ntm.write_xlsx({"r": rows}, tmp_path / "r.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "r.xlsx").active
    assert [c.value for c in ws[2]] == ['\'=HYPERLINK("http://x")', "'+1", -4.8, "'@x"]


def test_evaluations_to_xlsx_csv_and_dataframe(tmp_path: Path) -> None:
    evaluations = example_evaluations()
    decisions = [ntm.decide(e) for e in evaluations]
    ntm.write_xlsx(
        {
            "communes": ntm.evaluation_rows(evaluations, decisions),
            "indicators": ntm.indicator_rows(evaluations),
        },
        tmp_path / "out.xlsx",
    )
    import openpyxl as openpyxl

    book = openpyxl.load_workbook(tmp_path / "out.xlsx", read_only=True)
    assert book.sheetnames == ["communes", "indicators"]
    frame = ntm.to_dataframe(ntm.evaluation_rows(evaluations, decisions))
    assert list(frame["met"]) == [15, 14, 13]


# --- round trips ---------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        table_assessments(),
        min_size=1,
        max_size=4,
        unique_by=lambda a: (a.commune.code or a.commune.name, a.commune.district, a.as_of),
    )
)
def test_wide_csv_round_trip(assessments: list[ntm.Assessment]) -> None:

    with tempfile.TemporaryDirectory() as tmp:
        path = ntm.write_csv(ntm.assessment_rows(assessments, S16), Path(tmp) / "a.csv")
        assert ntm.read_assessments(path, S16) == assessments


def test_a_result_types_dataframe_columns_do_not_change_with_the_data() -> None:
    importlib.import_module("pandas")
    rules = ntm.load_criteria_set("commune-2016-2020")

    bare = ntm.evaluate(ntm.Assessment(ntm.Commune("A", region="DBSH"), dt.date(2019, 1, 1)), rules)
    full = example_evaluations()[0]
    for kind in (lambda e: e, lambda e: ntm.decide(e), lambda e: [e]):
        assert list(ntm.to_dataframe(kind(bare)).columns) == list(
            ntm.to_dataframe(kind(full)).columns
        )
