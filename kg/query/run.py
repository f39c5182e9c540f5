"""Binding saved-query parameters as RDF terms, and running saved or ad-hoc queries.

Values are bound as RDF terms, never user text spliced into the text: on the embedded store a
single value is written into the query as its serialised pyoxigraph term, which pyoxigraph plans
into its joins (:func:`kg.query.text.bind_constants`), or, where a constant cannot stand, a
pyoxigraph substitution (SEP-0007, so a parameter must appear in the SELECT projection);
several values of one parameter, and every value on a remote endpoint, become a
VALUES block of N-Triples terms at the start of the WHERE group (:mod:`kg.query.text`).
Names, SCB codes and concept slugs are resolved to IRIs against the store by the one resolver of
typed values, :mod:`kg.names` (:class:`Resolver`).

The public API (used by the CLI and the web server): :func:`bind`, :func:`run_saved`,
:func:`run_bound`, :func:`run_sparql`, :func:`execute`, :func:`parse_param_args`,
:func:`example_args`.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

import pyoxigraph as ox

from kg.errors import KgError, QueryParameterError, QuerySyntaxError, QueryTimeout
from kg.iris import Minter
from kg.names import COUNTY, MUNICIPALITY, NameIndex
from kg.query.cache import QueryCache, cache_key, default_cache
from kg.query.results import ResultTable, from_solutions
from kg.query.saved import XSD, ParamKind, QueryParameter, SavedQuery
from kg.query.text import (
    bind_constants,
    check_complexity,
    has_dataset_clause,
    inject_values,
    query_form,
    with_window,
)
from kg.store.core import GraphStore, is_remote

Term = ox.NamedNode | ox.Literal


class _UseDefault:
    """The ``cache`` argument's default: the process-wide cache, built at first use."""


PROCESS_CACHE = _UseDefault()

MAX_DIGITS = 18
"""Digits an integer parameter may have (a year, a count, a code; never thousands of digits)."""
Params = Mapping[str, str | Sequence[str]]
"""Raw parameter values as a user gives them: name → value or list of values."""


# -- binding ------------------------------------------------------------------------------------


def parse_param_args(args: Sequence[str]) -> dict[str, list[str]]:
    """``["municipality=0480", "year=2025"]`` → ``{"municipality": ["0480"], "year": ["2025"]}``."""
    out: dict[str, list[str]] = {}
    for arg in args:
        name, sep, value = arg.partition("=")
        if not sep or not name.strip():
            raise QueryParameterError(
                f"parametern ska skrivas namn=värde / a parameter is written name=value, not {arg!r}",
                hint="Example: -p municipality=Nyköping",
            )
        out.setdefault(name.strip(), []).append(value)
    return out


def example_args(query: SavedQuery) -> list[str]:
    """The example call's parameters as ``name=value`` strings (repeated for lists)."""
    out: list[str] = []
    for name, value in query.example.items():
        for v in value if isinstance(value, list) else [value]:
            out.append(f"{name}={v}")
    return out


def bind(query: SavedQuery, raw: Params | None, store: GraphStore | None = None) -> dict[str, list[Term]]:
    """Check and convert raw parameter values into RDF terms, by SPARQL variable name.

    Missing required parameters take their default; optional ones without a value stay
    unbound (absent from the result). Names, SCB codes and slugs are resolved against
    ``store`` (see :func:`resolve`). Raises :class:`QueryParameterError`.
    """
    given: dict[str, list[str]] = {}
    for name, value in (raw or {}).items():
        query.parameter(name)  # unknown name → error with did-you-mean
        values = [value] if isinstance(value, str) else list(value)
        values = [v for v in values if v.strip()]  # a blank value is not given, on every edge
        if values:
            given[name] = values
    missing = [p.name for p in query.parameters if p.required and p.name not in given and p.default is None]
    if missing:
        example = " ".join(f"-p {a}" for a in example_args(query)) or "-p name=value"
        raise QueryParameterError(
            f"parameter saknas / missing parameter: {', '.join(missing)} (fråga / query {query.name})",
            hint=f"Example: kg query run {query.name} {example}",
        )
    resolver = Resolver(store)
    out: dict[str, list[Term]] = {}
    for p in query.parameters:
        values = given.get(p.name) or ([p.default] if p.default is not None else [])
        if values:
            out[p.variable] = [convert(p, v, resolver) for v in values]
    return out


