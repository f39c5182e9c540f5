"""The settings of ``kg serve``: built at the edge (the CLI, a test), passed to the app factory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from kg.iris import DEFAULT_BASE

FIXED_BASE = DEFAULT_BASE
"""Where the ontology and vocabulary IRIs live whatever the data base (decision 0001)."""


@dataclass(frozen=True)
class ServerSettings:
    """Everything the server needs to know; nothing is read from the environment here."""

    base_url: str = "http://127.0.0.1:8000/"
    """The public URL of the server (behind a reverse proxy: the proxy's URL, path included)."""
    data_base: str = DEFAULT_BASE
    """The base of the project's data IRIs (``kg --base-iri``); ``{data_base}id/x`` is served at
    ``{base_url}id/x``."""
    query_timeout: float = 10.0
    """Seconds a SPARQL query may run before it is stopped (503, the limit stated)."""
    result_limit: int = 10_000
    """At most this many solutions or triples per response; more is cut, and the response says so."""
    query_workers: int = 4
    """Queries evaluated at the same time (worker processes over a read-only store); more wait
    their turn within their time limit. Half as many again (at least one) are kept for the
    server's own, saved and known-fast queries."""
    query_memory: int = 512
    """Megabytes of memory each query worker may use; a query that needs more is stopped (503)."""
    max_body: int = 1_048_576
    """Bytes a request body may have (a POSTed query or form); more is refused with 413 unread."""
    allow_service: bool = False
    """Whether federated ``SERVICE`` calls are evaluated (they make the server fetch any URL)."""
    cache_size: int = 256
    """Whole SPARQL responses kept in memory (least recently used out), when the store is
    read-only; 0: no cache."""
    cache_mb: int = 64
    """Megabytes of response bodies the cache may hold (a body over an eighth of it is not kept)."""
    cors_origins: tuple[str, ...] = ()
    """Origins allowed to read responses from browsers (``*`` for any); empty: no CORS headers."""
    extra_data: tuple[Path, ...] = ()
    """RDF files served beside the store's data from an in-memory copy (conformance, demos)."""
    licence: str = "https://creativecommons.org/licenses/by/4.0/"
    """The licence of the published data, shown on every page and in the VoID description."""
    queries_folder: Path | None = None
    """Where the saved queries are (default: the bundled ``queries/``)."""
    title: str = "Medborgarlöften"
    default_lang: str = "sv"

    @property
    def public_base(self) -> str:
        return self.base_url if self.base_url.endswith("/") else self.base_url + "/"

    @property
    def root_path(self) -> str:
        """The path prefix of the server's own links (``/`` or ``/kg/`` behind a proxy)."""
        path = urlsplit(self.public_base).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def namespaces(self) -> tuple[tuple[str, str], ...]:
        """(local path prefix, IRI prefix) of every namespace this server dereferences: the minted
        data and graphs under ``data_base``, and the fixed vocabulary, ontology and shapes namespaces."""
        b = self.data_base if self.data_base.endswith("/") else self.data_base + "/"
        return (
            ("id/", b + "id/"),
            ("graph/", b + "graph/"),
            ("vocab/", FIXED_BASE + "vocab/"),
            ("def/", FIXED_BASE + "def/"),
            ("shapes/", FIXED_BASE + "shapes/"),
        )
