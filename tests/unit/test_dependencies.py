"""The internals of other libraries that kg relies on, so that an upgrade that breaks them fails
here, loudly and by name, instead of somewhere deep in a validation.

pySHACL: :mod:`kg.validation.validator` builds the data graph with
``DataGraph.from_oxigraph_store`` (pySHACL ≥ 0.40) and swaps in a ``ShapesGraph`` parsed once
(``run.shacl_graph``); pyproject pins pySHACL to the versions where both hold.
"""

from __future__ import annotations

from importlib.metadata import version

import pyoxigraph as ox
from pyshacl import Validator as ShaclRun
from pyshacl.graph_abstraction import DataGraph
from pyshacl.shapes_graph import ShapesGraph
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF, SH

EX = Namespace("http://example.org/")

SHAPES_A = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
ex:A a sh:NodeShape ; sh:targetClass ex:Thing ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .
"""
SHAPES_B = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
ex:B a sh:NodeShape ; sh:targetClass ex:Thing ; sh:property [ sh:path ex:colour ; sh:minCount 1 ] .
"""


def test_pyshacl_is_a_version_whose_internals_kg_uses() -> None:
    major, minor = (int(x) for x in version("pyshacl").split(".")[:2])
    assert (major, minor) == (0, 40), f"pySHACL {version('pyshacl')}: check kg.validation.validator"


def test_pyshacl_validates_an_oxigraph_store_with_a_swapped_in_shapes_graph() -> None:
    store = ox.Store()
    thing = ox.NamedNode(str(EX.t))
    store.add(ox.Quad(thing, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(EX.Thing))))
    store.add(ox.Quad(thing, ox.NamedNode(str(EX.name)), ox.Literal("x")))
    shapes_a = Graph().parse(data=SHAPES_A, format="turtle")
    shapes_b = ShapesGraph(Graph().parse(data=SHAPES_B, format="turtle"))
    _ = shapes_b.shapes
    options = {"inference": "none", "advanced": False, "inplace": True}
    run = ShaclRun(DataGraph.from_oxigraph_store(store), shacl_graph=shapes_a, options=options)
    run.shacl_graph = shapes_b  # what the validator does: shapes parsed once, reused
    conforms, results, _text = run.run()
    # Shapes A would conform (ex:name is there); B fails on ex:colour, so B was the one used.
    assert conforms is False
    paths = set(results.objects(None, SH.resultPath))
    assert paths == {URIRef(EX.colour)}, paths
    assert (None, SH.focusNode, URIRef(EX.t)) in results
