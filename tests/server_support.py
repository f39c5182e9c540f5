"""Helpers of the server tests: a fixture store with the worked example, and a real `kg serve`."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pyoxigraph as ox

from kg.iris import Minter
from kg.store import ChangeSet, GraphStore
from kg.system import ensure_system_graphs

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
        change.replace[g] = [ox.Quad(t.subject, t.predicate, t.object, gn)
                             for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]
    store.apply(change)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def kg_serve(store_path: Path, *args: str, timeout: float = 30.0) -> Iterator[str]:
    """A real ``kg serve`` process on 127.0.0.1; yields its base URL and stops it afterwards."""
    port = free_port()
    cmd = [sys.executable, "-c", "from kg.cli import main; main()", "--store", str(store_path), "serve",
           "--host", "127.0.0.1", "--port", str(port), *args]
    env = {**os.environ, "KG_LOCK_TIMEOUT": "5"}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                out = proc.stdout.read().decode() if proc.stdout else ""
                raise RuntimeError(f"kg serve exited with {proc.returncode}:\n{out}")
            try:
                if httpx.get(base + "sparql", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("kg serve did not start in time")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            proc.kill()
            proc.wait()
