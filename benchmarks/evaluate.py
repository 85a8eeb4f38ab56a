"""Benchmark: evaluating 10 000 communes, beside a plain loop, plus import time and memory.

For the 2016-2020 and 2021-2025 sets, 10 000 synthetic communes spread over the seven regions,
each with a value for every indicator, are evaluated with ``ntm_criteria.evaluate_batch``
(verdicts and margins in arrays, full results built when asked for), with
``ntm_criteria.evaluate_many`` (full, explainable results built for every commune) and with a
plain loop written here that computes the same criterion
statuses and indicator margins from a flat table (unknowns, not-applicable cells, compound and
per-sex indicators, ratings and partial indicator lists included). The benchmark stops if the
loop disagrees with either on any commune; only then does it print the ratios. Also printed: the import time
of ``ntm_criteria`` beside ``import attrs, cattrs``, the peak memory of the batch, and the cost
of a what-if overlay against the size of the set. Run from the repository root:

    python benchmarks/evaluate.py [communes]

It ends with how the batch's rate grows from 1 000 to 100 000 communes, beside the plain loop.
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


# --- the baseline: a plain loop that gives the library's verdicts ------------------------------
#
# A flat table per region: for each criterion, whether its indicator list is complete, and its
# indicators as (kind, leaves); a leaf is (value key, kind, level, applies, rank of the level,
# scale, whether applicability is conditional). The loop computes every indicator's status
# and margin and every criterion's status by the same rules as the library (unknown without a
# value or a level, not applicable cells left out, compound and per-sex indicators met only
# when every part is, partial indicator lists never met); the benchmark checks that it agrees
# with the library on every commune before it prints a ratio.

MET, NOT_MET, UNKNOWN, NA = "met", "not_met", "unknown", "not_applicable"


def _combine(statuses: list[str]) -> str:
    relevant = [x for x in statuses if x != NA]
    if not relevant:
        return NA
    if NOT_MET in relevant:
        return NOT_MET
    return MET if all(x == MET for x in relevant) else UNKNOWN


def plain_table(s: ntm.CriteriaSet, year: int) -> dict[str, list[tuple[bool, list[list[tuple]]]]]:
    keys_of: dict[str, list[str]] = {}
    for key, ind in s.value_keys().items():
        keys_of.setdefault(ind.id, []).append(key)
    table = {}
    for region in ntm.Region:
        rows = []
        for c in s.criteria:
            tops = []
            for top in c.indicators:
                leaves = []
                for leaf in top.parts or (top,):
                    cells = leaf.thresholds_by_year.get(year) or leaf.thresholds
                    cell = cells.get(region.code)
                    scale = s.scales.get(leaf.scale or "")
                    conditional = (
                        leaf.applies_when is not None
                        and leaf.applies_when.status.value != "unspecified"
                    )
                    for key in keys_of.get(leaf.id, [leaf.id]):
                        leaves.append(
                            (
                                key,
                                leaf.kind.value,
                                None if cell is None else cell.value,
                                cell is not None and cell.applies,
                                scale,
                                conditional,
                            )
                        )
                tops.append(leaves)
            rows.append((c.complete, tops))
        table[region.code] = rows
    return table


def _leaf(value: object, kind: str, level: object, applies: bool, scale, conditional: bool):  # type: ignore[no-untyped-def]
    if not applies:
        return NA, None
    if value is None or level is None:
        return UNKNOWN, None
    if kind == "at_least":
        ok, margin = value >= level, round(value - level, 9) + 0.0
    elif kind == "at_most":
        ok, margin = value <= level, round(level - value, 9) + 0.0
    elif kind == "none_allowed":
        ok, margin = value == 0, -float(value)
    elif kind == "achieved":
        ok, margin = value is True, None
    else:  # min_rating
        have, need = scale.rank(value), scale.rank(level)
        ok, margin = have >= need, float(have - need)
    if conditional and not ok:
        return UNKNOWN, margin  # it fails, but may not apply (its fact is not given)
    return (MET if ok else NOT_MET), margin


def plain(table, assessments):  # type: ignore[no-untyped-def]
    """Every commune's criterion statuses and indicator margins, by the library's rules."""
    out = []
    for a in assessments:
        values = a.values
        criteria, margins = [], []
        for complete, tops in table[a.commune.region.value]:
            statuses = []
            for leaves in tops:
                parts = []
                for key, kind, level, applies, scale, conditional in leaves:
                    status, margin = _leaf(
                        values.get(key), kind, level, applies, scale, conditional
                    )
                    parts.append(status)
                    margins.append(margin)
                statuses.append(parts[0] if len(parts) == 1 else _combine(parts))
            status = _combine(statuses) if statuses else UNKNOWN
            if not complete and status in (MET, UNKNOWN):
                status = UNKNOWN
            criteria.append(status)
        out.append((criteria, margins))
    return out


def library(evaluations):  # type: ignore[no-untyped-def]
    """The same figures read from the library's results."""
    out = []
    for e in evaluations:
        margins = [
            r.margin for c in e.criteria for top in c.indicators for r in (top.parts or (top,))
        ]
        out.append(([c.status.value for c in e.criteria], margins))
    return out


