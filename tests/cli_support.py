"""``kg`` in this process on a store folder, and the store read back, for the integration tests."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pyoxigraph as ox
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import EXIT_OK
from kg.store.core import StoreSettings, open_store


def kg(runner: CliRunner, store: Path, *args: str, quiet: bool = True) -> tuple[int, str]:
    """Run ``kg --store STORE [--quiet] ARGS``; its exit code and what it printed."""
    result = runner.invoke(app, ["--store", str(store), *(["--quiet"] if quiet else []), *args])
    return result.exit_code, result.output


def streams(store: Path, *args: str) -> tuple[int, str, str]:
    """Run ``kg --store STORE ARGS``; its exit code, standard output and standard error apart."""
    result = CliRunner().invoke(app, ["--store", str(store), *args])
    return result.exit_code, result.stdout, result.stderr


def imported(runner: CliRunner, store: Path, *files: Path) -> Path:
    """A store at ``store`` with ``files`` imported by ``kg import`` (which must succeed)."""
    code, out = kg(runner, store, "import", *map(str, files))
    assert code == EXIT_OK, out
    return store


def copy_store(origin: Path, to: Path) -> Path:
    """A copy of the (closed) store folder ``origin`` at ``to``: a store made once per module,
    given to each test to change as it likes."""
    shutil.copytree(origin, to)
    return to


def dump(store: Path) -> bytes:
    """Every quad of the store folder, as sorted N-Quads: equal bytes mean an unchanged store."""
    with open_store(StoreSettings(store, create=False)) as s:
        out = io.BytesIO()
        s.dump(out, ox.RdfFormat.N_QUADS)
    return b"\n".join(sorted(out.getvalue().splitlines()))
