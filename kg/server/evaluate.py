"""Evaluating one read-only SPARQL query in the calling thread: checks, a deadline, a result cap.

This is the work itself, the same wherever it runs: in a query worker process (the server's
normal case, :mod:`kg.server.worker`), in a thread of the server (a writable store), or in the
event loop for a request known to be fast (:mod:`kg.server.engine`). The solutions are consumed
one by one against the deadline, and at most ``limit`` are kept; the outcome says when more were
cut. Before anything parses the query, :func:`kg.sparql_text.check_complexity` refuses one nested
too deep or too long for the parser's stack.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.errors import InputError, QueryRefused, QuerySyntaxError, QueryTimeout
from kg.query.adhoc import query_order
from kg.sparql_text import check_complexity, has_dataset_clause
from kg.sparql_text import tokens as sparql_tokens

XSD = "http://www.w3.org/2001/XMLSchema#"


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
    # The one SPARQL tokenizer of the project (kg.sparql_text), comments and spaces left out.
    tokens = [(t.kind, t.text) for t in sparql_tokens(text) if t.kind not in ("comment", "space")]
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
            if (
                upper == "PREFIX"
                and i + 2 < len(tokens)
                and tokens[i + 1][0] == "pname"
                and tokens[i + 2][0] == "iri"
            ):
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


def timeout_error(timeout: float) -> QueryTimeout:
    return QueryTimeout(
        f"frågan avbröts vid tidsgränsen {timeout:g} s / the query was stopped at the time "
        f"limit of {timeout:g} s",
        hint="Förenkla frågan eller lägg till LIMIT / simplify the query or add a LIMIT.",
    )


def prepare(query: str, *, allow_service: bool) -> QueryShape:
    """The query's shape, once it is known to be safe to parse and allowed here."""
    if not query.strip():  # the parser would say "error at 1:1: expected [_]"
        raise QuerySyntaxError(
            "frågan är tom / the query is empty",
            hint="Skicka en SELECT-, ASK-, CONSTRUCT- eller DESCRIBE-fråga / send a SELECT, ASK, "
            "CONSTRUCT or DESCRIBE query: ?query=... (GET or form), or as the body with "
            "Content-Type: application/sparql-query.",
        )
    check_complexity(query)  # before anything parses it: a parser stack overflow ends a process
    shape = inspect_query(query)
    if shape.uses_service and not allow_service:
        raise QueryRefused(
            "SERVICE-anrop är avstängda på denna server / federated SERVICE calls are disabled "
            "on this server",
            hint="Start kg serve with --allow-service to enable them.",
        )
    return shape


class _Reordered:
    """A solution whose columns are read in another order (by position), or by name as before."""

    __slots__ = ("_index", "_solution")

    def __init__(self, solution: Any, index: list[int]) -> None:
        self._solution = solution
        self._index = index

    def __getitem__(self, key: Any) -> Any:
        return self._solution[self._index[key]] if isinstance(key, int) else self._solution[key]


def evaluate(
    store: ox.Store,
    query: str,
    *,
    deadline: float,
    timeout: float,
    limit: int,
    allow_service: bool = False,
    base_iri: str | None = None,
    dataset: Dataset | None = None,
    substitutions: Mapping[str, Any] | None = None,
) -> Outcome:
    """Evaluate ``query`` on ``store`` in the calling thread; past ``deadline`` raise QueryTimeout.

    The dataset: the protocol's ``default-graph-uri``/``named-graph-uri`` when given, else the
    query's own ``FROM``/``FROM NAMED``, else the union of all graphs as the default graph.
    """
    shape = prepare(query, allow_service=allow_service)
    started = time.monotonic()
    if started > deadline:
        raise timeout_error(timeout)
    kwargs: dict[str, Any] = {"base_iri": base_iri}
    ds = dataset or Dataset()
    if ds.given:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in ds.default_graphs]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in ds.named_graphs]
    elif not has_dataset_clause(query):
        kwargs["use_default_graph_as_union"] = True
    if shape.function_iris:
        kwargs["custom_functions"] = {ox.NamedNode(f): _unknown_function for f in shape.function_iris}
    if substitutions:
        kwargs["substitutions"] = {ox.Variable(k): v for k, v in substitutions.items()}
    # pyoxigraph's result iterators must be dropped in the thread that made them: each raise
    # below lets go of ``result`` first, as the traceback (and this frame) may go to another thread
    result: Any = None
    try:
        result = store.query(query, **kwargs)
        if isinstance(result, ox.QueryBoolean):
            return Outcome("boolean", boolean=bool(result), limit=limit, seconds=time.monotonic() - started)
        out = Outcome("solutions" if isinstance(result, ox.QuerySolutions) else "graph", limit=limit)
        index: list[int] | None = None
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            out.variables = query_order(query, names)  # SELECT *: as kg sparql orders it
            index = [names.index(v) for v in out.variables] if out.variables != names else None
        rows = out.rows
        for item in result:
            if index is not None:
                item = _Reordered(item, index)
            if time.monotonic() > deadline:
                result = None
                raise timeout_error(timeout)
            if len(rows) >= limit:
                out.truncated = True
                break
            rows.append(item)
    except SyntaxError as exc:
        hint = None
        if shape.looks_like_update:
            hint = (
                "Uppdateringar tas inte emot: detta är en skrivskyddad slutpunkt / updates are "
                "not accepted: this is a read-only endpoint."
            )
        raise QuerySyntaxError(f"SPARQL syntax error: {exc}", hint=hint) from exc
    except OSError as exc:
        result = None
        raise InputError(f"the query could not be evaluated: {exc}") from exc
    result = None
    out.seconds = time.monotonic() - started
    return out
