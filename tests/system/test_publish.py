"""kg publish and kg pull against a real ``oxigraph serve`` on 127.0.0.1.

The saved queries give the same rows remotely as locally; a second publish sends only what
changed; a removed document disappears remotely; pull brings published documents back,
validated. Faults (unreachable, 401, 500 halfway, timeout, dropped connection) are injected by a
proxy in front of the real server (tests/fault_proxy.py); after each, every remote graph is
either its old or its new version.
"""

from __future__ import annotations

import base64
import json
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from fault_proxy import FaultProxy, Plan, forward_all
from hostile import interruptible
from oxigraph_server import OxigraphServer, free_port, start_oxigraph_server
from query_fixtures import fixture_store
from summary_support import assert_summaries_match, stored_summaries
from typer.testing import CliRunner

from kg.cli import app
from kg.cli.common import shared_validator
from kg.errors import EXIT_OK, EXIT_UNAVAILABLE, EndpointError
from kg.ingest.importer import ImportOptions, Status, import_paths
from kg.ingest.pull import pull
from kg.iris import Minter
from kg.publish.publisher import Action, GraphKind, Target, derive_update_url, graph_lines, publish
from kg.query.run import example_args, parse_param_args, run_saved
from kg.query.saved import load_queries
from kg.store.catalogue import list_records, remove_document
from kg.store.core import ChangeSet, OxigraphStore, StoreSettings, open_store
from kg.store.remote import RemoteEndpoint

pytestmark = pytest.mark.server

REPO = Path(__file__).resolve().parent.parent.parent
EXAMPLE = REPO / "examples" / "nykoping-2025-2026.ttl"
MINTER = Minter()
COMMENT = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[OxigraphServer]:
    srv = start_oxigraph_server(tmp_path / "remote")
    yield srv
    srv.stop()


def remote_lines(server: OxigraphServer, graph: str) -> list[str]:
    """A remote graph as sorted N-Triples lines, read from the real server (not the proxy)."""
    rows = RemoteEndpoint(server.query_url).query(
        "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": ox.NamedNode(graph)}
    )
    return sorted({f"{t.subject} {t.predicate} {t.object} .\n" for t in rows})


def remote_graphs(server: OxigraphServer) -> set[str]:
    return set(RemoteEndpoint(server.query_url).named_graphs())


def kg(runner: CliRunner, store: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--store", str(store), *args])
    return result.exit_code, result.output


def _rows(table: object) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True, default=str) for r in table.records())  # type: ignore[attr-defined]


# -- the saved queries ------------------------------------------------------------------------


def test_every_saved_query_gives_the_same_rows_remotely(server: OxigraphServer, tmp_path: Path) -> None:
    local = fixture_store()
    report = publish(local, MINTER, Target.resolve(server.query_url), state_dir=tmp_path / "state")
    assert report.ok, report.as_dict()
    assert report.target.update == server.update_url  # derived from .../query
    assert {r.kind for r in report.sent} == {GraphKind.system, GraphKind.document, GraphKind.catalogue}
    assert remote_graphs(server) == set(local.named_graphs())
    remote = RemoteEndpoint(server.query_url)
    queries = load_queries()
    assert len(queries) >= 10
    for name, query in sorted(queries.items()):
        params = parse_param_args(example_args(query))
        here = run_saved(local, query, params)
        there = run_saved(remote, query, params)
        assert there.columns == here.columns, name
        assert _rows(there) == _rows(here), f"{name}: remote rows differ from local rows"
    assert any(len(run_saved(local, q, parse_param_args(example_args(q)))) for q in queries.values())


# -- incremental, removals, graph store protocol, pull ----------------------------------------


