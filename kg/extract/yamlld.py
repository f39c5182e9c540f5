"""A document graph as a YAML-LD draft a steward can read and correct, using the project's
JSON-LD context (``ontology/context.jsonld``, referenced by its URL; the loader maps the URL to
the bundled file, so the draft re-imports offline to the same graph)."""

from __future__ import annotations

import json
import re
from typing import Any

import yaml
from rdflib import Graph

from kg.documents.parse import CONTEXT_URL, bundled_context


def to_jsonld(graph: Graph) -> dict[str, Any]:
    """The graph compacted with the project's context, ``@context`` set to its URL."""
    context = bundled_context()["@context"]
    data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    if not isinstance(data, dict):
        data = {"@graph": data}
    data.pop("@context", None)
    if isinstance(data.get("@graph"), list):
        data["@graph"] = sorted(data["@graph"], key=_reading_order)
    return {"@context": CONTEXT_URL, **data}


def _reading_order(node: dict[str, Any]) -> tuple[int, list[Any]]:
    """The promise first, its parts in document order, then what was assumed (the
    ``mbl:Assumption`` nodes and their agents), provenance (passages, annotations) last."""
    iri = str(node.get("id") or node.get("@id") or "")
    if re.search(r"/(passage|annotation)(/|$)", iri):
        group = 2
    elif re.search(r"/assumption/\d+$|/id/agent/", iri):
        group = 1
    else:
        group = 0
    natural = [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", iri)]
    return group, natural


def to_yamlld(graph: Graph, *, header: str | None = None) -> str:
    """YAML-LD text of the graph (``header`` becomes leading comment lines)."""
    body = yaml.safe_dump(to_jsonld(graph), allow_unicode=True, sort_keys=False, width=100)
    if header:
        comments = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
        return comments + body
    return body
