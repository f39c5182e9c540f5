"""kg's use of pySHACL's internals (pySHACL 0.40; tests/unit/test_dependencies.py pins the
version): the data graph kg hands pySHACL, an Oxigraph graph over an in-memory store made cheap
to test for truth, a shapes graph parsed once whose reads are remembered
(:class:`FrozenShapesGraph`), and a run whose focus nodes kg chooses (:func:`focused_run`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pyoxigraph as ox
import pyshacl.shape
from pyshacl import Validator as ShaclRun
from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP
from pyshacl.graph_abstraction import DataGraph
from pyshacl.shapes_graph import ShapesGraph
from rdflib import Graph
from rdflib.term import Node

# pySHACL looks every predicate of a shape up in this list, once per shape and run (1.2 million
# comparisons of rdflib terms for 750 documents); the same parameters as a set. The module
# attribute is pySHACL's own cache of the pair (``Shape.validate`` fills it on first use).
pyshacl.shape.CONSTRAINT_PARAMS = (frozenset(ALL_CONSTRAINT_PARAMETERS), CONSTRAINT_PARAMETERS_MAP)  # type: ignore[attr-defined]

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


class FrozenShapesGraph(ShapesGraph):  # type: ignore[misc]
    """pySHACL's shapes graph, for shapes that never change once parsed: every read through its
    own accessors is remembered. pySHACL builds each constraint of a shape again for every run
    (each reads its parameters from the shapes graph), so a validator that runs pySHACL once per
    batch of documents read the same triples of the same 98 shapes thousands of times."""

    def __init__(self, graph: Graph) -> None:
        super().__init__(graph)
        self._reads: dict[tuple[Any, ...], tuple[Any, ...]] = {}

    def _read(self, kind: str, *args: Any) -> Iterator[Any]:
        key = (kind, *args)
        found = self._reads.get(key)
        if found is None:
            found = self._reads[key] = tuple(getattr(ShapesGraph, kind)(self, *args))
        return iter(found)

    def subjects(self, p: Any, o: Any) -> Iterator[Any]:
        return self._read("subjects", p, o)

    def predicates(self, s: Any, o: Any) -> Iterator[Any]:
        return self._read("predicates", s, o)

    def objects(self, s: Any, p: Any) -> Iterator[Any]:
        return self._read("objects", s, p)

    def subject_objects(self, p: Any) -> Iterator[Any]:
        return self._read("subject_objects", p)

    def subject_predicates(self, o: Any) -> Iterator[Any]:
        return self._read("subject_predicates", o)

    def predicate_objects(self, s: Any) -> Iterator[Any]:
        return self._read("predicate_objects", s)


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
