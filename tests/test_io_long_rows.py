"""The long layout (io/long_rows.py): one row per commune, date and indicator."""

from __future__ import annotations

from pathlib import Path

import ntm_criteria as ntm
from tests.io_support import csv_file

S16 = ntm.load_criteria_set("commune-2016-2020")


def test_long_layout_and_its_errors(tmp_path: Path) -> None:
    path = csv_file(
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
