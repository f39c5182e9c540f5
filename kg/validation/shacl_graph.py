"""The data graph kg hands pySHACL: its Oxigraph graph over an in-memory store, made cheap to test
for truth (pySHACL 0.40 internals; tests/unit/test_dependencies.py pins the version)."""

from __future__ import annotations

import pyoxigraph as ox
from pyshacl.graph_abstraction import DataGraph

_CHEAP_TRUTH: dict[type, type] = {}


def data_graph(store: ox.Store) -> DataGraph:
    """pySHACL's graph over ``store``, whose truth costs nothing: pySHACL tests ``datagraph or
    shapes`` for every result it writes, and the truth of its Oxigraph graph is a
    ``COUNT(DISTINCT ...)`` over the store. A follow-up validated with its promise's graph as
    context has tens of results about the promise's nodes (dropped afterwards as the promise's):
    those counts took 27 of the 49 s of importing 69 benchmark files, 9 promises and their 60
    follow-ups (issue 19). The store is never empty here and pySHACL does not change it."""
    graph = DataGraph.from_oxigraph_store(store)
    cls = type(graph)
    cheap = _CHEAP_TRUTH.get(cls)
    if cheap is None:
        cheap = _CHEAP_TRUTH[cls] = type(cls.__name__, (cls,), {"__bool__": lambda self: True})
    graph.__class__ = cheap
    return graph
