"""The SHACL severities, as a light module.

Kept apart from :mod:`kg.validation.report` so that the command line can offer ``--fail-on``
without importing rdflib (``kg --help`` stays fast); rdflib is imported when an IRI is asked for.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import URIRef


class Severity(StrEnum):
    """The SHACL severities, from the most to the least serious."""

    violation = "violation"
    warning = "warning"
    info = "info"

    @property
    def rank(self) -> int:
        """3 for a violation, 2 for a warning, 1 for an info."""
        return {"violation": 3, "warning": 2, "info": 1}[self.value]

    @property
    def iri(self) -> URIRef:
        from rdflib.namespace import SH

        return {"violation": SH.Violation, "warning": SH.Warning, "info": SH.Info}[self.value]

    @classmethod
    def from_iri(cls, iri: object) -> Severity:
        from rdflib.namespace import SH

        return {SH.Warning: cls.warning, SH.Info: cls.info}.get(iri, cls.violation)  # type: ignore[call-overload]

    def label(self, lang: str) -> str:
        sv = {"violation": "fel", "warning": "varning", "info": "upplysning"}
        return sv[self.value] if lang == "sv" else self.value
