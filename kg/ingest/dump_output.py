"""Where ``kg export`` writes: a regular file atomically, anything else as it is, and every
failure to write as the user's to fix.

A regular file (or a new name) is written under a temporary name in its folder and renamed
when complete, so a reader never sees half a dump. A path that exists and is not a regular
file, such as a named pipe, ``/dev/stdout`` or a device, is written straight into: renaming a
file over it would replace the pipe or device itself. An error of the output (a full disk, a
folder that may not be written, a file system that refuses the name) is an
:class:`~kg.errors.InputError` naming the path, never a bug; the temporary file is removed.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from kg.errors import InputError

STDOUT = "standard output"


def cannot_write(where: str, exc: OSError) -> InputError:
    return InputError(
        f"kan inte skriva / cannot write: {exc.strerror or exc}",
        where=where,
        hint="Kontrollera att disken har plats och att mappen går att skriva i, eller skriv någon "
        "annanstans med --out / check that the disk has space and the folder can be written, or "
        "write elsewhere with --out.",
    )


class Output:
    """A binary output whose write errors are :func:`cannot_write` errors naming ``where``
    (the serialisers call ``write``; a closed pipe stays a BrokenPipeError, which the CLI ends
    quietly)."""

    def __init__(self, out: IO[bytes], where: str) -> None:
        self._out = out
        self.where = where

    def write(self, data: bytes) -> int:
        try:
            return self._out.write(data)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise cannot_write(self.where, exc) from exc

    def flush(self) -> None:
        try:
            self._out.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise cannot_write(self.where, exc) from exc


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _is_stream(path: Path) -> bool:
    """Whether ``path`` exists and is something other than a regular file or a folder."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


@contextmanager
def open_output(path: Path) -> Iterator[IO[bytes]]:
    """The file to write ``path``'s content to, in place once the block ends without error.
    Errors of the block itself pass unchanged (wrap what it writes in :class:`Output`)."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError("mappen finns inte / the folder does not exist", where=str(folder))
    if path.is_dir():
        raise InputError(
            "är en mapp, inte en fil / is a folder, not a file",
            where=str(path),
            hint="Ge ett filnamn / give a file name: --out dump.trig.gz",
        )
    stream = _is_stream(path)
    try:
        if stream:
            fd, tmp = os.open(path, os.O_WRONLY | os.O_TRUNC), None
        else:
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as exc:
        raise cannot_write(str(path if stream else folder), exc) from exc
    raw = os.fdopen(fd, "wb")
    try:
        yield raw
        try:
            raw.close()
            if tmp is not None:
                os.chmod(tmp, 0o666 & ~_umask())
                os.replace(tmp, path)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise cannot_write(str(path), exc) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            raw.close()
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise
