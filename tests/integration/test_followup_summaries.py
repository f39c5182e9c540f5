"""Every write path keeps each follow-up's derived summary (kg.store.followup_facts) equal to what
its document says: import, replace, remove (a follow-up, a promise with --cascade), restore of a
dump, the bulk-loaded benchmark N-Quads; the authoring round trip is in test_followup.py and pull
in tests/system/test_publish.py. And the follow-up queries answer the same with the summaries,
without them (a store written before them) and when one is missing."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
from cli_support import kg
from query_fixtures import bench_generate, load_fixtures
from summary_support import assert_summaries_match, completed, stored_summaries
from typer.testing import CliRunner

from kg.cli.common import shared_validator
from kg.errors import EXIT_OK
from kg.ingest.dumps import ExportFormat, export, export_to_path, restore_dump
from kg.ingest.importer import import_paths
from kg.iris import Minter
from kg.namespaces import OX
from kg.query.derived import derived_path, form_for, has_summaries
from kg.query.run import run_saved
from kg.query.saved import load_queries
from kg.store.catalogue import remove_document
from kg.store.core import ChangeSet, OxigraphStore, StoreSettings, open_store
from kg.store.followup_facts import SUMMARY_VERSION, summaries_complete, summary_iri, write_missing_summaries
from kg.store.followup_state import write_state

REPO = Path(__file__).resolve().parent.parent.parent
EXAMPLE = REPO / "examples" / "nykoping-2025-2026.ttl"
T1, T2 = sorted((REPO / "data" / "followups").glob("*.yaml"))
MINTER = Minter()
T1_ID = "followup/0480-2025-2026/2025-T1"
ACTIVITY = "<https://w3id.org/medborgarlofte/id/promise/0480-2025-2026/activity/{}>"
FOLLOWUP_QUERIES = [
    "followup-fulfilment",
    "fulfilment-by-activity-type",
    "fulfilment-by-priority-area",
    "followups-overdue",
]


def _import(store: OxigraphStore, *paths: Path) -> None:
    summary = import_paths([str(p) for p in paths], store=store, minter=MINTER, validator=shared_validator())
    assert not summary.has_errors, summary.as_dict()


@pytest.fixture
def store(tmp_path: Path) -> OxigraphStore:
    s = open_store(StoreSettings(tmp_path / "store"))
    _import(s, EXAMPLE, T1, T2)
    return s


def _answers(store: OxigraphStore) -> dict[str, list[dict[str, object]]]:
    queries = load_queries()
    return {
        name: run_saved(
            store,
            queries[name],
            {"includeExamples": "true", "asOf": "2026-06-30"}
            if name == "followups-overdue"
            else {"includeExamples": "true"},
            cache=None,
        ).records()
        for name in FOLLOWUP_QUERIES
    }


def test_import_writes_each_followups_summary(store: OxigraphStore) -> None:
    assert assert_summaries_match(store) == 2
    assert summaries_complete(store) and has_summaries(store)


def test_a_replaced_followup_gets_its_new_summary(store: OxigraphStore, tmp_path: Path) -> None:
    before = completed(store, T1_ID)
    assert ACTIVITY.format(1) in before
    changed = tmp_path / T1.name
    text = T1.read_text(encoding="utf-8")
    changed.write_text(text.replace("status: genomford", "status: pagaende", 1), encoding="utf-8")
    _import(store, changed)
    assert assert_summaries_match(store) == 2
    assert len(completed(store, T1_ID)) == len(before) - 1


def test_removing_a_followup_or_its_promise_with_cascade_removes_the_summaries(store: OxigraphStore) -> None:
    remove_document(store, MINTER, T1_ID)
    assert assert_summaries_match(store) == 1
    remove_document(store, MINTER, "promise/0480-2025-2026", cascade=True)
    assert assert_summaries_match(store) == 0 and stored_summaries(store) == {}
    assert not summaries_complete(store)  # no follow-up: nothing to read them from


def test_a_restored_dump_has_the_summaries_of_its_followups(store: OxigraphStore, tmp_path: Path) -> None:
    dump = tmp_path / "dump.trig"
    export_to_path(store, dump, minter=MINTER)
    with open_store(StoreSettings(tmp_path / "copy")) as copy:
        result = restore_dump(dump, store=copy, minter=MINTER, validator=shared_validator())
        assert len(result.records_restored) == 3
        assert assert_summaries_match(copy) == 2
        assert stored_summaries(copy) == stored_summaries(store)


def test_the_benchmark_nquads_hold_the_summaries_kg_import_writes(tmp_path: Path) -> None:
    bench_generate().generate(tmp_path / "corpus", scale=1, municipalities=2, fmt="nq")
    with open_store(StoreSettings(None)) as loaded:
        for f in sorted((tmp_path / "corpus").rglob("*.nq")):
            loaded.add_nquads(f.read_bytes())
        assert assert_summaries_match(loaded) > 0
        assert summaries_complete(loaded)


def test_without_summaries_the_queries_read_the_documents_and_answer_the_same(store: OxigraphStore) -> None:
    with_summaries = _answers(store)
    assert any(with_summaries.values())
    cat = str(MINTER.catalogue_graph)
    nodes = list(stored_summaries(store))
    # one follow-up without its summary (a record written by a kg before them): the documents
    store.apply(ChangeSet(delete_subjects=[(cat, nodes[0])]))
    assert not summaries_complete(store) and not has_summaries(store)
    query = load_queries()["followup-fulfilment"]
    assert form_for(store, query) is query
    assert _answers(store) == with_summaries
    # none at all (a store written before them), then written by kg's upgrade
    store.apply(ChangeSet(delete_subjects=[(cat, n) for n in nodes[1:]]))
    assert _answers(store) == with_summaries
    assert write_missing_summaries(store, MINTER) == 2
    assert assert_summaries_match(store) == 2 and has_summaries(store)
    # the promises' follow-up state, which the derived form reads, is written after the summaries
    # (kg init's back-fill): until then the documents
    assert form_for(store, query) is query
    assert write_state(store, MINTER, force=True) == 1
    assert form_for(store, query).text == derived_path(query).read_text(encoding="utf-8")
    assert _answers(store) == with_summaries


def test_a_remote_endpoint_reads_the_documents() -> None:
    from kg.store.remote import RemoteEndpoint

    query = load_queries()["followup-fulfilment"]
    remote = RemoteEndpoint("http://127.0.0.1:9/sparql")  # never asked: the form is chosen without it
    assert form_for(remote, query) is query


def test_the_fixture_store_has_its_summaries() -> None:
    with open_store(StoreSettings(None)) as s:
        load_fixtures(s)
        assert assert_summaries_match(s) >= 3 and has_summaries(s)
        query = load_queries()["fulfilment-by-activity-type"]
        assert form_for(s, query) == replace(query, text=derived_path(query).read_text(encoding="utf-8"))


def test_an_activity_no_longer_in_its_promise_is_counted_by_neither_form(store: OxigraphStore) -> None:
    """A promise replaced after its follow-ups may lose an activity they assessed: the summaries
    (from the follow-ups alone) still name it, and the derived forms join them to the promise's
    activities as the forms reading the documents do."""
    promise = ox.NamedNode("https://w3id.org/medborgarlofte/id/promise/0480-2025-2026")
    graph = ox.NamedNode(str(MINTER.document_graph("promise/0480-2025-2026")))
    gone = ox.Quad(
        promise, ox.NamedNode(OX.mbl.activity.value), ox.NamedNode(ACTIVITY.format(1)[1:-1]), graph
    )
    assert ACTIVITY.format(1) in completed(store, T1_ID) | completed(store, "followup/0480-2025-2026/2025-T2")
    store.apply(ChangeSet(delete=[gone]))
    assert has_summaries(store)
    derived = _answers(store)
    for node in list(stored_summaries(store)):
        store.apply(ChangeSet(delete_subjects=[(str(MINTER.catalogue_graph), node)]))
    assert not has_summaries(store)
    assert _answers(store) == derived
    rows = derived["followup-fulfilment"]
    assert [r["activities"] for r in rows] == [4]


def test_kg_init_writes_the_summaries_an_older_store_lacks(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "old"
    with open_store(StoreSettings(path)) as old:
        _import(old, EXAMPLE, T1, T2)
        cat = str(MINTER.catalogue_graph)
        old.apply(ChangeSet(delete_subjects=[(cat, n) for n in stored_summaries(old)]))
        assert not has_summaries(old)
    code, out = kg(runner, path, "init", quiet=False)
    assert code == EXIT_OK, out
    assert "2 uppföljningars sammanfattningar skrivna / follow-up summaries written" in out
    with open_store(StoreSettings(path, read_only=True)) as upgraded:
        assert assert_summaries_match(upgraded) == 2 and has_summaries(upgraded)
    code, out = kg(runner, path, "init", quiet=False)
    assert code == EXIT_OK and "redan aktuellt / up to date" in out


def test_a_followups_export_carries_its_summary_with_its_record(store: OxigraphStore) -> None:
    out = io.BytesIO()
    export(store, out, ExportFormat.nquads, minter=MINTER, document=T1_ID)
    node = summary_iri(MINTER, T1_ID)
    exported = {
        (q.predicate.value, str(q.object))
        for q in ox.parse(out.getvalue(), format=ox.RdfFormat.N_QUADS)
        if q.subject.value == node
    }
    assert exported and exported == stored_summaries(store)[node]


def test_a_summary_of_another_version_is_stale_until_kg_init_rewrites_it(store: OxigraphStore) -> None:
    """Summaries carry their version (kg.store.followup_facts.SUMMARY_VERSION): one of another
    version (a kg that summarised differently) makes the store's summaries incomplete, so the
    queries read the documents, and the back-fill of kg init rewrites it."""
    cat = ox.NamedNode(str(MINTER.catalogue_graph))
    node = ox.NamedNode(summary_iri(MINTER, T1_ID))
    (current,) = [
        q for q in store.quads(cat.value) if q.subject == node and q.predicate == OX.mbl.summaryVersion
    ]
    old = ox.Quad(node, OX.mbl.summaryVersion, ox.Literal("0", datatype=OX.xsd.integer), cat)
    store.apply(ChangeSet(delete=[current], insert=[old]))
    assert not summaries_complete(store) and not has_summaries(store)
    assert write_missing_summaries(store, MINTER) == 1
    assert assert_summaries_match(store) == 2 and has_summaries(store)


def test_a_summary_version_outside_the_catalogue_does_not_stand_in_for_a_missing_summary(
    store: OxigraphStore,
) -> None:
    """The check counts records and summaries in the catalogue graph only
    (kg.store.derived_checks): a ``mbl:summaryVersion`` in a document's graph (a document that
    states one, or a node loaded outside kg) beside a follow-up whose summary is gone leaves the
    store incomplete, so the queries read the documents. (The check once counted every graph.)"""
    cat = str(MINTER.catalogue_graph)
    node = summary_iri(MINTER, T1_ID)
    graph = ox.NamedNode(str(MINTER.document_graph(T1_ID)))
    stray = ox.Quad(
        ox.NamedNode(f"{node}-elsewhere"),
        OX.mbl.summaryVersion,
        ox.Literal(str(SUMMARY_VERSION), datatype=OX.xsd.integer),
        graph,
    )
    store.apply(ChangeSet(delete_subjects=[(cat, node)], insert=[stray]))
    assert not summaries_complete(store) and not has_summaries(store)
    query = load_queries()["followup-fulfilment"]
    assert form_for(store, query) is query
    assert write_missing_summaries(store, MINTER) == 1
    assert summaries_complete(store) and has_summaries(store)
