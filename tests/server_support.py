"""Helpers of the server tests: a fixture store with the worked example, and a real `kg serve`."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
import pytest

from kg.iris import Minter
from kg.store.core import ChangeSet, GraphStore, StoreSettings, open_store
from kg.store.system import ensure_system_graphs

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "server"
EXAMPLE = REPO / "examples" / "nykoping-2025-2026.ttl"

DOCUMENTS = {
    "promise/0480-2025-2026": EXAMPLE,
    "promise/0480-2023-2024": FIXTURES / "nykoping-2023-2024.ttl",
    "promise/0581-2024": FIXTURES / "norrkoping-2024.ttl",
    "test-reference": FIXTURES / "reference.ttl",
}

SCRIPT = "<script>alert(1)</script>"
ID = "https://w3id.org/medborgarlofte/id/"


def fill_store(store: GraphStore, minter: Minter | None = None) -> None:
    """The system graphs, the worked example and the server fixtures, one graph each."""
    minter = minter or Minter()
    ensure_system_graphs(store, minter)
    change = ChangeSet()
    for doc_id, path in DOCUMENTS.items():
        g = str(minter.graph(doc_id))
        gn = ox.NamedNode(g)
        change.replace[g] = [
            ox.Quad(t.subject, t.predicate, t.object, gn)
            for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
        ]
    store.apply(change)


def filled_store_folder(factory: pytest.TempPathFactory, name: str) -> Path:
    """A new on-disk store holding :func:`fill_store`'s data, closed again: for a test module that
    serves it with ``kg serve`` or reads it from the CLI (each process takes the store's lock)."""
    path = factory.mktemp(name) / "store"
    with open_store(StoreSettings(path)) as store:
        fill_store(store)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


START_TIMEOUT = 180.0
"""A hang guard on a server's start, not a measure: on a machine loaded many times over (two
cores, several test runs) ``kg serve`` took more than 30 s to answer its first request."""


TEST_WORKERS = 1
"""The ``--query-workers`` of a test's ``kg serve`` unless it asks for another number: one
general and one fast worker. Each worker is a process that imports kg and opens the store
(about half a second of processor time), and a server that is not under test for its pool
needs no more; the default pool (four and two) is tested in tests/system/test_server_workers.py,
as in-process apps use one worker (:func:`make_app`)."""


@contextmanager
def kg_serve(
    store_path: Path, *args: str, timeout: float = START_TIMEOUT, workers: int | None = TEST_WORKERS
) -> Iterator[str]:
    """A real ``kg serve`` process on 127.0.0.1; yields its base URL and stops it afterwards.
    ``workers``: its ``--query-workers`` (None: kg serve's default)."""
    with kg_serve_process(store_path, *args, timeout=timeout, workers=workers) as (base, _proc):
        yield base


def rss_mb(pid: int) -> float:
    """The resident memory of a process and all its descendants now, in MB (0 when gone)."""
    total = 0
    pending = [pid]
    while pending:
        p = pending.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            for task in Path(f"/proc/{p}/task").iterdir():
                pending.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def peak_rss_mb(pid: int) -> float:
    """The peak resident memory of one process over its life (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmHWM for {pid}")


@contextmanager
def kg_serve_process(
    store_path: Path, *args: str, timeout: float = START_TIMEOUT, workers: int | None = TEST_WORKERS
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """:func:`kg_serve`, yielding the process too (its pid, for memory and liveness checks)."""
    port = free_port()
    pool = () if workers is None else ("--query-workers", str(workers))
    cmd = [
        sys.executable,
        "-c",
        "from kg.cli import main; main()",
        "--store",
        str(store_path),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        *pool,
        *args,
    ]
    env = {**os.environ, "KG_LOCK_TIMEOUT": "5"}
    log = tempfile.TemporaryFile()  # noqa: SIM115 (closed below)  not a pipe: a server that logs much must never block on it
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"kg serve exited with {proc.returncode}:\n{log.read().decode()}")
            try:
                if httpx.get(base + "sparql", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("kg serve did not start in time")
            time.sleep(0.05)
        yield base, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            proc.kill()
            proc.wait()
        log.close()


QUERIES = FIXTURES / "queries"


def make_app(store: GraphStore, **overrides: object):  # type: ignore[no-untyped-def]
    """The app over ``store`` with test settings (fixture saved queries, small limits, and one
    query worker: over a read-only store each worker is a process to start; the default pool
    of ``kg serve`` is tested in tests/system/test_server_workers.py)."""
    from kg.server.app import create_app
    from kg.server.settings import ServerSettings

    values: dict[str, object] = {
        "base_url": "http://testserver/",
        "queries_folder": QUERIES,
        "query_timeout": 5.0,
        "query_workers": 1,
    }
    values.update(overrides)
    return create_app(ServerSettings(**values), store)  # type: ignore[arg-type]


class AppClient:
    """A synchronous HTTP client for the app in process (httpx's ASGI transport, one event loop)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.loop = asyncio.new_event_loop()
        self._client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")
        # the ASGI transport sends no lifespan events: start the query workers as kg serve does
        self.loop.run_until_complete(app.state.ctx.engine.start())

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        return self.loop.run_until_complete(self._client.request(method, url, **kwargs))

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def put(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("PUT", url, **kwargs)

    def delete(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("DELETE", url, **kwargs)

    def options(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("OPTIONS", url, **kwargs)

    def close(self) -> None:
        self.loop.run_until_complete(self._client.aclose())
        self.app.state.ctx.engine.close()
        self.loop.close()

    def __enter__(self) -> AppClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
