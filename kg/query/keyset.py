"""A page of a listing sorted by municipality, read municipality by municipality (issue 19).

pyoxigraph sorts a whole result before ``LIMIT`` takes its first rows, decoding the compared
terms at every comparison: the first 100 rows of a listing of 100,000 cost the whole listing.
Many saved queries are listings ordered first by the municipality's Swedish name
(``ORDER BY ?municipalityName ...``) with a municipality parameter. For those, the rows of one
municipality are a run of consecutive rows of the whole ordered result, so a page is the rows
of the municipalities in name order, each run with the municipality bound as a constant (which
pyoxigraph plans into its joins: a few milliseconds each), until the page is full: a *keyset*
on the leading sort key.

:func:`keyset_variable` says whether a query qualifies; :func:`run_window` reads a window. The
order of municipalities is read once per store generation (one scan of ``mbl:municipality``).
It is exact only when every municipality in the store has exactly one Swedish name and no two
share one; otherwise (and on a remote endpoint) the query runs whole, as before. When one
municipality is given, its rows are one run of the query's plain form with the municipality a
constant, where the query has a plain form; else the query runs whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import pyoxigraph as ox

from kg.namespaces import sparql_prefixes
from kg.query.keyset_batch import batch
from kg.query.lru import BoundedLRU
from kg.query.results import ResultTable
from kg.query.saved import QueryParameter, SavedQuery, Term, twin_form
from kg.sparql_text import (
    bind_constants,
    bound_query,
    has_dataset_clause,
    order_by,
    tokens,
    written_iri,
)
from kg.store.core import GraphStore, is_remote

NAME_VARIABLE = "municipalityName"
"""The leading ORDER BY key a keyset listing sorts by: the municipality's Swedish name."""

PROBE_RUNS = 4
"""Municipalities read before the rows per municipality are judged (see MAX_RUNS)."""
MAX_RUNS = 32
"""Most municipalities a page is read from (or :data:`RUN_SHARE` of them, when that is more);
when the rows so far say a page needs more, the query runs whole instead (a listing whose rows
few municipalities have)."""
RUN_SHARE = 4
"""A page may be read from one municipality in this many: the whole query reads every
municipality's rows, and more dearly (search-activities nationally, about 3 rows a municipality:
34 municipalities one at a time cost 200 ms CPU, the whole query 450-600 ms)."""

_MUNICIPALITIES = (
    sparql_prefixes("mbl", "skos")
    + """SELECT ?m ?name WHERE {
  { SELECT DISTINCT ?m WHERE { ?x mbl:municipality ?m } }
  OPTIONAL { ?m skos:prefLabel ?name FILTER(LANG(?name) = "sv") }
}"""
)

_COUNTIES = (
    sparql_prefixes("mbl", "dct", "geo")
    + """SELECT ?m ?county WHERE {
  { SELECT DISTINCT ?m WHERE { ?x mbl:municipality ?m } }
  ?m dct:spatial ?place . ?place geo:sfWithin ?county .
}"""
)

Run = Callable[[str, Mapping[str, Sequence[Term]]], ResultTable]
"""How a window reader runs a text whole with bindings (kg.query.run gives it)."""

_MAX_ORDERS = 16
_KNOWN: BoundedLRU[tuple[Any]] = BoundedLRU(max_entries=3 * _MAX_ORDERS, max_bytes=6 * _MAX_ORDERS)
"""What a store generation tells the keysets (its municipalities' order, their counties, the
dates of a listing), in the one bounded cache; each value is kept in a 1-tuple, since None is
an answer too."""


def per_generation(store: GraphStore, what: tuple[Hashable, ...], compute: Callable[[], Any]) -> Any:
    """``compute()``, remembered for the store's generation (a store that cannot say its
    generation is asked again each time)."""
    token = getattr(store, "cache_token", None)
    generation = getattr(store, "generation", None)
    if not isinstance(token, int) or not isinstance(generation, int):
        return compute()
    key = (*what, token, generation)
    known = _KNOWN.get(key, count_miss=False)
    if known is not None:
        return known[0]
    value = compute()
    _KNOWN.put(key, (value,), 1)
    return value


