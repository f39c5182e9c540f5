"""A check that every follow-up's derived summary in a store is what its document says
(:mod:`kg.store.followup_facts`), for the tests of each write path."""

from __future__ import annotations

from kg.iris import Minter
from kg.namespaces import OX
from kg.store.catalogue import list_records
from kg.store.core import GraphStore
from kg.store.followup_facts import followup_facts, summary_iri, summary_quads

Facts = dict[str, set[tuple[str, str]]]


def stored_summaries(store: GraphStore, minter: Minter | None = None) -> Facts:
    """Summary node → its (predicate, object) pairs, as the catalogue graph holds them."""
    minter = minter or Minter()
    quads = list(store.quads(str(minter.catalogue_graph)))
    nodes = {q.subject.value for q in quads if q.predicate == OX.mbl.summaryOf}
    out: Facts = {}
    for q in quads:
        if q.subject.value in nodes:
            out.setdefault(q.subject.value, set()).add((q.predicate.value, str(q.object)))
    return out


def expected_summaries(store: GraphStore, minter: Minter | None = None) -> Facts:
    """What each follow-up record's summary should be, computed from its graph in the store."""
    minter = minter or Minter()
    out: Facts = {}
    for rec in list_records(store, minter):
        if rec.kind != "followup":
            continue
        facts = followup_facts(store.quads(rec.graph))
        assert facts is not None, f"{rec.doc_id}: no mbl:FollowUp in its graph"
        node, quads = summary_quads(minter, rec.doc_id, facts)
        out[node] = {(q.predicate.value, str(q.object)) for q in quads}
    return out


def assert_summaries_match(store: GraphStore, minter: Minter | None = None) -> int:
    """Every follow-up record has its summary, equal to what its document says, and no summary
    is left without its record; the number of follow-ups."""
    stored, expected = stored_summaries(store, minter), expected_summaries(store, minter)
    assert stored.keys() == expected.keys(), (sorted(stored.keys() ^ expected.keys()))[:5]
    for node, pairs in expected.items():
        assert stored[node] == pairs, node
    return len(expected)


def completed(store: GraphStore, followup_doc_id: str) -> set[str]:
    """The activities (N-Triples terms) the stored summary of ``followup_doc_id`` says were done."""
    node = summary_iri(Minter(), followup_doc_id)
    return {o for p, o in stored_summaries(store).get(node, set()) if p == OX.mbl.summaryCompleted.value}
