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


@pytest.mark.parametrize("name", KEYSET)
def test_sparse_rows_read_the_next_municipalities_in_one_batch(
    name: str, saved: dict[str, SavedQuery], corpus_store: OxigraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the probes find few rows a municipality, the next municipalities are read in one run
    of the query's text with a VALUES block (kg.query.keyset_batch.batch), or the query runs whole:
    either way the page is that window of the whole result. Here every page after the probes
    is "sparse" (the limits made tiny), so the batch is taken wherever the text allows it."""
    import kg.query.keyset as keyset
    import kg.query.keyset_batch as keyset_batch

    batches: list[int] = []
    batch = keyset_batch.batch

    def counted(*args: Any, **kwargs: Any) -> Any:
        table = batch(*args, **kwargs)
        batches.append(-1 if table is None else len(table.rows))
        return table

    monkeypatch.setattr(keyset, "batch", counted)
    monkeypatch.setattr(keyset, "PROBE_RUNS", 1)
    monkeypatch.setattr(keyset, "MAX_RUNS", 1)
    monkeypatch.setattr(keyset, "RUN_SHARE", 100)  # every page after the first municipality: "sparse"
    monkeypatch.setattr(keyset_batch, "BATCH_SHARE", 1)  # a batch may read every municipality left
    query = saved[name]
    for params in _cases(query):
        whole = run_saved(corpus_store, query, params, cache=None)
        n = len(whole.rows)
        for limit, page in ((3, 1), (3, 2), (4, 2), (7, 2), (2, 5), (max(n, 1), 1), (4, n + 9)):
            assert_page_is_window(corpus_store, query, params, whole, limit, page)
    if name == "activities-never-reported":
        assert any(b > 0 for b in batches), batches  # its text allows the batch: it was taken


def test_a_batch_needs_the_municipality_outside_every_sub_select() -> None:
    """A VALUES block does not reach into a sub-select: a text reading the municipality there
    takes no batch (kg.query.keyset_batch.in_subselect)."""
    from kg.query.keyset_batch import in_subselect

    inner = "SELECT ?n WHERE { { SELECT ?m (COUNT(*) AS ?n) WHERE { ?x ?p ?m } GROUP BY ?m } }"
    top = "SELECT ?m WHERE { ?x ?p ?m { SELECT ?x WHERE { ?x ?q (1) } } FILTER(?m != ?x) }"
    assert in_subselect(inner, "m")
    assert not in_subselect(top, "m")