def keyset_variable(query: SavedQuery) -> str | None:
    """The variable :func:`run_window` binds to one municipality at a time, or None."""
    plan = keyset_plan(query)
    return plan[0] if plan else None


def keyset_plan(query: SavedQuery) -> tuple[str, bool] | None:
    """The variable to bind to one municipality at a time when ``query`` is a listing ordered
    first by the municipality's Swedish name, or None. Its top-level ``ORDER BY`` starts with
    ``?municipalityName`` (ascending), bound as ``?m skos:prefLabel ?municipalityName``, where
    ``?m`` is the municipality parameter's variable, or a variable the parameter sets with
    ``FILTER(?m = COALESCE(?param, ?m))`` (then the parameter is bound), or, in a query without a
    municipality parameter, the object of ``mbl:municipality`` (then ``?m`` is bound). The flag
    says whether the bound variable's column is to be left unbound in the rows, as the whole
    query leaves it (a parameter that only a filter reads). Remembered by text and parameters."""
    return _keyset_plan(query.sparql, query.parameters)


@lru_cache(maxsize=256)
def _keyset_plan(sparql: str, parameters: tuple[QueryParameter, ...]) -> tuple[str, bool] | None:
    toks = [t for t in tokens(sparql) if t.kind not in ("space", "comment")]
    texts = [t.text for t in toks]
    order = order_by(toks)
    if (
        order is None
        or len(toks) < order + 3
        or texts[order + 2] not in (f"?{NAME_VARIABLE}", f"${NAME_VARIABLE}")
    ):
        return None
    labelled = {
        texts[i][1:]
        for i in range(len(texts) - 2)
        if texts[i][:1] in "?$" and texts[i + 1] == "skos:prefLabel" and texts[i + 2][1:] == NAME_VARIABLE
    }
    if len(labelled) != 1:
        return None
    (var,) = labelled
    params = [p for p in parameters if p.entity == "municipality"]
    if len(params) > 1:
        return None
    if params:
        param = params[0].variable
        if var == param:
            return var, False
        sets = ["?" + var, "=", "COALESCE", "(", "?" + param, ",", "?" + var, ")"]
        found = any(
            [t.upper() if t.isalpha() else t for t in texts[i : i + 8]] == sets for i in range(len(texts))
        )
        return (param, True) if found else None
    found = any(texts[i] == "mbl:municipality" and texts[i + 1] == "?" + var for i in range(len(texts) - 1))
    return (var, False) if found else None


def filter_set(text: str, param: str) -> str | None:
    """The variable that ``text`` restricts to the parameter ``param`` by a filter, written
    ``FILTER(?m = COALESCE(?param, ?m))`` or ``FILTER(COALESCE(?m = ?param, true))``, or None.
    A page binds it to its municipality as well: a constant in its triple pattern is planned
    into the joins, a filter is not (activities-never-reported's plain form for one
    municipality at 10x: 375 ms of CPU with the parameter alone, 45 ms with both)."""
    return _filter_set(text, param)


@lru_cache(maxsize=256)
def _filter_set(text: str, param: str) -> str | None:
    texts = [t.text for t in tokens(text) if t.kind not in ("space", "comment")]
    words = [w.upper() if w.isalpha() else w for w in texts]
    found: set[str] = set()
    for i in range(len(words) - 9):
        if words[i : i + 2] != ["FILTER", "("]:
            continue
        a = words[i + 2 : i + 11]
        if (
            a[1:4] == ["=", "COALESCE", "("]
            and a[4] == "?" + param
            and a[5] == ","
            and a[6] == a[0]
            and a[7:9] == [")", ")"]
        ):
            found.add(a[0])
        elif a[0:2] == ["COALESCE", "("] and a[3:5] == ["=", "?" + param] and a[5:8] == [",", "TRUE", ")"]:
            found.add(a[2])
    found = {v for v in found if v[:1] == "?" and v != "?" + param}
    return next(iter(found))[1:] if len(found) == 1 else None


