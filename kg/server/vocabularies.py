"""The ontology and the SKOS vocabularies as documents.

The ontology's IRI (``mbl:`` without its slash, served at ``/def`` and ``/def/``)
and its ``owl:versionIRI`` dereference to the whole ontology, each concept scheme
(``/vocab/priority-area``) to the whole vocabulary: as a page (the classes and properties; the
concepts as a tree) or by content negotiation as Turtle, JSON-LD, N-Triples or RDF/XML; ``/vocab``
and ``/vocab/`` list the vocabularies (their schemes' statements). Any other IRI of the
namespaces is one resource, described by :mod:`kg.server.linked_data`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.namespaces import PREFIXES as ALL_PREFIXES
from kg.server.settings import FIXED_BASE
from kg.server.view import RDF_TYPE, N, TermView, View, prefixed

ONTOLOGY_IRI = FIXED_BASE + "def"
"""The project ontology's IRI (``ontology/mbl.ttl``); ``/def`` and ``/def/`` serve it."""

_ONTOLOGY = N("owl:Ontology")
_VERSION_IRI = N("owl:versionIRI")
_SCHEME = N("skos:ConceptScheme")
_IN_SCHEME = N("skos:inScheme")
_BROADER = N("skos:broader")
_VANN = ALL_PREFIXES["vann"]
_DEFINITION = (N("skos:definition"), N("rdfs:comment"), N("dct:description"))

KINDS = (
    ("classes", "owl:Class"),
    ("object_properties", "owl:ObjectProperty"),
    ("datatype_properties", "owl:DatatypeProperty"),
    ("annotation_properties", "owl:AnnotationProperty"),
)
"""The sections of the ontology page, each the terms of one OWL type."""


def _typed(store: ox.Store, node: ox.NamedNode, cls: ox.NamedNode) -> bool:
    return any(True for _ in store.quads_for_pattern(node, RDF_TYPE, cls, None))


def document_of(store: ox.Store, iri: str) -> tuple[str, ox.NamedNode] | None:
    """``("ontology", ontology)`` when ``iri`` is an ontology or the version IRI of one,
    ``("scheme", scheme)`` when it is a concept scheme; None for any other resource."""
    node = ox.NamedNode(iri)
    if _typed(store, node, _ONTOLOGY):
        return "ontology", node
    for q in store.quads_for_pattern(None, _VERSION_IRI, node, None):
        if isinstance(q.subject, ox.NamedNode) and _typed(store, q.subject, _ONTOLOGY):
            return "ontology", q.subject
    if _typed(store, node, _SCHEME):
        return "scheme", node
    return None


def _graphs_declaring(store: ox.Store, node: ox.NamedNode, cls: ox.NamedNode) -> list[Any]:
    return list(dict.fromkeys(q.graph_name for q in store.quads_for_pattern(node, RDF_TYPE, cls, None)))


def ontology_triples(store: ox.Store, ontology: ox.NamedNode) -> list[ox.Triple]:
    """The ontology as its file states it: every statement of the graph that declares it, but
    the checksum the store keeps on the graph itself (:mod:`kg.store.system`)."""
    out: dict[ox.Triple, None] = {}
    for g in _graphs_declaring(store, ontology, _ONTOLOGY):
        for q in store.quads_for_pattern(None, None, None, g):
            if q.subject != g:
                out[q.triple] = None
    return list(out)


def scheme_triples(store: ox.Store, scheme: ox.NamedNode) -> list[ox.Triple]:
    """A vocabulary: the statements about the scheme and about each of its concepts."""
    out: dict[ox.Triple, None] = {}
    subjects: list[ox.NamedNode | ox.BlankNode] = [scheme]
    subjects += [
        q.subject
        for q in store.quads_for_pattern(None, _IN_SCHEME, scheme, None)
        if isinstance(q.subject, ox.NamedNode | ox.BlankNode)
    ]
    for s in dict.fromkeys(subjects):
        for q in store.quads_for_pattern(s, None, None, None):
            out[q.triple] = None
    return list(out)


def _schemes(store: ox.Store) -> list[ox.NamedNode]:
    found = (q.subject for q in store.quads_for_pattern(None, RDF_TYPE, _SCHEME, None))
    return sorted({s for s in found if isinstance(s, ox.NamedNode)}, key=lambda s: s.value)


def vocabularies_triples(store: ox.Store) -> list[ox.Triple]:
    """The statements about each concept scheme itself (its type, titles, definitions)."""
    out: dict[ox.Triple, None] = {}
    for scheme in _schemes(store):
        for q in store.quads_for_pattern(scheme, None, None, None):
            out[q.triple] = None
    return list(out)


def vocabularies_model(view: View) -> dict[str, Any]:
    """The values of the page listing the vocabularies: each scheme with its number of concepts."""
    schemes = [
        {
            "term": view.term(s),
            "prefixed": prefixed(s.value),
            "definition": _definition(view, s),
            "count": sum(1 for _ in view.store.quads_for_pattern(None, _IN_SCHEME, s, None)),
        }
        for s in _schemes(view.store)
    ]
    return {"schemes": sorted(schemes, key=lambda e: e["term"].label.lower())}


