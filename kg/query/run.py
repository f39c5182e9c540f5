"""Running saved or ad-hoc queries with parameters bound as RDF terms.

Raw values become terms in :mod:`kg.query.bind` (re-exported here). Values are bound as RDF
terms, never user text spliced into the text: on the embedded store a
single value is written into the query as its serialised pyoxigraph term, which pyoxigraph plans
into its joins (:func:`kg.sparql_text.bind_constants`), or, where a constant cannot stand, a
pyoxigraph substitution (SEP-0007, so a parameter must appear in the SELECT projection);
several values of one parameter, and every value on a remote endpoint, become a
VALUES block of N-Triples terms at the start of the WHERE group (:mod:`kg.sparql_text`).
Names, SCB codes and concept slugs are resolved to IRIs against the store by the one resolver of
typed values, :mod:`kg.names` (:class:`kg.query.bind.Resolver`).

A saved query's result speaks the names its users give: a parameter's column is named as the
parameter (``county``, not ``__county_iri``) in every format, SPARQL results and run records
included, and the column of an optional parameter that was not given and that no row binds is
left out (:func:`public_table`).

The public API (used by the CLI and the web server): :func:`bind`, :func:`run_saved`,
:func:`run_bound`, :func:`run_sparql`, :func:`execute`, :func:`parse_param_args`,
:func:`example_args`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from kg.errors import EndpointError, KgError, QueryParameterError, QuerySyntaxError, QueryTimeout
from kg.iris import DEFAULT_BASE
from kg.query.bind import (
    MAX_DIGITS,
    Params,
    Resolver,
    absent_resources,
    bind,
    convert,
    example_args,
    parse_param_args,
)
from kg.query.cache import QueryCache, cache_key, default_cache, page_key
from kg.query.results import ResultTable, from_solutions
from kg.query.saved import SavedQuery, Term
from kg.sparql_text import (
    bind_constants,
    check_complexity,
    has_dataset_clause,
    inject_values,
    query_form,
    tokens,
    with_window,
)
from kg.store.core import GraphStore, is_remote


class _UseDefault:
    """The ``cache`` argument's default: the process-wide cache, built at first use."""


PROCESS_CACHE = _UseDefault()


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
    base: str = DEFAULT_BASE,
) -> ResultTable:
    """Bind ``params`` and run a saved query on a store or a :class:`kg.store.remote.RemoteEndpoint`.

    ``limit`` caps the rows (the table's ``truncated`` says whether more were there); ``page``
    (from 1) selects one page of ``limit`` rows, or of the query's ``pagination`` size when no
    limit is given. ``timeout`` in seconds. Results on the embedded store come from ``cache``
    while the store is unchanged (see :mod:`kg.query.cache`; ``None`` runs the query anyway).
    """
    bindings = bind(query, params, target, base=base)
    return run_bound(target, query, bindings, limit=limit, page=page, timeout=timeout, cache=cache)


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
    from kg.query.derived import form_for

    query = form_for(target, query, bindings)  # the derived facts, where the store has them all
    offset = None
    if page is not None:
        if page < 1:
            raise QueryParameterError(f"sidan ska vara 1 eller mer / page must be 1 or more, not {page}")
        size = limit if limit is not None else query.pagination
        if not size:
            raise QueryParameterError(
                f"frågan {query.name} har ingen sidstorlek / query {query.name} has no page size",
                hint="Ange sidstorleken med --limit / give the page size with --limit: "
                f"--page {page} --limit 50",
            )
        offset = (page - 1) * size
        limit = size
    # The result as its users see it (a page, or the whole result) is kept in the result cache:
    # a repeated page is one look-up however many runs a keyset read it with, and a repeated
    # whole result does not rename its columns row by row again. The whole result is kept only
    # there (its one run counts the miss); a page's runs keep their own entries.
    if isinstance(cache, _UseDefault):
        cache = default_cache()
    key = None
    if cache is not None and cache.enabled:
        key = page_key(target, f"{query.path}\n{query.sparql}", bindings, limit, offset or 0)
    shown = cache.get(key, count_miss=limit is None) if key is not None and cache is not None else None
    if shown is not None:
        return shown
    if limit is not None:
        shown = _page(target, query, bindings, limit, offset or 0, timeout, cache)
    else:
        whole = execute(target, query.sparql, bindings, timeout=timeout, cache=None if key else cache)
        shown = public_table(query, bindings, whole, 0)
    if key is not None and cache is not None:
        cache.put(key, shown)
    return shown


