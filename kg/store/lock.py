"""The store's lock: many readers at once, or one writer, and who holds it.

A store folder is read by any number of processes at the same time (``kg serve``, ``kg stats``,
``kg query run``, ``kg export``: each opens the database read-only and takes the lock *shared*);
a command that writes (``kg import``, ``kg remove``, ``kg init``, ``kg restore``) takes it
*exclusive*, so it waits until no reader has the store open and no reader opens it while it
writes (a read-only RocksDB open beside a writer is undefined behaviour). The lock is an
``flock`` on ``kg.lock`` in the store folder: the kernel releases it when a process ends, even
killed, so a stale lock cannot exist.

Every holder also leaves a small note in ``holders/`` (its pid, its command, shared or exclusive,
since when), removed on release; a process that has to wait reads the notes of the processes
still alive and says at once whom it waits for and for how long: "väntar på lagret …, hålls av
kg serve (pid 4711) … / waiting for the store …, held by kg serve (pid 4711) …".

Where ``fcntl`` does not exist (Windows), the lock is exclusive for readers too (filelock).
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kg.errors import StoreBusy, StoreError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_FILE = "kg.lock"
HOLDERS = "holders"
_POLL = 0.1
_NOTES = itertools.count(1)


@dataclass(frozen=True)
class Holder:
    """One process that holds (or held) the store's lock, from its note."""

    pid: int
    command: str
    exclusive: bool
    since: str

    def describe(self) -> str:
        mode = "skriver / writing" if self.exclusive else "läser / reading"
        return f"{self.command} (pid {self.pid}, {mode}, sedan / since {self.since})"


def holders(folder: Path) -> list[Holder]:
    """The live holders of the store in ``folder`` (notes of ended processes are ignored)."""
    out: list[Holder] = []
    for note in sorted((folder / HOLDERS).glob("*.json")):
        try:
            data = json.loads(note.read_text(encoding="utf-8"))
            holder = Holder(
                int(data["pid"]), str(data["command"]), bool(data["exclusive"]), str(data["since"])
            )
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if holder.pid != os.getpid() and _alive(holder.pid):
            out.append(holder)
    return out


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - another user's process
        return True
    return True


class StoreLock:
    """The lock of one open store: shared (a reader) or exclusive (a writer)."""

    def __init__(self, folder: Path, *, exclusive: bool, command: str = "kg") -> None:
        self.folder = folder
        self.exclusive = exclusive
        self.command = command
        self._fd: int | None = None
        self._note: Path | None = None
        self._fallback: object | None = None

    def acquire(self, timeout: float, on_wait: Callable[[str], None] | None = None) -> None:
        """Take the lock, waiting at most ``timeout`` seconds; ``on_wait`` hears at once (once) whom
        it waits for. Raises :class:`StoreBusy`, naming the holders, when the time is up."""
        if fcntl is None:  # pragma: no cover - Windows
            self._acquire_fallback(timeout)
            return
        fd = self._open()
        flag = fcntl.LOCK_EX if self.exclusive else fcntl.LOCK_SH
        deadline = time.monotonic() + timeout
        told = False
        while True:
            try:
                fcntl.flock(fd, flag | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise StoreBusy(
                        f"lagret {self.folder} används av / the store is in use by "
                        f"{self._who()} (väntade / waited {timeout:g} s)",
                        hint="Vänta tills den är klar, stoppa den, eller vänta längre med "
                        "KG_LOCK_TIMEOUT=SEKUNDER / wait until it is done, stop it, or wait longer "
                        "with KG_LOCK_TIMEOUT=SECONDS.",
                    ) from None
                if not told and on_wait is not None:
                    on_wait(self.waiting_message(timeout))
                    told = True
                time.sleep(_POLL)
        self._fd = fd
        self._write_note()

    def _open(self) -> int:
        """The lock file's descriptor; a reader takes a read-only one where the store is read-only
        to it. A store that may not be written (or read) is a :class:`StoreError`, not a bug."""
        path = self.folder / LOCK_FILE
        try:
            return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            if exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise
            if not self.exclusive:
                with contextlib.suppress(OSError):
                    return os.open(path, os.O_RDONLY)
            what = ("skriva i", "write to") if self.exclusive else ("läsa", "read")
            raise StoreError(
                f"kg får inte {what[0]} lagret {self.folder} / kg may not {what[1]} the store "
                f"{self.folder} ({exc.strerror})",
                hint="Ge din användare skrivrätt till mappen, eller ange en annan med --store "
                "/ give your user write permission on the folder, or another folder with --store.",
            ) from None

    def waiting_message(self, timeout: float) -> str:
        return (
            f"väntar på lagret {self.folder}, hålls av {self._who()}; väntar högst {timeout:g} s "
            f"(KG_LOCK_TIMEOUT) / waiting for the store {self.folder}, held by {self._who()}; "
            f"waiting at most {timeout:g} s (KG_LOCK_TIMEOUT)"
        )

    def _who(self) -> str:
        found = holders(self.folder)
        if not found:
            return "en annan kg-process / another kg process"
        return ", ".join(h.describe() for h in found)

    def _write_note(self) -> None:
        notes = self.folder / HOLDERS
        note = notes / f"{os.getpid()}-{next(_NOTES)}.json"
        data = {
            "pid": os.getpid(),
            "command": self.command,
            "exclusive": self.exclusive,
            "since": datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S"),
        }
        try:
            notes.mkdir(exist_ok=True)
            for stale in notes.glob("*.json"):  # left by a process that was killed
                pid = stale.name.split("-", 1)[0]
                if pid.isdigit() and not _alive(int(pid)):
                    stale.unlink(missing_ok=True)
            note.write_text(json.dumps(data) + "\n", encoding="utf-8")
        except OSError:  # a read-only folder: the lock holds, only the note is missing
            return
        self._note = note

    def _acquire_fallback(self, timeout: float) -> None:  # pragma: no cover - Windows
        from filelock import FileLock, Timeout

        lock = FileLock(str(self.folder / LOCK_FILE))
        try:
            lock.acquire(timeout=timeout)
        except Timeout as exc:
            raise StoreBusy(
                f"lagret {self.folder} används av en annan kg-process / the store is in use by "
                f"another kg process (waited {timeout:g} s)"
            ) from exc
        self._fallback = lock

    def release(self) -> None:
        if self._note is not None:
            self._note.unlink(missing_ok=True)
            self._note = None
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None
        if self._fallback is not None:  # pragma: no cover - Windows
            self._fallback.release()  # type: ignore[attr-defined]
            self._fallback = None
