"""A bounded result cache for queries on the embedded store, valid until the store changes.

A result is kept under a key of (the store's identity, the store's generation, the final query
text, the bound values as N-Triples terms, the row limit). :class:`kg.store.core.OxigraphStore` gives
each open store a unique ``cache_token`` and a ``generation`` that it bumps on every write made
through it (``apply``, ``bulk_load``, ``clear``, and any hand-out of the raw pyoxigraph store of a
writable store, since the caller may write through it). A read-only store cannot change while it
is open: the store's file lock keeps every other kg writer out. A new generation makes every
older entry unreachable; such entries age out of the LRU.

Only :class:`~kg.store.core.OxigraphStore` targets are cached (anything without ``cache_token`` and
``generation``, such as a remote endpoint, is not: its data may change at any time).

The cache is bounded by entries and by approximate bytes (estimated from a sample of the rows),
least recently used first out. A table larger than half of the byte budget is not kept.
It matters for long-running processes (``kg serve``, notebooks, the benchmark's repeated runs);
a one-shot CLI run never hits it. ``KG_QUERY_CACHE=0`` in the environment disables the default
cache; ``KG_QUERY_CACHE_ENTRIES`` and ``KG_QUERY_CACHE_MB`` set its bounds (256 entries, 128 MB).

The public API: :class:`QueryCache` (``get``/``put``/``clear``/``configure``, ``stats``),
:func:`default_cache`, :func:`cache_key`.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any

from kg.errors import SettingsError
from kg.query.results import ResultTable

DEFAULT_ENTRIES = 256
DEFAULT_MB = 128
_ROW_SAMPLE = 64
_CELL_OVERHEAD = 72
"""Bytes counted for each cell besides its text (the pyoxigraph term object and the tuple slot)."""


def cache_key(
    target: Any, text: str, bindings: Mapping[str, Any], limit: int | None
) -> tuple[Hashable, ...] | None:
    """The key of one query run on ``target``, or None when ``target`` is not cacheable.

    ``bindings`` maps variable names to pyoxigraph terms (serialised as N-Triples, so a literal
    and an IRI with the same text, or two literals with different datatypes, differ).
    """
    token = getattr(target, "cache_token", None)
    generation = getattr(target, "generation", None)
    if token is None or generation is None:
        return None
    bound = tuple(sorted((k, str(v)) for k, v in bindings.items()))
    return (token, generation, text, bound, limit)


def _estimate_bytes(table: ResultTable) -> int:
    rows = table.rows
    if not rows:
        return 256
    sample = rows[:_ROW_SAMPLE]
    size = 0
    for row in sample:
        for cell in row:
            size += _CELL_OVERHEAD + (len(getattr(cell, "value", "")) if cell is not None else 0)
    return 256 + (size * len(rows)) // len(sample) + 64 * len(rows)


def _copy(table: ResultTable) -> ResultTable:
    """A copy the caller may change without touching the cached table (terms are immutable)."""
    return ResultTable(list(table.variables), list(table.rows), table.boolean, table.truncated)


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    entries: int = 0
    bytes: int = 0


class QueryCache:
    """An LRU of :class:`ResultTable` by key, bounded by entries and approximate bytes; thread-safe."""

    def __init__(self, max_entries: int = DEFAULT_ENTRIES, max_bytes: int = DEFAULT_MB << 20) -> None:
        self._lock = threading.Lock()
        self._items: OrderedDict[Hashable, tuple[ResultTable, int]] = OrderedDict()
        self._bytes = 0
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.max_entries > 0 and self.max_bytes > 0

    def configure(self, *, max_entries: int | None = None, max_bytes: int | None = None) -> None:
        """Change the bounds (0 disables the cache); entries over the new bounds are dropped."""
        with self._lock:
            if max_entries is not None:
                self.max_entries = max(0, max_entries)
            if max_bytes is not None:
                self.max_bytes = max(0, max_bytes)
            self._shrink()

    def get(self, key: Hashable | None) -> ResultTable | None:
        """A copy of the cached table under ``key``, or None."""
        if key is None or not self.enabled:
            return None
        with self._lock:
            item = self._items.get(key)
            if item is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return _copy(item[0])

    def put(self, key: Hashable | None, table: ResultTable) -> None:
        """Keep a copy of ``table`` under ``key`` (unless it is too large or the cache is off)."""
        if key is None or not self.enabled:
            return
        size = _estimate_bytes(table)
        if size > self.max_bytes // 2:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            self._items[key] = (_copy(table), size)
            self._bytes += size
            self._shrink()

    def _shrink(self) -> None:
        while self._items and (len(self._items) > self.max_entries or self._bytes > self.max_bytes):
            _, (_, size) = self._items.popitem(last=False)
            self._bytes -= size

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0

    def stats(self) -> CacheStats:
        with self._lock:
            return CacheStats(self.hits, self.misses, len(self._items), self._bytes)

    def __len__(self) -> int:
        return len(self._items)


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if value < 0:
        raise SettingsError(
            f"{name}={raw!r} är inte ett heltal ≥ 0 / is not a whole number ≥ 0",
            hint=f"Sätt t.ex. / set e.g. {name}={default}, eller ta bort variabeln / or unset it.",
        )
    return value


def _from_env() -> QueryCache:
    if os.environ.get("KG_QUERY_CACHE", "1").strip().lower() in ("0", "false", "no", "off"):
        return QueryCache(0, 0)
    return QueryCache(
        _env_int("KG_QUERY_CACHE_ENTRIES", DEFAULT_ENTRIES), _env_int("KG_QUERY_CACHE_MB", DEFAULT_MB) << 20
    )


_DEFAULT: QueryCache | None = None
_DEFAULT_LOCK = threading.Lock()


def default_cache() -> QueryCache:
    """The process-wide cache :mod:`kg.query.run` uses unless told otherwise.

    Built from the environment at first use (not at import), so that a bad value is reported as a
    :class:`~kg.errors.SettingsError` by the command that needs the cache.
    """
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = _from_env()
        return _DEFAULT
