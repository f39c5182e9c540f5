"""A bounded cache of whole SPARQL responses, for a server over a store that cannot change.

``kg serve`` opens its store read-only and holds the store's lock for its lifetime, so the
answer to a request (the query text, its dataset and the negotiated format) is the same for as
long as the process runs: the response body and headers can be kept and sent again. The app
turns the cache on only when the store it serves is read-only (a writable store, as in tests or
a caller's own app, is never cached).

The cache is bounded by entries and by bytes of bodies, least recently used out first; a body
larger than an eighth of the byte budget is not kept. Only successful (200) answers are kept:
errors, time-outs and refusals are evaluated every time. It lives in the event loop's thread and
is not shared between threads.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass


@dataclass(frozen=True)
class CachedResponse:
    body: bytes
    media_type: str
    headers: tuple[tuple[str, str], ...]


class ResponseCache:
    """At most ``entries`` responses and ``max_bytes`` of bodies; ``entries=0`` disables it."""

    def __init__(self, entries: int, max_bytes: int) -> None:
        self.entries = max(0, entries)
        self.max_bytes = max(0, max_bytes)
        self._items: OrderedDict[Hashable, CachedResponse] = OrderedDict()
        self.bytes = 0
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.entries > 0 and self.max_bytes > 0

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: Hashable) -> CachedResponse | None:
        if not self.enabled:
            return None
        got = self._items.get(key)
        if got is None:
            self.misses += 1
            return None
        self._items.move_to_end(key)
        self.hits += 1
        return got

    def put(self, key: Hashable, response: CachedResponse) -> bool:
        """Keep ``response`` under ``key``; False when it is not kept (disabled or too big)."""
        size = len(response.body)
        if not self.enabled or size > self.max_bytes // 8:
            return False
        old = self._items.pop(key, None)
        if old is not None:
            self.bytes -= len(old.body)
        self._items[key] = response
        self.bytes += size
        while len(self._items) > self.entries or self.bytes > self.max_bytes:
            _, dropped = self._items.popitem(last=False)
            self.bytes -= len(dropped.body)
        return True
