"""Shared fixtures: stores, the CLI runner and the shared seed folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from oxigraph_server import oxigraph_server_factory  # noqa: F401  (a real oxigraph serve, for any test)
from query_fixtures import query_server, query_store  # noqa: F401  (the saved-query dataset)
from typer.testing import CliRunner

from kg.iris import Minter
from kg.store.core import OxigraphStore, StoreSettings, open_store

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


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