def page_text(query: SavedQuery) -> str:
    """The text a page runs for one municipality: the query's plain form
    (``queries/plain/NAME.rq``, tested to give the same rows) when it has one with the same
    parameters, else its own. A tuned form joins whole scans by hashing, which pays off over the
    whole country but not for one municipality; the plain form's patterns are planned from the
    municipality's constant."""
    return page_text_of(str(query.path), query.sparql, query.parameters)


@lru_cache(maxsize=256)
def page_text_of(path: str, sparql: str, parameters: tuple[Any, ...]) -> str:
    """:func:`page_text` of the query in file ``path`` with text ``sparql`` and ``parameters``."""
    twin = twin_form(path, "plain", parameters)
    return sparql if twin is None else twin.sparql


def municipality_order(store: GraphStore) -> list[ox.NamedNode] | None:
    """Every municipality named by ``mbl:municipality`` in the store, by Swedish name (as SPARQL
    orders the names: by code point), or None when a name is missing or shared (the order of
    rows would then not follow the municipalities)."""
    return per_generation(store, ("order",), lambda: _municipality_order(store))  # type: ignore[no-any-return]


def _municipality_order(store: GraphStore) -> list[ox.NamedNode] | None:
    names: dict[ox.NamedNode, list[str]] = {}
    for row in store.query(_MUNICIPALITIES, union=True):
        m, name = row["m"], row["name"]
        if not isinstance(m, ox.NamedNode):
            continue
        names.setdefault(m, [])
        if isinstance(name, ox.Literal):
            names[m].append(name.value)
    order: list[ox.NamedNode] | None
    if any(len(v) != 1 for v in names.values()) or len({v[0] for v in names.values()}) != len(names):
        order = None
    else:
        order = sorted(names, key=lambda m: names[m][0])
    return order


def municipality_counties(store: GraphStore) -> dict[ox.NamedNode, set[ox.NamedNode]]:
    """What each municipality's area lies within (its county), by municipality; once per store
    generation. A promise's area lies in its municipality (shapes/coherence.ttl), so a promise
    in a county is one of that county's municipalities."""
    return per_generation(store, ("counties",), lambda: _municipality_counties(store))  # type: ignore[no-any-return]


def _municipality_counties(store: GraphStore) -> dict[ox.NamedNode, set[ox.NamedNode]]:
    within: dict[ox.NamedNode, set[ox.NamedNode]] = {}
    for row in store.query(_COUNTIES, union=True):
        m, county = row["m"], row["county"]
        if isinstance(m, ox.NamedNode) and isinstance(county, ox.NamedNode):
            within.setdefault(m, set()).add(county)
    return within


