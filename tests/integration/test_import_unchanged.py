"""Unchanged in a blink (issue 19 point 4): a file whose bytes and validation context are those of
its catalogue record is reported unchanged without being read or validated again; a changed
shape re-validates every document and says why."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

import kg.ingest.prepare as prepare_module
from kg import resources
from kg.ingest.importer import ImportOptions, Status, import_paths
from kg.iris import Minter
from kg.namespaces import OX
from kg.store.core import OxigraphStore, StoreSettings, open_store
from kg.validation.context import load_graph
from kg.validation.validator import Validator, default_validator

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLE = ROOT / "examples" / "nykoping-2025-2026.ttl"
FOLLOWUPS = ROOT / "data" / "followups"


class Spy:
    """Counts the files read (the real ``load_documents``) and the documents validated (the real
    ``Validator.validate``)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.read: list[Path] = []
        self.validated = 0
        real_load = prepare_module.load_documents
        real_validate = Validator.validate

        def load(path: Path, **kwargs: Any) -> Any:
            self.read.append(path)
            return real_load(path, **kwargs)

        def validate(validator: Validator, docs: Any, *args: Any, **kwargs: Any) -> Any:
            self.validated += len(docs)
            return real_validate(validator, docs, *args, **kwargs)

        monkeypatch.setattr(prepare_module, "load_documents", load)
        monkeypatch.setattr(Validator, "validate", validate)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The worked example and its two follow-ups, in a folder of their own."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder)
    for f in sorted(FOLLOWUPS.glob("*.yaml")):
        shutil.copy(f, folder)
    return folder


@pytest.fixture
def store(tmp_path: Path) -> Iterator[OxigraphStore]:
    with open_store(StoreSettings(tmp_path / "store")) as s:
        yield s


def _import(store: OxigraphStore, folder: Path, validator: Validator | None = None, **options: Any) -> Any:
    return import_paths(
        [folder], store=store, minter=Minter(), validator=validator, options=ImportOptions(**options)
    )


def test_unchanged_files_are_neither_read_nor_validated(
    store: OxigraphStore, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _import(store, corpus, default_validator())
    assert first.count(Status.imported) == 3, first.as_dict()
    spy = Spy(monkeypatch)
    pools: list[int] = []  # worker pools started: none for unchanged files, however many
    monkeypatch.setattr(prepare_module, "MIN_FILES_FOR_WORKERS", 1)
    monkeypatch.setattr(
        prepare_module, "ProcessPoolExecutor", lambda max_workers, **_: pools.append(max_workers)
    )
    again = _import(store, corpus, workers=2, batch_size=1)
    assert pools == []
    assert [o.status for o in again.outcomes] == [Status.unchanged] * 3
    assert {o.doc_id for o in again.outcomes} == {o.doc_id for o in first.outcomes}
    assert again.outcomes[0].counts == first.outcomes[0].counts  # the findings, from the record
    assert spy.read == [] and spy.validated == 0
    assert again.notes == []
    # the control: a changed file beside them is read and validated (the spy sees it)
    (corpus / EXAMPLE.name).write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("Fler narkotikabrott ska upptäckas.", "Färre brott."),
        encoding="utf-8",
    )
    changed = _import(store, corpus)
    assert spy.read[0].name == EXAMPLE.name
    assert spy.validated >= 1
    statuses = {o.path.name: o.status for o in changed.outcomes}
    assert statuses[EXAMPLE.name] is Status.updated


def _changed_shapes(tmp_path: Path) -> Validator:
    """A validator of the bundled shapes with one triple added to one of their files."""
    shapes = tmp_path / "shapes"
    shapes.mkdir()
    for f in resources.shape_files():
        shutil.copy(f, shapes)
    first = sorted(shapes.glob("*.ttl"))[0]
    first.write_text(
        first.read_text(encoding="utf-8")
        + '\n<https://example.org/changed-shape> <http://www.w3.org/2000/01/rdf-schema#comment> "ändrad" .\n',
        encoding="utf-8",
    )
    return Validator(shapes=load_graph(sorted(shapes.glob("*.ttl"))))


