"""The formats of ``kg export``, as a light module.

Kept apart from :mod:`kg.ingest.dumps` so that the command line can offer ``--format`` without
importing the importer and the validator (``kg --help`` stays fast).
"""

from __future__ import annotations

from enum import StrEnum

import pyoxigraph as ox


class ExportFormat(StrEnum):
    """Formats of ``kg export``."""

    trig = "trig"
    nquads = "nquads"
    turtle = "turtle"
    jsonld = "jsonld"

    @property
    def rdf_format(self) -> ox.RdfFormat:
        return _OX[self]

    @property
    def has_graphs(self) -> bool:
        return self is not ExportFormat.turtle

    @property
    def extension(self) -> str:
        return _EXT[self]

    @property
    def has_manifest(self) -> bool:
        """TriG and N-Quads dumps (the ones ``kg restore`` reads) start with a manifest line."""
        return self in (ExportFormat.trig, ExportFormat.nquads)


_OX = {
    ExportFormat.trig: ox.RdfFormat.TRIG,
    ExportFormat.nquads: ox.RdfFormat.N_QUADS,
    ExportFormat.turtle: ox.RdfFormat.TURTLE,
    ExportFormat.jsonld: ox.RdfFormat.JSON_LD,
}
_EXT = {
    ExportFormat.trig: ".trig",
    ExportFormat.nquads: ".nq",
    ExportFormat.turtle: ".ttl",
    ExportFormat.jsonld: ".jsonld",
}
