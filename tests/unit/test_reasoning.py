"""The ontology is safe under RDFS reasoning (issue 16 point 4).

Many triple stores apply RDFS entailment. Then every ``rdfs:domain`` and ``rdfs:range`` classifies
the nodes a property is used on: a domain that is too narrow (``mbl:frequencyText`` used to have
the domain mbl:Activity but is also used on follow-up plans; DCMI gives dct:accrualPeriodicity the
domain dcmitype:Collection) turns a node into something it is not. These tests compute the RDFS
closure (owlrl) of the bundled documents together with the ontology and the vendored declarations
(which state DCMI's domain), as a store applying RDFS to all it holds would, and check for each
document that

* no node gains a class that is not a superclass of a class it already has (so no follow-up plan
  becomes an activity, no activity a collection), and no untyped node gains a project class;
* the entailed document still conforms to the shapes, with the same findings as without.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.term import Node
from rdfs_support import rdfs_closure, schema_graph, superclasses

from kg import resources
from kg.authoring.followup import context_for
from kg.documents.load import Document, load_document
from kg.iris import Minter
from kg.terms import quads_of
from kg.validation.validator import Validator, default_validator

REPO = Path(__file__).resolve().parent.parent.parent
MBL = "https://w3id.org/medborgarlofte/def/"
EXAMPLE = REPO / "examples" / "nykoping-2025-2026.ttl"
DOCUMENTS = [
    *sorted((REPO / "data" / "seeds").glob("*.ttl")),
    *sorted((REPO / "examples").glob("*.ttl")),
    *sorted((REPO / "data" / "followups").glob("*.yaml")),
]


SCHEMA = schema_graph()


_TERM_KINDS = {
    OWL.Class,
    RDFS.Class,
    RDF.Property,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    OWL.Ontology,
    SKOS.ConceptScheme,
}
"""Kinds of ontology term: classes and properties are not the nodes a document points at."""


def _superclasses(classes: set[Node]) -> set[Node]:
    return superclasses(SCHEMA, classes)


def _entailed(data: Graph) -> Graph:
    """The document's graph with what RDFS entailment adds about its own nodes."""
    return _select(data, _closure_of_all())[0]


def _pointed_at(data: Graph) -> Graph:
    """The classes RDFS entailment gives the IRIs a document only points at (a municipality, a
    police area, a concept, the promise's activities in a follow-up)."""
    return _select(data, _closure_of_all())[1]


@functools.cache
def _closure_of_all() -> Graph:
    """The RDFS closure of every bundled document with the schema, computed once: owlrl's cost is
    mostly the schema's, so one closure of them all costs about what two of one document do.
    The closure of the union holds the closure of each document (RDFS is monotonic), so a class
    a node gains from one document is found, and so is one it gains only with another (a
    follow-up pointing at its promise's activities)."""
    data = Graph()
    for doc in _documents().values():
        for t in doc.graph:
            data.add(t)
    return _closure(data)


def _closure(data: Graph) -> Graph:
    return rdfs_closure(data, SCHEMA)


def _entail(data: Graph) -> tuple[Graph, Graph]:
    """(the document with what RDFS adds about its own nodes, the classes RDFS gives the IRIs
    it only points at), from the closure of this document alone."""
    return _select(data, _closure(data))


def _select(data: Graph, closure: Graph) -> tuple[Graph, Graph]:
    """What ``closure`` says about the nodes of the document ``data``: (the document with what
    RDFS adds about its own nodes, the classes RDFS gives the IRIs it only points at)."""
    nodes = set(data.subjects())
    out = Graph()
    for t in data:
        out.add(t)
    for node in nodes:
        for p, o in closure.predicate_objects(node):
            # owlrl re-adds literals through value proxies ("3"^^xsd:decimal for an integer, and
            # any literal of equal value, such as true for 1): that is its implementation, not
            # RDFS. The RDFS rules add a literal only through a subproperty, so the node already
            # has it.
            new = (node, p, o) not in SCHEMA and o != RDFS.Resource
            if new and (not isinstance(o, Literal) or (node, None, o) in data):
                out.add((node, p, o))
    terms = {s for s, o in SCHEMA.subject_objects(RDF.type) if o in _TERM_KINDS}
    targets = {o for _, p, o in data if p != RDF.type and isinstance(o, URIRef)} - nodes - terms
    pointed = Graph()
    for target in targets:
        for o in closure.objects(target, RDF.type):
            if o != RDFS.Resource:
                pointed.add((target, RDF.type, o))
    return out, pointed


