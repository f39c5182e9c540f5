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
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from kg.validation.shacl_graph import FocusIndex, data_graph, focused_run


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
    results = focused_run(run, graph, wanted, store)

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
    every = _results(None)  # every focus node: what pySHACL's own run finds
    assert every == {
        ("blank", name, "None"),
        ("blank", part, "blank"),
        ("iri", name, "None"),
        ("iri", part, "blank"),
    }
    assert _results(lambda n: isinstance(n, BNode)) == {("blank", name, "None"), ("blank", part, "blank")}
    assert _results(lambda n: n == IRI_THING) == {("iri", name, "None"), ("iri", part, "blank")}
    assert _results(lambda n: False) == set()


TARGETS = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
ex:ByClass a sh:NodeShape ; sh:targetClass ex:Thing , ex:Other .
ex:BySubject a sh:NodeShape ; sh:targetSubjectsOf ex:part .
ex:ByObject a sh:NodeShape ; sh:targetObjectsOf ex:part , ex:name .
ex:ByNode a sh:NodeShape ; sh:targetNode ex:absent , ex:t .
ex:Nothing a sh:NodeShape ; sh:targetClass ex:Missing ; sh:targetObjectsOf ex:missing .
"""


def _focus_both(store: ox.Store) -> list[tuple[set[Node], set[Node]]]:
    shapes = ShapesGraph(Graph().parse(data=TARGETS, format="turtle"))
    graph = data_graph(store)
    index = FocusIndex(store)
    return [(index.focus(shape, graph), set(shape.focus_nodes(graph))) for shape in shapes.shapes]


def test_focus_index_finds_what_pyshacl_finds_for_every_kind_of_target() -> None:
    store = ox.Store()
    typ = ox.NamedNode(str(RDF.type))
    thing, blank, part = ox.NamedNode(str(IRI_THING)), ox.BlankNode("b1"), ox.BlankNode("p1")
    store.add(ox.Quad(thing, typ, ox.NamedNode(EX + "Thing")))
    store.add(ox.Quad(blank, typ, ox.NamedNode(EX + "Other")))
    store.add(ox.Quad(thing, ox.NamedNode(EX + "part"), part))
    store.add(ox.Quad(blank, ox.NamedNode(EX + "name"), ox.Literal("x", language="sv")))
    pairs = _focus_both(store)
    assert all(ours == theirs for ours, theirs in pairs), pairs
    assert sorted(len(ours) for ours, _ in pairs) == [0, 1, 2, 2, 2]


def test_focus_index_leaves_subclasses_in_the_data_to_pyshacl() -> None:
    store = ox.Store()
    sub = ox.NamedNode(EX + "Sub")
    store.add(ox.Quad(sub, ox.NamedNode(str(RDFS.subClassOf)), ox.NamedNode(EX + "Thing")))
    store.add(ox.Quad(ox.NamedNode(str(IRI_THING)), ox.NamedNode(str(RDF.type)), sub))
    assert not FocusIndex(store).complete
    pairs = _focus_both(store)
    assert all(ours == theirs for ours, theirs in pairs), pairs
    assert any(URIRef(str(IRI_THING)) in ours for ours, _ in pairs)  # a Thing through its subclass
