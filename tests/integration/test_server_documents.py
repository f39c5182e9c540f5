"""The ontology and the vocabularies as documents (kg.server.vocabularies): ``/def``, ``/def/`` and
the ontology's ``owl:versionIRI`` serve the whole ontology, ``/vocab/<scheme>`` the whole
vocabulary, as a page or as RDF by content negotiation and ``?_format=``; and a proxy that
forwards the public path prefix instead of stripping it is answered as well."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, SKOS
from server_support import AppClient, make_app

from kg import resources
from kg.store.core import OxigraphStore

MBL = "https://w3id.org/medborgarlofte/def/"
ONTOLOGY = URIRef("https://w3id.org/medborgarlofte/def")
SCHEME = "https://w3id.org/medborgarlofte/vocab/priority-area"
HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def client(store: OxigraphStore) -> Iterator[AppClient]:
    with AppClient(make_app(store)) as c:
        yield c


def ontology_file() -> Graph:
    return Graph().parse(resources.bundled("ontology") / "mbl.ttl", format="turtle")


@pytest.mark.parametrize("path", ["/def", "/def/", "/def/0.1.0"])
def test_the_ontology_iri_serves_the_ontology_as_turtle(client: AppClient, path: str) -> None:
    r = client.get(path, headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=r.text, format="turtle")
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in g
    expected = ontology_file()
    classes = set(expected.subjects(RDF.type, OWL.Class))
    assert len(classes) >= 10 and classes <= set(g.subjects(RDF.type, OWL.Class))
    assert len(g) == len(expected)  # the ontology as its file states it, nothing of the store's own


def test_the_version_iri_is_the_one_the_ontology_states(client: AppClient) -> None:
    version = ontology_file().value(ONTOLOGY, OWL.versionIRI)
    assert version is not None and str(version).startswith(MBL)
    r = client.get("/def/" + str(version)[len(MBL) :], headers={"Accept": "text/turtle"})
    assert (ONTOLOGY, OWL.versionIRI, version) in Graph().parse(data=r.text, format="turtle")


@pytest.mark.parametrize("path", ["/def", "/def/"])
def test_the_ontology_page_lists_its_classes_and_properties(client: AppClient, path: str) -> None:
    r = client.get(path, headers=HTML)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    assert 'data-testid="ontology"' in page
    for name in ("CitizenPromise", "Activity", "priorityArea", "activityType"):
        assert f'href="/def/{name}"' in page, name
    for section in ("Klasser", "Objektegenskaper", "Dataegenskaper"):
        assert section in page
    assert 'href="/vocab/priority-area"' in page  # the vocabularies, each its page
    home = client.get("/", headers=HTML).text
    assert 'href="/def"' in home  # the ontology is linked from every page (the footer)
    assert 'rel="alternate"' in page and "_format=ttl" in page
    english = client.get(path + "?lang=en", headers=HTML).text
    assert "Object properties" in english and "citizen promise" in english


@pytest.mark.parametrize(
    ("fmt", "media", "parse"),
    [("jsonld", "application/ld+json", "json-ld"), ("rdf", "application/rdf+xml", "xml"), ("nt", None, "nt")],
)
def test_the_ontology_in_every_format(client: AppClient, fmt: str, media: str | None, parse: str) -> None:
    by_param = client.get(f"/def?_format={fmt}")
    assert by_param.status_code == 200
    g = Graph().parse(data=by_param.text, format=parse)
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in g
    if media:
        by_accept = client.get("/def", headers={"Accept": media})
        assert by_accept.headers["content-type"].startswith(media)
        assert len(Graph().parse(data=by_accept.text, format=parse)) == len(g)
    if fmt == "jsonld":
        json.loads(by_param.text)


def test_a_vocabulary_is_its_scheme_page_and_document(client: AppClient) -> None:
    page = client.get("/vocab/priority-area", headers=HTML).text
    assert 'data-testid="scheme"' in page
    assert 'href="/vocab/priority-area/narkotika"' in page and 'href="/vocab/priority-area/andt"' in page
    # narrower concepts sit under their broader one
    assert page.index('href="/vocab/priority-area/andt"') < page.index(
        'href="/vocab/priority-area/narkotika"'
    )
    g = Graph().parse(data=client.get("/vocab/priority-area", headers={"Accept": "text/turtle"}).text)
    concepts = set(g.subjects(SKOS.inScheme, URIRef(SCHEME)))
    assert URIRef(SCHEME + "/narkotika") in concepts and len(concepts) >= 15
    assert g.value(URIRef(SCHEME + "/narkotika"), SKOS.prefLabel) is not None  # the concepts' statements


def test_every_vocabulary_has_a_page(client: AppClient, store: OxigraphStore) -> None:
    schemes = [
        q.subject.value
        for q in store.raw.quads_for_pattern(
            None, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(SKOS.ConceptScheme))
        )
        if isinstance(q.subject, ox.NamedNode)
    ]
    assert len(schemes) >= 10
    for scheme in schemes:
        r = client.get("/" + scheme.split("/medborgarlofte/", 1)[1], headers=HTML)
        assert r.status_code == 200 and 'data-testid="scheme"' in r.text, scheme


@pytest.mark.parametrize("path", ["/vocab", "/vocab/"])
def test_the_vocabulary_namespace_lists_the_vocabularies(
    client: AppClient, store: OxigraphStore, path: str
) -> None:
    """A reader who shortens a concept's IRI to ``/vocab/`` finds the list, not a redirect to a
    404; an RDF client gets each scheme's own statements."""
    r = client.get(path, headers=HTML, follow_redirects=False)
    assert r.status_code == 200 and 'data-testid="vocabularies"' in r.text
    assert 'href="/vocab/priority-area"' in r.text and 'href="/vocab/frequency"' in r.text
    g = Graph().parse(data=client.get(path, headers={"Accept": "text/turtle"}).text, format="turtle")
    declared = {
        URIRef(q.subject.value)
        for q in store.raw.quads_for_pattern(
            None, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(SKOS.ConceptScheme))
        )
    }
    assert set(g.subjects(RDF.type, SKOS.ConceptScheme)) == declared
    assert not set(g.subjects(SKOS.inScheme, None))  # the schemes, not their concepts
    ontology = client.get("/def", headers=HTML).text
    assert 'href="/vocab/"' in ontology  # reached from the ontology's list of vocabularies


def test_a_proxy_that_keeps_the_prefix_is_answered_too(store: OxigraphStore) -> None:
    with AppClient(make_app(store, base_url="https://data.example.org/kg/")) as c:
        stripped = c.get("/def", headers={"Accept": "text/turtle"})
        kept = c.get("/kg/def", headers={"Accept": "text/turtle"})
        assert kept.status_code == 200 and kept.text == stripped.text
        assert kept.headers["link"] == stripped.headers["link"]
        assert "<https://data.example.org/kg/def?_format=ttl>" in kept.headers["link"]
        page = c.get("/kg/_/queries", headers=HTML).text
        assert 'href="/kg/_/queries?lang=en"' in page
        moved = c.get("/kg/_/queries/", follow_redirects=False)
        assert moved.status_code in (307, 308)
        assert moved.headers["location"] == "https://data.example.org/kg/_/queries"