def from_batch(batch):  # type: ignore[no-untyped-def]
    """The same figures read from a batch's arrays, no result object built."""
    out = []
    for i in range(len(batch)):
        margins = list(batch.margins(i).values())[
            : len(batch.program(i).leaves) - _unplaced(batch, i)
        ]
        out.append(([st.value for st in batch.statuses(i).values()], margins))
    return out


def _unplaced(batch, i):  # type: ignore[no-untyped-def]
    plan = batch.program(i).plan
    return sum(len(ri.parts) or 1 for ri in plan.unplaced)


def columns_of(s: ntm.CriteriaSet, assessments):  # type: ignore[no-untyped-def]
    """The assessments as a pandas DataFrame: a date, a region and a column per value key."""
    import pandas

    keys = list(s.value_keys())
    data = {
        "as_of": [a.as_of for a in assessments],
        "region": [a.commune.region.code for a in assessments],
    }
    for key in keys:
        data[key] = [a.values.get(key) for a in assessments]
    return pandas.DataFrame(data)


def numpy_kernel(table, frame, s):  # type: ignore[no-untyped-def]
    """The bare numpy kernel: the plain table's levels compared over prepared columns (floats,
    ranks, 0/1), combined by the same rules; no door check, no zone rules. Codes as the
    library's: 0 met, 1 not met, 2 unknown, 3 not applicable."""
    import numpy as np

    prepared = {}
    for key, ind in s.value_keys().items():
        column = frame[key]
        if ind.kind.value == "min_rating":
            scale = s.scales[ind.scale]
            prepared[key] = np.array([scale.rank(v) for v in column], dtype=float)
        else:
            prepared[key] = column.to_numpy(dtype=float, na_value=np.nan)
    regions = frame["region"].to_numpy()
    out = []
    for region, rows in table.items():
        where = np.flatnonzero(regions == region)
        if not len(where):
            continue
        criteria = []
        for complete, tops in rows:
            top_codes = []
            for leaves in tops:
                parts = []
                for key, kind, level, applies, scale, conditional in leaves:
                    v = prepared[key][where]
                    if not applies:
                        parts.append(np.full(len(where), 3))
                        continue
                    if level is None:
                        parts.append(np.full(len(where), 2))
                        continue
                    if kind == "at_least":
                        ok = v >= level
                    elif kind == "at_most":
                        ok = v <= level
                    elif kind == "none_allowed":
                        ok = v == 0
                    elif kind == "achieved":
                        ok = v == 1
                    else:
                        ok = v >= scale.rank(level)
                    code = np.where(np.isnan(v), 2, np.where(ok, 0, 2 if conditional else 1))
                    parts.append(code)
                top_codes.append(parts[0] if len(parts) == 1 else _np_combine(np, parts))
            code = _np_combine(np, top_codes) if top_codes else np.full(len(where), 2)
            if not complete:
                code = np.where((code == 0) | (code == 2), 2, code)
            criteria.append(code)
        out.append((where, criteria))
    return out


def _np_combine(np, codes):  # type: ignore[no-untyped-def]
    stack = np.stack(codes)
    relevant = stack != 3
    any_relevant = relevant.any(axis=0)
    not_met = (stack == 1).any(axis=0)
    all_met = ((stack == 0) | ~relevant).all(axis=0)
    return np.where(~any_relevant, 3, np.where(not_met, 1, np.where(all_met, 0, 2)))


