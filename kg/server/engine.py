"""Evaluating SPARQL for the server: read-only, time-limited, capped, off the event loop.

pyoxigraph cannot cancel a running query, so every query runs in a worker thread of a small pool
and is consumed solution by solution against a deadline: past it the worker stops, and the
request is answered 503 with the limit stated. (A single step that runs long, such as the grouping
of a big aggregate, finishes in its worker before it notices; the pool size bounds how many such
steps can run at once; see docs/decisions/0010-server-query-limits.md.) At most ``result_limit``
solutions or triples are kept; the outcome says when more were cut.
"""

from __future__ import annotations

import asyncio
import functools
import re
import time
from collections import OrderedDict
from collections.abc import Hashable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.errors import InputError, QueryRefused, QuerySyntaxError, QueryTimeout
from kg.query.text import check_complexity

XSD = "http://www.w3.org/2001/XMLSchema#"

_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n\r]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
               |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00B7-\uFFFF]+)
  | (?P<pname>(?:[A-Za-z\u00C0-\uFFFF][\w\-.\u00B7-\uFFFF]*)?:(?:[\w\-:%\u00B7-\uFFFF]|\\.|\.(?=[\w\-:%]))*)
  | (?P<word>[A-Za-z_][\w]*)
  | (?P<space>\s+)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class QueryShape:
    """What a cheap lexical pass over a query text finds (strings, IRIs and comments skipped)."""

    uses_service: bool
    function_iris: frozenset[str]
    """IRIs called as functions (``<iri>(...)`` or ``ex:f(...)``) outside the XSD namespace."""
    looks_like_update: bool
    form: str | None = None
    """``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE`` (or an update keyword), as written."""

    @property
    def returns_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")


_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}


_MEMO_CHARS = 20_000
"""Texts up to this long are memoised (the same query is usually sent again and again)."""


def inspect_query(text: str) -> QueryShape:
    if len(text) <= _MEMO_CHARS:
        return _inspect_memo(text)
    return _inspect(text)


def _inspect(text: str) -> QueryShape:
    tokens: list[tuple[str, str]] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind in ("comment", "space"):
            continue
        tokens.append((kind, m.group()))
    prefixes: dict[str, str] = {}
    functions: set[str] = set()
    service = False
    first_word: str | None = None
    for i, (kind, value) in enumerate(tokens):
        if kind == "word":
            upper = value.upper()
            if upper == "SERVICE":
                service = True
            if first_word is None and upper not in ("PREFIX", "BASE"):
                first_word = upper
            if upper == "PREFIX" and i + 2 < len(tokens) and tokens[i + 1][0] == "pname" \
                    and tokens[i + 2][0] == "iri":
                prefixes[tokens[i + 1][1].rstrip(":")] = tokens[i + 2][1][1:-1]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is not None and nxt[1] == "(" and kind in ("iri", "pname"):
            if kind == "iri":
                iri: str | None = value[1:-1]
            else:
                prefix, _, local = value.partition(":")
                iri = prefixes[prefix] + local if prefix in prefixes else None
            if iri and not iri.startswith(XSD) and ":" in iri:
                functions.add(iri)
    return QueryShape(service, frozenset(functions), first_word in _UPDATE_WORDS, first_word)


_inspect_memo = functools.lru_cache(maxsize=512)(_inspect)


def _unknown_function(*_args: object) -> None:
    """An extension function this server does not provide: an evaluation error (unbound)."""
    return None


@dataclass
class Outcome:
    """The evaluated query: solutions, a boolean, or triples."""

    kind: str
    """``solutions``, ``boolean`` or ``graph``."""
    variables: list[str] = field(default_factory=list)
    rows: list[Any] = field(default_factory=list)
    boolean: bool | None = None
    truncated: bool = False
    limit: int = 0
    seconds: float = 0.0