def _two_documents(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    first = folder / "nykoping-2025-2026.ttl"
    first.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    second = folder / "nykoping-2027-2028.ttl"
    second.write_text(EXAMPLE.read_text(encoding="utf-8").replace("2025-2026", "2027-2028"), encoding="utf-8")
    return first, second


def _publish_json(runner: CliRunner, store: Path, server: OxigraphServer, *extra: str) -> dict:  # type: ignore[type-arg]
    code, out = kg(
        runner, store, "publish", "--endpoint", server.query_url, "--graph-store", server.store_url,
        "--format", "json", *extra,
    )  # fmt: skip
    assert code == EXIT_OK, out
    data: dict = json.loads(out)  # type: ignore[type-arg]
    return data


def _sent(data: dict, kind: str | None = None) -> list[str]:  # type: ignore[type-arg]
    return [g["graph"] for g in data["graphs"] if g["action"] == "sent" and kind in (None, g["kind"])]


def test_publish_sends_only_what_changed_and_propagates_removals(
    runner: CliRunner, server: OxigraphServer, tmp_path: Path
) -> None:
    store = tmp_path / "store"
    first, second = _two_documents(tmp_path / "docs")
    code, out = kg(runner, store, "import", str(first), str(second))
    assert code == EXIT_OK, out
    g1 = str(MINTER.document_graph("promise/0480-2025-2026"))
    g2 = str(MINTER.document_graph("promise/0480-2027-2028"))
    cat = str(MINTER.catalogue_graph)

    data = _publish_json(runner, store, server)
    assert data["mode"] == "graph-store"
    assert set(_sent(data, "document")) == {g1, g2} and _sent(data, "catalogue") == [cat]
    assert len(_sent(data, "system")) == 3
    assert list((store / "publish-state").glob("*.json"))

    data = _publish_json(runner, store, server)
    assert _sent(data) == [] and data["skipped"] == 6

    # change one document: exactly that document graph is sent (with the catalogue, whose
    # record of it changed); the other document and the system graphs are skipped
    second.write_text(second.read_text(encoding="utf-8").replace("Nyköpings centrum", "Stadskärnan"))
    assert kg(runner, store, "import", str(second))[0] == EXIT_OK
    data = _publish_json(runner, store, server)
    assert _sent(data, "document") == [g2]
    assert _sent(data) == [g2, cat]
    with open_store(StoreSettings(store)) as local:
        assert remote_lines(server, g2) == graph_lines(local, g2)
        assert remote_lines(server, cat) == graph_lines(local, cat)
    assert any("Stadskärnan" in line for line in remote_lines(server, g2))

    # remove a document: it is dropped remotely, with its catalogue record
    assert kg(runner, store, "remove", "promise/0480-2027-2028")[0] == EXIT_OK
    data = _publish_json(runner, store, server)
    assert [g["graph"] for g in data["graphs"] if g["action"] == "removed"] == [g2]
    assert g2 not in remote_graphs(server) and g1 in remote_graphs(server)
    assert not any("0480-2027-2028" in line for line in remote_lines(server, cat))

    # --all sends everything again
    data = _publish_json(runner, store, server, "--all")
    assert data["sent"] == 5 and data["skipped"] == 0


def test_pull_imports_published_documents_validated(server: OxigraphServer, tmp_path: Path) -> None:
    first, second = _two_documents(tmp_path / "docs")
    validator = shared_validator()
    with open_store(StoreSettings(tmp_path / "origin")) as origin:
        summary = import_paths([first, second], store=origin, minter=MINTER, validator=validator)
        assert summary.written == 2
        assert publish(origin, MINTER, Target.resolve(server.query_url)).ok
        originals = {g: graph_lines(origin, g) for g in origin.named_graphs() if "/promise/" in g}
    remote = RemoteEndpoint(server.query_url)
    with open_store(StoreSettings(tmp_path / "copy")) as copy:
        result = pull(remote, store=copy, minter=MINTER, validator=validator)
        assert sorted(result.graphs) == sorted(originals)
        assert [o.status for o in result.imported.outcomes] == [Status.imported, Status.imported]
        for g, lines in originals.items():
            assert graph_lines(copy, g) == lines
        records = list_records(copy, MINTER)
        assert all(r.source.startswith(server.query_url + " GRAPH <") for r in records)
        again = pull(remote, store=copy, minter=MINTER, validator=validator)
        assert [o.status for o in again.imported.outcomes] == [Status.unchanged, Status.unchanged]


def test_pulled_followups_get_their_summaries(server: OxigraphServer, tmp_path: Path) -> None:
    """A follow-up pulled from an endpoint gets the summary its document gives
    (kg.store.followup_facts), as when it was imported from a file."""
    followups = sorted((REPO / "data" / "followups").glob("*.yaml"))
    validator = shared_validator()
    with open_store(StoreSettings(tmp_path / "origin")) as origin:
        assert (
            import_paths([EXAMPLE, *followups], store=origin, minter=MINTER, validator=validator).written == 3
        )
        assert publish(origin, MINTER, Target.resolve(server.query_url)).ok
        summaries = stored_summaries(origin)
    with open_store(StoreSettings(tmp_path / "copy")) as copy:
        result = pull(RemoteEndpoint(server.query_url), store=copy, minter=MINTER, validator=validator)
        assert not result.imported.has_errors
        assert assert_summaries_match(copy) == 2
        assert stored_summaries(copy) == summaries


def test_pull_refuses_an_invalid_remote_document(server: OxigraphServer, tmp_path: Path) -> None:
    """Pulled documents are validated like any import: a promise without a period is refused."""
    text = EXAMPLE.read_text(encoding="utf-8")
    quads = [
        ox.Quad(
            t.subject,
            t.predicate,
            t.object,
            ox.NamedNode(str(MINTER.document_graph("promise/0480-2025-2026"))),
        )
        for t in ox.parse(text.encode(), format=ox.RdfFormat.TURTLE)
        if t.predicate.value not in ("http://purl.org/dc/terms/temporal",)
    ]
    body = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert httpx.post(
        server.store_url, content=body, headers={"Content-Type": "application/n-quads"}
    ).is_success
    with open_store(StoreSettings(tmp_path / "copy")) as copy:
        options = ImportOptions(quarantine=tmp_path / "q")
        remote = RemoteEndpoint(server.query_url)
        result = pull(remote, store=copy, minter=MINTER, validator=shared_validator(), options=options)
        assert [o.status for o in result.imported.outcomes] == [Status.invalid]
        assert list_records(copy, MINTER) == []


def test_update_mode_dry_run_and_removal(server: OxigraphServer, tmp_path: Path) -> None:
    """With SPARQL Update (no graph store URL): a dry run sends nothing, a removal is a DROP."""
    local = fixture_store()
    target = Target.resolve(server.query_url)
    state = tmp_path / "state"
    dry = publish(local, MINTER, target, state_dir=state, dry_run=True)
    assert dry.dry_run and len(dry.sent) == len(local.named_graphs())
    assert remote_graphs(server) == set() and not state.exists()
    assert publish(local, MINTER, target, state_dir=state, include_system=False).ok
    assert str(MINTER.reference_graph) not in remote_graphs(server)
    doc = "promise/0181-2024-2025"
    remove_document(local, MINTER, doc)
    report = publish(local, MINTER, target, state_dir=state, include_system=False)
    assert [r.iri for r in report.of(Action.removed)] == [str(MINTER.document_graph(doc))]
    assert [r.kind for r in report.sent] == [GraphKind.catalogue]
    assert remote_graphs(server) == set(local.named_graphs()) - {
        str(MINTER.ontology_graph),
        str(MINTER.vocabulary_graph),
        str(MINTER.reference_graph),
    }


def test_update_url_is_derived_from_the_query_url() -> None:
    assert derive_update_url("http://h:7878/query") == "http://h:7878/update"
    assert derive_update_url("http://h:3030/ds/query") == "http://h:3030/ds/update"
    assert derive_update_url("http://h:7200/repositories/kg") == "http://h:7200/repositories/kg/statements"
    assert derive_update_url("http://h:8890/sparql") == "http://h:8890/sparql"
    with pytest.raises(EndpointError):
        Target.resolve("ftp://h/query")


# -- faults -------------------------------------------------------------------------------------


def _bump(store: OxigraphStore, graphs: list[str]) -> None:
    """A new version of each document graph: one more triple."""
    change = ChangeSet()
    for g in graphs:
        doc = next(q.subject for q in store.quads(g) if q.predicate.value.endswith("#type"))
        change.insert.append(ox.Quad(doc, COMMENT, ox.Literal("version 2"), ox.NamedNode(g)))
    store.apply(change)


@pytest.fixture
def versions(
    server: OxigraphServer, tmp_path: Path, fixture_disk_store: Callable[[Path], Path]
) -> Iterator[tuple[Path, dict[str, list[str]], dict[str, list[str]], FaultProxy]]:
    """A disk store published as version A through a (still harmless) proxy, then changed locally
    to version B (not published). The publish state is per endpoint URL, so the test publishes B
    through the same proxy after setting its plan.

    Yields the store path, per graph its A and B lines, and the proxy.
    """
    path = fixture_disk_store(tmp_path / "store")
    with FaultProxy(server.port) as proxy:
        target = Target.resolve(f"{proxy.url}/query")
        with open_store(StoreSettings(path)) as store:
            assert publish(store, MINTER, target, state_dir=path / "publish-state").ok
            old = {g: graph_lines(store, g) for g in store.named_graphs()}
            docs = [g for g in store.named_graphs() if "/promise/" in g or "/followup/" in g]
            _bump(store, docs)
            new = {g: graph_lines(store, g) for g in store.named_graphs()}
        proxy.count = 0
        yield path, old, new, proxy


def _assert_old_or_new(server: OxigraphServer, old: dict[str, list[str]], new: dict[str, list[str]]) -> int:
    """Every remote graph is exactly its old or its new version; returns how many are new."""
    fresh = 0
    for g in old:
        lines = remote_lines(server, g)
        assert lines in (old[g], new[g]), f"{g} is neither the old nor the new version (partial write)"
        fresh += lines == new[g] and old[g] != new[g]
    return fresh


def _publish_via(
    runner: CliRunner, store: Path, proxy: FaultProxy, plan: Plan, *extra: str
) -> tuple[int, str]:
    proxy.plan = plan
    proxy.count = 0
    return kg(
        runner,
        store,
        "publish",
        "--endpoint",
        f"{proxy.url}/query",
        "--retries",
        "1",
        "--timeout",
        "2",
        *extra,
    )


@pytest.mark.slow
def test_unreachable_endpoint_is_a_clear_exit_3(
    runner: CliRunner, tmp_path: Path, fixture_disk_store: Callable[[Path], Path]
) -> None:
    store = fixture_disk_store(tmp_path / "store")
    url = f"http://127.0.0.1:{free_port()}/query"
    code, out = kg(runner, store, "publish", "--endpoint", url, "--retries", "0")
    assert code == EXIT_UNAVAILABLE, out
    assert "the server is unreachable" in out and "Traceback" not in out
    state = list((store / "publish-state").glob("*.json"))
    assert state == []  # nothing was sent, nothing remembered


@pytest.mark.slow
def test_refused_credentials_stop_at_once(runner: CliRunner, server: OxigraphServer, versions: tuple) -> None:  # type: ignore[type-arg]
    store, old, new, proxy = versions
    code, out = _publish_via(runner, store, proxy, lambda n, m, p: "401")
    assert code == EXIT_UNAVAILABLE, out
    assert "HTTP 401" in out and "KG_ENDPOINT_USER" in out
    assert "HTTP 401: injected 401" in out  # the server's own reason (a read-only server says so)
    assert proxy.count == 1  # no retry, no second graph
    assert _assert_old_or_new(server, old, new) == 0


def test_credentials_come_from_the_environment(
    runner: CliRunner,
    versions: tuple,  # type: ignore[type-arg]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store, _old, _new, proxy = versions
    monkeypatch.setenv("KG_ENDPOINT_USER", "steward")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "hemligt")
    proxy.authorization.clear()
    code, out = _publish_via(runner, store, proxy, forward_all)
    assert code == EXIT_OK, out
    expected = "Basic " + base64.b64encode(b"steward:hemligt").decode()
    assert proxy.authorization and set(proxy.authorization) == {expected}
    monkeypatch.delenv("KG_ENDPOINT_USER")
    monkeypatch.setenv("KG_ENDPOINT_TOKEN", "qlever-token")
    proxy.authorization.clear()
    with open_store(StoreSettings(store)) as local:  # a change, so that there is something to write
        g = next(g for g in local.named_graphs() if "/promise/" in g)
        doc = next(q.subject for q in local.quads(g) if q.predicate.value.endswith("#type"))
        local.apply(ChangeSet(insert=[ox.Quad(doc, COMMENT, ox.Literal("version 3"), ox.NamedNode(g))]))
    code, out = _publish_via(runner, store, proxy, forward_all)
    assert code == EXIT_OK, out
    assert proxy.authorization and set(proxy.authorization) == {"Bearer qlever-token"}


@pytest.mark.slow
def test_server_error_halfway_leaves_every_graph_old_or_new(
    runner: CliRunner,
    server: OxigraphServer,
    versions: tuple,  # type: ignore[type-arg]
) -> None:
    store, old, new, proxy = versions
    changed = [g for g in old if old[g] != new[g]]
    assert len(changed) >= 4
    code, out = _publish_via(
        runner, store, proxy, lambda n, m, p: "500" if n >= 3 else None, "--format", "json"
    )
    assert code == EXIT_UNAVAILABLE
    data = json.loads(out[: out.rindex("}") + 1])
    assert "HTTP 500" in out and "publishing failed" in out
    assert data["sent"] == 2 and data["failed"] >= 1
    cat = next(g for g in data["graphs"] if g["kind"] == "catalogue")
    assert cat["action"] == "not-attempted"
    assert _assert_old_or_new(server, old, new) == 2
    # the next run sends the rest, and only the rest
    code, out = _publish_via(runner, store, proxy, forward_all, "--format", "json")
    assert code == EXIT_OK, out
    data = json.loads(out)
    assert data["sent"] == len(changed) - 2
    assert _assert_old_or_new(server, old, new) == len(changed)


@pytest.mark.slow
def test_timeout_is_a_clear_exit_3_and_nothing_partial(
    runner: CliRunner,
    server: OxigraphServer,
    versions: tuple,  # type: ignore[type-arg]
) -> None:
    store, old, new, proxy = versions
    proxy.plan = lambda n, m, p: "hang" if n >= 2 else None
    code, out = kg(
        runner, store, "publish", "--endpoint", f"{proxy.url}/query", "--retries", "0", "--timeout", "0.5"
    )
    assert code == EXIT_UNAVAILABLE, out
    assert "no answer within 0.5 s" in out and "Traceback" not in out
    assert _assert_old_or_new(server, old, new) == 1


@pytest.mark.slow
def test_an_interrupted_publish_says_what_it_wrote(
    server: OxigraphServer,
    versions: tuple,  # type: ignore[type-arg]
) -> None:
    """Ctrl-C in the middle of a publish: the summary names the graphs sent, the one being sent
    (old or new remotely) and those not attempted, exit 3; before, kg said nothing at all."""
    store, old, new, proxy = versions
    proxy.plan = lambda n, m, p: "hang" if n >= 2 else None
    args = ["publish", "--endpoint", f"{proxy.url}/query", "--retries", "0", "--timeout", "60", "-f", "json"]
    child = subprocess.Popen(
        [sys.executable, "-m", "kg", "--store", str(store), *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=interruptible,
    )
    try:
        deadline = time.monotonic() + 120
        while proxy.count < 2 and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proxy.count >= 2, "the publish never reached its second write"
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=30)
    finally:
        child.kill()
        child.wait()
    message = err.decode()
    assert child.returncode == EXIT_UNAVAILABLE, message
    assert "interrupted" in message and "Traceback" not in message
    data = json.loads(out)
    assert data["stopped"] and "interrupted" in data["stopped"]
    actions = [g["action"] for g in data["graphs"] if g["action"] != "skipped"]
    assert actions[:2] == ["sent", "failed"] and set(actions[2:]) == {"not-attempted"}
    failed = next(g for g in data["graphs"] if g["action"] == "failed")
    assert "the old or the new version" in failed["message"]
    assert _assert_old_or_new(server, old, new) == 1


@pytest.mark.slow
def test_dropped_connection_is_retried_and_never_half_written(
    runner: CliRunner,
    server: OxigraphServer,
    versions: tuple,  # type: ignore[type-arg]
) -> None:
    store, old, new, proxy = versions
    changed = [g for g in old if old[g] != new[g]]
    # the 2nd request is cut halfway through its body: the server must not keep half a graph
    code, out = _publish_via(
        runner, store, proxy, lambda n, m, p: "drop" if n == 2 else None, "--format", "json"
    )
    assert code == EXIT_OK, out
    data = json.loads(out)
    assert [g["attempts"] for g in data["graphs"] if g["action"] == "sent"][1] == 2
    assert _assert_old_or_new(server, old, new) == len(changed)


@pytest.mark.slow
def test_a_graph_that_always_drops_is_reported_and_stays_old(
    runner: CliRunner,
    server: OxigraphServer,
    versions: tuple,  # type: ignore[type-arg]
) -> None:
    store, old, new, proxy = versions
    changed = [g for g in old if old[g] != new[g]]
    code, out = _publish_via(
        runner, store, proxy, lambda n, m, p: "drop" if n in (2, 3) else None, "--format", "json"
    )
    assert code == EXIT_UNAVAILABLE
    data = json.loads(out[: out.rindex("}") + 1])
    failed = [g["graph"] for g in data["graphs"] if g["action"] == "failed"]
    assert len(failed) == 1 and data["sent"] == len(changed) - 1
    assert remote_lines(server, failed[0]) == old[failed[0]]
    assert _assert_old_or_new(server, old, new) == len(changed) - 1
    assert Action.failed.value in out
