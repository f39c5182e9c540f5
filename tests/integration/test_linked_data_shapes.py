"""The shapes' IRIs dereference on ``kg serve``, as every other IRI the project mints does.

A validation report names the rule that fired by its IRI (``sh:sourceShape``; ``source_shape`` in
``kg validate -f json`` and ``/api/validate``), under ``https://w3id.org/medborgarlofte/shapes/``.
``kg serve`` answered 404 for all of them: a steward following the rule named in a report, or a
program reading the report's Turtle, found nothing. Now ``/shapes`` is the shapes graph and
``/shapes/{name}`` one shape, as a page or as RDF by content negotiation.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from server_support import AppClient, make_app

from kg import resources
from kg.documents.load import load_document
from kg.iris import Minter
from kg.namespaces import SHAPES_NS
from kg.store.core import OxigraphStore
from kg.validation.validator import default_validator

REPO = Path(__file__).resolve().parent.parent.parent
BROKEN = REPO / "tests" / "fixtures" / "validation" / "nykoping-broken.ttl"
SH_MESSAGE = URIRef("http://www.w3.org/ns/shacl#message")
TURTLE = {"Accept": "text/turtle"}
HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def client(store: OxigraphStore) -> Iterator[AppClient]:
    with AppClient(make_app(store)) as c:
        yield c


def _shape_files() -> Graph:
    g = Graph()
    for path in resources.shape_files():
        g.parse(path, format="turtle")
    return g


def _local(iri: str) -> str:
    assert iri.startswith(SHAPES_NS), iri
    return "/shapes/" + iri.removeprefix(SHAPES_NS)


def test_every_shape_a_report_names_dereferences(client: AppClient) -> None:
    [report] = default_validator().validate([load_document(BROKEN, minter=Minter())], [None])
    fired = sorted({f.source_shape for f in report.findings})
    assert fired and not report.conforms
    for iri in fired:
        r = client.get(_local(iri), headers=TURTLE)
        assert r.status_code == 200, (iri, r.text)
        assert r.headers["content-type"].startswith("text/turtle")
        assert "Accept" in r.headers["vary"]
        g = Graph().parse(data=r.text, format="turtle")
        langs = {o.language for o in g.objects(URIRef(iri), SH_MESSAGE) if isinstance(o, Literal)}
        assert {"sv", "en"} <= langs, iri
        page = client.get(_local(iri), headers=HTML)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert f"<code>{iri}</code>" in page.text
        assert 'rel="alternate"' in page.headers["link"]


def test_every_shape_in_the_files_dereferences(client: AppClient) -> None:
    files = _shape_files()
    shapes = sorted({str(s) for s in files.subjects() if str(s).startswith(SHAPES_NS)})
    assert len(shapes) > 50
    missing = [s for s in shapes if client.get(_local(s), headers=TURTLE).status_code != 200]
    assert not missing, missing


def test_the_shapes_graph_is_published_whole(client: AppClient) -> None:
    r = client.get("/shapes", headers=TURTLE)
    assert r.status_code == 200
    assert len(Graph().parse(data=r.text, format="turtle")) == len(_shape_files())
    page = client.get("/shapes?lang=en", headers=HTML)
    assert page.status_code == 200 and 'data-testid="shapes"' in page.text
    assert '<a href="/shapes/Period-end">Period-end</a>' in page.text
    assert "Perioden saknar ett giltigt slutdatum" in client.get("/shapes", headers=HTML).text


def test_unknown_shape_is_404_and_no_format_406(client: AppClient) -> None:
    assert client.get("/shapes/NoSuchShape", headers=TURTLE).status_code == 404
    assert client.get("/shapes/NoSuchShape", headers=HTML).status_code == 404
    assert client.get("/shapes/Period-end", headers={"Accept": "image/png"}).status_code == 406
    r = client.get("/shapes/Period-end?_format=jsonld", headers=HTML)
    assert r.headers["content-type"].startswith("application/ld+json")
