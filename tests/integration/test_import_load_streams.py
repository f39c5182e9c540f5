"""An import writes its new documents in two streams of bulk loads at once (kg.ingest.bulk,
two threads): the store it makes is the one-thread import's, quad for quad; the documents that
touch a promise are all in one stream, so that whichever loads of each stream a kill leaves
written (each stream's first ones), every follow-up state written is the one the written
documents give and a missing one is noticed (state_complete); a load that fails stops the
import with its error, the other stream's load finished and no other started."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
from query_fixtures import bench_generate

import kg.ingest.importer as importer
from kg.documents.codec import unpack
from kg.documents.load import Document
from kg.ingest.bulk import NewDocument, load_new, plan_loads
from kg.ingest.files import RealPaths, expand_paths
from kg.ingest.importer import ImportOptions, Status, import_paths
from kg.ingest.prepare import Job, prepare_files
from kg.iris import Minter
from kg.namespaces import OX
from kg.store.catalogue import import_moment
from kg.store.core import OxigraphStore, StoreSettings, open_store
from kg.store.followup_state import state_change, state_complete, state_prefix
from kg.store.state_loads import touched_by
from kg.store.system import ensure_system_graphs
from kg.validation.fingerprint import import_context, validator_digest
from kg.validation.validator import default_validator

MINTER = Minter()
PER_WRITE = 7


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    bench_generate().generate(out, scale=1, municipalities=4)
    return out


def _dump(store: OxigraphStore) -> list[bytes]:
    out = io.BytesIO()
    store.dump(out, ox.RdfFormat.N_QUADS)
    return sorted(out.getvalue().splitlines())


def test_two_streams_make_the_store_of_one(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    moment = import_moment()
    monkeypatch.setattr(importer, "import_moment", lambda: moment)  # one moment for both imports
    validator = default_validator()
    dumps = {}
    for threads in (1, 2):
        with open_store(StoreSettings(tmp_path / f"store-{threads}")) as store:
            summary = import_paths(
                [corpus],
                store=store,
                minter=MINTER,
                validator=validator,
                options=ImportOptions(write_batch=PER_WRITE, write_threads=threads),
            )
            assert {o.status for o in summary.outcomes} == {Status.imported}
            assert state_complete(store, MINTER)
            dumps[threads] = _dump(store)
    assert len(summary.outcomes) > 8 * PER_WRITE  # several loads in each stream
    assert dumps[1] == dumps[2]
    assert any(b"/followup-state/" in line for line in dumps[2])


def _documents(corpus: Path) -> list[Document]:
    validator = default_validator()
    context = import_context(validator_digest(validator), fmt=None, municipality=None, police_area=None)
    job = Job(MINTER.base, moment=import_moment(), context=context)
    docs = [d for r in prepare_files(expand_paths([corpus]), job, validator) for d in r.docs]
    assert docs and all(d.record is not None and d.state_lines is not None for d in docs)
    return docs


def _items(docs: list[Document]) -> list[NewDocument]:
    out = []
    for doc in docs:
        assert doc.record is not None
        out.append(NewDocument(doc, dict(doc.record[0]), unpack(doc.record[1])))
    return out


def _data(items: list[NewDocument], state: bytes) -> bytes:
    return b"".join(i.doc.nquads() + (i.record or b"") + i.doc.derived_nquads() for i in items) + state


def _state_by_promise(raw: ox.Store) -> dict[str, set[str]]:
    prefix = "<" + state_prefix(MINTER)
    out: dict[str, set[str]] = {}
    for q in raw.quads_for_pattern(None, None, None, ox.NamedNode(str(MINTER.catalogue_graph))):
        if str(q.subject).startswith(prefix):
            out.setdefault(str(q.subject).split("/followup-state/")[1][:20], set()).add(str(q))
    return out


def _fresh(raw: ox.Store) -> dict[str, set[str]]:
    named = {q.object for q in raw.quads_for_pattern(None, OX.mbl.summarisedPromise, None, None)}
    change = state_change(raw, [p for p in named if isinstance(p, ox.NamedNode)], MINTER)
    out: dict[str, set[str]] = {}
    for q in change.insert:
        if "/followup-state/" in str(q.subject):  # not a shared node of counts
            out.setdefault(str(q.subject).split("/followup-state/")[1][:20], set()).add(str(q))
    return out


def test_a_kill_leaves_each_state_right_or_noticed(corpus: Path, tmp_path: Path) -> None:
    # follow-ups before their promises (as their files sort), so that a promise's documents
    # spread over several loads of its stream
    docs = sorted(_documents(corpus), key=lambda d: (d.kind != "followup", d.doc_id))
    items = _items(docs)
    with open_store(StoreSettings(tmp_path / "plan")) as store:
        ensure_system_graphs(store, MINTER)
        plan = plan_loads(store, MINTER, items, per_write=PER_WRITE, streams=2)
    assert not plan.change and len(plan.streams) == 2
    a, b = plan.streams
    assert min(len(a), len(b)) >= 3 and sorted(a + b) == list(range(len(plan.loads)))
    # each stream's documents touch promises of its own only
    sides = []
    for stream in plan.streams:
        quads = [[q for i in stream for it in plan.loads[i] for q in _lines(it.doc)]]
        sides.append(touched_by(ox.Store(), quads)[0])
    assert sides[0] and sides[1] and not sides[0] & sides[1]
    # a state that goes into a later load than one of its promise's documents
    assert any(s and i > 0 for i, s in enumerate(plan.states))
    incomplete = 0
    # every (first n of stream a, first m of stream b) a kill can leave, a few n and every m
    for n in sorted({0, 1, len(a) // 2, len(a)}):
        with open_store(StoreSettings(tmp_path / f"kill-{n}")) as store:
            ensure_system_graphs(store, MINTER)
            raw = store.raw
            for i in a[:n]:
                store.add_nquads(_data(plan.loads[i], plan.states[i]), state=False)
            for m in range(len(b) + 1):
                if m:
                    i = b[m - 1]
                    store.add_nquads(_data(plan.loads[i], plan.states[i]), state=False)
                stored, fresh = _state_by_promise(raw), _fresh(raw)
                # every state written is the one the store's documents give now
                assert all(stored[p] == fresh.get(p) for p in stored), (n, m)
                complete = state_complete(store, MINTER)
                assert complete == (set(stored) == set(fresh)), (n, m)
                incomplete += not complete
    assert incomplete and complete and n == len(a)  # all written: complete


def _lines(doc: Document) -> list[ox.Quad]:
    assert doc.state_lines is not None
    return list(ox.parse(unpack(doc.state_lines), format=ox.RdfFormat.N_QUADS))


@pytest.mark.parametrize("threads", [1, 2])
def test_a_failing_load_stops_the_import_with_its_error(corpus: Path, tmp_path: Path, threads: int) -> None:
    items = _items(_documents(corpus))
    with open_store(StoreSettings(tmp_path / "plan")) as store:
        ensure_system_graphs(store, MINTER)
        plan = plan_loads(store, MINTER, items, per_write=PER_WRITE, streams=threads)
    # the second load of the first stream cannot be parsed
    broken = plan.streams[0][1]
    bad = plan.loads[broken][0]
    bad.record = b"<urn:x:a> <urn:x:b> this is not N-Quads .\n"
    index = {tuple(it.doc.doc_id for it in load): i for i, load in enumerate(plan.loads)}
    reported: list[int] = []
    with open_store(StoreSettings(tmp_path / "store")) as store:
        ensure_system_graphs(store, MINTER)
        before = store.generation
        with pytest.raises(SyntaxError):
            load_new(
                store,
                MINTER,
                items,
                per_write=PER_WRITE,
                real=RealPaths(),
                context="",
                moment=import_moment(),
                loaded=lambda load: reported.append(index[tuple(it.doc.doc_id for it in load)]),
                threads=threads,
            )
        assert not [t for t in threading.enumerate() if t.name.startswith("kg-load")]
        written = [all(store.has_graph(it.doc.graph_iri) for it in load) for load in plan.loads]
        partly = [any(store.has_graph(it.doc.graph_iri) for it in load) for load in plan.loads]
        assert written == partly  # each load written whole or not at all
        assert not written[broken]
        for stream in plan.streams:  # each stream's first loads, one after the other
            done = [written[i] for i in stream]
            assert done == sorted(done, reverse=True)
        first = plan.streams[0]
        assert not any(written[i] for i in first[first.index(broken) :])
        # told in order, each load once it and every one before it were written
        assert reported == list(range(len(reported))) and all(written[i] for i in reported)
        assert broken not in reported
        # bumped once as the plan reads the store, twice by each load tried (no bump lost)
        assert store.generation == before + 1 + 2 * (sum(written) + 1)


def test_no_new_document_is_no_load(tmp_path: Path) -> None:
    told: list[object] = []
    with open_store(StoreSettings(tmp_path / "store")) as store:
        ensure_system_graphs(store, MINTER)
        before = len(store.raw)
        load_new(
            store,
            MINTER,
            [],
            per_write=PER_WRITE,
            real=RealPaths(),
            context="",
            moment=import_moment(),
            loaded=told.append,
        )
        assert not told and len(store.raw) == before