def convert(param: QueryParameter, value: str, resolver: Resolver | None = None) -> Term:
    """One raw value as an RDF term of the parameter's type (:class:`QueryParameterError` if not)."""
    value = value.strip()
    if param.enum is not None and value not in param.enum:
        raise QueryParameterError(
            f"{param.name}={value!r} är inte tillåtet / is not allowed",
            hint=f"Tillåtna värden / allowed values: {', '.join(param.enum)}",
        )

    def bad(expected: str) -> QueryParameterError:
        sv, en = expected.split(" / ")
        shown = value if len(value) <= 60 else value[:57] + "..."
        return QueryParameterError(
            f"{param.name}={shown!r} är inte {sv} / is not {en}",
            hint=f"Example: -p {param.name}={_example(param.kind)}",
        )

    if param.kind is ParamKind.integer:
        if not re.fullmatch(r"[+-]?[0-9]+", value):
            raise bad("ett heltal / an integer")
        if len(value.lstrip("+-").lstrip("0")) > MAX_DIGITS:
            raise bad(
                f"ett heltal med högst {MAX_DIGITS} siffror / an integer of at most {MAX_DIGITS} digits"
            )
        return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
    if param.kind is ParamKind.decimal:
        if not re.fullmatch(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", value):
            raise bad("ett tal / a number")
        if len(value) > 2 * MAX_DIGITS:
            raise bad(
                f"ett tal med högst {2 * MAX_DIGITS} tecken / a number of at most {2 * MAX_DIGITS} characters"
            )
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise bad("ett tal / a number") from None
        if not number.is_finite():
            raise bad("ett tal / a number")
        return ox.Literal(str(number), datatype=ox.NamedNode(XSD + "decimal"))
    if param.kind is ParamKind.date:
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise bad("ett datum ÅÅÅÅ-MM-DD / a date YYYY-MM-DD") from None
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise bad("ett datum ÅÅÅÅ-MM-DD / a date YYYY-MM-DD")
        return ox.Literal(day.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    if param.kind is ParamKind.boolean:
        flag = _BOOLEANS.get(value.lower())
        if flag is None:
            raise bad(
                "sant eller falskt (true, false, ja, nej, 1, 0) / true or false (true, false, yes, no, 1, 0)"
            )
        return ox.Literal("true" if flag else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if param.kind is ParamKind.string:
        return ox.Literal(value)
    if param.kind is ParamKind.lang:
        return ox.Literal(value, language=param.lang)
    # IRIs
    if param.entity and resolver is not None and not _looks_like_iri(value):
        return resolver.resolve(param, value)
    if not _looks_like_iri(value):
        raise bad("en IRI / an IRI")
    try:
        return ox.NamedNode(value)
    except ValueError:
        raise bad("en giltig IRI / a valid IRI") from None


_BOOLEANS = {
    "true": True,
    "false": False,
    "ja": True,
    "nej": False,
    "yes": True,
    "no": False,
    "1": True,
    "0": False,
}

_EXAMPLES = {
    ParamKind.boolean: "true",
    ParamKind.integer: "2025",
    ParamKind.decimal: "12",
    ParamKind.date: "2025-06-30",
    ParamKind.string: "skola",
    ParamKind.lang: "skola",
}


def _example(kind: ParamKind) -> str:
    # An IRI's example is minted when needed: minting imports rdflib, which a query does not need.
    return str(Minter().municipality_org("0480")) if kind is ParamKind.iri else _EXAMPLES.get(kind, "x")


def _looks_like_iri(value: str) -> bool:
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value) is not None and not re.fullmatch(r"\d+", value)


_INDEXES: dict[tuple[int, int], NameIndex] = {}
"""Name indexes shared across calls, by (store token, store generation): the names are read
again only when the store has changed (see :mod:`kg.query.cache`)."""
_MAX_INDEXES = 32
_INDEXES_LOCK = threading.Lock()


def _shared_key(store: GraphStore | None) -> tuple[int, int] | None:
    token = getattr(store, "cache_token", None)
    generation = getattr(store, "generation", None)
    if not isinstance(token, int) or not isinstance(generation, int) or not default_cache().enabled:
        return None
    return (token, generation)


class _Empty:
    """No store: an index with no names (every value is unknown, with the 'kg init' hint)."""

    def query(self, sparql: str) -> list[Any]:
        del sparql
        return []


class Resolver:
    """Resolves names, SCB codes and slugs of entity parameters (municipality, county, concepts)
    to IRIs with the one resolver of typed values, :class:`kg.names.NameIndex`, over the
    reference data and vocabularies in the store."""

    def __init__(self, store: GraphStore | None) -> None:
        self.store = store
        self._names: NameIndex | None = None

    @property
    def names(self) -> NameIndex:
        if self._names is None:
            shared = _shared_key(self.store)
            with _INDEXES_LOCK:
                hit = _INDEXES.get(shared) if shared is not None else None
            self._names = hit or NameIndex(self.store if self.store is not None else _Empty())
            if shared is not None and hit is None:
                with _INDEXES_LOCK:
                    while len(_INDEXES) >= _MAX_INDEXES:
                        _INDEXES.pop(next(iter(_INDEXES)))
                    _INDEXES[shared] = self._names
        return self._names

    def warm(self) -> None:
        """Read the names now (a server worker does this before it says it is ready)."""
        for kind in (MUNICIPALITY, COUNTY):
            self.names.entries(kind)

    def resolve(self, param: QueryParameter, value: str) -> ox.NamedNode:
        entity = param.entity or ""
        found = self.names.lookup(entity, value)
        if found.entry is not None:
            return ox.NamedNode(found.entry.iri)
        if found.matches:
            raise QueryParameterError(
                f"{param.name}={value!r} är tvetydigt / is ambiguous", hint=found.hint()
            )
        what = {"municipality": "kommun / municipality", "county": "län / county"}.get(
            entity, f"begrepp i / concept in {entity}"
        )
        raise QueryParameterError(f"okänd {what}: {value!r} (parameter {param.name})", hint=found.hint())


# -- running ------------------------------------------------------------------------------------


def run_saved(
    target: GraphStore,
    query: SavedQuery,
    params: Params | None = None,
    *,
    limit: int | None = None,
    page: int | None = None,
    timeout: float | None = None,
    cache: QueryCache | _UseDefault | None = PROCESS_CACHE,
) -> ResultTable:
    """Bind ``params`` and run a saved query on a store or a :class:`kg.store.remote.RemoteEndpoint`.

    ``limit`` caps the rows (the table's ``truncated`` says whether more were there); ``page``
    (from 1) selects one page of ``limit`` rows, or of the query's ``pagination`` size when no
    limit is given. ``timeout`` in seconds. Results on the embedded store come from ``cache``
    while the store is unchanged (see :mod:`kg.query.cache`; ``None`` runs the query anyway).
    """
    return run_bound(
        target, query, bind(query, params, target), limit=limit, page=page, timeout=timeout, cache=cache
    )


def run_bound(
    target: GraphStore,
    query: SavedQuery,
    bindings: Mapping[str, Sequence[Term]],
    *,
    limit: int | None = None,
    page: int | None = None,
    timeout: float | None = None,
    cache: QueryCache | _UseDefault | None = PROCESS_CACHE,
) -> ResultTable:
    """Run a saved query with values already bound by :func:`bind` (see :func:`run_saved`)."""
    offset = None
    if page is not None:
        if page < 1:
            raise QueryParameterError(f"sidan ska vara 1 eller mer / page must be 1 or more, not {page}")
        size = limit if limit is not None else query.pagination
        if not size:
            raise QueryParameterError(
                f"frågan {query.name} har ingen sidstorlek / has no pagination; use --limit with --page"
            )
        offset = (page - 1) * size
        limit = size
    return execute(target, query.sparql, bindings, limit=limit, offset=offset, timeout=timeout, cache=cache)


def run_sparql(
    target: GraphStore,
    sparql: str,
    *,
    limit: int | None = None,
    timeout: float | None = None,
    cache: QueryCache | _UseDefault | None = PROCESS_CACHE,
) -> ResultTable:
    """Run an ad-hoc query text (SELECT, ASK, CONSTRUCT or DESCRIBE) without parameters."""
    return execute(target, sparql, {}, limit=limit, timeout=timeout, cache=cache)


def execute(
    target: GraphStore,
    sparql: str,
    bindings: Mapping[str, Sequence[Term]],
    *,
    limit: int | None = None,
    offset: int | None = None,
    timeout: float | None = None,
    cache: QueryCache | _UseDefault | None = PROCESS_CACHE,
) -> ResultTable:
    """Run a query with bound variables and return its :class:`ResultTable`.

    Single values go to the store as substitutions (the remote endpoint turns them into a VALUES
    block itself); several values of one variable become a VALUES block here. On the embedded
    store the result is taken from (and kept in) ``cache`` while the store's generation is
    unchanged; remote endpoints are never cached.
    """
    if limit is not None and limit < 0:
        raise QueryParameterError(f"--limit ska vara 0 eller mer / must be 0 or more, not {limit}")
    check_complexity(sparql)  # before anything parses it: a parser stack overflow kills the process
    form = query_form(sparql)
    text = sparql
    if form == "SELECT" and (limit is not None or offset):
        text = with_window(text, None if limit is None else limit + 1, offset)
    singles = {k: v[0] for k, v in bindings.items() if len(v) == 1}
    multis = {k: list(v) for k, v in bindings.items() if len(v) > 1}
    if multis:
        text = inject_values(text, multis)
    if is_remote(target):
        return from_solutions(target.query(text, singles, timeout=timeout), limit)
    if isinstance(cache, _UseDefault):
        cache = default_cache()
    key = cache_key(target, text, singles, limit) if cache is not None and cache.enabled else None
    if key is not None and cache is not None:
        hit = cache.get(key)
        if hit is not None:
            return hit
    table = _local(target, text, singles, limit, timeout)
    if key is not None and cache is not None:
        cache.put(key, table)
    return table


def _local(
    store: GraphStore, text: str, subs: Mapping[str, Term], limit: int | None, timeout: float | None
) -> ResultTable:
    # a query that names its dataset (FROM, FROM NAMED) gets it; otherwise the union of all graphs
    union = not has_dataset_clause(text)

    def work() -> ResultTable:
        try:
            constant = bind_constants(text, subs) if subs else None
            if constant is not None:
                try:
                    return from_solutions(store.query(constant, union=union), limit)
                except QuerySyntaxError:
                    pass  # a literal where only an IRI may stand, say: substitution decides
            return from_solutions(store.query(text, subs, union=union), limit)
        except RuntimeError as exc:
            msg = str(exc)
            if "projection" in msg:
                raise QueryParameterError(
                    f"en parameter saknas i SELECT / a parameter is not in the SELECT projection: {msg}",
                    hint="Substitution (SEP-0007) needs every parameter in the SELECT clause.",
                ) from exc
            raise QuerySyntaxError(f"frågan kunde inte köras / the query failed: {msg}") from exc

    if timeout is None:
        return work()
    outcome: dict[str, Any] = {}

    def runner() -> None:
        try:
            outcome["table"] = work()
        except (KgError, OSError) as exc:
            outcome["error"] = exc

    # A daemon thread: pyoxigraph releases the GIL while it evaluates, so join() can time out.
    # The query cannot be cancelled; the thread finishes (or dies with the process) on its own.
    thread = threading.Thread(target=runner, name="kg-query", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise QueryTimeout(
            f"frågan tog mer än {timeout:g} s / the query ran past {timeout:g} s",
            hint="Öka --timeout eller begränsa frågan / raise --timeout or narrow the query.",
        )
    if "error" in outcome:
        raise outcome["error"]
    table: ResultTable = outcome["table"]
    return table
