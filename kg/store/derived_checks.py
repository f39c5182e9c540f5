"""Whether a store's derived nodes are complete and current: the checks a cold saved query asks
before it reads a derived form (:mod:`kg.query.derived`), and the versions they compare with.

Kept apart from the modules that compute and write the nodes (:mod:`kg.store.followup_facts`,
:mod:`kg.store.promise_facts`, :mod:`kg.store.followup_state`, which re-export these names) so
that a query process asking them imports only pyoxigraph and the query text helpers: importing
the follow-up state's module (hashlib, fractions, its tables) cost about 15 ms of CPU of every
cold follow-up query. Each check counts index ranges of the catalogue graph, with the graph and
the version as constants so that every count is one prefix scan of oxigraph's graph-first
indexes (about 0.3 microseconds of CPU a quad), no join; a store where any record lacks its
node of the current version, or has one of another version, answers ``False`` (the counts
differ), as does a store with no such record. NOTES.md ("The completeness checks") has the
figures.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.namespaces import OX, sparql_prefixes
from kg.sparql_text import bound_query

if TYPE_CHECKING:
    from kg.iris import Minter
    from kg.store.core import GraphStore

SUMMARY_VERSION = 1
"""Written on every follow-up summary (``mbl:summaryVersion``) and bumped whenever what a
summary says changes: a store whose summaries are of another version is read by the queries'
document forms until ``kg init`` (:func:`kg.store.followup_facts.write_missing_summaries`)
rewrites them."""

FACTS_VERSION = 4
"""Written on every promise's facts and bumped whenever what the facts say changes: a store
whose facts are of another version is read by the queries' document forms until ``kg init``
(:func:`kg.store.promise_facts.write_facts`) rewrites them."""

STATE_VERSION = 4
"""Written on every follow-up state node and bumped whenever what the nodes say changes: a store
whose state is of another version is read by the queries' document forms until ``kg init``
(:func:`kg.store.followup_state.write_state`)."""


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=OX.xsd.integer)


def _catalogue(minter: Minter | None) -> ox.NamedNode:
    # graph_iri, not catalogue_graph: the latter loads rdflib, 130-150 ms of a cold query.
    if minter is None:
        from kg.iris import Minter

        minter = Minter()
    return ox.NamedNode(minter.graph_iri("catalogue"))


def _counts(store: GraphStore, text: str, values: dict[str, ox.NamedNode | ox.Literal]) -> list[int] | None:
    for row in store.query(bound_query(sparql_prefixes("mbl", "dct") + text, values)):
        return [int(row[i].value) if row[i] is not None else 0 for i in range(len(row))]
    return None


_SUMMARIES = """SELECT ?records ?summaries WHERE {
  { SELECT (COUNT(*) AS ?records) WHERE { GRAPH ?cat { ?record dct:type "followup" } } }
  { SELECT (COUNT(*) AS ?summaries) WHERE { GRAPH ?cat { ?summary mbl:summaryVersion ?version } } }
}"""
"""Both in the catalogue graph, where kg writes a follow-up's record and its summary in one
transaction: two prefix scans. (It once counted records and summaries in every graph through a
UNION: 40-41 ms of CPU at 10x against 29-34, and a ``mbl:summaryVersion`` in a document's own
graph could then stand in for a missing summary.)"""


def summaries_complete(store: GraphStore, minter: Minter | None = None) -> bool:
    """Whether every follow-up record of ``store`` has its summary of :data:`SUMMARY_VERSION`
    (as many summaries of that version in the catalogue graph as follow-up records there, and at
    least one): a store written before the summaries existed, loaded outside kg without them, or
    with summaries of another version answers ``False`` and its follow-up queries read the
    documents (:mod:`kg.query.derived`)."""
    counts = _counts(store, _SUMMARIES, {"cat": _catalogue(minter), "version": _int(SUMMARY_VERSION)})
    return counts is not None and counts[0] > 0 and counts[0] == counts[1]


_FACTS = """SELECT ?records ?facts WHERE {
  { SELECT (COUNT(*) AS ?records) WHERE { GRAPH ?cat { ?record dct:type "promise" } } }
  { SELECT (COUNT(*) AS ?facts) WHERE { GRAPH ?cat { ?facts mbl:factsVersion ?version } } }
}"""


def facts_complete(store: GraphStore, minter: Minter | None = None) -> bool:
    """True when every promise record of ``store`` has facts of :data:`FACTS_VERSION` (and
    there is at least one): two counts of the catalogue graph."""
    counts = _counts(store, _FACTS, {"cat": _catalogue(minter), "version": _int(FACTS_VERSION)})
    return counts is not None and counts[0] > 0 and counts[0] == counts[1]


_STATE = """SELECT ?pairs ?counted ?states ?current WHERE {
  { SELECT (COUNT(*) AS ?pairs) WHERE { GRAPH ?cat { ?summary mbl:summarisedPromise ?promise } } }
  { SELECT (COALESCE(SUM(?n), 0) AS ?counted) (COUNT(?n) AS ?states) WHERE {
      GRAPH ?cat { ?state mbl:stateSummaries ?n } } }
  { SELECT (COUNT(*) AS ?current) WHERE { GRAPH ?cat { ?node mbl:stateVersion ?version } } }
}"""


def state_complete(store: GraphStore, minter: Minter | None = None) -> bool:
    """Whether every promise's follow-up state in ``store`` is written, of :data:`STATE_VERSION`:
    the summaries the states count are those naming a promise (a bulk load whose state was not
    written after it, or a store written before the state existed, differs) and every state node
    has this version. Three scans of the catalogue graph, no join (23-25 ms of CPU at 10x
    scale, cold)."""
    counts = _counts(store, _STATE, {"cat": _catalogue(minter), "version": _int(STATE_VERSION)})
    if counts is None:
        return False
    pairs, counted, states, current = counts
    return pairs == counted and states == current
