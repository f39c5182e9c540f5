"""``make bench``: kg against its anchors, on one synthetic corpus, in one run.

Steps (each in its own process, so that its peak memory is its own):

1. generate the national corpus (2,320 promises and their 5,087 follow-ups, Turtle files) and the
   10x corpus (ten times that, 74,879 documents as N-Quads, exactly what ``kg import`` would store
   for them), see benchmarks/generate.py;
2. import: ``kg import`` of the national corpus (the CLI, validation included) on disk; the naive
   path (rdflib parse + pySHACL per document + an rdflib Dataset) on a sample; a raw pyoxigraph
   bulk load of the same quads on disk and in memory (the physical limit);
3. saved queries: every query in queries/ with its example parameters (where an example names a
   thing of a real seed, the like thing of the corpus: ``cold_queries.corpus_params``), on the
   on-disk store at national scale (the store ``kg import`` wrote) and at 10x (bulk loaded): the first page
   (benchmarks/cold_queries.py) right after opening the store (cold), with the example
   parameters and with the defaults, the whole result, and repeated first pages; the same query
   on rdflib at national scale, with a time cap; ``kg quality`` (the data-quality scorecard) on
   the on-disk national store (benchmarks/bench_quality.py);
4. ``kg serve`` beside ``oxigraph serve-read-only`` on the same store: 2 concurrent clients for
   20 s on 127.0.0.1, a cheap and an expensive saved query through each SPARQL endpoint;
5. peak memory (resident set) of every step;
6. ``kg publish`` of the national store to ``oxigraph serve`` and to Virtuoso, beside each
   engine's bulk loader on the store's ``kg export`` dump (benchmarks/bench_publish.py).
7. every saved query, with its example parameters and its defaults, on the embedded store,
   ``oxigraph serve`` and Virtuoso over the same dump: each engine's time per query and the
   queries whose rows differ (benchmarks/bench_engines.py).

Also: after the import, the same files again (every one unchanged, nothing read or validated;
the import compacted the store it filled, so its time includes the compaction and the re-import
reads a compact store instead of merging the bulk load's files on the other core) and, on a
copy of the store, an import after one shape changed (every document validated again); the
start-up of the command line (benchmarks/bench_startup.py).

The steps and their estimates are in :func:`plan`; benchmarks/stepper.py runs them: it writes
benchmarks/out/results.json after every step, records a failing step and goes on with the others.
RESULTS.md (benchmarks/report.py) is written at the end, each section saying whether its steps
ran. Exit status 1 when a step failed or was skipped.

    python benchmarks/run.py --plan     # the steps and the time each should take; nothing run
    python benchmarks/run.py            # everything (make bench)
    python benchmarks/run.py --resume   # again only the steps without results (failed, skipped)
    python benchmarks/run.py --only serve --resume   # one step again, the others' results kept
    python benchmarks/run.py --quick    # 30 municipalities, scale 2: a smoke test
    python benchmarks/report.py         # RESULTS.md again from benchmarks/out/results.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Sequence
from http.client import HTTPConnection
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))


# -- measuring ------------------------------------------------------------------------------------
def _maxrss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), nearest rank."""
    if not values:
        return float("nan")
    s = sorted(values)
    k = max(0, min(len(s) - 1, round(q / 100 * len(s) + 0.5) - 1))
    return s[k]


