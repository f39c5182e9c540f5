"""Publishing to triple stores (issue 18): ``kg publish`` of a store to ``oxigraph serve`` and to
Virtuoso, beside each engine's own bulk loader on the same ``kg export`` dump.

    python benchmarks/bench_publish.py --store benchmarks/out/store-national
    python benchmarks/bench_publish.py --corpus benchmarks/out/national-nq   # a store by bulk load first
    python benchmarks/bench_publish.py --quick --corpus ...                   # 300 documents

Steps, each server new and private (tests/oxigraph_server.py, tests/virtuoso_server.py), its
start-up not timed:

1. ``kg export --format nquads`` of the store (the dump both bulk loaders read);
2. ``kg publish`` (SPARQL Update, every graph, no state) to an empty ``oxigraph serve
   --union-default-graph``, and ``oxigraph load`` of the dump into a new folder;
3. ``kg publish`` to an empty Virtuoso (SPARQL Update granted on ``/sparql``), and Virtuoso's bulk
   loader (``ld_dir`` + ``rdf_loader_run``, then ``checkpoint``) into another new Virtuoso.

Each publish is checked (every graph sent, the counts on the server equal the store's) before its
time is reported. ``benchmarks/run.py`` (``make bench``) calls :func:`publish_table`; RESULTS.md's
"Publishing to triple stores" table is :func:`markdown`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))  # the private servers of the tests


def _publish(store: Any, minter: Any, url: str) -> dict[str, Any]:
    from kg.publish.publisher import Target, publish

    report = publish(store, minter, Target.resolve(url, timeout=600.0), state_dir=None)
    if not report.ok or report.hidden is not None:
        raise RuntimeError(f"publish to {url} failed: {json.dumps(report.as_dict())[:3000]}")
    return {
        "seconds": report.seconds,
        "graphs": len(report.sent),
        "triples": sum(r.triples for r in report.sent),
        "graphs_per_second": report.graphs_per_second,
    }


def _remote_total(url: str) -> int:
    import httpx

    query = (
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o }"
        " FILTER(STRSTARTS(STR(?g), 'https://w3id.org/medborgarlofte/')) }"
    )
    answer = httpx.post(
        url, data={"query": query}, headers={"Accept": "application/sparql-results+json"}, timeout=600
    )
    answer.raise_for_status()
    return int(answer.json()["results"]["bindings"][0]["n"]["value"])


def publish_table(store_path: Path, work: Path) -> dict[str, Any]:
    """Time the publishes and the bulk loads (see the module docstring); the servers are stopped."""
    from oxigraph_server import oxigraph_command, start_oxigraph_server
    from stepper import peak_rss_mb
    from virtuoso_server import start_virtuoso, virtuoso_commands

    from kg.ingest.dumps import export_to_path
    from kg.iris import Minter
    from kg.store.core import StoreSettings, open_store

    work = work.resolve()  # Virtuoso runs in its folder: its configuration file's path must be absolute
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    minter = Minter()
    dump = work / "kg.nq"
    out: dict[str, Any] = {"store": str(store_path)}
    with open_store(StoreSettings(store_path, create=False)) as store:
        out["graphs"] = len(store.named_graphs())
        out["quads"] = store.count()
        t = time.perf_counter()
        export_to_path(store, dump, minter=minter)
        out["export_s"] = time.perf_counter() - t

        def oxigraph() -> dict[str, Any]:
            ox_cmd = oxigraph_command()
            if ox_cmd is None:
                return {"missing": "the oxigraph CLI is not installed"}
            else:
                server = start_oxigraph_server(work / "oxigraph-publish")
                try:
                    pub = _publish(store, minter, server.query_url)
                    pub["remote_triples"] = _remote_total(server.query_url)
                finally:
                    server.stop()
                t = time.perf_counter()
                subprocess.run(
                    [ox_cmd, "load", "--location", str(work / "oxigraph-load"), "--file", str(dump)],
                    check=True,
                    capture_output=True,
                )
                return {"publish": pub, "bulk_s": time.perf_counter() - t}

        def virtuoso() -> dict[str, Any]:
            if virtuoso_commands() is None:
                return {"missing": "virtuoso-t/isql-vt not installed (apt-get install virtuoso-opensource)"}
            else:
                server_v = start_virtuoso(work / "virtuoso-publish", buffers=50000)
                try:
                    pub = _publish(store, minter, server_v.sparql_url)
                    pub["remote_triples"] = _remote_total(server_v.sparql_url)
                    pub["peak_rss_mb"] = peak_rss_mb(server_v.process.pid) if server_v.process else None
                finally:
                    server_v.stop()
                loader = start_virtuoso(work / "virtuoso-load", buffers=50000)
                try:
                    shutil.copy(dump, loader.load_folder / dump.name)
                    t = time.perf_counter()
                    folder = loader.load_folder.resolve()
                    unused = "https://w3id.org/medborgarlofte/graph/unused"  # N-Quads name their graphs
                    loader.isql(f"ld_dir('{folder}', '{dump.name}', '{unused}'); rdf_loader_run();")
                    bulk_s = time.perf_counter() - t
                    t = time.perf_counter()
                    loader.isql("checkpoint;")
                    checkpoint_s = time.perf_counter() - t
                    failed = loader.isql("SELECT COUNT(*) FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;")
                    errors = int([w for w in failed.split() if w.isdigit()][-1])
                    loaded = _remote_total(loader.sparql_url)
                finally:
                    loader.stop()
                return {
                    "publish": pub,
                    "bulk_s": bulk_s,
                    "checkpoint_s": checkpoint_s,
                    "bulk_triples": loaded,
                    "bulk_files_failed": errors,
                }

        for name, measure in (("oxigraph", oxigraph), ("virtuoso", virtuoso)):
            try:  # one engine's failure is its row's, the other's figures are kept
                out[name] = measure()
            except Exception as exc:
                out[name] = {"error": f"{type(exc).__name__}: {exc}"[-1500:]}
    return out


def markdown(table: dict[str, Any]) -> list[str]:
    lines = [
        f"`kg publish` (SPARQL Update, every graph, checked) of a store of {table['graphs']:,} graphs and "
        f"{table['quads']:,} quads to a new, empty server, beside the engine's own bulk loader on the "
        f"`kg export` dump of the same store (export: {table['export_s']:.1f} s). Server start-up is not "
        "counted.",
        "",
        "| engine | kg publish s | graphs/s | bulk loader s | publish ÷ bulk | triples on the server |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, label, loader in (
        ("oxigraph", "Oxigraph (`oxigraph serve`)", "`oxigraph load`"),
        ("virtuoso", "Virtuoso 7.2", "`ld_dir` + `rdf_loader_run`"),
    ):
        row = table.get(name, {})
        if "missing" in row or "error" in row:
            why = f"not run: {row['missing']}" if "missing" in row else f"failed: {row['error'][-300:]}"
            lines.append(f"| {label} | – | – | – | – | {why} |")
            continue
        pub = row["publish"]
        ratio = pub["seconds"] / max(row["bulk_s"], 1e-9)
        lines.append(
            f"| {label} | {pub['seconds']:.1f} | {pub['graphs_per_second']:.0f} "
            f"| {row['bulk_s']:.1f} ({loader}) | {ratio:.1f}x | {pub['remote_triples']:,} published"
            + (f", {row['bulk_triples']:,} bulk loaded" if "bulk_triples" in row else "")
            + " |"
        )
    v = table.get("virtuoso", {})
    if "checkpoint_s" in v:
        lines += [
            "",
            f"Virtuoso's `checkpoint` after the bulk load took a further {v['checkpoint_s']:.1f} s; its "
            f"server's peak memory during the publish was {v['publish'].get('peak_rss_mb') or 0:.0f} MB "
            "(NumberOfBuffers = 50,000).",
        ]
    return lines


def _bulk_store(corpus: Path, store: Path, limit: int | None) -> None:
    """A kg store by bulk load (as benchmarks/run.py's 10x store): system graphs, then N-Quads."""
    import pyoxigraph as ox

    from kg.iris import Minter
    from kg.store.core import StoreSettings, open_store
    from kg.store.system import ensure_system_graphs

    shutil.rmtree(store, ignore_errors=True)
    with open_store(StoreSettings(store)) as st:
        ensure_system_graphs(st, Minter())
        for f in sorted(corpus.glob("*.nq"))[:limit]:
            st.bulk_load(f, ox.RdfFormat.N_QUADS)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--store", type=Path, help="A kg store to publish (e.g. benchmarks/out/store-national).")
    ap.add_argument("--corpus", type=Path, help="Or N-Quads from benchmarks/generate.py --format nq.")
    ap.add_argument("--quick", action="store_true", help="Only the first N-Quads file of --corpus.")
    ap.add_argument("--work", type=Path, default=HERE / "out" / "publish")
    ap.add_argument("--json", type=Path, help="Also write the figures here as JSON.")
    args = ap.parse_args(argv)
    store = args.store
    if store is None:
        if args.corpus is None:
            ap.error("give --store or --corpus")
        store = args.work.parent / "publish-store"
        _bulk_store(args.corpus, store, 1 if args.quick else None)
    table = publish_table(store, args.work)
    print("\n".join(markdown(table)))
    if args.json:
        args.json.write_text(json.dumps(table, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
