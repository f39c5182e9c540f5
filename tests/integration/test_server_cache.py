"""The response cache and the fast path of the server: only over a read-only store, same answers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from server_support import ID, AppClient, fill_store, make_app

from kg.server import engine as engine_module
from kg.server.cache import CachedResponse, ResponseCache
from kg.server.context import ServerContext
from kg.server.engine import Dataset
from kg.store.core import OxigraphStore, StoreSettings, open_store

PROMISE = ID + "promise/0480-2025-2026"
SELECT = f"PREFIX dct: <http://purl.org/dc/terms/> SELECT ?title WHERE {{ <{PROMISE}> dct:title ?title }}"
JSON_ACCEPT = {"Accept": "application/sparql-results+json"}


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cached") / "store"
    s = open_store(StoreSettings(path))
    try:
        fill_store(s)
    finally:
        s.close()
    return path


@pytest.fixture(scope="module")
def ro_store(store_path: Path) -> Iterator[OxigraphStore]:
    s = open_store(StoreSettings(store_path, create=False, read_only=True))
    yield s
    s.close()


def ctx_of(c: AppClient) -> ServerContext:
    ctx = c.app.state.ctx
    assert isinstance(ctx, ServerContext)
    return ctx


def test_a_repeated_request_is_answered_from_the_cache_with_the_same_headers(ro_store: OxigraphStore) -> None:
    with AppClient(make_app(ro_store)) as c:
        cache = ctx_of(c).responses
        assert cache.enabled
        first = c.get("/sparql", params={"query": SELECT}, headers=JSON_ACCEPT)
        assert (cache.hits, len(cache)) == (0, 1)
        again = c.get("/sparql", params={"query": SELECT}, headers=JSON_ACCEPT)
        assert cache.hits == 1
        assert again.status_code == first.status_code == 200
        assert again.content == first.content
        assert dict(again.headers) == dict(first.headers)
        assert again.headers["x-query-time-limit"] == "5" and again.headers["vary"] == "Accept"
        # the same query by POST is the same normalised request
        posted = c.post("/sparql", data={"query": SELECT}, headers=JSON_ACCEPT)
        assert cache.hits == 2 and posted.content == first.content
        # HEAD: the cached headers (the length of the body included), no body
        head = c.request("HEAD", "/sparql", params={"query": SELECT}, headers=JSON_ACCEPT)
        assert cache.hits == 3 and head.content == b""
        assert head.headers["content-length"] == first.headers["content-length"]


def test_the_key_is_query_dataset_and_format(ro_store: OxigraphStore) -> None:
    with AppClient(make_app(ro_store)) as c:
        cache = ctx_of(c).responses
        j = c.get("/sparql", params={"query": SELECT}, headers=JSON_ACCEPT)
        x = c.get("/sparql", params={"query": SELECT}, headers={"Accept": "application/sparql-results+xml"})
        t = c.get("/sparql", params={"query": SELECT, "_format": "tsv"})
        assert cache.hits == 0 and len(cache) == 3
        assert j.headers["content-type"].startswith("application/sparql-results+json")
        assert x.headers["content-type"].startswith("application/sparql-results+xml")
        assert t.text.splitlines()[0] == "?title"
        # an Accept header that negotiates the same format is the same request
        j2 = c.get("/sparql", params={"query": SELECT}, headers={"Accept": "application/json"})
        assert cache.hits == 1 and j2.content == j.content
        # a dataset restriction is part of the key: no graph given, nothing visible
        empty = c.get(
            "/sparql",
            params={"query": SELECT, "default-graph-uri": "http://example.org/none"},
            headers=JSON_ACCEPT,
        )
        assert json.loads(empty.content)["results"]["bindings"] == []
        assert cache.hits == 1 and len(cache) == 4


def test_truncated_results_keep_their_warning_when_cached(ro_store: OxigraphStore) -> None:
    with AppClient(make_app(ro_store, result_limit=3)) as c:
        q = {"query": "SELECT * WHERE { ?s ?p ?o }"}
        first = c.get("/sparql", params=q, headers=JSON_ACCEPT)
        again = c.get("/sparql", params=q, headers=JSON_ACCEPT)
        assert ctx_of(c).responses.hits == 1
        for r in (first, again):
            assert len(json.loads(r.content)["results"]["bindings"]) == 3
            assert r.headers["x-result-truncated"] == "true"
            assert "result cut at 3 rows" in r.headers["warning"]


def test_errors_and_refusals_are_not_cached(ro_store: OxigraphStore) -> None:
    with AppClient(make_app(ro_store)) as c:
        cache = ctx_of(c).responses
        for _ in range(2):
            assert c.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"}).status_code == 400
            assert (
                c.get(
                    "/sparql", params={"query": "SELECT * { SERVICE <http://x/> { ?s ?p ?o } }"}
                ).status_code
                == 403
            )
            assert c.get("/sparql", params={"query": "INSERT DATA { <a:b> <a:c> <a:d> }"}).status_code == 400
        assert len(cache) == 0 and cache.hits == 0


def test_browsers_still_get_the_query_editor(ro_store: OxigraphStore) -> None:
    html = {"Accept": "text/html,*/*;q=0.8"}
    with AppClient(make_app(ro_store)) as c:
        c.get("/sparql", params={"query": SELECT}, headers=JSON_ACCEPT)
        r = c.get("/sparql", params={"query": SELECT}, headers=html)
        assert r.headers["content-type"].startswith("text/html")
        assert ctx_of(c).responses.hits == 0
        # HEAD with a browser's Accept header gets results (no editor); a GET with the same
        # query string and header must still get the editor, not the cached results
        head = c.request("HEAD", "/sparql", params={"query": SELECT}, headers=html)
        assert head.headers["content-type"].startswith("application/sparql-results+json")
        for _ in range(2):
            r = c.get("/sparql", params={"query": SELECT}, headers=html)
            assert r.headers["content-type"].startswith("text/html") and b"<html" in r.content.lower()


def test_time_limit_holds_on_a_read_only_store(ro_store: OxigraphStore) -> None:
    with AppClient(make_app(ro_store, query_timeout=0.3, result_limit=10**9)) as c:
        for _ in range(2):  # a slow query is never learnt as fast, nor cached
            r = c.get("/sparql", params={"query": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"})
            assert r.status_code == 503 and "0.3 s" in r.text
        assert len(ctx_of(c).responses) == 0


def test_no_cache_evaluates_every_request(ro_store: OxigraphStore) -> None:
    with AppClient(make_app(ro_store, cache_size=0)) as c:
        cache = ctx_of(c).responses
        assert not cache.enabled
        a = c.get("/sparql", params={"query": SELECT}, headers=JSON_ACCEPT)
        b = c.get("/sparql", params={"query": SELECT}, headers=JSON_ACCEPT)
        assert a.content == b.content and dict(a.headers) == dict(b.headers)
        assert len(cache) == 0 and cache.hits == 0


def test_a_writable_store_is_never_cached() -> None:
    """The cache is only correct when the answers cannot change: a change must be seen at once."""
    s = open_store(StoreSettings(None))
    try:
        fill_store(s)
        with AppClient(make_app(s)) as c:
            q = {"query": "SELECT ?o WHERE { <http://example.org/x> <http://example.org/p> ?o }"}

            def values() -> list[str]:
                body = c.get("/sparql", params=q, headers=JSON_ACCEPT).content
                return [r["o"]["value"] for r in json.loads(body)["results"]["bindings"]]

            assert values() == []
            s.raw.update("INSERT DATA { <http://example.org/x> <http://example.org/p> 1 }")
            assert values() == ["1"]
            assert not ctx_of(c).responses.enabled
            assert not ctx_of(c).engine.inline_fast
    finally:
        s.close()


def test_fast_queries_are_learnt_and_answered_the_same(
    ro_store: OxigraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What counts as fast is a wall-clock threshold (2 ms); on a busy machine the ASK may take
    # longer. The test is about the mechanism, so the threshold is set out of reach of any load.
    monkeypatch.setattr(engine_module, "FAST_SECONDS", 60.0)
    with AppClient(make_app(ro_store, cache_size=0)) as c:
        engine = ctx_of(c).engine
        assert engine.inline_fast
        key = ("sparql", "ASK { ?s ?p ?o }", Dataset(), "sparql-json", JSON_ACCEPT["Accept"])
        a = c.get("/sparql", params={"query": key[1]}, headers=JSON_ACCEPT)  # in a worker: learnt
        assert key in engine._fast
        b = c.get("/sparql", params={"query": key[1]}, headers=JSON_ACCEPT)  # in the event loop
        assert key in engine._fast
        assert a.content == b.content == b'{"head":{},"boolean":true}\n'


def test_response_cache_bounds() -> None:
    cache = ResponseCache(entries=2, max_bytes=800)
    r = CachedResponse(b"x" * 50, "text/plain", ())
    assert cache.put("a", r) and cache.put("b", r) and cache.put("c", r)
    assert len(cache) == 2 and cache.get("a") is None and cache.get("b") is r  # least recently used out
    assert cache.put("d", r)
    assert cache.get("c") is None and cache.get("b") is r and cache.get("d") is r
    assert not cache.put("big", CachedResponse(b"x" * 101, "text/plain", ()))  # over an eighth of 800
    cache = ResponseCache(entries=100, max_bytes=800)
    for i in range(20):
        cache.put(i, r)
    assert cache.bytes <= 800 and len(cache) == 16 and cache.get(0) is None and cache.get(19) is r
    # keys count towards the budget, and aliases go out with their entry
    cache = ResponseCache(entries=10, max_bytes=800)
    assert not cache.put("q", r, key_size=60)  # 110 > 800 / 8
    assert cache.put("q", r, key_size=40) and cache.bytes == 90
    cache.alias("raw-q", "q", raw_size=10)
    cache.alias("raw-none", "nothing", raw_size=10)  # no such entry: no alias
    assert cache.bytes == 100 and cache.lookup("raw-q") is r and cache.lookup("raw-none") is None
    for i in range(ResponseCache.MAX_ALIASES + 2):
        cache.alias(f"raw-{i}", "q", raw_size=1)
    assert cache.bytes == 100 + ResponseCache.MAX_ALIASES - 1
    for i in range(10):
        cache.put(i, r)
    assert cache.get("q") is None and cache.lookup("raw-q") is None and cache.lookup("raw-0") is None
    assert cache.bytes == 500
    off = ResponseCache(entries=0, max_bytes=800)
    assert not off.enabled and not off.put("a", r) and off.get("a") is None
