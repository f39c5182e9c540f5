"""A page of a listing ordered first by a stored number, highest first, read value by value.

followup-fulfilment lists every promise with follow-ups, the highest share done first: 22,266
rows at 10x scale, which pyoxigraph sorts whole before ``LIMIT`` takes the first 100 (the sort
and its keys alone cost about 300 ms of CPU there, benchmarks/NOTES.md). Its derived form reads
the share from the promises' follow-up state (``mbl:latestShare``, :mod:`kg.store.followup_state`),
where it takes few values (23 at 10x scale, 987 promises at the highest). The rows of one value
are a run of consecutive rows of the whole ordered result, so a page is the rows of the values
from the highest down, each run with the value bound as a constant, until the page is full: a
keyset on the leading sort key, as :mod:`kg.query.keyset` reads listings by municipality and by
date.

A run uses the query's *keyset form* (``queries/derived/keyset/NAME.rq``, the same parameters
and rows): one group of patterns starting from the value, which pyoxigraph plans from the
constant, where the derived form's blocks joined by hashing would scan every promise for each
value. It applies only where the derived form runs (the embedded store with its derived facts
complete, :mod:`kg.query.derived`), when no parameter names a resource (one municipality's few
rows cost less whole), for pages within :data:`MAX_ROWS` rows, and when every stored value is
a number (``xsd:decimal`` or ``xsd:integer``; at most :data:`MAX_VALUES` of them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

import pyoxigraph as ox

from kg.query.keyset import Run, per_generation
from kg.query.results import ResultTable
from kg.query.saved import QueryParameter, SavedQuery, Term, twin_form
from kg.sparql_text import bound_query, has_dataset_clause, order_by, tokens, written_iri
from kg.store.core import GraphStore, is_remote

FOLDER = "derived/keyset"
"""The folder of the keyset forms, beside the saved queries."""
MAX_VALUES = 200
"""Most distinct values a listing's leading key may take for a page to be read value by value."""
MAX_ROWS = 2000
"""Most rows (a page's offset and size) read value by value; a deeper page runs whole."""

_NUMBERS = {"http://www.w3.org/2001/XMLSchema#decimal", "http://www.w3.org/2001/XMLSchema#integer"}
_VALUE_COUNT = "SELECT ?v (COUNT(*) AS ?n) WHERE { ?x ?predicate ?v } GROUP BY ?v"


def keyset_form(query: SavedQuery) -> SavedQuery | None:
    """The keyset form of ``query`` when ``query`` runs as its derived form and has one."""
    return _keyset_form(str(query.path), query.sparql, query.parameters)


@lru_cache(maxsize=64)
def _keyset_form(path: str, sparql: str, parameters: tuple[QueryParameter, ...]) -> SavedQuery | None:
    from kg.query.derived import FOLDER as DERIVED

    derived = twin_form(path, DERIVED, parameters)
    if derived is None or derived.sparql != sparql:
        return None
    return twin_form(path, FOLDER, parameters)


@lru_cache(maxsize=64)
def value_plan(text: str) -> tuple[str, ox.NamedNode] | None:
    """The variable and predicate of a listing whose top-level ``ORDER BY`` starts with
    ``DESC(?v)``, ``?v`` bound by exactly one triple pattern ``?x P ?v`` (``P`` an IRI or a
    declared prefixed name), or None."""
    toks = [t for t in tokens(text) if t.kind not in ("space", "comment")]
    texts = [t.text for t in toks]
    order = order_by(toks)
    if order is None or len(toks) < order + 6:
        return None
    if texts[order + 2].upper() != "DESC" or texts[order + 3] != "(":
        return None
    var = texts[order + 4]
    if toks[order + 4].kind != "var" or texts[order + 5] != ")":
        return None
    at = [i for i in range(2, order) if texts[i] == var]
    uses = [texts[i - 1] for i in at if toks[i - 1].kind in ("pname", "iri") and toks[i - 2].kind == "var"]
    if len(uses) != 1 or any(texts[i - 1].upper() in ("AS", "VALUES", "(") for i in at):
        return None  # bound by one pattern only: not by BIND, VALUES or a sub-select's AS
    predicate = written_iri(uses[0], toks)
    return None if predicate is None else (var[1:], predicate)


def value_order(store: GraphStore, predicate: ox.NamedNode) -> list[tuple[ox.Literal, int]] | None:
    """The distinct objects of ``predicate``, highest first, with the number of triples that
    state each, or None unless each is a number of :data:`_NUMBERS` and there are at most
    :data:`MAX_VALUES` (remembered per store generation)."""
    return per_generation(store, ("values", predicate), lambda: _value_order(store, predicate))  # type: ignore[no-any-return]


def _value_order(store: GraphStore, predicate: ox.NamedNode) -> list[tuple[ox.Literal, int]] | None:
    found: list[tuple[Decimal, ox.Literal, int]] = []
    for row in store.query(bound_query(_VALUE_COUNT, {"predicate": predicate}), union=True):
        v, n = row["v"], row["n"]
        if not isinstance(v, ox.Literal) or v.datatype.value not in _NUMBERS or len(found) >= MAX_VALUES:
            return None
        try:
            found.append((Decimal(v.value), v, int(n.value)))
        except (InvalidOperation, ValueError):
            return None
    found.sort(key=lambda f: f[0], reverse=True)
    if len({f[0] for f in found}) != len(found):
        return None  # one number written two ways: two runs would not be in the sort's order
    return [(v, n) for _, v, n in found]


def run_value_window(
    target: GraphStore,
    query: SavedQuery,
    bindings: Mapping[str, Sequence[Term]],
    limit: int,
    offset: int,
    run: Run,
) -> ResultTable | None:
    """Rows ``offset`` to ``offset + limit`` of ``query`` read value by value of its leading key
    with ``run`` (see the module's text), or None when this keyset does not apply."""
    if is_remote(target) or offset + limit > MAX_ROWS or has_dataset_clause(query.sparql):
        return None
    keyed = keyset_form(query)
    if keyed is None:
        return None
    plan = value_plan(keyed.sparql)
    if plan is None or plan[0] in bindings:
        return None
    if any(isinstance(v, ox.NamedNode) for values in bindings.values() for v in values):
        return None  # a named resource narrows the listing to few rows: the whole query is cheap
    var, predicate = plan
    values = value_order(target, predicate)
    if values is None:
        return None
    want = offset + limit + 1  # one more row says whether there are more
    total = sum(n for _, n in values)
    rows: list[Any] = []
    variables: list[str] | None = None
    for value, triples in values:
        if 2 * triples > total and total > MAX_ROWS:
            return None  # one value holds much of the listing: the whole query is cheaper
        table = run(keyed.sparql, {**bindings, var: [value]})
        variables = table.variables
        rows.extend(table.rows)
        if len(rows) >= want:
            break
    if variables is None:
        return None
    return ResultTable(variables, rows[offset : offset + limit], truncated=len(rows) > offset + limit)
