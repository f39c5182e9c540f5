"""A page of the catalogue listing (``documents``) read from its first records only (issue 19).

The saved query ``documents`` lists every catalogue record ordered by
``DESC(?violations) DESC(?warnings) STR(?id)``: records with problems first, then by identifier.
pyoxigraph sorts the whole result before ``LIMIT`` takes a page, decoding the identifiers at
every comparison: at 10x scale (75,000 records) the first 100 rows took more than 10 s. A page
is read instead from the records that can be on it:

1. every record whose violations or warnings are not the integer 0 (a scan of two predicates
   whose values are inline integers: no string is decoded);
2. every record whose identifier sorts before a *bound*, an identifier taken from a sample of
   the records (the first records of the type index, in no particular order of identifier)
   at the rank that should leave a few times the rows the page needs before it. The importer
   writes each record's first 15 characters of identifier as ``mbl:idPrefix``
   (:data:`kg.store.catalogue.ID_PREFIX`), short enough to be compared without decoding
   anything: the records whose prefix is before the bound's are before the bound, those whose
   prefix is after are after it, and only those with the bound's own prefix are compared in
   full. A store written before the prefixes (where not every record has one) compares every
   identifier (about 4 µs each);
3. the query's plain form (``queries/plain/documents.rq``) for those records only (a ``VALUES``
   block of the records), ordered by the engine: a few hundred rows.

The rows are exact up to the last record without problems whose identifier is before the bound
(every record before it in the order is among those read); when that is short of the page, the
bound moves on, and past the sample's end the query runs whole. With a municipality given, the
plain form runs for the records of that municipality (``?record mbl:municipality`` with the
municipality as a constant, planned into the join: a few hundred records at most), which are
the records whose rows the whole query keeps. On a remote endpoint, or for any other query,
:func:`run_catalogue_window` returns None and the caller runs the query whole with
``LIMIT``/``OFFSET``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

import pyoxigraph as ox

from kg.namespaces import sparql_prefixes
from kg.query.keyset import Run, page_text, page_text_of
from kg.query.results import ResultTable
from kg.query.saved import QueryParameter, SavedQuery, Term
from kg.sparql_text import order_by, tokens
from kg.store.core import GraphStore, is_remote

ORDER = ["DESC", "(", "?violations", ")", "DESC", "(", "?warnings", ")", "STR", "(", "?id", ")"]
"""The ORDER BY clause this reader applies to (tokens, words upper-cased)."""
RECORD = "record"
"""The variable of the catalogue record in the plain form."""
SAMPLE = 1000
"""Identifiers read to choose the bound."""
SPARE = 2
"""How many times the rows a page needs the bound should leave before it (some records are left
out by the query's filters: examples, a missing field)."""

_ZERO = ox.Literal("0", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))

_COUNT = sparql_prefixes("dcat") + "SELECT (COUNT(*) AS ?n) WHERE { ?record a dcat:CatalogRecord }"
_SAMPLE = (
    sparql_prefixes("dcat", "dct")
    + f"SELECT ?id WHERE {{ ?record a dcat:CatalogRecord . ?record dct:identifier ?id }} LIMIT {SAMPLE}"
)
# The importer writes one prefix with each record and nothing else has one: as many prefixes as
# records says that every record has its prefix (a scan of inline strings, no join).
_PREFIXED = sparql_prefixes("mbl") + "SELECT (COUNT(*) AS ?n) WHERE { ?record mbl:idPrefix ?prefix }"
_OF_MUNICIPALITY = (
    sparql_prefixes("mbl", "dcat")
    + "SELECT DISTINCT ?record WHERE { ?record mbl:municipality ?municipality . "
    + "?record a dcat:CatalogRecord }"
)
_PROBLEMS = (
    sparql_prefixes("mbl")
    + """SELECT DISTINCT ?record WHERE {
  { ?record mbl:violations ?n } UNION { ?record mbl:warnings ?n }
  FILTER(!sameTerm(?n, 0))
}"""
)
# The records whose identifier sorts before ?bound (bound as a constant term): the identifiers
# are scanned and compared first, the type checked for the few that pass.
_BEFORE = (
    sparql_prefixes("dcat", "dct")
    + """SELECT ?record WHERE {
  { SELECT ?record WHERE { ?record dct:identifier ?id FILTER(STR(?id) < ?bound) } }
  ?record a dcat:CatalogRecord
}"""
)

# The same with the prefixes: those before the bound's prefix (?head, compared without
# decoding), and those with the bound's own prefix (a constant: looked up) compared in full.
_BEFORE_PREFIXED = (
    sparql_prefixes("dct", "mbl")
    + """SELECT ?record WHERE {
  { ?record mbl:idPrefix ?prefix FILTER(STR(?prefix) < ?head) }
  UNION
  { ?record mbl:idPrefix ?head ; dct:identifier ?id FILTER(STR(?id) < ?bound) }
}"""
)


