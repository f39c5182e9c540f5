"""The query result cache: hits give equal results, any write through the store invalidates,
the bounds hold, and remote endpoints are never cached; a repeated page of a saved query is one
look-up of the whole page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from oxigraph_server import OxigraphServer

from kg.query.cache import QueryCache, cache_key, page_key
from kg.query.results import ResultTable
from kg.query.run import execute, run_bound, run_saved, run_sparql
from kg.query.saved import load_queries, parse_query_text
from kg.store.core import ChangeSet, OxigraphStore, StoreSettings, open_store
from kg.store.remote import RemoteEndpoint

EX = "http://example.org/"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
ROWS = "SELECT ?s ?o WHERE { ?s <http://example.org/p> ?o } ORDER BY ?s"


def _quad(i: int, graph: str = EX + "g") -> ox.Quad:
    return ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(EX + "p"), ox.Literal(str(i)), ox.NamedNode(graph))


@pytest.fixture
def store() -> Iterator[OxigraphStore]:
    st = open_store(StoreSettings(None))
    st.apply(ChangeSet(insert=[_quad(i) for i in range(3)]))
    yield st
    st.close()


def test_a_hit_returns_equal_rows_and_does_not_run_the_query(store: OxigraphStore) -> None:
    cache = QueryCache()
    first = run_sparql(store, ROWS, cache=cache)
    second = run_sparql(store, ROWS, cache=cache)
    assert (cache.hits, cache.misses) == (1, 1)
    assert second.variables == first.variables and second.rows == first.rows and len(second) == 3
    # the caller's copy can be changed without changing what the cache gives next time
    second.rows.clear()
    assert run_sparql(store, ROWS, cache=cache).rows == first.rows


def test_a_saved_query_is_cached_with_its_bindings(query_store: OxigraphStore) -> None:
    cache = QueryCache()
    q = load_queries()["compare-municipalities"]
    a = run_saved(query_store, q, q.example or None, cache=cache)
    b = run_saved(query_store, q, q.example or None, cache=cache)
    assert cache.hits == 1 and a.rows == b.rows and a.variables == b.variables
    # other bindings and other limits are other entries
    run_saved(query_store, q, q.example or None, limit=1, cache=cache)
    assert cache.misses == 2


def test_a_write_through_the_store_invalidates(store: OxigraphStore) -> None:
    cache = QueryCache()
    assert run_sparql(store, COUNT, cache=cache).records() == [{"n": 3}]
    store.apply(ChangeSet(insert=[_quad(10)]))
    assert run_sparql(store, COUNT, cache=cache).records() == [{"n": 4}]
    store.apply(ChangeSet(drop=[EX + "g"]))
    assert run_sparql(store, ROWS, cache=cache).rows == []
    assert cache.hits == 0


def test_bulk_load_and_the_raw_store_of_a_writable_store_invalidate(tmp_path: Path) -> None:
    cache = QueryCache()
    with open_store(StoreSettings(tmp_path / "s")) as st:
        assert run_sparql(st, COUNT, cache=cache).records() == [{"n": 0}]
        nq = tmp_path / "one.nq"
        nq.write_text(f"<{EX}a> <{EX}p> <{EX}b> <{EX}g> .\n")
        st.bulk_load(nq, ox.RdfFormat.N_QUADS)
        assert run_sparql(st, COUNT, cache=cache).records() == [{"n": 1}]
        st.raw.update(f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}c> <{EX}p> <{EX}d> }} }}")
        assert run_sparql(st, COUNT, cache=cache).records() == [{"n": 2}]
    assert cache.hits == 0


def test_a_read_only_store_is_cached_and_stores_do_not_share_entries(tmp_path: Path) -> None:
    cache = QueryCache()
    path = tmp_path / "s"
    with open_store(StoreSettings(path)) as st:
        st.apply(ChangeSet(insert=[_quad(1)]))
    with open_store(StoreSettings(path, create=False, read_only=True)) as ro:
        generation = ro.generation
        _ = ro.raw  # reading through the raw store of a read-only store changes nothing
        assert ro.generation == generation
        run_sparql(ro, COUNT, cache=cache)
        run_sparql(ro, COUNT, cache=cache)
        assert cache.hits == 1
    with open_store(StoreSettings(None)) as other:
        assert run_sparql(other, COUNT, cache=cache).records() == [{"n": 0}]
    assert cache.hits == 1


def test_the_bounds_hold(store: OxigraphStore) -> None:
    cache = QueryCache(max_entries=2)
    for i in range(5):
        run_sparql(store, f"SELECT ?s WHERE {{ ?s ?p ?o }} LIMIT {i + 1}", cache=cache)
    assert len(cache) == 2 and cache.stats().entries == 2
    # the oldest went first: the last two are hits, the first is a miss again
    run_sparql(store, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 5", cache=cache)
    assert cache.hits == 1
    run_sparql(store, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1", cache=cache)
    assert cache.hits == 1

    big = ResultTable(["s"], [(ox.Literal("x" * 1000),) for _ in range(100)])
    by_bytes = QueryCache(max_entries=100, max_bytes=500_000)
    for i in range(20):
        by_bytes.put(("k", i), big)
    stats = by_bytes.stats()
    assert 0 < stats.entries < 20 and stats.bytes <= 500_000
    assert by_bytes.get(("k", 19)) is not None and by_bytes.get(("k", 0)) is None
    # a table larger than half of the budget is not kept at all
    small = QueryCache(max_entries=100, max_bytes=100_000)
    small.put(("k", 0), big)
    assert len(small) == 0


def test_a_disabled_cache_runs_every_time(store: OxigraphStore) -> None:
    cache = QueryCache()
    cache.configure(max_entries=0)
    run_sparql(store, COUNT, cache=cache)
    run_sparql(store, COUNT, cache=cache)
    assert len(cache) == 0 and cache.hits == 0
    run_sparql(store, COUNT, cache=None)


def test_keys_tell_terms_apart(store: OxigraphStore) -> None:
    iri = cache_key(store, "q", {"x": ox.NamedNode(EX + "a")}, None)
    lit = cache_key(store, "q", {"x": ox.Literal(EX + "a")}, None)
    typed = cache_key(store, "q", {"x": ox.Literal("1", datatype=ox.NamedNode(EX + "t"))}, None)
    plain = cache_key(store, "q", {"x": ox.Literal("1")}, None)
    assert len({iri, lit, typed, plain}) == 4


def test_remote_endpoints_are_not_cached(query_server: OxigraphServer) -> None:
    cache = QueryCache()
    remote = RemoteEndpoint(query_server.query_url, timeout=30)
    assert cache_key(remote, COUNT, {}, None) is None
    execute(remote, COUNT, {}, cache=cache)
    execute(remote, COUNT, {}, cache=cache)
    assert len(cache) == 0 and cache.hits == 0


def test_a_repeated_page_is_one_look_up_and_the_same_page(query_store: OxigraphStore) -> None:
    # promises pages municipality by municipality (a keyset): several runs the first time, one
    # look-up of the whole page the next, with the page's place in the result kept
    cache = QueryCache()
    q = load_queries()["promises"]
    for page in (1, 2):
        first = run_saved(query_store, q, None, limit=2, page=page, cache=cache)
        hits, misses = cache.hits, cache.misses
        again = run_saved(query_store, q, None, limit=2, page=page, cache=cache)
        assert (cache.hits, cache.misses) == (hits + 1, misses)
        assert again == first and again.offset == 2 * (page - 1)
        fresh = run_saved(query_store, q, None, limit=2, page=page, cache=None)
        assert again == fresh
    # another page size, or other bindings, is another page
    hits = cache.hits
    other = run_saved(query_store, q, {"municipality": "0480"}, limit=2, page=1, cache=cache)
    assert cache.hits == hits and other.rows != first.rows


def test_a_write_makes_a_cached_page_stale(store: OxigraphStore, tmp_path: Path) -> None:
    path = tmp_path / "listing.rq"
    q = parse_query_text("#+ summary: a listing\n" + ROWS, path)
    cache = QueryCache()
    before = run_bound(store, q, {}, limit=2, cache=cache)
    assert [r[0] for r in before.rows] == [ox.NamedNode(f"{EX}s{i}") for i in (0, 1)] and before.truncated
    store.apply(
        ChangeSet(insert=[ox.Quad(ox.NamedNode(EX + "a"), ox.NamedNode(EX + "p"), ox.Literal("new"))])
    )
    after = run_bound(store, q, {}, limit=2, cache=cache)
    assert [r[0] for r in after.rows] == [ox.NamedNode(EX + "a"), ox.NamedNode(EX + "s0")]


def test_page_keys_tell_pages_and_values_apart(store: OxigraphStore) -> None:
    iri, lit = ox.NamedNode(EX + "a"), ox.Literal(EX + "a")
    keys = {
        page_key(store, "q", {"x": [iri]}, 10, 0),
        page_key(store, "q", {"x": [lit]}, 10, 0),
        page_key(store, "q", {"x": [iri, lit]}, 10, 0),
        page_key(store, "q", {"x": [iri]}, 10, 10),
        page_key(store, "q", {"x": [iri]}, 20, 0),
        page_key(store, "r", {"x": [iri]}, 10, 0),
        cache_key(store, "q", {"x": iri}, 10),
    }
    assert len(keys) == 7 and None not in keys
    assert page_key(object(), "q", {}, 10, 0) is None


def test_a_repeated_whole_result_is_one_entry_and_one_look_up(query_store: OxigraphStore) -> None:
    cache = QueryCache()
    q = load_queries()["compare-municipalities"]
    first = run_saved(query_store, q, q.example or None, cache=cache)
    assert (len(cache), cache.misses, cache.hits) == (1, 1, 0)  # the table as shown, kept once
    again = run_saved(query_store, q, q.example or None, cache=cache)
    assert (len(cache), cache.misses, cache.hits) == (1, 1, 1)
    assert again == first and again.variables == first.variables and again.rows
    assert again == run_saved(query_store, q, q.example or None, cache=None)
