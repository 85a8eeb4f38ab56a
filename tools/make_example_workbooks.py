"""Write the example workbooks: a provincial-style sheet with Vietnamese headers, and a copy
with deliberately bad cells that the tests read.

The good workbook holds what examples/dinh-hoa-2019.toml holds (the district review's
criterion-level statuses), laid out as a provincial office would: one row per commune,
Vietnamese headers, "Đạt" / "Chưa đạt". The bad copy adds the mistakes clerks make; the tests
check that the error report names each bad cell by sheet, row and column.

Run from the repository root (needs openpyxl):  python tools/make_example_workbooks.py
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from ntm_criteria.io.reading import read_assessments

ROOT = Path(__file__).resolve().parent.parent
SHEET = "Đánh giá 2019"
HEADER = [
    "Xã",
    "Huyện",
    "Tỉnh",
    "Vùng",
    "Ngày đánh giá",
    *(f"Tiêu chí {n}" for n in range(1, 20)),
    "Ghi chú",
]


def rows() -> list[list[object]]:
    out: list[list[object]] = []
    for a in read_assessments(ROOT / "examples" / "dinh-hoa-2019.toml"):
        c = a.commune
        statuses = ["Đạt" if a.declarations[n] else "Chưa đạt" for n in range(1, 20)]
        out.append(
            [
                c.name,
                c.district,
                c.province,
                c.region.name_vi if c.region else None,
                a.as_of.strftime("%d/%m/%Y"),
                *statuses,
                a.note,
            ]
        )
    return out


def save(path: Path, header: list[str], body: list[list[object]]) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = SHEET
    ws.append(header)
    for row in body:
        ws.append(row)
    book.save(path)
    print(f"wrote {path}")


def main() -> None:
    good = rows()
    save(ROOT / "examples" / "dinh-hoa-2019.xlsx", HEADER, good)
    header = [*HEADER[:5], "Tỷ lệ người dân tham gia bảo hiểm y tế (%)", *HEADER[5:], "Tiêu chí 20"]
    bad = [[*r[:5], None, *r[5:], None] for r in good]
    bad[0][5] = "92,5"  # row 2: fine, a decimal comma
    bad[1][4] = "31/13/2019"  # row 3: no 13th month
    bad[1][5] = "120%"  # row 3: a percentage above 100
    bad[2][3] = "Tây Bắc"  # row 4: not a region of the criteria tables
    bad[2][6 + 12] = "Đạt?"  # row 4, criterion 13: not a yes/no word
    bad.append(
        [None, "Định Hóa", "Thái Nguyên", "TDMNPB", "31/12/2019", "80", *["Đạt"] * 19, None, None]
    )  # row 5: no commune name
    bad.append([*good[0][:5], "95", *good[0][5:], "Đạt"])  # row 6: Phú Đình again, same date
    save(ROOT / "tests" / "data" / "dinh-hoa-2019-bad.xlsx", header, bad)


if __name__ == "__main__":
    main()
