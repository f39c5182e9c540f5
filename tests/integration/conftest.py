"""Fixtures shared by the integration tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from server_support import fill_store

from kg.cli.common import shared_validator
from kg.ingest.importer import import_paths
from kg.iris import Minter
from kg.store.core import OxigraphStore, StoreSettings, open_store

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "nykoping-2025-2026.ttl"


@pytest.fixture(scope="module")
def origin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    """A disk store with two validated, imported documents: the worked example for 2025-2026 and
    the same promise moved to 2027-2028 (for export, dump and restore tests)."""
    folder = tmp_path_factory.mktemp("docs")
    text = EXAMPLE.read_text(encoding="utf-8")
    (folder / "a.ttl").write_text(text, encoding="utf-8")
    (folder / "b.ttl").write_text(text.replace("2025-2026", "2027-2028"), encoding="utf-8")
    s = open_store(StoreSettings(tmp_path_factory.mktemp("origin") / "store"))
    assert import_paths([folder], store=s, minter=Minter(), validator=shared_validator()).written == 2
    yield s
    s.close()


@pytest.fixture(scope="module")
def store() -> Iterator[OxigraphStore]:
    """The server tests' store: in memory, with the data of tests/server_support.fill_store, one
    per module. A module that needs other data defines its own ``store``."""
    s = open_store(StoreSettings(None))
    fill_store(s)
    yield s
    s.close()
