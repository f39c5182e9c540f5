"""A real ``oxigraph serve`` on 127.0.0.1 for tests (started and stopped by a fixture).

Use the session fixture ``oxigraph_server_factory`` (registered in conftest.py): call it with an
N-Quads file to get a running server loaded with it::

    def test_x(oxigraph_server_factory):
        server = oxigraph_server_factory(path_to_nquads)
        ... server.query_url ...

Servers run with ``--union-default-graph`` (queries see the union of the named graphs, as the
embedded store does) and are stopped at the end of the session. The ``oxigraph`` command comes
from the ``oxigraph`` wheel (the dev extra); tests skip when it is missing.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


def oxigraph_command() -> str | None:
    """The ``oxigraph`` CLI of this virtualenv, else one on PATH."""
    local = Path(sys.executable).parent / "oxigraph"
    return str(local) if local.exists() else shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class OxigraphServer:
    """One running server."""

    process: subprocess.Popen[bytes]
    port: int
    location: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.base_url}/query"

    @property
    def update_url(self) -> str:
        return f"{self.base_url}/update"

    @property
    def store_url(self) -> str:
        """The SPARQL 1.1 Graph Store Protocol endpoint."""
        return f"{self.base_url}/store"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_oxigraph_server(
    location: Path, data: Path | None = None, timeout: float = 120.0, *, union: bool = True
) -> OxigraphServer:
    """Load ``data`` (N-Quads, Turtle, ...; format from the extension) into a new store at
    ``location`` with ``oxigraph load``, then serve it on a free port and wait until it answers.
    ``union=False`` leaves out ``--union-default-graph`` (a misconfigured server, for tests)."""
    cmd = oxigraph_command()
    if cmd is None:
        pytest.skip("the oxigraph CLI is not installed (pip install oxigraph)")
    location.mkdir(parents=True, exist_ok=True)
    if data is not None:
        subprocess.run(
            [cmd, "load", "--location", str(location), "--file", str(data)],
            check=True,
            capture_output=True,
            timeout=120,
        )
    port = free_port()
    log = (location.parent / f"{location.name}.log").open("wb")
    process = subprocess.Popen(
        [cmd, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
        + (["--union-default-graph"] if union else []),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = OxigraphServer(process, port, location)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph serve exited with {process.returncode}; see {log.name}")
        try:
            with urllib.request.urlopen(f"{server.query_url}?query=ASK%7B%7D", timeout=1) as resp:
                if resp.status == 200:
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.05)
    server.stop()
    raise RuntimeError(f"oxigraph serve did not answer on port {port} within {timeout:g} s")


@pytest.fixture(scope="session")
def oxigraph_server_factory(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[[Path | None], OxigraphServer]]:
    """Start servers on demand: ``factory(data_file_or_None) -> OxigraphServer``; all stopped at the end."""
    servers: list[OxigraphServer] = []

    def make(data: Path | None = None) -> OxigraphServer:
        location = tmp_path_factory.mktemp("oxigraph") / "store"
        server = start_oxigraph_server(location, data)
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.stop()
