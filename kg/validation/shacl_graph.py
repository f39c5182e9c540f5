"""kg's use of pySHACL's internals (pySHACL 0.40; tests/unit/test_dependencies.py pins the
version): the data graph kg hands pySHACL, an Oxigraph graph over an in-memory store made cheap
to test for truth, and a run whose focus nodes kg chooses (:func:`focused_run`)."""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox
from pyshacl import Validator as ShaclRun
from pyshacl.graph_abstraction import DataGraph
from rdflib import Graph
from rdflib.term import Node

_CHEAP_TRUTH: dict[type, type] = {}


def data_graph(store: ox.Store) -> DataGraph:
    """pySHACL's graph over ``store``, whose truth costs nothing: pySHACL tests ``datagraph or
    shapes`` for every result it writes, and the truth of its Oxigraph graph is a
    ``COUNT(DISTINCT ...)`` over the store. The store is never empty here and pySHACL does not
    change it."""
    graph = DataGraph.from_oxigraph_store(store)
    cls = type(graph)
    cheap = _CHEAP_TRUTH.get(cls)
    if cheap is None:
        cheap = _CHEAP_TRUTH[cls] = type(cls.__name__, (cls,), {"__bool__": lambda self: True})
    graph.__class__ = cheap
    return graph


def focused_run(run: ShaclRun, graph: DataGraph, wanted: Callable[[Node], bool]) -> Graph:
    """The results graph of ``run`` (built on ``graph``, without inference, ontology graph or
    SHACL-AF, as :class:`kg.validation.validator.Validator` builds it) where every shape is
    evaluated on the focus nodes its targets find in ``graph`` that are ``wanted``, and on no
    other: triples that are there only as context (a follow-up's promise) are read as data, but
    their nodes are never focus nodes, so no shape is evaluated on them.

    pySHACL's own ``focus_nodes`` option cannot say this: it takes IRIs only (a document's blank
    nodes could not be named) and it filters the values of nested shapes too. Here the targets are
    found by pySHACL itself (:meth:`pyshacl.shape.Shape.focus_nodes`), filtered, and passed to
    :meth:`pyshacl.shape.Shape.validate` as explicit focus nodes, which evaluates them exactly as
    it evaluates the focus nodes it finds (the two differ only in debug logging); the report is
    pySHACL's own, from the results of the shapes with a wanted focus node."""
    executor = run.make_executor()
    reports: list[tuple[object, ...]] = []
    conforms = True
    for shape in run.shacl_graph.shapes:
        if shape.deactivated:
            continue
        focus = [n for n in shape.focus_nodes(graph) if wanted(n)]
        if not focus:
            continue
        ok, found = shape.validate(executor, graph, focus=focus)
        conforms = conforms and ok
        reports.extend(found)
    results, _text = run.create_validation_report(run.shacl_graph, conforms, reports)
    return results  # type: ignore[no-any-return]
