"""A first import computes the promises' follow-up state once for all its bulk loads
(kg.ingest.bulk, kg.store.followup_state.load_state), from the lines its workers picked out of
each document (Document.state_lines) instead of the loads' whole text: those lines are the ones
the state reads in the load; each promise's state goes into the load of the last document that
touches it, so a kill between two loads leaves every written state equal to the one computed
afresh and the missing ones noticed (state_complete); and after the last load the state is the
one computed afresh."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from query_fixtures import bench_generate

from kg.documents.codec import unpack
from kg.documents.load import Document
from kg.ingest.files import expand_paths
from kg.ingest.prepare import Job, prepare_files
from kg.iris import Minter
from kg.namespaces import OX
from kg.store.catalogue import import_moment
from kg.store.core import StoreSettings, open_store
from kg.store.followup_state import load_state, loaded_quads, state_change, state_complete, state_prefix
from kg.store.system import ensure_system_graphs
from kg.validation.fingerprint import import_context, validator_digest
from kg.validation.validator import default_validator

MINTER = Minter()


def _documents(tmp_path: Path, municipalities: int) -> list[Document]:
    corpus = tmp_path / "corpus"
    bench_generate().generate(corpus, scale=1, municipalities=municipalities)
    validator = default_validator()
    context = import_context(validator_digest(validator), fmt=None, municipality=None, police_area=None)
    job = Job(MINTER.base, moment=import_moment(), context=context)
    docs = [d for r in prepare_files(expand_paths([corpus]), job, validator) for d in r.docs]
    assert docs and all(d.record is not None and d.state_lines is not None for d in docs)
    return docs


def _load(doc: Document) -> bytes:
    assert doc.record is not None
    return doc.nquads() + unpack(doc.record[1]) + doc.derived_nquads()


def _lines(doc: Document) -> list[ox.Quad]:
    assert doc.state_lines is not None
    return list(ox.parse(unpack(doc.state_lines), format=ox.RdfFormat.N_QUADS))


def test_the_workers_lines_are_those_the_state_reads_in_the_load(tmp_path: Path) -> None:
    docs = _documents(tmp_path, 2)
    for doc in docs:
        assert sorted(map(str, _lines(doc))) == sorted(map(str, loaded_quads(_load(doc)))), doc.doc_id
    predicates = {q.predicate for d in docs for q in _lines(d)}
    assert {OX.mbl.activity, OX.mbl.summarisedPromise, OX.mbl.summaryPeriodEnd} <= predicates


def _state_by_promise(raw: ox.Store) -> dict[str, set[str]]:
    prefix = "<" + state_prefix(MINTER)
    out: dict[str, set[str]] = {}
    for q in raw.quads_for_pattern(None, None, None, ox.NamedNode(str(MINTER.catalogue_graph))):
        if str(q.subject).startswith(prefix):
            out.setdefault(str(q.subject).split("/followup-state/")[1][:20], set()).add(str(q))
    return out


def test_a_kill_between_loads_leaves_each_state_right_or_noticed(tmp_path: Path) -> None:
    docs = _documents(tmp_path, 3)
    # loads of five documents, follow-ups before their promises (as their files sort), the
    # follow-ups of a promise over several loads
    order = sorted(docs, key=lambda d: (d.kind != "followup", d.doc_id))
    loads = [order[i : i + 5] for i in range(0, len(order), 5)]
    with open_store(StoreSettings(tmp_path / "store")) as store:
        ensure_system_graphs(store, MINTER)
        raw = store.raw
        states, change = load_state(raw, [[q for d in load for q in _lines(d)] for load in loads], MINTER)
        assert not change  # nothing stored: every state goes into a load
        assert sum(1 for s in states if s) > 1
        incomplete = 0
        for load, state in zip(loads, states, strict=True):
            store.add_nquads(b"".join(_load(d) for d in load) + state, state=False)
            named = {q.object for q in raw.quads_for_pattern(None, OX.mbl.summarisedPromise, None, None)}
            fresh_change = state_change(raw, [p for p in named if isinstance(p, ox.NamedNode)], MINTER)
            fresh: dict[str, set[str]] = {}
            for q in fresh_change.insert:
                if "/followup-state/" not in str(q.subject):
                    continue  # a shared node of counts (kg.store.state_counts), no promise's own
                fresh.setdefault(str(q.subject).split("/followup-state/")[1][:20], set()).add(str(q))
            stored = _state_by_promise(raw)
            # every state written is the one the store's documents give now
            assert all(stored[p] == fresh[p] for p in stored), sorted(set(stored) - set(fresh))
            # and a promise whose state is still to come makes the store's state incomplete
            complete = state_complete(store, MINTER)
            assert complete == (set(stored) == set(fresh))
            incomplete += not complete
        assert incomplete  # some load left a promise's state to a later one
        assert _state_by_promise(raw) == fresh and state_complete(store, MINTER)
