"""The SPARQL 1.1 Protocol at /sparql, over HTTP against the app (in process)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from xml.etree import ElementTree as ET

import pyoxigraph as ox
import pytest
from rdflib import Graph
from server_support import ID, AppClient, fill_store, make_app

from kg.store.core import OxigraphStore, StoreSettings, open_store

PROMISE = ID + "promise/0480-2025-2026"
SELECT = f"PREFIX dct: <http://purl.org/dc/terms/> SELECT ?title WHERE {{ <{PROMISE}> dct:title ?title }}"
CONSTRUCT = f"CONSTRUCT {{ <{PROMISE}> ?p ?o }} WHERE {{ <{PROMISE}> ?p ?o }}"
W3C_DATA = ("http://example.org/g1", "http://example.org/g2")
PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def store() -> Iterator[OxigraphStore]:
    s = open_store(StoreSettings(None))
    fill_store(s)
    # two small graphs to test dataset restriction
    s.raw.update(
        "INSERT DATA { GRAPH <http://example.org/g1> { <http://example.org/a> <http://example.org/p> 1 } "
        "GRAPH <http://example.org/g2> { <http://example.org/b> <http://example.org/p> 2 } }"
    )
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(store: OxigraphStore) -> Iterator[AppClient]:
    with AppClient(make_app(store)) as c:
        yield c


def srj_values(body: bytes, var: str) -> list[str]:
    data = json.loads(body)
    return [b[var]["value"] for b in data["results"]["bindings"] if var in b]


@pytest.mark.parametrize("method", ["get", "form", "direct"])
def test_select_by_each_method(client: AppClient, method: str) -> None:
    h = {"Accept": "application/sparql-results+json"}
    if method == "get":
        r = client.get("/sparql", params={"query": SELECT}, headers=h)
    elif method == "form":
        r = client.post("/sparql", data={"query": SELECT}, headers=h)
    else:
        r = client.post(
            "/sparql", content=SELECT.encode(), headers={**h, "Content-Type": "application/sparql-query"}
        )
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    assert srj_values(r.content, "title") == ["Påhittat exempel: medborgarlöfte Nyköpings kommun 2025-2026"]


def test_results_formats(client: AppClient) -> None:
    r = client.get("/sparql", params={"query": SELECT}, headers={"Accept": "application/sparql-results+xml"})
    root = ET.fromstring(r.content)
    assert root.tag == "{http://www.w3.org/2005/sparql-results#}sparql"
    assert (
        root.find(".//{http://www.w3.org/2005/sparql-results#}literal").get(
            "{http://www.w3.org/XML/1998/namespace}lang"
        )
        == "sv"
    )
    r = client.get("/sparql", params={"query": SELECT}, headers={"Accept": "text/csv"})
    assert r.headers["content-type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(r.text))) == [
        ["title"],
        ["Påhittat exempel: medborgarlöfte Nyköpings kommun 2025-2026"],
    ]
    assert r.content.endswith(b"\r\n")
    r = client.get("/sparql", params={"query": SELECT}, headers={"Accept": "text/tab-separated-values"})
    assert r.text.splitlines() == [
        "?title",
        '"Påhittat exempel: medborgarlöfte Nyköpings kommun 2025-2026"@sv',
    ]


def test_ask_and_qvalues(client: AppClient) -> None:
    r = client.get(
        "/sparql",
        params={"query": "ASK { ?s ?p ?o }"},
        headers={"Accept": "application/sparql-results+xml;q=0.5, application/sparql-results+json"},
    )
    assert json.loads(r.content) == {"head": {}, "boolean": True}
    r = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }", "_format": "srx"})
    assert b"<boolean>true</boolean>" in r.content


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_formats(client: AppClient, accept: str, rdflib_format: str) -> None:
    r = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == accept
    g = Graph().parse(data=r.content, format=rdflib_format)
    assert len(g) > 10


def test_not_acceptable(client: AppClient) -> None:
    r = client.get("/sparql", params={"query": SELECT}, headers={"Accept": "image/png"})
    assert r.status_code == 406
    assert "Accept: image/png" in r.text and "sparql-json (application/sparql-results+json)" in r.text
    assert "Accept" in r.headers["Vary"]  # the answer depends on what was asked for


@pytest.mark.parametrize(
    "path",
    [
        "/sparql?query=ASK%7B%7D&_format=bogus",
        "/id/promise/0480-2025-2026?_format=bogus",
        "/api/queries/promises?_format=bogus",
    ],
)
def test_an_unknown_format_asked_for_is_named_with_what_is_offered(client: AppClient, path: str) -> None:
    r = client.get(path, headers={"Accept": "application/json"})
    assert r.status_code == 406, r.text[:300]
    body = r.text
    # the value asked for, and the formats there are, Swedish first (was "offered: ..." only)
    assert "formatet erbjuds inte här / the format is not offered here: _format=bogus" in body, body[:600]
    assert "här finns / offered here:" in body and "?_format=" in body


def test_malformed_query_is_400_with_the_parser_message(client: AppClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p "})
    assert r.status_code == 400
    assert r.text.startswith("SPARQL syntax error:")
    assert "expected" in r.text.lower()  # the parser's own message


UPDATE = 'INSERT DATA { <urn:x:s> <urn:x:p> "must-not-exist" }'


@pytest.mark.parametrize("how", ["get", "form", "direct", "query-param"])
def test_updates_are_refused_and_store_unchanged(client: AppClient, store: OxigraphStore, how: str) -> None:
    before = len(store.raw)
    if how == "get":
        r = client.get("/sparql", params={"update": UPDATE})
    elif how == "form":
        r = client.post("/sparql", data={"update": UPDATE})
    elif how == "direct":
        r = client.post(
            "/sparql", content=UPDATE.encode(), headers={"Content-Type": "application/sparql-update"}
        )
    else:
        r = client.post("/sparql", data={"query": UPDATE})
    assert 400 <= r.status_code < 500, r.text
    assert r.status_code == (400 if how == "query-param" else 403)
    assert len(store.raw) == before
    assert not list(store.raw.quads_for_pattern(ox.NamedNode("urn:x:s"), None, None, None))


@pytest.mark.parametrize("how", ["get", "form", "direct"])
def test_an_empty_query_is_400_saying_so(client: AppClient, how: str) -> None:
    if how == "get":
        r = client.get("/sparql", params={"query": "  "})
    elif how == "form":
        r = client.post("/sparql", data={"query": ""})
    else:
        r = client.post("/sparql", content=b"\n", headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 400
    assert "the query is empty" in r.text and "SELECT" in r.text  # not the parser's "expected [_]"


def test_protocol_errors(client: AppClient) -> None:
    assert client.put("/sparql", content=b"x").status_code == 405
    assert (
        client.post("/sparql", content=SELECT.encode(), headers={"Content-Type": "text/plain"}).status_code
        == 415
    )
    assert client.post("/sparql", data={"foo": "bar"}).status_code == 400
    r = client.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D")
    assert r.status_code == 400
    r = client.post(
        "/sparql",
        content=SELECT.encode("utf-16"),
        headers={"Content-Type": "application/sparql-query; charset=UTF-16"},
    )
    assert 400 <= r.status_code < 500


def test_dataset_parameters(client: AppClient) -> None:
    g1, g2 = W3C_DATA
    ask = "ASK { <http://example.org/b> ?p ?o }"
    r = client.get(
        "/sparql", params={"query": ask, "default-graph-uri": g1}, headers={"Accept": "application/json"}
    )
    assert json.loads(r.content)["boolean"] is False
    r = client.get("/sparql", params={"query": ask, "default-graph-uri": [g1, g2]})
    assert json.loads(r.content)["boolean"] is True
    r = client.get(
        "/sparql",
        params={"query": "ASK { GRAPH ?g { <http://example.org/b> ?p ?o } }", "named-graph-uri": g1},
    )
    assert json.loads(r.content)["boolean"] is False
    # without a protocol dataset the default graph is the union of all graphs
    r = client.get("/sparql", params={"query": ask})
    assert json.loads(r.content)["boolean"] is True
    r = client.post("/sparql", data={"query": ask, "default-graph-uri": g2})
    assert json.loads(r.content)["boolean"] is True


@pytest.mark.parametrize("param", ["default-graph-uri", "named-graph-uri"])
@pytest.mark.parametrize("value", ["not an iri", "relative/graph", "http://example.org/a b"])
def test_a_dataset_graph_that_is_no_iri_is_400_naming_it(client: AppClient, param: str, value: str) -> None:
    r = client.get("/sparql", params={"query": "ASK {}", param: value})
    assert r.status_code == 400, r.text
    assert param in r.text and repr(value) in r.text
    r = client.post("/sparql", data={"query": "ASK {}", param: value}, headers={"Accept": PROBLEM})
    assert r.status_code == 400 and r.headers["content-type"] == PROBLEM
    assert param in r.json()["detail"]


def test_service_description(client: AppClient) -> None:
    r = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=r.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    q = (
        f"ASK {{ ?s a <{sd}Service> ; <{sd}endpoint> <http://testserver/sparql> ; "
        f"<{sd}supportedLanguage> ?l }}"
    )
    assert g.query(q).askAnswer
    # a browser gets the query editor
    r = client.get("/sparql", headers={"Accept": "text/html"})
    assert r.status_code == 200 and "<textarea" in r.text


def test_service_is_refused_by_default(client: AppClient) -> None:
    q = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    r = client.get("/sparql", params={"query": q})
    assert r.status_code == 403
    assert "SERVICE" in r.text
    # the word in a string or comment is not a SERVICE call
    r = client.get("/sparql", params={"query": 'SELECT ("SERVICE" AS ?x) WHERE { } # SERVICE <http://x>'})
    assert r.status_code == 200


def test_service_when_enabled_is_evaluated(store: OxigraphStore) -> None:
    with AppClient(make_app(store, allow_service=True)) as c:
        q = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
        r = c.get("/sparql", params={"query": q})
    assert r.status_code == 400  # it was attempted (the port refuses), not refused by policy
    assert "could not be evaluated" in r.text


def test_time_limit_is_stated(store: OxigraphStore) -> None:
    with AppClient(make_app(store, query_timeout=0.3, result_limit=10**9)) as c:
        r = c.get("/sparql", params={"query": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"})
    assert r.status_code == 503
    assert "0.3 s" in r.text
    assert r.headers.get("retry-after")
    # the header states the limit, as docs/publishing.md says of --query-timeout
    assert r.headers.get("x-query-time-limit") == "0.3"


def test_result_cap_says_it_truncated(store: OxigraphStore) -> None:
    with AppClient(make_app(store, result_limit=5)) as c:
        r = c.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert r.status_code == 200
        assert len(json.loads(r.content)["results"]["bindings"]) == 5
        assert r.headers["x-result-truncated"] == "true"
        assert r.headers["x-result-limit"] == "5"
        r = c.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 3"})
        assert "x-result-truncated" not in r.headers


def test_every_cut_result_says_so_in_its_headers(store: OxigraphStore) -> None:
    """The Graph Store Protocol and the saved-query API (whose CSV has no field to say it) tell a
    client that the result was cut as the SPARQL endpoint does: X-Result-Truncated, X-Result-Limit
    and a Warning (docs/publishing.md, --result-limit)."""
    with AppClient(make_app(store, result_limit=1)) as c:
        cut = [
            c.get("/store", params={"default": ""}, headers={"Accept": "application/n-triples"}),
            c.get("/api/queries/priority-areas-by-municipality.csv"),
            c.get("/api/queries/priority-areas-by-municipality"),
        ]
    for r in cut:
        assert r.status_code == 200, r.text
        assert r.headers["x-result-truncated"] == "true" and r.headers["x-result-limit"] == "1"
        assert r.headers["warning"].startswith('199 kg "result cut at 1 '), r.headers.get("warning")
    assert len(cut[0].text.splitlines()) == 1 and len(cut[1].text.splitlines()) == 2  # header + 1 row


def test_unknown_extension_function_is_an_evaluation_error(client: AppClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT (<http://example/f>(1) AS ?y) {}"})
    assert r.status_code == 200
    assert json.loads(r.content)["results"]["bindings"] == [{}]


def test_cors_is_configurable(store: OxigraphStore, client: AppClient) -> None:
    r = client.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://example.org"})
    assert "access-control-allow-origin" not in r.headers
    with AppClient(make_app(store, cors_origins=("https://example.org",))) as c:
        r = c.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://example.org"})
        assert r.headers["access-control-allow-origin"] == "https://example.org"
        exposed = {h.strip().lower() for h in r.headers["access-control-expose-headers"].split(",")}
        # a browser script reads that a result was cut, and why, from these (not safelisted)
        assert {"x-result-truncated", "x-result-limit", "x-query-time-limit", "warning"} <= exposed
        assert "retry-after" in exposed
        r = c.options(
            "/sparql", headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"}
        )
        assert r.status_code == 200


def test_graph_store_protocol_read_only(client: AppClient, store: OxigraphStore) -> None:
    g1 = W3C_DATA[0]
    r = client.get("/store", params={"graph": g1}, headers={"Accept": "application/n-triples"})
    assert r.status_code == 200 and r.text.strip() == (
        '<http://example.org/a> <http://example.org/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .'
    )
    assert client.get("/store", params={"graph": "http://example.org/none"}).status_code == 404
    before = len(store.raw)
    assert (
        client.put(
            "/store",
            params={"graph": g1},
            content=b"<a:b> <a:c> <a:d> .",
            headers={"Content-Type": "text/turtle"},
        ).status_code
        == 403
    )
    assert client.delete("/store", params={"graph": g1}).status_code == 403
    assert len(store.raw) == before
