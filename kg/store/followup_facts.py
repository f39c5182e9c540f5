"""Derived facts of one follow-up, written beside its catalogue record.

The follow-up queries (followup-fulfilment, fulfilment-by-*, followups-overdue) need, for every
follow-up, the promise it follows up, the end of its period and the status of each activity it
assesses. Read from the documents that is three to six joins of every assessment in the store
(284,867 at 10x scale, benchmarks/NOTES.md); these facts give them as one row per follow-up and
one per assessed activity.

They depend on the follow-up's own document only, so they are computed from its triples (in the
import workers, :mod:`kg.ingest.prepare`, like the revision counts of :mod:`kg.store.history`) and
written in the same transaction as the record, on a node of its own in the catalogue graph,
``id/record/<doc_id>/summary`` (a ``mbl:FollowUpSummary``, ``mbl:summaryOf`` the record): every
path that writes, replaces or removes a record (import, replace, remove with ``--cascade``,
restore, pull, the authoring forms through import) writes, replaces or removes them with it.
They are not source data: their predicates are documented as derived in ontology/mbl.ttl, they
never use a predicate of the documents (so no query of the documents matches them) and a
document's graph never holds them.

What crosses documents (which follow-up is a promise's latest, whether an assessed activity is
still one of the promise's activities) stays computed at query time from these facts
(``queries/derived/``). A store written before they existed has follow-ups without them:
:func:`summaries_complete` tells, and the queries then read the documents.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from kg.iris import Minter
from kg.namespaces import OX, sparql_prefixes
from kg.sparql_text import bound_query
from kg.store.core import ChangeSet, GraphStore
from kg.store.derived_checks import SUMMARY_VERSION as SUMMARY_VERSION
from kg.store.derived_checks import summaries_complete as summaries_complete

MBL, DCT, DCAT = OX.mbl, OX.dct, OX.dcat
_TYPE = OX.rdf.type
_DONE = OX.status.genomford
# an open namespace makes a new term on each attribute read: read once, not once per triple
_TEMPORAL, _START, _END = DCT.temporal, DCAT.startDate, DCAT.endDate
_FOLLOWUP = MBL.FollowUp
_READ = {
    p: i
    for i, p in enumerate(
        (_TYPE, MBL.followsUp, _TEMPORAL, _START, _END, MBL.assessment, MBL.assessedActivity, MBL.status)
    )
}
"""The predicates :func:`followup_facts` reads, each with its branch."""


@dataclass(frozen=True)
class FollowUpFacts:
    """What one follow-up document says that the follow-up queries read (sorted, so equal
    documents give equal facts)."""

    followup: str
    promises: tuple[str, ...] = ()
    starts: tuple[ox.Literal, ...] = ()
    ends: tuple[ox.Literal, ...] = ()
    assessed: tuple[str, ...] = ()
    completed: tuple[str, ...] = ()


def followup_facts(quads: Iterable[ox.Quad] | Iterable[ox.Triple]) -> FollowUpFacts | None:
    """The facts of a follow-up document's triples (one pass, no store); ``None`` when the
    triples hold no ``mbl:FollowUp``. Only what the document itself states counts: the period's
    dates as written in it, each assessment's activity and whether its status is genomförd."""
    followups: set[ox.NamedNode] = set()
    follows: dict[object, set[str]] = {}
    temporal: dict[object, set[object]] = {}
    starts: dict[object, set[ox.Literal]] = {}
    ends: dict[object, set[ox.Literal]] = {}
    assessments: dict[object, set[object]] = {}
    activity: dict[object, set[str]] = {}
    done: set[object] = set()
    for q in quads:
        read = _READ.get(q.predicate)  # one look-up: most triples are of none of them
        if read is None:
            continue
        s, o = q.subject, q.object
        if read == 0:
            if o == _FOLLOWUP and isinstance(s, ox.NamedNode):
                followups.add(s)
        elif read == 1:
            if isinstance(o, ox.NamedNode):
                follows.setdefault(s, set()).add(o.value)
        elif read == 2:
            temporal.setdefault(s, set()).add(o)
        elif read == 3:
            if isinstance(o, ox.Literal):
                starts.setdefault(s, set()).add(o)
        elif read == 4:
            if isinstance(o, ox.Literal):
                ends.setdefault(s, set()).add(o)
        elif read == 5:
            assessments.setdefault(s, set()).add(o)
        elif read == 6:
            if isinstance(o, ox.NamedNode):
                activity.setdefault(s, set()).add(o.value)
        elif o == _DONE:
            done.add(s)
    if len(followups) != 1:
        return None  # not a follow-up document (a follow-up document describes one follow-up)
    (f,) = followups
    periods = temporal.get(f, set())
    own = assessments.get(f, set())

    def key(lit: ox.Literal) -> tuple[str, str]:
        return (lit.value, lit.datatype.value)

    return FollowUpFacts(
        followup=f.value,
        promises=tuple(sorted(follows.get(f, ()))),
        starts=tuple(sorted({d for p in periods for d in starts.get(p, ())}, key=key)),
        ends=tuple(sorted({d for p in periods for d in ends.get(p, ())}, key=key)),
        assessed=tuple(sorted({x for a in own for x in activity.get(a, ())})),
        completed=tuple(sorted({x for a in own if a in done for x in activity.get(a, ())})),
    )