def run_window(
    target: GraphStore,
    query: SavedQuery,
    bindings: Mapping[str, Sequence[Term]],
    limit: int,
    offset: int,
    run: Run,
) -> ResultTable | None:
    """Rows ``offset`` to ``offset + limit`` of ``query``, read municipality by municipality with
    ``run`` (which runs a text whole with the given bindings: :func:`page_text`), or None when the keyset does
    not apply (then the caller runs the query with ``LIMIT``/``OFFSET``)."""
    plan = keyset_plan(query)
    if plan is None:
        return run_date_window(target, query, bindings, limit, offset, run)
    if is_remote(target):
        return None
    if plan[0] in bindings:
        return _given(query, bindings, plan[0], limit, offset, run)
    var, blank = plan
    order = municipality_order(target)
    if order is None:
        return None
    counties = [p.variable for p in query.parameters if p.entity == "county"]
    if len(counties) == 1 and len(bindings.get(counties[0], ())) == 1:
        # a county given: only its municipalities (and any whose county is not known)
        county = bindings[counties[0]][0]
        within = municipality_counties(target)
        order = [m for m in order if m not in within or county in within[m]]
    text = page_text(query)
    also = filter_set(text, var) if blank else None
    if also is not None and bind_constants(text, {var: order[0], also: order[0]} if order else {}) is None:
        also = None  # a constant cannot stand where the text uses it: the parameter alone
    want = offset + limit + 1  # one more row says whether there are more
    rows: list[Any] = []
    variables: list[str] | None = None
    most = max(MAX_RUNS, len(order) // RUN_SHARE)
    for runs, municipality in enumerate(order, 1):
        values = {**bindings, var: [municipality]}
        if also is not None:
            values[also] = [municipality]
        table = run(text, values)
        variables = table.variables
        if blank and var in variables:
            at = variables.index(var)
            rows.extend((*row[:at], None, *row[at + 1 :]) for row in table.rows)
        else:
            rows.extend(table.rows)
        if len(rows) >= want:
            break
        if runs >= PROBE_RUNS and runs + (want - len(rows)) * runs / max(len(rows), 1) > most:
            # sparse: the next municipalities in one run, else the whole query (NOTES.md)
            also_set = filter_set(query.sparql, var)
            more = batch(
                query.sparql, also_set, bindings, var, order[runs:], want - len(rows), len(rows) / runs, run
            )
            if more is None or more.variables != variables or len(rows) + len(more.rows) < want:
                return None
            rows.extend(more.rows)
            break
    if variables is None:
        return None
    return ResultTable(variables, rows[offset : offset + limit], truncated=len(rows) > offset + limit)


def _given(
    query: SavedQuery, bindings: Mapping[str, Sequence[Term]], var: str, limit: int, offset: int, run: Run
) -> ResultTable | None:
    """The window when the municipality is given: one run of the page text (the query's plain
    form) with the municipality a constant in its pattern as well, as a page reads each
    municipality; or None (several municipalities, or no plain form: the caller runs the query
    with ``LIMIT``/``OFFSET``). The tuned form hashes whole scans, which one municipality does
    not need: activities-never-reported for Linköping at 10x took every assessment of the
    country away from its activities (284,867 rows), the plain form looks its few up."""
    values = bindings[var]
    text = page_text(query)
    if len(values) != 1 or text == query.sparql:
        return None
    also = filter_set(text, var)
    given = dict(bindings)
    if also is not None and bind_constants(text, {var: values[0], also: values[0]}) is not None:
        given[also] = [values[0]]
    table = run(text, given)
    rows = table.rows
    return ResultTable(table.variables, rows[offset : offset + limit], truncated=len(rows) > offset + limit)


# -- a keyset on a leading date ------------------------------------------------------------------

MAX_DATES = 200
"""Most distinct dates a page is read from, one at a time; a listing with more runs whole."""
MAX_DATE_ROWS = 2000
"""Most rows a page reads date by date (its offset and size): a run per date costs about three
times a row of the whole query (promises-in-period at 10x: its last page read date by date
3.3 s of CPU, the whole query 1.0 s), so deep pages run whole; so does a listing whose page
would read a date that holds half of all the dates' triples."""

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_TYPE = "http://www.w3.org/2001/XMLSchema#date"


def date_plan(query: SavedQuery) -> tuple[str, ox.NamedNode] | None:
    """The variable and predicate (its IRI) of a listing ordered first by a date, or None: its
    top-level ``ORDER BY`` starts with ``?v`` (ascending), bound by exactly one triple pattern
    ``?x P ?v`` (``P`` an IRI, or a prefixed name the text declares) outside any ``OPTIONAL``,
    ``MINUS`` or ``UNION``, and in the text a page runs (:func:`page_text`) likewise. Then the
    rows of one value of ``?v`` are a run of consecutive rows of the whole ordered result, read
    with ``?v`` bound as a constant.
    Remembered by the query's file, text and parameters."""
    return _date_plan_of(str(query.path), query.sparql, query.parameters)


@lru_cache(maxsize=256)
def _date_plan_of(
    path: str, sparql: str, parameters: tuple[QueryParameter, ...]
) -> tuple[str, ox.NamedNode] | None:
    found: tuple[str, ox.NamedNode] | None = None
    for text in dict.fromkeys((sparql, page_text_of(path, sparql, parameters))):
        plan = _date_plan(text)
        if plan is None or (found is not None and plan != found):
            return None
        found = plan
    return found


def _date_plan(text: str) -> tuple[str, ox.NamedNode] | None:
    toks = [t for t in tokens(text) if t.kind not in ("space", "comment")]
    texts = [t.text for t in toks]
    if any(t.upper() in ("UNION", "MINUS") for t in texts):
        return None
    order = order_by(toks)
    if order is None or len(toks) < order + 3 or toks[order + 2].kind != "var":
        return None
    var = texts[order + 2]
    groups: list[str] = []  # the word before each open brace
    uses: list[tuple[str, bool]] = []
    for i, t in enumerate(toks[:order]):
        if t.kind == "open":
            groups.append(texts[i - 1].upper() if i else "")
        elif t.kind == "close" and groups:
            groups.pop()
        elif texts[i] == var and i >= 2 and toks[i - 2].kind == "var" and toks[i - 1].kind != "var":
            uses.append((texts[i - 1], "OPTIONAL" in groups))
    if len(uses) != 1 or uses[0][1] or not re.fullmatch(r"<[^>\s]*>|[A-Za-z][\w.-]*:[\w.-]+", uses[0][0]):
        return None
    predicate = written_iri(uses[0][0], toks)
    return None if predicate is None else (var[1:], predicate)


_DATE_COUNT = "SELECT ?v (COUNT(*) AS ?n) WHERE { ?x ?predicate ?v } GROUP BY ?v"


def date_order(store: GraphStore, predicate: ox.NamedNode) -> list[tuple[ox.Literal, int]] | None:
    """Every object of ``predicate`` in the store, in order, with the number of triples that
    state it, or None unless each is an ``xsd:date`` written ``YYYY-MM-DD`` (then the text's
    order is the dates' order, and two literals are one date only when they are one term) and
    there are at most :data:`MAX_DATES`."""
    return per_generation(store, ("dates", predicate), lambda: _date_order(store, predicate))  # type: ignore[no-any-return]


def _date_order(store: GraphStore, predicate: ox.NamedNode) -> list[tuple[ox.Literal, int]] | None:
    text = bound_query(_DATE_COUNT, {"predicate": predicate})  # the predicate as an RDF term
    found: list[tuple[ox.Literal, int]] = []
    dated = True
    for row in store.query(text, union=True):
        v, n = row["v"], row["n"]
        dated = (
            isinstance(v, ox.Literal) and v.datatype.value == _DATE_TYPE and bool(_DATE.fullmatch(v.value))
        )
        if not dated:
            break
        found.append((v, int(n.value)))
    dates = sorted(found, key=lambda d: d[0].value) if dated and len(found) <= MAX_DATES else None
    return dates


def run_date_window(
    target: GraphStore,
    query: SavedQuery,
    bindings: Mapping[str, Sequence[Term]],
    limit: int,
    offset: int,
    run: Run,
) -> ResultTable | None:
    """Rows ``offset`` to ``offset + limit`` of a listing ordered first by a date
    (:func:`date_plan`), read date by date, or None when this keyset does not apply: also when a
    parameter names a resource (activities-by-municipality for one municipality: its few rows
    cost less whole than one run per date)."""
    plan = date_plan(query)
    if plan is None or plan[0] in bindings or is_remote(target) or has_dataset_clause(query.sparql):
        return None
    if any(isinstance(v, ox.NamedNode) for values in bindings.values() for v in values):
        return None  # a named resource narrows the listing to few rows: the whole query is cheap
    var, predicate = plan
    dates = date_order(target, predicate)
    if dates is None or offset + limit > MAX_DATE_ROWS:
        return None
    text = page_text(query)
    want = offset + limit + 1  # one more row says whether there are more
    rows: list[Any] = []
    variables: list[str] | None = None
    total = sum(n for _, n in dates)
    for date, triples in dates:
        if 2 * triples > total and total > MAX_DATE_ROWS:
            return None  # one date holds much of the listing: the whole query is cheaper
        table = run(text, {**bindings, var: [date]})
        variables = table.variables
        rows.extend(table.rows)
        if len(rows) >= want:
            break
    if variables is None:
        return None
    return ResultTable(variables, rows[offset : offset + limit], truncated=len(rows) > offset + limit)
