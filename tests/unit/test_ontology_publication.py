"""The ontology and the SKOS vocabularies as published artefacts, checked as a linked-data
reviewer would (W3C Best Practice Recipes, SKOS Reference, qSKOS): over every file, so that the
checks keep holding as files are added or changed.

The term-by-term completeness checks (labels and definitions in sv and en, one prefLabel per
language, notations, broader cycles) are in test_ontology.py and test_vocabulary.py; these are
the properties a consumer of the published files relies on beyond them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from kg.namespaces import DCT, FOAF, OWL, RDF, RDFS, SKOS, VANN

REPO = Path(__file__).resolve().parent.parent.parent
VOCAB_DIR = REPO / "ontology" / "vocab"
MBL_NS = "https://w3id.org/medborgarlofte/def/"
VOCAB_NS = "https://w3id.org/medborgarlofte/vocab/"


@cache
def _vocabulary(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


# --- SKOS: the top concepts, both ways --------------------------------------------------------


@pytest.mark.parametrize("path", sorted(VOCAB_DIR.glob("*.ttl")), ids=lambda p: p.stem)
def test_top_concepts_are_stated_from_the_scheme_and_from_the_concept(path: Path) -> None:
    """skos:hasTopConcept and skos:topConceptOf are inverses (SKOS Reference S8), but a consumer
    without OWL reasoning (a SKOS browser, a SPARQL query ``?scheme skos:hasTopConcept ?c``) sees
    only what is stated: so each file states both, and the two agree."""
    g = _vocabulary(path)
    scheme = URIRef(f"https://w3id.org/medborgarlofte/vocab/{path.stem}")
    from_concepts = set(g.subjects(SKOS.topConceptOf, scheme))
    from_scheme = set(g.objects(scheme, SKOS.hasTopConcept))
    assert from_concepts, f"{path.name}: no top concept"
    assert not from_concepts - from_scheme, (
        f"{path.name}: skos:topConceptOf without the scheme's skos:hasTopConcept: "
        f"{sorted(map(str, from_concepts - from_scheme))}"
    )
    assert not from_scheme - from_concepts, (
        f"{path.name}: skos:hasTopConcept without the concept's skos:topConceptOf: "
        f"{sorted(map(str, from_scheme - from_concepts))}"
    )
    assert not {s for s in g.subjects(SKOS.hasTopConcept, None) if s != scheme}


# --- the ontology: one term per label and language ------------------------------------------


def _ontology() -> Graph:
    return Graph().parse(REPO / "ontology" / "mbl.ttl", format="turtle")


def test_labels_are_unique_per_language() -> None:
    """A label names one term (OOPS! P32; what an ontology browser, docs/ontology.md, the report's
    property names and a search by label show): a class and the property that points at it, or
    two derived properties of different nodes, must not read the same. Properties that point at
    a class read "har …" / "has …"; derived twins name their node."""
    g = _ontology()
    owners: dict[tuple[str, str], list[str]] = {}
    for term, label in g.subject_objects(RDFS.label):
        if isinstance(term, URIRef) and str(term).startswith(MBL_NS) and isinstance(label, Literal):
            owners.setdefault((str(label.language), " ".join(str(label).split()).casefold()), []).append(
                str(term).removeprefix(MBL_NS)
            )
    clashes = sorted(
        f"{lang} {label!r}: {sorted(terms)}" for (lang, label), terms in owners.items() if len(terms) > 1
    )
    assert not clashes, "\n".join(clashes)


# --- the headers of the published graphs ------------------------------------------------------

CC0 = URIRef("https://creativecommons.org/publicdomain/zero/1.0/")
SHAPES_IRI = URIRef("https://w3id.org/medborgarlofte/shapes")


def _headers() -> list[tuple[str, Graph, URIRef]]:
    """(file, its graph, the node that describes it) for every published ontology-like file."""
    out = [("ontology/mbl.ttl", _ontology(), URIRef(MBL_NS.rstrip("/")))]
    for path in sorted(VOCAB_DIR.glob("*.ttl")):
        out.append((f"ontology/vocab/{path.name}", _vocabulary(path), URIRef(f"{VOCAB_NS}{path.stem}")))
    shapes = Graph()
    for path in sorted((REPO / "shapes").glob("*.ttl")):
        shapes.parse(path, format="turtle")
    out.append(("shapes/", shapes, SHAPES_IRI))
    return out


@pytest.mark.parametrize(("name", "graph", "node"), _headers(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_published_graph_states_its_licence_and_creator(name: str, graph: Graph, node: URIRef) -> None:
    """The ontology, each vocabulary and the shapes are served as documents of their own (/def,
    /vocab/…, /shapes): each says under which licence and by whom, and is named in sv and en."""
    assert (node, None, None) in graph, f"{name}: no description of {node}"
    assert list(graph.objects(node, DCT.license)) == [CC0], f"{name}: needs dct:license CC0 1.0"
    creators = list(graph.objects(node, DCT.creator))
    assert creators, f"{name}: needs a dct:creator"
    # dct:creator's range is dct:Agent: an agent described in the ontology, not a bare string
    assert all(isinstance(c, URIRef) for c in creators), f"{name}: dct:creator must be an agent's IRI"
    ontology = _ontology()
    for creator in creators:
        assert (creator, FOAF.name, None) in ontology, f"{name}: {creator} is not described in mbl.ttl"
    for lang in ("sv", "en"):
        names = [
            o
            for p in (DCT.title, RDFS.label)
            for o in graph.objects(node, p)
            if getattr(o, "language", None) == lang
        ]
        assert names, f"{name}: needs a dct:title or rdfs:label in {lang}"


def test_the_ontology_header_is_complete() -> None:
    g = _ontology()
    onto = URIRef(MBL_NS.rstrip("/"))
    assert (onto, RDF.type, OWL.Ontology) in g
    version = g.value(onto, OWL.versionInfo)
    version_iri = g.value(onto, OWL.versionIRI)
    assert version is not None and str(version_iri) == f"{MBL_NS}{version}"
    assert str(g.value(onto, VANN.preferredNamespacePrefix)) == "mbl"
    assert str(g.value(onto, VANN.preferredNamespaceUri)) == MBL_NS
    for p in (DCT.title, DCT.description):
        assert {getattr(o, "language", None) for o in g.objects(onto, p)} == {"sv", "en"}


def test_every_term_points_back_to_the_ontology() -> None:
    """Each class and property states the ontology that defines it (rdfs:isDefinedBy, W3C Best
    Practice Recipes): a consumer that meets one term, in a dump or a query answer, finds the
    whole vocabulary."""
    g = _ontology()
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property}
    terms = {s for s, kind in g.subject_objects(RDF.type) if kind in kinds and str(s).startswith(MBL_NS)}
    assert len(terms) > 100
    ontology = URIRef("https://w3id.org/medborgarlofte/def")
    missing = sorted(str(t).removeprefix(MBL_NS) for t in terms if (t, RDFS.isDefinedBy, ontology) not in g)
    assert not missing, f"without rdfs:isDefinedBy {ontology}: {missing}"
