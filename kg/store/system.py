"""System graphs: the ontology, the SKOS vocabularies and the reference data in the store.

Each is kept in its own named graph and replaced only when its files change (a checksum of the
files is stored in the graph itself), so :func:`ensure_system_graphs` is cheap to call before
every import.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg import resources
from kg.iris import Minter
from kg.namespaces import OX
from kg.sparql_text import bound_query
from kg.store.core import ChangeSet, GraphStore

_CHECKSUM = OX.mbl.sha256
_CURRENT = "SELECT ?d WHERE { GRAPH ?g { ?g ?checksum ?d } }"


@dataclass(frozen=True)
class SystemGraph:
    name: str
    files: tuple[Path, ...]


def system_graphs(minter: Minter) -> list[tuple[str, SystemGraph]]:
    graphs: list[tuple[str, SystemGraph]]
    ontology = resources.bundled("ontology")
    graphs = [
        (minter.graph_iri("ontology"), SystemGraph("ontology", tuple(sorted(ontology.glob("*.ttl"))))),
        (minter.graph_iri("vocabularies"), SystemGraph("vocabularies", tuple(resources.vocabulary_files()))),
    ]
    ref = resources.reference_file()
    if ref.exists():
        graphs.append((minter.graph_iri("reference"), SystemGraph("reference", (ref,))))
    return graphs


def _digest(files: tuple[Path, ...]) -> str:
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def ensure_system_graphs(store: GraphStore, minter: Minter) -> list[str]:
    """Load or refresh the system graphs; returns the names of those (re)loaded."""
    loaded: list[str] = []
    for iri, sg in system_graphs(minter):
        if not sg.files:
            continue
        digest = _digest(sg.files)
        g = ox.NamedNode(iri)
        current = list(store.query(bound_query(_CURRENT, {"g": g, "checksum": _CHECKSUM}), union=False))
        if current and current[0]["d"].value == digest:
            continue
        quads: list[ox.Quad] = [ox.Quad(g, _CHECKSUM, ox.Literal(digest), g)]
        for f in sg.files:
            for q in ox.parse(path=str(f), format=ox.RdfFormat.TURTLE):
                quads.append(ox.Quad(q.subject, q.predicate, q.object, g))
        store.apply(ChangeSet(replace={iri: quads}))
        loaded.append(sg.name)
    return loaded
