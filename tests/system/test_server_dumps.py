"""The dumps `kg serve` offers (VoID's ``void:dataDump``) are ones `kg restore` proves whole:
each starts with the manifest `kg export` writes, so a publisher's copy restores without
``--trust``, and a restored store holds what the served one held."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from cli_support import dump
from hostile import run_kg
from server_support import kg_serve_process

from kg.ingest.manifest import TAG

pytestmark = pytest.mark.server

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = [ROOT / "examples" / "nykoping-2025-2026.ttl", ROOT / "data" / "seeds", ROOT / "data" / "followups"]
"""What `make run` imports."""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, bytes]]:
    """The server's base URL and every quad of its store (read before serving: the server holds
    the store's lock)."""
    store = tmp_path_factory.mktemp("dumps") / "store"
    assert run_kg("--store", store, "init").code == 0
    imported = run_kg("--store", store, "import", *BUNDLED)
    assert imported.code == 0, imported.output
    quads = dump(store)
    with kg_serve_process(store) as (base, _):
        yield base, quads


@pytest.mark.parametrize("name", ["medborgarlofte.nq", "medborgarlofte.trig"])
def test_a_served_dump_restores_without_trust(served: tuple[str, bytes], name: str, tmp_path: Path) -> None:
    base, quads = served
    r = httpx.get(base + "_/dump/" + name, timeout=120)
    assert r.status_code == 200, r.text
    assert r.content.startswith(TAG.encode())
    file = tmp_path / name
    file.write_bytes(r.content)
    again = tmp_path / "again"
    assert run_kg("--store", again, "init").code == 0
    restored = run_kg("--store", again, "restore", file)
    assert restored.code == 0, restored.output
    assert dump(again) == quads
