"""Expensive queries against a real `kg serve` over ~90k quads: each ends at its time or memory
limit with the server's memory bounded, and the other clients keep being answered meanwhile."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from server_support import QUERIES, fill_store, kg_serve_process, rss_mb

from kg.store.core import StoreSettings, open_store

pytestmark = pytest.mark.server

PRODUCT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 10"
PATH = "SELECT * WHERE { ?s (<http://example.org/p0>|!<http://example.org/p0>)* ?o } LIMIT 10"
REGEX = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f "
    'FILTER(REGEX(CONCAT(STR(?c), STR(?f)), "^(o|o1|o12|[a-z0-9]+)*x$")) }'
)
SAVED = "api/queries/promises-of-municipality.csv"
HANG_GUARD = 120.0
"""Seconds after which a request counts as hung (far above the 3 s time limit of these tests)."""


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The server fixtures plus 90,000 generated quads in 50 graphs."""
    path = tmp_path_factory.mktemp("workers") / "store"
    store = open_store(StoreSettings(path))
    try:
        fill_store(store)
        ex = "http://example.org/"
        store.raw.bulk_extend(
            ox.Quad(
                ox.NamedNode(f"{ex}s{i % 3000}"),
                ox.NamedNode(f"{ex}p{i % 7}"),
                ox.Literal(f"o{i}"),
                ox.NamedNode(f"{ex}g{i % 50}"),
            )
            for i in range(90_000)
        )
        assert store.count() > 90_000
    finally:
        store.close()
    return path


@pytest.fixture(scope="module")
def served(store_path: Path) -> Iterator[tuple[str, int]]:
    # kg serve's own pool (no --query-workers): four general workers and two fast ones
    with kg_serve_process(store_path, "--queries", str(QUERIES), "--query-timeout", "3", workers=None) as (
        base,
        proc,
    ):
        yield base, proc.pid


class PeakMemory:
    """Samples the server's resident memory (parent and workers) in a thread; ``peak`` in MB."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_mb(self.pid))
            time.sleep(0.01)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def sparql(base: str, query: str) -> httpx.Response:
    return httpx.get(
        base + "sparql",
        params={"query": query},
        timeout=HANG_GUARD,
        headers={"Accept": "application/sparql-results+json"},
    )


def saved_answers(base: str) -> None:
    """The saved query of another client: 200 with its two rows (before the hang guard)."""
    r = httpx.get(base + SAVED, params={"municipality": "0480"}, timeout=HANG_GUARD)
    assert r.status_code == 200, r.text
    assert r.text.count("Nyköpings kommun") == 2


def test_a_cartesian_order_by_ends_at_its_limit_with_the_server_under_1_gb(served: tuple[str, int]) -> None:
    base, pid = served
    saved_answers(base)
    idle = rss_mb(pid)
    with PeakMemory(pid) as memory:
        r = sparql(base, PRODUCT)
    assert r.status_code == 503, r.text
    assert "3 s" in r.text or "512 MB" in r.text  # the time or the memory limit, named
    assert memory.peak < 1024, f"{memory.peak:.0f} MB"
    saved_answers(base)
    # the work ended with the response: the memory it held is given back (a query left running
    # in a thread, as before, went on to several GB)
    guard = time.monotonic() + HANG_GUARD
    while rss_mb(pid) > idle + 200 and time.monotonic() < guard:
        time.sleep(0.2)
    assert rss_mb(pid) < idle + 200, (idle, rss_mb(pid))


@pytest.mark.parametrize("query", [PRODUCT, PATH, REGEX], ids=["order-by-product", "path", "regex"])
def test_four_expensive_queries_never_hold_up_another_client(served: tuple[str, int], query: str) -> None:
    base, pid = served
    with PeakMemory(pid) as memory, ThreadPoolExecutor(4) as pool:
        running = [pool.submit(sparql, base, query) for _ in range(4)]
        time.sleep(0.5)  # the four are being evaluated now
        for _ in range(3):
            saved_answers(base)
        statuses = [f.result(timeout=HANG_GUARD).status_code for f in running]
    assert statuses == [503] * 4
    assert memory.peak < 4 * 1024, f"{memory.peak:.0f} MB"
    # after they end, the pool has recovered by itself
    saved_answers(base)
    ask = sparql(base, "ASK { ?s ?p ?o }")
    assert ask.status_code == 200 and ask.json()["boolean"] is True


def workers_of(pid: int) -> list[int]:
    return [
        int(c)
        for task in Path(f"/proc/{pid}/task").iterdir()
        for c in (task / "children").read_text().split()
    ]


def wait_for_workers(pid: int, old: set[int]) -> list[int]:
    """The server's six workers, none of them in ``old`` (waiting up to the hang guard)."""
    guard = time.monotonic() + HANG_GUARD
    alive = workers_of(pid)
    while time.monotonic() < guard and (len(alive) != 6 or set(alive) & old):
        time.sleep(0.2)
        alive = workers_of(pid)
    assert len(alive) == 6 and not set(alive) & old, (alive, old)  # 4 general, 2 fast
    return alive


def test_the_pool_recovers_when_its_workers_are_killed(served: tuple[str, int]) -> None:
    base, pid = served
    saved_answers(base)
    workers = wait_for_workers(pid, set())
    for w in workers:
        os.kill(w, signal.SIGKILL)
    saved_answers(base)  # a dead idle worker is replaced, and the job goes to another
    ask = sparql(base, "ASK { ?s ?p ?o }")
    assert ask.status_code == 200 and ask.json()["boolean"] is True
    wait_for_workers(pid, set(workers))
