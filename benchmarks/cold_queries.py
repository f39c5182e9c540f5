"""Cold first pages of the saved queries (issue 19, point 2), each call in a fresh process.

    python benchmarks/cold_queries.py benchmarks/out/store-national [--runs 3] [--json out.json]
    python benchmarks/cold_queries.py benchmarks/out/store-x10 --name documents --name promises
    python benchmarks/cold_queries.py natA --name promises --exclude-assumed --defaults no

``--exclude-assumed`` also runs every query that takes ``excludeAssumed`` with its example and
``excludeAssumed=true`` (params ``excluded``): on a store whose documents record assumptions
(benchmarks/add_assumptions.py) that is the call that tests them.

For every saved query (or each ``--name``), with its example parameters and with its defaults
(no parameters; skipped when a parameter is required and has no default), ``--runs`` fresh
processes each open the store read-only and call ``run_saved`` once for the query's *first page*
(:func:`first_page`: page 1 of a paginated query, else the first :data:`FIRST_PAGE` rows, which
is what ``kg query run NAME --limit 100`` asks for), with no result cache: that call is *cold*.
Printed: the median wall time and the median CPU time (user + system of the process during the
call) over the runs, and the rows of the page. The runs of the queries alternate, so that the
load of a shared machine falls on all of them alike.

``benchmarks/run.py`` (``make bench``) measures the same first page with :func:`measure`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIRST_PAGE = 100
"""Rows of the first page of a query without its own page size (``#+ pagination``)."""


def first_page(query: Any) -> dict[str, int]:
    """``run_saved``'s arguments for the first page the CLI and the server show."""
    return {"page": 1} if query.pagination else {"limit": FIRST_PAGE}


def runnable_defaults(query: Any) -> bool:
    """Whether the query runs without parameters (no required parameter without a default)."""
    return not any(p.required and p.default is None for p in query.parameters)


CORPUS_MUNICIPALITY = "0580"
"""SCB code of the municipality whose activity the benchmark follows (Linköping, the municipality
of activity-history's example)."""

_ASSESSED = "SELECT ?activity WHERE { ?assessment mbl:assessedActivity ?activity } LIMIT 1"
_ASSESSED_IN = """SELECT ?m ?activity WHERE {
  ?promise mbl:municipality ?m ; mbl:activity ?activity .
  FILTER EXISTS { ?assessment mbl:assessedActivity ?activity }
}
ORDER BY ?activity
LIMIT 1"""


def corpus_params(store: Any, query: Any) -> dict[str, Any] | None:
    """The parameters the benchmark binds for ``query`` "with its example", on ``store`` (an open
    store, or the path of one, opened read-only apart from the timed call, so that the call still
    starts cold): the example, except where it names an activity that no follow-up in the store
    assesses (activity-history's example is an activity of a real seed, which a generated corpus
    does not hold: its figures would time an empty result). Then the first activity (by IRI) of
    Linköping's promises (:data:`CORPUS_MUNICIPALITY`) that a follow-up assesses, or, when
    Linköping has none, the first one the store finds."""
    from kg.store.core import StoreSettings, open_store

    params = dict(query.example or {})
    slots = [p.name for p in query.parameters if p.name == "activity" and p.name in params]
    if not slots:
        return params or None
    if isinstance(store, (str, Path)):
        with open_store(StoreSettings(Path(store), create=False, read_only=True)) as st:
            return _assessed_activity(st, params, slots[0])
    return _assessed_activity(store, params, slots[0])


def _assessed_activity(st: Any, params: dict[str, Any], slot: str) -> dict[str, Any]:
    import pyoxigraph as ox

    from kg.iris import Minter
    from kg.namespaces import sparql_prefixes

    prefixes = sparql_prefixes("mbl")
    if list(st.query(prefixes + _ASSESSED, {"activity": ox.NamedNode(str(params[slot]))}, union=True)):
        return params
    municipality = ox.NamedNode(str(Minter().municipality_org(CORPUS_MUNICIPALITY)))
    rows = list(st.query(prefixes + _ASSESSED_IN, {"m": municipality}, union=True)) or list(
        st.query(prefixes + _ASSESSED, union=True)
    )
    if rows:
        params[slot] = rows[0]["activity"].value
    return params


def measure(store: str, name: str, params_kind: str, keyset: bool = True) -> dict[str, Any]:
    """The cold first page of one query in this (fresh) process: wall and CPU ms, rows.
    ``keyset=False`` runs every query whole with LIMIT/OFFSET (the way before kg.query.keyset)."""
    import resource

    if not keyset:
        import kg.query.keyset

        kg.query.keyset.run_window = lambda *a, **k: None  # type: ignore[assignment]

    from kg.query.run import run_saved
    from kg.query.saved import load_queries
    from kg.store.core import StoreSettings, open_store

    q = load_queries()[name]
    params = corpus_params(store, q) if params_kind in ("example", "excluded") else None
    if params_kind == "excluded":
        params = {**(params or {}), "excludeAssumed": "true"}
    with open_store(StoreSettings(Path(store), create=False, read_only=True)) as st:
        cpu = resource.getrusage(resource.RUSAGE_SELF)
        t = time.perf_counter()
        table = run_saved(st, q, params, cache=None, **first_page(q))
        wall = (time.perf_counter() - t) * 1000
        after = resource.getrusage(resource.RUSAGE_SELF)
    cpu_ms = (after.ru_utime - cpu.ru_utime + after.ru_stime - cpu.ru_stime) * 1000
    return {"ms": wall, "cpu_ms": cpu_ms, "rows": len(table.rows), "more": table.truncated}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store")
    ap.add_argument("--name", action="append", default=[])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--no-keyset", action="store_true", help="every page by LIMIT/OFFSET (the way before)")
    ap.add_argument("--defaults", choices=("yes", "no"), default="yes", help="also the defaults' first page")
    ap.add_argument("--exclude-assumed", action="store_true", help="also with excludeAssumed=true")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        print(json.dumps(measure(a.store, a.child[0], a.child[1], keyset=not a.no_keyset)))
        return
    sys.path.insert(0, str(ROOT))
    from kg.query.saved import load_queries

    queries = load_queries()
    names = a.name or sorted(queries)
    cases = [
        (n, k)
        for n in names
        for k in ("example", "defaults", "excluded")
        if k == "example"
        or (k == "defaults" and a.defaults == "yes" and runnable_defaults(queries[n]))
        or (
            k == "excluded"
            and a.exclude_assumed
            and any(p.name == "excludeAssumed" for p in queries[n].parameters)
        )
    ]
    results: dict[tuple[str, str], list[dict[str, Any]]] = {c: [] for c in cases}
    for _ in range(a.runs):
        for name, kind in cases:
            cmd = [sys.executable, __file__, a.store, "--child", name, kind]
            cmd += ["--no-keyset"] if a.no_keyset else []
            proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
            if proc.returncode != 0:
                results[(name, kind)].append({"error": proc.stderr.strip().splitlines()[-1][:200]})
                continue
            results[(name, kind)].append(json.loads(proc.stdout))
    out: dict[str, Any] = {}
    print(f"{'query':42} {'params':8} {'wall ms':>9} {'cpu ms':>9} {'rows':>5}")
    for (name, kind), runs in results.items():
        ok = [r for r in runs if "ms" in r]
        if not ok:
            print(f"{name:42} {kind:8} error: {runs[0].get('error')}")
            out.setdefault(name, {})[kind] = {"error": runs[0].get("error")}
            continue
        row = {
            "ms": statistics.median(r["ms"] for r in ok),
            "cpu_ms": statistics.median(r["cpu_ms"] for r in ok),
            "rows": ok[0]["rows"],
            "more": ok[0]["more"],
            "runs": [round(r["ms"], 1) for r in ok],
        }
        out.setdefault(name, {})[kind] = row
        more = "+" if row["more"] else ""
        print(f"{name:42} {kind:8} {row['ms']:9.1f} {row['cpu_ms']:9.1f} {row['rows']:>4}{more}")
    if a.json:
        a.json.write_text(json.dumps(out, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
