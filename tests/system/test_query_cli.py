"""``kg query`` and ``kg sparql`` in process: output equals the library's, errors map to exit codes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from oxigraph_server import OxigraphServer
from query_fixtures import fixture_files, load_fixtures
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import EXIT_BAD_INPUT, EXIT_UNAVAILABLE
from kg.query.run import run_saved
from kg.query.saved import load_queries
from kg.store.core import OxigraphStore, StoreSettings, open_store


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("cli") / "store"
    store = open_store(StoreSettings(path))
    load_fixtures(store)
    store.close()
    yield path


def kg(runner: CliRunner, store_dir: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--store", str(store_dir), *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_list_json_names_every_saved_query(runner: CliRunner, store_dir: Path) -> None:
    code, out, _ = kg(runner, store_dir, "query", "list", "--format", "json")
    assert code == 0
    assert [q["name"] for q in json.loads(out)] == list(load_queries())
    code, out, _ = kg(runner, store_dir, "query", "list")
    assert "activityType" in out and "promises-by-county" in out


def test_show_gives_parameters_defaults_and_an_example(runner: CliRunner, store_dir: Path) -> None:
    code, out, _ = kg(runner, store_dir, "query", "show", "compare-municipalities")
    assert code == 0
    assert "firstMunicipality  iri (municipality)  krävs / required" in out
    assert (
        "kg query run compare-municipalities -p firstMunicipality=Linköping -p secondMunicipality=1282" in out
    )
    assert "SELECT ?_firstMunicipality_iri" in out


def test_run_json_equals_the_library(runner: CliRunner, store_dir: Path, query_store: OxigraphStore) -> None:
    code, out, _ = kg(
        runner,
        store_dir,
        "query",
        "run",
        "activity-frequencies",
        "-p",
        "municipality=0580",
        "-p",
        "municipality=Landskrona",
        "--format",
        "json",
    )
    assert code == 0
    query = load_queries()["activity-frequencies"]
    assert (
        json.loads(out) == run_saved(query_store, query, {"municipality": ["0580", "Landskrona"]}).records()
    )


def test_run_output_file_and_provenance(runner: CliRunner, store_dir: Path, tmp_path: Path) -> None:
    out_file, record_file = tmp_path / "rows.csv", tmp_path / "run.json"
    code, out, err = kg(
        runner,
        store_dir,
        "query",
        "run",
        "promises",
        "-p",
        "county=Skåne",
        "-f",
        "csv",
        "--output",
        str(out_file),
        "--provenance",
        str(record_file),
    )
    assert code == 0, err
    assert out == ""
    lines = out_file.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("county,countyName,municipality") and len(lines) == 3
    record = json.loads(record_file.read_text(encoding="utf-8"))
    assert record["parameters"] == {"county": ["Skåne"]}
    assert record["source"] == record["source"] | {"kind": "store", "location": str(store_dir)}
    assert len(record["source"]["documents"]) == len(fixture_files()) and record["result"]["rows"] == 2


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["query", "run", "promise"], EXIT_BAD_INPUT, "did you mean: promises"),
        (["query", "show", "nope"], EXIT_BAD_INPUT, "no saved query named 'nope'"),
        (["query", "run", "activities-by-municipality"], EXIT_BAD_INPUT, "missing parameter: municipality"),
        (["query", "run", "promises-valid-in-year", "-p", "year=två"], EXIT_BAD_INPUT, "is not an integer"),
        (
            ["query", "run", "activities-by-municipality", "-p", "municipality=Atlantis"],
            EXIT_BAD_INPUT,
            "okänd kommun / unknown municipality: 'Atlantis'",
        ),
        (["query", "run", "promises", "-p", "county"], EXIT_BAD_INPUT, "name=value"),
        (
            ["query", "run", "promises", "--endpoint", "http://127.0.0.1:9/query"],
            EXIT_UNAVAILABLE,
            "unreachable",
        ),
    ],
)
def test_errors_are_clear_with_documented_exit_codes(
    runner: CliRunner, store_dir: Path, args: list[str], code: int, message: str
) -> None:
    exit_code, out, err = kg(runner, store_dir, *args)
    assert exit_code == code, (out, err)
    assert message in err
    assert "Traceback" not in err + out


@pytest.mark.server
def test_run_on_the_server_equals_the_store(
    runner: CliRunner, store_dir: Path, query_server: OxigraphServer
) -> None:
    args = ["query", "run", "top-activity-types", "-p", "county=05", "-f", "sparql-json"]
    code, local, _ = kg(runner, store_dir, *args)
    rcode, remote, err = kg(runner, store_dir, *args, "--endpoint", query_server.query_url)
    assert code == rcode == 0, err
    assert json.loads(remote) == json.loads(local)


@pytest.mark.server
def test_sparql_error_from_the_server_is_exit_3(
    runner: CliRunner, store_dir: Path, query_server: OxigraphServer
) -> None:
    code, _, err = kg(
        runner, store_dir, "sparql", "SELECT * WHERE { ?s }", "--endpoint", query_server.query_url
    )
    assert code == EXIT_UNAVAILABLE and "QueryBadFormed" in err


@pytest.mark.server
def test_sparql_on_an_endpoint_gets_the_predeclared_prefixes_and_leaves_others_to_it(
    runner: CliRunner, store_dir: Path, query_server: OxigraphServer
) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?p a mbl:CitizenPromise }"
    code, local, _ = kg(runner, store_dir, "sparql", query, "-f", "json")
    rcode, remote, err = kg(
        runner, store_dir, "sparql", query, "-f", "json", "--endpoint", query_server.query_url
    )
    assert code == rcode == 0, err
    assert json.loads(remote) == json.loads(local) == [{"n": 5}]
    # a prefix kg does not know is the endpoint's to judge (some predeclare their own): its answer
    code, _, err = kg(
        runner, store_dir, "sparql", "ASK { ?s dbo:x ?o }", "--endpoint", query_server.query_url
    )
    assert code == EXIT_UNAVAILABLE and "unknown prefix" not in err


def test_sparql_text_file_and_formats(runner: CliRunner, store_dir: Path, tmp_path: Path) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?p a <https://w3id.org/medborgarlofte/def/CitizenPromise> }"
    code, out, _ = kg(runner, store_dir, "sparql", query, "-f", "json")
    assert code == 0 and json.loads(out) == [{"n": 5}]
    path = tmp_path / "q.rq"
    path.write_text(query)
    code, out, _ = kg(runner, store_dir, "sparql", str(path), "-f", "sparql-tsv")
    assert out == '?n\n"5"^^<http://www.w3.org/2001/XMLSchema#integer>\n'
    code, out, err = kg(runner, store_dir, "sparql", str(tmp_path / "missing.rq"))
    assert code == EXIT_BAD_INPUT and "no such file" in err
    code, out, _ = kg(
        runner, store_dir, "sparql", "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s", "--limit", "2", "-f", "md"
    )
    assert code == 0 and out.count("\n") == 4


def test_docs_command_prints_the_reference(runner: CliRunner, store_dir: Path) -> None:
    code, out, _ = kg(runner, store_dir, "query", "docs", "--no-examples")
    assert code == 0
    for name in load_queries():
        assert f"## `{name}`" in out
    code, out, _ = kg(runner, store_dir, "query", "docs")  # the outputs are this store's, and say so
    assert code == 0 and "output on this store" in out and "output on the test data" not in out
