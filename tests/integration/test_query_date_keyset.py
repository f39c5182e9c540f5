"""A page of promises-in-period, a listing ordered first by a date, read date by date
(kg.query.keyset, run_date_window), is exactly that window of the whole ordered result: on the
fixture store and on a small corpus made by benchmarks/generate.py, for first, middle, last and
empty pages; and the query runs whole where the keyset would not be exact (a start that is not
an ``xsd:date`` written YYYY-MM-DD) or would cost more (deep pages, a named resource given)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import pyoxigraph as ox
import pytest
from query_fixtures import assert_page_is_window

from kg.query.bind import bind
from kg.query.keyset import MAX_DATE_ROWS, date_order, date_plan, run_date_window
from kg.query.results import ResultTable
from kg.query.run import execute, run_saved
from kg.query.saved import SavedQuery, load_queries
from kg.store.core import GraphStore, OxigraphStore, StoreSettings, open_store

NAME = "promises-in-period"
START = ox.NamedNode("http://www.w3.org/ns/dcat#startDate")
"""The predicate of the listings' leading date (dcat:startDate in their texts)."""
CASES: list[dict[str, Any]] = [
    {"from": "2017-06-01", "to": "2023-06-30"},  # the example
    {"from": "1900-01-01", "to": "2100-12-31"},  # every promise
    {"from": "2024-01-01", "to": "2024-12-31", "includeExamples": "true"},
    {"from": "2100-01-01", "to": "2100-12-31"},  # none
]


@pytest.fixture(scope="module")
def query() -> SavedQuery:
    return load_queries()[NAME]


def _window(store: GraphStore, query: SavedQuery, params: Mapping[str, Any], limit: int, page: int) -> Any:
    """The date keyset's own window (None when it does not apply)."""

    def whole(text: str, values: Mapping[str, Sequence[ox.NamedNode | ox.Literal]]) -> ResultTable:
        return execute(store, text, values, cache=None)

    return run_date_window(store, query, bind(query, params, store), limit, (page - 1) * limit, whole)


def test_the_listings_ordered_by_a_date_take_the_date_keyset() -> None:
    saved = load_queries()
    assert date_plan(saved[NAME]) == ("start", START)
    assert date_plan(saved["promises"]) is None  # ordered by municipality (the municipality keyset)
    assert date_plan(saved["documents"]) is None


@pytest.mark.parametrize("where", ["fixture", "corpus"])
def test_a_page_is_that_window_of_the_whole_result(
    where: str, query: SavedQuery, query_store: OxigraphStore, request: pytest.FixtureRequest
) -> None:
    store = query_store if where == "fixture" else request.getfixturevalue("corpus_store")
    dates = date_order(store, START)
    assert dates and len(dates) > 1  # the keyset applies, over several dates
    sizes = set()
    for params in CASES:
        whole = run_saved(store, query, params, cache=None)
        n = len(whole.rows)
        sizes.add(n)
        for limit, page in ((3, 1), (3, 2), (7, 3), (50, 1), (max(n, 1), 1), (5, n // 5 + 1), (4, n + 9)):
            if page * limit <= MAX_DATE_ROWS:
                assert _window(store, query, params, limit, page) is not None  # read date by date
            assert_page_is_window(store, query, params, whole, limit, page)
    assert 0 in sizes and max(sizes) > 3  # empty, and more than a page of 3


def test_deep_pages_and_a_named_resource_run_whole(query: SavedQuery, query_store: OxigraphStore) -> None:
    params = CASES[1]
    assert _window(query_store, query, params, 100, 1) is not None
    assert _window(query_store, query, params, 100, MAX_DATE_ROWS // 100 + 1) is None
    whole = run_saved(query_store, query, params, cache=None)
    page = MAX_DATE_ROWS // 100 + 1
    got = run_saved(query_store, query, params, limit=100, page=page, cache=None)
    assert got.rows == whole.rows[(page - 1) * 100 : page * 100]
    other = load_queries()["activities-by-municipality"]
    assert date_plan(other) == ("start", START)
    assert _window(query_store, other, dict(other.example or {}), 10, 1) is None  # one municipality


def test_a_start_that_is_not_a_plain_date_runs_the_query_whole(query: SavedQuery) -> None:
    store = open_store(StoreSettings(None))
    try:
        dcat, dct = "http://www.w3.org/ns/dcat#", "http://purl.org/dc/terms/"
        mbl = "https://w3id.org/medborgarlofte/def/"
        rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
        xsd = "http://www.w3.org/2001/XMLSchema#"
        lines = []
        for i, (start, kind) in enumerate(
            [("2024-01-01", "date"), ("2023-06-01Z", "date"), ("2022", "gYear")]
        ):
            p, t = f"<https://example.org/promise/{i}>", f"<https://example.org/period/{i}>"
            lines += [
                f"{p} <{rdf_type}> <{mbl}CitizenPromise> <urn:g> .",
                f"{p} <{mbl}municipality> <https://example.org/m> <urn:g> .",
                f"{p} <{dct}temporal> {t} <urn:g> .",
                f'{t} <{dcat}startDate> "{start}"^^<{xsd}{kind}> <urn:g> .',
                f'{t} <{dcat}endDate> "2030-01-01"^^<{xsd}date> <urn:g> .',
            ]
        store.add_nquads(("\n".join(lines) + "\n").encode())
        assert date_order(store, START) is None
        params = {"from": "2024-01-01", "to": "2024-12-31"}
        assert _window(store, query, params, 1, 1) is None
        whole = run_saved(store, query, params, cache=None)
        assert run_saved(store, query, params, limit=1, cache=None).rows == whole.rows[:1]
    finally:
        store.close()


def test_the_leading_date_is_read_by_its_iri_bound_as_a_term(
    query: SavedQuery, query_store: OxigraphStore
) -> None:
    # the predicate written as an IRI, or with a prefix of another name, is the same predicate
    # (its dates counted by a query kg.sparql_text.bound_query writes, not by splicing its name)
    written = {
        "<http://www.w3.org/ns/dcat#startDate>": "",
        "d:startDate": "PREFIX d: <http://www.w3.org/ns/dcat#>\n",
    }
    for name, prologue in written.items():
        text = prologue + query.sparql.replace("dcat:startDate", name)
        assert text != query.sparql
        other = replace(query, text=text)
        assert date_plan(other) == ("start", START), name
        assert run_saved(query_store, other, CASES[1], limit=3, cache=None) == run_saved(
            query_store, query, CASES[1], limit=3, cache=None
        )
    # a prefix the text does not declare: no keyset
    undeclared = replace(query, text=query.sparql.replace("dcat:startDate", "nowhere:startDate"))
    assert date_plan(undeclared) is None
    dates = date_order(query_store, START)
    assert dates and all(d.datatype.value.endswith("#date") for d, _ in dates)
    assert date_order(query_store, ox.NamedNode("http://example.org/no-such-predicate")) == []
