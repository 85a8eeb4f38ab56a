"""Reading provincial tables (CSV, XLSX, DataFrame) and writing results (io/spreadsheets.py,
io/values.py, report/tables.py)."""

from __future__ import annotations

import datetime as dt
import json
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ntm_criteria as ntm
from ntm_criteria import strategies
from ntm_criteria.errors import CellError
from ntm_criteria.io.values import parse_number, parse_value, parse_yes_no
from ntm_criteria.model.indicators import Unit
from tests.conftest import ROOT

S16 = ntm.load_criteria_set("commune-2016-2020")
EXAMPLE_XLSX = ROOT / "examples" / "dinh-hoa-2019.xlsx"
BAD_XLSX = ROOT / "tests" / "data" / "dinh-hoa-2019-bad.xlsx"


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


# --- files ----------------------------------------------------------------------------------


def test_provincial_workbook_reads_into_the_reviewed_statuses() -> None:
    from_xlsx = ntm.read_assessments(EXAMPLE_XLSX, S16)
    from_toml = ntm.read_assessments(ROOT / "examples" / "dinh-hoa-2019.toml")
    assert from_xlsx == from_toml
    evaluations = [ntm.evaluate(a, S16) for a in from_xlsx]
    assert [e.score for e in evaluations] == ["15/19", "14/19", "13/19"]


def test_bad_workbook_report_names_each_bad_cell() -> None:
    with pytest.raises(ntm.TableError) as info:
        ntm.read_assessments(BAD_XLSX, S16)
    found = {(p.sheet, p.row, p.column) for p in info.value.problems}
    assert found == {
        ("Đánh giá 2019", 1, "Tiêu chí 20"),
        ("Đánh giá 2019", 3, "Ngày đánh giá"),
        ("Đánh giá 2019", 3, "Tỷ lệ người dân tham gia bảo hiểm y tế (%)"),
        ("Đánh giá 2019", 4, "Vùng"),
        ("Đánh giá 2019", 4, "Tiêu chí 13"),
        ("Đánh giá 2019", 5, "Xã"),
        ("Đánh giá 2019", 6, None),
    }
    text = str(info.value)
    assert "'31/13/2019'" in text and "'120%'" in text and "'Đạt?'" in text and "'Tây Bắc'" in text
    assert "the same commune and date as row 2" in text
    report = ntm.read_assessments(BAD_XLSX, S16, errors="collect")
    assert [a.commune.name for a in report.assessments] == ["Phú Đình"]
    assert report.assessments[0].values == {"15.1": 92.5}
    assert report.rejected_rows == (3, 4, 5, 6)


def _csv(tmp_path: Path, text: str, name: str = "data.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def test_csv_semicolons_bom_and_header_variants(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "\ufeffTên xã;Vung;Ngay danh gia;15.1. Tỷ lệ người dân tham gia bảo hiểm y tế (%);Share of households using hygienic water;17.1.b;TC 9\n"
        "Phú Đình;Trung du mien nui phia Bac;31/12/2019;92,5;95;60,5%;Chưa đạt\n",
    )
    (a,) = ntm.read_assessments(path, S16)
    assert a.values == {"15.1": 92.5, "17.1.a": 95, "17.1.b": 60.5}
    assert a.declarations == {9: False}
    assert a.commune.region is ntm.Region.TDMNPB


def test_long_layout_and_its_errors(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "commune,region,date,indicator,value\n"
        "A,DBSH,2020-06-30,15.1,90\n"
        "A,DBSH,2020-06-30,4.1,Đạt\n"
        "A,DBSH,2020-06-30,tiêu chí 9,Chưa đạt\n"
        "B,DBSH,2020-06-30,15.1,91\n"
        "B,DBSH,2020-06-30,15.1,92\n"
        "C,DBSH,2020-06-30,17.9,1\n",
    )
    report = ntm.read_assessments(path, S16, errors="collect")
    (a,) = report.assessments
    assert (a.commune.name, a.values, a.declarations) == (
        "A",
        {"15.1": 90, "4.1": True},
        {9: False},
    )
    messages = [str(p) for p in report.problems]
    assert any("row 6" in m and "already given in row 5" in m for m in messages)
    assert any(
        "row 7" in m and "unknown indicator id '17.9'" in m and "17.8" in m for m in messages
    )
    assert report.rejected_rows == (5, 6, 7)


def test_missing_date_needs_as_of(tmp_path: Path) -> None:
    path = _csv(tmp_path, "Xã,Vùng,15.1\nA,DBSH,90\n")
    with pytest.raises(ntm.TableError, match="assessment date is missing"):
        ntm.read_assessments(path, S16)
    (a,) = ntm.read_assessments(path, S16, as_of=dt.date(2020, 1, 1))
    assert a.as_of == dt.date(2020, 1, 1)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.csv", b"", "the file is empty"),
        ("binary.csv", b"\x00\x01\x02binary", "a binary file"),
        ("zip.csv", b"PK\x03\x04rest", "a binary file"),
        ("latin1.csv", "Xa,Vung\nPhú,DBSH\n".encode("latin-1"), "not UTF-8"),
        ("truncated.csv", b'Xa,Vung\n"Phu Dinh,DBSH\n', "not valid CSV"),
        ("fake.xlsx", b"this is not a workbook", "not an .xlsx workbook"),
        ("empty.xlsx", b"", "the file is empty"),
    ],
)
def test_unreadable_tables(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ntm.DataFileError, match=expected) as info:
        ntm.read_assessments(path, S16)
    assert str(path) in str(info.value)


