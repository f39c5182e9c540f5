"""The one bounded LRU that the query-result cache and the server's response cache are built on."""

from __future__ import annotations

from kg.query.cache import QueryCache
from kg.query.lru import BoundedLRU
from kg.server.cache import ResponseCache


def test_bounded_by_entries_and_bytes_least_recently_used_out() -> None:
    gone: list[object] = []
    lru: BoundedLRU[str] = BoundedLRU(3, 100, largest_share=4, on_evict=gone.append)
    assert lru.put("a", "A", 10) and lru.put("b", "B", 10) and lru.put("c", "C", 10)
    assert lru.get("a") == "A"  # a is now the most recently used
    assert lru.put("d", "D", 10) and gone == ["b"] and "b" not in lru and len(lru) == 3
    assert not lru.put("big", "X", 26) and "big" not in lru  # over a quarter of the budget
    assert lru.put("e", "E", 25) and lru.put("f", "F", 25) and lru.put("g", "G", 25)
    assert lru.bytes <= 100 and len(lru) <= 3 and gone[-1] in ("a", "c", "d")
    assert lru.grow("g", 60) and len(lru) == 1 and lru.bytes == 85  # the older ones make room
    assert not lru.grow("nothing", 1)
    stats = lru.stats()
    assert (stats.entries, stats.bytes) == (len(lru), lru.bytes) and stats.hits == 1
    lru.configure(max_entries=1)
    assert len(lru) == 1
    lru.configure(max_entries=0)
    assert not lru.enabled and not lru.put("h", "H", 1) and lru.get("h") is None
    lru.configure(max_entries=5)
    lru.put("i", "I", 1)
    lru.clear()
    assert len(lru) == 0 and lru.bytes == 0 and gone[-1] == "i"


def test_a_miss_is_counted_unless_asked_not_to() -> None:
    lru: BoundedLRU[int] = BoundedLRU(2, 100)
    assert lru.get("x") is None and lru.misses == 1
    assert lru.get("x", count_miss=False) is None and lru.misses == 1


def test_both_caches_are_the_one_implementation() -> None:
    assert isinstance(QueryCache(), BoundedLRU) and isinstance(ResponseCache(1, 100), BoundedLRU)
    assert QueryCache().largest_share == 2 and ResponseCache(1, 100).largest_share == 8
