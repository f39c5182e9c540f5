"""A promise's derived facts (kg.store.promise_facts) say what its stored document says after
every write path: import, re-import of a changed file, removal with --cascade, restore of a dump;
a follow-up has none."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.ingest.dumps import export_to_path, restore_dump
from kg.ingest.importer import import_paths
from kg.iris import Minter
from kg.namespaces import OX
from kg.store.catalogue import remove_document
from kg.store.core import OxigraphStore, StoreSettings, open_store
from kg.store.promise_facts import facts_complete, facts_iri, facts_quads, promise_facts
from kg.validation.validator import default_validator

REPO = Path(__file__).resolve().parent.parent.parent
EXAMPLE = REPO / "examples" / "nykoping-2025-2026.ttl"
FOLLOWUPS = sorted((REPO / "data" / "followups").glob("nykoping-2025-2026-*.yaml"))
MINTER = Minter()
DOC = "promise/0480-2025-2026"


def stored_facts(store: OxigraphStore, doc_id: str) -> set[str]:
    """The facts node's quads and those of the pair and actor-group nodes it links (shared
    between promises)."""
    node = facts_iri(MINTER, doc_id)
    quads = list(store.quads(str(MINTER.catalogue_graph)))
    own = [q for q in quads if q.subject.value == node]
    links = (OX.mbl.factAreaPair, OX.mbl.factActorGroup, OX.mbl.factStatedActorGroup)
    shared = {q.object for q in own if q.predicate in links}
    return {str(q) for q in own} | {str(q) for q in quads if q.subject in shared}


def grouped_activities(store: OxigraphStore, doc_id: str) -> int:
    """The activities the promise's actor groups count (each activity in one group)."""
    facts = promise_facts(store.quads(str(MINTER.document_graph(doc_id))))
    assert facts is not None
    return sum(count for _, count in facts.actor_groups)


def expected_facts(store: OxigraphStore, doc_id: str) -> set[str]:
    facts = promise_facts(store.quads(str(MINTER.document_graph(doc_id))))
    assert facts is not None
    return {str(q) for q in facts_quads(MINTER, doc_id, facts)}


def test_facts_follow_the_document_through_every_write_path(tmp_path: Path) -> None:
    validator = default_validator()
    with open_store(StoreSettings(None)) as store:
        summary = import_paths([EXAMPLE, *FOLLOWUPS], store=store, minter=MINTER, validator=validator)
        assert not summary.has_errors, summary.as_dict()
        first = stored_facts(store, DOC)
        assert first and first == expected_facts(store, DOC)
        assert any("factPriorityArea" in q and "trafiksakerhet" in q for q in first)
        assert any("pairSecond" in q for q in first)
        assert any("groupActor" in q and "kommun-0480" in q for q in first)
        activities = {
            q.object for q in store.quads(str(MINTER.document_graph(DOC))) if q.predicate == OX.mbl.activity
        }
        assert grouped_activities(store, DOC) == len(activities)  # every activity has a responsible actor
        followups = [o.doc_id for o in summary.outcomes if o.doc_id and o.doc_id.startswith("followup/")]
        assert followups and all(not stored_facts(store, f) for f in followups)
        assert facts_complete(store, MINTER)

        # a changed file: the facts are rewritten, the old ones gone
        changed = tmp_path / EXAMPLE.name
        changed.write_text(
            EXAMPLE.read_text(encoding="utf-8").replace("pa:trafiksakerhet", "pa:narkotika"), encoding="utf-8"
        )
        again = import_paths([changed], store=store, minter=MINTER, validator=validator)
        assert not again.has_errors, again.as_dict()
        second = stored_facts(store, DOC)
        assert second == expected_facts(store, DOC) and second != first
        assert not any("trafiksakerhet" in q and "factPriorityArea" in q for q in second)

        # a dump restored into another store: the facts of the restored documents are there
        dump = tmp_path / "dump.nq"
        export_to_path(store, dump, minter=MINTER)
        with open_store(StoreSettings(None)) as other:
            restore_dump(dump, store=other, minter=MINTER, validator=validator)
            assert stored_facts(other, DOC) == expected_facts(other, DOC) == second
            assert facts_complete(other, MINTER)

        # removed with its follow-ups: no facts left in the catalogue
        remove_document(store, MINTER, DOC, cascade=True)
        assert not stored_facts(store, DOC)
        left = [q for q in store.quads(str(MINTER.catalogue_graph)) if "/facts" in q.subject.value]
        assert left == []  # (the pair nodes stay: a function of their IRI, like concepts)
        assert not facts_complete(store, MINTER)


def test_a_follow_up_or_a_document_without_one_promise_has_no_facts() -> None:
    promise = ox.NamedNode("https://example.org/p")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    other = ox.NamedNode("https://example.org/q")
    cls = ox.NamedNode(str(MINTER.base) + "def/CitizenPromise")
    assert promise_facts([]) is None
    two = [ox.Quad(promise, rdf_type, cls), ox.Quad(other, rdf_type, cls)]
    assert promise_facts(two) is None
    assert promise_facts(two[:1]) is not None
