"""Pulling documents published elsewhere: ``kg pull URL``.

:func:`pull` lists the graphs of a remote SPARQL endpoint that hold a promise or a follow-up,
fetches each with CONSTRUCT into its own temporary N-Triples file (lines sorted, so an unchanged
remote document is ``unchanged`` on the next pull) and runs the normal
:func:`kg.ingest.importer.import_paths` over them: validation, all-or-nothing and quarantine are the
same as for any import. Each written catalogue record's ``dct:source`` then names the endpoint
and the remote graph instead of the temporary file.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import EndpointError
from kg.ingest.dumps import import_graph_files, write_graph_files
from kg.ingest.importer import ImportOptions, ImportSummary, Status
from kg.iris import Minter
from kg.namespaces import sparql_prefixes
from kg.store.core import ChangeSet, GraphStore
from kg.store.remote import EndpointTimeout
from kg.validation.validator import Validator

DCT_SOURCE = ox.NamedNode("http://purl.org/dc/terms/source")
_REMOTE_DOCS = (
    sparql_prefixes("mbl")
    + """SELECT DISTINCT ?g WHERE {
  VALUES ?type { mbl:CitizenPromise mbl:FollowUp }
  GRAPH ?g { ?doc a ?type }
}
"""
)
_ODD = re.compile(r'[\x00-\x20<>"{}|^`\\]')
"""Characters an IRI may not hold (RFC 3987): such a graph name cannot be asked for."""
_CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


@dataclass
class PullSummary:
    endpoint: str
    graphs: list[str]
    imported: ImportSummary
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """graphs left out with ``keep_going`` (an IRI that cannot be used, a failed fetch), and why"""

    def as_dict(self) -> dict[str, object]:
        return {"endpoint": self.endpoint, "remote_graphs": len(self.graphs), **self.imported.as_dict()}


def pull(
    endpoint: Any,
    *,
    store: GraphStore,
    minter: Minter,
    validator: Validator,
    options: ImportOptions | None = None,
) -> PullSummary:
    """Import the documents a remote endpoint holds, validated like any import.

    ``endpoint`` is a :class:`kg.store.remote.RemoteEndpoint` (or anything with its ``query``), which
    raises :class:`~kg.errors.EndpointError` when the endpoint fails.
    """
    if hasattr(endpoint, "iris"):  # lenient: one odd IRI must not spoil the listing
        graphs = sorted(set(endpoint.iris(_REMOTE_DOCS, "g")))
    else:
        rows = endpoint.query(_REMOTE_DOCS)
        graphs = sorted({r["g"].value for r in rows if isinstance(r["g"], ox.NamedNode)})
    url = str(getattr(endpoint, "url", endpoint))

    keep_going = bool(options and options.keep_going)
    skipped: list[tuple[str, str]] = []
    fetched: list[str] = []

    def fetch() -> Iterator[tuple[str, list[ox.Triple]]]:
        for g in graphs:
            try:
                if _ODD.search(g):
                    raise EndpointError(
                        f"grafens IRI kan inte användas / the graph IRI cannot be used: {g!r}"
                    )
                triples = list(endpoint.query(_CONSTRUCT, {"g": ox.NamedNode(g)}))
            except (EndpointError, ValueError) as exc:
                if not keep_going or isinstance(exc, EndpointTimeout):
                    raise
                skipped.append((g, str(exc.message if isinstance(exc, EndpointError) else exc)))
                continue
            fetched.append(g)
            yield g, triples

    with tempfile.TemporaryDirectory(prefix="kg-pull-") as tmp:
        files = write_graph_files(fetch(), Path(tmp))
        by_file = {f.name: g for f, g in zip(files, fetched, strict=True)}
        summary = import_graph_files(files, store=store, minter=minter, validator=validator, options=options)
    change = ChangeSet()
    cat = ox.NamedNode(str(minter.catalogue_graph))
    sources = {q.subject: q for q in store.quads(cat.value) if q.predicate == DCT_SOURCE}
    for o in summary.outcomes:
        if o.status not in (Status.imported, Status.updated) or o.doc_id is None:
            continue
        rec = ox.NamedNode(str(minter.record(o.doc_id)))
        if rec in sources:
            change.delete.append(sources[rec])
        source = f"{url} GRAPH <{by_file.get(o.path.name, '')}>"
        change.insert.append(ox.Quad(rec, DCT_SOURCE, ox.Literal(source), cat))
    if change.insert:
        store.apply(change)
    return PullSummary(url, graphs, summary, skipped)
