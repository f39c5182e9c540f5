"""Budgets for everything read from a file, so that no input can exhaust the machine.

A document is small: a promise is some hundred triples. The budgets below are far above any
real document and far below what would take a steward's laptop or the server down. Each is
checked before the costly step it guards, and each refusal is an :class:`~kg.errors.InputError`
(exit code 2) naming the budget, never a ``RecursionError``, ``MemoryError`` or a hang.

============================  ===========  ===========================================
budget                        value        guards
============================  ===========  ===========================================
:data:`MAX_BYTES`             20 MiB       one file (``kg import``, ``validate``, ``extract``)
:data:`MAX_DEPTH`             100          nesting of JSON/YAML objects and lists, and of
                                           blank nodes (``[ ... ]``, ``( ... )``) in RDF
:data:`MAX_LITERAL`           1 MiB        one literal (characters)
:data:`MAX_YAML_NODES`        1,000,000    nodes of one YAML file (aliases are refused)
:data:`MAX_PDF_INFLATED`      128 MiB      all decompressed streams of one PDF
============================  ===========  ===========================================

Only regular files are read: a FIFO, a device or a socket named like a document would block the
reader (with the store's lock held) or never end, and a symlink loop is reported as such.
"""

from __future__ import annotations

import errno
import os
import stat
import threading
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import InputError

MAX_BYTES = 20 * 1024 * 1024
"""Largest document a single import reads (20 MiB); dumps go through bulk loading instead."""
MAX_DEPTH = 100
"""Deepest nesting of JSON/YAML values, and longest chain of blank nodes, in one document."""
MAX_LITERAL = 1024 * 1024
"""Longest literal (characters) in one document."""
MAX_YAML_NODES = 1_000_000
"""Most nodes (scalars, lists, mappings) in one YAML file."""
MAX_PDF_INFLATED = 128 * 1024 * 1024
"""Most bytes all of a PDF's compressed streams may inflate to, together."""


