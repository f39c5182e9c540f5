"""Shared fixtures: stores, the CLI runner and the shared seed folder; and the test layers.

The tests sit in three layers, one folder each, marked by folder:

- ``unit/``: no store and no process: the ontology, vocabularies, shapes' files, pure functions;
- ``integration/``: a store, the CLI and the server app in this process;
- ``system/``: real processes: ``kg`` commands, ``kg serve``, ``oxigraph serve``, the browser.

``pytest tests/unit`` (or ``-m unit``) is the quick layer; ``make test`` runs them all.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from oxigraph_server import oxigraph_server_factory  # noqa: F401  (a real oxigraph serve, for any test)
from query_fixtures import (  # noqa: F401  (the saved-query datasets)
    corpus_store,
    fixture_disk_store,
    query_server,
    query_store,
)
from typer.testing import CliRunner
from virtuoso_server import shared_virtuoso, virtuoso_server_factory  # noqa: F401  (a private Virtuoso)

from kg.iris import Minter
from kg.store.core import OxigraphStore, StoreSettings, open_store

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


LAYERS = ("unit", "integration", "system")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        layer = item.path.parent.name
        if layer in LAYERS:
            item.add_marker(getattr(pytest.mark, layer))


@pytest.fixture
def minter() -> Minter:
    return Minter()


@pytest.fixture
def memory_store() -> Iterator[OxigraphStore]:
    store = open_store(StoreSettings(None))
    yield store
    store.close()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def disk_store(store_path: Path) -> Iterator[OxigraphStore]:
    store = open_store(StoreSettings(store_path))
    yield store
    store.close()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"the shared seed folder {SEEDS} is absent (it sits beside the repo in CI)")
    return SEEDS