def run_step(name: str, args: dict[str, Any], timeout: float | None = None) -> dict[str, Any]:
    """Run one step in a fresh Python process; its last stdout line is its JSON result.

    Past ``timeout`` the step's process group is sent SIGTERM (the step stops the servers it
    started: :func:`_stop_on_sigterm`), then SIGKILL after 60 s, and TimeoutExpired is raised."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--step", name, "--args", json.dumps(args)]
    t = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, start_new_session=True
    )
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
        raise
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError(f"step {name} failed ({proc.returncode}):\n{stderr[-4000:]}")
    out: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
    out.setdefault("step_wall_s", wall)
    return out


def _stop_on_sigterm(signum: int, frame: Any) -> None:
    """A step stopped for its time (SIGTERM) unwinds: its ``finally`` blocks stop its servers."""
    raise KeyboardInterrupt(f"stopped by signal {signum}")


# -- steps ----------------------------------------------------------------------------------------
def step_generate(a: dict[str, Any]) -> dict[str, Any]:
    from generate import generate

    out = Path(a["out"])
    res: dict[str, Any] = {}
    for label, scale, fmt, folder in (
        ("national_ttl", 1, "ttl", "national"),
        ("national_nq", 1, "nq", "national-nq"),
        ("x10_nq", a["x10_scale"], "nq", "x10-nq"),
    ):
        t = time.perf_counter()
        docs, triples = generate(
            out / folder, scale=scale, fmt=fmt, municipalities=a.get("municipalities"), workers=2
        )
        res[label] = {"documents": docs, "triples": triples, "seconds": time.perf_counter() - t}
    return res


def _children_cpu() -> float:
    """CPU seconds (user + system) of the ended child processes (and theirs)."""
    t = os.times()
    return t.children_user + t.children_system


def step_kg_import(a: dict[str, Any]) -> dict[str, Any]:
    """``kg init`` then ``kg import`` of the national corpus, through the real CLI."""
    store = Path(a["store"])
    shutil.rmtree(store, ignore_errors=True)
    kg = [str(BIN / "kg"), "--store", str(store)]
    subprocess.run([*kg, "init"], check=True, capture_output=True)
    t, cpu = time.perf_counter(), _children_cpu()
    proc = subprocess.run([*kg, "import", a["corpus"], "-f", "json"], capture_output=True, text=True)
    wall, cpu = time.perf_counter() - t, _children_cpu() - cpu
    if proc.returncode != 0:
        raise RuntimeError(f"kg import failed ({proc.returncode}): {proc.stderr[-3000:]}")
    summary = json.loads(proc.stdout)
    from kg.namespaces import OX
    from kg.store.core import StoreSettings, open_store

    with open_store(StoreSettings(store, create=False)) as st:
        quads = st.count()
        graphs = len(st.named_graphs())
        kinds = _record_counts(st, OX.dct.type)
    # the same files again: every one unchanged (bytes and validation context), nothing written
    t, again_cpu = time.perf_counter(), _children_cpu()
    again = subprocess.run([*kg, "import", a["corpus"], "-f", "json"], capture_output=True, text=True)
    again_s, again_cpu = time.perf_counter() - t, _children_cpu() - again_cpu
    unchanged = json.loads(again.stdout)["unchanged"] if again.returncode == 0 else None
    return {
        "wall_s": wall,
        "cpu_s": cpu,
        "imported": summary["imported"],
        "documents_by_kind": kinds,
        "quads_in_store": quads,
        "graphs": graphs,
        "maxrss_mb": _maxrss_mb(resource.RUSAGE_CHILDREN),
        "reimport_s": again_s,
        "reimport_cpu_s": again_cpu,
        "reimport_unchanged": unchanged,
    }


def _record_counts(st: Any, predicate: Any) -> dict[str, int]:
    """Catalogue records per value of ``predicate`` (the document kind, the validation context)."""
    import pyoxigraph as ox

    from kg.iris import Minter
    from kg.sparql_text import bound_query

    query = bound_query(
        "SELECT ?v (COUNT(*) AS ?n) WHERE { GRAPH ?cat { ?rec ?p ?v } } GROUP BY ?v",
        {"cat": ox.NamedNode(str(Minter().catalogue_graph)), "p": predicate},
    )
    return {row["v"].value: int(row["n"].value) for row in st.query(query)}


def step_shape_change(a: dict[str, Any]) -> dict[str, Any]:
    """An import after one shape changed re-validates every document (issue 19 point 4).

    On a copy of the store ``kg import`` wrote, the national corpus imported again through the
    library with a validator whose shapes are the bundled ones with one triple added to one file
    (as tests/integration/test_import_unchanged.py does; a validator other than the bundled one
    validates in this one process, without workers). Counted: the files the import's note says
    it validated again, and the catalogue records that keep the new validation context."""
    import re
    import tempfile

    from kg import resources
    from kg.ingest.importer import ImportOptions, import_paths
    from kg.iris import Minter
    from kg.namespaces import OX
    from kg.store.core import StoreSettings, open_store
    from kg.validation.context import load_graph
    from kg.validation.fingerprint import import_context, validator_digest
    from kg.validation.validator import Validator

    copy = Path(a["copy"])
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(a["store"], copy)
    with tempfile.TemporaryDirectory(prefix="kg-shapes-") as tmp:
        shapes = Path(tmp)
        for f in resources.shape_files():
            shutil.copy(f, shapes)
        first = sorted(shapes.glob("*.ttl"))[0]
        first.write_text(
            first.read_text(encoding="utf-8")
            + '\n<urn:kg-bench:changed-shape> <http://www.w3.org/2000/01/rdf-schema#comment> "ändrad" .\n',
            encoding="utf-8",
        )
        validator = Validator(shapes=load_graph(sorted(shapes.glob("*.ttl"))))
    new_context = import_context(validator_digest(validator), fmt=None, municipality=None, police_area=None)
    with open_store(StoreSettings(copy, create=False)) as st:
        before = sum(_record_counts(st, OX.mbl.validationContext).values())
        cpu, t = time.process_time(), time.perf_counter()
        summary = import_paths(
            [a["corpus"]], store=st, minter=Minter(), validator=validator, options=ImportOptions()
        )
        wall, cpu = time.perf_counter() - t, time.process_time() - cpu
        contexts = _record_counts(st, OX.mbl.validationContext)
    said = [
        int(m.group(1))
        for n in summary.notes
        if (m := re.search(r"(\d+) unchanged files are validated again", n))
    ]
    shutil.rmtree(copy, ignore_errors=True)
    return {
        "documents": before,
        "revalidated": said[0] if said else 0,
        "records_with_new_context": contexts.get(new_context, 0),
        "statuses": {k: v for k, v in summary.as_dict().items() if isinstance(v, int)},
        "wall_s": wall,
        "cpu_s": cpu,
        "maxrss_mb": _maxrss_mb(resource.RUSAGE_SELF),
    }


def step_quality(a: dict[str, Any]) -> dict[str, Any]:
    """``kg quality`` on the store ``kg import`` wrote (benchmarks/bench_quality.py)."""
    from bench_quality import measure

    return measure(Path(a["store"]), runs=a.get("runs", 5))


def step_naive(a: dict[str, Any]) -> dict[str, Any]:
    """rdflib parse + pySHACL per document (shapes and ontology given as graphs, no inference,
    the document's reference nodes added to its data graph; a follow-up's promise, from its
    file beside it, added too, as kg import validates a follow-up with its promise) + an rdflib
    Dataset. The sample takes every ``stride``-th file: promises and follow-ups alike."""
    import hashlib

    from pyshacl import validate
    from rdflib import RDF, Dataset, Graph, Literal, URIRef
    from rdflib.namespace import DCTERMS, PROV

    from kg import resources
    from kg.namespaces_rdflib import MBL

    def add_source(g: Graph, doc: Any, name: str, sha: str) -> None:  # as kg import names the file
        src = URIRef(f"{doc}/source")
        g.add((doc, PROV.wasDerivedFrom, src))
        g.add((src, RDF.type, MBL.SourceDocument))
        g.add((src, DCTERMS.title, Literal(name)))
        g.add((src, MBL.sha256, Literal(sha)))

    files = sorted(Path(a["corpus"]).rglob("*.ttl"))[:: max(1, a["stride"])][: a["sample"]]
    t0 = time.perf_counter()
    shapes = Graph()
    for f in resources.shape_files():
        shapes.parse(f)
    onto = Graph()
    for f in resources.ontology_files():
        onto.parse(f)
    ref = Graph()
    for f in [*resources.vocabulary_files(), resources.reference_file()]:
        ref.parse(f)
    setup = time.perf_counter() - t0
    ds = Dataset(default_union=True)
    t = time.perf_counter()
    triples = 0
    conforming = 0
    for f in files:
        raw = f.read_bytes()
        g = Graph().parse(data=raw, format="turtle")
        doc = next(iter(g.subjects(RDF.type, MBL.CitizenPromise)), None)
        data = Graph()
        if doc is None:  # a follow-up: its promise .../promise/<key> is <key>.ttl beside it
            doc = next(iter(g.subjects(RDF.type, MBL.FollowUp)))
            for promised in g.objects(doc, MBL.followsUp):
                promise = f.with_name(str(promised).rsplit("/", 1)[-1] + ".ttl")
                if promise.exists():  # as the store holds it: with its source node
                    praw = promise.read_bytes()
                    data.parse(data=praw, format="turtle")
                    add_source(data, promised, name=promise.name, sha=hashlib.sha256(praw).hexdigest())
        add_source(g, doc, name=f.name, sha=hashlib.sha256(raw).hexdigest())
        data += g
        frontier = {o for o in data.objects() if isinstance(o, URIRef)}
        seen: set[URIRef] = set()
        for _ in range(4):  # municipality -> territory -> county, LPO -> region -> authority, concepts
            nxt: set[URIRef] = set()
            for n in frontier - seen:
                seen.add(n)
                for tr in ref.triples((n, None, None)):
                    data.add(tr)
                    if isinstance(tr[2], URIRef):
                        nxt.add(tr[2])
            frontier = nxt
        conforms, _, text = validate(data, shacl_graph=shapes, ont_graph=onto, inference="none")
        conforming += bool(conforms)
        if not conforms and a.get("debug"):
            sys.stderr.write(text[:3000])
        target = ds.graph(URIRef(f"urn:naive:{f.stem}"))
        for tr in g:
            target.add(tr)
        triples += len(g)
    wall = time.perf_counter() - t
    return {
        "documents": len(files),
        "triples": triples,
        "wall_s": wall,
        "setup_s": setup,
        "conforming": conforming,
        "maxrss_mb": _maxrss_mb(resource.RUSAGE_SELF),
    }


def step_publish(a: dict[str, Any]) -> dict[str, Any]:
    """kg publish of the national store to oxigraph serve and Virtuoso; their bulk loaders on its
    dump (benchmarks/bench_publish.py)."""
    from bench_publish import publish_table

    return publish_table(Path(a["store"]), Path(a["work"]))


def step_engines(a: dict[str, Any]) -> dict[str, Any]:
    """Every saved query on the embedded store, oxigraph serve and Virtuoso: times, and the
    queries whose rows differ (benchmarks/bench_engines.py)."""
    from bench_engines import engines_table

    return engines_table(Path(a["store"]), Path(a["work"]), runs=a["runs"], defaults=a["defaults"])


def step_raw_load(a: dict[str, Any]) -> dict[str, Any]:
    """pyoxigraph bulk_load of N-Quads files, on disk (fresh folder) or in memory."""
    import pyoxigraph as ox

    files = sorted(Path(a["corpus"]).glob("*.nq"))
    if a["disk"]:
        shutil.rmtree(a["store"], ignore_errors=True)
        store = ox.Store(a["store"])
    else:
        store = ox.Store()
    t = time.perf_counter()
    for f in files:
        store.bulk_load(path=str(f), format=ox.RdfFormat.N_QUADS)
    if a["disk"]:
        store.flush()
    wall = time.perf_counter() - t
    return {"quads": len(store), "wall_s": wall, "maxrss_mb": _maxrss_mb(resource.RUSAGE_SELF)}


def step_kg_bulk(a: dict[str, Any]) -> dict[str, Any]:
    """A kg store for the 10x corpus: system graphs (as ``kg init``), then bulk_load of the
    N-Quads (documents and their catalogue records, as ``kg import`` would have written), the
    derived facts that span documents (as ``kg init`` writes them; their time reported apart), then
    the compaction ``kg import`` does after an import that at least doubles a store
    (``OxigraphStore.optimize``; its time reported apart): without it the store's reads go
    through the bulk loads' many files, and a cold query at this scale costs up to 2.5x more."""
    import pyoxigraph as ox

    from kg.iris import Minter
    from kg.store.core import StoreSettings, open_store
    from kg.store.derived_kinds import backfill
    from kg.store.system import ensure_system_graphs

    store = Path(a["store"])
    shutil.rmtree(store, ignore_errors=True)
    t = time.perf_counter()
    with open_store(StoreSettings(store)) as st:
        ensure_system_graphs(st, Minter())
        for f in sorted(Path(a["corpus"]).glob("*.nq")):
            st.bulk_load(f, ox.RdfFormat.N_QUADS)
        quads = st.count()
        loaded = time.perf_counter() - t
        # what spans documents (each promise's follow-up state, kg.store.followup_state) is in no
        # document's N-Quads: written from the loaded summaries as kg init writes it
        backfill(st, Minter())
        derived = time.perf_counter() - t - loaded
        st.optimize()
    return {
        "quads": quads,
        "wall_s": loaded,
        "derived_s": derived,
        "optimize_s": time.perf_counter() - t - loaded - derived,
        "maxrss_mb": _maxrss_mb(resource.RUSAGE_SELF),
    }


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    r = fn()
    return (time.perf_counter() - t) * 1000, r


