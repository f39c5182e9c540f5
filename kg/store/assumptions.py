"""The assumptions a document's graph records: values its source text does not state.

An assumption (``mbl:Assumption``, ontology/mbl.ttl) names a node (``rdf:subject``), a property
(``rdf:predicate``) and the value (``rdf:object``, absent when the value is unknown), with its
kind (a concept of ontology/vocab/assumption-kind.ttl), the reason, the rule or option that gave
it and who assumed it (``prov:wasAttributedTo``). :func:`document_assumptions` reads them from
one document's named graph, for ``kg documents show`` and the promise page.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pyoxigraph as ox

from kg.namespaces import sparql_prefixes
from kg.sparql_text import bound_query
from kg.store.core import GraphStore

# The graph is written into the query as a constant (a serialised pyoxigraph term, never user
# text), so that pyoxigraph reads only that graph.
_ASSUMPTIONS = (
    sparql_prefixes("mbl", "rdf", "prov", "skos")
    + """
SELECT ?a ?node ?property ?value ?kind ?kindSv ?kindEn ?reason ?reasonSv ?reasonEn ?rule ?agent WHERE {
  GRAPH ?graph {
    ?a a mbl:Assumption ; rdf:subject ?node ; rdf:predicate ?property .
    OPTIONAL { ?a rdf:object ?value }
    OPTIONAL { ?a mbl:assumptionKind ?kind }
    OPTIONAL { ?a mbl:assumptionReason ?reason FILTER(LANG(?reason) = "") }
    OPTIONAL { ?a mbl:assumptionReason ?reasonSv FILTER(LANG(?reasonSv) = "sv") }
    OPTIONAL { ?a mbl:assumptionReason ?reasonEn FILTER(LANG(?reasonEn) = "en") }
    OPTIONAL { ?a mbl:assumptionRule ?rule }
    OPTIONAL { ?a prov:wasAttributedTo ?agent }
  }
  OPTIONAL { ?kind skos:prefLabel ?kindSv FILTER(LANG(?kindSv) = "sv") }
  OPTIONAL { ?kind skos:prefLabel ?kindEn FILTER(LANG(?kindEn) = "en") }
}
ORDER BY ?node ?property ?value ?a
"""
)


@dataclass(frozen=True)
class Assumption:
    """One value the text does not state, as the document's graph records it."""

    iri: str
    """The assumption node (an IRI or a blank node's label)."""
    node: str
    property: str
    value: str | None
    """The assumed value (an IRI or a literal's text); None when the value is unknown."""
    kind: str | None
    kind_sv: str | None
    kind_en: str | None
    reason: str | None
    """Why, in the steward's words: Swedish and English when both are given (``sv / en``)."""
    rule: str | None
    agent: str | None

    def as_dict(self) -> dict[str, str | None]:
        return asdict(self)


def _text(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str | None:
    return None if term is None else str(term.value)


def _reason(row: ox.QuerySolution) -> str | None:
    texts = [_text(row[v]) for v in ("reasonSv", "reasonEn", "reason")]
    return " / ".join(dict.fromkeys(t for t in texts if t)) or None


def document_assumptions(store: GraphStore, graph: str) -> list[Assumption]:
    """Every assumption recorded in the named graph ``graph``, ordered by node and property."""
    query = bound_query(_ASSUMPTIONS, {"graph": ox.NamedNode(graph)})
    out: list[Assumption] = []
    seen: set[str] = set()
    for row in store.query(query):
        iri = str(row["a"].value)
        if iri in seen:  # a second label in one language: keep the first row
            continue
        seen.add(iri)
        out.append(
            Assumption(
                iri=iri,
                node=str(row["node"].value),
                property=str(row["property"].value),
                value=_text(row["value"]),
                kind=_text(row["kind"]),
                kind_sv=_text(row["kindSv"]),
                kind_en=_text(row["kindEn"]),
                reason=_reason(row),
                rule=_text(row["rule"]),
                agent=_text(row["agent"]),
            )
        )
    return out
