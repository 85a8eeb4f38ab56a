"""Benchmark: reading a 10 000-commune wide table (CSV and XLSX), rows per second.

Prints the library's readers beside ``pandas.read_csv`` (and ``pandas.read_excel``) on the
same files in the same run. The library parses every cell by its indicator's kind and checks
it (decimal commas, yes/no words, ranges), where pandas only parses; the ratio says what that
costs. Run from the repository root:

    python benchmarks/io_read.py [communes]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import ntm_criteria as ntm
from ntm_criteria.model import Kind, Unit

SEED = 20161201


def make_rows(n: int, s: ntm.CriteriaSet) -> list[dict[str, object]]:
    """``n`` synthetic communes with a value for every indicator, written as clerks write them."""
    rng = random.Random(SEED)
    keys = s.value_keys()
    regions = list(ntm.Region)
    scale = s.scales["organisation_rating"].values_low_to_high or ()
    rows = []
    for i in range(n):
        row: dict[str, object] = {
            "Xã": f"Xã {i:05d}",
            "Mã xã": f"{i:05d}",
            "Huyện": f"Huyện {i // 20}",
            "Tỉnh": f"Tỉnh {i // 400}",
            "Vùng": regions[i % len(regions)].name_vi,
            "Ngày đánh giá": "31/12/2019",
        }
        for key, ind in keys.items():
            if ind.kind is Kind.ACHIEVED:
                row[key] = rng.choice(["Đạt", "Chưa đạt"])
            elif ind.kind is Kind.NONE_ALLOWED:
                row[key] = rng.randint(0, 3)
            elif ind.kind is Kind.MIN_RATING:
                row[key] = rng.choice(scale)
            else:
                top = 100 if ind.unit is Unit.PERCENT else 80
                row[key] = f"{rng.uniform(0, top):.1f}".replace(".", ",")
        rows.append(row)
    return rows


def timed(label: str, n: int, fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    seconds = time.perf_counter() - start
    print(f"{label:48} {seconds:8.2f} s {n / seconds:12,.0f} rows/s")
    return seconds


def main(n: int = 10_000) -> None:
    s = ntm.load_criteria_set("commune-2016-2020")
    rows = make_rows(n, s)
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = ntm.write_csv(rows, Path(tmp) / "communes.csv")
        xlsx_path = ntm.write_xlsx({"Đánh giá": rows}, Path(tmp) / "communes.xlsx")
        print(
            f"{n} communes x {len(rows[0])} columns; CSV {csv_path.stat().st_size / 1e6:.1f} MB, "
            f"XLSX {xlsx_path.stat().st_size / 1e6:.1f} MB"
        )
        ours_csv = timed(
            "ntm_criteria.read_assessments (CSV)", n, lambda: ntm.read_assessments(csv_path, s)
        )
        both = timed(
            "read and evaluate (CSV, evaluate_many)",
            n,
            lambda: ntm.evaluate_many(ntm.read_assessments(csv_path, s), s),
        )
        del both
        assert len(ntm.read_assessments(csv_path, s)) == n
        ours_xlsx = timed(
            "ntm_criteria.read_assessments (XLSX)", n, lambda: ntm.read_assessments(xlsx_path, s)
        )
        try:
            import pandas
        except ImportError:
            print("pandas is not installed: no comparison")
            return
        theirs_csv = timed("pandas.read_csv (same file)", n, lambda: pandas.read_csv(csv_path))
        theirs_dicts = timed(
            "pandas.read_csv + to_dict('records')",
            n,
            lambda: pandas.read_csv(csv_path, dtype=str).to_dict("records"),
        )
        theirs_xlsx = timed(
            "pandas.read_excel (same file, openpyxl)", n, lambda: pandas.read_excel(xlsx_path)
        )
        print(f"ratio CSV  (ntm_criteria / pandas): {ours_csv / theirs_csv:6.1f}x")
        print(f"ratio CSV  (ntm_criteria / pandas + dicts): {ours_csv / theirs_dicts:6.1f}x")
        print(f"ratio XLSX (ntm_criteria / pandas): {ours_xlsx / theirs_xlsx:6.1f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
