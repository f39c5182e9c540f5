"""The saved queries on the engines publishers run (issue 18 point 3): every saved query, with its
example parameters and with its defaults, on the embedded store, on ``oxigraph serve
--union-default-graph`` and on Virtuoso 7.2, over the same data; each engine's time per query, and
every query whose rows differ from the embedded store's (there should be none).

    python benchmarks/bench_engines.py --store benchmarks/out/store-national
    python benchmarks/bench_engines.py --store ... --quick      # one run per query, no defaults

The servers are new and private (tests/oxigraph_server.py, tests/virtuoso_server.py) and are
loaded with the store's ``kg export`` dump by their own bulk loaders (``oxigraph load``;
``ld_dir`` + ``rdf_loader_run``): the same graphs ``kg publish`` sends (benchmarks/bench_publish.py
times that), in a fraction of the time. Queries reach the servers on the library's remote path
(what ``kg query run --endpoint`` runs). Times are the median of ``runs`` after one warm-up run
(the embedded store's result cache off); rows are compared as N-Triples terms, in order, as
tests/system/test_engine_matrix.py does on the ``make run`` data. ``benchmarks/run.py``
(``make bench``) calls :func:`engines_table`; RESULTS.md's "Saved queries on the triple stores"
is :func:`markdown`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))  # the private servers of the tests

ENGINES = ("embedded", "oxigraph", "virtuoso")


def _cases(query: Any, defaults: bool, store: Any) -> list[tuple[str, dict[str, Any]]]:
    """The example (as the benchmark binds it on ``store``: ``cold_queries.corpus_params``) and,
    when asked and the query runs without parameters, the defaults."""
    from cold_queries import corpus_params

    out = [("example", corpus_params(store, query) or {})]
    if defaults and query.example and all(not p.required or p.default is not None for p in query.parameters):
        out.append(("defaults", {}))
    return out


def _lines(table: Any) -> list[str]:
    return [" | ".join("UNBOUND" if t is None else str(t) for t in row) for row in table.rows]


SLOW_MS = 10_000.0
"""A query whose warm-up run takes longer is timed by that run alone (the step stays bounded)."""
QUERY_TIMEOUT_S = 120.0
"""A server's answer that takes longer is an error of that query on that engine."""


def _timed(run: Callable[[], Any], runs: int) -> tuple[Any, float]:
    """The result and the median time in ms of ``runs`` runs after a warm-up (the warm-up's own
    time when it took more than :data:`SLOW_MS`)."""
    t = time.perf_counter()
    result = run()
    warm = (time.perf_counter() - t) * 1000
    if warm > SLOW_MS:
        return result, warm
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        result = run()
        times.append((time.perf_counter() - t) * 1000)
    return result, statistics.median(times)


def engines_table(store_path: Path, work: Path, *, runs: int = 3, defaults: bool = True) -> dict[str, Any]:
    """Load both servers, run every saved query on the three engines (see the module docstring)."""
    from oxigraph_server import oxigraph_command, start_oxigraph_server
    from virtuoso_server import start_virtuoso, virtuoso_commands

    from kg.ingest.dumps import export_to_path
    from kg.iris import Minter
    from kg.query.run import run_saved
    from kg.query.saved import load_queries
    from kg.store.core import StoreSettings, open_store
    from kg.store.remote import RemoteEndpoint

    work = work.resolve()  # Virtuoso runs in its folder: its configuration file's path must be absolute
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    dump = work / "kg.nq"
    out: dict[str, Any] = {"store": str(store_path), "runs": runs, "queries": {}}
    servers: list[Any] = []
    with open_store(StoreSettings(store_path, create=False)) as store:
        out["quads"] = store.count()
        export_to_path(store, dump, minter=Minter())
        targets: dict[str, Any] = {"embedded": store}
        try:
            ox_cmd = oxigraph_command()
            if ox_cmd is None:
                out["oxigraph_missing"] = "the oxigraph CLI is not installed"
            else:
                t = time.perf_counter()
                subprocess.run(
                    [ox_cmd, "load", "--location", str(work / "oxigraph"), "--file", str(dump)],
                    check=True,
                    capture_output=True,
                )
                out["oxigraph_load_s"] = time.perf_counter() - t
                server = start_oxigraph_server(work / "oxigraph", timeout=120)
                servers.append(server)
                targets["oxigraph"] = RemoteEndpoint(server.query_url, timeout=QUERY_TIMEOUT_S)
            if virtuoso_commands() is None:
                out["virtuoso_missing"] = (
                    "virtuoso-t/isql-vt not installed (apt-get install virtuoso-opensource)"
                )
            else:
                virtuoso = start_virtuoso(work / "virtuoso", buffers=50000)
                servers.append(virtuoso)
                shutil.copy(dump, virtuoso.load_folder / dump.name)
                t = time.perf_counter()
                folder = virtuoso.load_folder.resolve()
                unused = "https://w3id.org/medborgarlofte/graph/unused"  # N-Quads name their graphs
                virtuoso.isql(f"ld_dir('{folder}', '{dump.name}', '{unused}'); rdf_loader_run(); checkpoint;")
                out["virtuoso_load_s"] = time.perf_counter() - t
                targets["virtuoso"] = RemoteEndpoint(virtuoso.sparql_url, timeout=QUERY_TIMEOUT_S)
            for name, query in sorted(load_queries().items()):
                for label, params in _cases(query, defaults, store):
                    row: dict[str, Any] = {"params": params}
                    expected: list[str] | None = None
                    for engine, target in targets.items():
                        try:
                            table, ms = _timed(partial(run_saved, target, query, params, cache=None), runs)
                        except Exception as exc:  # a failing engine is a finding, not a crash
                            row[engine] = {"error": f"{type(exc).__name__}: {str(exc)[:300]}"}
                            continue
                        lines = _lines(table)
                        row[engine] = {"ms": ms, "rows": len(lines)}
                        if expected is None:
                            expected = lines
                        elif lines != expected:
                            row[engine]["differs"] = True
                            row[engine]["first_difference"] = next(
                                (
                                    {"row": i, "embedded": a, engine: b}
                                    for i, (a, b) in enumerate(zip(expected, lines, strict=False))
                                    if a != b
                                ),
                                {"rows": [len(expected), len(lines)]},
                            )
                    out["queries"][f"{name} ({label})"] = row
        finally:
            for target in targets.values():
                if isinstance(target, RemoteEndpoint):
                    target.close()
            for server in servers:
                server.stop()
    out["differing"] = sorted(
        key
        for key, row in out["queries"].items()
        if any(isinstance(row.get(e), dict) and (row[e].get("differs") or "error" in row[e]) for e in ENGINES)
    )
    return out