@pytest.fixture(scope="module")
def validator() -> Validator:
    return default_validator()


@functools.cache
def _documents() -> dict[str, Document]:
    minter = Minter()
    return {p.name: load_document(p, minter=minter) for p in DOCUMENTS}


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    return _documents()


def test_every_kind_of_bundled_document_is_covered() -> None:
    names = {p.parent.name for p in DOCUMENTS}
    assert {"seeds", "examples", "followups"} <= names
    assert len(DOCUMENTS) >= 8


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_node_gains_a_class_it_did_not_have(path: Path, documents: dict[str, Document]) -> None:
    data = documents[path.name].graph
    entailed = _entailed(data)
    problems = []
    for node in set(entailed.subjects()):
        before = set(data.objects(node, RDF.type))
        after = set(entailed.objects(node, RDF.type))
        allowed = _superclasses(before) if before else set()
        for cls in sorted(after - allowed, key=str):
            if before or str(cls).startswith(MBL):
                problems.append(f"{node} gains {cls} (had {sorted(map(str, before))})")
    assert not problems, "\n".join(problems)


def _described() -> Graph:
    """Where the nodes a document points at are described: the reference graph, the
    vocabularies and the bundled documents."""
    g = Graph()
    for path in [resources.reference_file(), *resources.vocabulary_files()]:
        g.parse(path, format="turtle")
    return g


@pytest.fixture(scope="module")
def described(documents: dict[str, Document]) -> Graph:
    g = _described()
    for doc in documents.values():
        for t in doc.graph.triples((None, RDF.type, None)):
            g.add(t)
    return g


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_nodes_a_document_points_at_gain_no_class_either(
    path: Path, documents: dict[str, Document], described: Graph
) -> None:
    problems = []
    entailed = _pointed_at(documents[path.name].graph)
    for node in set(entailed.subjects()):
        before = set(described.objects(node, RDF.type))
        allowed = (
            _superclasses(before) | {SKOS.Concept}
            if (node, SKOS.inScheme, None) in described
            else _superclasses(before)
        )
        for cls in sorted(set(entailed.objects(node, RDF.type)) - allowed, key=str):
            problems.append(f"{node} gains {cls} (is described as {sorted(map(str, before))})")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_documents_conform_alike_with_and_without_rdfs_entailment(
    path: Path, documents: dict[str, Document], validator: Validator
) -> None:
    doc = documents[path.name]
    context = None
    if path.suffix == ".yaml":
        promise = documents[EXAMPLE.name]
        context = context_for(doc, store=None, minter=Minter(), local={str(promise.iri): promise})
    entailed_doc = dataclasses.replace(doc, triples=quads_of(_entailed(doc.graph)), _graph=None)
    plain, entailed = validator.validate([doc, entailed_doc], [context, context])
    assert plain.conforms, plain.render_human("en")
    assert entailed.conforms, entailed.render_human("en")

    def key(report: object) -> list[tuple[str, str, str]]:
        return sorted((f.severity.value, f.source_shape, str(f.focus_node)) for f in report.findings)  # type: ignore[attr-defined]

    assert key(entailed) == key(plain)


def test_the_test_would_catch_a_narrow_domain(documents: dict[str, Document]) -> None:
    """With the old domain of mbl:frequencyText, the follow-up plan of seed 000 became an activity."""
    graph = documents[DOCUMENTS[0].name].graph
    plan = next(graph.subjects(RDF.type, URIRef(MBL + "FollowUpPlan")))
    SCHEMA.add((URIRef(MBL + "frequencyText"), RDFS.domain, URIRef(MBL + "Activity")))
    try:
        entailed, _ = _entail(graph)
    finally:
        SCHEMA.remove((URIRef(MBL + "frequencyText"), RDFS.domain, URIRef(MBL + "Activity")))
    assert (plan, RDF.type, URIRef(MBL + "Activity")) in entailed
