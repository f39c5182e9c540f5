"""Error answers for each kind of client (kg.server.errors): HTML pages for browsers, RFC 9457
problem details for the API, the message as text for SPARQL protocol clients."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from server_support import AppClient, fill_store, make_app

from kg.store.core import OxigraphStore, StoreSettings, open_store

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"}
PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def client() -> Iterator[AppClient]:
    store: OxigraphStore = open_store(StoreSettings(None))
    fill_store(store)
    with AppClient(make_app(store, base_url="https://data.example.org/kg/")) as c:
        yield c
    store.close()


@pytest.mark.parametrize(
    ("path", "status", "title"),
    [
        ("/no/such/page", 404, "Hittades inte / Not found"),
        ("/id/promise/no-such-promise", 404, "Hittades inte / Not found"),
        ("/api/queries/no-such-query", 404, "Hittades inte / Not found"),
        ("/_/queries/promises-of-municipality?run=1&municipality=", 400, "Felaktig begäran / Bad request"),
        ("/sparql?query=SELEC", 400, "Felaktig begäran / Bad request"),
    ],
)
def test_browsers_get_an_error_page(client: AppClient, path: str, status: int, title: str) -> None:
    r = client.get(path, headers=BROWSER)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("text/html")
    assert 'href="/kg/"' in r.text  # the site around it
    if status == 404:
        assert f"<h1>{title}</h1>" in r.text
    else:  # the form or the editor again, the message beside it
        assert "<form" in r.text


def test_the_api_answers_problem_details(client: AppClient) -> None:
    r = client.get("/api/queries/promises-of-municipality", params={"municipality": "Atlantis"})
    assert r.status_code == 400 and r.headers["content-type"] == PROBLEM
    problem = r.json()
    assert problem["type"] == "about:blank" and problem["title"] == "Bad Request" and problem["status"] == 400
    assert "Atlantis" in problem["detail"] and "municipality" in problem["detail"]
    assert (
        problem["instance"]
        == "https://data.example.org/kg/api/queries/promises-of-municipality?municipality=Atlantis"
    )
    assert problem["documentation"] == "https://data.example.org/kg/api/docs"
    assert "?municipality=" in problem["hint"] and "-p " not in problem["hint"]  # the API's syntax
    assert problem["detail"].startswith("okänd kommun / unknown municipality: 'Atlantis'")


def test_the_api_hint_is_a_query_string_to_send(client: AppClient) -> None:
    """The CLI quotes an example for the shell ('Nyköpings kommun'); the API's hint carries it
    as a URL does, so that the caller can send it as written."""
    r = client.get("/api/queries/promises-of-municipality", params={"municipality": "kg:org/kommun-9999"})
    assert r.status_code == 400, r.text
    hint = r.json()["hint"]
    found = re.search(r"\?municipality=(\S+)", hint)
    assert found and "'" not in found.group(1) and '"' not in found.group(1), hint
    assert "%20" in found.group(1), hint  # the example's name has a space
    follow = client.get("/api/queries/promises-of-municipality?municipality=" + found.group(1))
    assert follow.status_code == 200, (hint, follow.text[:300])
    missing = client.get("/api/queries/no-such-query")
    assert missing.status_code == 404 and missing.headers["content-type"] == PROBLEM
    assert "kg query" not in missing.text  # no command-line advice for an API caller
    unknown = client.get("/api/nothing/here")
    assert (
        unknown.status_code == 404
        and unknown.json()["detail"] == "inget här / nothing here: /kg/api/nothing/here"
    )


def test_sparql_clients_keep_plain_text_unless_they_ask(client: AppClient) -> None:
    r = client.get("/sparql", params={"query": "SELEC"})
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/plain")
    accept = {"Accept": f"application/sparql-results+json, {PROBLEM}"}
    asked = client.get("/sparql", params={"query": "SELEC"}, headers=accept)
    assert asked.status_code == 400 and asked.headers["content-type"] == PROBLEM
    assert "syntax" in asked.json()["detail"].lower()


def test_the_openapi_declares_the_problems(client: AppClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert spec["components"]["schemas"]["Problem"]["required"] == ["type", "title", "status", "detail"]
    for path, operations in spec["paths"].items():
        for operation in operations.values():
            for status, response in operation["responses"].items():
                if status >= "400":
                    assert PROBLEM in response["content"], (path, status)
    json.dumps(spec)
