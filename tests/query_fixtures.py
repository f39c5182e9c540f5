"""The datasets of the saved-query tests: the fixture dataset (system graphs, the worked example,
the documents in tests/fixtures/queries/, one named graph each, and their catalogue records) and
a small corpus made by benchmarks/generate.py, each built once per test run."""

from __future__ import annotations

import fcntl
import functools
import hashlib
import importlib.util
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pyoxigraph as ox
import pytest
from oxigraph_server import OxigraphServer

from kg.ingest.importer import ImportOptions, import_paths
from kg.iris import Minter
from kg.query.results import ResultTable
from kg.query.run import run_saved
from kg.query.saved import SavedQuery
from kg.store.catalogue import RecordFields, record_change
from kg.store.core import ChangeSet, OxigraphStore, StoreSettings, open_store
from kg.store.derived_kinds import compute_facts
from kg.store.system import ensure_system_graphs
from kg.validation.validator import default_validator

REPO = Path(__file__).resolve().parent.parent
FIXTURE_DIR = Path(__file__).resolve().parent / "fixtures" / "queries"
EXAMPLE = REPO / "examples" / "nykoping-2025-2026.ttl"
TIMESTAMP = "2026-01-15T10:00:00Z"
# validation counts the catalogue records claim (the Södertälje fixture has gaps on purpose)
COUNTS = {"promise/0181-2024-2025": {"violation": 0, "warning": 2, "info": 1}}

MBL = "https://w3id.org/medborgarlofte/def/"
DCT = "http://purl.org/dc/terms/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def fixture_files() -> list[Path]:
    return [EXAMPLE, *sorted(FIXTURE_DIR.glob("*.ttl"))]


def _document(quads: list[ox.Quad]) -> str:
    """The IRI of the promise or follow-up a fixture file describes."""
    for kind in ("CitizenPromise", "FollowUp"):
        for q in quads:
            if q.predicate.value == RDF_TYPE and q.object == ox.NamedNode(MBL + kind):
                return str(q.subject.value)
    raise ValueError("no mbl:CitizenPromise or mbl:FollowUp in the fixture")


def _one(quads: list[ox.Quad], subject: str, predicate: str) -> str | None:
    for q in quads:
        if q.subject.value == subject and q.predicate.value == predicate:
            return str(q.object.value)
    return None


def load_fixtures(store: OxigraphStore, minter: Minter | None = None) -> list[str]:
    """Load the fixture documents into ``store``; returns their document IDs."""
    minter = minter or Minter()
    ensure_system_graphs(store, minter)
    ids: list[str] = []
    for path in fixture_files():
        data = path.read_bytes()
        triples = list(ox.parse(data, format=ox.RdfFormat.TURTLE))
        doc = _document([ox.Quad(t.subject, t.predicate, t.object) for t in triples])
        doc_id = minter.doc_id_of(doc)
        graph = str(minter.document_graph(doc_id))
        g = ox.NamedNode(graph)
        quads = [ox.Quad(t.subject, t.predicate, t.object, g) for t in triples]
        flat = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
        promise = _one(flat, doc, MBL + "followsUp") or doc
        municipality = _one(flat, promise, MBL + "municipality")
        if municipality is None:  # a follow-up names its promise; the promise is loaded first or later
            municipality = str(minter.municipality_org(doc_id.split("/")[1].split("-")[0]))
        code = municipality.rsplit("-", 1)[-1]
        fields = RecordFields(
            doc_id=doc_id,
            document=doc,
            kind="followup" if doc_id.startswith("followup/") else "promise",
            source=f"fixtures/{path.name}",
            file_name=path.name,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            counts=COUNTS.get(doc_id, {"violation": 0, "warning": 0, "info": 0}),
            municipality=municipality,
            territory=str(minter.municipality_place(code)),
            period=_one(flat, doc, DCT + "temporal"),
            example=_one(flat, doc, MBL + "isExample") in ("true", "1"),
        )
        record = record_change(
            minter,
            fields,
            previous=None,
            timestamp=TIMESTAMP,
            derived=compute_facts("followup" if doc_id.startswith("followup/") else "promise", flat),
        )
        store.apply(
            ChangeSet(replace={graph: quads}, insert=record.insert, delete_subjects=record.delete_subjects)
        )
        ids.append(doc_id)
    return ids


@pytest.fixture(scope="session")
def fixture_disk_store(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], Path]:
    """``make(path)``: a new on-disk store at ``path`` (closed) holding the fixture dataset, as
    :func:`load_fixtures` writes it. The session loads it once and copies the folder for each
    caller: loading the system graphs again costs a third of a second of CPU and a second of
    writes on a busy machine, a copy a tenth of that."""
    made: list[Path] = []

    def make(path: Path) -> Path:
        if not made:
            template = tmp_path_factory.mktemp("fixture-store") / "store"
            with open_store(StoreSettings(template)) as store:
                load_fixtures(store)
            made.append(template)
        shutil.copytree(made[0], path)
        return path

    return make


