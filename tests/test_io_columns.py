"""read_columns: the same rows kept, the same problems said, the same verdicts as the row reader.

The row reader (read_assessments, then evaluate_batch) is the reference: for every table here,
hand-written and generated, the column reader must keep the same rows, report the same problems
(each with its row and column) and give every kept row the same criterion statuses.
"""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ntm_criteria as ntm
from ntm_criteria.io import columns as column_reader

ROOT = Path(__file__).resolve().parent.parent
S16 = "commune-2016-2020"

#: a wide header as offices write it, and a good row: decimal commas, words, a rating
HEADER = (
    "Xã", "Mã xã", "Huyện", "Vùng", "Ngày đánh giá", "Xã ĐBKK",
    "1.1", "3.1", "9.1", "10", "11", "13.1", "18.4", "Tiêu chí 2", "registered_in_plan",
)  # fmt: skip
GOOD = ["Phú Đình", "01", "Định Hóa", "TDMNPB", "31/12/2019", "Không",
        "Đạt", "85,5", "0", "36,5", "3,2", "Đạt", "khá", "Đạt", "Có"]  # fmt: skip


def same_as_rows(path: Path, s: str = S16, **options: object) -> ntm.ColumnTable:
    """Read ``path`` both ways, check they agree, and give the column table."""
    table = ntm.read_columns(path, s, errors="collect", **options)  # type: ignore[arg-type]
    report = ntm.read_assessments(path, s, errors="collect", **options)  # type: ignore[call-overload]
    assert table.problems == report.problems
    assert table.rejected_rows == report.rejected_rows
    assert table.notes == report.notes
    assert table.names == tuple(a.commune.name for a in report.assessments)
    assert table.row_count == len(table.rows)
    if report.assessments:
        # the same verdicts, or the same refusal (a row without its region, out of period)
        try:
            batch = ntm.evaluate_batch(report.assessments, s)
        except ntm.NtmError:
            with pytest.raises(ntm.NtmError):
                ntm.evaluate_columns(table, s)
            return table
        verdicts = ntm.evaluate_columns(table, s)
        for i in range(len(batch)):
            assert verdicts.statuses(i) == batch.statuses(i), table.names[i]
    return table


def write(path: Path, rows: list[list[str]], header: tuple[str, ...] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def row(**changes: str) -> list[str]:
    cells = dict(zip(HEADER, GOOD, strict=True))
    cells.update(changes)
    return [cells[h] for h in HEADER]


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param([row(), row(Xã="Sơn Phú", **{"3.1": "", "10": "60", "18.4": "Tốt"})], id="good"),
        pytest.param([row(**{"10": "36,000"}), row(Xã="B", **{"9.1": "1,5"})], id="ambiguous number"),
        pytest.param([row(**{"3.1": "about 40"}), row(Xã="B", **{"1.1": "Đạt?", "18.4": "best"})], id="bad cells"),
        pytest.param([row(Xã=""), row(Xã="B", Vùng="Atlantis")], id="no name, unknown region"),
        pytest.param(
            [row(**{"Ngày đánh giá": "31/02/2019"}), row(Xã="B", **{"Ngày đánh giá": "01/06/2023"})],
            id="bad date, out of period",
        ),
        pytest.param([row(**{"Ngày đánh giá": ""})], id="no date"),
        pytest.param([row(), row(Xã="Phu Dinh"), row(Xã="phú  đình ")], id="duplicates"),
        pytest.param([row(), row(Xã="Phú Đình", Huyện="Phú Lương")], id="same name, other district"),
        pytest.param([row(), [""] * len(HEADER), row(Xã="B")], id="blank row"),
        pytest.param([row()[:6], [*row(Xã="B"), "extra"]], id="ragged rows"),
        pytest.param([row(**{"Xã ĐBKK": "maybe"}), row(Xã="B", **{"Tiêu chí 2": "x"})], id="flag, declaration"),
        pytest.param([row(registered_in_plan="perhaps")], id="fact"),
        pytest.param([row(**{"11": "'=1+1"})], id="formula text"),
    ],
)  # fmt: skip
def test_the_column_reader_agrees_with_the_row_reader(
    tmp_path: Path, rows: list[list[str]]
) -> None:
    same_as_rows(write(tmp_path / "t.csv", rows))


def test_good_rows_are_kept_with_their_values(tmp_path: Path) -> None:
    rows = [row(), row(Xã="Sơn Phú", **{"3.1": "", "10": "60", "18.4": "Tốt"})]
    table = same_as_rows(write(tmp_path / "t.csv", rows))
    assert (table.names, list(table.rows)) == (("Phú Đình", "Sơn Phú"), [2, 3])
    assert table["3.1"][0] == 85.5 and table["3.1"][1] != table["3.1"][1]  # NaN: no value
    assert list(table["10"]) == [36.5, 60.0]
    assert list(table["18.4"]) == ["khá", "tốt"]
    assert list(table["criterion 2"]) == [True, True]
    assert list(table["region"]) == [ntm.Region.TDMNPB] * 2


