"""A bounded result cache for queries on the embedded store, valid until the store changes.

A result is kept under a key of (the store's identity, the store's generation, the final query
text, the bound values as N-Triples terms, the row limit). :class:`kg.store.core.OxigraphStore` gives
each open store a unique ``cache_token`` and a ``generation`` that it bumps on every write made
through it (``apply``, ``bulk_load``, ``clear``, and any hand-out of the raw pyoxigraph store of a
writable store, since the caller may write through it). A read-only store cannot change while it
is open: the store's file lock keeps every other kg writer out. A new generation makes every
older entry unreachable; such entries age out of the LRU. A page of a saved query, or its whole
result, as its users see it, is kept as well (:func:`page_key`, by :func:`kg.query.run.run_bound`):
a keyset reads a page in many runs, and a repeated page is then one look-up, not one per run.

Only :class:`~kg.store.core.OxigraphStore` targets are cached (anything without ``cache_token`` and
``generation``, such as a remote endpoint, is not: its data may change at any time).

The cache is the one bounded LRU (:mod:`kg.query.lru`), bounded by entries and by approximate
bytes (estimated from a sample of the rows), least recently used first out. A table larger than
half of the byte budget is not kept.
It matters for long-running processes (``kg serve``, notebooks, the benchmark's repeated runs);
a one-shot CLI run never hits it. ``KG_QUERY_CACHE=0`` in the environment disables the default
cache; ``KG_QUERY_CACHE_ENTRIES`` and ``KG_QUERY_CACHE_MB`` set its bounds (256 entries, 128 MB).

The public API: :class:`QueryCache` (``get``/``put``/``clear``/``configure``, ``stats``),
:func:`default_cache`, :func:`cache_key`, :func:`page_key`.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from kg.errors import SettingsError
from kg.query.lru import BoundedLRU, CacheStats
from kg.query.results import ResultTable

__all__ = ["CacheStats", "QueryCache", "cache_key", "default_cache", "page_key"]

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


def page_key(
    target: Any,
    query: str,
    bindings: Mapping[str, Sequence[Any]],
    limit: int | None,
    offset: int,
) -> tuple[Hashable, ...] | None:
    """The key of one page of a saved query on ``target`` (the whole result: ``limit`` None),
    or None when ``target`` is not cacheable: the page as its users see it, however many runs
    it was read with (a keyset page
    is read municipality by municipality or date by date, each run its own entry: answering a
    repeated page from those cost some milliseconds, from this key some microseconds).
    ``query`` names the query and its text (its file and text); ``bindings`` maps variable
    names to the terms bound (each serialised as N-Triples)."""
    token = getattr(target, "cache_token", None)
    generation = getattr(target, "generation", None)
    if token is None or generation is None:
        return None
    bound = tuple(sorted((k, tuple(str(v) for v in vs)) for k, vs in bindings.items()))
    return (token, generation, "page", query, bound, limit, offset)


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
    return replace(table, variables=list(table.variables), rows=list(table.rows))


class QueryCache(BoundedLRU[ResultTable]):
    """An LRU of :class:`ResultTable` by key, bounded by entries and approximate bytes; thread-safe.

    A :class:`~kg.query.lru.BoundedLRU` that keeps and hands out copies of tables and estimates
    their size; a key of None (a target that cannot be cached) is never looked up or kept.
    """

    def __init__(self, max_entries: int = DEFAULT_ENTRIES, max_bytes: int = DEFAULT_MB << 20) -> None:
        super().__init__(max_entries, max_bytes, largest_share=2)

    def get(self, key: Hashable | None, *, count_miss: bool = True) -> ResultTable | None:
        """A copy of the cached table under ``key``, or None."""
        if key is None:
            return None
        table = super().get(key, count_miss=count_miss)
        return None if table is None else _copy(table)

    def put(self, key: Hashable | None, table: ResultTable, cost: int | None = None) -> bool:
        """Keep a copy of ``table`` under ``key`` (unless it is too large or the cache is off)."""
        if key is None or not self.enabled:
            return False
        return super().put(key, _copy(table), _estimate_bytes(table) if cost is None else cost)


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