def markdown(table: dict[str, Any]) -> list[str]:
    rows = table["queries"]
    lines = [
        f"Every saved query (with its example parameters, activity-history with an activity of the corpus "
        f"as in section 2, and with its defaults) on a store of "
        f"{table['quads']:,} quads: the embedded store, `oxigraph serve --union-default-graph` and "
        f"Virtuoso 7.2, each loaded from the same `kg export` dump (Oxigraph "
        f"{table.get('oxigraph_load_s', 0):.1f} s, Virtuoso {table.get('virtuoso_load_s', 0):.1f} s with "
        f"its bulk loader). Median of {table['runs']} runs after a warm-up, ms; 'differs' when the rows "
        "(values, datatypes, lexical forms, order) are not the embedded store's.",
        "",
        "| query | rows | embedded ms | oxigraph serve ms | Virtuoso ms |",
        "|---|---:|---:|---:|---:|",
    ]

    def cell(v: Any) -> str:
        if not isinstance(v, dict):
            return "–"
        if "error" in v:
            return "error"
        return f"{v['ms']:.0f}" + (f" **differs** ({v['rows']} rows)" if v.get("differs") else "")

    for key, row in rows.items():
        n = row.get("embedded", {}).get("rows", "–")
        lines.append(f"| {key} | {n} | " + " | ".join(cell(row.get(e)) for e in ENGINES) + " |")
    totals = {
        e: sum(r[e]["ms"] for r in rows.values() if isinstance(r.get(e), dict) and "ms" in r[e])
        for e in ENGINES
    }
    lines.append("| **total** | | " + " | ".join(f"{totals[e]:.0f}" for e in ENGINES) + " |")
    lines += ["", f"Queries whose rows differ on an engine: {', '.join(table['differing']) or 'none'}."]
    for key in table["differing"]:
        for e in ENGINES:
            v = rows[key].get(e)
            if isinstance(v, dict) and (v.get("differs") or "error" in v):
                lines.append(
                    f"- {key} on {e}: `{json.dumps(v.get('first_difference') or v.get('error'))[:400]}`"
                )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument(
        "--store", type=Path, required=True, help="A kg store (e.g. benchmarks/out/store-national)."
    )
    ap.add_argument("--quick", action="store_true", help="One run per query and engine, examples only.")
    ap.add_argument("--work", type=Path, default=HERE / "out" / "engines")
    ap.add_argument("--json", type=Path, help="Also write the figures here as JSON.")
    args = ap.parse_args(argv)
    table = engines_table(args.store, args.work, runs=1 if args.quick else 3, defaults=not args.quick)
    print("\n".join(markdown(table)))
    if args.json:
        args.json.write_text(json.dumps(table, indent=2), encoding="utf-8")
    return 1 if table["differing"] else 0


if __name__ == "__main__":
    sys.exit(main())
