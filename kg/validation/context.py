"""What the validator derives once from the bundled files, before any document is validated.

Reading Turtle fast (pyoxigraph), the superclass closure and ``rdfs:range`` typing of the
ontology (for ``inference="none"``), the classes the shapes target, the properties the shapes
read (to slim the reference data added to each document), and the labels of ontology terms.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, SH, SKOS
from rdflib.term import Node

from kg import resources
from kg.namespaces import CV, ORG, SCHEMA
from kg.terms import to_rdflib

# Axioms of the reused vocabularies that the shapes rely on (W3C ORG §5.2-5.4, SEMIC CPOV), so
# the validator needs no network and no vendored copy of the whole vocabulary.
EXTERNAL_SUBCLASSES: tuple[tuple[URIRef, URIRef], ...] = (
    (ORG.OrganizationalUnit, ORG.Organization),
    (ORG.FormalOrganization, ORG.Organization),
    (ORG.OrganizationalCollaboration, ORG.Organization),
    (CV.PublicOrganisation, ORG.Organization),
)

# Labels of reused terms a steward meets in a report (the project's own terms have theirs in
# ontology/mbl.ttl).
EXTERNAL_LABELS: dict[Node, tuple[str, str]] = {
    DCTERMS.PeriodOfTime: ("giltighetsperiod", "validity period"),
    SCHEMA.Place: ("plats", "place"),
    SCHEMA.Person: ("person", "person"),
    ORG.Post: ("befattning", "post"),
    ORG.Organization: ("organisation", "organisation"),
    ORG.OrganizationalUnit: ("organisatorisk enhet", "organisational unit"),
    CV.PublicOrganisation: ("offentlig organisation", "public organisation"),
    SKOS.Concept: ("begrepp", "concept"),
}

LABEL_PROPS = (SKOS.prefLabel, RDFS.label, DCTERMS.title, SCHEMA.name)


def read_turtle(files: Iterable[Path]) -> Iterator[tuple[Node, Node, Node]]:
    """The triples of Turtle files, parsed by pyoxigraph (several times faster than rdflib)."""
    for f in files:
        for q in ox.parse(path=str(f), format=ox.RdfFormat.TURTLE):
            yield to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)  # type: ignore[arg-type]


def load_graph(files: Iterable[Path], *, contexts: bool = True) -> Graph:
    """The triples of Turtle files in one rdflib graph. ``contexts=False`` for a graph that is only
    read (the ontology): rdflib's SimpleMemory store fills 2.5 times faster than the default one,
    which pySHACL needs for the shapes (issue 19: ``kg validate``'s start-up)."""
    g = Graph(store="Memory" if contexts else "SimpleMemory")
    g.addN((s, p, o, g) for s, p, o in read_turtle(files))
    return g


ONTOLOGY_READ = (RDFS.subClassOf, RDFS.subPropertyOf, RDF.type, RDFS.range, RDFS.label)
"""The predicates the validator reads in the ontology (:func:`superclass_closure`,
:func:`range_classes`, :func:`term_labels`)."""


def ontology_outline(files: Iterable[Path]) -> tuple[Graph, set[ox.NamedNode]]:
    """What the validator reads of the ontology files: their :data:`ONTOLOGY_READ` triples in one
    rdflib graph, and every IRI they describe (as subject). The rest (definitions, comments,
    SKOS labels of the vendored vocabularies: most of the literals, which rdflib builds slowly)
    is left out: 15 ms instead of 60 for the whole graph (issue 19: ``kg validate``'s start-up)."""
    keep = {ox.NamedNode(str(p)) for p in ONTOLOGY_READ}
    g = Graph(store="SimpleMemory")
    described: set[ox.NamedNode] = set()
    quads = []
    for f in files:
        for q in ox.parse(path=str(f), format=ox.RdfFormat.TURTLE):
            if isinstance(q.subject, ox.NamedNode):
                described.add(q.subject)
            if q.predicate in keep:
                quads.append((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object), g))
    g.addN(quads)  # type: ignore[arg-type]
    return g, described


def described_iris(graph: Graph) -> set[ox.NamedNode]:
    """Every IRI a graph describes (as subject), as pyoxigraph terms."""
    return {ox.NamedNode(str(s)) for s in graph.subjects() if isinstance(s, URIRef)}


def ontology_files() -> list[Path]:
    return resources.validation_ontology_files()


def reference_files() -> list[Path]:
    return resources.validation_reference_files()