def step_kg_query(a: dict[str, Any]) -> dict[str, Any]:
    """One saved query on the on-disk store, in a fresh process: its first page (page 1 of a
    paginated query, else the first 100 rows: :func:`cold_queries.first_page`) right after
    opening the store (cold, wall and CPU time), with the example parameters or (``params`` =
    "defaults") none. With ``full``, then the whole result (its rows) and repeated first pages
    while they fit in ``budget_s`` (at most ``repeat``; from the result cache, as a long-running
    process would answer them)."""
    from cold_queries import corpus_params, first_page, measure

    from kg.query.run import run_saved
    from kg.query.saved import load_queries
    from kg.store.core import StoreSettings, open_store

    try:
        cold = measure(a["store"], a["name"], a.get("params", "example"))
    except Exception as exc:  # a failing query is reported, not fatal
        return {"error": f"{type(exc).__name__}: {exc}"[:300]}
    out: dict[str, Any] = {"cold_ms": cold["ms"], "cold_cpu_ms": cold["cpu_ms"], "page_rows": cold["rows"]}
    if not a.get("full", True):
        return out
    q = load_queries()[a["name"]]
    params = corpus_params(a["store"], q)
    window = first_page(q)
    with open_store(StoreSettings(Path(a["store"]), create=False, read_only=True)) as st:
        full_ms, table = _timed(lambda: run_saved(st, q, params, cache=None))
        # the first page once into the process's result cache (untimed), then repeated: at least
        # once, and while the budget lasts (a slow first page left no repeat before, and the
        # table showed its cold time as "repeated")
        start = time.perf_counter()
        last, _ = _timed(lambda: run_saved(st, q, params, **window))
        reps: list[float] = []
        while len(reps) < a["repeat"] and (
            not reps or time.perf_counter() - start + last / 1000 < a["budget_s"]
        ):
            last, _ = _timed(lambda: run_saved(st, q, params, **window))
            reps.append(last)
    return {
        **out,
        "rows": len(getattr(table, "rows", []) or []),
        "full_ms": full_ms,
        "median_ms": statistics.median(reps) if reps else cold["ms"],
        "p95_ms": percentile(reps, 95) if reps else cold["ms"],
        "runs": len(reps),
        "maxrss_mb": _maxrss_mb(resource.RUSAGE_SELF),
    }