@dataclass(frozen=True)
class Dataset:
    """The RDF dataset of one request (SPARQL 1.1 Protocol ``default-graph-uri`` / ``named-graph-uri``)."""

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    @property
    def given(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


FAST_SECONDS = 0.002
"""A request whose last evaluation took less than this is evaluated without the worker pool."""
FAST_MEMORY = 1024
"""How many such requests are remembered (least recently learnt out first)."""


class QueryEngine:
    """Runs read-only SPARQL queries on a pyoxigraph store with a time limit and a result cap."""

    def __init__(
        self,
        store: ox.Store,
        *,
        timeout: float,
        result_limit: int,
        workers: int,
        allow_service: bool = False,
        base_iri: str | None = None,
        inline_fast: bool = False,
    ) -> None:
        self.store = store
        self.inline_fast = inline_fast
        """Whether requests known to be fast run in the event loop (only for a read-only store)."""
        self._fast: OrderedDict[Hashable, None] = OrderedDict()
        self.timeout = timeout
        self.result_limit = result_limit
        self.allow_service = allow_service
        self.base_iri = base_iri
        self._pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="kg-query")

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    # -- checks ---------------------------------------------------------------------------------
    def prepare(self, query: str) -> QueryShape:
        check_complexity(query)  # before anything parses it: a parser stack overflow kills a process
        shape = inspect_query(query)
        if shape.uses_service and not self.allow_service:
            raise QueryRefused(
                "SERVICE-anrop är avstängda på denna server / federated SERVICE calls are disabled "
                "on this server",
                hint="Start kg serve with --allow-service to enable them.",
            )
        return shape

    # -- evaluation -----------------------------------------------------------------------------
    def evaluate(
        self,
        query: str,
        *,
        dataset: Dataset | None = None,
        substitutions: Mapping[str, Any] | None = None,
        limit: int | None = None,
        deadline: float | None = None,
    ) -> Outcome:
        """Evaluate in the calling thread (the async :meth:`run` calls this in a worker)."""
        shape = self.prepare(query)
        limit = self.result_limit if limit is None else limit
        deadline = deadline if deadline is not None else time.monotonic() + self.timeout
        started = time.monotonic()
        if started > deadline:
            raise self._timeout()
        kwargs: dict[str, Any] = {"base_iri": self.base_iri}
        ds = dataset or Dataset()
        if ds.given:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in ds.default_graphs]
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in ds.named_graphs]
        else:
            kwargs["use_default_graph_as_union"] = True
        if shape.function_iris:
            kwargs["custom_functions"] = {ox.NamedNode(f): _unknown_function for f in shape.function_iris}
        if substitutions:
            kwargs["substitutions"] = {ox.Variable(k): v for k, v in substitutions.items()}
        # pyoxigraph's result iterators must be dropped in the thread that made them: each raise
        # below lets go of ``result`` first, as the traceback (and this frame) may go to another thread
        result: Any = None
        try:
            result = self.store.query(query, **kwargs)
            if isinstance(result, ox.QueryBoolean):
                return Outcome("boolean", boolean=bool(result), limit=limit,
                               seconds=time.monotonic() - started)
            out = Outcome("solutions" if isinstance(result, ox.QuerySolutions) else "graph", limit=limit)
            if isinstance(result, ox.QuerySolutions):
                out.variables = [v.value for v in result.variables]
            rows = out.rows
            for item in result:
                if time.monotonic() > deadline:
                    result = None
                    raise self._timeout()
                if len(rows) >= limit:
                    out.truncated = True
                    break
                rows.append(item)
        except SyntaxError as exc:
            hint = None
            if shape.looks_like_update:
                hint = ("Uppdateringar tas inte emot: detta är en skrivskyddad slutpunkt / updates are "
                        "not accepted: this is a read-only endpoint.")
            raise QuerySyntaxError(f"SPARQL syntax error: {exc}", hint=hint) from exc
        except OSError as exc:
            result = None
            raise InputError(f"the query could not be evaluated: {exc}") from exc
        result = None
        out.seconds = time.monotonic() - started
        return out

    def _timeout(self) -> QueryTimeout:
        return QueryTimeout(
            f"frågan avbröts vid tidsgränsen {self.timeout:g} s / the query was stopped at the time "
            f"limit of {self.timeout:g} s",
            hint="Förenkla frågan eller lägg till LIMIT / simplify the query or add a LIMIT.",
        )

    async def run(
        self,
        query: str,
        *,
        dataset: Dataset | None = None,
        substitutions: Mapping[str, Any] | None = None,
        limit: int | None = None,
    ) -> Outcome:
        """Evaluate in the worker pool; past the time limit raise :class:`QueryTimeout`.

        On a read-only store, a request whose last evaluation took under :data:`FAST_SECONDS`
        is evaluated in the calling (event loop) thread instead: it costs less than the hop to a
        worker and back. Its deadline is checked in the same way; a run that turns out slower
        than :data:`FAST_SECONDS` sends the request back to the pool next time.
        """
        self.prepare(query)
        deadline = time.monotonic() + self.timeout
        key = None
        if self.inline_fast:
            bound = tuple(sorted((k, str(v)) for k, v in (substitutions or {}).items()))
            key = (query, dataset or Dataset(), bound, limit)
            if key in self._fast:
                out = self.evaluate(query, dataset=dataset, substitutions=substitutions, limit=limit,
                                    deadline=deadline)
                if out.seconds >= FAST_SECONDS:
                    self._fast.pop(key, None)
                return out
        loop = asyncio.get_running_loop()
        fut = loop.run_in_executor(
            self._pool,
            lambda: self.evaluate(query, dataset=dataset, substitutions=substitutions, limit=limit,
                                  deadline=deadline),
        )
        try:
            out = await asyncio.wait_for(asyncio.shield(fut), timeout=self.timeout + 0.05)
        except TimeoutError:
            raise self._timeout() from None
        if key is not None and out.seconds < FAST_SECONDS:
            self._fast[key] = None
            if len(self._fast) > FAST_MEMORY:
                self._fast.popitem(last=False)
        return out

    async def select(self, query: str, substitutions: Mapping[str, Any] | None = None,
                     limit: int | None = None) -> list[ox.QuerySolution]:
        """The solutions of a SELECT (for the pages), within the same limits."""
        return (await self.run(query, substitutions=substitutions, limit=limit)).rows

    async def call_timed(self, fn: Any, *args: Any) -> Any:
        """Run a blocking function in the worker pool within the query time limit."""
        loop = asyncio.get_running_loop()
        fut = loop.run_in_executor(self._pool, fn, *args)
        try:
            return await asyncio.wait_for(asyncio.shield(fut), timeout=self.timeout)
        except TimeoutError:
            raise self._timeout() from None

    async def call(self, fn: Any, *args: Any) -> Any:
        """Run a blocking store function (a dump, a quad pattern) in the worker pool."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, fn, *args)


def graphs_param(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(v.strip() for v in values if v.strip())
