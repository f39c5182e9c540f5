"""``kg export`` to what is not a plain new file, as a real child process: a named pipe stays a
pipe and its reader gets the dump, a folder is refused, and a write that fails (a full disk, a
file-size limit, a full standard output) is the user's error, exit 2 naming where, with nothing
left behind; never "internal error" (exit 70)."""

from __future__ import annotations

import os
import resource
import signal
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from server_support import filled_store_folder

from kg.errors import EXIT_BAD_INPUT, EXIT_OK


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return filled_store_folder(tmp_path_factory, "export-targets")


def _file_size_limit(size: int) -> Callable[[], None]:
    """A child whose files may not grow past ``size`` bytes: a write past it fails (EFBIG), as
    on a full disk, instead of the signal ending the process."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


def export(store: Path, *args: str | Path, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "kg", "--store", str(store), "export", *map(str, args)],
        stderr=subprocess.PIPE,
        timeout=180,
        check=False,
        **kwargs,  # type: ignore[call-overload]
    )


def test_a_named_pipe_stays_a_pipe_and_its_reader_gets_the_dump(store: Path, tmp_path: Path) -> None:
    pipe = tmp_path / "dump.nq"
    os.mkfifo(pipe)
    received = tmp_path.parent / f"{tmp_path.name}-received.nq"
    with open(received, "wb") as sink:
        reader = subprocess.Popen(["cat", str(pipe)], stdout=sink)  # what a reader of the pipe gets
        try:
            run = export(store, "--out", pipe, "--format", "nquads", stdout=subprocess.DEVNULL)
            reader.wait(timeout=60)
        finally:
            reader.kill()
            reader.wait()
    data = received.read_bytes()
    assert run.returncode == EXIT_OK, run.stderr.decode()
    assert stat.S_ISFIFO(pipe.stat().st_mode), "the pipe was replaced by a file"
    assert data.startswith(b"# kg-dump-manifest ")
    assert len(list(ox.parse(data, format=ox.RdfFormat.N_QUADS))) > 1000
    assert list(tmp_path.iterdir()) == [pipe]


def test_a_folder_is_refused_naming_it(store: Path, tmp_path: Path) -> None:
    run = export(store, "--out", tmp_path, "--format", "trig", stdout=subprocess.DEVNULL)
    message = run.stderr.decode()
    assert run.returncode == EXIT_BAD_INPUT, message
    assert str(tmp_path) in message and "is a folder" in message and "internal error" not in message
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["dump.trig", "dump.nq.gz"])
def test_a_write_that_fails_is_exit_2_naming_the_file_and_leaves_nothing(
    store: Path, tmp_path: Path, name: str
) -> None:
    out = tmp_path / name
    run = export(store, "--out", out, stdout=subprocess.DEVNULL, preexec_fn=_file_size_limit(16 * 1024))
    message = run.stderr.decode()
    assert run.returncode == EXIT_BAD_INPUT, message
    assert f"{out}: kan inte skriva / cannot write" in message and "Traceback" not in message
    assert list(tmp_path.iterdir()) == []  # neither the dump nor its temporary file


def test_a_full_standard_output_is_exit_2(store: Path) -> None:
    with open("/dev/full", "wb") as full:
        run = export(store, "--format", "nquads", stdout=full)
    message = run.stderr.decode()
    assert run.returncode == EXIT_BAD_INPUT, message
    assert "standard output: kan inte skriva / cannot write" in message
