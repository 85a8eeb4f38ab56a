"""Benchmark: reading a 10 000-commune wide table (CSV and XLSX), rows per second.

Prints the library's readers (a row at a time into assessments, and straight into columns)
beside ``pandas.read_csv`` (and ``pandas.read_excel``) on the same files in the same run; the
column path's verdicts are checked against the rows' before it is timed. The library parses every cell by its indicator's kind and checks
it (decimal commas, yes/no words, ranges), where pandas only parses; the ratio says what that
costs. Run from the repository root:

    python benchmarks/io_read.py [communes] [large]

``large`` (say 100000) adds a file of that many communes, read and evaluated a row at a time
in a fresh process, with its peak memory beside pandas' on the same file.
"""

from __future__ import annotations

import random
import statistics
import subprocess
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


def median_seconds(fn: object, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def line(label: str, n: int, seconds: float) -> None:
    print(f"{label:58} {seconds:8.3f} s {n / seconds:12,.0f} rows/s")


_PEAK = """
import sys
import ntm_criteria as ntm
what, path = sys.argv[1], sys.argv[2]
if what == "ntm":
    s = ntm.load_criteria_set("commune-2016-2020")
    stream = ntm.stream_assessments(path, s)
    n = sum(1 for a in stream if ntm.decide(ntm.evaluate(a, s)))
    stream.finish([], "raise")
elif what == "columns":
    s = ntm.load_criteria_set("commune-2016-2020")
    n = len(ntm.evaluate_columns(ntm.read_columns(path, s), s))
else:
    import pandas
    n = len(pandas.read_csv(path, dtype=str).to_dict("records"))
# the high-water mark of this process's own memory (ru_maxrss would count the parent's,
# which survives fork and exec on Linux)
with open("/proc/self/status") as status:
    hwm = next(int(l.split()[1]) for l in status if l.startswith("VmHWM"))
print(n, hwm // 1024)
"""


def peak(what: str, path: Path) -> tuple[float, int]:
    """Seconds and peak memory (MB) of a fresh process reading (and evaluating) ``path``."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, what, str(path)], capture_output=True, text=True, check=True
    )
    _, mb = done.stdout.split()
    return time.perf_counter() - start, int(mb)


def main(n: int = 10_000, large: int = 0, rounds: int = 5) -> None:
    s = ntm.load_criteria_set("commune-2016-2020")
    rows = make_rows(n, s)
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = ntm.write_csv(rows, Path(tmp) / "communes.csv")
        xlsx_path = ntm.write_xlsx({"Đánh giá": rows}, Path(tmp) / "communes.xlsx")
        print(
            f"{n} communes x {len(rows[0])} columns; CSV {csv_path.stat().st_size / 1e6:.1f} MB, "
            f"XLSX {xlsx_path.stat().st_size / 1e6:.1f} MB; medians of {rounds} rounds"
        )
        assert len(ntm.read_assessments(csv_path, s)) == n
        ours_csv = median_seconds(lambda: ntm.read_assessments(csv_path, s), rounds)
        line("ntm_criteria.read_assessments (CSV, every cell checked)", n, ours_csv)
        try:
            import pandas
        except ImportError:
            print("pandas is not installed: no comparison")
            return
        table = ntm.read_columns(csv_path, s)
        assert table.row_count == n
        batch = ntm.evaluate_batch(ntm.read_assessments(csv_path, s), s)
        verdicts = ntm.evaluate_columns(table, s)
        wrong = sum(verdicts.statuses(i) != batch.statuses(i) for i in range(n))
        if wrong:
            raise SystemExit(f"read_columns + evaluate_columns disagree with the rows on {wrong}")
        ours_columns = median_seconds(lambda: ntm.read_columns(csv_path, s), rounds)
        line("ntm_criteria.read_columns (CSV, every cell checked)", n, ours_columns)
        end_to_end = median_seconds(
            lambda: ntm.evaluate_columns(ntm.read_columns(csv_path, s), s), rounds
        )
        line("read_columns + evaluate_columns (verdicts, 0 mismatches)", n, end_to_end)
        theirs_csv = median_seconds(lambda: pandas.read_csv(csv_path), rounds)
        line("pandas.read_csv (same file)", n, theirs_csv)
        theirs_dicts = median_seconds(
            lambda: pandas.read_csv(csv_path, dtype=str).to_dict("records"), rounds
        )
        line("pandas.read_csv + to_dict('records')", n, theirs_dicts)
        print(f"ratio CSV  (ntm_criteria / pandas): {ours_csv / theirs_csv:6.1f}x")
        print(f"ratio CSV  (ntm_criteria / pandas + dicts): {ours_csv / theirs_dicts:6.2f}x")
        print(f"ratio CSV  (read_columns / pandas + dicts): {ours_columns / theirs_dicts:6.2f}x")
        ours_xlsx = median_seconds(lambda: ntm.read_assessments(xlsx_path, s), 1)
        line("ntm_criteria.read_assessments (XLSX, 1 round)", n, ours_xlsx)
        theirs_xlsx = median_seconds(lambda: pandas.read_excel(xlsx_path), 1)
        line("pandas.read_excel (same file, openpyxl, 1 round)", n, theirs_xlsx)
        print(f"ratio XLSX (ntm_criteria / pandas): {ours_xlsx / theirs_xlsx:6.1f}x")
        if large:
            big = ntm.write_csv(make_rows(large, s), Path(tmp) / "large.csv")
            print(
                f"\n{large} communes, CSV {big.stat().st_size / 1e6:.0f} MB, each in a fresh process:"
            )
            seconds, mb = peak("ntm", big)
            print(
                f"{'stream_assessments + evaluate + decide, each row':58} {seconds:8.1f} s {mb:6d} MB peak"
            )
            seconds, mb = peak("columns", big)
            print(
                f"{'read_columns + evaluate_columns (verdicts)':58} {seconds:8.1f} s {mb:6d} MB peak"
                f"  {large / seconds:,.0f} rows/s with the interpreter's start"
            )
            seconds, mb = peak("pandas", big)
            print(f"{'pandas.read_csv + to_dict (read only)':58} {seconds:8.1f} s {mb:6d} MB peak")


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 10_000,
        int(sys.argv[2]) if len(sys.argv) > 2 else 0,
    )
