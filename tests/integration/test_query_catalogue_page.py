"""A page of the catalogue listing (``documents``), read from its first records only
(kg.query.catalogue_page), is exactly that window of the whole ordered result: on the fixture
store and on a small corpus made by benchmarks/generate.py, with problems first when records have
them, with a municipality given and with examples included, with the records' identifier
prefixes (``mbl:idPrefix``) and on a store written before them; the reader really reads pages
(it does not fall back to the whole query) for a small page of the corpus; and the prefixes are
kept in step with the records by import, replacement and removal."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox
import pytest
from query_fixtures import assert_page_is_window

from kg.iris import Minter
from kg.query.catalogue_page import applies, run_catalogue_window
from kg.query.results import ResultTable
from kg.query.run import bind, execute, run_saved
from kg.query.saved import SavedQuery, load_queries
from kg.store.catalogue import ID_PREFIX, RecordFields, get_record, record_change, remove_document
from kg.store.core import OxigraphStore, StoreSettings, open_store

MBL = "https://w3id.org/medborgarlofte/def/"
INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
PAGES = ((3, 1), (3, 2), (7, 3), (50, 1), (5, 4))


@pytest.fixture(scope="module")
def documents() -> SavedQuery:
    return load_queries()["documents"]


def _assert_pages(store: OxigraphStore, query: SavedQuery, params: dict[str, Any] | None) -> None:
    whole = run_saved(store, query, params, cache=None)
    n = len(whole.rows)
    for limit, page in (*PAGES, (max(n, 1), 1), (4, n + 9)):
        assert_page_is_window(store, query, params, whole, limit, page)


def test_only_the_catalogue_listing_takes_the_reader(documents: SavedQuery) -> None:
    queries = load_queries()
    assert [n for n, q in queries.items() if applies(q)] == ["documents"]


@pytest.mark.parametrize("where", ["fixture", "corpus"])
def test_a_page_is_that_window_of_the_whole_result(
    where: str, documents: SavedQuery, query_store: OxigraphStore, request: pytest.FixtureRequest
) -> None:
    store = query_store if where == "fixture" else request.getfixturevalue("corpus_store")
    for params in (None, {"includeExamples": "true"}):
        _assert_pages(store, documents, params)
    municipality = store.query(f"SELECT ?m WHERE {{ ?r <{MBL}municipality> ?m }} LIMIT 1", union=True)
    for row in municipality:
        _assert_pages(store, documents, {"municipality": row["m"].value})
    _assert_pages(store, documents, {"municipality": "Kiruna"})  # no records there


def test_a_municipality_is_read_from_its_records(documents: SavedQuery, query_store: OxigraphStore) -> None:
    bindings = bind(documents, {"municipality": "Kiruna"}, query_store)
    window = run_catalogue_window(
        query_store,
        documents,
        bindings,
        10,
        0,
        lambda text, values: execute(query_store, text, values, cache=None),
    )
    whole = execute(query_store, documents.sparql, bindings, cache=None)
    assert window is not None and window.rows == whole.rows == [] and window.variables == whole.variables


def _read(store: OxigraphStore, query: SavedQuery, limit: int) -> ResultTable | None:
    def whole(text: str, values: Any) -> ResultTable:
        return execute(store, text, values, cache=None)

    return run_catalogue_window(store, query, {}, limit, 0, whole)


def test_a_small_page_of_the_corpus_is_read_without_the_whole_query(
    documents: SavedQuery, corpus_store: OxigraphStore
) -> None:
    window = _read(corpus_store, documents, 3)
    assert window is not None and len(window.rows) == 3 and window.truncated
    assert window.rows == execute(corpus_store, documents.sparql, {}, cache=None).rows[:3]


def _copy(store: OxigraphStore) -> OxigraphStore:
    out = io.BytesIO()
    store.dump(out, ox.RdfFormat.N_QUADS)
    copy = open_store(StoreSettings(None))
    copy.add_nquads(out.getvalue())
    return copy


@pytest.fixture(scope="module")
def without_prefixes(corpus_store: OxigraphStore) -> Iterator[OxigraphStore]:
    """The corpus as a store written before the identifier prefixes has it."""
    store = _copy(corpus_store)
    raw = store.raw
    for quad in list(raw.quads_for_pattern(None, ox.NamedNode(MBL + "idPrefix"), None, None)):
        raw.remove(quad)
    yield store
    store.close()


def test_a_store_without_the_prefixes_gives_the_same_pages(
    documents: SavedQuery, without_prefixes: OxigraphStore
) -> None:
    window = _read(without_prefixes, documents, 3)
    assert window is not None
    assert window.rows == execute(without_prefixes, documents.sparql, {}, cache=None).rows[:3]
    _assert_pages(without_prefixes, documents, None)


def _prefixes(store: OxigraphStore) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    query = (
        "SELECT ?id ?p WHERE { ?r a <http://www.w3.org/ns/dcat#CatalogRecord> ; "
        f"<http://purl.org/dc/terms/identifier> ?id OPTIONAL {{ ?r <{MBL}idPrefix> ?p }} }}"
    )
    for row in store.query(query, union=True):
        out.setdefault(row["id"].value, [])
        if row["p"] is not None:
            out[row["id"].value].append(row["p"].value)
    return out


def test_the_prefixes_are_kept_in_step_with_the_records(corpus_store: OxigraphStore) -> None:
    prefixes = _prefixes(corpus_store)
    assert prefixes and all(p == [i[:ID_PREFIX]] for i, p in prefixes.items())  # written by import
    store = _copy(corpus_store)
    try:
        minter = Minter()
        record = get_record(store, minter, next(i for i in sorted(prefixes) if i.startswith("followup/")))
        fields = RecordFields(
            doc_id=record.doc_id,
            document=record.document,
            kind=record.kind,
            source=record.source,
            file_name=record.file_name,
            sha256="0" * 64,
            size=record.size,
            counts={},
            municipality=record.municipality,
            territory=None,
            period=None,
        )
        again = record_change(minter, fields, previous=record)
        store.apply(again)  # replaced: still one prefix
        assert _prefixes(store)[record.doc_id] == [record.doc_id[:ID_PREFIX]]
        remove_document(store, minter, record.doc_id)  # removed: no prefix left behind
        left = store.query(f"ASK {{ <{minter.record(record.doc_id)}> <{MBL}idPrefix> ?p }}", union=True)
        assert not bool(left)
    finally:
        store.close()


@pytest.fixture(scope="module")
def with_problems(corpus_store: OxigraphStore) -> Iterator[OxigraphStore]:
    """The corpus with problems recorded for three records whose identifiers sort last: two must
    still come first, and one with a count below zero (nonsense, but a value the order places
    after every record without problems) last."""
    store = _copy(corpus_store)
    raw = store.raw
    rows = list(
        raw.query(
            "SELECT ?r ?id ?g WHERE { GRAPH ?g { ?r a <http://www.w3.org/ns/dcat#CatalogRecord> ; "
            "<http://purl.org/dc/terms/identifier> ?id } } ORDER BY DESC(STR(?id)) LIMIT 3"
        )
    )
    for row, (prop, value) in zip(
        rows, (("violations", "2"), ("warnings", "1"), ("violations", "-1")), strict=True
    ):
        old = ox.Literal("0", datatype=INTEGER)
        raw.remove(ox.Quad(row["r"], ox.NamedNode(MBL + prop), old, row["g"]))
        raw.add(ox.Quad(row["r"], ox.NamedNode(MBL + prop), ox.Literal(value, datatype=INTEGER), row["g"]))
    yield store
    store.close()


def test_records_with_problems_come_first_on_a_page(
    documents: SavedQuery, with_problems: OxigraphStore
) -> None:
    window = _read(with_problems, documents, 3)
    assert window is not None
    status = [row[window.variables.index("status")] for row in window.rows]
    assert [s.value if s is not None else None for s in status] == [
        "fel / violations",
        "varningar / warnings",
        "ok",
    ]
    whole = execute(with_problems, documents.sparql, {}, cache=None).rows
    assert whole[-1][window.variables.index("violations")] == ox.Literal("-1", datatype=INTEGER)
    _assert_pages(with_problems, documents, None)
