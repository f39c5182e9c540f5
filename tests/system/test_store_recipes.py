"""The Oxigraph and Virtuoso recipes of docs/triple-stores.md, run as written (issue 18 point 5).

Each recipe is a fenced block whose first line is ``# recipe: ENGINE STEP`` (``; recipe:`` in the
ini file). The test swaps the documented ports and folders for free ones in a temporary folder,
starts the server with the ``start`` block, runs the other blocks with bash (``kg`` on PATH,
``KG_STORE`` a store holding the fixture documents), and checks that the saved queries answer
rows from the server.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from oxigraph_server import free_port, oxigraph_command
from virtuoso_server import MISSING, virtuoso_commands

pytestmark = pytest.mark.server

REPO = Path(__file__).resolve().parent.parent.parent
DOC = REPO / "docs" / "triple-stores.md"
BLOCK = re.compile(r"```(?:sh|ini)\n(?:#|;) recipe: (\w+) (\w+)[^\n]*\n(.*?)```", re.S)


def recipes() -> dict[tuple[str, str], str]:
    return {(m[1], m[2]): m[3] for m in BLOCK.finditer(DOC.read_text(encoding="utf-8"))}


def test_the_guide_has_a_recipe_for_each_step() -> None:
    found = set(recipes())
    assert {("oxigraph", s) for s in ("start", "publish")} <= found
    assert {("virtuoso", s) for s in ("ini", "start", "grant", "publish")} <= found


@pytest.fixture
def store(tmp_path: Path, fixture_disk_store: Callable[[Path], Path]) -> Path:
    return fixture_disk_store(tmp_path / "store")


def env(store: Path) -> dict[str, str]:
    bins = [str(Path(sys.executable).parent)]
    ox_cmd = oxigraph_command()
    if ox_cmd:
        bins.append(str(Path(ox_cmd).parent))
    return {
        **os.environ,
        "KG_STORE": str(store),
        "PATH": os.pathsep.join([*bins, os.environ.get("PATH", "")]),
    }


@contextmanager
def started(script: str, environment: dict[str, str], url: str, log: Path) -> Iterator[None]:
    with log.open("wb") as out:
        proc = subprocess.Popen(
            ["bash", "-c", script],
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 240
        while True:
            assert proc.poll() is None, log.read_text(errors="replace")[-2000:]
            assert time.monotonic() < deadline, "the server of the recipe did not answer"
            try:
                with urllib.request.urlopen(url, timeout=2) as answer:
                    if answer.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                time.sleep(0.05)
        yield
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)


def run(script: str, environment: dict[str, str], cwd: Path) -> str:
    done = subprocess.run(
        ["bash", "-e", "-c", script], env=environment, cwd=cwd, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def test_oxigraph_recipe(store: Path, tmp_path: Path) -> None:
    if oxigraph_command() is None:
        pytest.skip("the oxigraph CLI is not installed (pip install oxigraph)")
    port = free_port()
    found = recipes()

    def swap(text: str) -> str:
        return text.replace("127.0.0.1:7878", f"127.0.0.1:{port}").replace(
            "/srv/kg-oxigraph", str(tmp_path / "ox")
        )

    environment = env(store)
    with started(
        swap(found["oxigraph", "start"]),
        environment,
        f"http://127.0.0.1:{port}/query?query=ASK%7B%7D",
        tmp_path / "ox.log",
    ):
        out = run(swap(found["oxigraph", "publish"]), environment, tmp_path)
    assert "misslyckade / failed: 0" in out and "no rows" not in out, out
    assert "Linköpings kommun" in out  # a row of the saved query, from the server


@pytest.mark.slow
def test_virtuoso_recipe(store: Path, tmp_path: Path) -> None:
    if virtuoso_commands() is None:
        pytest.skip(MISSING)
    sql, web = free_port(), free_port()
    folder = tmp_path / "virtuoso"
    (folder / "load").mkdir(parents=True)
    found = recipes()

    def swap(text: str) -> str:
        return (
            text.replace("127.0.0.1:1111", f"127.0.0.1:{sql}")
            .replace("127.0.0.1:8890", f"127.0.0.1:{web}")
            .replace("/srv/kg-virtuoso", str(folder))
        )

    (folder / "virtuoso.ini").write_text(swap(found["virtuoso", "ini"]))
    environment = env(store)
    url = f"http://127.0.0.1:{web}/sparql?query=ASK%7B%7D"
    with started(swap(found["virtuoso", "start"]), environment, url, tmp_path / "virtuoso.log"):
        run(swap(found["virtuoso", "grant"]), environment, folder)
        out = run(swap(found["virtuoso", "publish"]), environment, tmp_path)
    assert "misslyckade / failed: 0" in out and "no rows" not in out, out
    assert "Linköpings kommun" in out  # a row of the saved query, from the server
