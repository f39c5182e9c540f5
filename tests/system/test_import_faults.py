"""Import under faults: a second importer on a busy store, and SIGKILL at random points."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.cli.common import shared_validator
from kg.ingest.importer import ImportOptions, import_paths
from kg.ingest.prepare import MIN_FILES_FOR_WORKERS
from kg.iris import Minter
from kg.store.catalogue import list_records
from kg.store.core import StoreSettings, open_store
from kg.store.stats import document_graphs

REPO = Path(__file__).resolve().parent.parent.parent
EXAMPLE = REPO / "examples" / "nykoping-2025-2026.ttl"
KG = [sys.executable, "-m", "kg"]


def _corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = EXAMPLE.read_text(encoding="utf-8")
    for i in range(n):
        key = f"0480-2025-2026-v{i:03d}"
        (folder / f"doc{i:03d}.ttl").write_text(text.replace("0480-2025-2026", key), encoding="utf-8")
    return folder


def _kg(store: Path, *args: str, timeout: str = "30") -> subprocess.Popen[str]:
    env = {**os.environ, "KG_LOCK_TIMEOUT": timeout}
    return subprocess.Popen(
        [*KG, "--store", str(store), "--quiet", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_second_import_on_a_busy_store_says_busy_then_waits(tmp_path: Path) -> None:
    store = tmp_path / "store"
    open_store(StoreSettings(store)).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time;from pathlib import Path;from kg.store.core import *;"
            f"s=open_store(StoreSettings(Path({str(store)!r})));print('ready',flush=True);time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        busy = _kg(store, "import", str(EXAMPLE), timeout="0.3")
        out, _ = busy.communicate(timeout=60)
        assert busy.returncode == 3, out
        assert "in use by kg (pid" in out
        waiting = _kg(store, "import", str(EXAMPLE), timeout="60")
        time.sleep(2)
        assert waiting.poll() is None, "the second import should wait for the lock"
        holder.kill()
        out, _ = waiting.communicate(timeout=90)
        assert waiting.returncode == 0, out
    finally:
        holder.kill()
        holder.wait()


# Where the kills land, as fractions of one undisturbed run: spread evenly from start-up to the
# last write, so that each phase (start-up, reading, validation in workers, bulk write, catalogue)
# is hit in every run of the suite, not by chance. The soak variant adds 30 random points.
KILL_POINTS = (0.12, 0.25, 0.38, 0.5, 0.62, 0.75, 0.88, 0.97)


@pytest.mark.slow
def test_sigkill_during_imports_never_leaves_a_partial_document(tmp_path: Path) -> None:
    _sigkill_loop(tmp_path, KILL_POINTS, min_kills=6)


@pytest.mark.soak
def test_sigkill_soak_at_random_points(tmp_path: Path) -> None:
    rng = random.Random(20261122)
    _sigkill_loop(tmp_path, tuple(rng.uniform(0.25, 0.95) for _ in range(30)), min_kills=20)


def _sigkill_loop(tmp_path: Path, points: tuple[float, ...], *, min_kills: int) -> None:
    # Enough files for worker processes (kg.ingest.prepare.MIN_FILES_FOR_WORKERS), so that kills also
    # land while workers read and validate, and in the bulk write of new documents.
    n = MIN_FILES_FOR_WORKERS + 8
    corpus = _corpus(tmp_path / "corpus", n)
    minter = Minter()
    # The expected content of every document graph, from an undisturbed import in memory.
    with open_store(StoreSettings(None)) as ref:
        import_paths(
            [corpus], store=ref, minter=minter, validator=shared_validator(), options=ImportOptions()
        )
        expected = {g: ref.count(g) for g in document_graphs(ref, minter)}
    assert len(expected) == n

    # How long one undisturbed run takes here: the kills are spread over that window, so that
    # they land in start-up, parsing, validation and the writes alike, on a fast or slow machine.
    started = time.monotonic()
    probe = _kg(tmp_path / "probe", "import", "--workers", "2", str(corpus))
    probe.communicate(timeout=300)
    assert probe.returncode == 0
    window = time.monotonic() - started

    store = tmp_path / "store"
    rng = random.Random(20261122)
    kills = 0
    for point in points:
        proc = _kg(store, "import", "--keep-going", "--workers", "2", str(corpus))
        time.sleep(point * window)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.communicate(timeout=60)
        with open_store(StoreSettings(store, lock_timeout=10)) as s:
            graphs = set(document_graphs(s, minter))
            records = {r.graph for r in list_records(s, minter)}
            assert graphs == records, (
                f"graphs without record: {graphs - records}; records without graph: {records - graphs}"
            )
            for g in graphs:
                assert s.count(g) == expected[g], f"{g} is partial: {s.count(g)} of {expected[g]} triples"
        # Remove a few documents so that later runs have writing to do again.
        with open_store(StoreSettings(store, lock_timeout=10)) as s:
            from kg.store.catalogue import remove_document

            for rec in list_records(s, minter)[: rng.choice([0, 10, n])]:
                remove_document(s, minter, rec.doc_id)
    assert kills >= min_kills, (
        f"only {kills} of {len(points)} runs were killed; the timing window needs adjusting"
    )
    final = _kg(store, "import", str(corpus))
    out, _ = final.communicate(timeout=120)
    assert final.returncode == 0, out
    with open_store(StoreSettings(store)) as s:
        assert {g: s.count(g) for g in document_graphs(s, minter)} == expected