def _page(
    target: GraphStore,
    query: SavedQuery,
    bindings: Mapping[str, Sequence[Term]],
    limit: int,
    offset: int,
    timeout: float | None,
    cache: QueryCache | None,
) -> ResultTable:
    """Rows ``offset`` to ``offset + limit`` of a saved query, as its users see them: read by a
    keyset where one applies, else the query with ``LIMIT``/``OFFSET``."""
    # a listing ordered by municipality: its window, municipality by municipality
    from kg.query.keyset import run_window

    deadline = None if timeout is None else time.monotonic() + timeout

    def whole(text: str, values: Mapping[str, Sequence[Term]]) -> ResultTable:
        left = None if deadline is None else max(0.001, deadline - time.monotonic())
        return execute(target, text, values, timeout=left, cache=cache)

    window = run_window(target, query, bindings, limit, offset, whole)
    if window is None:
        # a listing ordered first by a stored number, highest first: its first values only
        from kg.query.value_window import run_value_window

        window = run_value_window(target, query, bindings, limit, offset, whole)
    if window is None:
        # the catalogue listing: its first records only
        from kg.query.catalogue_page import run_catalogue_window

        window = run_catalogue_window(target, query, bindings, limit, offset, whole)
    if window is not None:
        return public_table(query, bindings, window, offset)
    table = execute(
        target, query.sparql, bindings, limit=limit, offset=offset or None, timeout=timeout, cache=cache
    )
    return public_table(query, bindings, table, offset)


def public_table(
    query: SavedQuery, bindings: Mapping[str, Sequence[Term]], table: ResultTable, offset: int = 0
) -> ResultTable:
    """A saved query's result in its users' names: each parameter's column named as the parameter
    (``__county_iri`` → ``county``), and the column of an optional parameter that was not given
    and that no row binds left out (it would be empty in every row). ``offset`` is where the
    rows start in the whole result (a page)."""
    if table.boolean is not None:
        return table
    params = {p.variable: p for p in query.parameters}
    keep = [
        i
        for i, v in enumerate(table.variables)
        if not (v in params and v not in bindings and all(row[i] is None for row in table.rows))
    ]
    others = {v for v in table.variables if v not in params}
    names = [params[v].name if v in params and params[v].name not in others else v for v in table.variables]
    # A parameter's column echoes the value asked for, as bound: engines may hand the echo back
    # in another form of the same value (Virtuoso answers "true"^^xsd:boolean as
    # "1"^^xsd:integer), docs/triple-stores.md, engine differences.
    echo = {
        i: bindings[v][0]
        for i, v in enumerate(table.variables)
        if v in params and v in bindings and len(bindings[v]) == 1
    }
    return replace(
        table,
        variables=[names[i] for i in keep],
        rows=[
            tuple(echo[i] if i in echo and row[i] is not None else row[i] for i in keep) for row in table.rows
        ],
        offset=offset,
    )


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
        except OSError as exc:  # pyoxigraph's HTTP client: a SERVICE call that failed
            if not any(t.kind == "word" and t.text.upper() == "SERVICE" for t in tokens(text)):
                raise
            from kg.store.http import page_text  # an error page's text, not its markup

            why = page_text(str(exc).encode(), 300)
            raise EndpointError(
                f"ett SERVICE-anrop misslyckades / a SERVICE call failed: {why}",
                hint="Kontrollera SERVICE-adressen, eller skriv SERVICE SILENT för att gå vidare utan den / "
                "check the SERVICE URL, or write SERVICE SILENT to go on without it.",
            ) from None

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


__all__ = [
    "MAX_DIGITS",
    "PROCESS_CACHE",
    "Params",
    "Resolver",
    "absent_resources",
    "bind",
    "convert",
    "example_args",
    "execute",
    "parse_param_args",
    "public_table",
    "run_bound",
    "run_saved",
    "run_sparql",
]
