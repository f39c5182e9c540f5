"""Writing query results for HTTP: SPARQL results by the one writer, graphs by pyoxigraph.

The engine collects at most the result cap of solutions (so it can stop at a deadline and say
when it truncated); they are written by :mod:`kg.query.sparql_results`, the writer the command
line uses too, so ``/sparql`` and ``kg sparql -f sparql-*`` give the same bytes. Graphs go through
pyoxigraph's own serialisers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from kg.query.formats import Format, Kind
from kg.query.sparql_results import Row, write_boolean, write_solutions


def _results_name(f: Format) -> str:
    if f.kind is not Kind.results:
        raise ValueError(f"{f.name} is not a SPARQL results format")
    return f.name


def solutions_bytes(variables: Sequence[str], rows: Iterable[Row], f: Format) -> bytes:
    """SELECT results in one of the four SPARQL results formats."""
    return write_solutions(variables, rows, _results_name(f)).encode("utf-8")


def boolean_bytes(value: bool, f: Format) -> bytes:
    """An ASK answer in one of the four SPARQL results formats."""
    return write_boolean(value, _results_name(f)).encode("utf-8")


def graph_bytes(
    triples: Sequence[ox.Triple] | Sequence[ox.Quad], f: Format, prefixes: dict[str, str] | None = None
) -> bytes:
    """Triples (or quads) in an RDF syntax, with pyoxigraph's serialiser."""
    if f.ox_rdf is None:
        raise ValueError(f"{f.name} is not an RDF format")
    use_prefixes = prefixes if f.ox_rdf in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    out = ox.serialize(triples, format=f.ox_rdf, prefixes=use_prefixes)
    return out if isinstance(out, bytes) else b""
