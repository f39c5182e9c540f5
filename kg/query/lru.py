"""The one bounded cache: least recently used out, bounded by entries and by bytes.

:class:`BoundedLRU` keeps values under keys with a cost in bytes that its caller estimates. It is
bounded twice: at most ``max_entries`` entries and ``max_bytes`` of cost; the least recently used
entry goes first. A value costing more than ``1/largest_share`` of the byte budget is not kept
(one large answer must not empty the cache). Zero in either bound disables it. It is
thread-safe; ``on_evict`` hears of every key that leaves, however it leaves.

The query-result cache (:class:`kg.query.cache.QueryCache`), the server's response cache
(:class:`kg.server.cache.ResponseCache`) and what the keyset pages remember per store generation
(:mod:`kg.query.keyset`) are this class with their own values and costs.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

V = TypeVar("V")


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    entries: int = 0
    bytes: int = 0


class BoundedLRU(Generic[V]):
    """An LRU of values by key, bounded by entries and by the bytes their costs add up to."""

    def __init__(
        self,
        max_entries: int,
        max_bytes: int,
        *,
        largest_share: int = 2,
        on_evict: Callable[[Hashable], None] | None = None,
    ) -> None:
        self._lock = threading.RLock()
        self._items: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self.max_entries = max(0, max_entries)
        self.max_bytes = max(0, max_bytes)
        self.largest_share = largest_share
        self._on_evict = on_evict
        self.bytes = 0
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

    def get(self, key: Hashable, *, count_miss: bool = True) -> V | None:
        """The value under ``key`` (now the most recently used), or None."""
        if not self.enabled:
            return None
        with self._lock:
            item = self._items.get(key)
            if item is None:
                if count_miss:
                    self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return item[0]

    def put(self, key: Hashable, value: V, cost: int) -> bool:
        """Keep ``value`` under ``key``; False when it is not kept (disabled, or too large)."""
        if not self.enabled or cost > self.max_bytes // self.largest_share:
            return False
        with self._lock:
            if key in self._items:
                self._drop(key)
            self._items[key] = (value, cost)
            self.bytes += cost
            self._shrink()
        return True

    def grow(self, key: Hashable, extra: int) -> bool:
        """Add ``extra`` bytes to the cost of the entry under ``key`` (False if there is none)."""
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return False
            self._items[key] = (item[0], item[1] + extra)
            self.bytes += extra
            self._shrink()
        return True

    def __contains__(self, key: Hashable) -> bool:
        return key in self._items

    def _drop(self, key: Hashable) -> None:
        _, cost = self._items.pop(key)
        self.bytes -= cost
        if self._on_evict is not None:
            self._on_evict(key)

    def _shrink(self) -> None:
        while self._items and (len(self._items) > self.max_entries or self.bytes > self.max_bytes):
            self._drop(next(iter(self._items)))

    def clear(self) -> None:
        with self._lock:
            for key in list(self._items):
                self._drop(key)

    def stats(self) -> CacheStats:
        with self._lock:
            return CacheStats(self.hits, self.misses, len(self._items), self.bytes)

    def __len__(self) -> int:
        return len(self._items)
