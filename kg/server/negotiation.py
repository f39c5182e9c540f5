"""The one format table of the server, and the one content-negotiation function.

Every format the server speaks is one :class:`Format` row: its short name (also the file
extension and the ``?_format=`` value), its media type (and the aliases clients send), its kind
(SPARQL results, RDF graph, a web page, plain data), the rdflib parser/serialiser name and the
pyoxigraph format. :func:`negotiate` picks one row from an ``Accept`` header with q-values, or from
a ``?_format=`` override.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import pyoxigraph as ox


class Kind(StrEnum):
    results = "results"
    """SPARQL query results (SELECT, ASK)."""
    rdf = "rdf"
    """an RDF graph or dataset."""
    page = "page"
    """a web page."""
    data = "data"
    """plain tabular data for the saved-query API."""


@dataclass(frozen=True)
class Format:
    name: str
    """short name: file extension and ``?_format=`` value."""
    media_type: str
    kind: Kind
    aliases: tuple[str, ...] = ()
    """other media types that select this format (matched after the main one)."""
    rdflib: str | None = None
    ox_rdf: ox.RdfFormat | None = None
    ox_results: ox.QueryResultsFormat | None = None
    label: str = ""

    @property
    def content_type(self) -> str:
        textual = self.media_type.startswith("text/") or self.media_type.endswith(("+xml", "+json", "/json"))
        return f"{self.media_type}; charset=utf-8" if textual else self.media_type

    def matches(self, media_type: str) -> bool:
        return media_type == self.media_type or media_type in self.aliases


R = ox.QueryResultsFormat
G = ox.RdfFormat

FORMATS: tuple[Format, ...] = (
    # SPARQL results
    Format("srj", "application/sparql-results+json", Kind.results, ("application/json",), "json",
           ox_results=R.JSON, label="SPARQL JSON"),
    Format("srx", "application/sparql-results+xml", Kind.results, ("application/xml", "text/xml"), "xml",
           ox_results=R.XML, label="SPARQL XML"),
    Format("csv", "text/csv", Kind.results, (), "csv", ox_results=R.CSV, label="CSV"),
    Format("tsv", "text/tab-separated-values", Kind.results, (), "tsv", ox_results=R.TSV, label="TSV"),
    # RDF graphs
    Format("ttl", "text/turtle", Kind.rdf, ("application/x-turtle",), "turtle", G.TURTLE, label="Turtle"),
    Format("nt", "application/n-triples", Kind.rdf, ("text/plain",), "nt", G.N_TRIPLES, label="N-Triples"),
    Format("jsonld", "application/ld+json", Kind.rdf, ("application/json",), "json-ld", G.JSON_LD,
           label="JSON-LD"),
    Format("rdf", "application/rdf+xml", Kind.rdf, ("application/xml", "text/xml"), "xml", G.RDF_XML,
           label="RDF/XML"),
    Format("nq", "application/n-quads", Kind.rdf, (), "nquads", G.N_QUADS, label="N-Quads"),
    Format("trig", "application/trig", Kind.rdf, (), "trig", G.TRIG, label="TriG"),
    # web pages and plain data
    Format("html", "text/html", Kind.page, ("application/xhtml+xml",), label="HTML"),
    Format("json", "application/json", Kind.data, (), label="JSON"),
    Format("csvdata", "text/csv", Kind.data, (), label="CSV"),
)

BY_NAME: dict[str, Format] = {f.name: f for f in FORMATS}


def fmt(name: str) -> Format:
    """One row of the table by its short name."""
    return BY_NAME[name]


# The offers of each surface, in the server's order of preference.
RESULTS = tuple(fmt(n) for n in ("srj", "srx", "csv", "tsv"))
GRAPH = tuple(fmt(n) for n in ("ttl", "nt", "jsonld", "rdf"))
SERVICE_DESCRIPTION = (fmt("ttl"), fmt("html"), fmt("nt"), fmt("jsonld"), fmt("rdf"))
RESOURCE = (fmt("html"), fmt("ttl"), fmt("jsonld"), fmt("nt"), fmt("rdf"))
DATASET = (fmt("nq"), fmt("trig"))
API = (fmt("json"), fmt("csvdata"))

_OVERRIDE_ALIASES = {"json": "json", "csv": "csv", "turtle": "ttl", "xml": "srx", "json-ld": "jsonld"}


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float

    def specificity(self, media_type: str, alias: bool) -> int | None:
        """How precisely this range matches ``media_type`` (higher is better), None if it does not."""
        t, _, s = media_type.partition("/")
        if alias and (self.type == "*" or self.subtype == "*"):
            return None  # wildcards select a format by its own media type, not by an alias
        if self.type == "*" and self.subtype == "*":
            return 1
        if self.type == t and self.subtype == "*":
            return 2
        if self.type == t and self.subtype == s:
            return 3 if alias else 4
        return None


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header; malformed parts are ignored, q defaults to 1."""
    ranges: list[MediaRange] = []
    for part in (header or "").split(","):
        items = [p.strip() for p in part.split(";")]
        mt = items[0].lower()
        if "/" not in mt:
            continue
        q = 1.0
        for param in items[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        t, _, s = mt.partition("/")
        ranges.append(MediaRange(t, s, q))
    return ranges


def negotiate(accept: str | None, offers: Sequence[Format], override: str | None = None) -> Format | None:
    """The best of ``offers`` for this request, or None when nothing acceptable is offered (406).

    ``override`` (the ``?_format=`` parameter: a short name such as ``ttl`` or a media type) wins
    over the Accept header. Without an Accept header the first offer is chosen. Each offer gets
    the q-value of the most specific media range that matches it (its media type before its
    aliases); the highest q wins, ties go to the server's order of preference.
    """
    if override:
        o = override.strip().lower()
        o = _OVERRIDE_ALIASES.get(o, o)
        for f in offers:
            if f.name == o or f.media_type == o:
                return f
        if o in ("csv",):
            return next((f for f in offers if f.media_type == "text/csv"), None)
        for f in offers:
            if o in f.aliases:
                return f
        return None
    ranges = parse_accept(accept)
    if not ranges:
        return offers[0] if offers else None
    best: Format | None = None
    best_key: tuple[float, int] = (0.0, 0)
    for index, f in enumerate(offers):
        q: float | None = None
        spec = -1
        for alias, mt in [(False, f.media_type), *((True, a) for a in f.aliases)]:
            for r in ranges:
                sp = r.specificity(mt, alias)
                if sp is not None and sp > spec:
                    spec, q = sp, r.q
        if q is None or q <= 0:
            continue
        # a higher q wins; among equal q an exact match beats a wildcard, then the server's order
        key = (q, spec * 1000 - index)
        if best is None or key > best_key:
            best, best_key = f, key
    return best


def by_extension(name: str, offers: Sequence[Format]) -> Format | None:
    """The offer whose short name is this file extension (``.csv``, ``.json``, ``.ttl``)."""
    ext = name.lower().lstrip(".")
    return next((f for f in offers if f.name == ext or (ext == "csv" and f.media_type == "text/csv")), None)
