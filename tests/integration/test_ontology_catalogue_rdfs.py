"""The catalogue kg writes is safe under RDFS reasoning too.

``tests/unit/test_reasoning.py`` checks the documents. But ``kg publish`` also sends the catalogue
graph (a dcat:CatalogRecord per document, the derived facts beside it) together with the ontology,
and many triple stores apply RDFS entailment to all they hold (GraphDB's default rule set does).
Then a property used on a catalogue record whose ``rdfs:domain`` (or whose super-property's
domain) is a project class turns the record into that class: ``mbl:municipality`` (domain
mbl:CitizenPromise, and a sub-property of mbl:issuedBy with the same domain) made every promise's
catalogue record a second mbl:CitizenPromise, so counting promises counted each twice.

The test imports the bundled documents, computes the RDFS closure (owlrl) of the catalogue with
the ontology and the vendored declarations, and checks that no typed node gains a class that is
not a superclass of one it has. (An untyped node the catalogue writes, such as a group of actors,
may gain the class its property's domain names: that is what the domain is for.)
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, Graph, URIRef
from rdfs_support import rdfs_closure, schema_graph, superclasses

from kg.cli.common import shared_validator
from kg.ingest.importer import import_paths
from kg.iris import Minter
from kg.store.core import OxigraphStore, StoreSettings, open_store
from kg.terms import graph_of

REPO = Path(__file__).resolve().parent.parent.parent
DOCUMENTS = [
    REPO / "examples" / "nykoping-2025-2026.ttl",
    *sorted((REPO / "data" / "seeds").glob("*.ttl")),
    *sorted((REPO / "data" / "followups").glob("*.yaml")),
]
MBL = "https://w3id.org/medborgarlofte/def/"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> OxigraphStore:
    s = open_store(StoreSettings(tmp_path_factory.mktemp("catalogue-rdfs") / "store"))
    paths = [str(p) for p in DOCUMENTS]
    summary = import_paths(paths, store=s, minter=Minter(), validator=shared_validator())
    assert not summary.has_errors, summary.as_dict()
    return s


def gained_classes(catalogue: Graph, schema: Graph) -> list[str]:
    """``node gains class`` for each typed node of ``catalogue`` that RDFS entailment gives a class
    outside the superclasses of its own."""
    closure = rdfs_closure(catalogue, schema)
    problems = []
    for node in set(catalogue.subjects()):
        before = set(catalogue.objects(node, RDF.type))
        if not before:
            continue
        allowed = superclasses(schema, before) | {RDFS.Resource}
        for cls in sorted(set(closure.objects(node, RDF.type)) - allowed, key=str):
            problems.append(f"{node} gains {cls} (had {sorted(map(str, before))})")
    return problems


def test_no_catalogue_node_gains_a_class_under_rdfs(store: OxigraphStore) -> None:
    minter = Minter()
    quads = list(store.raw.quads_for_pattern(None, None, None, ox.NamedNode(str(minter.catalogue_graph))))
    catalogue = graph_of(quads)
    assert (None, RDF.type, None) in catalogue and len(catalogue) > 100
    problems = gained_classes(catalogue, schema_graph())
    assert not problems, "\n".join(problems[:20])


def test_the_test_would_catch_a_record_turned_into_a_promise() -> None:
    """With the old domain of mbl:municipality, a catalogue record became a citizen promise."""
    schema = schema_graph()
    schema.add((URIRef(MBL + "municipality"), RDFS.domain, URIRef(MBL + "CitizenPromise")))
    record = Graph().parse(
        data="""
        @prefix dcat: <http://www.w3.org/ns/dcat#> .
        @prefix mbl: <https://w3id.org/medborgarlofte/def/> .
        <https://w3id.org/medborgarlofte/id/record/promise/x> a dcat:CatalogRecord ;
            mbl:municipality <https://w3id.org/medborgarlofte/id/org/kommun-0480> .
        """,
        format="turtle",
    )
    assert any("CitizenPromise" in p for p in gained_classes(record, schema))
