"""What a publish is about: the target endpoint, the kinds of graph and action, and the report."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from kg.errors import EndpointError
from kg.store import http

MAX_WRITE_ANSWER = 1024 * 1024
"""Largest answer to an update or a PUT that is read (bytes)."""
STATE_FOLDER = "publish-state"
STATE_FORMAT = 1


class GraphKind(StrEnum):
    document = "document"
    catalogue = "catalogue"
    system = "system"


class Action(StrEnum):
    """What happened to one graph in a publish."""

    sent = "sent"
    skipped = "skipped"
    """unchanged since the last publish to this endpoint"""
    removed = "removed"
    failed = "failed"
    not_attempted = "not-attempted"
    """the run stopped before this graph, or the catalogue was held back"""


class WriteMode(StrEnum):
    graph_store = "graph-store"
    update = "update"


class PublishFailed(EndpointError):
    """A publish in which some graphs failed or that stopped early; carries the report."""

    def __init__(self, message: str, *, report: PublishReport, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.report = report


@dataclass(frozen=True)
class Target:
    """A remote store: its query URL and where to write (Graph Store Protocol or SPARQL Update)."""

    endpoint: str
    update: str | None = None
    graph_store: str | None = None
    credentials: tuple[str, str] | None = None
    digest: bool = False
    """HTTP Digest instead of Basic authentication (Virtuoso's ``/sparql-auth``)"""
    token: str | None = None
    """a bearer token (QLever's access token), sent as ``Authorization: Bearer``"""
    timeout: float = 60.0
    retries: int = 2
    """extra attempts after the first, for transient failures"""
    backoff: float = 0.5
    """seconds before the first retry, doubled for each next one"""
    max_consecutive_failures: int = 3
    follow_redirects: bool = False
    """follow redirects to other hosts too (always only http and https)"""
    batch: int = 250
    """triples per INSERT DATA / DELETE DATA operation in a SPARQL Update (Virtuoso refuses one
    operation whose SQL translation passes 10,000 lines: about 1,000 to 2,000 triples); a change
    of more than four batches is staged (see :mod:`kg.publish.sender`)"""

    def __post_init__(self) -> None:
        for url in (self.endpoint, self.update, self.graph_store):
            if url is not None:
                http.check_url(url)

    @classmethod
    def resolve(
        cls, endpoint: str, *, update: str | None = None, graph_store: str | None = None, **kwargs: Any
    ) -> Target:
        """A target whose update URL, when neither it nor a graph store is given, is derived from
        the query URL: ``.../query`` → ``.../update`` (Oxigraph, Fuseki), ``.../repositories/X``
        → ``.../repositories/X/statements`` (GraphDB, RDF4J), else the query URL itself
        (Virtuoso ``/sparql``, QLever, Fuseki ``/ds``)."""
        if update is None and graph_store is None:
            update = derive_update_url(endpoint)
        return cls(endpoint, update=update, graph_store=graph_store, **kwargs)

    @property
    def mode(self) -> WriteMode:
        return WriteMode.graph_store if self.graph_store else WriteMode.update

    @property
    def write_url(self) -> str:
        return self.graph_store or self.update or self.endpoint

    @property
    def key(self) -> str:
        """The state file's name: the SHA-256 of the (normalised) query URL."""
        return hashlib.sha256(_normalise(self.endpoint).encode()).hexdigest()


def derive_update_url(endpoint: str) -> str:
    parts = urlsplit(endpoint)
    path = parts.path.rstrip("/")
    segments = path.split("/")
    if segments[-1] == "query":
        path = "/".join([*segments[:-1], "update"])
    elif len(segments) >= 2 and segments[-2] == "repositories":
        path = f"{path}/statements"
    else:
        return endpoint
    return urlunsplit(parts._replace(path=path))


def _normalise(url: str) -> str:
    parts = urlsplit(url.strip())
    return urlunsplit(parts._replace(scheme=parts.scheme.lower(), netloc=parts.netloc.lower()))


# -- report ----------------------------------------------------------------------------------


@dataclass
class GraphResult:
    iri: str
    kind: GraphKind
    action: Action
    attempts: int = 0
    triples: int = 0
    seconds: float = 0.0
    message: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "graph": self.iri,
            "kind": self.kind.value,
            "action": self.action.value,
            "attempts": self.attempts,
            "triples": self.triples,
            "seconds": round(self.seconds, 3),
            "message": self.message,
        }


@dataclass
class PublishReport:
    target: Target
    results: list[GraphResult] = field(default_factory=list)
    seconds: float = 0.0
    stopped: str | None = None
    """why the run stopped early (unreachable, refused credentials, too many failures)"""
    dry_run: bool = False
    hidden: EndpointError | None = None
    """set when the saved queries cannot see the published data (the default graph is not the
    union of the named graphs): :meth:`raise_for_failures` raises it"""

    def of(self, *actions: Action, kind: GraphKind | None = None) -> list[GraphResult]:
        return [r for r in self.results if r.action in actions and (kind is None or r.kind is kind)]

    @property
    def sent(self) -> list[GraphResult]:
        return self.of(Action.sent)

    @property
    def failed(self) -> list[GraphResult]:
        return self.of(Action.failed)

    @property
    def ok(self) -> bool:
        return not self.failed and self.stopped is None and not self.of(Action.not_attempted)

    @property
    def graphs_per_second(self) -> float:
        written = len(self.of(Action.sent, Action.removed))
        return written / self.seconds if self.seconds > 0 else 0.0

    def counts(self) -> dict[str, int]:
        return {a.value: len(self.of(a)) for a in Action}

    def as_dict(self) -> dict[str, object]:
        return {
            "endpoint": self.target.endpoint,
            "write": self.target.write_url,
            "mode": self.target.mode.value,
            "dry_run": self.dry_run,
            **self.counts(),
            "seconds": round(self.seconds, 3),
            "graphs_per_second": round(self.graphs_per_second, 1),
            "stopped": self.stopped,
            "default_graph_sees_data": None if self.dry_run or self.stopped else self.hidden is None,
            "graphs": [r.as_dict() for r in self.results],
        }

    def raise_for_failures(self) -> None:
        if self.ok:
            if self.hidden is not None:
                raise self.hidden
            return
        c = self.counts()
        msg = (
            f"publiceringen misslyckades / publishing failed: {c['failed']} misslyckade / failed, "
            f"{c['not-attempted']} ej försökta / not attempted"
        )
        if self.stopped:
            msg += f"; {self.stopped}"
        first = next((r for r in self.failed if r.message), None)
        if first and first.message and first.message != self.stopped:
            msg += f"; {first.iri}: {first.message}"
        raise PublishFailed(
            msg,
            report=self,
            hint="Varje graf på servern är antingen den gamla eller den nya; kör igen för att skicka resten"
            " / every remote graph is either old or new; run again to send the rest.",
        )


ProgressCallback = Callable[[GraphResult], None]
"""Called after each graph with its result."""