def test_every_row_of_a_large_file_agrees(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # blocks of 7 rows: a duplicate two blocks after its first, a bad cell in every block
    monkeypatch.setattr(column_reader, "BLOCK", 7)
    rows = [row(Xã=f"Xã {i}", **{"3.1": f"{i % 90},5"}) for i in range(60)]
    rows[20] = row(Xã="Xã 3")
    for i in range(0, 60, 9):
        rows[i] = row(Xã=f"Xã {i}", **{"3.1": "120"})
    table = same_as_rows(write(tmp_path / "t.csv", rows))
    # data row k is line k + 2 of the file (the header is line 1); row 20 repeats row 3
    bad_cells = [i + 2 for i in range(0, 60, 9)]
    assert table.rejected_rows == tuple(sorted([*bad_cells, 22]))
    assert table.row_count == 60 - len(table.rejected_rows)


def test_workbooks_with_problems_agree() -> None:
    same_as_rows(ROOT / "examples" / "dinh-hoa-2019.xlsx")
    same_as_rows(ROOT / "tests" / "data" / "dinh-hoa-2019-bad.xlsx")
    for name in ("csv-ambiguous-income.csv", "csv-income-in-dong.csv"):
        same_as_rows(ROOT / "tests" / "bad_inputs" / name)


def test_out_of_period_rows_kept_on_request_are_named_by_their_sheet_row(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", [row(), row(Xã="B", **{"Ngày đánh giá": "01/06/2023"})])
    table = same_as_rows(path, allow_out_of_period=True)
    assert list(table.rows) == [2, 3]
    with pytest.raises(ntm.PeriodError, match=r"rows 3 of .*t\.csv are dated 2023-06-01"):
        ntm.evaluate_columns(table, S16)


def test_strict_mode_raises_every_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", [row(**{"10": "36,000"}), row(Xã="")])
    with pytest.raises(ntm.TableError) as caught:
        ntm.read_columns(path, S16)
    assert [p.row for p in caught.value.problems] == [2, 3]
    assert "ambiguous number '36,000'" in str(caught.value)


def test_tables_the_columns_cannot_take_are_refused_with_the_reason(tmp_path: Path) -> None:
    long = tmp_path / "long.csv"
    write(long, [["Phú Đình", "31/12/2019", "9.1", "80"]], ("Xã", "Ngày", "indicator", "value"))
    with pytest.raises(ntm.DataFileError, match="long table"):
        ntm.read_columns(long, S16)


def test_a_table_without_good_rows_gives_empty_columns(tmp_path: Path) -> None:
    table = ntm.read_columns(write(tmp_path / "t.csv", [row(Xã="")]), S16, errors="collect")
    assert (table.row_count, table.rejected_rows) == (0, (2,))
    assert len(ntm.evaluate_columns(table, S16)) == 0


names = st.sampled_from(["Phú Đình", "Phu Dinh", "Sơn Phú", "", "Trung Lương", "B"])
cells = {
    "Vùng": st.sampled_from(["TDMNPB", "Đồng bằng sông Hồng", "", "Atlantis"]),
    "Ngày đánh giá": st.sampled_from(["31/12/2019", "2020-06-30", "", "01/06/2023", "x"]),
    "Xã ĐBKK": st.sampled_from(["", "Có", "Không", "maybe"]),
    "3.1": st.sampled_from(["", "85,5", "92.5", "120", "-1", "abc", "80%"]),
    "9.1": st.sampled_from(["", "0", "2", "1,5"]),
    "10": st.sampled_from(["", "36,5", "36,000", "1.234,5", "36500000"]),
    "18.4": st.sampled_from(["", "khá", "Xuat sac", "best"]),
    "Tiêu chí 2": st.sampled_from(["", "Đạt", "Chưa đạt", "x"]),
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.fixed_dictionaries({"Xã": names, **cells}),
        min_size=1,
        max_size=12,
    ),
    st.integers(1, 5),
)
def test_generated_tables_agree(rows: list[dict[str, str]], block: int) -> None:
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        patch.setattr(column_reader, "BLOCK", block)
        same_as_rows(write(Path(folder) / "t.csv", [row(**r) for r in rows]))


def test_a_dataframe_of_numbers_words_and_blanks_agrees() -> None:
    import pandas as pd

    # a frame as an app holds it: numbers as numbers (1 and 1.0 and True side by side, which
    # a dict would take for one key), words, NaN and None for no value
    frame = pd.DataFrame(
        {
            "Xã": ["Phú Đình", "Sơn Phú", "Trung Lương", "Bảo Linh"],
            "Vùng": ["TDMNPB"] * 4,
            "Ngày đánh giá": ["31/12/2019"] * 4,
            "1.1": [True, 1, "Đạt", None],
            "3.1": [85.5, 1, float("nan"), "92,5"],
            "9.1": [0, 1.0, True, 2],
            "18.4": ["khá", None, "Tốt", 3],
        }
    )
    table = ntm.read_columns(frame, S16, errors="collect")
    report = ntm.read_assessments(frame, S16, errors="collect")
    assert table.problems == report.problems
    assert table.rejected_rows == report.rejected_rows
    assert table.names == tuple(a.commune.name for a in report.assessments)
    batch = ntm.evaluate_batch(report.assessments, S16)
    verdicts = ntm.evaluate_columns(table, S16)
    assert [verdicts.statuses(i) for i in range(len(batch))] == [
        batch.statuses(i) for i in range(len(batch))
    ]
