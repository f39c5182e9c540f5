"""A query worker process of ``kg serve`` (``python -m kg.server.worker``).

The server starts a few of these (:mod:`kg.server.workers`). Each opens the store read-only
(RocksDB allows any number of read-only openers beside the server's own), limits its own
memory (``RLIMIT_DATA``), and then answers jobs one at a time over its stdin and stdout: a frame
is an 8-byte length and a pickle. The server kills a worker whose job passes its deadline and
starts another; a worker that passes its memory limit ends (pyoxigraph aborts on a failed
allocation, Python raises MemoryError) and is replaced the same way. Only the server writes to a
worker's stdin, so the pickles it reads are the server's own.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import resource
import signal
import struct
import sys
from dataclasses import dataclass
from typing import IO, Any

HEADER = struct.Struct(">Q")


@dataclass(frozen=True)
class WorkerSpec:
    """What a worker is started with (the first frame it reads)."""

    store_path: str
    """The pyoxigraph directory to open read-only."""
    memory_mb: int
    """The worker's data-segment limit, in MB (0: none)."""
    settings: Any
    """:class:`kg.server.jobs.RunnerSettings`."""


def write_frame(out: IO[bytes], value: object) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(HEADER.pack(len(data)) + data)
    out.flush()


def read_frame(inp: IO[bytes]) -> Any:
    head = inp.read(HEADER.size)
    if len(head) < HEADER.size:
        raise EOFError
    (size,) = HEADER.unpack(head)
    data = inp.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


def error_frame(exc: BaseException) -> tuple[str, str, str, str, str | None, str | None]:
    from kg.errors import KgError

    assert isinstance(exc, KgError)
    cls = type(exc)
    return ("error", cls.__module__, cls.__qualname__, exc.message, exc.hint, exc.where)


def _die_with_the_server() -> None:
    """Ask Linux to kill this process when the server that started it ends, however it ends."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: an idle worker still ends at end of input
        pass


def main() -> None:
    # the server stops its workers itself (SIGKILL), also when Ctrl-C, systemctl stop or
    # timeout(1) signal its whole process group: a worker ended by that signal would be seen
    # as "ended while idle" and replaced while the server shuts down
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _die_with_the_server()
    inp = sys.stdin.buffer
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed goes to the log, never into the frames
    spec: WorkerSpec = read_frame(inp)

    import pyoxigraph as ox

    from kg.errors import KgError
    from kg.server.jobs import JobRunner
    from kg.store.core import OxigraphStore

    store = OxigraphStore(ox.Store.read_only(spec.store_path), spec.store_path, read_only=True)
    runner = JobRunner(store, spec.settings)
    with contextlib.suppress(KgError):  # a broken saved query: reported to whoever asks for one
        runner.warm()
    if spec.memory_mb:
        limit = spec.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    write_frame(out, ("ready", os.getpid()))
    while True:
        try:
            job = read_frame(inp)
        except EOFError:
            return
        try:
            reply: tuple[Any, ...] = ("ok", runner.run(job))
        except KgError as exc:
            reply = error_frame(exc)
        except MemoryError:
            write_frame(out, ("memory",))
            os._exit(0)  # whatever held the memory goes with the process
        except Exception as exc:  # a bug: reported, and the worker carries on
            reply = ("bug", f"{type(exc).__name__}: {exc}")
        write_frame(out, reply)


if __name__ == "__main__":
    main()