def kg_queries(store: Path, names: list[str], repeat: int, budget_s: float, cap_s: float) -> dict[str, Any]:
    """Every saved query, each in its own process, stopped after ``cap_s`` seconds: the first page
    with the example parameters (then the whole result and repeats), and, in another process,
    the first page with the defaults (``cold_defaults_ms``)."""
    from cold_queries import runnable_defaults

    out: dict[str, Any] = {}
    for name in names:
        args = {"store": str(store), "name": name, "repeat": repeat, "budget_s": budget_s}
        try:  # the first page alone, so that a slow whole result cannot hide it
            out[name] = run_step("kg_query", {**args, "full": False}, timeout=cap_s)
        except subprocess.TimeoutExpired:
            out[name] = {"timeout_s": cap_s}
            continue
        except RuntimeError as exc:
            out[name] = {"error": str(exc)[-300:]}
            continue
        try:  # then, in another process, the whole result (its rows) and repeated first pages
            whole = run_step("kg_query", args, timeout=cap_s)
            out[name].update({k: v for k, v in whole.items() if not k.startswith(("cold", "page"))})
        except (subprocess.TimeoutExpired, RuntimeError):
            out[name]["whole_timeout_s"] = cap_s
        if runnable_defaults(_query(name)):
            try:
                d = run_step("kg_query", {**args, "params": "defaults", "full": False}, timeout=cap_s)
                out[name]["cold_defaults_ms"] = d.get("cold_ms")
                out[name]["cold_defaults_cpu_ms"] = d.get("cold_cpu_ms")
                if "error" in d:
                    out[name]["cold_defaults_error"] = d["error"]
            except (subprocess.TimeoutExpired, RuntimeError):
                out[name]["cold_defaults_ms"] = cap_s * 1000
    rss = [v.get("maxrss_mb", 0) for v in out.values()]
    return {"queries": out, "maxrss_mb": max(rss) if rss else None}


