"""Minting of instance IRIs (docs/decisions/0001-iris-and-graphs.md), and the printed forms of IRIs
(:func:`printed`, :func:`expand_iri`): how result tables print one and how a parameter names one.

All IRIs the project mints for data go through this module, so a publisher changes the base in
one place (the ``KG_BASE_IRI`` setting, passed down as ``base``). Vocabulary and ontology IRIs
are fixed and live in :mod:`kg.namespaces`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from kg.namespaces import PREFIXES

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
        return _iri(self.id_iri(path))

    def graph(self, name: str) -> URIRef:
        return _iri(self.graph_iri(name))

    def id_iri(self, path: str) -> str:
        """:meth:`id` as a string, without loading rdflib (for pyoxigraph-only paths)."""
        return f"{self.base}id/{path}"

    def graph_iri(self, name: str) -> str:
        """:meth:`graph` as a string, without loading rdflib (for pyoxigraph-only paths)."""
        return f"{self.base}graph/{name}"

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


# -- printed forms: how result tables print an IRI, and how a parameter names one -----------------
ID_SEGMENTS = ("promise", "followup", "org", "place", "record", "agent")
"""The first path segments of minted IRIs (``…/id/promise/…``): a value that starts with one and a
slash is a ``kg documents``-style id."""
_PREFIXED = re.compile(r"^(?P<prefix>[A-Za-z][A-Za-z0-9_-]*):(?P<local>[^\s<>\"{}|^`\\]*)$")


def expand_iri(value: str, base: str = DEFAULT_BASE) -> str | None:
    """The full IRI that a printed form names, or None when ``value`` is none of them:
    ``<IRI>``; ``kg:LOCAL`` (``LOCAL`` under ``BASE/id/``, as the result tables print it); a prefix
    of the project's table (``at:skola``); a ``kg documents`` id such as
    ``promise/0480-2025-2026/activity/1`` (under ``BASE/id/``); an absolute IRI. A word with a
    colon whose prefix is unknown (``foo:bar``) is not taken as an IRI scheme: None."""
    v = value.strip()
    if v.startswith("<") and v.endswith(">"):
        v = v[1:-1].strip()
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", v) or v.startswith(("urn:", "mailto:")):
        return v
    m = _PREFIXED.match(v)
    if m:
        prefix, local = m.group("prefix"), m.group("local")
        if prefix == "kg":
            return f"{DEFAULT_BASE}id/{local}" if local else None
        ns = PREFIXES.get(prefix)
        return ns + local if ns is not None and local else None
    if v.split("/", 1)[0] in ID_SEGMENTS and "/" in v and not re.search(r"[\s<>\"{}|^`\\]", v):
        return f"{base}id/{v.strip('/')}"
    return None


_PRINTED = sorted(
    [(f"{DEFAULT_BASE}id/", "kg"), *((ns, p) for p, ns in PREFIXES.items())], key=lambda pair: -len(pair[0])
)


def printed(iri: str) -> str:
    """An IRI as the result tables print it (``kg:org/kommun-0480``, ``at:skola``): the inverse of
    :func:`expand_iri`."""
    for ns, prefix in _PRINTED:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri
