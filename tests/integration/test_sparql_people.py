"""``kg sparql`` for people (issue 22 point 5): the project's prefixes predeclared and listed, syntax
errors at their line and column with a caret, ``SELECT *`` in the query's order, and CONSTRUCT and
DESCRIBE as Turtle, N-Triples or JSON-LD."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from cli_support import streams
from query_fixtures import load_fixtures

from kg.errors import EXIT_BAD_INPUT
from kg.namespaces import PREFIXES
from kg.store.core import StoreSettings, open_store

REPO = Path(__file__).resolve().parent.parent.parent
ID = "https://w3id.org/medborgarlofte/id/"
MBL = PREFIXES["mbl"]
DCT = PREFIXES["dct"]
TITLES = "CONSTRUCT { ?p dct:title ?t } WHERE { ?p a mbl:CitizenPromise ; dct:title ?t }"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("sparql") / "store"
    with open_store(StoreSettings(path)) as store:
        load_fixtures(store)
    yield path


def kg(store_dir: Path, *args: str) -> tuple[int, str, str]:
    return streams(store_dir, "sparql", *args)


def test_prefixes_are_listed_with_their_iris(store_dir: Path) -> None:
    code, out, _ = kg(store_dir, "--prefixes")
    assert code == 0
    listed = dict(line.split()[:2] for line in out.splitlines()[2:])
    assert listed["mbl:"] == MBL and listed["kg:"] == ID and listed["at:"] == PREFIXES["at"]
    assert set(listed) == {f"{p}:" for p in PREFIXES} | {"kg:"}


def test_the_projects_prefixes_are_predeclared(store_dir: Path) -> None:
    code, out, err = kg(
        store_dir, "SELECT ?p ?t WHERE { ?p a mbl:CitizenPromise ; dct:title ?t }", "-f", "json"
    )
    assert code == 0, err
    assert {r["p"] for r in json.loads(out)} >= {ID + "promise/0580-2023-2024"}


def test_a_prefix_the_query_declares_is_its_own(store_dir: Path) -> None:
    own = "PREFIX mbl: <http://example.org/other#> ASK { ?p a mbl:CitizenPromise }"
    code, out, _ = kg(store_dir, own, "-f", "json")
    assert code == 0 and json.loads(out) == [{"result": False}]


def test_a_kg_name_as_the_tables_print_it(store_dir: Path) -> None:
    code, out, err = kg(store_dir, "SELECT ?t WHERE { kg:promise/0580-2023-2024 dct:title ?t }", "-f", "json")
    assert code == 0, err
    assert len(json.loads(out)) == 1
    code, out, err = kg(
        store_dir, "SELECT ?x WHERE { ?x rdf:type/rdfs:subClassOf* mbl:CitizenPromise } LIMIT 1"
    )
    assert code == 0, err  # a property path keeps its slash


def test_an_unknown_prefix_is_shown_at_its_place(store_dir: Path) -> None:
    code, _, err = kg(store_dir, "SELECT * WHERE {\n  ?s a mbl:CitizenPromise .\n  ?s foo:bar ?o }")
    assert code == EXIT_BAD_INPUT
    assert "unknown prefix 'foo:'" in err and "line 3" in err and "column 6" in err
    lines = err.splitlines()
    quoted = next(i for i, line in enumerate(lines) if "?s foo:bar ?o }" in line)
    assert lines[quoted + 1].index("^") == lines[quoted].index("foo:")
    assert "u{" not in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("query", "line", "column", "under"),
    [
        ("SELECT ?x WHERE {\n  ?s ?p ?o", 2, 11, None),
        ("SELECT * WHERE { ?s ?p ?o } LIMIT x", 1, 35, "x"),
        ("SELECT * WHERE { kg:promise/0580-2023-2024 dct:title ?t } LIMIT x", 1, 65, "x"),
    ],
)
def test_a_syntax_error_names_line_and_column_with_a_caret(
    store_dir: Path, query: str, line: int, column: int, under: str | None
) -> None:
    code, _, err = kg(store_dir, query)
    assert code == EXIT_BAD_INPUT
    assert f"line {line}, column {column}" in err, err
    assert "u{" not in err and "..=" not in err  # no grammar character classes
    lines = err.splitlines()
    quoted = next(i for i, text in enumerate(lines) if text.startswith(f"  {line} | "))
    caret = lines[quoted + 1].index("^")
    if under is not None:
        assert lines[quoted][caret] == under
    assert caret == len(f"  {line} | ") + column - 1


def test_select_star_keeps_the_querys_variable_order(store_dir: Path) -> None:
    query = "SELECT * WHERE { ?zeta a mbl:CitizenPromise ; dct:title ?alpha ; mbl:municipality ?middle }"
    code, out, err = kg(store_dir, query, "-f", "csv")
    assert code == 0, err
    assert out.splitlines()[0] == "zeta,alpha,middle"
    code, out, _ = kg(store_dir, query, "-f", "sparql-json")
    assert json.loads(out)["head"]["vars"] == ["zeta", "alpha", "middle"]


def _graph(data: str, fmt: ox.RdfFormat) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data.encode(), format=fmt)}


def test_construct_is_turtle_by_default_and_ntriples_or_jsonld_on_request(store_dir: Path) -> None:
    code, turtle, err = kg(store_dir, TITLES)
    assert code == 0, err
    assert turtle.startswith("@prefix") and "dct:title" in turtle
    graph = _graph(turtle, ox.RdfFormat.TURTLE)
    assert (ox.NamedNode(ID + "promise/0580-2023-2024"), ox.NamedNode(DCT + "title")) in {
        (t.subject, t.predicate) for t in graph
    }
    for name, fmt in (
        ("nt", ox.RdfFormat.N_TRIPLES),
        ("jsonld", ox.RdfFormat.JSON_LD),
        ("ttl", ox.RdfFormat.TURTLE),
    ):
        code, out, err = kg(store_dir, TITLES, "-f", name)
        assert code == 0, err
        assert _graph(out, fmt) == graph, name
    code, out, _ = kg(store_dir, TITLES, "-f", "json")
    assert code == 0 and set(json.loads(out)[0]) == {"subject", "predicate", "object"}


def test_describe_is_turtle(store_dir: Path) -> None:
    code, out, err = kg(store_dir, "DESCRIBE kg:promise/0580-2023-2024")
    assert code == 0, err
    subjects = {t.subject for t in _graph(out, ox.RdfFormat.TURTLE)}
    assert ox.NamedNode(ID + "promise/0580-2023-2024") in subjects


def test_a_graph_format_for_a_select_is_a_usage_error(store_dir: Path) -> None:
    code, _, err = kg(store_dir, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "-f", "ttl")
    assert code == EXIT_BAD_INPUT and "CONSTRUCT" in err


def test_no_query_and_no_prefixes_is_a_usage_error(store_dir: Path) -> None:
    code, _, err = kg(store_dir)
    assert code == EXIT_BAD_INPUT and "--prefixes" in err


def test_the_documented_error_example_prints_as_documented(store_dir: Path) -> None:
    text = (REPO / "docs" / "queries.md").read_text(encoding="utf-8")
    block = re.search(r"```text\n\$ (kg sparql .*?)\n(.*?)```", text, flags=re.S)
    assert block is not None, "docs/queries.md shows a kg sparql error example"
    args = shlex.split(block.group(1))[2:]
    code, _, err = kg(store_dir, *args)
    assert code == EXIT_BAD_INPUT
    assert err.startswith(block.group(2)), err


def test_the_endpoint_orders_select_star_as_kg_sparql_does(store_dir: Path) -> None:
    from query_fixtures import fixture_store
    from server_support import AppClient, make_app

    query = "SELECT * WHERE { ?zeta a <https://w3id.org/medborgarlofte/def/CitizenPromise> ; ?beta ?alpha }"
    code, cli, err = kg(store_dir, query, "-f", "sparql-json", "--limit", "5")
    assert code == 0, err
    store = fixture_store()
    try:
        with AppClient(make_app(store)) as client:
            r = client.get(
                "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"}
            )
    finally:
        store.close()
    assert r.status_code == 200
    assert r.json()["head"]["vars"] == json.loads(cli)["head"]["vars"] == ["zeta", "beta", "alpha"]
    assert {b["zeta"]["value"] for b in r.json()["results"]["bindings"]} >= {ID + "promise/0580-2023-2024"}
