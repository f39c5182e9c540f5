"""Counts of what is in a store."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from kg.iris import Minter
from kg.namespaces import sparql_prefixes
from kg.store.core import GraphStore

_PER_MUNICIPALITY = (
    sparql_prefixes("mbl", "skos")
    + """
SELECT ?name (COUNT(DISTINCT ?doc) AS ?n) WHERE {
  { ?doc a mbl:CitizenPromise ; mbl:municipality ?m }
  UNION { ?doc a mbl:FollowUp ; mbl:followsUp/mbl:municipality ?m }
  FILTER NOT EXISTS { ?doc mbl:isExample true }
  OPTIONAL { ?m skos:prefLabel ?label FILTER(lang(?label) = "sv") }
  BIND(COALESCE(?label, STR(?m)) AS ?name)
} GROUP BY ?name ORDER BY ?name
"""
)

_EXAMPLES = (
    sparql_prefixes("mbl")
    + """
SELECT (COUNT(DISTINCT ?doc) AS ?n) WHERE {
  ?doc mbl:isExample true .
  { ?doc a mbl:CitizenPromise } UNION { ?doc a mbl:FollowUp }
}
"""
)


@dataclass
class StoreStats:
    location: str
    documents: int
    triples: int
    graphs: int
    per_municipality: dict[str, int] = field(default_factory=dict)
    """Documents per municipality, made-up examples left out."""
    examples: int = 0
    """Documents marked as made-up examples (``mbl:isExample true``)."""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def document_graphs(store: GraphStore, minter: Minter) -> list[str]:
    """Named graphs that hold documents (promises and follow-ups), not system graphs."""
    prefixes = (minter.graph("promise/"), minter.graph("followup/"))
    return [g for g in store.named_graphs() if g.startswith(prefixes)]


def store_stats(store: GraphStore, minter: Minter) -> StoreStats:
    graphs = store.named_graphs()
    per: dict[str, int] = {}
    for row in store.query(_PER_MUNICIPALITY):
        per[row["name"].value] = int(row["n"].value)
    return StoreStats(
        location=store.location,
        documents=len(document_graphs(store, minter)),
        triples=store.count(),
        graphs=len(graphs),
        per_municipality=per,
        examples=int(next(iter(store.query(_EXAMPLES)))["n"].value),
    )
