"""The input formats ``kg import`` and ``kg validate`` read, as a light module.

Kept apart from :mod:`kg.documents.parse` so that the command line can name the formats in its
options without importing a parser (``kg --help`` stays fast).
"""

from __future__ import annotations

import re
from enum import StrEnum


class InputFormat(StrEnum):
    """Formats ``kg import`` and ``kg validate`` read."""

    turtle = "turtle"
    trig = "trig"
    ntriples = "ntriples"
    nquads = "nquads"
    jsonld = "jsonld"
    yamlld = "yamlld"
    rdfxml = "rdfxml"
    text = "text"
    markdown = "markdown"
    html = "html"
    pdf = "pdf"

    @property
    def is_rdf(self) -> bool:
        return self not in _EXTRACTED

    @property
    def has_graphs(self) -> bool:
        return self in (InputFormat.trig, InputFormat.nquads)


_EXTRACTED = {InputFormat.text, InputFormat.markdown, InputFormat.html, InputFormat.pdf}


EXTENSIONS: dict[str, InputFormat] = {
    ".ttl": InputFormat.turtle,
    ".turtle": InputFormat.turtle,
    ".trig": InputFormat.trig,
    ".nt": InputFormat.ntriples,
    ".nq": InputFormat.nquads,
    ".jsonld": InputFormat.jsonld,
    ".json": InputFormat.jsonld,
    ".yaml": InputFormat.yamlld,
    ".yml": InputFormat.yamlld,
    ".yamlld": InputFormat.yamlld,
    ".rdf": InputFormat.rdfxml,
    ".owl": InputFormat.rdfxml,
    ".xml": InputFormat.rdfxml,
    ".txt": InputFormat.text,
    ".md": InputFormat.markdown,
    ".markdown": InputFormat.markdown,
    ".html": InputFormat.html,
    ".htm": InputFormat.html,
    ".pdf": InputFormat.pdf,
}
"""File extension (lower case, with its dot) → the format a file is read as."""


MEDIA_TYPES: dict[str, InputFormat] = {
    "text/turtle": InputFormat.turtle,
    "application/x-turtle": InputFormat.turtle,
    "application/trig": InputFormat.trig,
    "application/n-triples": InputFormat.ntriples,
    "application/n-quads": InputFormat.nquads,
    "application/ld+json": InputFormat.jsonld,
    "application/json": InputFormat.jsonld,
    "application/ld+yaml": InputFormat.yamlld,
    "application/yaml": InputFormat.yamlld,
    "application/x-yaml": InputFormat.yamlld,
    "text/yaml": InputFormat.yamlld,
    "text/x-yaml": InputFormat.yamlld,
    "application/rdf+xml": InputFormat.rdfxml,
    "text/plain": InputFormat.text,
    "text/markdown": InputFormat.markdown,
    "text/html": InputFormat.html,
    "application/xhtml+xml": InputFormat.html,
    "application/pdf": InputFormat.pdf,
}
"""Media type (as a ``Content-Type`` names it, parameters dropped) → the format it is read as."""


def sniff(data: bytes) -> InputFormat:
    """The format a document's bytes look like, for a pasted text or a file without a known
    extension: PDF, HTML, JSON-LD, Turtle (``@prefix``, ``PREFIX``, ``<iri>``), YAML-LD (an
    ``@context:`` key), else plain text. A guess: a steward can always name the format."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF-"):
        return InputFormat.pdf
    text = head.decode("utf-8", "replace")
    low = text.lower()
    if low.startswith(("<!doctype html", "<html")):
        return InputFormat.html
    if low.startswith(("{", "[")):
        return InputFormat.jsonld
    lines = [ln.strip() for ln in text.splitlines()]
    first = next((ln for ln in lines if ln and not ln.startswith("#")), "")
    if first.lower().startswith(("@prefix", "@base", "prefix ", "base ", "<")):
        return InputFormat.turtle
    if _YAML_CONTEXT.search(text):
        return InputFormat.yamlld
    return InputFormat.text


_YAML_CONTEXT = re.compile(r"""^\s*(-\s+)?["']?@context["']?\s*:""", re.MULTILINE)
