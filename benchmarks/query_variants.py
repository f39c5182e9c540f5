"""Variants of one saved query's text on a private Virtuoso (or the embedded store), one at a time.

    python benchmarks/query_variants.py --store benchmarks/out/store-national \\
        --dump benchmarks/out/engines/kg.nq NAME A.rq B.rq [--param asOf=2024-06-30] [--timeout 40]

For finding which part of a query an engine plans badly: each variant text is parsed as a saved
query of its own (so no derived form stands in for it, :func:`kg.query.derived.form_for`) and run
through the library's remote path (what ``kg query run --endpoint`` runs) on a new Virtuoso 7.2
(tests/virtuoso_server.py) loaded with ``--dump`` (a ``kg export`` N-Quads file, ``ld_dir`` +
``rdf_loader_run``), with NAME's example parameters unless ``--param`` is given, and once without
parameters. ``--embedded`` runs the variants on ``--store`` instead, three rounds. Each line: the
variant, the parameters, rows and milliseconds, or the error (a timeout after ``--timeout`` s).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))  # the private servers of the tests


def _run_all(target: Any, variants: Sequence[Path], cases: Sequence[dict[str, str]], rounds: int) -> None:
    from kg.query.run import run_saved
    from kg.query.saved import parse_query_text

    for rnd in range(rounds):
        for path in variants:
            query = parse_query_text(path.read_text(encoding="utf-8"), Path("variant.rq"))
            for params in cases:
                t = time.perf_counter()
                try:
                    rows: Any = len(run_saved(target, query, params, cache=None).rows)
                except Exception as exc:  # a failing variant is a finding
                    rows = f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}"
                ms = (time.perf_counter() - t) * 1000
                print(f"{rnd} {path.name} {params} {rows} {ms:.0f} ms", flush=True)


def _with_virtuoso(dump: Path, timeout: float, use: Callable[[Any], None]) -> None:
    from virtuoso_server import start_virtuoso

    from kg.store.remote import RemoteEndpoint

    work = Path(tempfile.mkdtemp(prefix="kg-variants-")).resolve()
    server = start_virtuoso(work / "virtuoso", buffers=50000)
    try:
        shutil.copy(dump, server.load_folder / dump.name)
        folder = server.load_folder.resolve()
        unused = "https://w3id.org/medborgarlofte/graph/unused"  # N-Quads name their graphs
        server.isql(f"ld_dir('{folder}', '{dump.name}', '{unused}'); rdf_loader_run(); checkpoint;")
        endpoint = RemoteEndpoint(server.sparql_url, timeout=timeout)
        try:
            use(endpoint)
        finally:
            endpoint.close()
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("name", help="the saved query whose example parameters are used")
    ap.add_argument("variants", nargs="+", type=Path, help="query texts (.rq, with their #+ header)")
    ap.add_argument("--store", type=Path, required=True, help="the on-disk store (parameters, --embedded)")
    ap.add_argument("--dump", type=Path, help="its kg export N-Quads, loaded into Virtuoso")
    ap.add_argument("--param", action="append", default=[], help="k=v, instead of the example")
    ap.add_argument("--timeout", type=float, default=40.0)
    ap.add_argument("--embedded", action="store_true", help="run on --store, not on Virtuoso")
    args = ap.parse_args(argv)

    from cold_queries import corpus_params

    from kg.query.saved import load_queries
    from kg.store.core import StoreSettings, open_store

    with open_store(StoreSettings(args.store, create=False, read_only=True)) as store:
        given = dict(p.split("=", 1) for p in args.param)
        cases = [given or corpus_params(store, load_queries()[args.name]) or {}, {}]
        if args.embedded:
            _run_all(store, args.variants, cases, rounds=3)
            return 0
    if args.dump is None:
        ap.error("--dump is needed for Virtuoso (or give --embedded)")
    _with_virtuoso(args.dump, args.timeout, lambda target: _run_all(target, args.variants, cases, 1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
