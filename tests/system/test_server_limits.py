"""Requests that must not take `kg serve` down: a real server process, hostile requests made on
the spot (nested queries, huge bodies), and the server's liveness and memory checked after each."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from hostile import run_kg
from server_support import filled_store_folder, kg_serve_process, peak_rss_mb

from kg.sparql_text import MAX_NESTING, MAX_OPERATORS
from kg.store.core import StoreSettings, open_store

pytestmark = pytest.mark.server

NESTED = "SELECT * WHERE { " + "{" * 3000 + "}" * 3000 + " }"
PARENS = "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"
CHAIN = "SELECT * WHERE { FILTER(" + "!" * 12000 + "true) }"
"""A chain without nesting that overflows the parser's stack too (at about 9,500)."""
JSON = {"Accept": "application/sparql-results+json"}


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return filled_store_folder(tmp_path_factory, "limits")


@pytest.fixture(scope="module")
def served(store_path: Path) -> Iterator[tuple[str, int]]:
    # a generous time limit: these tests are about what is refused, and a busy machine must not
    # turn a refusal into a 503 at the default 10 s (the time limit has its own tests)
    with kg_serve_process(store_path, "--query-timeout", "120") as (base, proc):
        yield base, proc.pid


def alive(base: str) -> bool:
    r = httpx.get(base + "sparql", params={"query": "ASK { ?s ?p ?o }"}, headers=JSON, timeout=30)
    return r.status_code == 200 and r.json()["boolean"] is True


@pytest.mark.parametrize("query", [NESTED, PARENS, CHAIN], ids=["braces", "parentheses", "negations"])
def test_a_query_too_deep_or_too_long_is_400_and_the_server_keeps_serving(
    served: tuple[str, int], query: str
) -> None:
    base, _ = served
    got = httpx.get(base + "sparql", params={"query": query}, timeout=30)
    assert got.status_code == 400, got.text[:500]
    limit = str(MAX_NESTING) if query is not CHAIN else str(MAX_OPERATORS)
    assert limit in got.text and ("levels" in got.text or "operators" in got.text)
    posted = httpx.post(base + "sparql", data={"query": query}, timeout=30)
    assert posted.status_code == 400 and limit in posted.text
    assert alive(base)


