"""Run records: what a researcher needs to cite a query result and run it again.

:func:`run_record` describes one run: the query (name, file, text as run and its SHA-256), the
parameters as given and as bound RDF terms, where it ran (the store folder or the endpoint URL)
with the version of every document there (from the catalogue graph), when, with which kg, and a
SHA-256 of the result (its SPARQL JSON form) so a re-run can be compared.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from kg import __version__
from kg.errors import KgError
from kg.namespaces import sparql_prefixes
from kg.query.results import ResultFormat, ResultTable, from_solutions, render
from kg.query.run import Term
from kg.query.saved import SavedQuery
from kg.store.core import GraphStore, is_remote

_DOCUMENTS = (
    sparql_prefixes("mbl", "dct", "dcat")
    + """
SELECT ?id ?sha ?modified ?revision WHERE {
  ?rec a dcat:CatalogRecord ; dct:identifier ?id ; mbl:sha256 ?sha .
  OPTIONAL { ?rec dct:modified ?modified }
  OPTIONAL { ?rec mbl:revision ?revision }
} ORDER BY ?id
"""
)


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_versions(target: GraphStore) -> list[dict[str, Any]]:
    """Every catalogued document with its source SHA-256, last change and revision."""
    table = from_solutions(target.query(_DOCUMENTS))
    return table.records()


def _public(query: SavedQuery | None, variable: str) -> str:
    """A bound variable by the name its user gives (``__county_iri`` → ``county``)."""
    for p in query.parameters if query else ():
        if p.variable == variable:
            return p.name
    return variable


def run_record(
    target: GraphStore,
    *,
    sparql: str,
    table: ResultTable,
    started: str,
    query: SavedQuery | None = None,
    raw_params: Mapping[str, Sequence[str]] | None = None,
    bindings: Mapping[str, Sequence[Term]] | None = None,
    limit: int | None = None,
    page: int | None = None,
) -> dict[str, Any]:
    """The run record of one query run, as a JSON-ready dict."""
    try:
        documents: list[dict[str, Any]] | str = document_versions(target)
    except KgError as exc:  # a remote endpoint may refuse; the record says so
        documents = f"unavailable: {exc.message}"
    remote = is_remote(target)
    doc_digest = (
        sha256(json.dumps(documents, sort_keys=True, ensure_ascii=False))
        if isinstance(documents, list)
        else None
    )
    return {
        "tool": {"name": "kg", "version": __version__},
        "started": started,
        "finished": utc_now(),
        "query": {
            "name": query.name if query else None,
            "file": query.path.name if query else None,
            "summary": query.summary if query else None,
            "text": sparql,
            "sha256": sha256(sparql),
        },
        "parameters": {k: list(v) for k, v in (raw_params or {}).items()},
        "bindings": {_public(query, k): [str(t) for t in v] for k, v in (bindings or {}).items()},
        "limit": limit,
        "page": page,
        "source": {
            "kind": "endpoint" if remote else "store",
            "location": target.location,
            "documents": documents,
            "documents_sha256": doc_digest,
        },
        "result": {
            "rows": len(table.rows),
            "truncated": table.truncated,
            "variables": table.variables,
            "sha256": sha256(render(table, ResultFormat.sparql_json)),
        },
    }
