"""Conversion between rdflib terms (SHACL results, labels, serialising) and pyoxigraph terms (parsing,
validation data, the store)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier, Node

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal


def to_ox(term: Node) -> OxTerm:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store {term!r} ({type(term).__name__})")


def to_rdflib(term: OxTerm | ox.Triple | ox.DefaultGraph) -> Identifier:
    """A pyoxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    raise TypeError(f"cannot convert {term!r}")


def memoised(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``convert`` with a per-call-site cache: terms repeat in a document (predicates, types, its
    own IRIs), so each distinct term is converted once."""
    cache: dict[Any, Any] = {}

    def term(t: Any) -> Any:
        r = cache.get(t)
        if r is None:
            r = cache[t] = convert(t)
        return r

    return term


def graph_of(triples: Iterable[ox.Quad | ox.Triple]) -> Graph:
    """pyoxigraph quads (their graph names ignored) as one rdflib Graph, each term converted
    once (terms repeat: predicates, types, the document's own IRIs)."""
    g = Graph()
    term = memoised(to_rdflib)
    add = g.store.add
    for q in triples:
        add((term(q.subject), term(q.predicate), term(q.object)), g)  # type: ignore[arg-type]
    return g


def quads_of(triples: Iterable[tuple[Node, Node, Node]]) -> list[ox.Quad]:
    """rdflib triples as pyoxigraph quads in the default graph."""
    term = memoised(to_ox)
    return [ox.Quad(term(s), term(p), term(o)) for s, p, o in triples]  # type: ignore[arg-type]


def plain_literal(term: Node) -> Node:
    """A literal typed xsd:string written as a plain literal (Oxigraph makes the type explicit)."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term
