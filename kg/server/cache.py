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

from collections.abc import Hashable
from dataclasses import dataclass

from kg.query.lru import BoundedLRU


@dataclass(frozen=True)
class CachedResponse:
    body: bytes
    media_type: str
    headers: tuple[tuple[str, str], ...]


class ResponseCache(BoundedLRU[CachedResponse]):
    """At most ``entries`` responses and ``max_bytes`` of bodies and keys; ``entries=0`` disables it.

    The one bounded LRU (:class:`~kg.query.lru.BoundedLRU`) of responses. Entries are found by
    their normalised key (:meth:`get`, :meth:`put`). A few raw forms of a request that led to an
    entry (the bytes of a GET's query string and its Accept header) can be added as aliases
    (:meth:`alias`), so that a repeated request is found (:meth:`lookup`) before its query string
    is even parsed; an alias goes out with its entry and counts towards its bytes.
    """

    MAX_ALIASES = 4

    def __init__(self, entries: int, max_bytes: int) -> None:
        super().__init__(entries, max_bytes, largest_share=8, on_evict=self._forget_aliases)
        self._aliases: dict[Hashable, Hashable] = {}
        self._aliases_of: dict[Hashable, list[Hashable]] = {}

    @property
    def entries(self) -> int:
        return self.max_entries

    def lookup(self, raw: Hashable) -> CachedResponse | None:
        """The response an alias leads to, or None (not counted as a miss: :meth:`get` follows)."""
        key = self._aliases.get(raw)
        return None if key is None else self.get(key, count_miss=False)

    def put(self, key: Hashable, response: CachedResponse, key_size: int = 0) -> bool:  # type: ignore[override]
        """Keep ``response`` under ``key`` (``key_size``: the bytes the key holds, such as the
        query text); False when it is not kept (disabled, or over an eighth of the budget)."""
        return super().put(key, response, len(response.body) + key_size)

    def alias(self, raw: Hashable, key: Hashable, raw_size: int) -> None:
        """Let ``raw`` find the entry under ``key`` too (if there is one, with room for an alias)."""
        if key not in self or raw in self._aliases:
            return
        aliases = self._aliases_of.setdefault(key, [])
        if len(aliases) >= self.MAX_ALIASES:
            return
        aliases.append(raw)
        self._aliases[raw] = key
        self.grow(key, raw_size)

    def _forget_aliases(self, key: Hashable) -> None:
        for raw in self._aliases_of.pop(key, ()):
            del self._aliases[raw]