def _rdflib_dataset(corpus: Path) -> Any:
    from rdflib import Dataset, URIRef

    from kg import resources
    from kg.iris import Minter

    ds = Dataset(default_union=True)
    for f in sorted(corpus.glob("*.nq")):
        ds.parse(f, format="nquads")
    m = Minter()
    for iri, files in (
        (m.ontology_graph, resources.ontology_files()[:1]),
        (m.vocabulary_graph, resources.vocabulary_files()),
        (m.reference_graph, [resources.reference_file()]),
    ):
        g = ds.graph(URIRef(str(iri)))
        for f in files:
            g.parse(f, format="turtle")
    return ds


def step_bindings(a: dict[str, Any]) -> dict[str, Any]:
    """Each saved query's example parameters, bound (names resolved) on the kg store, as
    N-Triples terms: the rdflib runs use exactly the values kg used."""
    from cold_queries import corpus_params

    from kg.query.run import bind
    from kg.query.saved import load_queries
    from kg.store.core import StoreSettings, open_store

    queries = sorted(load_queries().items())
    params = {name: corpus_params(a["store"], q) for name, q in queries}
    out: dict[str, Any] = {}
    with open_store(StoreSettings(Path(a["store"]), create=False, read_only=True)) as st:
        for name, q in queries:
            try:
                out[name] = {k: [str(t) for t in v] for k, v in bind(q, params[name], st).items()}
            except Exception as exc:
                out[name] = {"__error__": [f"{type(exc).__name__}: {exc}"[:300]]}
    return out


def rdflib_worker(corpus: str, names: list[str], bindings: dict[str, Any], cap_s: float, conn: Any) -> None:
    """Child process: load the Dataset once, then run each query in a forked copy of this process
    (copy-on-write, no reload), killed when it runs past ``cap_s``; reports each result."""
    import select

    from rdflib.util import from_n3

    from kg.query.saved import load_queries

    t = time.perf_counter()
    ds = _rdflib_dataset(Path(corpus))
    conn.send({"loaded_s": time.perf_counter() - t, "triples": len(ds), "maxrss_mb": _maxrss_mb(0)})
    queries = load_queries()
    for name in names:
        q = queries[name]
        bound = bindings.get(name, {})
        if "__error__" in bound:
            conn.send({"name": name, "error": bound["__error__"][0]})
            continue
        text = q.sparql
        multi = {k: v for k, v in bound.items() if len(v) > 1}
        if multi:
            from kg.sparql_text import inject_values

            text = inject_values(text, {k: [_ox_term(x) for x in v] for k, v in multi.items()})
        init = {k: from_n3(v[0]) for k, v in bound.items() if len(v) == 1}
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the forked child runs one query
            os.close(r)
            try:
                t = time.perf_counter()
                rows = len(list(ds.query(text, initBindings=init)))
                msg: dict[str, Any] = {"ms": (time.perf_counter() - t) * 1000, "rows": rows}
            except Exception as exc:
                msg = {"error": f"{type(exc).__name__}: {exc}"[:300]}
            os.write(w, json.dumps(msg).encode())
            os._exit(0)
        os.close(w)
        ready, _, _ = select.select([r], [], [], cap_s)
        if ready:
            data = b""
            while chunk := os.read(r, 65536):
                data += chunk
            result = json.loads(data or b'{"error": "no result"}')
        else:
            os.kill(pid, signal.SIGKILL)
            result = {"timeout_s": cap_s}
        os.close(r)
        os.waitpid(pid, 0)
        conn.send({"name": name, **result})
    conn.send({"done": True, "maxrss_mb": _maxrss_mb(resource.RUSAGE_SELF)})


