"""The private Virtuoso of tests/virtuoso_server.py: its files stay in its folder, it listens on
127.0.0.1 only, the SPARQL user may update, and a killed server comes back with its data."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from virtuoso_server import VirtuosoServer

pytestmark = pytest.mark.server


def _count(server: VirtuosoServer, graph: str) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    answer = httpx.post(
        server.sparql_url, data={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    answer.raise_for_status()
    return int(answer.json()["results"]["bindings"][0]["n"]["value"])


def test_private_server_updates_and_survives_a_kill(
    shared_virtuoso: Callable[[], VirtuosoServer],
) -> None:
    server = shared_virtuoso()  # the test process's one server, holding no graph but its own
    ini = (server.folder / "virtuoso.ini").read_text()
    assert f"127.0.0.1:{server.sql_port}" in ini and f"127.0.0.1:{server.http_port}" in ini
    for name in ("virtuoso.db", "virtuoso.trx", "virtuoso.log"):
        assert f"{server.folder.resolve()}/{name}" in ini and (server.folder / name).exists()
    assert "/var/lib" not in ini and "/etc/" not in ini
    update = "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> <http://example.org/p> 1 }}"
    sent = httpx.post(
        server.sparql_url, content=update.encode(), headers={"Content-Type": "application/sparql-update"}
    )
    assert sent.status_code == 200, sent.text
    assert _count(server, "http://example.org/g") == 1
    server.kill()
    assert not server.running()
    server.restart()
    assert _count(server, "http://example.org/g") == 1
    # the authenticated endpoint takes dba with Digest
    ask = httpx.post(
        server.auth_url,
        data={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://example.org/g> { ?s ?p ?o } }"},
        auth=httpx.DigestAuth(server.user, server.password),
        headers={"Accept": "application/sparql-results+json"},
    )
    assert ask.status_code == 200, ask.text
    assert ask.json()["results"]["bindings"][0]["n"]["value"] == "1"