def _version() -> ox.Literal:
    return ox.Literal(str(SUMMARY_VERSION), datatype=OX.xsd.integer)


def summary_iri(minter: Minter, doc_id: str) -> str:
    return minter.id_iri(f"record/{doc_id}/summary")


def summary_quads(minter: Minter, doc_id: str, facts: FollowUpFacts) -> tuple[str, list[ox.Quad]]:
    """The summary node of a follow-up's record (its IRI, to delete before writing, and its quads)."""
    cat = ox.NamedNode(minter.graph_iri("catalogue"))
    node = ox.NamedNode(summary_iri(minter, doc_id))
    pairs: list[tuple[ox.NamedNode, ox.NamedNode | ox.Literal]] = [
        (_TYPE, MBL.FollowUpSummary),
        (MBL.summaryOf, ox.NamedNode(minter.id_iri(f"record/{doc_id}"))),
        (MBL.summarisedFollowUp, ox.NamedNode(facts.followup)),
        (MBL.summaryVersion, _version()),
    ]
    pairs += [(MBL.summarisedPromise, ox.NamedNode(p)) for p in facts.promises]
    pairs += [(MBL.summaryPeriodStart, d) for d in facts.starts]
    pairs += [(MBL.summaryPeriodEnd, d) for d in facts.ends]
    pairs += [(MBL.summaryAssessed, ox.NamedNode(x)) for x in facts.assessed]
    pairs += [(MBL.summaryCompleted, ox.NamedNode(x)) for x in facts.completed]
    return node.value, [ox.Quad(node, p, o, cat) for p, o in pairs]


def summary_subject(minter: Minter, doc_id: str) -> tuple[str, str]:
    """(graph, subject) of the summary node a record can have: deleted with the record."""
    return (minter.graph_iri("catalogue"), summary_iri(minter, doc_id))


# -- are they there? ------------------------------------------------------------------------------

_MISSING = (
    sparql_prefixes("mbl", "dct")
    + """
SELECT ?id ?graph WHERE {
  GRAPH ?cat {
    ?record dct:type "followup" ; dct:identifier ?id ; mbl:namedGraph ?graph .
    FILTER NOT EXISTS { ?summary mbl:summaryOf ?record ; mbl:summaryVersion ?version }
  }
}
"""
)


def write_missing_summaries(store: GraphStore, minter: Minter, per_write: int = 2000) -> int:
    """Write the summary of every follow-up record that has none of :data:`SUMMARY_VERSION`
    (replacing one of another version), computed from the follow-up's graph as an import would
    (a store written before the summaries, or bulk-loaded without them; ``kg init`` calls it);
    the number written. Each batch of ``per_write`` is one transaction."""
    if summaries_complete(store):
        return 0
    cat = ox.NamedNode(minter.graph_iri("catalogue"))
    missing = [
        (row["id"].value, row["graph"].value)
        for row in store.query(bound_query(_MISSING, {"cat": cat, "version": _version()}))
    ]
    written = 0
    # the promises' follow-up state is written after, from all the summaries at once
    # (kg.store.derived_kinds.backfill): not again with each batch
    change = ChangeSet(state=False)
    for doc_id, graph in missing:
        facts = followup_facts(store.quads(graph))
        change.delete_subjects.append(summary_subject(minter, doc_id))
        if facts is None:
            continue
        change.insert.extend(summary_quads(minter, doc_id, facts)[1])
        written += 1
        if written % per_write == 0:
            store.apply(change)
            change = ChangeSet(state=False)
    if change:
        store.apply(change)
    return written