def _ox_term(n3: str) -> Any:
    import pyoxigraph as ox

    return next(iter(ox.parse(f"<urn:s> <urn:p> {n3} .", format=ox.RdfFormat.N_TRIPLES))).object


def rdflib_queries(
    corpus: Path, names: list[str], bindings: dict[str, Any], cap_s: float, load_cap_s: float
) -> dict[str, Any]:
    """Each saved query once on rdflib (its SPARQL engine over a Dataset), stopped at ``cap_s``."""
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    results: dict[str, Any] = {}
    info: dict[str, Any] = {}
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=rdflib_worker, args=(str(corpus), names, bindings, cap_s, child), daemon=True)
    proc.start()
    if not parent.poll(load_cap_s):
        proc.kill()
        return {"info": {"error": f"loading took more than {load_cap_s:g} s"}, "queries": {}}
    loaded = parent.recv()
    info.update(loaded_s=loaded["loaded_s"], triples=loaded["triples"])
    while parent.poll(cap_s + 30):
        msg = parent.recv()
        if "done" in msg:
            info["maxrss_mb"] = msg["maxrss_mb"]
            break
        results[msg.pop("name")] = msg
    proc.join(10)
    return {"info": info, "queries": results}


# -- serving --------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(port: int, path: str, timeout: float = 60.0) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            c = HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", path)
            c.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no server on port {port} after {timeout:g} s")


def _client(port: int, path: str, seconds: float, out: list[float], errors: list[int]) -> None:
    conn = HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Accept": "application/sparql-results+json"}
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        t = time.perf_counter()
        try:
            conn.request("GET", path, headers=headers)
            resp = conn.getresponse()
            resp.read()
            if resp.status != 200:
                errors.append(resp.status)
        except OSError:
            errors.append(0)
            conn.close()
            conn = HTTPConnection("127.0.0.1", port, timeout=60)
        out.append((time.perf_counter() - t) * 1000)


def load_test(port: int, path: str, seconds: float, clients: int = 2) -> dict[str, Any]:
    """``clients`` keep-alive connections sending the same GET for ``seconds``."""
    lat: list[list[float]] = [[] for _ in range(clients)]
    errs: list[int] = []
    threads = [
        threading.Thread(target=_client, args=(port, path, seconds, lat[i], errs)) for i in range(clients)
    ]
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t
    all_lat = [x for xs in lat for x in xs]
    return {
        "requests": len(all_lat),
        "rps": len(all_lat) / wall,
        "p50_ms": percentile(all_lat, 50),
        "p99_ms": percentile(all_lat, 99),
        "errors": len(errs),
        "statuses": sorted(set(errs)),
    }


def serve_bench(store: Path, queries: dict[str, str], seconds: float) -> dict[str, Any]:
    """kg serve (with its response cache, and without), and oxigraph serve-read-only, one after
    the other, on the same store."""
    res: dict[str, Any] = {}
    # --quiet: no access log, as oxigraph serve writes none
    kg = [str(BIN / "kg"), "--store", str(store), "serve", "--quiet",
          "--result-limit", "1000000", "--query-timeout", "60"]  # fmt: skip
    servers: list[tuple[str, Callable[[int], list[str]], str]] = [
        ("kg serve", lambda port: [*kg, "--port", str(port)], "/sparql"),
        ("kg serve --no-cache", lambda port: [*kg, "--port", str(port), "--no-cache"], "/sparql"),
        (
            "oxigraph serve-read-only",
            lambda port: [str(BIN / "oxigraph"), "serve-read-only", "--location", str(store / "oxigraph"),
                          "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
            "/query",
        ),
    ]  # fmt: skip
    for label, cmd, endpoint in servers:
        with tempfile.TemporaryFile() as log:  # the server's messages, for the error if it does not answer
            res[label] = _serve_one(label, cmd(free_port()), endpoint, queries, seconds, log)
    return res


def _serve_one(
    label: str, cmd: list[str], endpoint: str, queries: dict[str, str], seconds: float, log: Any
) -> dict[str, Any]:
    """Start one server (its port is the value after --port or --bind's colon), load it, stop it."""
    from stepper import peak_rss_mb

    port = int(
        cmd[cmd.index("--port") + 1] if "--port" in cmd else cmd[cmd.index("--bind") + 1].rsplit(":", 1)[1]
    )
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log, cwd=ROOT)
    try:
        try:
            wait_http(port, endpoint + "?query=" + urllib.parse.quote("ASK {}"), timeout=180)
        except RuntimeError as exc:
            log.seek(0)
            said = log.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"{label}: {exc} (exit {proc.poll()}); it said: {said or 'nothing'}") from exc
        rows: dict[str, Any] = {}
        for qname, text in queries.items():
            rows[qname] = load_test(port, endpoint + "?query=" + urllib.parse.quote(text), seconds)
        rows["peak_rss_mb"] = peak_rss_mb(proc.pid)
        return rows
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def inline_example(name: str, store: Path) -> str:
    """A saved query's text with its example parameters bound as a VALUES block, for endpoints."""
    from kg.query.run import bind
    from kg.query.saved import load_queries
    from kg.sparql_text import inject_values
    from kg.store.core import StoreSettings, open_store

    q = load_queries()[name]
    with open_store(StoreSettings(store, create=False, read_only=True)) as st:
        bound = bind(q, q.example or None, st)
    return inject_values(q.sparql, {k: list(v) for k, v in bound.items()}) if bound else q.sparql