def best_of(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def columns(s, table, assessments, n):  # type: ignore[no-untyped-def]
    """The numpy path beside the bare numpy kernel, both checked against the batch."""
    try:
        import numpy as np

        from ntm_criteria.engine.columns import evaluate_columns, verdict_columns
    except ImportError:
        print("  numpy or pandas is not installed: no column figures")
        return
    frame = columns_of(s, assessments)
    batch = ntm.evaluate_batch(assessments, s)
    verdicts = evaluate_columns(frame, s)
    numbers = [c.id for c in s.criteria]
    expected = np.array([[batch.statuses(i)[k].value for k in numbers] for i in range(n)])
    codes = {0: "met", 1: "not_met", 2: "unknown", 3: "not_applicable"}
    got = np.array([[codes[int(verdicts.criteria[k][i])] for k in numbers] for i in range(n)])
    bare = np.empty((n, len(numbers)), dtype=object)
    for where, criteria in numpy_kernel(table, frame, s):
        for j, code in enumerate(criteria):
            bare[where, j] = [codes[int(c)] for c in code]
    wrong = int((got != expected).any(axis=1).sum()) + int((bare != expected).any(axis=1).sum())
    if wrong:
        raise SystemExit(f"{s.id}: the column paths disagree with the batch on {wrong} communes")
    ours = best_of(lambda: evaluate_columns(frame, s), 5)
    theirs = best_of(lambda: numpy_kernel(table, frame, s), 5)
    from_objects = best_of(lambda: verdict_columns(assessments, s), 3)
    print(
        f"  columns (evaluate_columns)   {ours:6.2f} s {n / ours:10,.0f} communes/s "
        f"{ours / theirs:6.2f}x the bare numpy kernel (from a DataFrame; 0 mismatches)"
    )
    print(
        f"  bare numpy kernel            {theirs:6.2f} s {n / theirs:10,.0f} communes/s "
        "(prepared columns, no door check)"
    )
    print(
        f"  columns from Assessments     {from_objects:6.2f} s {n / from_objects:10,.0f} communes/s"
        " (verdict_columns)"
    )


def import_time(code: str) -> float:
    runs = []
    for _ in range(7):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def growth() -> None:
    """How the batch's time per commune grows with the number of communes (2016-2020)."""
    s = ntm.load_criteria_set("commune-2016-2020")
    day = dt.date(2020, 6, 30)
    table = plain_table(s, day.year)
    print("growth, 2016-2020 (communes/s; the batch checked against the plain loop at each size)")
    print("  communes    evaluate_batch   plain loop   ratio")
    for size in (1_000, 10_000, 100_000):
        assessments = synthetic(s, size, day)
        batch = ntm.evaluate_batch(assessments, s)
        wrong = sum(
            x != y for x, y in zip(plain(table, assessments), from_batch(batch), strict=True)
        )
        if wrong:
            raise SystemExit(f"{size} communes: the baseline disagrees with the batch on {wrong}")
        del batch
        repeat = 5 if size < 100_000 else 2
        ours = best_of(lambda a=assessments: ntm.evaluate_batch(a, s), repeat)
        theirs = best_of(lambda a=assessments: plain(table, a), repeat)
        print(f"  {size:8,d}  {size / ours:14,.0f}  {size / theirs:11,.0f}  {ours / theirs:6.2f}x")


def main(n: int = 10_000) -> None:
    for set_id, day in (
        ("commune-2016-2020", dt.date(2020, 6, 30)),
        ("commune-2021-2025", dt.date(2024, 6, 30)),
    ):
        s = ntm.load_criteria_set(set_id)
        assessments = synthetic(s, n, day)
        table = plain_table(s, day.year)
        ntm.evaluate(assessments[0], s)  # warm the plan cache, as any long run is
        results = ntm.evaluate_many(assessments, s)
        mismatches = sum(
            x != y for x, y in zip(plain(table, assessments), library(results), strict=True)
        )
        if mismatches:
            raise SystemExit(
                f"{set_id}: the baseline disagrees with the library on {mismatches} communes"
            )
        batch = ntm.evaluate_batch(assessments, s)
        mismatches = sum(
            x != y for x, y in zip(plain(table, assessments), from_batch(batch), strict=True)
        )
        if mismatches:
            raise SystemExit(f"{set_id}: the baseline disagrees with the batch on {mismatches}")
        del batch
        ours = best_of(lambda s=s, batch=assessments: ntm.evaluate_many(batch, s), 3)
        batched = best_of(lambda s=s, batch=assessments: ntm.evaluate_batch(batch, s), 5)
        theirs = best_of(lambda t=table, batch=assessments: plain(t, batch), 5)
        print(f"{set_id}: {n} communes, {len(s.value_keys())} values each; 0 mismatches (both)")
        print(
            f"  batch (evaluate_batch)       {batched:6.2f} s {n / batched:10,.0f} communes/s "
            f"{batched / theirs:6.2f}x the plain loop (door check included)"
        )
        print(
            f"  full results (evaluate_many) {ours:6.2f} s {n / ours:10,.0f} communes/s "
            f"{ours / theirs:6.1f}x the plain loop"
        )
        print(
            f"  plain loop, same verdicts    {theirs:6.2f} s {n / theirs:10,.0f} communes/s "
            "(statuses and margins)"
        )
        columns(s, table, assessments, n)
    s = ntm.load_criteria_set("commune-2016-2020")
    assessments = synthetic(s, n, dt.date(2020, 6, 30))
    tracemalloc.start()
    results = ntm.evaluate_many(assessments, s)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"peak memory for {len(results)} full evaluations: {peak / 1e6:.0f} MB")
    del results
    tracemalloc.start()
    batch = ntm.evaluate_batch(assessments, s)
    kept = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    print(
        f"memory kept by a batch of {len(batch)}: {kept / 1e6:.1f} MB "
        f"({kept / len(batch):,.0f} bytes per commune; objects built when asked for)"
    )
    base = import_time("pass")
    ours_import = import_time("import ntm_criteria") - base
    theirs_import = import_time("import attrs, cattrs") - base
    print(
        f"import ntm_criteria {ours_import * 1000:6.0f} ms; import attrs, cattrs {theirs_import * 1000:6.0f} ms;"
        f" ratio {ours_import / theirs_import:4.1f}x (public names load on first use)"
    )
    first = (
        import_time(
            "import datetime as dt, ntm_criteria as ntm; ntm.evaluate(ntm.Assessment("
            "ntm.Commune('X', region='DBSH'), dt.date(2019, 12, 31)), 'commune-2016-2020')"
        )
        - base
    )
    print(f"import and a first evaluation (the set loaded from its file): {first * 1000:6.0f} ms")
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
    growth()
