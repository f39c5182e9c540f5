"""Every saved query is a test case: it parses, declares its parameters, and returns the expected
rows (tests/snapshots/queries/<name>.json) on the fixture store AND on a real ``oxigraph serve``
loaded with the same data.

A new ``queries/*.rq`` is picked up by globbing. Its snapshot is made from its example call by

    KG_UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/system/test_queries.py

which also rewrites docs/queries.md; review the diff before committing. To test more parameter
sets, add ``{"params": {...}, "rows": []}`` entries to the snapshot's ``cases`` and update again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from oxigraph_server import OxigraphServer
from query_fixtures import bundled_store

from kg.query.docs import MAKE_RUN, render_docs
from kg.query.results import ResultTable
from kg.query.run import run_saved
from kg.query.saved import SavedQuery, load_queries, parse_query_file
from kg.sparql_text import tokens, variables
from kg.store.core import OxigraphStore
from kg.store.remote import RemoteEndpoint

REPO = Path(__file__).resolve().parent.parent.parent
QUERY_DIR = REPO / "queries"
SNAPSHOTS = Path(__file__).resolve().parent.parent / "snapshots" / "queries"
DOCS = REPO / "docs" / "queries.md"
UPDATE = os.environ.get("KG_UPDATE_SNAPSHOTS") == "1"
QUERY_FILES = sorted(QUERY_DIR.glob("*.rq"))


def _snapshot_path(name: str) -> Path:
    return SNAPSHOTS / f"{name}.json"


def _cases(path: Path) -> list[tuple[str, int]]:
    snap = _snapshot_path(path.stem)
    if not snap.exists():
        return [(path.stem, 0)]
    return [(path.stem, i) for i in range(len(json.loads(snap.read_text(encoding="utf-8"))["cases"]))]


CASES = [case for path in QUERY_FILES for case in _cases(path)]
CASE_IDS = [f"{name}-{i}" for name, i in CASES]


def _load_case(query: SavedQuery, index: int) -> dict[str, Any]:
    snap = _snapshot_path(query.name)
    if snap.exists():
        return dict(json.loads(snap.read_text(encoding="utf-8"))["cases"][index])
    if not UPDATE:
        pytest.fail(
            f"no snapshot for {query.name}: run KG_UPDATE_SNAPSHOTS=1 .venv/bin/pytest "
            f"tests/system/test_queries.py and review {snap.relative_to(REPO)}"
        )
    return {"params": query.example, "rows": []}


def _save_case(query: SavedQuery, index: int, case: dict[str, Any]) -> None:
    snap = _snapshot_path(query.name)
    doc = {"query": query.name, "cases": []}
    if snap.exists():
        doc = json.loads(snap.read_text(encoding="utf-8"))
    while len(doc["cases"]) <= index:
        doc["cases"].append({})
    doc["cases"][index] = case
    SNAPSHOTS.mkdir(parents=True, exist_ok=True)
    snap.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _terms(table: ResultTable) -> list[tuple[str | None, ...]]:
    """Rows as N-Triples terms: exact, for comparing two engines."""
    return [tuple(None if t is None else str(t) for t in row) for row in table.rows]


@pytest.fixture(scope="module")
def saved() -> dict[str, SavedQuery]:
    return load_queries(QUERY_DIR)


def test_there_are_at_least_15_saved_queries() -> None:
    assert len(QUERY_FILES) >= 15, [p.name for p in QUERY_FILES]


@pytest.mark.parametrize("path", QUERY_FILES, ids=[p.stem for p in QUERY_FILES])
def test_saved_query_parses_and_declares_its_parameters(path: Path, query_store: OxigraphStore) -> None:
    query = parse_query_file(path)
    assert query.summary and " / " in query.summary, "summary: Swedish / English"
    assert query.description, "a description says what the rows mean"
    assert query.tags
    declared = {p.variable for p in query.parameters}
    used = {v for v, _ in variables(query.sparql) if v.startswith("_")}
    assert used == declared
    # SEP-0007 substitution needs every parameter in the SELECT projection
    select_clause = query.sparql.upper().split("WHERE")[0]
    for p in query.parameters:
        assert f"?{p.variable}".upper() in select_clause, f"?{p.variable} is not in the SELECT clause"
        assert p.name[0].islower() and "_" not in p.name, f"{p.name}: camelCase"
    # the example call names every required parameter that has no default
    missing = [
        p.name for p in query.parameters if p.required and p.default is None and p.name not in query.example
    ]
    assert not missing, f"the example lacks {missing}"
    # a stable order, so both engines return rows in the same order
    assert any(t.kind == "word" and t.text.upper() == "ORDER" and t.depth == 0 for t in tokens(query.sparql))
    # it runs (parses on Oxigraph) with its example parameters
    run_saved(query_store, query, query.example, limit=1)


@pytest.mark.parametrize(("name", "index"), CASES, ids=CASE_IDS)
def test_saved_query_returns_the_snapshot_rows(
    name: str, index: int, saved: dict[str, SavedQuery], query_store: OxigraphStore
) -> None:
    query = saved[name]
    case = _load_case(query, index)
    table = run_saved(query_store, query, case["params"])
    if UPDATE:
        _save_case(query, index, {"params": case["params"], "rows": table.records()})
        return
    assert table.records() == case["rows"], f"{name} {case['params']}: rows differ from the snapshot"


@pytest.mark.server
@pytest.mark.parametrize(("name", "index"), CASES, ids=CASE_IDS)
def test_saved_query_gives_the_same_rows_on_oxigraph_server(
    name: str,
    index: int,
    saved: dict[str, SavedQuery],
    query_store: OxigraphStore,
    query_server: OxigraphServer,
) -> None:
    query = saved[name]
    case = _load_case(query, index)
    remote = run_saved(RemoteEndpoint(query_server.query_url, timeout=30), query, case["params"])
    local = run_saved(query_store, query, case["params"])
    assert remote.variables == local.variables
    assert _terms(remote) == _terms(local), f"{name} {case['params']}: server and embedded store differ"
    if not UPDATE:
        assert remote.records() == case["rows"]


@pytest.fixture(scope="module")
def make_run_store() -> Iterator[OxigraphStore]:
    store = bundled_store()
    yield store
    store.close()


def test_docs_list_every_saved_query_with_checked_example_output(
    saved: dict[str, SavedQuery], query_store: OxigraphStore, make_run_store: OxigraphStore
) -> None:
    """Each example's output on the test data and after ``make run``, both labelled (issue 22)."""
    expected = render_docs(saved, query_store, also=[(MAKE_RUN, make_run_store)])
    if UPDATE:
        DOCS.write_text(expected, encoding="utf-8")
        return
    assert DOCS.exists(), "docs/queries.md is missing: regenerate it (see the module docstring)"
    current = DOCS.read_text(encoding="utf-8")
    for name in saved:
        assert f"## `{name}`" in current, f"docs/queries.md does not document {name}"
    assert current == expected, "docs/queries.md is stale: regenerate it (see the module docstring)"