def applies(query: SavedQuery) -> bool:
    """Whether ``query`` is a catalogue listing this reader can page: ordered by
    ``DESC(?violations) DESC(?warnings) STR(?id)`` and with a plain form that names ``?record``.
    Remembered by the query's file, text and parameters."""
    return _applies(str(query.path), query.sparql, query.parameters)


@lru_cache(maxsize=256)
def _applies(path: str, sparql: str, parameters: tuple[QueryParameter, ...]) -> bool:
    toks = [t for t in tokens(sparql) if t.kind not in ("space", "comment")]
    order = order_by(toks)
    if order is None:
        return False
    if [t.text.upper() if t.kind == "word" else t.text for t in toks[order + 2 :]] != ORDER:
        return False  # not exactly this sort, to the end of the text
    text = page_text_of(path, sparql, parameters)
    return text != sparql and any(
        t.text == f"?{RECORD}" for t in tokens(text) if t.kind not in ("space", "comment")
    )


def run_catalogue_window(
    target: GraphStore,
    query: SavedQuery,
    bindings: Mapping[str, Sequence[Term]],
    limit: int,
    offset: int,
    run: Run,
) -> ResultTable | None:
    """Rows ``offset`` to ``offset + limit`` of a catalogue listing (see the module's text), or
    None when this reader does not apply. ``run`` runs a text whole with the given bindings."""
    if is_remote(target) or RECORD in bindings or not applies(query):
        return None
    # the writer's module (and its derived kinds) only for the listing: 24 ms of a cold query
    from kg.store.catalogue import ID_PREFIX

    text = page_text(query)
    want = offset + limit + 1  # one more row says whether there are more
    given = [p.variable for p in query.parameters if p.entity == "municipality" and p.variable in bindings]
    if given:
        values = bindings[given[0]]
        if len(values) != 1:
            return None
        found = run(_OF_MUNICIPALITY, {"municipality": values}).rows
        # no record: the municipality itself, which is no record, gives the query's empty result
        records: list[Term] = [r[0] for r in found if isinstance(r[0], ox.NamedNode)] or [values[0]]
        table = run(text, {**bindings, RECORD: records})
        return _window(table.variables, table.rows, offset, limit)
    total = _int(run(_COUNT, {}).rows)
    sample = sorted(_value(row[0]) for row in run(_SAMPLE, {}).rows if row[0] is not None)
    if not total or not sample:
        return None
    prefixed = _int(run(_PREFIXED, {}).rows) == total
    problems = [row[0] for row in run(_PROBLEMS, {}).rows if isinstance(row[0], ox.NamedNode)]
    rank = math.ceil(want * SPARE * len(sample) / total)
    while rank < len(sample):
        bound = sample[rank]
        if prefixed:
            head = ox.Literal(bound[:ID_PREFIX])
            before = run(_BEFORE_PREFIXED, {"head": [head], "bound": [ox.Literal(bound)]}).rows
        else:
            before = run(_BEFORE, {"bound": [ox.Literal(bound)]}).rows
        records = list(dict.fromkeys([*problems, *(r[0] for r in before if isinstance(r[0], ox.NamedNode))]))
        if records:
            table = run(text, {**bindings, RECORD: records})
            rows = _exact(table, bound)
            if len(rows) >= want:
                return _window(table.variables, rows, offset, limit)
        rank *= 4
    return None  # the bound would pass every record: the whole query is as cheap


def _exact(table: ResultTable, bound: str) -> list[tuple[Any, ...]]:
    """The rows of ``table`` (ordered as the whole query orders) up to the last row of a record
    without problems whose identifier is before ``bound``: every row of the whole result up to
    there was read."""
    cols = {v: i for i, v in enumerate(table.variables)}
    v, w, ident = cols["violations"], cols["warnings"], cols["id"]
    last = -1
    for i, row in enumerate(table.rows):
        if row[v] == _ZERO and row[w] == _ZERO and row[ident] is not None and _value(row[ident]) < bound:
            last = i
    return list(table.rows[: last + 1])


def _window(variables: list[str], rows: Sequence[tuple[Any, ...]], offset: int, limit: int) -> ResultTable:
    return ResultTable(
        list(variables), list(rows[offset : offset + limit]), truncated=len(rows) > offset + limit
    )


def _value(term: Any) -> str:
    """``STR()`` of an IRI or a literal."""
    return str(term.value)


def _int(rows: Sequence[tuple[Any, ...]]) -> int:
    try:
        return int(rows[0][0].value)
    except (IndexError, AttributeError, TypeError, ValueError):
        return 0
