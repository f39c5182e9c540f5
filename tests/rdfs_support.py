"""What the RDFS-entailment tests share: the schema a store applying RDFS would hold beside the
data (the ontology and the vendored declarations of the vocabularies it reuses), and the
superclasses of a set of classes in it."""

from __future__ import annotations

import owlrl
from rdflib import RDFS, Graph
from rdflib.term import Node

from kg import resources


def schema_graph() -> Graph:
    """The ontology files and ``ontology/vendor/*.ttl`` in one graph."""
    g = Graph()
    vendor = resources.bundled("ontology") / "vendor"
    for path in [*resources.ontology_files(), *sorted(vendor.glob("*.ttl"))]:
        g.parse(path, format="turtle")
    return g


def superclasses(schema: Graph, classes: set[Node]) -> set[Node]:
    """``classes`` and every class they are (transitively) rdfs:subClassOf in ``schema``."""
    out, todo = set(classes), list(classes)
    while todo:
        for parent in schema.objects(todo.pop(), RDFS.subClassOf):
            if parent not in out:
                out.add(parent)
                todo.append(parent)
    return out


def rdfs_closure(data: Graph, schema: Graph) -> Graph:
    """``data`` and ``schema`` with what RDFS entailment adds (owlrl, no axiomatic triples), as a
    store applying RDFS to all it holds would see them."""
    closure = Graph()
    for t in data:
        closure.add(t)
    for t in schema:
        closure.add(t)
    owlrl.DeductiveClosure(owlrl.RDFS_Semantics, axiomatic_triples=False).expand(closure)
    return closure
