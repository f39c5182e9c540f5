"""What a publish sends and what it sent before: the local graphs with their checksums, and the
state file per endpoint that makes a publish incremental."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import EndpointError
from kg.iris import Minter
from kg.namespaces import sparql_prefixes
from kg.publish.model import (
    STATE_FOLDER,
    STATE_FORMAT,
    GraphKind,
    Target,
)
from kg.sparql_text import bound_query
from kg.store.catalogue import now
from kg.store.core import GraphStore

# -- what to send ----------------------------------------------------------------------------


@dataclass(frozen=True)
class LocalGraph:
    iri: str
    kind: GraphKind


_DOC_GRAPHS = (
    sparql_prefixes("mbl", "dcat")
    + """SELECT DISTINCT ?g WHERE {
  GRAPH ?cat { ?rec a dcat:CatalogRecord ; mbl:namedGraph ?g }
}
"""
)


def local_graphs(store: GraphStore, minter: Minter, *, include_system: bool = True) -> list[LocalGraph]:
    """The graphs a publish sends, in sending order (the catalogue last)."""
    cat = str(minter.catalogue_graph)
    present = set(store.named_graphs())
    out: list[LocalGraph] = []
    if include_system:
        for g in (minter.ontology_graph, minter.vocabulary_graph, minter.reference_graph):
            if str(g) in present:
                out.append(LocalGraph(str(g), GraphKind.system))
    # the IRI comes from the minter, not from a user: it is safe to place in the text
    rows = store.query(bound_query(_DOC_GRAPHS, {"cat": ox.NamedNode(cat)}), union=False)
    docs = sorted({r["g"].value for r in rows if isinstance(r["g"], ox.NamedNode)} & present)
    out.extend(LocalGraph(g, GraphKind.document) for g in docs)
    if cat in present:
        out.append(LocalGraph(cat, GraphKind.catalogue))
    return out


def graph_lines(store: GraphStore, iri: str) -> list[str]:
    """A graph as sorted N-Triples lines (each ending in a newline)."""
    return sorted({f"{q.subject} {q.predicate} {q.object} .\n" for q in store.quads(iri)})


def checksum(lines: list[str]) -> str:
    h = hashlib.sha256()
    for line in lines:
        h.update(line.encode("utf-8"))
    return h.hexdigest()


# -- state -----------------------------------------------------------------------------------


@dataclass
class PublishState:
    """What was last sent to one endpoint: graph IRI → checksum."""

    endpoint: str
    graphs: dict[str, str] = field(default_factory=dict)
    path: Path | None = None

    @classmethod
    def load(cls, folder: Path | None, target: Target) -> PublishState:
        if folder is None:
            return cls(target.endpoint)
        path = folder / f"{target.key}.json"
        if not path.exists():
            return cls(target.endpoint, path=path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            graphs = {str(k): str(v["sha256"]) for k, v in data["graphs"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise EndpointError(
                f"publiceringsstatus går inte att läsa / the publish state is unreadable: {exc}",
                where=str(path),
                hint="Ta bort filen och kör med --all / delete the file and run with --all.",
            ) from exc
        return cls(target.endpoint, graphs, path)

    def save(self, target: Target) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "format": STATE_FORMAT,
            "endpoint": target.endpoint,
            "write": target.write_url,
            "mode": target.mode.value,
            "saved": now(),
            "graphs": {g: {"sha256": s} for g, s in sorted(self.graphs.items())},
        }
        fd, tmp = tempfile.mkstemp(prefix=".state.", dir=self.path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1)
        os.replace(tmp, self.path)


def state_folder(store_path: Path | str | None) -> Path | None:
    """``<store>/publish-state``; None for an in-memory store (every publish then sends all)."""
    if store_path is None or str(store_path) == "memory":
        return None
    return Path(store_path) / STATE_FOLDER
