"""pySHACL's data graph is tested for truth once per result it writes; kg's is cheap to test
(kg/validation/shacl_graph.py): no COUNT over the store per result (issue 19, import speed); and a
run whose focus nodes kg chooses, blank nodes included (a follow-up's promise is data only)."""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox
import pytest
from pyshacl import Validator as ShaclRun
from pyshacl.shapes_graph import ShapesGraph
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kg.validation.shacl_graph import data_graph, focused_run


def test_truth_of_the_data_graph_counts_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    store = ox.Store()
    store.add(
        ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"), ox.Literal("o"))
    )
    graph = data_graph(store)
    counted: list[int] = []
    pyshacl_class = type(graph).__mro__[1]  # pySHACL's own Oxigraph graph, whose __len__ counts

    def counting_len(self: object, context: object = None) -> int:
        counted.append(1)
        return 1

    monkeypatch.setattr(pyshacl_class, "__len__", counting_len)
    assert graph  # what pySHACL's `datagraph or shapes` asks, once per result
    assert counted == []
    assert len(graph) == 1 and counted == [1]  # a real length is still the store's own count
    assert data_graph(store).__class__ is type(graph)  # one subclass, made once


SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
ex:Thing a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:property [ sh:path ex:name ; sh:minCount 1 ] ;
    sh:property [ sh:path ex:part ; sh:node ex:Part ] .
ex:Part a sh:NodeShape ; sh:property [ sh:path ex:size ; sh:minCount 1 ] .
"""
EX = "http://example.org/"
IRI_THING = URIRef(EX + "t")


def _results(wanted: Callable[[Node], bool] | None) -> set[tuple[str, str, str]]:
    """Two things without a name, each with a part without a size: one thing a blank node, one an
    IRI, both parts blank nodes. pySHACL's top-level results as (focus kind, path, value kind)."""
    store = ox.Store()
    typ = ox.NamedNode(str(RDF.type))
    things = ((ox.BlankNode("b1"), ox.BlankNode("p1")), (ox.NamedNode(str(IRI_THING)), ox.BlankNode("p2")))
    for thing, part in things:
        store.add(ox.Quad(thing, typ, ox.NamedNode(EX + "Thing")))
        store.add(ox.Quad(thing, ox.NamedNode(EX + "part"), part))
    shapes = ShapesGraph(Graph().parse(data=SHAPES, format="turtle"))
    graph = data_graph(store)
    options = {"inference": "none", "advanced": False, "inplace": True}
    run = ShaclRun(graph, shacl_graph=shapes.graph, options=options)
    run.shacl_graph = shapes
    results = run.run()[1] if wanted is None else focused_run(run, graph, wanted)

    def kind(node: Node | None) -> str:
        return "iri" if node == IRI_THING else "blank" if isinstance(node, BNode) else str(node)

    return {
        (
            kind(results.value(r, SH.focusNode)),
            str(results.value(r, SH.resultPath)),
            kind(results.value(r, SH.value)),
        )
        for r in results.objects(None, SH.result)
    }


def test_a_focused_run_evaluates_only_the_wanted_focus_nodes_blank_ones_too() -> None:
    """pySHACL's own focus_nodes option takes IRIs only and filters nested values too;
    focused_run takes any node (a follow-up's blank nodes), leaves the others out (a context's
    nodes), and nested shapes still see every value (the parts are blank nodes)."""
    name, part = EX + "name", EX + "part"
    every = _results(None)
    assert every == {
        ("blank", name, "None"),
        ("blank", part, "blank"),
        ("iri", name, "None"),
        ("iri", part, "blank"),
    }
    assert _results(lambda n: isinstance(n, BNode)) == {("blank", name, "None"), ("blank", part, "blank")}
    assert _results(lambda n: n == IRI_THING) == {("iri", name, "None"), ("iri", part, "blank")}
    assert _results(lambda n: False) == set()
