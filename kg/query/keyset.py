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
share one; otherwise (and on a remote endpoint, or when the municipality is given) the query
runs whole, as before.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pyoxigraph as ox

from kg.namespaces import sparql_prefixes
from kg.query.results import ResultTable
from kg.query.saved import SavedQuery
from kg.query.text import tokens
from kg.store.core import GraphStore, is_remote

Term = ox.NamedNode | ox.Literal

NAME_VARIABLE = "municipalityName"
"""The leading ORDER BY key a keyset listing sorts by: the municipality's Swedish name."""

_MUNICIPALITIES = (
    sparql_prefixes("mbl", "skos")
    + """SELECT ?m ?name WHERE {
  { SELECT DISTINCT ?m WHERE { ?x mbl:municipality ?m } }
  OPTIONAL { ?m skos:prefLabel ?name FILTER(LANG(?name) = "sv") }
}"""
)

_ORDERS: dict[tuple[int, int], list[ox.NamedNode] | None] = {}
_MAX_ORDERS = 16
_LOCK = threading.Lock()


def keyset_variable(query: SavedQuery) -> str | None:
    """The municipality parameter's variable when ``query`` is a listing ordered first by that
    municipality's Swedish name: its top-level ``ORDER BY`` starts with ``?municipalityName``
    (ascending) and its text binds ``?municipalityName`` as ``?<variable> skos:prefLabel
    ?municipalityName``. None otherwise."""
    params = [p for p in query.parameters if p.entity == "municipality"]
    if len(params) != 1:
        return None
    var = params[0].variable
    toks = [t for t in tokens(query.sparql) if t.kind not in ("space", "comment")]
    order = next(
        (
            i
            for i in range(len(toks) - 2)
            if toks[i].depth == 0 and toks[i].text.upper() == "ORDER" and toks[i + 1].text.upper() == "BY"
        ),
        None,
    )
    if order is None or toks[order + 2].text not in (f"?{NAME_VARIABLE}", f"${NAME_VARIABLE}"):
        return None
    texts = [t.text for t in toks]
    for i in range(len(texts) - 2):
        if texts[i][1:] == var and texts[i + 1] == "skos:prefLabel" and texts[i + 2][1:] == NAME_VARIABLE:
            return var
    return None


def municipality_order(store: GraphStore) -> list[ox.NamedNode] | None:
    """Every municipality named by ``mbl:municipality`` in the store, by Swedish name (as SPARQL
    orders the names: by code point), or None when a name is missing or shared (the order of
    rows would then not follow the municipalities)."""
    token = getattr(store, "cache_token", None)
    generation = getattr(store, "generation", None)
    key = (token, generation) if isinstance(token, int) and isinstance(generation, int) else None
    if key is not None:
        with _LOCK:
            if key in _ORDERS:
                return _ORDERS[key]
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
    if key is not None:
        with _LOCK:
            while len(_ORDERS) >= _MAX_ORDERS:
                _ORDERS.pop(next(iter(_ORDERS)))
            _ORDERS[key] = order
    return order


def run_window(
    target: GraphStore,
    query: SavedQuery,
    bindings: Mapping[str, Sequence[Term]],
    limit: int,
    offset: int,
    run: Callable[[Mapping[str, Sequence[Term]]], ResultTable],
) -> ResultTable | None:
    """Rows ``offset`` to ``offset + limit`` of ``query``, read municipality by municipality with
    ``run`` (which runs the query whole with the given bindings), or None when the keyset does
    not apply (then the caller runs the query with ``LIMIT``/``OFFSET``)."""
    var = keyset_variable(query)
    if var is None or var in bindings or is_remote(target):
        return None
    order = municipality_order(target)
    if order is None:
        return None
    want = offset + limit + 1  # one more row says whether there are more
    rows: list[Any] = []
    variables: list[str] | None = None
    for municipality in order:
        table = run({**bindings, var: [municipality]})
        variables = table.variables
        rows.extend(table.rows)
        if len(rows) >= want:
            break
    if variables is None:
        return None
    return ResultTable(variables, rows[offset : offset + limit], truncated=len(rows) > offset + limit)