def test_truncated_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "cut.xlsx"
    path.write_bytes(EXAMPLE_XLSX.read_bytes()[:2000])
    with pytest.raises(ntm.DataFileError, match=r"not an \.xlsx workbook"):
        ntm.read_assessments(path, S16)


def test_missing_extra_gives_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(ntm.MissingExtraError) as info:
        ntm.read_assessments(EXAMPLE_XLSX, S16)
    # both work: from the package index, and from a checkout of the project
    assert 'python -m pip install "ntm-criteria[excel]"' in str(info.value)
    assert 'python -m pip install ".[excel]"' in str(info.value)
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ntm.MissingExtraError, match=r"ntm-criteria\[pandas\]"):
        ntm.to_dataframe([{"a": 1}])


def test_dataframe_reader() -> None:
    import pandas as pandas

    frame = pandas.DataFrame(
        {
            "Xã": ["A", "B"],
            "Vùng": ["DBSH", "DBSH"],
            "Ngày": ["30/06/2020", "30/06/2020"],
            "15.1": [90.0, None],
        }
    )
    a, b = ntm.read_assessments(frame, S16)
    assert a.values == {"15.1": 90.0}
    assert b.values == {}


# --- writers ----------------------------------------------------------------------------------


def _evaluated() -> tuple[list[ntm.Evaluation], list[ntm.Decision]]:
    assessments = ntm.read_assessments(ROOT / "examples" / "dinh-hoa-2019.toml")
    evaluations = [ntm.evaluate(a, S16) for a in assessments]
    return evaluations, [ntm.decide(e) for e in evaluations]


def test_result_rows() -> None:
    evaluations, decisions = _evaluated()
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
    evaluations, decisions = _evaluated()
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

LEAVES = S16.value_keys()
# text as files hold it once read: the readers NFC-normalise every cell
text = (
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=15)
    .map(lambda t: unicodedata.normalize("NFC", t))
    .filter(lambda t: t.strip() == t and t)
)


@st.composite
def table_assessments(draw: st.DrawFn) -> ntm.Assessment:
    ids = draw(st.lists(st.sampled_from(sorted(LEAVES)), unique=True, max_size=12))
    values = {i: draw(strategies.measured_values(LEAVES[i], S16)) for i in ids}
    commune = ntm.Commune(
        draw(text),
        region=draw(st.sampled_from(list(ntm.Region))),
        code=draw(st.none() | st.from_regex(r"[0-9]{5}", fullmatch=True)),
        district=draw(st.none() | text),
        especially_difficult=draw(st.booleans()),
    )
    return ntm.Assessment(
        commune,
        draw(st.dates(dt.date(2016, 12, 1), dt.date(2022, 3, 7))),
        values=values,
        declarations=draw(st.dictionaries(st.integers(1, 19), st.booleans(), max_size=5)),
        facts=draw(
            st.sampled_from(
                [{}, {"registered_in_plan": True, "outstanding_capital_construction_debt": False}]
            )
        ),
        note=draw(st.none() | text),
    )


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
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = ntm.write_csv(ntm.assessment_rows(assessments, S16), Path(tmp) / "a.csv")
        assert ntm.read_assessments(path, S16) == assessments


@settings(max_examples=60, deadline=None)
@given(table_assessments())
def test_json_round_trip_of_assessments_evaluations_and_decisions(a: ntm.Assessment) -> None:
    e = ntm.evaluate(a, S16)
    d = ntm.decide(e)
    assert ntm.from_json(ntm.to_json(a), ntm.Assessment) == a
    assert ntm.from_json(ntm.to_json(e), ntm.Evaluation) == e
    assert ntm.from_json(ntm.to_json(d), ntm.Decision) == d
    assert json.loads(ntm.to_json(d))["schema"] == "ntm-criteria/decision/1"


@pytest.mark.parametrize("set_id", ntm.criteria_sets())
def test_json_round_trip_of_every_set(set_id: str) -> None:
    s = ntm.load_criteria_set(set_id)
    assert ntm.from_json(ntm.to_json(s), ntm.CriteriaSet) == s


def test_json_schemas_validate_what_the_library_writes() -> None:
    import jsonschema as jsonschema

    evaluations, decisions = _evaluated()
    for kind in ("assessments", "evaluation", "decision"):
        jsonschema.Draft202012Validator.check_schema(ntm.json_schema(kind))
    jsonschema.validate(
        json.loads(ntm.to_json([e.assessment for e in evaluations])), ntm.json_schema("assessments")
    )
    jsonschema.validate(json.loads(ntm.to_json(evaluations[0])), ntm.json_schema("evaluation"))
    jsonschema.validate(json.loads(ntm.to_json(decisions[0])), ntm.json_schema("decision"))
    bad = {
        "schema": "ntm-criteria/assessments/1",
        "assessments": [{"commune": {"name": "A"}, "as_of": "2019-01-01", "extra": 1}],
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, ntm.json_schema("assessments"))


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
