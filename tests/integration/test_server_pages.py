"""Linked data, the web pages, the saved-query API and escaping, over HTTP against the app."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from server_support import ID, SCRIPT, AppClient, make_app

from kg.store.core import OxigraphStore

PROMISE = "/id/promise/0480-2025-2026"
XSS_PROMISE = "/id/promise/0581-2024"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
HTML = {"Accept": "text/html"}
REPO = Path(__file__).resolve().parents[2]
MBL = "https://w3id.org/medborgarlofte/def/"


@pytest.fixture(scope="module")
def client(store: OxigraphStore) -> Iterator[AppClient]:
    with AppClient(make_app(store)) as c:
        yield c


# -- linked data --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "fmt", "media"),
    [
        ("text/turtle", "turtle", "text/turtle"),
        ("application/ld+json", "json-ld", "application/ld+json"),
        ("application/n-triples", "nt", "application/n-triples"),
        ("application/rdf+xml", "xml", "application/rdf+xml"),
    ],
)
def test_iri_dereferences_to_rdf(client: AppClient, accept: str, fmt: str, media: str) -> None:
    r = client.get(PROMISE, headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == media
    g = Graph().parse(data=r.content, format=fmt)
    promise = URIRef(ID + "promise/0480-2025-2026")
    assert (promise, URIRef("http://purl.org/dc/terms/identifier"), None) in g
    # statements where it is the object come along (here: the catalogue-less source link)
    act = Graph().parse(
        data=client.get("/id/promise/0480-2025-2026/activity/1", headers={"Accept": accept}).content,
        format=fmt,
    )
    assert (promise, URIRef("https://w3id.org/medborgarlofte/def/activity"), None) in act
    assert 'rel="alternate"' in r.headers["link"] and "_format=ttl" in r.headers["link"]


def test_format_override_and_html_default(client: AppClient) -> None:
    r = client.get(PROMISE + "?_format=nt", headers=HTML)
    assert r.headers["content-type"].startswith("application/n-triples")
    r = client.get(PROMISE, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.headers["content-type"].startswith("text/html")
    assert '<link rel="alternate" type="text/turtle"' in r.text


def test_unknown_iri_is_404(client: AppClient) -> None:
    assert client.get("/id/promise/9999-1900", headers=HTML).status_code == 404
    assert client.get("/id/promise/9999-1900", headers={"Accept": "text/turtle"}).status_code == 404


def test_vocabulary_and_graph_iris_dereference(client: AppClient) -> None:
    r = client.get("/vocab/priority-area/narkotika", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and "narkotika" in r.text
    r = client.get("/graph/promise/0480-2025-2026", headers={"Accept": "application/n-triples"})
    assert r.status_code == 200 and len(r.text.splitlines()) > 100


def test_scheme_page_names_its_properties_in_words(client: AppClient) -> None:
    """The scheme's own statements (skos:hasTopConcept since each scheme lists its top concepts,
    dct:creator) are labelled rows, not prefixed names."""
    page = client.get("/vocab/priority-area", headers=HTML).text
    assert ">toppbegrepp</a></th>" in page and ">skapare</a></th>" in page
    assert ">skos:hasTopConcept</a></th>" not in page and ">dct:creator</a></th>" not in page


def test_pages_use_labels_and_link_the_graph(client: AppClient) -> None:
    r = client.get(PROMISE, headers=HTML)
    page = r.text
    assert "<h1>Påhittat exempel: medborgarlöfte Nyköpings kommun 2025-2026</h1>" in page
    # municipality, priority area, activity type, actor, source: labelled links, not raw IRIs
    assert '<a href="/id/org/kommun-0480"' in page and ">Nyköpings kommun</a>" in page
    assert 'href="/vocab/priority-area/narkotika"' in page
    assert 'href="/vocab/activity-type/narkotikasok-med-hund"' in page
    assert ">Lokalpolisområde Nyköping</a>" in page
    assert "minst en gång per termin" in page  # the frequency as written
    assert "Provenance" in page or "Proveniens" in page
    assert 'rel="license"' in page


def test_promise_page_shows_source_and_passages(client: AppClient) -> None:
    page = client.get("/id/promise/0480-2023-2024", headers=HTML).text
    assert "nykoping-2023-2024.txt" in page and "1111111111" in page
    assert '<blockquote class="passage"' in page
    assert "Polisen ska göra trafikkontroller vid skolorna." in page


def test_municipality_page_lists_promises_over_time(client: AppClient) -> None:
    page = client.get("/id/org/kommun-0480", headers=HTML).text
    first = page.index("Medborgarlöfte Nyköpings kommun 2023-2024")
    second = page.index("Påhittat exempel: medborgarlöfte Nyköpings kommun 2025-2026")
    assert first < second
    assert "<svg" in page  # the timeline


def test_concept_pages_list_municipalities(client: AppClient) -> None:
    page = client.get("/vocab/priority-area/narkotika", headers=HTML).text
    assert ">Nyköpings kommun</a>" in page and "Norrköpings kommun" in page
    page = client.get("/vocab/activity-type/trafikkontroll", headers=HTML).text
    assert ">Nyköpings kommun</a>" in page and "Norrköpings kommun" not in page


def test_english(client: AppClient) -> None:
    page = client.get("/id/org/kommun-0480?lang=en", headers=HTML).text
    assert "Promises over time" in page and "Nyköping Municipality" in page
    page = client.get("/", headers={**HTML, "Accept-Language": "en-GB,en;q=0.9"}).text
    assert "Municipalities" in page


def test_home_search_and_chart(client: AppClient) -> None:
    page = client.get("/", headers=HTML).text
    assert "Nyköpings kommun" in page and 'data-testid="chart"' in page
    page = client.get("/?q=nyk", headers=HTML).text
    assert ">Nyköpings kommun</a>" in page and "Norrköpings kommun" not in page
    r = client.get("/_/search?q=nyk")
    assert r.status_code == 303 and r.headers["location"].startswith("/?q=nyk")


def test_base_url_maps_data_iris(store: OxigraphStore) -> None:
    with AppClient(make_app(store, base_url="https://data.example.org/kg/")) as c:
        page = c.get(PROMISE, headers=HTML).text
        assert 'href="/kg/id/org/kommun-0480"' in page
        r = c.get("/sparql", headers={"Accept": "text/turtle"})
        assert "<https://data.example.org/kg/sparql>" in r.text
        void = c.get("/void", headers={"Accept": "text/turtle"}).text
        assert "https://data.example.org/kg/_/dump/medborgarlofte.nq" in void


def test_void_and_dumps(client: AppClient, store: OxigraphStore) -> None:
    g = Graph().parse(data=client.get("/void", headers={"Accept": "text/turtle"}).text, format="turtle")
    assert g.query(
        "ASK { ?d a <http://rdfs.org/ns/void#Dataset> ; <http://rdfs.org/ns/void#sparqlEndpoint> ?e ;"
        " <http://purl.org/dc/terms/license> ?l }"
    ).askAnswer
    r = client.get("/_/dump/medborgarlofte.nq")
    head, *lines = r.text.splitlines()
    assert r.status_code == 200 and len(lines) == len(store.raw)
    assert head.startswith("# kg-dump-manifest ") and f'"quads":{len(store.raw)},' in head
    assert client.get("/_/dump/nothing.nq").status_code == 404


# -- saved queries ------------------------------------------------------------------------------


def test_api_lists_and_runs_queries(client: AppClient) -> None:
    listing = client.get("/api/queries").json()
    names = {q["name"] for q in listing}
    assert names == {"priority-areas-by-municipality", "promises-of-municipality"}
    r = client.get("/api/queries/promises-of-municipality", params={"municipality": "0480"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    rows = r.json()["rows"]
    assert [row["title"] for row in rows] == [
        "Medborgarlöfte Nyköpings kommun 2023-2024",
        "Påhittat exempel: medborgarlöfte Nyköpings kommun 2025-2026",
    ]
    r = client.get("/api/queries/promises-of-municipality.csv", params={"municipality": "Nyköping"})
    assert r.headers["content-type"].startswith("text/csv") and "2023-01-01" in r.text
    r = client.get(
        "/api/queries/promises-of-municipality",
        params={"municipality": "0480"},
        headers={"Accept": "text/csv"},
    )
    assert r.headers["content-type"].startswith("text/csv")


def test_api_errors(client: AppClient) -> None:
    r = client.get("/api/queries/promises-of-municipality")
    assert r.status_code == 400 and "municipality" in r.text
    assert client.get("/api/queries/no-such-query").status_code == 404
    r = client.get("/api/queries/promises-of-municipality", params={"municipality": "Atlantis"})
    assert r.status_code == 400


def test_openapi_is_generated_from_the_metadata(client: AppClient) -> None:
    doc = client.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    op = doc["paths"]["/api/queries/promises-of-municipality"]["get"]
    assert op["summary"].startswith("En kommuns medborgarlöften")
    assert op["parameters"][0]["name"] == "municipality" and op["parameters"][0]["required"] is True
    assert "text/csv" in op["responses"]["200"]["content"]
    page = client.get("/api/docs", headers=HTML).text
    assert 'action="/api/queries/promises-of-municipality"' in page


def test_saved_query_page_form_table_and_chart(client: AppClient) -> None:
    page = client.get("/_/queries/promises-of-municipality", headers=HTML).text
    assert 'name="municipality"' in page and "required" in page
    page = client.get("/_/queries/promises-of-municipality?run=1&municipality=0480", headers=HTML).text
    assert 'data-testid="results"' in page and "Nyköpings kommun 2023-2024" in page
    page = client.get("/_/queries/priority-areas-by-municipality?run=1", headers=HTML).text
    assert 'data-testid="chart"' in page and ">narkotika</text>" in page
    r = client.get("/_/queries/promises-of-municipality?run=1&municipality=Atlantis", headers=HTML)
    assert r.status_code == 400 and 'class="error"' in r.text


def test_sparql_editor_runs_a_query(client: AppClient) -> None:
    page = client.get(
        "/_/sparql",
        params={"query": "SELECT ?s WHERE { ?s a <https://w3id.org/medborgarlofte/def/CitizenPromise> }"},
        headers=HTML,
    ).text
    assert page.count("/id/promise/") >= 3


# -- escaping -----------------------------------------------------------------------------------

PAGES_WITH_THE_LITERAL = [
    XSS_PROMISE,  # title, description, priority, activity, frequency text, passage, source title
    "/id/org/kommun-0581",  # a label
    "/id/org/lpo-norrkoping",
    "/id/promise/0581-2024/activity/1",
    "/id/promise/0581-2024/source",
    "/vocab/priority-area/narkotika",  # the municipality's label in the list
    "/",  # home: the municipality list
    "/?q=norr",
    "/_/queries/promises-of-municipality?run=1&municipality=0581",
    "/_/sparql?query=SELECT+%3Ft+WHERE+%7B+%3Fs+%3Chttp%3A%2F%2Fpurl.org%2Fdc%2Fterms%2Ftitle%3E+%3Ft+%7D",
]


@pytest.mark.parametrize("path", PAGES_WITH_THE_LITERAL)
def test_script_literal_shows_as_text(client: AppClient, path: str) -> None:
    r = client.get(path, headers=HTML)
    assert r.status_code == 200, r.text[:500]
    assert SCRIPT not in r.text
    assert ESCAPED in r.text


def test_script_in_query_text_and_errors_is_escaped(client: AppClient) -> None:
    r = client.get("/_/sparql", params={"query": f"SELECT * WHERE {{ {SCRIPT} }}"}, headers=HTML)
    assert SCRIPT not in r.text and ESCAPED in r.text
    r = client.get(f"/id/{SCRIPT}", headers=HTML)
    assert SCRIPT not in r.text


def test_json_api_keeps_the_literal_verbatim(client: AppClient) -> None:
    data = json.loads(
        client.get("/api/queries/promises-of-municipality", params={"municipality": "0581"}).content
    )
    assert SCRIPT in data["rows"][0]["title"]


def test_graph_and_resource_pages_keep_to_the_result_limit(store: OxigraphStore) -> None:
    """A named graph or a resource larger than ``--result-limit`` is cut at the limit, and the
    response says so as /sparql and /store do (the catalogue's graph of a national store holds
    hundreds of thousands of triples: a public page must not build it whole)."""
    graph = "/graph/promise/0480-2025-2026"
    with AppClient(make_app(store, result_limit=10)) as c:
        r = c.get(graph, headers={"Accept": "application/n-triples"})
        assert r.status_code == 200
        assert len(r.text.splitlines()) == 10
        assert r.headers["X-Result-Truncated"] == "true" and "10 triples" in r.headers["Warning"]
        assert "Accept-Language" in r.headers["Vary"]
        r = c.get(PROMISE, headers={"Accept": "application/n-triples"})
        assert len(r.text.splitlines()) == 10 and r.headers["X-Result-Truncated"] == "true"
        page = c.get(graph, headers={"Accept": "text/html"})
        assert page.status_code == 200
    with AppClient(make_app(store)) as c:
        r = c.get(graph, headers={"Accept": "application/n-triples"})
        assert len(r.text.splitlines()) > 10 and "X-Result-Truncated" not in r.headers


def test_a_page_shows_at_most_page_values_of_a_property(
    store: OxigraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A property with more values than a page shows (a national catalogue's 7,407 records) and
    more links than it lists: the rest are counted or announced, not built into the page."""
    import kg.server.resource_models as models

    activities = len(
        list(
            store.raw.quads_for_pattern(
                ox.NamedNode(ID + "promise/0480-2025-2026"),
                ox.NamedNode("https://w3id.org/medborgarlofte/def/activity"),
                None,
                None,
            )
        )
    )
    assert activities > 3
    monkeypatch.setattr(models, "PAGE_VALUES", 3)
    with AppClient(make_app(store)) as c:
        page = c.get(PROMISE, headers={"Accept": "text/html"}).text
        assert f"… och {activities - 3} till" in page
        english = c.get(PROMISE + "?lang=en", headers={"Accept": "text/html"}).text
        assert f"… and {activities - 3} more" in english
        municipality = c.get("/id/org/kommun-0480", headers={"Accept": "text/html"}).text
        assert "De första 3 länkarna hit visas" in municipality


def test_every_ontology_term_and_vocabulary_page_names_its_rows_in_words(client: AppClient) -> None:
    """The page of each class and property of the ontology, and of each vocabulary, heads its rows
    with words (the ontology's statements: rdfs:isDefinedBy, subClassOf, domain, range …), not
    with prefixed names a steward does not read."""
    ontology = ox.parse(path=str(REPO / "ontology" / "mbl.ttl"), format=ox.RdfFormat.TURTLE)
    terms = {q.subject.value.rsplit("/", 1)[-1] for q in ontology if q.subject.value.startswith(MBL)}
    pages = [f"/def/{t}" for t in sorted(terms)]
    pages += [f"/vocab/{p.stem}" for p in sorted((REPO / "ontology" / "vocab").glob("*.ttl"))]
    raw: dict[str, str] = {}
    for page in pages:
        r = client.get(page, headers=HTML)
        assert r.status_code == 200, page
        for name in re.findall(r">([a-z]+:[A-Za-z]+)</a></th>", r.text):
            raw.setdefault(name, page)
    assert not raw, f"rows headed by a prefixed name: {raw}"
