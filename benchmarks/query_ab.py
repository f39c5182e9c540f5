"""Before/after timings of saved queries, each run in a fresh process, with a row check.

    python benchmarks/query_ab.py STORE NAME [--text A.rq] [--text B.rq] [--runs 3] [--cached]

Each variant (the bundled ``queries/NAME.rq`` when no ``--text`` is given) runs ``--runs`` times
in a fresh process that opens STORE read-only and calls ``run_saved`` with the query's example
parameters and no result cache: the first call is *cold* (as ``benchmarks/run.py`` measures),
then three warm calls. Runs of the variants alternate, so that the load of a shared machine
falls on both alike; medians are printed. With two variants the rows are compared (in order;
and as sets). A variant ``subst:A.rq`` (or ``subst:`` for the bundled text) binds values as
pyoxigraph substitutions instead of constants (the binding before decision 0011 changed).
``--cached`` prints the median of 20 repeated calls with the result cache on, after the cold
one; with ``--first-page`` every call asks for the first page only (page 1 of a paginated query,
else the first 100 rows), as the "repeated" column of RESULTS.md (``benchmarks/run.py``) does.
Example: ``--text subst:old.rq --text ""`` compares an old text with the old binding
against the bundled text with the current binding.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _one(
    store: str, name: str, text: str | None, substitute: bool, cached: bool, first: bool = False
) -> dict:
    import kg.query.run
    from kg.query.run import run_saved
    from kg.query.saved import load_queries, parse_query_text
    from kg.store.core import StoreSettings, open_store

    if substitute:
        kg.query.run.bind_constants = lambda *a: None  # type: ignore[attr-defined]
    q = load_queries()[name]
    if text:
        q = parse_query_text(Path(text).read_text(encoding="utf-8"), Path(name + ".rq"))
    params = q.example or None
    window = ({"page": 1} if q.pagination else {"limit": 100}) if first else {}
    cache = kg.query.run.default_cache() if cached else None
    with open_store(StoreSettings(Path(store), create=False, read_only=True)) as st:
        t = time.perf_counter()
        table = run_saved(st, q, params, cache=cache, **window)
        cold = (time.perf_counter() - t) * 1000
        warm = []
        for _ in range(20 if cached else 3):
            t = time.perf_counter()
            run_saved(st, q, params, cache=cache, **window)
            warm.append((time.perf_counter() - t) * 1000)
    rows = [[None if v is None else str(v) for v in r] for r in table.rows]
    return {"cold": cold, "warm": statistics.median(warm), "vars": table.variables, "rows": rows}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store")
    ap.add_argument("name")
    ap.add_argument("--text", action="append", default=[])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--substitute", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--cached", action="store_true")
    ap.add_argument("--first-page", action="store_true", help="Every call asks for the first page only.")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        text = a.text[0] if a.text else None
        print(json.dumps(_one(a.store, a.name, text, a.substitute, a.cached, a.first_page)))
        return
    variants = a.text or [""]
    if len(set(variants)) != len(variants):
        ap.error("give different variants")
    results: dict[str, list[dict]] = {v: [] for v in variants}
    for _ in range(a.runs):
        for v in variants:
            cmd = [sys.executable, __file__, a.store, a.name, "--child"]
            path = v.removeprefix("subst:")
            cmd += ["--text", path] if path else []
            cmd += ["--substitute"] if v.startswith("subst:") else []
            cmd += ["--cached"] if a.cached else []
            cmd += ["--first-page"] if a.first_page else []
            out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT).stdout
            results[v].append(json.loads(out))
    for v, runs in results.items():
        cold = statistics.median(r["cold"] for r in runs)
        warm = statistics.median(r["warm"] for r in runs)
        label = v or f"queries/{a.name}.rq"
        print(
            f"{a.name} {label}: cold {cold:.1f} ms, {'repeated' if a.cached else 'warm'} {warm:.2f} ms, "
            f"rows {len(runs[0]['rows'])} (median of {len(runs)})"
        )
    if len(variants) == 2:
        x, y = (results[v][0] for v in variants)
        same = x["vars"] == y["vars"] and x["rows"] == y["rows"]
        as_sets = sorted(map(json.dumps, x["rows"])) == sorted(map(json.dumps, y["rows"]))
        print("rows: " + ("equal, in order" if same else "equal as sets only" if as_sets else "DIFFERENT"))


if __name__ == "__main__":
    main()