def regular_file(path: Path) -> os.stat_result:
    """The file's status; :class:`InputError` unless it is an existing regular file (a symlink
    to one is fine). Never opens the file, so a FIFO cannot block."""
    where = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError(
                "länken pekar på en fil som inte finns / the symlink points to a missing file", where=where
            ) from None
        raise InputError("filen finns inte / file not found", where=where) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(
                "symlänkarna bildar en slinga / the symbolic links form a loop",
                where=where,
                hint="Peka länken på en riktig fil / point the link at a real file.",
            ) from None
        raise InputError(
            f"filen kan inte läsas / the file cannot be read: {exc.strerror}", where=where
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("är en mapp, inte en fil / is a folder, not a file", where=where)
    if not stat.S_ISREG(info.st_mode):
        sv, en = (
            ("en FIFO (namngiven rörledning)", "a FIFO (named pipe)")
            if stat.S_ISFIFO(info.st_mode)
            else ("ingen vanlig fil", "not a regular file (a device or socket)")
        )
        raise InputError(
            f"{sv} läses inte / {en} is not read: only regular files are",
            where=where,
            hint="Spara innehållet i en vanlig fil / save the content to a regular file.",
        )
    return info


def read_limited(path: Path, *, max_bytes: int = MAX_BYTES) -> bytes:
    """A regular file's bytes; :class:`InputError` when it is not one or is over ``max_bytes``."""
    size = regular_file(path).st_size
    if size > max_bytes:
        raise too_large(path, size, max_bytes)
    try:
        with open(path, "rb") as fh:
            # the size it has, and a byte more to see it grow: a read of max_bytes would first
            # take a buffer of that size (tens of microseconds a file, for a few kB)
            data = fh.read(size + 1)
            if len(data) > size:
                data += fh.read(max_bytes + 1 - len(data))
    except OSError as exc:
        raise InputError(
            f"filen kan inte läsas / the file cannot be read: {exc.strerror}", where=str(path)
        ) from None
    if len(data) > max_bytes:  # it grew after the check
        raise too_large(path, len(data), max_bytes)
    return data


def too_large(path: Path, size: int, max_bytes: int) -> InputError:
    return InputError(
        f"filen är för stor / file too large: {size} bytes > {max_bytes} bytes",
        where=str(path),
        hint="Dela upp den per dokument, eller läs in en dump med 'kg restore'"
        " / split it per document, or load a dump with 'kg restore'.",
    )


def too_deep(where: str, what: str = "") -> InputError:
    return InputError(
        f"för djupt nästlad / nested too deeply{what}: högst / at most {MAX_DEPTH} nivåer / levels",
        where=where,
        hint="Inget dokument behöver så djup struktur; kontrollera filen / no document needs such"
        " depth; check the file.",
    )


def check_depth(value: Any, where: str) -> None:
    """Refuse JSON/YAML data nested deeper than :data:`MAX_DEPTH` (walked without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise too_deep(where, " (JSON/YAML)")
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)


def check_terms(quads: Iterable[ox.Quad], where: str) -> None:
    """Refuse literals longer than :data:`MAX_LITERAL` and blank-node chains (nested ``[ ]`` or
    lists) longer than :data:`MAX_DEPTH`, before anything walks them."""
    children: dict[ox.BlankNode, list[ox.BlankNode]] = {}
    for q in quads:
        o = q.object
        for term in (q.subject, o):
            if isinstance(term, ox.NamedNode) and len(term.value) > MAX_LITERAL:
                raise InputError(
                    f"en IRI är för lång / an IRI is too long: {len(term.value)} tecken / characters"
                    f" > {MAX_LITERAL}",
                    where=where,
                    hint=f"{term.value[:80]}…",
                )
        if isinstance(o, ox.Literal) and len(o.value) > MAX_LITERAL:
            raise InputError(
                f"en literal är för lång / a literal is too long: {len(o.value)} tecken / characters"
                f" > {MAX_LITERAL}",
                where=where,
                hint=f"Subjekt / subject {q.subject}, egenskap / property {q.predicate}. Korta texten"
                " / shorten the text.",
            )
        if isinstance(o, ox.BlankNode) and isinstance(q.subject, ox.BlankNode):
            children.setdefault(q.subject, []).append(o)
    if children and _longest_chain(children) > MAX_DEPTH:
        raise too_deep(where, " (tomma noder, listor / blank nodes, lists)")


def _longest_chain(children: dict[ox.BlankNode, list[ox.BlankNode]]) -> int:
    """The longest path of blank node → blank node edges (a cycle counts once round)."""
    depth: dict[ox.BlankNode, int] = {}
    for root in children:
        if root in depth:
            continue
        on_path: set[ox.BlankNode] = {root}
        stack: list[tuple[ox.BlankNode, Iterator[ox.BlankNode]]] = [(root, iter(children.get(root, ())))]
        while stack:
            node, kids = stack[-1]
            kid = next(kids, None)
            if kid is None:
                stack.pop()
                on_path.discard(node)
                depth[node] = 1 + max(
                    (depth.get(k, 0) for k in children.get(node, ()) if k in depth), default=0
                )
                if depth[node] > MAX_DEPTH:
                    return depth[node]
            elif kid not in depth and kid not in on_path:
                on_path.add(kid)
                stack.append((kid, iter(children.get(kid, ()))))
                if len(stack) > MAX_DEPTH:
                    return len(stack)
    return max(depth.values(), default=0)


class InflateBudgetExceeded(Exception):
    """A compressed stream inflated past the budget (raised inside the PDF reader)."""


class _BudgetedZlib:
    """The part of :mod:`zlib` a PDF reader uses, counting every inflated byte against a budget."""

    error = zlib.error
    MAX_WBITS = zlib.MAX_WBITS

    def __init__(self, budget: int) -> None:
        self.left = budget

    def decompress(self, data: bytes, wbits: int = zlib.MAX_WBITS, bufsize: int = 0) -> bytes:
        d = zlib.decompressobj(wbits)
        out = d.decompress(data, self.left + 1)
        if len(out) > self.left:
            raise InflateBudgetExceeded
        out += d.flush()
        if len(out) > self.left:
            raise InflateBudgetExceeded
        if not d.eof:  # as zlib.decompress says it
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        self.left -= len(out)
        return out

    def decompressobj(self, wbits: int = zlib.MAX_WBITS) -> Any:
        return _BudgetedDecompressor(self, zlib.decompressobj(wbits))


class _BudgetedDecompressor:
    def __init__(self, owner: _BudgetedZlib, inner: Any) -> None:
        self.owner, self.inner = owner, inner

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        out: bytes = self.inner.decompress(data, self.owner.left + 1)
        if len(out) > self.owner.left or self.inner.unconsumed_tail:
            raise InflateBudgetExceeded
        self.owner.left -= len(out)
        return out

    def flush(self) -> bytes:
        out: bytes = self.inner.flush()
        if len(out) > self.owner.left:
            raise InflateBudgetExceeded
        self.owner.left -= len(out)
        return out


_INFLATING = threading.Lock()


@contextmanager
def inflate_budget(module: Any, budget: int = MAX_PDF_INFLATED) -> Iterator[None]:
    """While inside, ``module``'s ``zlib`` inflates at most ``budget`` bytes in all; past it,
    :class:`InflateBudgetExceeded`. For a reader (pdfminer) that inflates streams whole; one
    thread at a time."""
    with _INFLATING:
        original = module.zlib
        module.zlib = _BudgetedZlib(budget)
        try:
            yield
        finally:
            module.zlib = original
