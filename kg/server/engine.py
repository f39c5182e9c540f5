"""Running the server's queries where they can be stopped, within a time limit and a result cap.

Over a read-only store (``kg serve``), queries run in worker processes (:mod:`kg.server.workers`)
that open the store read-only with a memory limit each; a query past its deadline or its memory
limit is killed with its worker, which is replaced. Over a writable store (an app built by a test
or a caller), whose changes must be seen at once, they run in threads of this process, where the
deadline ends the response but not the work (decision 0010). Either way a job
(:mod:`kg.server.jobs`) is the unit of work, run by the same :class:`~kg.server.jobs.JobRunner`.

A request whose last evaluation took under :data:`FAST_SECONDS` is evaluated in the event loop
itself (decision 0010's addendum): on a read-only store its work cannot grow. See
docs/decisions/0012-query-worker-processes.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections import OrderedDict
from collections.abc import Hashable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from tempfile import TemporaryDirectory
from typing import Any

import pyoxigraph as ox

from kg.errors import InputError, KgError, QueryResourceLimit, QueryTimeout
from kg.query.results import ResultTable
from kg.server.evaluate import Dataset, Outcome, QueryShape, inspect_query, prepare, timeout_error
from kg.server.jobs import (
    Job,
    JobRunner,
    Rendered,
    RowsJob,
    RunnerSettings,
    SavedJob,
    SparqlJob,
    Validated,
    ValidateJob,
    encoded_substitutions,
    saved_params,
)
from kg.server.worker import WorkerSpec
from kg.server.workers import WorkerPool
from kg.store.core import OxigraphStore

__all__ = ["Dataset", "Outcome", "QueryEngine", "QueryShape", "graphs_param", "inspect_query"]

FAST_SECONDS = 0.002
"""A request whose last evaluation took less than this is evaluated in the event loop."""
FAST_MEMORY = 1024
"""How many such requests are remembered (least recently learnt out first)."""
LANE_SECONDS = 0.25
"""A request whose last evaluation took less than this may use the fast lane of workers."""
LANE_MEMORY = 4096
SCAN_CHARS = 8192
"""Query texts up to this long are checked in the event loop; longer ones where they run."""
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


class QueryEngine:
    """Runs read-only SPARQL queries with a time limit and a result cap (see the module's text)."""

    def __init__(
        self,
        store: OxigraphStore,
        *,
        timeout: float,
        result_limit: int,
        workers: int,
        allow_service: bool = False,
        base_iri: str | None = None,
        inline_fast: bool = False,
        queries_folder: str | None = None,
        prefixes: Mapping[str, str] | None = None,
        worker_store: str | None = None,
        memory_mb: int = 0,
        snapshot: TemporaryDirectory[str] | None = None,
        data_base: str | None = None,
    ) -> None:
        """``worker_store``: the pyoxigraph folder worker processes open read-only (None: threads);
        ``memory_mb``: each worker's memory limit; ``snapshot``: a temporary copy of the store
        made for the workers, removed on :meth:`close`."""
        self.store = store
        self.settings = RunnerSettings(
            timeout,
            result_limit,
            allow_service,
            base_iri,
            queries_folder,
            tuple((prefixes or {}).items()),
            data_base,
        )
        self.runner = JobRunner(store, self.settings)
        self.inline_fast = inline_fast
        """Whether requests known to be fast run in the event loop (only for a read-only store)."""
        self._fast: OrderedDict[Hashable, None] = OrderedDict()
        self._quick: OrderedDict[Hashable, None] = OrderedDict()
        self._threads = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="kg-query")
        self._snapshot = snapshot
        self.pool: WorkerPool | None = None
        if worker_store is not None:
            spec = WorkerSpec(worker_store, memory_mb, self.settings)
            self.pool = WorkerPool(spec, general=workers, fast=max(1, workers // 2), timeout=timeout)

    @property
    def timeout(self) -> float:
        return self.settings.timeout

    @property
    def result_limit(self) -> int:
        return self.settings.result_limit

    @property
    def allow_service(self) -> bool:
        return self.settings.allow_service

    async def start(self) -> None:
        """Start the worker processes and wait until they are ready (rather than at the first
        query); in the event loop."""
        if self.pool is not None:
            await self.pool.ready()
        if self.inline_fast:  # the requests evaluated here then find what they need ready too
            loop = asyncio.get_running_loop()
            with contextlib.suppress(KgError):
                await loop.run_in_executor(self._threads, self.runner.warm)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
        self._threads.shutdown(wait=False, cancel_futures=True)
        if self._snapshot is not None:
            self._snapshot.cleanup()
            self._snapshot = None

    def prepare(self, query: str) -> QueryShape:
        """The query's shape; refused (400/403) when it is too complex to parse or not allowed.

        A text longer than :data:`SCAN_CHARS` is only glanced at here (its form, for content
        negotiation): the full lexical checks of a long text take a second or more of Python per
        megabyte, which the event loop must not spend; they run where the query is evaluated
        (:func:`kg.server.evaluate.evaluate` checks every query again before it parses it).
        """
        if len(query) > SCAN_CHARS and self.pool is not None:
            m = _FORM.search(query)
            return QueryShape(False, frozenset(), False, m.group(1).upper() if m else None)
        return prepare(query, allow_service=self.allow_service)

    def deadline(self) -> float:
        return time.monotonic() + self.timeout

    # -- running jobs ---------------------------------------------------------------------------
    async def _submit(self, job: Job, *, trusted: bool = False, learn: bool = True) -> Any:
        key = job.key()
        if learn and self.inline_fast and key in self._fast:
            result = self.runner.run(job)
            if result.seconds >= FAST_SECONDS:
                self._fast.pop(key, None)
            return result
        if self.pool is not None:
            result = await self.pool.run(job, fast=trusted or key in self._quick)
        else:
            loop = asyncio.get_running_loop()
            fut = loop.run_in_executor(self._threads, self.runner.run, job)
            left = max(0.0, job.deadline - time.monotonic())
            try:
                result = await asyncio.wait_for(asyncio.shield(fut), timeout=left + 0.05)
            except TimeoutError:
                raise timeout_error(self.timeout) from None
        if learn and len(getattr(job, "query", "")) <= SCAN_CHARS:  # a long text is never checked in the loop
            self._learn(key, result.seconds)
        return result

    def _learn(self, key: Hashable, seconds: float) -> None:
        if self.inline_fast and seconds < FAST_SECONDS:
            _remember(self._fast, key, FAST_MEMORY)
        if seconds < LANE_SECONDS:
            _remember(self._quick, key, LANE_MEMORY)
        else:
            self._quick.pop(key, None)

    async def sparql(self, query: str, dataset: Dataset, format_name: str, accept: str | None) -> Rendered:
        """A SPARQL protocol request's response body, in ``format_name`` (or the format the
        query's kind needs when it differs from its form)."""
        self.prepare(query)
        result: Rendered = await self._submit(SparqlJob(query, dataset, format_name, accept, self.deadline()))
        return result

    async def run(
        self,
        query: str,
        *,
        dataset: Dataset | None = None,
        substitutions: Mapping[str, Any] | None = None,
        limit: int | None = None,
        trusted: bool = False,
    ) -> Outcome:
        """The solutions, boolean or triples of a query, as RDF terms (for the pages).
        ``trusted``: the server's own query, which may use the fast lane from the start."""
        self.prepare(query)
        subs = encoded_substitutions((substitutions or {}).items())
        job = RowsJob(query, dataset or Dataset(), subs, limit, self.deadline())
        return (await self._submit(job, trusted=trusted)).outcome()

    async def select(
        self, query: str, substitutions: Mapping[str, Any] | None = None, limit: int | None = None
    ) -> list[Any]:
        """The solutions of one of the server's own SELECT queries, by variable name."""
        return (await self.run(query, substitutions=substitutions, limit=limit, trusted=True)).rows

    async def saved(self, name: str, params: dict[str, list[str]], page: int | None = None) -> ResultTable:
        """A saved query bound with raw parameter values (in the worker) and run."""
        job = SavedJob(name, saved_params(params), page, self.deadline())
        return (await self._submit(job, trusted=True)).table()

    async def validate(self, job: ValidateJob) -> list[Any]:
        """A document's validation reports (:class:`kg.validation.report.ValidationReport`), made
        where the work can be stopped: in a general-lane worker (killed at the time limit) or a
        thread, as a client's query would be; refused (503) past the time or memory limit."""
        try:
            result: Validated = await self._submit(job, learn=False)
        except QueryTimeout:
            raise validation_timeout(self.timeout) from None
        except QueryResourceLimit:
            limit = self.pool.memory_mb if self.pool is not None else 0
            raise QueryResourceLimit(
                f"valideringen behövde mer minne än de {limit} MB den får använda / the validation "
                f"needed more than the {limit} MB of memory it may use",
                hint="Validera ett mindre dokument, eller kör kg validate lokalt / validate a smaller "
                "document, or run kg validate locally.",
            ) from None
        return list(result.reports)

    async def call(self, fn: Any, *args: Any) -> Any:
        """Run a blocking function on the server's own store (a page's quad patterns, a dump)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._threads, fn, *args)


def validation_timeout(timeout: float) -> QueryTimeout:
    return QueryTimeout(
        f"valideringen avbröts vid tidsgränsen {timeout:g} s / the validation was stopped at the time "
        f"limit of {timeout:g} s",
        hint="Försök igen om en stund, validera ett mindre dokument, eller kör kg validate lokalt / "
        "try again in a while, validate a smaller document, or run kg validate locally.",
    )


def _remember(memory: OrderedDict[Hashable, None], key: Hashable, size: int) -> None:
    memory[key] = None
    memory.move_to_end(key)
    if len(memory) > size:
        memory.popitem(last=False)


def graphs_param(values: Sequence[str], name: str) -> tuple[str, ...]:
    """The graph IRIs of the protocol parameter ``name`` (``default-graph-uri``, ...); a value
    that is no absolute IRI is the client's error (400), found before any query runs."""
    graphs = tuple(v.strip() for v in values if v.strip())
    for g in graphs:
        try:
            ox.NamedNode(g)
        except ValueError as exc:
            raise InputError(
                f"{name} ska vara en absolut IRI / must be an absolute IRI, not {g!r} ({exc})",
                hint=f"Till exempel / for example: {name}=http://example.org/graph/1",
            ) from None
    return graphs
