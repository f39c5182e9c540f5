"""What every handler shares: settings, the store, the query engine, templates and IRI mapping."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any
from urllib.parse import quote, urlencode

from starlette.requests import Request

from kg.namespaces import PREFIXES as NAMESPACE_PREFIXES
from kg.server.cache import ResponseCache
from kg.server.engine import QueryEngine
from kg.server.settings import FIXED_BASE, ServerSettings
from kg.store.core import OxigraphStore

_SHOWN = ("mbl", "dct", "dcat", "prov", "org", "skos", "schema", "geo", "xsd", "rdf", "rdfs", "oa", "cv")
_WEB = re.compile(r"https?://", re.IGNORECASE)
"""The IRIs a page may link to; any other scheme is shown as text."""

PREFIXES: dict[str, str] = {
    **{p: NAMESPACE_PREFIXES[p] for p in _SHOWN},
    "void": "http://rdfs.org/ns/void#",
    "owl": NAMESPACE_PREFIXES["owl"],
    "foaf": NAMESPACE_PREFIXES["foaf"],
}
"""The prefixes the server's pages and Turtle use: a selection of :data:`kg.namespaces.PREFIXES`
(the one table) and VoID."""


@dataclass
class ServerContext:
    settings: ServerSettings
    store: OxigraphStore
    engine: QueryEngine
    templates: Any
    """a jinja2 Environment (typed loosely to keep jinja2 out of the signatures)."""
    saved_queries: dict[str, Any] | None = None
    """the saved queries by name, loaded on first use (kg.query.saved.SavedQuery)."""
    responses: ResponseCache = field(default_factory=lambda: ResponseCache(0, 0))
    """whole SPARQL responses, kept only when the store is read-only (see kg.server.cache)."""
    dump_dir: TemporaryDirectory[str] | None = None
    """where the dumps of a read-only store are written once (kg.server.linked_data.dump)."""
    dump_files: dict[str, Path] = field(default_factory=dict)
    dump_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    validations: Any = None
    """validation reports kept for their pages and downloads (kg.server.validate), made on first use."""

    def close(self) -> None:
        self.engine.close()
        if self.dump_dir is not None:
            self.dump_dir.cleanup()
            self.dump_dir = None

    @property
    def prefixes(self) -> dict[str, str]:
        return PREFIXES

    def url(self, path: str) -> str:
        """The absolute public URL of a server path (``sparql``, ``id/promise/x``)."""
        return self.settings.public_base + path.lstrip("/")

    def path(self, path: str) -> str:
        """The server-relative link of a server path (honours a proxy's path prefix)."""
        return self.settings.root_path + path.lstrip("/")

    def request_path(self, request: Request) -> str:
        """The server path a request asked for, percent-encoded as sent, without the leading
        slash, the query or a proxy's path prefix (``id/promise/x``)."""
        raw = request.scope.get("raw_path")
        path = raw.decode("latin-1") if isinstance(raw, bytes) else quote(request.url.path)
        return path.lstrip("/")

    def request_url(self, request: Request, params: dict[str, str] | None = None) -> str:
        """The public URL of a request (``--base-url``, path prefix included, never the Host the
        client or a proxy sent), with ``params`` as its query (default: the request's own)."""
        query = urlencode(params) if params is not None else request.url.query
        return self.url(self.request_path(request)) + (f"?{query}" if query else "")

    def local_path(self, iri: str) -> str | None:
        """The server path (``id/promise/x``) that dereferences ``iri``, or None if it is not ours."""
        if iri + "/" in (FIXED_BASE + "def/", FIXED_BASE + "shapes/"):
            return iri.removeprefix(FIXED_BASE)  # the ontology's (the shapes') own IRI, beside its namespace
        for local, prefix in self.settings.namespaces:
            if iri.startswith(prefix) and len(iri) > len(prefix):
                return local + quote(iri[len(prefix) :], safe="/-._~:@!$&'()*+,;=%")
        return None

    def iri_of(self, local: str) -> str | None:
        """The IRI that a server path (``id/promise/x``) stands for."""
        for lp, prefix in self.settings.namespaces:
            if local.startswith(lp):
                return prefix + local[len(lp) :]
        return None

    def link(self, iri: str) -> str | None:
        """Where an IRI is linked from a page: its page here, or the IRI itself when it is an
        ``http``/``https`` IRI; None for any other scheme (``javascript:``, ``data:``, ...), which
        a page then shows as text."""
        local = self.local_path(iri)
        if local is not None:
            return self.path(local)
        return iri if _WEB.match(iri) else None


def context(request: Request) -> ServerContext:
    ctx = request.app.state.ctx
    assert isinstance(ctx, ServerContext)
    return ctx
