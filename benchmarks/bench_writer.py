"""CPU of the SPARQL results writer (kg.query.sparql_results.write_solutions) on one saved query's
whole result, against the writer as it was before issue 19 (kept in
tests/sparql_results_reference.py), alternated, in all four formats.

    python benchmarks/bench_writer.py                    # places-in-activities, make bench's national store
    python benchmarks/bench_writer.py --store benchmarks/out/store-x10 --runs 3

The store is opened read-only. The result is read once into rows (tuples of terms); each run
writes it with the old and the new writer in turn and times each with ``time.process_time``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "tests")]

import pyoxigraph as ox  # noqa: E402
from run import inline_example  # noqa: E402
from sparql_results_reference import reference_solutions  # noqa: E402

from kg.query.sparql_results import FORMATS, write_solutions  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", type=Path, default=ROOT / "benchmarks" / "out" / "store-national")
    ap.add_argument("--query", default="places-in-activities")
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    text = inline_example(a.query, a.store)
    sols = ox.Store.read_only(str(a.store / "oxigraph")).query(text, use_default_graph_as_union=True)
    assert isinstance(sols, ox.QuerySolutions)
    variables = [v.value for v in sols.variables]
    rows = [tuple(s[i] for i in range(len(variables))) for s in sols]
    distinct = len({t for r in rows for t in r if t is not None})
    print(f"{a.query}: {len(rows):,} rows, {distinct:,} distinct terms")
    for fmt in FORMATS:
        old: list[float] = []
        new: list[float] = []
        for _ in range(a.runs):
            for writer, acc in ((reference_solutions, old), (write_solutions, new)):
                t = time.process_time()
                out = writer(variables, rows, fmt)
                acc.append((time.process_time() - t) * 1000)
        print(
            f"{fmt}: {len(out.encode()):,} bytes; before {min(old):.0f}-{max(old):.0f} ms, "
            f"after {min(new):.0f}-{max(new):.0f} ms CPU ({a.runs} runs each, alternated)"
        )


if __name__ == "__main__":
    main()