def document_triples(store: ox.Store, kind: str, node: ox.NamedNode) -> list[ox.Triple]:
    return ontology_triples(store, node) if kind == "ontology" else scheme_triples(store, node)


# -- the pages ----------------------------------------------------------------------------------


@dataclass
class Entry:
    """One class, property or concept as the pages list it."""

    term: TermView
    prefixed: str
    definition: str | None
    notation: str | None = None
    parents: list[TermView] = field(default_factory=list)
    domain: list[TermView] = field(default_factory=list)
    ranges: list[TermView] = field(default_factory=list)
    children: list[Entry] = field(default_factory=list)


def _definition(view: View, node: ox.NamedNode) -> str | None:
    for p in _DEFINITION:
        text = view.text(node, p)
        if text:
            return text
    return None


def _namespace(view: View, ontology: ox.NamedNode) -> str:
    declared = view.text(ontology, ox.NamedNode(_VANN + "preferredNamespaceUri"))
    return declared or ontology.value.rstrip("/#") + "/"


def ontology_model(view: View, ontology: ox.NamedNode) -> dict[str, Any]:
    """The values of the ontology page: its header, its terms by kind, and the vocabularies."""
    store = view.store
    graphs = _graphs_declaring(store, ontology, _ONTOLOGY)
    namespace = _namespace(view, ontology)
    sections: dict[str, list[Entry]] = {}
    for key, cls in KINDS:
        found: dict[str, ox.NamedNode] = {}
        for g in graphs:
            for q in store.quads_for_pattern(None, RDF_TYPE, N(cls), g):
                if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(namespace):
                    found[q.subject.value] = q.subject
        entries = [
            Entry(
                term=view.term(node),
                prefixed=prefixed(node.value),
                definition=_definition(view, node),
                parents=view.terms(
                    view.objs(node, N("rdfs:subClassOf")) + view.objs(node, N("rdfs:subPropertyOf"))
                ),
                domain=view.terms(view.objs(node, N("rdfs:domain"))),
                ranges=view.terms(view.objs(node, N("rdfs:range"))),
            )
            for node in found.values()
        ]
        sections[key] = sorted(entries, key=lambda e: e.prefixed.lower())
    schemes = sorted(
        (view.term(s) for s in view.subjects(RDF_TYPE, _SCHEME) if isinstance(s, ox.NamedNode)),
        key=lambda t: t.label.lower(),
    )
    return {
        "ontology": {
            "title": view.text(ontology, N("dct:title")) or view.label(ontology),
            "description": view.text(ontology, N("dct:description")),
            "version": view.text(ontology, N("owl:versionInfo")),
            "version_iri": [view.term(v) for v in view.objs(ontology, _VERSION_IRI)],
            "namespace": namespace,
            "prefix": view.text(ontology, ox.NamedNode(_VANN + "preferredNamespacePrefix")),
            "licences": [
                TermView(v.value, href=v.value, iri=v.value)
                for v in view.objs(ontology, N("dct:license"))
                if isinstance(v, ox.NamedNode)
            ],
            "sections": [(key, sections[key]) for key, _ in KINDS if sections[key]],
            "schemes": schemes,
        }
    }


def scheme_model(view: View, scheme: ox.NamedNode) -> dict[str, Any]:
    """The values of a vocabulary's page: its description and its concepts as a tree (each
    under its broader concept of the same scheme; the others at the top)."""
    members = [c for c in view.subjects(_IN_SCHEME, scheme) if isinstance(c, ox.NamedNode)]
    entries = {
        c.value: Entry(
            term=view.term(c),
            prefixed=prefixed(c.value),
            definition=_definition(view, c),
            notation=view.text(c, N("skos:notation")),
        )
        for c in members
    }
    top: list[Entry] = []
    for c in members:
        parents = [b.value for b in view.objs(c, _BROADER) if isinstance(b, ox.NamedNode)]
        inside = [p for p in parents if p in entries and p != c.value]
        if inside:
            entries[inside[0]].children.append(entries[c.value])
        else:
            top.append(entries[c.value])

    def order(xs: list[Entry]) -> list[Entry]:
        for x in xs:
            x.children = order(x.children)
        return sorted(xs, key=lambda e: e.term.label.lower())

    return {
        "scheme": {
            "title": view.text(scheme, N("dct:title")) or view.label(scheme),
            "definition": _definition(view, scheme),
            "concepts": order(top),
            "count": len(entries),
        }
    }


def document_model(view: View, kind: str, node: ox.NamedNode) -> tuple[str, dict[str, Any]]:
    """The template and values of the page of the ontology or of a vocabulary."""
    if kind == "ontology":
        return "ontology.html", ontology_model(view, node)
    return "scheme.html", scheme_model(view, node)