def test_a_changed_shape_revalidates_every_document_and_says_why(
    store: OxigraphStore, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _import(store, corpus, default_validator())
    changed = _changed_shapes(tmp_path)
    spy = Spy(monkeypatch)
    result = _import(store, corpus, changed)
    assert len(spy.read) == 3 and spy.validated == 3  # every document, follow-ups included
    assert [o.status for o in result.outcomes] == [Status.unchanged] * 3  # the bytes did not change
    assert len(result.notes) == 1 and "validated again" in result.notes[0]
    # the records now keep the new context: the next import with it reads nothing
    spy.read.clear()
    spy.validated = 0
    quiet = _import(store, corpus, changed)
    assert [o.status for o in quiet.outcomes] == [Status.unchanged] * 3
    assert spy.read == [] and spy.validated == 0 and quiet.notes == []


def test_records_rewritten_in_batches_leave_memory_batch_by_batch(
    store: OxigraphStore, corpus: Path, tmp_path: Path
) -> None:
    """An import that rewrites many records (every document validated again after a shape
    changed) writes each full batch out of RocksDB's write buffers into the store's files, so it
    holds about one batch's writes in memory, not all of them (the national corpus: 978 -> 424 MB,
    benchmarks/NOTES.md); the records read back right."""
    _import(store, corpus, default_validator())
    changed = _changed_shapes(tmp_path)
    files = tmp_path / "store"
    before = set(files.rglob("*.sst"))
    result = _import(store, corpus, changed, write_batch=1)
    assert [o.status for o in result.outcomes] == [Status.unchanged] * 3
    assert len(set(files.rglob("*.sst")) - before) >= 3  # one flush a batch, store still open
    assert _import(store, corpus, changed).notes == []  # the records keep the new context


def test_an_unchanged_followup_is_validated_again_with_its_changed_promise(
    store: OxigraphStore, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _import(store, corpus, default_validator())
    (corpus / EXAMPLE.name).write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("Fler narkotikabrott ska upptäckas.", "Färre brott."),
        encoding="utf-8",
    )
    spy = Spy(monkeypatch)
    result = _import(store, corpus)
    assert sorted(p.name for p in spy.read) == sorted(p.name for p in corpus.iterdir())
    assert {o.path.name: o.status for o in result.outcomes}[EXAMPLE.name] is Status.updated


def test_the_record_keeps_the_validation_context(store: OxigraphStore, corpus: Path) -> None:
    _import(store, corpus, default_validator())
    contexts = {
        q.object.value
        for q in store.quads(str(Minter().catalogue_graph))
        if q.predicate == OX.mbl.validationContext
    }
    assert len(contexts) == 1 and len(next(iter(contexts))) == 64


def test_the_catalogue_is_read_as_its_plain_query_reads_it(store: OxigraphStore, corpus: Path) -> None:
    """The catalogue query of an import (hash-joined scans, kg.ingest.unchanged) answers what its
    plain form answers, records without a validation context included."""
    from kg.ingest.unchanged import _STORED, _STORED_PLAIN, stored_records
    from kg.sparql_text import bound_query

    _import(store, corpus, default_validator())
    minter = Minter()
    cat = minter.graph_iri("catalogue")
    old = next(q for q in store.quads(cat) if q.predicate == OX.mbl.validationContext)
    store.raw.remove(old)  # a record written before the validation context existed
    values = {"cat": ox.NamedNode(cat)}
    rows = sorted(tuple(str(t) for t in row) for row in store.query(bound_query(_STORED, values)))
    plain = sorted(tuple(str(t) for t in row) for row in store.query(bound_query(_STORED_PLAIN, values)))
    assert rows == plain and len(rows) == 3
    records = stored_records(store, minter)
    assert sorted(r.doc_id for r in records.values()) == sorted(row[2].strip('"') for row in rows)
    assert records[old.subject.value].context is None
    assert sum(r.context is None for r in records.values()) == 1


def test_a_first_import_that_doubles_the_store_compacts_it(
    store: OxigraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """RocksDB's many files after a large bulk load are merged by the import itself (so that the
    next command, a re-import, reads a compact store); a small import into a larger store is not
    worth a compaction of all of it."""
    compacted: list[int] = []
    real = OxigraphStore.optimize

    def optimize(self: OxigraphStore) -> None:
        compacted.append(len(self.named_graphs()))
        real(self)

    monkeypatch.setattr(OxigraphStore, "optimize", optimize)
    folder = tmp_path / "many"
    folder.mkdir()
    text = EXAMPLE.read_text(encoding="utf-8")
    for i in range(5):  # five promises, one a write: more than four writes
        (folder / f"p{i}.ttl").write_text(
            text.replace("0480-2025-2026", f"0480-2025-2026-v{i}"), encoding="utf-8"
        )
    first = _import(store, folder, default_validator(), write_batch=1)
    assert first.count(Status.imported) == 5 and first.notes == []
    assert len(compacted) == 1  # after the writes: the system graphs and the five documents
    again = _import(store, folder, write_batch=1)
    assert again.count(Status.unchanged) == 5 and len(compacted) == 1
    (folder / "p5.ttl").write_text(text.replace("0480-2025-2026", "0480-2025-2026-v5"), encoding="utf-8")
    one = _import(store, folder, default_validator(), write_batch=1)
    assert one.count(Status.imported) == 1 and len(compacted) == 1  # one new of six: not worth it


def test_findings_that_a_stricter_threshold_refuses_are_reported_again(
    store: OxigraphStore, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unchanged file whose record holds findings at or above the import's --fail-on is read
    and validated again (so they are reported, and the import refuses it), not passed over."""
    from kg.validation.severity import Severity

    promise = corpus / EXAMPLE.name
    title = '    dct:title "Påhittat exempel: medborgarlöfte Nyköpings kommun 2025-2026"@sv ;\n'
    assert title in promise.read_text(encoding="utf-8")
    promise.write_text(promise.read_text(encoding="utf-8").replace(title, ""), encoding="utf-8")
    first = _import(store, corpus, default_validator())
    warned = {o.path.name: o.counts["warning"] for o in first.outcomes}
    assert warned[EXAMPLE.name] >= 1 and first.count(Status.imported) == 3, warned  # no title: a warning
    spy = Spy(monkeypatch)
    strict = _import(store, corpus, fail_on=Severity.warning)
    assert [p.name for p in spy.read if p.name == EXAMPLE.name] == [EXAMPLE.name]
    assert {o.path.name: o.status for o in strict.outcomes}[EXAMPLE.name] is Status.invalid
    spy.read.clear()
    lenient = _import(store, corpus)  # the default threshold: every file unchanged, none read
    assert spy.read == [] and [o.status for o in lenient.outcomes] == [Status.unchanged] * 3
    assert {o.path.name: o.counts for o in lenient.outcomes}[EXAMPLE.name]["warning"] == warned[EXAMPLE.name]
