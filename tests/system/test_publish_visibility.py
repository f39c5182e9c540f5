"""Publishing checks its target, and a query on an endpoint says what the endpoint lacks (issue 18).

A real ``oxigraph serve`` started without ``--union-default-graph`` takes every graph, but the
saved queries (which name no graph) see nothing there: ``kg publish`` ends with exit 3 naming the
setting. ``kg query run --endpoint`` on such a server, or on one that holds no reference data,
says so instead of suggesting ``kg init`` (which is about the local store).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from oxigraph_server import OxigraphServer, start_oxigraph_server
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import EXIT_OK, EXIT_UNAVAILABLE

pytestmark = pytest.mark.server

ACTIVITY = ["municipalities-with-activity-type", "-p", "activityType=narkotikasok-med-hund"]


def kg(store: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--store", str(store), *args], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def store(tmp_path: Path, fixture_disk_store: Callable[[Path], Path]) -> Path:
    return fixture_disk_store(tmp_path / "store")


@pytest.fixture
def no_union(tmp_path: Path) -> Iterator[OxigraphServer]:
    server = start_oxigraph_server(tmp_path / "no-union", union=False)
    yield server
    server.stop()


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[OxigraphServer]:
    server = start_oxigraph_server(tmp_path / "empty")
    yield server
    server.stop()


def test_publish_to_a_server_without_the_union_default_graph_exits_3_naming_the_fix(
    store: Path, no_union: OxigraphServer
) -> None:
    code, out = kg(store, "publish", "--endpoint", no_union.query_url)
    assert code == EXIT_UNAVAILABLE, out
    assert "--union-default-graph" in out and "standardgrafen" in out
    assert "misslyckade / failed: 0" in out  # every graph went; it is the reading that is wrong
    code, out = kg(store, "publish", "--endpoint", no_union.query_url, "--format", "json")
    assert code == EXIT_UNAVAILABLE and '"default_graph_sees_data": false' in out, out

    # the saved queries on it: the reason, not 'kg init'
    code, out = kg(store, "query", "run", *ACTIVITY, "--endpoint", no_union.query_url)
    assert code == EXIT_UNAVAILABLE, out
    assert "--union-default-graph" in out and "kg init" not in out
    code, out = kg(store, "query", "run", "promises", "--endpoint", no_union.query_url)
    assert code == EXIT_OK and "no rows" in out and "--union-default-graph" in out, out


def test_publish_to_a_union_server_passes_the_check(store: Path, empty: OxigraphServer) -> None:
    code, out = kg(store, "publish", "--endpoint", empty.query_url, "--format", "json")
    assert code == EXIT_OK and '"default_graph_sees_data": true' in out, out
    code, out = kg(store, "query", "run", *ACTIVITY, "--endpoint", empty.query_url)
    assert code == EXIT_OK, out


def test_query_on_an_endpoint_without_reference_data_says_so(store: Path, empty: OxigraphServer) -> None:
    code, out = kg(store, "query", "run", *ACTIVITY, "--endpoint", empty.query_url)
    assert code == EXIT_UNAVAILABLE, out
    assert "inga referensdata" in out and "holds no reference data" in out and "kg publish" in out
    assert "kg init" not in out
    code, out = kg(store, "query", "run", "promises", "--endpoint", empty.query_url)
    assert code == EXIT_OK and "holds no reference data" in out, out