# -- the whole run --------------------------------------------------------------------------------
def machine() -> dict[str, Any]:
    import pyoxigraph
    import pyshacl
    import rdflib

    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    from kg import __version__

    oxv = subprocess.run([str(BIN / "oxigraph"), "--version"], capture_output=True, text=True).stdout.strip()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": mem,
        "os": platform.platform(),
        "python": platform.python_version(),
        "kg": __version__,
        "pyoxigraph": pyoxigraph.__version__,
        "oxigraph_server": oxv,
        "rdflib": rdflib.__version__,
        "pyshacl": pyshacl.__version__,
        "load_average_at_start": os.getloadavg(),
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
    }


def plan(out: Path, quick: bool, res: dict[str, Any]) -> list[Any]:
    """The steps of the run, in order, with their estimates (wall seconds on this 2-core machine,
    idle, full scale / --quick; see benchmarks/stepper.py)."""
    from stepper import Step

    munis = 30 if quick else None
    national, store, store10 = out / "national", out / "store-national", out / "store-x10"
    names = sorted(_all_queries())
    budget = 2.0 if quick else 3.0

    def cap(estimate: float) -> float:  # a step in its own process is stopped past this
        return max(600.0, 5 * estimate)

    def serve() -> dict[str, Any]:
        measured = res.get("queries_national", {}).get("queries", {})
        # the cheapest and the dearest whole result (what an endpoint evaluates), not the repeated
        # first page (the result cache makes every one of those cheap)
        ok = {
            n: v["full_ms"] for n, v in measured.items()
            if "full_ms" in v and not any(p.required for p in _query(n).parameters)
        }  # fmt: skip
        cheap, dear = (min(ok, key=ok.__getitem__), max(ok, key=ok.__getitem__)) if ok else SERVE_FALLBACK
        texts = {
            f"{cheap} (cheap)": inline_example(cheap, store),
            f"{dear} (expensive)": inline_example(dear, store),
        }
        return serve_bench(store, texts, 5.0 if quick else 20.0)

    def rdflib() -> dict[str, Any]:
        bindings = run_step("bindings", {"store": str(store)}, timeout=600)
        return rdflib_queries(out / "national-nq", names, bindings, cap_s=5.0, load_cap_s=300)

    def startup() -> dict[str, Any]:
        from bench_startup import startup_table

        return startup_table(runs=5 if quick else 11)

    def proc(
        key: str,
        label: str,
        full: float,
        quick_s: float,
        step: str,
        args: dict[str, Any],
        needs: tuple[str, ...] = (),
    ) -> Step:
        """A step run in its own process (``run.py --step``), stopped past :func:`cap`."""
        limit = cap(quick_s if quick else full)
        return Step(key, label, full, quick_s, lambda: run_step(step, args, timeout=limit), needs)

    gen = {"out": str(out), "municipalities": munis, "x10_scale": 2 if quick else 10}
    nq, st, st10 = str(out / "national-nq"), str(store), str(store10)
    imp = ("kg_import",)
    return [
        proc("generate", "generate the national (Turtle, N-Quads) and 10x (N-Quads) corpora", 70, 15,
             "generate", gen),
        proc("kg_import", "kg import of the national corpus (promises, follow-ups), then again unchanged",
             180, 20, "kg_import", {"store": st, "corpus": str(national)}),
        proc("shape_change", "import after one shape changed: every document validated again (a store copy)",
             240, 25, "shape_change", {"store": st, "copy": str(out / "store-shape"),
                                       "corpus": str(national)}, needs=imp),
        proc("quality", "kg quality, national", 40, 10,
             "quality", {"store": st, "runs": 3 if quick else 7}, needs=imp),
        proc("publish", "kg publish to oxigraph serve and Virtuoso, beside their bulk loaders", 420, 50,
             "publish", {"store": st, "work": str(out / "publish")}, needs=imp),
        proc("engines", "every saved query on the embedded store, oxigraph serve and Virtuoso", 240, 50,
             "engines", {"store": st, "work": str(out / "engines"), "runs": 1 if quick else 3,
                         "defaults": True}, needs=imp),
        proc("naive", "the naive path (rdflib + pySHACL per document) on a sample", 35, 30,
             "naive", {"corpus": str(national), "sample": 40 if quick else 100, "stride": 23}),
        proc("raw_disk", "raw pyoxigraph bulk load of the national N-Quads, on disk", 10, 3,
             "raw_load", {"corpus": nq, "disk": True, "store": str(out / "raw-disk")}),
        proc("raw_memory", "raw pyoxigraph bulk load of the national N-Quads, in memory", 8, 3,
             "raw_load", {"corpus": nq, "disk": False}),
        proc("x10_load", "the 10x store (bulk load)", 80, 5,
             "kg_bulk", {"store": st10, "corpus": str(out / "x10-nq")}),
        Step("queries_national", "every saved query, national: first page cold (example, defaults), rows",
             150, 100, lambda: kg_queries(store, names, 20, budget, cap_s=20.0), needs=imp),
        Step("queries_x10", "every saved query, 10x: first page cold (example, defaults), rows", 250, 100,
             lambda: kg_queries(store10, names, 20, budget, cap_s=10.0), needs=("x10_load",)),
        Step("rdflib", "every saved query on rdflib, national (capped)", 150, 60, rdflib, needs=imp),
        Step("serve", "kg serve (cached, --no-cache) vs oxigraph serve-read-only", 140, 40, serve, needs=imp),
        Step("startup", "start-up of the command line (whole processes)", 60, 60, startup),
    ]  # fmt: skip


