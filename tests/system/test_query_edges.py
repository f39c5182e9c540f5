"""The same answer on every edge: a query's own dataset (FROM, FROM NAMED) on the CLI and the
endpoint, and hostile parameter values (huge integers, blank values) refused or ignored alike by
the CLI, the API and the forms."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from server_support import AppClient, filled_store_folder, make_app
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import EXIT_BAD_INPUT
from kg.iris import Minter
from kg.store.core import OxigraphStore, StoreSettings, open_store

NONEXISTENT = "SELECT (COUNT(*) AS ?n) FROM <http://nonexistent/> WHERE { ?s ?p ?o }"
EXAMPLE_GRAPH = str(Minter().graph("promise/0480-2025-2026"))
FROM_EXAMPLE = f"SELECT (COUNT(*) AS ?n) FROM <{EXAMPLE_GRAPH}> WHERE {{ ?s ?p ?o }}"
FROM_NAMED = f"SELECT DISTINCT ?g FROM NAMED <{EXAMPLE_GRAPH}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
ALL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
HUGE = "9" * 5000
JSON = {"Accept": "application/sparql-results+json"}


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return filled_store_folder(tmp_path_factory, "edges")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppClient]:
    """The app over its own copy of the data (the CLI's store stays free of its lock)."""
    path = filled_store_folder(tmp_path_factory, "edges-served")
    store = open_store(StoreSettings(path, create=False, read_only=True))
    try:
        with AppClient(make_app(store, queries_folder=None)) as c:  # the bundled saved queries
            yield c
    finally:
        store.close()


@pytest.fixture(scope="module")
def graph_size(store_dir: Path) -> int:
    store: OxigraphStore = open_store(StoreSettings(store_dir, create=False, read_only=True))
    try:
        return store.count(EXAMPLE_GRAPH)
    finally:
        store.close()


def kg(store_dir: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--store", str(store_dir), *args])
    return result.exit_code, result.stdout + result.stderr


def kg_stdout(store_dir: Path, *args: str) -> tuple[int, str]:
    """A command's exit code and standard output alone (notes go to standard error)."""
    result = CliRunner().invoke(app, ["--store", str(store_dir), *args])
    return result.exit_code, result.stdout


def cli_count(store_dir: Path, query: str) -> int:
    code, out = kg(store_dir, "sparql", query, "--format", "json")
    assert code == 0, out
    return int(json.loads(out)[0]["n"])


def endpoint_count(client: AppClient, query: str, **params: str) -> int:
    r = client.get("/sparql", params={"query": query, **params}, headers=JSON)
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_from_defines_the_dataset_on_the_cli(store_dir: Path, graph_size: int) -> None:
    assert cli_count(store_dir, NONEXISTENT) == 0
    assert cli_count(store_dir, FROM_EXAMPLE) == graph_size
    assert cli_count(store_dir, ALL) > graph_size  # no FROM: the union of every graph
    code, out = kg(store_dir, "sparql", FROM_NAMED, "--format", "json")
    assert code == 0 and [r["g"] for r in json.loads(out)] == [EXAMPLE_GRAPH]


def test_from_defines_the_dataset_on_the_endpoint(client: AppClient, graph_size: int) -> None:
    assert endpoint_count(client, NONEXISTENT) == 0
    assert endpoint_count(client, FROM_EXAMPLE) == graph_size
    assert endpoint_count(client, ALL) > graph_size
    r = client.get("/sparql", params={"query": FROM_NAMED}, headers=JSON)
    assert [b["g"]["value"] for b in r.json()["results"]["bindings"]] == [EXAMPLE_GRAPH]
    # the protocol's default-graph-uri wins over the query's FROM
    assert endpoint_count(client, NONEXISTENT, **{"default-graph-uri": EXAMPLE_GRAPH}) == graph_size


def test_a_huge_integer_is_the_wrong_value_everywhere(store_dir: Path, client: AppClient) -> None:
    code, out = kg(store_dir, "query", "run", "promises-valid-in-year", "-p", f"year={HUGE}")
    assert code == EXIT_BAD_INPUT, out
    assert "at most 18 digits" in out and "Traceback" not in out and len(out) < 2000
    r = client.get("/api/queries/promises-valid-in-year", params={"year": HUGE})
    assert r.status_code == 400 and "at most 18 digits" in r.text
    form = client.get("/_/queries/promises-valid-in-year", params={"year": HUGE, "run": "1"})
    assert form.status_code == 400 and "at most 18 digits" in form.text
    page = client.get("/api/queries/promises-valid-in-year", params={"year": "2025", "_page": HUGE})
    assert page.status_code == 400 and "_page" in page.text
    for big in (HUGE, "9" * 20):  # past what an int can parse, and past any sensible page
        code, out = kg(store_dir, "query", "run", "activities-never-reported", "--page", big)
        assert code == EXIT_BAD_INPUT and "--page" in out and "Traceback" not in out, out
        code, out = kg(store_dir, "sparql", "ASK {}", "--limit", big)
        assert code == EXIT_BAD_INPUT and "--limit" in out and "Traceback" not in out, out


def test_a_blank_value_is_not_given_everywhere(store_dir: Path, client: AppClient) -> None:
    # required: "missing" on the CLI and the API alike (not "unknown municipality '   '")
    query = "compare-municipalities"
    code, out = kg(
        store_dir, "query", "run", query, "-p", "firstMunicipality=   ", "-p", "secondMunicipality=0480"
    )
    assert code == EXIT_BAD_INPUT and "missing parameter" in out and "firstMunicipality" in out, out
    r = client.get(f"/api/queries/{query}", params={"firstMunicipality": "   ", "secondMunicipality": "0480"})
    assert r.status_code == 400 and "missing parameter" in r.text and "firstMunicipality" in r.text
    # optional: a blank value means the same as no value
    code, blank = kg_stdout(
        store_dir,
        "query",
        "run",
        "promises-valid-in-year",
        "-p",
        "year=2025",
        "-p",
        "county= ",
        "--format",
        "json",
    )
    assert code == 0, blank
    code, absent = kg_stdout(
        store_dir, "query", "run", "promises-valid-in-year", "-p", "year=2025", "--format", "json"
    )
    assert code == 0 and json.loads(blank) == json.loads(absent)
    api = client.get("/api/queries/promises-valid-in-year", params={"year": "2025", "county": "  "})
    assert api.status_code == 200 and len(api.json()["rows"]) == len(json.loads(absent))
