"""Where the text states the promise's own values: ``mbl:Citation`` nodes (ontology/mbl.ttl,
section "Citations").

Every extracted node has its own passage (:func:`kg.documents.provenance.passage_triples`); the
promise has none, being derived from the whole source. What the text says of the promise itself
(its municipality, each party of a joint promise, its territory, police area, description,
target groups and areas) is cited statement by statement: ``<promise>/citation/N`` names the
statement (``rdf:subject``, ``rdf:predicate``, ``rdf:object``) and the passage that states it.

:class:`~kg.extract.build.GraphBuilder` calls :meth:`Citations.cite` where it writes a stated
value and :meth:`Citations.write` once at the end, after the assumptions: a value that is an
assumption is not cited (the assumption says why it is there), nor a value the graph does not
hold; a statement is cited once, by the first passage given for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef

from kg.documents.provenance import citation_triples, source_iri
from kg.extract.model import Assumption, Cited, Passage
from kg.namespaces import MBL


@dataclass(frozen=True)
class Citation:
    """That ``passage`` of the text states (subject, predicate, value)."""

    subject: URIRef
    predicate: URIRef
    value: URIRef | Literal
    passage: Passage


class Citations:
    """The citations of one promise, in the order the builder gives them."""

    def __init__(self, promise: URIRef) -> None:
        self.promise = promise
        self.found: dict[tuple[URIRef, URIRef, URIRef | Literal], Citation] = {}

    def cite(
        self, subject: URIRef, predicate: URIRef, value: URIRef | Literal, passage: Passage | None
    ) -> None:
        """Record that ``passage`` states (subject, predicate, value); nothing when there is no
        passage (a value the steward gave)."""
        if passage is None or passage.end <= passage.start:
            return
        self.found.setdefault((subject, predicate, value), Citation(subject, predicate, value, passage))

    def write(self, g: Graph, text: str, assumed: list[Assumption]) -> list[Cited]:
        """The ``mbl:Citation`` nodes of the statements ``g`` holds and no assumption names; what
        they cite, in their order (an area with its kind), for ``--explain``."""
        unsure = {(a.subject, a.predicate, a.term) for a in assumed}
        source = source_iri(str(self.promise))
        written: list[Citation] = []
        for (s, p, o), c in self.found.items():
            if {(str(s), str(p), o), (str(s), str(p), None)} & unsure or (s, p, o) not in g:
                continue
            written.append(c)
            n = len(written)
            node = URIRef(f"{self.promise}/citation/{n}")
            start, end = c.passage.start, c.passage.end
            for triple in citation_triples(node, (s, p, o), source, start, end, text[start:end]):
                g.add(triple)
        return [Cited(str(c.predicate), str(c.value), c.passage, _kind(g, c.value)) for c in written]


def _kind(g: Graph, value: URIRef | Literal) -> str | None:
    """An area's kind (``mbl:areaKind``) in ``g``, or None."""
    kind = g.value(value, MBL.areaKind) if isinstance(value, URIRef) else None
    return None if kind is None else str(kind)


__all__ = ["Citation", "Citations"]
