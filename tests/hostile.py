"""Hostile inputs made on the spot (never stored in the repository), and the CLI run as a real
child process whose exit code, output and peak memory (its own rusage) a test can assert.

Each child runs with an address-space limit (:data:`MEMORY_CAP`), so that a regression makes
the test fail with a MemoryError (exit 70) instead of taking the machine's memory.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path

KG = [sys.executable, "-m", "kg"]
MEMORY_CAP = 3 * 1024**3
"""Address space a child may map (bytes): far above the 500 MB the tests assert, as a guard."""
PROMISE = "https://w3id.org/medborgarlofte/id/promise/0480-2025-2026"


@dataclass
class Run:
    code: int
    output: str
    peak_mb: float
    """the child's peak resident memory (its own rusage, not the test's)"""


def run_kg(*args: str | Path, timeout: float = 120.0, cwd: Path | None = None) -> Run:
    """``kg ARGS`` in a child process; killed (and the test failed) after ``timeout`` seconds."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    out_path = (
        Path(os.environ.get("TMPDIR", "/tmp")) / f"kg-hostile-{os.getpid()}-{threading.get_ident()}.out"
    )
    with open(out_path, "w+b") as out:
        proc = subprocess.Popen(
            [*KG, *map(str, args)], stdout=out, stderr=subprocess.STDOUT, preexec_fn=limit, cwd=cwd
        )
        killed = threading.Event()

        def guard() -> None:
            killed.set()
            proc.send_signal(signal.SIGKILL)

        timer = threading.Timer(timeout, guard)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    out_path.unlink(missing_ok=True)
    assert not killed.is_set(), f"kg {' '.join(map(str, args))} hung for {timeout} s:\n{text[-2000:]}"
    return Run(proc.returncode, text, usage.ru_maxrss / 1024)


def flate_bomb(inflated: int) -> bytes:
    """A zlib stream of ``inflated`` zero characters (a multiple of 1 MiB), about 1/1000 of it
    in size: one compressed 1 MiB block after a full flush is repeated, so it is made in seconds."""
    chunk = b"0" * 2**20
    n = inflated // len(chunk)
    c = zlib.compressobj(9)
    head = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    tail = c.flush()[:-4]
    adler = 1
    for _ in range(n):
        adler = zlib.adler32(chunk, adler)
    return head + block * (n - 1) + tail + adler.to_bytes(4, "big")


def pdf_with_stream(stream: bytes, *, flate: bool = True) -> bytes:
    """A one-page PDF whose content stream is ``stream`` (with a correct cross-reference table)."""
    filt = b" /Filter /FlateDecode" if flate else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d%s >>\nstream\n" % (len(stream), filt) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def yaml_alias_bomb() -> str:
    """The classic "billion laughs" in YAML: nine levels of nine aliases (about 500 bytes)."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    prev = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
        prev = name
    lines.append(f'"@id": "{PROMISE}"')
    lines.append(f'"http://example.org/p": *{prev}')
    return "\n".join(lines) + "\n"


def interruptible() -> None:
    """``preexec_fn`` of a child a test sends Ctrl-C (SIGINT): the default disposition, as a
    terminal's foreground job has it. A shell starts a background job (``make test &``, a CI step
    run with ``&``) with SIGINT ignored, the child would inherit that, and Python then raises no
    KeyboardInterrupt: the test would measure how the test was started, not kg."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
