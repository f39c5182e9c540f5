"""One results writer: ``kg sparql``/``kg query run`` and the server write the same bytes.

One query over awkward values (doubles such as 1e6, line breaks, tabs and quotes in literals,
language tags, typed literals, a blank node, an unbound column) runs through the command line in
process and through the web app, in each SPARQL results format; the bodies must be identical.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from server_support import AppClient, make_app
from typer.testing import CliRunner

from kg.cli import app
from kg.query.formats import fmt
from kg.server.negotiation import RESULTS
from kg.store.core import StoreSettings, open_store

EX = "http://example.org/"
AWKWARD = f"""
INSERT DATA {{ GRAPH <{EX}g> {{
  <{EX}a> <{EX}p> 1e6, 1.0e-7, -0.0e0, "12"^^<http://www.w3.org/2001/XMLSchema#float>, 5, 1.50, true,
    "rad ett\\nrad två\\tflik\\r\\"citat\\" <&> 'apostrof'"@sv-SE, "plain \\\\ backslash",
    "2025-01-01"^^<http://www.w3.org/2001/XMLSchema#date>, <{EX}iri?q=1&r=2> .
  _:b1 <{EX}p> "en blank nod"@en .
}} }}
"""
SELECT = (
    f"SELECT ?s ?v ?unbound WHERE {{ GRAPH <{EX}g> {{ ?s <{EX}p> ?v }} "
    f"OPTIONAL {{ ?s <{EX}missing> ?unbound }} }} ORDER BY ?s ?v"
)
ASK = f"ASK {{ GRAPH <{EX}g> {{ ?s <{EX}p> 1e6 }} }}"
SAVED = f"""#+ summary: Besvärliga värden / awkward values
#+ description: Testfråga.
#+ tags: [test]
{SELECT}
"""
NAMES = [f.name for f in RESULTS]


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("identity") / "store"
    store = open_store(StoreSettings(path))
    store.raw.update(AWKWARD)
    store.close()
    return path


@pytest.fixture(scope="module")
def queries_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("queries")
    (folder / "awkward.rq").write_text(SAVED, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def cli_bodies(store_dir: Path, queries_dir: Path) -> dict[tuple[str, str], bytes]:
    """Every (command, format) body the command line writes, before the server opens the store."""
    runner = CliRunner()
    out: dict[tuple[str, str], bytes] = {}
    for name in NAMES:
        for label, args in (
            ("select", ["sparql", SELECT]),
            ("ask", ["sparql", ASK]),
            ("saved", ["query", "run", "awkward", "--queries", str(queries_dir)]),
        ):
            result = runner.invoke(app, ["--store", str(store_dir), *args, "-f", name])
            assert result.exit_code == 0, result.stderr
            out[(label, name)] = result.stdout_bytes
    result = runner.invoke(
        app,
        ["--store", str(store_dir), "query", "run", "awkward", "--queries", str(queries_dir), "-f", "csv"],
    )
    assert result.exit_code == 0, result.stderr
    out[("saved", "csv")] = result.stdout_bytes
    return out


@pytest.fixture(scope="module")
def client(store_dir: Path, queries_dir: Path, cli_bodies: dict) -> Iterator[AppClient]:
    store = open_store(StoreSettings(store_dir, create=False, read_only=True))
    try:
        with AppClient(make_app(store, queries_folder=queries_dir)) as c:
            yield c
    finally:
        store.close()


@pytest.mark.parametrize("name", NAMES)
def test_select_gives_the_same_bytes_on_the_command_line_and_the_server(
    name: str, cli_bodies: dict, client: AppClient
) -> None:
    by_accept = client.get("/sparql", params={"query": SELECT}, headers={"Accept": fmt(name).media_type})
    by_name = client.get("/sparql", params={"query": SELECT, "_format": name})
    assert by_accept.status_code == by_name.status_code == 200, by_accept.text
    assert by_accept.content == by_name.content == cli_bodies[("select", name)]
    assert cli_bodies[("saved", name)] == cli_bodies[("select", name)]


@pytest.mark.parametrize("name", NAMES)
def test_ask_gives_the_same_bytes(name: str, cli_bodies: dict, client: AppClient) -> None:
    r = client.get("/sparql", params={"query": ASK, "_format": name})
    assert r.status_code == 200
    assert r.content == cli_bodies[("ask", name)]


def test_the_saved_query_api_csv_is_the_command_lines(cli_bodies: dict, client: AppClient) -> None:
    r = client.get("/api/queries/awkward.csv")
    assert r.status_code == 200, r.text
    assert r.content == cli_bodies[("saved", "csv")]


def test_the_awkward_values_are_written_as_the_standards_say(cli_bodies: dict) -> None:
    """The bytes agree, and they are right: canonical doubles, escaped line breaks, unbound left out."""
    srj = cli_bodies[("select", "sparql-json")].decode()
    assert '"value":"1.0E6"' in srj and '"value":"1.0E-7"' in srj and '"value":"-0.0E0"' in srj
    assert '"xml:lang":"sv-se"' in srj.lower() and '"type":"bnode"' in srj and "unbound" not in srj[40:]
    srx = cli_bodies[("select", "sparql-xml")].decode()
    assert "rad ett&#10;rad två&#9;flik&#13;" in srx and "&lt;&amp;&gt;" in srx and ">1.0E6<" in srx
    csv = cli_bodies[("select", "sparql-csv")].decode()
    assert '"rad ett\nrad två\tflik\r""citat""' in csv and ",1.0E6," in csv and csv.endswith("\r\n")
    tsv = cli_bodies[("select", "sparql-tsv")].decode()
    assert '"1.0E6"^^<http://www.w3.org/2001/XMLSchema#double>' in tsv and "\\n" in tsv
    assert tsv.splitlines()[0] == "?s\t?v\t?unbound"
