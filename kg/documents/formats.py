"""The input formats ``kg import`` and ``kg validate`` read, as a light module.

Kept apart from :mod:`kg.documents.parse` so that the command line can name the formats in its
options without importing a parser (``kg --help`` stays fast).
"""

from __future__ import annotations

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
