"""rdflib's SPARQL engine as a query target, for comparing engines (issue 18).

:class:`RdflibEndpoint` holds an rdflib ``Dataset`` whose default graph is the union of its
named graphs (as the embedded store and ``oxigraph serve --union-default-graph`` answer) and
answers the way :class:`kg.store.remote.RemoteEndpoint` does: it *is* one, with the HTTP request
replaced by rdflib's evaluation and its SPARQL JSON serialiser. So a saved query reaches rdflib
on exactly the path ``kg query run --endpoint`` takes (parameters resolved against the target,
bound as a VALUES block of N-Triples terms, results parsed by pyoxigraph), and the only
difference left is the engine. rdflib is slow (DESIGN.md: 10-100x): use it on small data only.

The dataset never changes once loaded, so the endpoint carries a ``cache_token`` and a fixed
``generation`` as an open store does: the names of the reference data and the vocabularies are
read from rdflib once (at the first query that needs each kind) and shared by the later calls,
as one ``kg query run`` process shares them, instead of again before every query (with rdflib
that reading cost twice the query itself). Results are never cached (callers pass
``cache=None``); the tokens are negative, apart from the stores' own.
"""

from __future__ import annotations

import itertools
import warnings
from pathlib import Path

import rdflib

from kg.store.remote import RemoteEndpoint


def load_dataset(path: Path, fmt: str = "nquads") -> rdflib.Dataset:
    """A dump written by ``kg export`` (N-Quads or TriG), with the union as default graph.

    The literals keep the lexical forms of the dump: rdflib normalises them on parsing by
    default (``"...Z"^^xsd:dateTime`` becomes ``"...+00:00"``), which would be a difference of
    the loader, not of the engine."""
    dataset = rdflib.Dataset(default_union=True)
    normalise = rdflib.NORMALIZE_LITERALS
    rdflib.NORMALIZE_LITERALS = False
    try:
        with warnings.catch_warnings():  # rdflib 7 warns about its own Dataset.default_context
            warnings.simplefilter("ignore", DeprecationWarning)
            dataset.parse(str(path), format=fmt)
    finally:
        rdflib.NORMALIZE_LITERALS = normalise
    return dataset


_TOKENS = itertools.count(-1, -1)


class RdflibEndpoint(RemoteEndpoint):
    """rdflib's SPARQL engine behind the remote endpoint's interface (read-only)."""

    def __init__(self, dataset: rdflib.Dataset) -> None:
        super().__init__("http://rdflib.invalid/sparql")
        self.dataset = dataset
        self.cache_token = next(_TOKENS)
        self.generation = 0

    def _request(self, text: str, accept: str, timeout: float | None) -> bytes:
        with warnings.catch_warnings():  # rdflib evaluates lazily, while serialising
            warnings.simplefilter("ignore", DeprecationWarning)
            result = self.dataset.query(text)
            fmt = "json" if result.type in ("SELECT", "ASK") else "nt"
            data = result.serialize(format=fmt)
        assert data is not None
        return data if isinstance(data, bytes) else data.encode()