def test_a_body_over_the_limit_is_413_unread(served: tuple[str, int]) -> None:
    """100 MB, declared and chunked: refused with the limit named, the server stays small."""
    base, pid = served
    body = b"query=" + b"x" * (100 * 1024 * 1024)
    declared = httpx.post(
        base + "sparql",
        content=body,
        timeout=60,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert declared.status_code == 413 and "1048576 bytes" in declared.text

    def chunks() -> Iterator[bytes]:
        yield b"SELECT * WHERE { ?s ?p ?o } #"
        for _ in range(100):
            yield b"x" * (1024 * 1024)

    try:
        chunked = httpx.post(
            base + "sparql",
            content=chunks(),
            timeout=60,
            headers={"Content-Type": "application/sparql-query"},
        )
        assert chunked.status_code == 413 and "1048576 bytes" in chunked.text
    except httpx.WriteError:  # the server answered and closed before the client finished sending
        pass
    del body
    assert peak_rss_mb(pid) < 300
    assert alive(base)
    # under the limit is fine
    small = httpx.post(base + "sparql", data={"query": "ASK {}"}, headers=JSON, timeout=30)
    assert small.status_code == 200


def test_the_cli_refuses_a_nested_query_with_exit_2(tmp_path: Path) -> None:
    store_path = tmp_path / "store"  # not the served one: kg serve holds its lock
    open_store(StoreSettings(store_path)).close()
    query = tmp_path / "nested.rq"
    query.write_text(NESTED)
    run = run_kg("--store", store_path, "sparql", str(query), timeout=60)
    assert run.code == 2, run.output[-1000:]
    assert str(MAX_NESTING) in run.output and "Traceback" not in run.output
    folder = tmp_path / "queries"
    folder.mkdir()
    (folder / "deep.rq").write_text("#+ summary: too deep\n" + PARENS + "\n")
    run = run_kg("--store", store_path, "query", "run", "deep", "--queries", folder, timeout=60)
    assert run.code == 2, run.output[-1000:]
    assert str(MAX_NESTING) in run.output and "Traceback" not in run.output


def test_the_service_description_states_the_limits(served: tuple[str, int]) -> None:
    base, _ = served
    r = httpx.get(base + "sparql", headers={"Accept": "text/turtle"}, timeout=30)
    assert r.status_code == 200
    assert f"at most {MAX_NESTING} levels" in r.text and f"at most {MAX_OPERATORS} keywords" in r.text
    assert "120 s" in r.text and "512 MB" in r.text and "1048576 bytes" in r.text and "10000 rows" in r.text


def test_a_dump_is_written_once_and_streamed(served: tuple[str, int]) -> None:
    base, _ = served
    first = httpx.get(base + "_/dump/medborgarlofte.nq", timeout=60)
    again = httpx.get(base + "_/dump/medborgarlofte.nq", timeout=60)
    assert first.status_code == again.status_code == 200
    assert first.headers["content-type"].startswith("application/n-quads")
    assert first.content == again.content and first.content.count(b"\n") > 100
    head = httpx.head(base + "_/dump/medborgarlofte.nq", timeout=60)
    assert head.status_code == 200 and head.headers["content-length"] == str(len(first.content))


@pytest.mark.parametrize(
    "head",
    [b"GET /sparql?query=", b"GET /sparql HTTP/1.1\r\nHost: x\r\nX-Big: "],
    ids=["request-line", "header"],
)
def test_a_request_head_over_64_kb_is_refused_unread(served: tuple[str, int], head: bytes) -> None:
    """A URL or a header of 20 MB: 431 and closed once 64 KB have come, the server unmoved."""
    base, pid = served
    port = int(base.rstrip("/").rsplit(":", 1)[1])
    answer = b""
    cut = False
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        try:
            sock.sendall(head)
            for _ in range(20):
                sock.sendall(b"a" * (1 << 20))
        except OSError:  # the server closed the connection before the head was all sent
            cut = True
        with contextlib.suppress(OSError):
            answer = sock.recv(4096)
    assert cut or answer.startswith(b"HTTP/1.1 431"), answer[:200]
    assert peak_rss_mb(pid) < 300
    assert alive(base)


def test_a_long_query_is_checked_where_it_runs(served: tuple[str, int]) -> None:
    """Near the body limit, a query is still refused or answered alike (its checks run in a
    worker, not in the server's event loop)."""
    base, _ = served
    long_ok = "SELECT * WHERE { ?s ?p ?o } LIMIT 1 # " + "x" * 900_000
    r = httpx.post(
        base + "sparql",
        content=long_ok.encode(),
        timeout=60,
        headers={"Content-Type": "application/sparql-query", **JSON},
    )
    assert r.status_code == 200 and len(r.json()["results"]["bindings"]) == 1
    long_deep = "SELECT * WHERE { " + "{" * 3000 + "}" * 3000 + " } # " + "x" * 900_000
    r = httpx.post(
        base + "sparql",
        content=long_deep.encode(),
        timeout=60,
        headers={"Content-Type": "application/sparql-query"},
    )
    assert r.status_code == 400 and str(MAX_NESTING) in r.text, r.text[:800]
    many = "SELECT * WHERE { " + "?a " * 300_000 + "}"
    r = httpx.post(
        base + "sparql",
        content=many.encode(),
        timeout=60,
        headers={"Content-Type": "application/sparql-query"},
    )
    assert r.status_code == 400, r.text[:800]  # not a query the parser accepts; refused, not a crash
    long_service = "SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } } # " + "x" * 20_000
    r = httpx.post(
        base + "sparql",
        content=long_service.encode(),
        timeout=60,
        headers={"Content-Type": "application/sparql-query"},
    )
    assert r.status_code == 403
    assert alive(base)
