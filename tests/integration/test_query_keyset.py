"""A page of a listing ordered by municipality, read municipality by municipality
(kg.query.keyset), is exactly that window of the whole ordered result: on the fixture store and
on a small corpus made by benchmarks/generate.py, with each query's defaults and example, for
first, middle, last and empty pages; and the query runs whole when a municipality has no
Swedish name (the order of names would not be the order of rows)."""

from __future__ import annotations

from typing import Any

import pytest
from query_fixtures import assert_page_is_window

from kg.iris import Minter
from kg.query.keyset import filter_set, keyset_plan, keyset_variable, municipality_order, page_text
from kg.query.run import run_saved
from kg.query.saved import SavedQuery, load_queries
from kg.store.core import OxigraphStore, StoreSettings, open_store
from kg.store.system import ensure_system_graphs

KEYSET = [
    "activities-missing-actor-or-frequency",
    "activities-never-reported",
    "activity-frequencies",
    "municipalities-with-activity-type",
    "outcomes-and-indicators",
    "places-in-activities",
    "priority-areas-by-municipality",
    "promises",
    "promises-valid-in-year",
    "search-activities",
]


@pytest.fixture(scope="module")
def saved() -> dict[str, SavedQuery]:
    return load_queries()


def test_the_listings_ordered_by_municipality_take_the_keyset(saved: dict[str, SavedQuery]) -> None:
    assert sorted(n for n, q in saved.items() if keyset_variable(q)) == KEYSET
    assert keyset_variable(saved["documents"]) is None  # ordered by violations, not municipality


def test_a_page_binds_the_variable_its_parameter_sets_as_well(saved: dict[str, SavedQuery]) -> None:
    # a municipality's page plans from a constant in the pattern, not from a filter
    query = saved["activities-never-reported"]
    assert keyset_plan(query) == ("__municipality_iri", True)
    assert filter_set(page_text(query), "__municipality_iri") == "municipality"  # the plain form
    assert filter_set(query.sparql, "__municipality_iri") == "municipality"  # the tuned form
    assert (
        filter_set("SELECT * WHERE { ?s ?p ?m FILTER(?m = COALESCE(?p2, ?m)) }", "__municipality_iri") is None
    )
    assert filter_set("SELECT * WHERE { ?s ?p ?m FILTER(COALESCE(?m = ?x, true)) }", "x") == "m"
    assert filter_set("SELECT * WHERE { ?s ?p ?m FILTER(?m = COALESCE(?x, ?n)) }", "x") is None


def _cases(query: SavedQuery) -> list[dict[str, Any] | None]:
    cases: list[dict[str, Any] | None] = []
    if not any(p.required and p.default is None for p in query.parameters):
        cases.append(None)
    if query.example:
        cases.append(dict(query.example))
    if any(p.name == "county" for p in query.parameters):  # a county: only its municipalities are read
        base = cases[0] or {}
        cases += [{**base, "county": code} for code in ("01", "05", "12")]
    return cases


@pytest.mark.parametrize("name", KEYSET)
@pytest.mark.parametrize("where", ["fixture", "corpus"])
def test_a_page_is_that_window_of_the_whole_result(
    name: str,
    where: str,
    saved: dict[str, SavedQuery],
    query_store: OxigraphStore,
    request: pytest.FixtureRequest,
) -> None:
    store = query_store if where == "fixture" else request.getfixturevalue("corpus_store")
    assert municipality_order(store)  # every municipality named once: the keyset applies
    query = saved[name]
    cases = _cases(query)
    if None in cases and any(p.name == "municipality" for p in query.parameters):
        # a municipality given (one run of the plain form): the last one with rows, by its name
        named = run_saved(store, query, None, cache=None).records()
        cases += [{"municipality": str(named[-1]["municipalityName"])}] if named else []
    for params in cases:
        whole = run_saved(store, query, params, cache=None)
        n = len(whole.rows)
        for limit, page in ((3, 1), (3, 2), (7, 3), (50, 1), (max(n, 1), 1), (5, n // 5 + 1), (4, n + 9)):
            assert_page_is_window(store, query, params, whole, limit, page)
        got = run_saved(store, query, params, limit=5, cache=None)
        assert got.rows == whole.rows[:5] and got.truncated == (n > 5)


def test_an_unnamed_municipality_runs_the_query_whole(saved: dict[str, SavedQuery]) -> None:
    store = open_store(StoreSettings(None))
    try:
        ensure_system_graphs(store, Minter())
        mbl = "https://w3id.org/medborgarlofte/def/"
        data = (
            f"<https://example.org/promise/1> <{mbl}municipality> <https://example.org/nowhere> <urn:g> .\n"
            f"<https://example.org/promise/1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
            f"<{mbl}CitizenPromise> <urn:g> .\n"
        )
        store.add_nquads(data.encode())
        assert municipality_order(store) is None
        query = saved["promises"]
        whole = run_saved(store, query, None, cache=None)
        assert run_saved(store, query, None, limit=1, cache=None).rows == whole.rows[:1]
    finally:
        store.close()