SERVE_FALLBACK = ("promises", "documents")
"""The two queries served when the national queries were not measured (cheap, expensive)."""


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="kg benchmarks (make bench)")
    ap.add_argument("--out", type=Path, default=HERE / "out")
    ap.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    ap.add_argument("--quick", action="store_true", help="30 municipalities, 10x = scale 2, short runs")
    ap.add_argument("--skip-generate", action="store_true", help="use the corpora already in --out")
    ap.add_argument("--plan", action="store_true", help="print the steps and their estimates, run nothing")
    ap.add_argument("--only", action="append", default=[], metavar="STEP", help="run only these steps")
    ap.add_argument("--skip", action="append", default=[], metavar="STEP", help="leave these steps out")
    ap.add_argument(
        "--resume",
        action="store_true",
        help="keep the results in --out/results.json and run only the steps that have none "
        "(with --only: those steps, the other results kept)",
    )
    ap.add_argument("--step", help=argparse.SUPPRESS)
    ap.add_argument("--args", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.step:
        signal.signal(signal.SIGTERM, _stop_on_sigterm)
        fn = globals()[f"step_{args.step}"]
        result = fn(json.loads(args.args))
        sys.stdout.write(json.dumps(result) + "\n")
        return 0

    from stepper import describe, run_plan

    out: Path = args.out.resolve()  # the steps' servers run in folders of their own
    quick = args.quick
    json_path = out / "results.json"
    res: dict[str, Any] = {}
    if args.resume and json_path.exists():
        res = json.loads(json_path.read_text(encoding="utf-8"))
        if bool(res.get("quick")) != quick:
            ap.error(
                f"{json_path} is from a {'--quick' if res.get('quick') else 'full'} run; resume it as one"
            )
    steps = plan(out, quick, res)
    known = {s.key for s in steps}
    for key in [*args.only, *args.skip]:
        if key not in known:
            ap.error(f"no step {key!r}; the steps: {', '.join(s.key for s in steps)}")
    skip = set(args.skip) | ({"generate"} if args.skip_generate else set())
    steps = [s for s in steps if (not args.only or s.key in args.only) and s.key not in skip]
    if args.resume and not args.only:  # --only runs its steps again, with or without results
        steps = [s for s in steps if s.key not in res or s.key in res.get("failures", {})]
    if args.plan:
        print("\n".join(describe(steps, quick)))
        return 0

    out.mkdir(parents=True, exist_ok=True)
    res.update(
        machine=machine(), quick=quick, command="make bench" + (" BENCH_ARGS=--quick" if quick else "")
    )
    res["query_tags"] = {n: list(_query(n).tags) for n in _all_queries()}
    t_all = time.perf_counter()

    def log(msg: str) -> None:
        sys.stderr.write(f"[{time.strftime('%H:%M:%S')} {time.perf_counter() - t_all:6.0f} s] {msg}\n")
        sys.stderr.flush()

    for line in describe(steps, quick):
        log(line)
    not_done = run_plan(steps, res, json_path, quick=quick, log=log)
    res["total_s"] = sum(res.get("step_seconds", {}).values())
    res["load_average_at_end"] = os.getloadavg()
    from stepper import write_json

    write_json(json_path, res)
    from report import write_report

    write_report(res, args.results)
    log(f"done: {args.results}" + (f"; not measured: {', '.join(not_done)}" if not_done else ""))
    return 1 if not_done else 0


def _all_queries() -> list[str]:
    from kg.query.saved import load_queries

    return list(load_queries())


def _query(name: str) -> Any:
    from kg.query.saved import load_queries

    return load_queries()[name]


if __name__ == "__main__":
    sys.exit(main())
