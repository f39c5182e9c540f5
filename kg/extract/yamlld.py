"""A document graph as a YAML-LD draft a steward can read and correct (:mod:`kg.extract.draft`),
in the project's JSON-LD context (``ontology/context.jsonld``, referenced by its URL; the loader
maps the URL to the bundled file, so the draft re-imports offline to the same graph)."""

from __future__ import annotations

from rdflib import Graph

from kg.extract.draft import draft_text


def to_yamlld(graph: Graph, *, header: str | None = None) -> str:
    """YAML-LD text of the graph (``header`` becomes leading comment lines)."""
    return draft_text(graph, header=header.splitlines() if header else None)
