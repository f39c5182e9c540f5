"""The derived facts and the catalogue record a worker writes as N-Quads (kg.ingest.prepare,
``Document.derived`` and ``Document.record``) make the same store as the quads the importer's
write used to build itself (kg.store.catalogue.record_change): an import of a sample of the
benchmark corpus (promises with pairs of areas, follow-ups) compared, quad for quad, with the same
documents written with those N-Quads left out; and, with the import's moment given, quad for
quad including the moments, also when a report's counts are not those the worker wrote with."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pyoxigraph as ox

from kg.documents.codec import unpack
from kg.documents.load import Document
from kg.ingest import importer
from kg.ingest.files import expand_paths
from kg.ingest.importer import ImportOptions, Status, import_paths
from kg.ingest.prepare import Job, prepare_files
from kg.iris import Minter
from kg.store.catalogue import import_moment
from kg.store.core import GraphStore, StoreSettings, open_store
from kg.store.system import ensure_system_graphs
from kg.validation.fingerprint import import_context, validator_digest
from kg.validation.validator import default_validator
from tests.query_fixtures import bench_generate


def _lines(store: GraphStore, *, moments: bool = False) -> list[bytes]:
    out = io.BytesIO()
    store.dump(out, ox.RdfFormat.N_QUADS)
    # The import's moment is the only thing two imports may differ in.
    return sorted(
        line
        for line in out.getvalue().splitlines()
        if moments or (b"/dc/terms/issued>" not in line and b"/dc/terms/modified>" not in line)
    )


def test_worker_nquads_give_the_store_the_write_built(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    bench_generate().generate(corpus, scale=1, municipalities=3)
    minter = Minter()
    validator = default_validator()

    with open_store(StoreSettings(None)) as store:
        summary = import_paths(
            [corpus], store=store, minter=minter, validator=validator, options=ImportOptions()
        )
        assert {o.status for o in summary.outcomes} == {Status.imported}
        kinds = {o.doc_id.split("/")[0] for o in summary.outcomes if o.doc_id}
        assert kinds == {"promise", "followup"}
        imported = _lines(store)

    files = expand_paths([corpus])
    docs = [d for r in prepare_files(files, Job(minter.base), validator) for d in r.docs]
    assert len(docs) == len(summary.outcomes)
    assert all(d.derived_nquads() for d in docs)  # every document has derived facts, written by the worker
    assert all(d.record is None for d in docs)  # no moment given: no record
    # no worker's N-Quads at all, nor the lines the follow-up state reads: the write makes them
    bare = [dataclasses.replace(d, derived=None, state_lines=None) for d in docs]
    context = import_context(validator_digest(validator), fmt=None, municipality=None, police_area=None)
    with open_store(StoreSettings(None)) as store:
        ensure_system_graphs(store, minter)
        valid = [(d, d.report) for d in bare if d.report is not None]
        assert len(valid) == len(bare)
        outcomes = importer._write(store, minter, valid, {}, context)
        assert {o.status for o in outcomes} == {Status.imported}
        built = _lines(store)

    for name in (b"/factsOf>", b"/summaryOf>", b"/pairFirst>"):
        assert any(name in line for line in built), name
    assert imported == built


def test_worker_records_give_the_store_record_change_built(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    bench_generate().generate(corpus, scale=1, municipalities=2)
    minter = Minter()
    validator = default_validator()
    context = import_context(validator_digest(validator), fmt=None, municipality=None, police_area=None)
    moment = import_moment()
    files = expand_paths([corpus])
    job = Job(minter.base, moment=moment, context=context)
    docs = [d for r in prepare_files(files, job, validator) for d in r.docs]
    assert docs and all(d.record is not None and d.report is not None for d in docs)

    def write(documents: list[Document]) -> list[bytes]:
        with open_store(StoreSettings(None)) as store:
            ensure_system_graphs(store, minter)
            valid = [(d, d.report) for d in documents if d.report is not None]
            outcomes = importer._write(store, minter, valid, {}, context, moment=moment)
            assert [o.status for o in outcomes] == [Status.imported] * len(documents)
            return _lines(store, moments=True)

    from_workers = write(docs)
    assert any(b"/revisionOf>" in line for line in from_workers)
    # the write's own quads: no worker N-Quads at all
    built = write([dataclasses.replace(d, derived=None, record=None) for d in docs])
    assert from_workers == built
    # a record written with other counts (a follow-up validated again) is not used
    stale = [dataclasses.replace(d, record=({"violation": 99}, d.record[1])) if d.record else d for d in docs]
    assert write(stale) == built
    # one bulk load a document, each with the follow-up state its own text gives
    # (OxigraphStore.add_nquads reading the load's lines, a stored state replaced after it)
    with open_store(StoreSettings(None)) as store:
        ensure_system_graphs(store, minter)
        for d in docs:
            assert d.record is not None
            store.add_nquads(d.nquads() + unpack(d.record[1]) + d.derived_nquads())
        assert _lines(store, moments=True) == built
