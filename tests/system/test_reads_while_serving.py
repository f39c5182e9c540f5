"""Reads while serving (issue 22 point 3): a real `kg serve` holds the store, and the read commands
on the same store answer without waiting for it; a write waits, and says so at once, naming the
server and its pid."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from server_support import filled_store_folder, kg_serve_process

pytestmark = pytest.mark.server

HANG_GUARD = 60.0  # a hang guard only: a read that waited for the lock prints the waiting line
WAITING = "waiting for the store"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return filled_store_folder(tmp_path_factory, "served-read")


@pytest.fixture(scope="module")
def server_pid(store_path: Path) -> Iterator[int]:
    with kg_serve_process(store_path) as (_base, proc):
        yield proc.pid


def _kg(store_path: Path, *args: str, lock_timeout: str = "30") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from kg.cli import main; main()", "--store", str(store_path), *args],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
        env={**os.environ, "KG_LOCK_TIMEOUT": lock_timeout},
    )


def test_query_run_answers_while_kg_serve_holds_the_store(store_path: Path, server_pid: int) -> None:
    done = _kg(store_path, "query", "run", "promises", "--include-examples")
    assert done.returncode == 0, done.stderr
    assert WAITING not in done.stderr  # it never waited for the server's lock
    assert "promise/0480-2025-2026" in done.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("stats", "--format", "json"),
        ("documents", "--format", "json"),
        ("export", "--format", "nquads", "--no-system"),
        ("sparql", "ASK { ?s ?p ?o }"),
    ],
    ids=lambda a: "-".join(a[:2]),
)
def test_read_commands_share_the_store_with_the_server(
    store_path: Path, server_pid: int, args: tuple[str, ...]
) -> None:
    done = _kg(store_path, *args, lock_timeout="0")  # 0: a command that had to wait fails at once
    assert done.returncode == 0, done.stderr
    assert WAITING not in done.stderr
    assert done.stdout.strip()


def test_stats_counts_the_served_documents(store_path: Path, server_pid: int) -> None:
    done = _kg(store_path, "stats", "--format", "json", lock_timeout="0")
    assert json.loads(done.stdout)["documents"] >= 3


def test_a_write_waits_and_says_for_whom_at_once(store_path: Path, server_pid: int) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", "from kg.cli import main; main()", "--store", str(store_path), "init"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "KG_LOCK_TIMEOUT": "600"},
    )
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()  # the first line, while it still waits (600 s left)
        assert proc.poll() is None, "kg init should still be waiting for the server"
        assert "väntar på lagret" in line and WAITING in line
        assert f"held by kg serve (pid {server_pid}" in line
        assert "at most 600 s" in line
    finally:
        proc.terminate()
        proc.wait(timeout=HANG_GUARD)


def test_a_write_that_gives_up_names_the_server(store_path: Path, server_pid: int) -> None:
    done = _kg(store_path, "init", lock_timeout="0.5")
    assert done.returncode == 3
    assert f"kg serve (pid {server_pid}" in done.stderr
    assert "KG_LOCK_TIMEOUT" in done.stderr


def test_a_killed_holders_note_is_cleared_by_the_next_one(tmp_path: Path) -> None:
    from kg.store.core import StoreSettings, open_store
    from kg.store.lock import HOLDERS, holders

    store = tmp_path / "store"
    open_store(StoreSettings(store)).close()
    killed = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time;from pathlib import Path;from kg.store.core import *;"
            f"s=open_store(StoreSettings(Path({str(store)!r}), read_only=True, command='kg stats'));"
            "print('ready',flush=True);time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert killed.stdout is not None and killed.stdout.readline().strip() == "ready"
    assert [h.command for h in holders(store)] == ["kg stats"]
    killed.kill()
    killed.wait(timeout=HANG_GUARD)
    assert holders(store) == []  # a dead pid's note is not a holder
    with open_store(StoreSettings(store, lock_timeout=0)):
        assert not any(n.name.startswith(f"{killed.pid}-") for n in (store / HOLDERS).iterdir())
