"""A page of a listing ordered first by a stored number (followup-fulfilment's share, from the
follow-up state) read value by value through its keyset form (``queries/derived/keyset/``,
kg.query.value_window) holds the rows of the same page of the saved query reading the
documents, in order, on the fixture store and on a small generated corpus, with every case of
the derived forms' test; and the keyset form's header is the saved query's."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from kg.namespaces import OX
from kg.query.bind import bind
from kg.query.run import run_saved
from kg.query.saved import SavedQuery, load_queries, parse_query_file
from kg.query.value_window import FOLDER, keyset_form, run_value_window, value_plan
from kg.store.core import OxigraphStore
from tests.integration.test_query_derived import _cases

REPO = Path(__file__).resolve().parent.parent.parent
KEYSET = REPO / "queries" / FOLDER
NAMES = [p.stem for p in sorted(KEYSET.glob("*.rq"))]


@pytest.fixture(scope="module")
def saved() -> dict[str, SavedQuery]:
    return load_queries()


def test_every_keyset_form_has_its_derived_form_and_the_same_header(saved: dict[str, SavedQuery]) -> None:
    assert "followup-fulfilment" in NAMES
    for name in NAMES:
        keyed = parse_query_file(KEYSET / f"{name}.rq")
        assert (keyed.parameters, keyed.summary, keyed.description, keyed.example) == (
            saved[name].parameters,
            saved[name].summary,
            saved[name].description,
            saved[name].example,
        )
        assert (REPO / "queries" / "derived" / f"{name}.rq").is_file()
        assert value_plan(keyed.sparql) is not None, f"{name}: ORDER BY DESC(?v), ?v from one pattern"


def test_value_plan_wants_a_descending_key_of_one_pattern() -> None:
    head = "PREFIX m: <http://example.org/>\nSELECT ?x ?v WHERE { ?x m:v ?v } "
    assert value_plan(head + "ORDER BY DESC(?v) ?x") == ("v", ox.NamedNode("http://example.org/v"))
    assert value_plan(head + "ORDER BY ?v") is None  # ascending
    assert value_plan(head + "ORDER BY DESC(?x)") is None  # ?x is no pattern's object
    bound = "PREFIX m: <http://example.org/>\nSELECT ?x ?v WHERE { ?x m:v ?w BIND(?w AS ?v) } "
    assert value_plan(bound + "ORDER BY DESC(?v)") is None


def _page_rows(
    store: OxigraphStore, query: SavedQuery, params: dict[str, Any], size: int, page: int
) -> list[Any]:
    table = run_saved(store, query, params, cache=None, limit=size, page=page)
    return [tuple(sorted(r.items())) for r in table.records()]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("where", ["fixture", "corpus"])
def test_pages_read_value_by_value_are_those_of_the_documents(
    name: str,
    where: str,
    saved: dict[str, SavedQuery],
    query_store: OxigraphStore,
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    store = query_store if where == "fixture" else request.getfixturevalue("corpus_store")
    query = saved[name]
    documents = replace(query, path=tmp_path / query.path.name)  # no derived or keyset twin
    for params in _cases(query):
        whole = [tuple(sorted(r.items())) for r in run_saved(store, documents, params, cache=None).records()]
        size = max(1, len(whole) // 3)
        for page in range(1, len(whole) // size + 2):
            got = _page_rows(store, query, params, size, page)
            assert got == whole[(page - 1) * size : page * size], f"{name} {params} page {page} of {size}"
    # the window did read it value by value (not the whole query): on the derived form, defaults
    from kg.query.derived import form_for

    derived = form_for(store, query)
    assert keyset_form(derived) is not None
    runs: list[dict[str, Any]] = []

    def run(text: str, values: Any) -> Any:
        from kg.query.run import execute

        runs.append(dict(values))
        return execute(store, text, values, cache=None)

    window = run_value_window(store, derived, bind(derived, None, store), 1, 0, run)
    assert window is not None and window.rows and len(runs) >= 1
    assert all("share" in r for r in runs)
    # one municipality given: its few rows are cheaper whole (the window declines), same rows
    named = [r for r in run_saved(store, documents, {}, cache=None).records() if r.get("promise")]
    if named:
        promise = named[0]["promise"]
        found = store.query(f"SELECT ?m WHERE {{ <{promise}> <{OX.mbl.municipality.value}> ?m }}", union=True)
        municipality = next(iter(found))["m"].value
        values = bind(derived, {"municipality": municipality}, store)
        assert run_value_window(store, derived, values, 1, 0, run) is None
        params = {"municipality": municipality}
        docs = [tuple(sorted(r.items())) for r in run_saved(store, documents, params, cache=None).records()]
        assert docs and _page_rows(store, query, params, 100, 1) == docs[:100]
