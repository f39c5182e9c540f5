"""Remotes with deadlines and proof (issue 20 point 6), against small servers of the test's own
on 127.0.0.1 and a real ``oxigraph serve``: a server that drips a byte every 0.1 s (more
often than the deadline, so no single read ever times out) cannot hold ``kg pull``/``kg publish``
past ``--timeout``; a 200 HTML page is not a success; redirects stay
on the endpoint's host; after the remote is wiped, an incremental publish restores it."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import httpx
import pytest
from click.testing import Result
from hostile import run_kg
from http_stub import base_url, stub_server
from oxigraph_server import OxigraphServer, start_oxigraph_server
from query_fixtures import load_fixtures
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import EXIT_OK, EXIT_UNAVAILABLE, EndpointError
from kg.iris import Minter
from kg.store.core import StoreSettings, open_store
from kg.store.remote import EndpointTimeout, RemoteEndpoint

MINTER = Minter()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("remote") / "store"
    with open_store(StoreSettings(path)) as s:
        load_fixtures(s, MINTER)
    return path


DRIP = 0.1
"""Seconds between two bytes of the drip server (five within the deadline of 0.5 s)."""
DEADLINE = "0.5"
"""The ``--timeout`` of these tests against the drip server, in seconds."""


@pytest.fixture
def drip() -> Iterator[str]:
    """A server that answers every request one byte every 0.1 s (headers first), for ~17 minutes:
    every read gets a byte well within the deadline of 0.5 s, so only a deadline on the whole
    request ends it."""
    stop = threading.Event()
    srv = socket.create_server(("127.0.0.1", 0))
    srv.settimeout(0.5)

    def serve(conn: socket.socket) -> None:
        with conn:
            conn.recv(65536)
            answer = (
                b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                + b"X-Drip: "
                + b"x" * 10_000
            )
            for i in range(len(answer)):
                if stop.wait(DRIP):
                    return
                try:
                    conn.sendall(answer[i : i + 1])
                except OSError:
                    return

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    yield f"http://127.0.0.1:{srv.getsockname()[1]}/query"
    stop.set()
    srv.close()


def _server(handle: Callable[[BaseHTTPRequestHandler], None]) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def _any(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            handle(self)

        do_GET = do_POST = do_PUT = do_DELETE = _any  # noqa: N815  (http.server names them so)

        def log_message(self, *args: object) -> None:
            return None

    with stub_server(Handler) as server:
        yield base_url(server)


def _send(h: BaseHTTPRequestHandler, status: int, kind: str, body: bytes, **headers: str) -> None:
    h.send_response(status)
    h.send_header("Content-Type", kind)
    h.send_header("Content-Length", str(len(body)))
    for k, v in headers.items():
        h.send_header(k, v)
    h.end_headers()
    h.wfile.write(body)


def kg_here(*args: str) -> Result:
    """``kg ARGS`` in this process: for the commands against a server that answers (every request
    has a deadline, ``--timeout``); against the drip server each command has a process of its own,
    killed after its hang guard (:func:`hostile.run_kg`)."""
    return CliRunner().invoke(app, list(args))


LOGIN = b"<html><body><form>Logga in / log in</form></body></html>"
EMPTY = json.dumps({"head": {"vars": ["g", "n"]}, "results": {"bindings": []}}).encode()


@pytest.fixture
def html_server() -> Iterator[str]:
    """Queries are answered (an empty remote); every write gets a 200 HTML login page."""

    def handle(h: BaseHTTPRequestHandler) -> None:
        if h.path.startswith("/query"):
            _send(h, 200, "application/sparql-results+json", EMPTY)
        else:
            _send(h, 200, "text/html; charset=utf-8", LOGIN)

    yield from _server(handle)


@pytest.fixture
def redirecting() -> Iterator[str]:
    def handle(h: BaseHTTPRequestHandler) -> None:
        target = "ftp://127.0.0.1/x" if "ftp" in h.path else "http://localhost.invalid:9/query"
        _send(h, 307, "text/plain", b"", Location=target)

    yield from _server(handle)


def test_pull_and_publish_end_at_the_deadline_against_a_drip_server(
    drip: str, store: Path, tmp_path: Path
) -> None:
    with pytest.raises(EndpointTimeout):
        RemoteEndpoint(drip, timeout=float(DEADLINE)).query("ASK {}")
    pulled = run_kg("--store", tmp_path / "pulled", "pull", drip, "--timeout", DEADLINE, timeout=60)
    assert pulled.code == EXIT_UNAVAILABLE, pulled.output
    assert f"did not answer within {DEADLINE} s" in pulled.output, pulled.output
    published = run_kg(
        "--store", store, "publish", "--endpoint", drip, "--timeout", DEADLINE, "--retries", "0", timeout=60
    )
    assert published.code == EXIT_UNAVAILABLE, published.output
    assert "the remote cannot be checked" in published.output and "ReadTimeout" in published.output


def test_a_200_html_page_is_not_a_success(html_server: str, store: Path) -> None:
    run = kg_here("--store", str(store), "publish", "--endpoint", f"{html_server}/query", "--timeout", "5")
    assert run.exit_code == EXIT_UNAVAILABLE, run.output
    assert "the answer is an HTML page, not a SPARQL or Graph Store answer (HTTP 200)" in run.output
    states = list((store / "publish-state").glob("*.json"))
    assert all(json.loads(p.read_text())["graphs"] == {} for p in states)  # nothing counted as sent


def test_redirects_stay_on_the_endpoints_host(redirecting: str) -> None:
    with pytest.raises(EndpointError, match=r"redirect to another host: localhost\.invalid"):
        RemoteEndpoint(f"{redirecting}/query", timeout=5).query("ASK {}")
    with pytest.raises(EndpointError, match="redirect to ftp"):
        RemoteEndpoint(f"{redirecting}/query-ftp", timeout=5).query("ASK {}")


def test_after_the_remote_is_wiped_a_publish_restores_it(store: Path, tmp_path: Path) -> None:
    server: OxigraphServer = start_oxigraph_server(tmp_path / "remote")
    try:
        args = (
            "--store",
            str(store),
            "publish",
            "--endpoint",
            server.query_url,
            "--format",
            "json",
            "--timeout",
            "30",
        )
        first = kg_here(*args)
        assert first.exit_code == EXIT_OK, first.output
        with open_store(StoreSettings(store)) as s:
            local = set(s.named_graphs())
        remote = RemoteEndpoint(server.query_url, timeout=30)
        assert set(remote.named_graphs()) == local
        again = kg_here(*args)
        assert again.exit_code == EXIT_OK and json.loads(again.stdout)["sent"] == 0, again.output  # all there
        httpx.post(
            server.update_url, content=b"DROP ALL", headers={"Content-Type": "application/sparql-update"}
        )
        assert remote.named_graphs() == []
        repaired = kg_here(*args)
        assert repaired.exit_code == EXIT_OK, repaired.output
        assert json.loads(repaired.stdout)["sent"] == len(local)
        assert set(remote.named_graphs()) == local
        with open_store(StoreSettings(store)) as s:
            assert all(remote.count(g) == s.count(g) for g in local)
    finally:
        server.stop()


ODD = "http://example.org/graph{1} x"


@pytest.fixture
def odd_remote(tmp_path: Path) -> Iterator[str]:
    """A SPARQL endpoint listing two document graphs: the example promise, and one whose name is
    not an IRI (a brace, a space) that the strict results parser refuses."""
    local = tmp_path / "local"
    example = Path(__file__).resolve().parent.parent.parent / "examples" / "nykoping-2025-2026.ttl"
    assert CliRunner().invoke(app, ["--store", str(local), "import", str(example)]).exit_code == EXIT_OK
    good = str(MINTER.document_graph("promise/0480-2025-2026"))
    with open_store(StoreSettings(local)) as s:
        triples = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in s.quads(good)).encode()
    listing = {
        "head": {"vars": ["g"]},
        "results": {"bindings": [{"g": {"type": "uri", "value": v}} for v in (ODD, good)]},
    }

    def handle(h: BaseHTTPRequestHandler) -> None:
        if "n-triples" in (h.headers.get("Accept") or ""):
            _send(h, 200, "application/n-triples", triples)
        else:
            _send(h, 200, "application/sparql-results+json", json.dumps(listing).encode())

    yield from (f"{url}/query" for url in _server(handle))


def test_pull_keep_going_skips_a_graph_it_cannot_use(odd_remote: str, tmp_path: Path) -> None:
    stopped = kg_here("--store", str(tmp_path / "a"), "pull", odd_remote, "--timeout", "10")
    assert stopped.exit_code == EXIT_UNAVAILABLE and "the graph IRI cannot be used" in stopped.output, (
        stopped.output
    )
    kept = kg_here("--store", str(tmp_path / "b"), "pull", odd_remote, "--timeout", "10", "--keep-going")
    assert kept.exit_code == EXIT_OK, kept.output
    assert f"skipped {ODD}" in kept.output and "1 importerade / imported" in kept.output, kept.output
    with open_store(StoreSettings(tmp_path / "b")) as s:
        assert s.has_graph(str(MINTER.document_graph("promise/0480-2025-2026")))
