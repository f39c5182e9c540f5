"""``kg restore`` reads a dump as a stream and puts its records back in batches
(:mod:`kg.ingest.dump_split`): it never holds the whole dump, it writes the records in several
writes, and the store it leaves is the one the plain form (the whole dump in memory, every
record in one write) leaves, quad for quad; the streamed checks are the plain ones."""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.ingest.dump_split as dump_split
import kg.ingest.dumps as dumps
from kg.cli.common import shared_validator
from kg.errors import StoreError
from kg.ingest.dump_split import split_dump
from kg.ingest.dumps import (
    document_graphs_of,
    export_to_path,
    import_graph_files,
    read_dump,
    replace_records,
    restore_dump,
    write_graph_files,
)
from kg.ingest.manifest import check_catalogue, check_records, of_dataset, read_manifest, verify
from kg.iris import Minter
from kg.store.core import ChangeSet, OxigraphStore, StoreSettings, open_store

MINTER = Minter()
CAT = ox.NamedNode(str(MINTER.catalogue_graph))
A = "promise/0480-2025-2026"


@pytest.fixture(scope="module")
def dump(origin: OxigraphStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dump") / "dump.nq"
    export_to_path(origin, path, minter=MINTER)
    return path


def _shuffled(dump: Path, folder: Path) -> Path:
    """The same dump with its quads in another order: graphs no longer together."""
    head, *lines = dump.read_text(encoding="utf-8").splitlines(keepends=True)
    random.Random(20).shuffle(lines)
    path = folder / "shuffled.nq"
    path.write_text(head + "".join(lines), encoding="utf-8")
    return path


def _forged(dump: Path, folder: Path) -> Path:
    """A's record names another graph, and one document triple is changed."""
    rec, graph = str(MINTER.record(A)), str(MINTER.document_graph(A))
    text = dump.read_text(encoding="utf-8")
    line = f"<{rec}> <https://w3id.org/medborgarlofte/def/namedGraph> <{graph}>"
    assert line in text and '"Fokus mot narkotika"@sv' in text
    text = text.replace(line, line.replace("2025-2026", "2027-2028")).replace(
        '"Fokus mot narkotika"@sv', '"HIJACKED"@sv', 1
    )
    path = folder / "forged.nq"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("variant", ["as-exported", "shuffled", "forged"])
def test_the_streamed_checks_and_files_are_the_plain_ones(variant: str, dump: Path, tmp_path: Path) -> None:
    path = {"as-exported": dump, "shuffled": _shuffled(dump, tmp_path), "forged": _forged(dump, tmp_path)}[
        variant
    ]
    manifest = read_manifest(path)
    assert manifest is not None
    whole = read_dump(path)
    plain_dir, split_dir = tmp_path / "plain", tmp_path / "split"
    plain_dir.mkdir()
    split_dir.mkdir()
    split = split_dump(path, split_dir, CAT.value)
    assert split.found.graphs == of_dataset(whole).graphs
    assert list(split.found.graphs) == list(of_dataset(whole).graphs)
    assert verify(manifest, split.found) == verify(manifest, of_dataset(whole))
    streamed = check_catalogue(split.catalogue, lambda g: split.typed.get(g, set()), MINTER, manifest)
    assert streamed == check_records(whole, MINTER, manifest)
    assert (variant == "forged") == bool(streamed)
    graphs = document_graphs_of(whole)
    plain = write_graph_files(
        ((g, (q.triple for q in whole.quads_for_pattern(None, None, None, ox.NamedNode(g)))) for g in graphs),
        plain_dir,
    )
    assert [p.name for p in split.documents] == [p.name for p in plain]
    for mine, theirs in zip(split.documents, plain, strict=True):
        assert mine.read_bytes() == theirs.read_bytes()


def _plain_restore(dump: Path, store: OxigraphStore, tmp: Path) -> None:
    """What ``kg restore`` did before it streamed: the whole dump in memory, every record in one
    write (the code of restore_dump at 2832eab, without its checks)."""
    whole = read_dump(dump)
    files = write_graph_files(
        (
            (g, (q.triple for q in whole.quads_for_pattern(None, None, None, ox.NamedNode(g))))
            for g in document_graphs_of(whole)
        ),
        tmp,
    )
    summary = import_graph_files(files, store=store, minter=MINTER, validator=shared_validator())
    batch = []
    for outcome in summary.outcomes:
        assert outcome.doc_id is not None
        rec = ox.NamedNode(str(MINTER.record(outcome.doc_id)))
        quads = list(whole.quads_for_pattern(rec, None, None, CAT))
        for q in whole.quads_for_pattern(None, dumps._REVISION_OF, rec, CAT):
            quads.extend(whole.quads_for_pattern(q.subject, None, None, CAT))
        batch.append((rec.value, quads))
    replace_records(store, MINTER, batch)


def _quads(store: OxigraphStore) -> set[str]:
    return {str(q) for q in store.quads()}


def test_restore_streams_the_dump_writes_records_in_batches_and_leaves_the_same_store(
    dump: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = read_manifest(dump)
    assert manifest is not None and len(manifest.records) == 2
    with open_store(StoreSettings(tmp_path / "plain")) as plain:
        (tmp_path / "files").mkdir()
        _plain_restore(dump, plain, tmp_path / "files")
        expected = _quads(plain)

    held: list[int] = []
    write_sorted = dump_split._write_sorted

    def observed(path: Path, lines: set[str]) -> tuple[int, str]:
        held.append(len(lines))
        return write_sorted(path, lines)

    def whole_dump(path: Path) -> ox.Store:
        raise AssertionError("restore read the whole dump into memory")

    monkeypatch.setattr(dump_split, "_write_sorted", observed)
    monkeypatch.setattr(dumps, "read_dump", whole_dump)
    with open_store(StoreSettings(tmp_path / "streamed")) as store:
        writes: list[int] = []
        apply = store.apply

        def counted(change: ChangeSet) -> None:
            writes.append(1)
            apply(change)

        monkeypatch.setattr(store, "apply", counted)
        import_files = dumps.import_graph_files

        def imported(*args: object, **kwargs: object) -> object:
            out = import_files(*args, **kwargs)  # type: ignore[arg-type]
            writes.clear()  # count the writes after the import's own
            return out

        monkeypatch.setattr(dumps, "import_graph_files", imported)
        result = restore_dump(dump, store=store, minter=MINTER, validator=shared_validator(), record_batch=1)
        assert sorted(result.records_restored) == sorted(manifest.records)
        # the graphs one at a time: never more lines held than the largest graph has
        assert held and max(held) == max(n for n, _ in manifest.graphs.values()) < manifest.quads
        # the records put back in one write each, after the import
        assert len(writes) == 2
        assert _quads(store) == expected


def test_a_records_stored_quads_are_the_same_by_index_and_by_query(origin: OxigraphStore) -> None:
    """The records' stored quads through SPARQL (a store without pyoxigraph's index; the
    subjects a VALUES block of terms) are the ones read from the index."""
    records = [str(MINTER.record(A)), str(MINTER.record(A)) + "/revision/1", "https://example.org/none"]
    by_index = set(dumps._stored_quads(origin, CAT, records))
    by_query = set(dumps.stored_quads_by_query(origin, CAT, records))
    assert by_index and ox.NamedNode(records[0]) in {q.subject for q in by_index}
    assert by_query == by_index


def test_a_restore_stopped_among_its_record_writes_completes_when_run_again(
    dump: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The records go back in several writes after the import: a restore that fails after the
    first of them leaves every document imported and valid, and running it again gives the store
    a restore that never failed gives."""
    with open_store(StoreSettings(tmp_path / "whole")) as whole:
        restore_dump(dump, store=whole, minter=MINTER, validator=shared_validator())
        expected = _quads(whole)
    path = tmp_path / "stopped"
    stored = dumps._stored_quads
    batches: list[int] = []

    def failing(*args: object) -> object:
        batches.append(1)
        if len(batches) == 2:
            raise StoreError("the disk is full (simulated)")
        return stored(*args)  # type: ignore[arg-type]

    with open_store(StoreSettings(path)) as store:
        monkeypatch.setattr(dumps, "_stored_quads", failing)
        with pytest.raises(StoreError, match="simulated"):
            restore_dump(dump, store=store, minter=MINTER, validator=shared_validator(), record_batch=1)
        monkeypatch.undo()
        assert {g for g in store.named_graphs() if "/graph/promise/" in g or "/graph/followup/" in g}
        assert _quads(store) != expected, "the second record is still the import's"
        again = restore_dump(dump, store=store, minter=MINTER, validator=shared_validator(), record_batch=1)
        assert len(again.records_restored) == 2
        assert _quads(store) == expected