def fixture_store() -> OxigraphStore:
    """A new in-memory store with the fixture dataset."""
    store = open_store(StoreSettings(None))
    load_fixtures(store)
    return store


BUNDLED = [EXAMPLE, REPO / "data" / "seeds", REPO / "data" / "followups"]
"""What ``make run`` imports (its ``BUNDLED``): the example, the seed extractions, the follow-ups."""


def bundled_store(path: Path | None = None) -> OxigraphStore:
    """A new store (in memory, or on disk at ``path``) as ``make run`` leaves it: the bundled
    documents through the real importer (validated), with the catalogue's import times set to
    :data:`TIMESTAMP` so that the documented outputs do not change with the hour of the run."""
    store = open_store(StoreSettings(path))
    minter = Minter()
    summary = import_paths([str(p) for p in BUNDLED], store=store, minter=minter)
    assert not summary.has_errors, summary.as_dict()
    catalogue = ox.NamedNode(str(minter.catalogue_graph))
    modified = ox.NamedNode(DCT + "modified")
    old = list(store.raw.quads_for_pattern(None, modified, None, catalogue))
    for q in old:
        store.raw.remove(q)
        store.raw.add(
            ox.Quad(q.subject, q.predicate, ox.Literal(TIMESTAMP, datatype=q.object.datatype), catalogue)
        )  # type: ignore[union-attr]
    return store


def write_nquads(store: OxigraphStore, path: Path) -> Path:
    with path.open("wb") as out:
        store.dump(out, ox.RdfFormat.N_QUADS)
    return path


@pytest.fixture(scope="session")
def query_store() -> Iterator[OxigraphStore]:
    """The fixture dataset in an in-memory store (shared by the session: do not write to it)."""
    store = fixture_store()
    yield store
    store.close()


@pytest.fixture(scope="session")
def query_server(
    query_store: OxigraphStore,
    tmp_path_factory: pytest.TempPathFactory,
    oxigraph_server_factory: Callable[[Path | None], OxigraphServer],
) -> OxigraphServer:
    """A real ``oxigraph serve`` on 127.0.0.1 loaded with the same fixture dataset."""
    data = write_nquads(query_store, tmp_path_factory.mktemp("query-data") / "fixtures.nq")
    return oxigraph_server_factory(data)


@functools.cache
def bench_generate() -> ModuleType:
    """benchmarks/generate.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "benchmarks" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_generate"] = module
    spec.loader.exec_module(module)
    return module


CORPUS_MUNICIPALITIES = 12
"""The small corpus: the first 12 municipalities of the benchmark's national one, 96 promises."""


def _import_corpus(folder: Path) -> OxigraphStore:
    bench_generate().generate(folder, scale=1, municipalities=CORPUS_MUNICIPALITIES)
    store = open_store(StoreSettings(None))
    minter = Minter()
    ensure_system_graphs(store, minter)
    summary = import_paths(
        [folder], store=store, minter=minter, validator=default_validator(), options=ImportOptions()
    )
    assert not summary.has_errors, summary.as_dict()
    assert summary.outcomes and {str(o.status) for o in summary.outcomes} == {"imported"}
    return store


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    """The small corpus through the real importer (validated), in an in-memory store (shared by
    the session: do not write to it). The first test process of a run that needs it imports it
    and leaves its N-Quads in the run's temporary folder; the other processes load those."""
    base = tmp_path_factory.getbasetemp()
    run = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # shared by the run's workers
    saved = run / "corpus.nq"
    with (run / "corpus.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if saved.is_file():
            store = open_store(StoreSettings(None))
            store.add_nquads(saved.read_bytes())
        else:
            store = _import_corpus(tmp_path_factory.mktemp("corpus"))
            write_nquads(store, saved.with_suffix(".part")).rename(saved)
    yield store
    store.close()


def assert_page_is_window(
    store: OxigraphStore,
    query: SavedQuery,
    params: dict[str, Any] | None,
    whole: ResultTable,
    limit: int,
    page: int,
) -> None:
    """Page ``page`` of ``limit`` rows of ``query`` (however it is read: keyset, dates, catalogue)
    is that window of the whole result ``whole``, and says whether rows follow."""
    got = run_saved(store, query, params, limit=limit, page=page, cache=None)
    start = (page - 1) * limit
    if got.rows:  # an empty page leaves out the columns of parameters no row binds
        assert got.variables == whole.variables
    assert got.rows == whole.rows[start : start + limit], f"{query.name} {params} limit {limit} page {page}"
    assert got.truncated == (len(whole.rows) > start + limit)
