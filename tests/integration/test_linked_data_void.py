"""The VoID description ``kg serve`` publishes says what the dataset holds, in VoID's own terms.

Over a store with the bundled documents imported (the ontology, vocabularies and reference graphs
with them, the catalogue kg writes): every vocabulary whose classes or properties the dataset uses
is a ``void:vocabulary``, and the counts mean what VoID defines them to mean (``void:entities`` is
the number of resources with an IRI in the ``void:uriSpace`` that the dataset describes, not a
number of graphs; ``void:documents`` the number of RDF documents: here the named graphs, each
dereferenceable at ``/graph/…``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from server_support import AppClient, make_app

from kg.cli.common import shared_validator
from kg.ingest.importer import import_paths
from kg.iris import Minter
from kg.namespaces import PREFIXES
from kg.store.core import OxigraphStore, StoreSettings, open_store
from kg.store.system import ensure_system_graphs

REPO = Path(__file__).resolve().parent.parent.parent
DOCUMENTS = [
    REPO / "examples" / "nykoping-2025-2026.ttl",
    *sorted((REPO / "data" / "seeds").glob("*.ttl")),
    *sorted((REPO / "data" / "followups").glob("*.yaml")),
]
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
BUILT_IN = {PREFIXES[p] for p in ("rdf", "rdfs", "owl", "xsd")}
"""RDF's own namespaces, which every dataset uses: VoID descriptions do not list them."""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    s = open_store(StoreSettings(tmp_path_factory.mktemp("void") / "store"))
    minter = Minter()
    ensure_system_graphs(s, minter)
    summary = import_paths([str(p) for p in DOCUMENTS], store=s, minter=minter, validator=shared_validator())
    assert not summary.has_errors, summary.as_dict()
    yield s
    s.close()


@pytest.fixture(scope="module")
def void(store: OxigraphStore) -> Graph:
    with AppClient(make_app(store)) as c:
        r = c.get("/void", headers={"Accept": "text/turtle"})
        assert r.status_code == 200
        return Graph().parse(data=r.text, format="turtle")


def _namespace(iri: str) -> str:
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1]


def _dataset(void: Graph) -> URIRef:
    datasets = list(void.subjects(URIRef(RDF_TYPE), URIRef(VOID + "Dataset")))
    assert len(datasets) == 1
    return URIRef(str(datasets[0]))


def test_every_vocabulary_the_data_uses_is_named(store: OxigraphStore, void: Graph) -> None:
    used: dict[str, str] = {}
    for q in store.raw:
        used.setdefault(_namespace(q.predicate.value), q.predicate.value)
        if q.predicate.value == RDF_TYPE and isinstance(q.object, ox.NamedNode):
            used.setdefault(_namespace(q.object.value), q.object.value)
    named = {str(o) for o in void.objects(_dataset(void), URIRef(VOID + "vocabulary"))}
    missing = sorted(f"{ns} (e.g. {used[ns]})" for ns in set(used) - named - BUILT_IN)
    assert not missing, "used in the data but not a void:vocabulary:\n" + "\n".join(missing)


def test_counts_mean_what_void_says(store: OxigraphStore, void: Graph) -> None:
    dataset = _dataset(void)

    def count(prop: str) -> int | None:
        value = void.value(dataset, URIRef(VOID + prop))
        assert value is None or isinstance(value, Literal)
        return None if value is None else int(value)

    assert count("triples") == len(store.raw)
    assert count("documents") == sum(1 for _ in store.raw.named_graphs())
    space = void.value(dataset, URIRef(VOID + "uriSpace"))
    assert space is not None
    entities = count("entities")
    if entities is not None:  # VoID: resources with an IRI in the uriSpace that the dataset describes
        described = {
            q.subject.value
            for q in store.raw
            if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(str(space))
        }
        assert entities == len(described)
