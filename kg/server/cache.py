"""A bounded cache of whole SPARQL responses, for a server over a store that cannot change.

``kg serve`` opens its store read-only and holds the store's lock for its lifetime, so the
answer to a request (the query text, its dataset and the negotiated format) is the same for as
long as the process runs: the response body and headers can be kept and sent again. The app
turns the cache on only when the store it serves is read-only (a writable store, as in tests or
a caller's own app, is never cached).

The cache is bounded by entries and by bytes (of bodies and of the query texts in the keys),
least recently used out first; a response larger than an eighth of the byte budget is not kept.
Only successful (200) answers are kept: errors, time-outs and refusals are evaluated every time.
It lives in the event loop's thread and is not shared between threads.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class CachedResponse:
    body: bytes
    media_type: str
    headers: tuple[tuple[str, str], ...]


@dataclass
class _Entry:
    response: CachedResponse
    cost: int
    aliases: list[Hashable] = field(default_factory=list)


class ResponseCache:
    """At most ``entries`` responses and ``max_bytes`` of bodies and keys; ``entries=0`` disables it.

    Entries are found by their normalised key (:meth:`get`, :meth:`put`). A few raw forms of a
    request that led to an entry (the bytes of a GET's query string and its Accept header) can be
    added as aliases (:meth:`alias`), so that a repeated request is found (:meth:`lookup`) before
    its query string is even parsed; an alias goes out with its entry.
    """

    MAX_ALIASES = 4

    def __init__(self, entries: int, max_bytes: int) -> None:
        self.entries = max(0, entries)
        self.max_bytes = max(0, max_bytes)
        self._items: OrderedDict[Hashable, _Entry] = OrderedDict()
        self._aliases: dict[Hashable, Hashable] = {}
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
        return got.response

    def lookup(self, raw: Hashable) -> CachedResponse | None:
        """The response an alias leads to, or None (not counted as a miss: :meth:`get` follows)."""
        key = self._aliases.get(raw)
        if key is None:
            return None
        self._items.move_to_end(key)
        self.hits += 1
        return self._items[key].response

    def put(self, key: Hashable, response: CachedResponse, key_size: int = 0) -> bool:
        """Keep ``response`` under ``key`` (``key_size``: the bytes the key holds, such as the
        query text); False when it is not kept (disabled, or over an eighth of the budget)."""
        cost = len(response.body) + key_size
        if not self.enabled or cost > self.max_bytes // 8:
            return False
        if key in self._items:
            self._drop(key)
        self._items[key] = _Entry(response, cost)
        self.bytes += cost
        self._evict()
        return True

    def alias(self, raw: Hashable, key: Hashable, raw_size: int) -> None:
        """Let ``raw`` find the entry under ``key`` too (if there is one, with room for an alias)."""
        entry = self._items.get(key)
        if entry is None or raw in self._aliases or len(entry.aliases) >= self.MAX_ALIASES:
            return
        entry.aliases.append(raw)
        entry.cost += raw_size
        self.bytes += raw_size
        self._aliases[raw] = key
        self._evict()

    def _drop(self, key: Hashable) -> None:
        entry = self._items.pop(key)
        self.bytes -= entry.cost
        for raw in entry.aliases:
            del self._aliases[raw]

    def _evict(self) -> None:
        while self._items and (len(self._items) > self.entries or self.bytes > self.max_bytes):
            self._drop(next(iter(self._items)))
