"""Pages safe by construction: only http(s) IRIs become links, every HTML response carries the
security headers, and redirects are built from the base URL, never from the Host header."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from server_support import ID, AppClient, fill_store, make_app

from kg.server.editor import EDITOR_CSP, yasgui_installed
from kg.server.security import CSP
from kg.store.core import OxigraphStore, StoreSettings, open_store

THING = ID + "thing/hostile"
HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def store() -> Iterator[OxigraphStore]:
    s = open_store(StoreSettings(None))
    fill_store(s)
    s.raw.update(
        f"""INSERT DATA {{ GRAPH <{ID}graph/hostile> {{
          <{THING}> <http://www.w3.org/2000/01/rdf-schema#label> "Hostile" ;
            <http://schema.org/url> <javascript:alert(5)> , <data:text/html,x> , <https://example.org/ok> .
        }} }}"""
    )
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(store: OxigraphStore) -> Iterator[AppClient]:
    with AppClient(make_app(store, base_url="https://data.example.org/kg/")) as c:
        yield c


def test_only_web_iris_become_links(client: AppClient) -> None:
    r = client.get("/id/thing/hostile", headers=HTML)
    assert r.status_code == 200 and "Hostile" in r.text
    assert "javascript:alert(5)" in r.text and "data:text/html,x" in r.text  # shown, as text
    assert 'href="javascript:' not in r.text and 'href="data:' not in r.text
    assert 'href="https://example.org/ok"' in r.text


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/", 200),
        ("/id/thing/hostile", 200),
        ("/_/queries", 200),
        ("/_/sparql", 200),
        ("/_/queries/promises-of-municipality?municipality=0480&run=1", 200),
        ("/id/nothing-here", 404),
        ("/sparql?query=SELECT", 400),
    ],
)
def test_every_html_response_has_the_security_headers(client: AppClient, path: str, status: int) -> None:
    r = client.get(path, headers=HTML)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("text/html")
    editor = path.startswith(("/_/sparql", "/sparql")) and yasgui_installed()
    assert r.headers["content-security-policy"] == (EDITOR_CSP if editor else CSP)
    assert "default-src 'self'" in CSP and "frame-ancestors 'none'" in CSP and "unsafe-inline" not in CSP
    # YASGUI's page allows inline styles, never inline or remote scripts
    assert CSP.replace("style-src 'self';", "style-src 'self' 'unsafe-inline';") == EDITOR_CSP
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "<script>" not in r.text and " style=" not in r.text  # nothing the policy would block


def test_other_responses_say_nosniff(client: AppClient) -> None:
    r = client.get(
        "/sparql", params={"query": "ASK {}"}, headers={"Accept": "application/sparql-results+json"}
    )
    assert r.status_code == 200 and r.headers["x-content-type-options"] == "nosniff"
    assert "content-security-policy" not in r.headers


def test_a_redirect_never_names_the_clients_host(client: AppClient) -> None:
    r = client.get("/_/queries/", headers={"Host": "evil.example"}, follow_redirects=False)
    assert r.status_code in (301, 307, 308)
    assert r.headers["location"] == "https://data.example.org/kg/_/queries"
    assert "evil.example" not in r.headers["location"]