def superclass_closure(onto: Graph) -> dict[Node, frozenset[Node]]:
    direct: dict[Node, set[Node]] = defaultdict(set)
    for s, o in onto.subject_objects(RDFS.subClassOf):
        if isinstance(o, URIRef):
            direct[s].add(o)
    for s, o in EXTERNAL_SUBCLASSES:
        direct[s].add(o)
    closure: dict[Node, frozenset[Node]] = {}
    for c in list(direct):
        seen: set[Node] = set()
        todo = list(direct[c])
        while todo:
            x = todo.pop()
            if x not in seen:
                seen.add(x)
                todo.extend(direct.get(x, ()))
        closure[c] = frozenset(seen)
    return closure


def range_classes(onto: Graph) -> dict[Node, frozenset[Node]]:
    """Property → the classes its values belong to (ranges of the property and its parents)."""
    supers: dict[Node, set[Node]] = defaultdict(set)
    for s, o in onto.subject_objects(RDFS.subPropertyOf):
        supers[s].add(o)
    out: dict[Node, frozenset[Node]] = {}
    for p in set(onto.subjects(RDF.type, OWL.ObjectProperty)):
        chain, todo = set(), [p]
        while todo:
            x = todo.pop()
            if x not in chain:
                chain.add(x)
                todo.extend(supers.get(x, ()))
        ranges = {r for x in chain for r in onto.objects(x, RDFS.range) if isinstance(r, URIRef)}
        if ranges:
            out[p] = frozenset(ranges)
    return out


def shape_classes(shapes: Graph) -> frozenset[Node]:
    """Classes whose instances a shape must see: sh:targetClass and sh:class values."""
    return frozenset(shapes.objects(None, SH.targetClass)) | frozenset(shapes.objects(None, SH["class"]))


def shape_predicates(shapes: Graph) -> set[Node]:
    """Every property a shape reads: sh:path (and the members of complex paths), target
    properties, and the prefixed names in SPARQL constraints (expanded with sh:declare)."""
    preds: set[Node] = set()
    for p in (
        SH.path,
        SH.targetSubjectsOf,
        SH.targetObjectsOf,
        SH.lessThanOrEquals,
        SH.lessThan,
        SH.equals,
        SH.disjoint,
    ):
        for o in shapes.objects(None, p):
            if isinstance(o, URIRef):
                preds.add(o)
            else:
                preds |= {x for x in _path_members(shapes, o)}
    declared = {
        str(shapes.value(d, SH.prefix)): str(shapes.value(d, SH.namespace))
        for d in shapes.objects(None, SH.declare)
    }
    for query in shapes.objects(None, SH.select):
        for prefix, local in re.findall(r"\b([A-Za-z][\w-]*):([A-Za-z_][\w-]*)", str(query)):
            if prefix in declared:
                preds.add(URIRef(declared[prefix] + local))
    return preds


def _path_members(shapes: Graph, node: Node) -> Iterable[URIRef]:
    for o in shapes.objects(node, None):
        if isinstance(o, URIRef) and o != RDF.nil:
            yield o
        elif isinstance(o, BNode):
            yield from _path_members(shapes, o)
    if (node, RDF.first, None) in shapes:
        for item in shapes.items(node):
            if isinstance(item, URIRef):
                yield item
            else:
                yield from _path_members(shapes, item)


def term_labels(onto: Graph) -> dict[Node, tuple[str, str]]:
    out: dict[Node, tuple[str, str]] = {}
    for s in set(onto.subjects(RDFS.label)):
        sv = literal(onto, s, (RDFS.label,), "sv")
        en = literal(onto, s, (RDFS.label,), "en")
        if sv or en:
            out[s] = (sv or en or "", en or sv or "")
    return out


def literal(g: Graph, node: Node, props: Sequence[Node], lang: str) -> str | None:
    """The first value of ``props`` in ``lang``, else in Swedish, else any."""
    for p in props:
        values = [o for o in g.objects(node, p) if isinstance(o, Literal)]
        if not values:
            continue
        for want in (lang, "sv", None):
            for v in values:
                if want is None or v.language == want:
                    return " ".join(str(v).split())
    return None


def iri_neighbours(index: Mapping[Any, Sequence[tuple[Any, Any, Any]]]) -> dict[Any, tuple[Any, ...]]:
    """Each node of ``index`` (node → its triples, as pyoxigraph terms) → the IRIs its triples
    point to, in order: the steps a document's closure of reference nodes takes from it."""
    return {
        node: tuple(o for _, _, o in triples if isinstance(o, ox.NamedNode))
        for node, triples in index.items()
    }
