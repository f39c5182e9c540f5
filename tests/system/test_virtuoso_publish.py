"""kg publish to a real, private Virtuoso (tests/virtuoso_server.py), issue 18.

The store `make run`-like tests use (server_support.fill_store: system graphs and four documents)
arrives whole, graph by graph, although Virtuoso refuses one INSERT DATA of the vocabularies
graph (SQL-text limit); a re-run converges; a removed document is dropped; a killed server
restarted on its folder holds every graph in its old or its new version, also when killed in the
middle of a publish, and the next run converges.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from typer.testing import CliRunner
from virtuoso_server import VirtuosoServer

from kg.cli import app
from kg.errors import EXIT_OK
from kg.iris import Minter
from kg.publish.publisher import Target, graph_lines
from kg.publish.sender import Sender, value_key
from kg.store.catalogue import remove_document
from kg.store.core import ChangeSet, StoreSettings, open_store
from kg.store.system import ensure_system_graphs

pytestmark = pytest.mark.server

MINTER = Minter()
COMMENT = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")


def remote_graph(server: VirtuosoServer, graph: str) -> list[str]:
    """The remote graph, read straight from the server, as sorted value keys (Virtuoso answers
    ``"1"^^xsd:decimal`` as ``"1"^^xsd:integer``: the same value, see docs/triple-stores.md)."""
    sender = Sender(Target(server.sparql_url), None)
    try:
        lines = sender.graph(graph)
    finally:
        sender.close()
    assert lines is not None
    return sorted(map(value_key, lines))


def remote_counts(server: VirtuosoServer) -> dict[str, int]:
    sender = Sender(Target(server.sparql_url), None)
    try:
        return {g: n for g, n in sender.counts().items() if g.startswith("https://w3id.org/medborgarlofte/")}
    finally:
        sender.close()


def local_graphs(store_path: Path) -> dict[str, list[str]]:
    """Each graph of the store as sorted value keys."""
    with open_store(StoreSettings(store_path)) as store:
        return {g: sorted(map(value_key, graph_lines(store, g))) for g in store.named_graphs()}


def kg_publish(store: Path, server: VirtuosoServer, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        app,
        ["--store", str(store), "publish", "--endpoint", server.sparql_url, *extra],
        catch_exceptions=False,
    )
    return result.exit_code, result.output


def bump(store_path: Path, graphs: list[str], text: str) -> None:
    """A new version of each graph: one triple less, one more on a subject it already has."""
    with open_store(StoreSettings(store_path)) as store:
        change = ChangeSet()
        for g in graphs:
            quads = sorted(store.quads(g), key=str)
            change.delete.append(quads[-1])
            change.insert.append(ox.Quad(quads[0].subject, COMMENT, ox.Literal(text), ox.NamedNode(g)))
        store.apply(change)


@pytest.fixture(scope="module")
def virtuoso(shared_virtuoso: Callable[[], VirtuosoServer]) -> VirtuosoServer:
    """The test process's server, holding no graph but Virtuoso's own when the module starts."""
    return shared_virtuoso()


def test_the_filled_store_arrives_whole_and_a_rerun_converges(
    virtuoso: VirtuosoServer, tmp_path: Path, fixture_disk_store: Callable[[Path], Path]
) -> None:
    store = fixture_disk_store(tmp_path / "store")  # system graphs, fixture documents, records
    local = local_graphs(store)
    vocabularies = str(MINTER.vocabulary_graph)
    assert len(local[vocabularies]) > 2000  # more than Virtuoso takes in one INSERT DATA

    code, out = kg_publish(store, virtuoso)
    assert code == EXIT_OK, out
    assert remote_counts(virtuoso) == {g: len(lines) for g, lines in local.items()}
    assert remote_graph(virtuoso, vocabularies) == local[vocabularies]  # every term round-trips

    code, out = kg_publish(store, virtuoso)
    assert code == EXIT_OK and f"oförändrade / skipped: {len(local)}" in out, out

    # a changed document and a removed one: the first is updated in place, the second dropped
    docs = sorted(g for g in local if "/promise/" in g)
    bump(store, [docs[0], vocabularies], "version 2")
    gone = docs[-1]
    with open_store(StoreSettings(store)) as opened:
        remove_document(opened, MINTER, gone.split("/graph/", 1)[1])
    local = local_graphs(store)
    code, out = kg_publish(store, virtuoso)
    assert code == EXIT_OK, out
    assert remote_counts(virtuoso) == {g: len(lines) for g, lines in local.items()}
    assert remote_graph(virtuoso, docs[0]) == local[docs[0]]
    assert gone not in remote_counts(virtuoso)

    # --all on an up-to-date remote sends nothing twice, and a crash after it loses nothing
    code, out = kg_publish(store, virtuoso, "--all")
    assert code == EXIT_OK and out.count("already current") == len(local), out
    virtuoso.kill()
    virtuoso.restart()
    assert remote_counts(virtuoso) == {g: len(lines) for g, lines in local.items()}
    assert remote_graph(virtuoso, vocabularies) == local[vocabularies]


@pytest.mark.slow
def test_a_server_killed_mid_publish_holds_old_or_new_graphs_and_a_rerun_converges(
    virtuoso: VirtuosoServer, tmp_path: Path, fixture_disk_store: Callable[[Path], Path]
) -> None:
    server = virtuoso
    server.reset()  # nothing of the other tests (checked): every graph is published new, as on a new server
    store = fixture_disk_store(tmp_path / "store")
    code, out = kg_publish(store, server)
    assert code == EXIT_OK, out
    old = local_graphs(store)
    bump(store, sorted(old), "version 2")  # every graph changes, system graphs too
    new = local_graphs(store)

    # publish B in another process and kill the server as soon as the first graph is recorded
    before = (store / "publish-state").stat().st_mtime_ns
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "kg"),
            "--store",
            str(store),
            "publish",
            "--endpoint",
            server.sparql_url,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        states = list((store / "publish-state").glob("*.json"))
        if states and states[0].stat().st_mtime_ns > before:
            break
        time.sleep(0.01)
    server.kill()
    out = proc.communicate(timeout=120)[0].decode()
    assert proc.returncode != EXIT_OK, out  # the run saw the server go
    server.restart()

    fresh = 0
    for g in old:
        there = remote_graph(server, g)
        assert there in (old[g], new[g]), f"{g}: neither the old nor the new version after the crash"
        fresh += there == new[g]
    assert 0 < fresh < len(old), "the kill did not fall in the middle of the publish"

    code, out = kg_publish(store, server)
    assert code == EXIT_OK, out
    for g in new:
        assert remote_graph(server, g) == new[g]
    code, out = kg_publish(store, server)
    assert code == EXIT_OK and "skickade / sent: 0" in out.lower(), out


def test_the_sql_text_limit_is_real(virtuoso: VirtuosoServer) -> None:
    """Without batches, Virtuoso refuses the vocabularies graph: the limit the batches avoid."""
    with open_store(StoreSettings(None)) as store:
        ensure_system_graphs(store, MINTER)
        lines = graph_lines(store, str(MINTER.vocabulary_graph))
    g = ox.NamedNode("https://example.org/one-big-insert")
    text = f"INSERT DATA {{ GRAPH {g} {{\n" + "".join(lines) + "} }"
    answer = httpx.post(
        virtuoso.sparql_url, content=text.encode(), headers={"Content-Type": "application/sparql-update"}
    )
    assert answer.status_code >= 400 and "SP031" in answer.text
