"""Minting of instance IRIs (docs/decisions/0001-iris-and-graphs.md).

All IRIs the project mints for data go through this module, so a publisher changes the base in
one place (the ``KG_BASE_IRI`` setting, passed down as ``base``). Vocabulary and ontology IRIs
are fixed and live in :mod:`kg.namespaces`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import URIRef

DEFAULT_BASE = "https://w3id.org/medborgarlofte/"

_SWEDISH = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


def slugify(text: str) -> str:
    """A lower-case ASCII slug.

    ``"Lokalpolisområde norra Lappland"`` becomes ``lokalpolisomrade-norra-lappland``.
    """
    s = text.strip().lower().translate(_SWEDISH)
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s or "x"


class Minter:
    """Mints the project's IRIs under one base (default :data:`DEFAULT_BASE`)."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        if not base.endswith("/"):
            base += "/"
        self.base = base

    def id(self, path: str) -> URIRef:
        return _iri(f"{self.base}id/{path}")

    def graph(self, name: str) -> URIRef:
        return _iri(f"{self.base}graph/{name}")

    # organisations and places
    def municipality_org(self, code: str) -> URIRef:
        return self.id(f"org/kommun-{code}")

    def municipality_place(self, code: str) -> URIRef:
        return self.id(f"place/kommun-{code}")

    def county_place(self, code: str) -> URIRef:
        return self.id(f"place/lan-{code}")

    def police_authority(self) -> URIRef:
        return self.id("org/polismyndigheten")

    def police_region(self, slug: str) -> URIRef:
        return self.id(f"org/polisregion-{slug}")

    def police_area(self, name_or_slug: str) -> URIRef:
        slug = slugify(name_or_slug)
        for prefix in ("lokalpolisomrade-", "lpo-"):
            if slug.startswith(prefix):
                slug = slug[len(prefix) :]
        slug = slug.removesuffix("-lokalpolisomrade")
        return self.id(f"org/lpo-{slug}")

    def local_actor(self, code: str, name: str) -> URIRef:
        return self.id(f"org/kommun-{code}/{slugify(name)}")

    # agents that assume values (mbl:Assumption, prov:wasAttributedTo)
    def extractor_agent(self) -> URIRef:
        """``kg extract`` as a ``prov:SoftwareAgent``."""
        return self.id("agent/kg-extract")

    def steward_agent(self) -> URIRef:
        """The data steward who gave a value (an option of ``kg extract``) as a ``prov:Agent``."""
        return self.id("agent/steward")

    # documents
    def promise(self, key: str) -> URIRef:
        return self.id(f"promise/{key}")

    def assumption(self, promise: str, n: int) -> URIRef:
        """The ``n``-th (from 1) assumption of a promise: ``<promise>/assumption/n``."""
        return _iri(f"{promise}/assumption/{n}")

    def followup(self, promise_key: str, period: str) -> URIRef:
        return self.id(f"followup/{promise_key}/{period}")

    def document_graph(self, doc_id: str) -> URIRef:
        return self.graph(doc_id)

    def record(self, doc_id: str) -> URIRef:
        return self.id(f"record/{doc_id}")

    def doc_id_of(self, iri: str) -> str:
        """The document ID (``promise/0580-2023-2024``) of a promise or follow-up IRI."""
        prefix = f"{self.base}id/"
        if not iri.startswith(prefix):
            raise ValueError(f"{iri} is not under {prefix}")
        return iri[len(prefix) :]

    @property
    def catalogue_graph(self) -> URIRef:
        return self.graph("catalogue")

    @property
    def reference_graph(self) -> URIRef:
        return self.graph("reference")

    @property
    def ontology_graph(self) -> URIRef:
        return self.graph("ontology")

    @property
    def vocabulary_graph(self) -> URIRef:
        return self.graph("vocabularies")


def promise_key(code: str, start_year: int, end_year: int, lpo_slug: str | None = None) -> str:
    """The key of a promise IRI: ``0580-2023-2024``; one-year promises ``1282-2017``."""
    period = f"{start_year}" if start_year == end_year else f"{start_year}-{end_year}"
    key = f"{code}-{period}"
    return f"{key}-{lpo_slug}" if lpo_slug else key


def _iri(value: str) -> URIRef:
    # rdflib is imported on first use, so that ``kg --version`` and ``kg --help`` (which only
    # need DEFAULT_BASE) start without it.
    from rdflib import URIRef

    return URIRef(value)
