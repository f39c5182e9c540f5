"""Content negotiation: which row of the one format table answers a request.

The formats themselves (names, media types, kinds, pyoxigraph formats) are the rows of
:mod:`kg.query.formats`, the table the command line reads too. :func:`negotiate` picks one of a
surface's offers from an ``Accept`` header with q-values, or from a ``?_format=`` override.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kg.query.formats import BY_NAME, FORMATS, Format, Kind, by_name, fmt

__all__ = [
    "API",
    "BY_NAME",
    "DATASET",
    "FORMATS",
    "GRAPH",
    "RESOURCE",
    "RESULTS",
    "SERVICE_DESCRIPTION",
    "Format",
    "Kind",
    "MediaRange",
    "by_extension",
    "fmt",
    "negotiate",
    "parse_accept",
]

# The offers of each surface, in the server's order of preference.
RESULTS = tuple(fmt(n) for n in ("sparql-json", "sparql-xml", "sparql-csv", "sparql-tsv"))
GRAPH = tuple(fmt(n) for n in ("ttl", "nt", "jsonld", "rdf"))
SERVICE_DESCRIPTION = (fmt("ttl"), fmt("html"), fmt("nt"), fmt("jsonld"), fmt("rdf"))
RESOURCE = (fmt("html"), fmt("ttl"), fmt("jsonld"), fmt("nt"), fmt("rdf"))
DATASET = (fmt("nq"), fmt("trig"))
API = (fmt("json"), fmt("csv"))


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

    ``override`` (the ``?_format=`` parameter: a format's name such as ``ttl``, an old name such
    as ``srj``, or a media type) wins over the Accept header; a name whose format is not offered
    selects the offer with the same media type (``csv`` on ``/sparql`` is ``sparql-csv``).
    Without an Accept header the first offer is chosen. Each offer gets
    the q-value of the most specific media range that matches it (its media type before its
    aliases); the highest q wins, ties go to the server's order of preference.
    """
    if override:
        return _override(override.strip().lower(), offers)
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


def _override(o: str, offers: Sequence[Format]) -> Format | None:
    named = by_name(o)
    if named is not None:
        if named in offers:
            return named
        return next((f for f in offers if f.media_type == named.media_type), None)
    exact = next((f for f in offers if f.media_type == o), None)
    return exact or next((f for f in offers if o in f.aliases), None)


def by_extension(name: str, offers: Sequence[Format]) -> Format | None:
    """The offer whose file extension this is (``.csv``, ``.json``, ``.ttl``)."""
    ext = name.lower().lstrip(".")
    return next((f for f in offers if f.extension == ext), None)
