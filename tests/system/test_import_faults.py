"""Import under faults: a second importer on a busy store, and SIGKILL at random points."""

from __future__ import annotations

import contextlib
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
from kg.store.catalogue import list_records, remove_document
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


def _kg(store: Path, *args: str, timeout: str = "30", quiet: bool = True) -> subprocess.Popen[str]:
    env = {**os.environ, "KG_LOCK_TIMEOUT": timeout}
    return subprocess.Popen(
        [*KG, "--store", str(store), *(["--quiet"] if quiet else []), *args],
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
        waiting = _kg(store, "import", str(EXAMPLE), timeout="60", quiet=False)
        # it says at once that it waits, and whom for (kg.store.lock); it is still waiting then
        assert waiting.stdout is not None
        said = [waiting.stdout.readline()]
        while said[-1] and "waiting for the store" not in said[-1]:
            said.append(waiting.stdout.readline())
        assert "waiting for the store" in said[-1] and "pid" in said[-1], said
        assert "waiting at most 60 s (KG_LOCK_TIMEOUT)" in said[-1], said
        assert waiting.poll() is None, "the second import should wait for the lock"
        holder.kill()
        out, _ = waiting.communicate(timeout=90)
        assert waiting.returncode == 0, "".join(said) + out
    finally:
        holder.kill()
        holder.wait()


# Where the kills land in `make test`: at events of one import, seen from outside (its store's
# folder, its processes), so that every phase is hit in every run of the suite, not by chance and
# on a fast or a slow machine alike. A kill lands just after the event is seen, while the import
# goes on with what follows it:
# - ("wal", k): a new write-ahead log of more than k bytes in a new store: writing the system
#   graphs at start-up;
# - ("workers", k): k worker processes alive: reading and validating in workers;
# - ("bulk", k): the k-th sorted file pyoxigraph's bulk loader writes (``bulk-*.sst``), before
#   anything is committed;
# - ("ingest", k): the k-th file RocksDB makes while it ingests the loader's files, the commit.
# The workers' run imports the whole corpus (enough files for workers) after all its documents
# are removed; the others import ten of its files after those ten are removed: every run has
# writing to do, and a run that only writes ten documents costs a fraction of a whole one. The
# soak variant kills at 30 random times instead.
KILL_EVENTS = (("wal", 100_000), ("workers", 2), ("bulk", 1), ("bulk", 6), ("ingest", 1), ("ingest", 5))


@pytest.mark.slow
def test_sigkill_during_imports_never_leaves_a_partial_document(tmp_path: Path) -> None:
    n = MIN_FILES_FOR_WORKERS + 8
    corpus, minter, expected = _reference(tmp_path, n)
    store = tmp_path / "store"
    few = tmp_path / "few"
    few.mkdir()
    for path in sorted(corpus.iterdir())[:10]:
        (few / path.name).write_bytes(path.read_bytes())
    landed = []
    for kind, k in KILL_EVENTS:
        folder = corpus if kind == "workers" else few
        _remove(store, minter, None if kind == "workers" else _doc_ids(few))
        before = set(_files(store))
        proc = _kg(store, "import", "--keep-going", "--workers", "2", str(folder))
        if _wait_for(proc, store, before, kind, k):
            proc.send_signal(signal.SIGKILL)
            landed.append((kind, k))
        proc.communicate(timeout=120)
        _check(store, minter, expected)
    # Each event is reached in every run (a run has writing to do); only a poll that misses a
    # file the loader makes and removes within a few milliseconds could let one run finish.
    assert len(landed) >= len(KILL_EVENTS) - 1, f"kills landed at {landed} only"
    assert {kind for kind, _ in landed} >= {"bulk", "ingest"}, f"no kill in the write: {landed}"
    _final(store, corpus, minter, expected)


@pytest.mark.soak
def test_sigkill_soak_at_random_points(tmp_path: Path) -> None:
    rng = random.Random(20261122)
    n = MIN_FILES_FOR_WORKERS + 8
    corpus, minter, expected = _reference(tmp_path, n)
    # Every run has writing to do: before it, either ten documents or all of them are removed.
    # How long an undisturbed run of each kind takes here is measured first, and each kill lands
    # at a random point of its own kind's run (start-up, parsing, validation and the writes
    # alike, on a fast or slow machine). An import of unchanged files would end almost at once
    # (the catalogue's skip), so it is never the run that is killed.
    probe = tmp_path / "probe"
    windows: dict[int, float] = {}
    for count in (n, 10):
        if count != n:
            _remove(probe, minter, set(sorted(_doc_ids(corpus))[:count]))
        started = time.monotonic()
        run = _kg(probe, "import", "--workers", "2", str(corpus))
        out, _ = run.communicate(timeout=300)
        assert run.returncode == 0, out
        windows[count] = time.monotonic() - started

    store = tmp_path / "store"
    points = tuple(rng.uniform(0.25, 0.95) for _ in range(30))
    kills = 0
    for point in points:
        count = rng.choice([10, n]) if (store / "kg-store.json").exists() else n
        _remove(store, minter, None if count == n else set(sorted(_doc_ids(corpus))[:count]))
        proc = _kg(store, "import", "--keep-going", "--workers", "2", str(corpus))
        time.sleep(point * windows[count])
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.communicate(timeout=60)
        _check(store, minter, expected)
    assert kills >= 20, f"only {kills} of {len(points)} runs were killed; the timing window needs adjusting"
    _final(store, corpus, minter, expected)


def _reference(tmp_path: Path, n: int) -> tuple[Path, Minter, dict[str, int]]:
    """The corpus (enough files for worker processes, kg.ingest.prepare.MIN_FILES_FOR_WORKERS)
    and the expected content of every document graph, from an undisturbed import in memory."""
    corpus = _corpus(tmp_path / "corpus", n)
    minter = Minter()
    with open_store(StoreSettings(None)) as ref:
        import_paths(
            [corpus], store=ref, minter=minter, validator=shared_validator(), options=ImportOptions()
        )
        expected = {g: ref.count(g) for g in document_graphs(ref, minter)}
    assert len(expected) == n
    return corpus, minter, expected


def _files(store: Path) -> dict[str, int]:
    """The files in the store's folder and the folders in it, with their sizes."""
    files: dict[str, int] = {}
    for folder in (store, *(p for p in store.iterdir() if p.is_dir())) if store.is_dir() else ():
        with contextlib.suppress(OSError):
            for entry in os.scandir(folder):
                with contextlib.suppress(OSError):
                    files[f"{folder.name}/{entry.name}"] = entry.stat().st_size
    return files


def _descendants(pid: int) -> int:
    count, pending = 0, [pid]
    while pending:
        with contextlib.suppress(OSError):
            for task in Path(f"/proc/{pending.pop()}/task").iterdir():
                children = [int(c) for c in (task / "children").read_text().split()]
                count += len(children)
                pending.extend(children)
    return count


def _wait_for(proc: subprocess.Popen[str], store: Path, before: set[str], kind: str, k: int) -> bool:
    """Poll until the event (see KILL_EVENTS) has happened (True), or the import has ended."""
    bulk: set[str] = set()
    ingest: set[str] = set()
    earlier = set(before)  # the files made before the loader's first sorted file
    while proc.poll() is None:
        if kind == "workers":
            if _descendants(proc.pid) >= k:
                time.sleep(0.3)  # the workers have started reading
                return proc.poll() is None
        else:
            files = _files(store)
            new = {name: size for name, size in files.items() if name not in before}
            bulk |= {f for f in new if f.split("/")[-1].startswith("bulk-")}
            if bulk:  # the numbered files made from the first sorted file on are the ingest's
                ingest |= {f for f in new if f.endswith(".sst") and f not in bulk and f not in earlier}
            else:
                earlier |= new.keys()
            if (
                (kind == "wal" and any(f.endswith(".log") and size > k for f, size in new.items()))
                or (kind == "bulk" and len(bulk) >= k)
                or (kind == "ingest" and len(ingest) >= k)
            ):
                return True
        time.sleep(0.002)
    return False


def _check(store: Path, minter: Minter, expected: dict[str, int]) -> None:
    """Every document graph in the store has its record and all of its triples."""
    if not (store / "kg-store.json").exists():
        return  # killed before the store was made
    with open_store(StoreSettings(store, lock_timeout=10)) as s:
        graphs = set(document_graphs(s, minter))
        records = {r.graph for r in list_records(s, minter)}
        assert graphs == records, (
            f"graphs without record: {graphs - records}; records without graph: {records - graphs}"
        )
        for g in graphs:
            assert s.count(g) == expected[g], f"{g} is partial: {s.count(g)} of {expected[g]} triples"


def _doc_ids(folder: Path) -> set[str]:
    return {f"promise/0480-2025-2026-v{p.stem.removeprefix('doc')}" for p in folder.iterdir()}


def _remove(store: Path, minter: Minter, doc_ids: set[str] | None) -> None:
    """Remove these documents (None: all) if they are in the store, so that the next run has
    writing to do again."""
    if not (store / "kg-store.json").exists():
        return
    with open_store(StoreSettings(store, lock_timeout=10)) as s:
        for rec in list_records(s, minter):
            if doc_ids is None or rec.doc_id in doc_ids:
                remove_document(s, minter, rec.doc_id)


def _final(store: Path, corpus: Path, minter: Minter, expected: dict[str, int]) -> None:
    """An undisturbed import afterwards gives the whole corpus."""
    final = _kg(store, "import", str(corpus))
    out, _ = final.communicate(timeout=120)
    assert final.returncode == 0, out
    with open_store(StoreSettings(store)) as s:
        assert {g: s.count(g) for g in document_graphs(s, minter)} == expected
