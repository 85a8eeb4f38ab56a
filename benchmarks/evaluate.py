"""Benchmark: evaluating 10 000 communes, beside a naive loop, plus import time and memory.

For the 2016-2020 and 2021-2025 sets, 10 000 synthetic communes spread over the seven regions,
each with a value for every indicator, are evaluated with ``ntm_criteria.evaluate`` (full,
explainable results) and with a naive reference written here: nested dicts of thresholds and a
loop of comparisons producing only booleans. Also printed: the import time of ``ntm_criteria``
beside ``import attrs, cattrs``, the peak memory of the batch, and the cost of a what-if overlay
against the size of the set. Run from the repository root:

    python benchmarks/evaluate.py [communes]
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import subprocess
import sys
import time
import tracemalloc

import ntm_criteria as ntm
from ntm_criteria.model import Kind, Unit

SEED = 7


def synthetic(s: ntm.CriteriaSet, n: int, day: dt.date) -> list[ntm.Assessment]:
    rng = random.Random(SEED)
    keys = s.value_keys()
    regions = list(ntm.Region)
    out = []
    for i in range(n):
        values: dict[str, object] = {}
        for key, ind in keys.items():
            if ind.kind is Kind.ACHIEVED:
                values[key] = rng.random() < 0.85
            elif ind.kind is Kind.NONE_ALLOWED:
                values[key] = rng.randint(0, 1)
            elif ind.kind is Kind.MIN_RATING:
                scale = s.scales[ind.scale or ""]
                values[key] = (
                    rng.choice(scale.values_low_to_high)
                    if scale.values_low_to_high
                    else rng.randint(0, 3)
                )
            else:
                values[key] = round(rng.uniform(0, 100 if ind.unit is Unit.PERCENT else 80), 1)
        out.append(ntm.Assessment(ntm.Commune(f"X{i}", region=regions[i % 7]), day, values=values))  # type: ignore[arg-type]
    return out


def naive_table(
    s: ntm.CriteriaSet, year: int
) -> dict[str, dict[int, list[tuple[str, str, object]]]]:
    """{region: {criterion: [(key, op, level)]}} with only the established levels."""
    table: dict[str, dict[int, list[tuple[str, str, object]]]] = {}
    keys = s.value_keys()
    for region in ntm.Region:
        per: dict[int, list[tuple[str, str, object]]] = {}
        for c in s.criteria:
            rows = []
            for ind in c.indicators:
                for leaf in ind.parts or (ind,):
                    cell = (leaf.thresholds_by_year.get(year) or leaf.thresholds).get(region.code)
                    if cell is None or cell.value is None:
                        continue
                    for key in keys:
                        if keys[key] is leaf or key.split("/")[0] == leaf.id:
                            rows.append((key, leaf.kind.value, cell.value))
            per[c.id] = rows
        table[region.code] = per
    return table


def naive(table, assessments):  # type: ignore[no-untyped-def]
    """The reference: a loop of comparisons producing one boolean per criterion."""
    out = []
    for a in assessments:
        values = a.values
        per = table[a.commune.region.value]
        verdicts = []
        for rows in per.values():
            ok = True
            for key, op, level in rows:
                v = values.get(key)
                if v is None:
                    ok = False
                elif op == "at_least":
                    ok = v >= level
                elif op == "at_most":
                    ok = v <= level
                elif op == "achieved":
                    ok = v is True
                elif op == "none_allowed":
                    ok = v == 0
                else:
                    ok = True  # ratings: not compared by the naive loop
                if not ok:
                    break
            verdicts.append(ok)
        out.append(verdicts)
    return out


def best_of(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def import_time(code: str) -> float:
    runs = []
    for _ in range(7):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main(n: int = 10_000) -> None:
    for set_id, day in (
        ("commune-2016-2020", dt.date(2020, 6, 30)),
        ("commune-2021-2025", dt.date(2024, 6, 30)),
    ):
        s = ntm.load_criteria_set(set_id)
        assessments = synthetic(s, n, day)
        table = naive_table(s, day.year)
        ntm.evaluate(assessments[0], s)  # warm the plan cache, as any long run is
        ours = best_of(lambda s=s, batch=assessments: [ntm.evaluate(a, s) for a in batch], 1)
        verdicts = best_of(
            lambda s=s, batch=assessments: [ntm.evaluate(a, s).met_count for a in batch], 1
        )
        theirs = best_of(lambda t=table, batch=assessments: naive(t, batch))
        print(f"{set_id}: {n} communes, {len(s.value_keys())} values each")
        print(
            f"  full results     {ours:7.2f} s {n / ours:10,.0f} communes/s  {ours / theirs:6.1f}x the naive loop"
        )
        print(f"  verdicts only    {verdicts:7.2f} s {n / verdicts:10,.0f} communes/s")
        print(f"  naive loop       {theirs:7.2f} s {n / theirs:10,.0f} communes/s (booleans only)")
    s = ntm.load_criteria_set("commune-2016-2020")
    assessments = synthetic(s, n, dt.date(2020, 6, 30))
    tracemalloc.start()
    results = [ntm.evaluate(a, s) for a in assessments]
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"peak memory for {len(results)} full evaluations: {peak / 1e6:.0f} MB")
    base = import_time("pass")
    ours_import = import_time("import ntm_criteria") - base
    theirs_import = import_time("import attrs, cattrs") - base
    print(
        f"import ntm_criteria {ours_import * 1000:6.0f} ms; import attrs, cattrs {theirs_import * 1000:6.0f} ms;"
        f" ratio {ours_import / theirs_import:4.1f}x"
    )
    for set_id in ("commune-2026-2030", "commune-2016-2020", "commune-2021-2025"):
        big = ntm.load_criteria_set(set_id)
        cells = ntm.coverage(big).total.cells
        leaf = next(i for i in big.indicator_ids() if big.indicator(i).kind is Kind.AT_LEAST)
        cost = best_of(
            lambda big=big, leaf=leaf: big.with_overrides(
                ntm.Override(leaf, 50, "what-if", zone=big.zone_codes[-1])
            ),
            5,
        )
        print(
            f"what-if overlay on {set_id} ({cells} cells, {len(big.criteria)} criteria): {cost * 1e6:7.0f} us"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
