"""Publishing to an existing triple store: ``kg publish`` and ``kg pull``.

What is sent
    Every document graph the catalogue names, the catalogue graph (``graph/catalogue``) and, by
    default, the system graphs (``graph/ontology``, ``graph/vocabularies``, ``graph/reference``:
    saved queries read labels, SCB codes and municipality names from them, so a remote without
    them answers differently from the local store; ``include_system=False`` leaves them out).
    Order: system graphs, documents, removals, and the catalogue last, so the remote catalogue
    never names a graph that is not there yet. When a document graph fails, the catalogue is not
    sent in that run (it would describe versions the remote does not hold); the next run sends it.

How a graph is sent
    One request per graph, which replaces the graph as a whole or not at all: with a Graph Store
    Protocol URL, ``PUT <graph-store>?graph=<iri>`` with the graph as N-Triples (sent as
    ``text/turtle``, which every store accepts: N-Triples is a subset of Turtle); otherwise one
    SPARQL 1.1 Update request ``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } }``, which
    stores run as one transaction. A removed document is ``DELETE``d (GSP) or ``DROP``ped (Update).

Incremental
    The checksum of a graph is the SHA-256 of its sorted N-Triples lines (documents are
    skolemised, so this is canonical). A state file per endpoint,
    ``<store>/publish-state/<sha256 of the endpoint URL>.json``, maps each graph IRI sent to the
    checksum sent; a graph whose checksum is unchanged is skipped (``force=True`` sends all), a
    graph in the state but no longer in the store is removed remotely. The state is saved after
    every graph, so an interrupted run resumes where it stopped.

Failures
    Timeouts, dropped connections and HTTP 5xx/408/429 are retried with exponential backoff
    (``Target.retries``, ``Target.backoff``), then the graph is reported as failed and the run
    goes on; an unreachable endpoint, HTTP 401/403 or ``Target.max_consecutive_failures`` failed
    graphs in a row stop the run. :meth:`PublishReport.raise_for_failures` turns a report with
    failures into :class:`PublishFailed` (an :class:`~kg.errors.EndpointError`, exit code 3). A
    graph whose request timed out may still have been written by the server: it is old or new
    there, never partial, and the next run sends it again.

Credentials come in through :class:`Target` (the CLI reads them with
:func:`kg.store.remote.endpoint_credentials`: ``KG_ENDPOINT_USER``/``KG_ENDPOINT_PASSWORD`` or netrc;
``KG_ENDPOINT_AUTH=digest`` for Digest authentication; ``KG_ENDPOINT_TOKEN`` for a bearer token).

For benchmarks: :func:`publish` returns a :class:`PublishReport` with ``seconds`` and
``graphs_per_second``.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
import pyoxigraph as ox

from kg import __version__
from kg.errors import EndpointError
from kg.iris import Minter
from kg.namespaces import sparql_prefixes
from kg.query.text import bound_query
from kg.store import http
from kg.store.catalogue import now
from kg.store.core import GraphStore

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

    def __post_init__(self) -> None:
        for url in (self.endpoint, self.update, self.graph_store):
            if url is not None and urlsplit(url).scheme not in ("http", "https"):
                raise EndpointError(f"ingen http(s)-adress / not an http(s) URL: {url!r}")

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


# -- what to send ----------------------------------------------------------------------------


@dataclass(frozen=True)
class LocalGraph:
    iri: str
    kind: GraphKind


_DOC_GRAPHS = (
    sparql_prefixes("mbl", "dcat")
    + """SELECT DISTINCT ?g WHERE {
  GRAPH ?cat { ?rec a dcat:CatalogRecord ; mbl:namedGraph ?g }
}
"""
)


def local_graphs(store: GraphStore, minter: Minter, *, include_system: bool = True) -> list[LocalGraph]:
    """The graphs a publish sends, in sending order (the catalogue last)."""
    cat = str(minter.catalogue_graph)
    present = set(store.named_graphs())
    out: list[LocalGraph] = []
    if include_system:
        for g in (minter.ontology_graph, minter.vocabulary_graph, minter.reference_graph):
            if str(g) in present:
                out.append(LocalGraph(str(g), GraphKind.system))
    # the IRI comes from the minter, not from a user: it is safe to place in the text
    rows = store.query(bound_query(_DOC_GRAPHS, {"cat": ox.NamedNode(cat)}), union=False)
    docs = sorted({r["g"].value for r in rows if isinstance(r["g"], ox.NamedNode)} & present)
    out.extend(LocalGraph(g, GraphKind.document) for g in docs)
    if cat in present:
        out.append(LocalGraph(cat, GraphKind.catalogue))
    return out


def graph_lines(store: GraphStore, iri: str) -> list[str]:
    """A graph as sorted N-Triples lines (each ending in a newline)."""
    return sorted({f"{q.subject} {q.predicate} {q.object} .\n" for q in store.quads(iri)})


def checksum(lines: list[str]) -> str:
    h = hashlib.sha256()
    for line in lines:
        h.update(line.encode("utf-8"))
    return h.hexdigest()


# -- state -----------------------------------------------------------------------------------


@dataclass
class PublishState:
    """What was last sent to one endpoint: graph IRI → checksum."""

    endpoint: str
    graphs: dict[str, str] = field(default_factory=dict)
    path: Path | None = None

    @classmethod
    def load(cls, folder: Path | None, target: Target) -> PublishState:
        if folder is None:
            return cls(target.endpoint)
        path = folder / f"{target.key}.json"
        if not path.exists():
            return cls(target.endpoint, path=path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            graphs = {str(k): str(v["sha256"]) for k, v in data["graphs"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise EndpointError(
                f"publiceringsstatus går inte att läsa / the publish state is unreadable: {exc}",
                where=str(path),
                hint="Ta bort filen och kör med --all / delete the file and run with --all.",
            ) from exc
        return cls(target.endpoint, graphs, path)

    def save(self, target: Target) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "format": STATE_FORMAT,
            "endpoint": target.endpoint,
            "write": target.write_url,
            "mode": target.mode.value,
            "saved": now(),
            "graphs": {g: {"sha256": s} for g, s in sorted(self.graphs.items())},
        }
        fd, tmp = tempfile.mkstemp(prefix=".state.", dir=self.path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1)
        os.replace(tmp, self.path)


def state_folder(store_path: Path | str | None) -> Path | None:
    """``<store>/publish-state``; None for an in-memory store (every publish then sends all)."""
    if store_path is None or str(store_path) == "memory":
        return None
    return Path(store_path) / STATE_FOLDER


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
            "graphs": [r.as_dict() for r in self.results],
        }

    def raise_for_failures(self) -> None:
        if self.ok:
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


# -- HTTP ------------------------------------------------------------------------------------


class _Fatal(Exception):
    """A failure that will repeat for every graph: stop the run."""


class _Failed(Exception):
    def __init__(self, message: str, attempts: int) -> None:
        super().__init__(message)
        self.attempts = attempts


ProgressCallback = Callable[[GraphResult], None]
_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


class _Sender:
    def __init__(self, target: Target, client: httpx.Client | None) -> None:
        self.target = target
        auth: httpx.Auth | None = None
        if target.credentials:
            auth = (
                httpx.DigestAuth(*target.credentials)
                if target.digest
                else httpx.BasicAuth(*target.credentials)
            )
        headers = {"User-Agent": f"kg/{__version__}"}
        if target.token:
            headers["Authorization"] = f"Bearer {target.token}"
        self._own = client is None
        self.client = client or http.client(
            target.timeout,
            hosts=[urlsplit(u).hostname or "" for u in (target.endpoint, target.write_url)],
            follow_redirects=target.follow_redirects,
            auth=auth,
            headers=headers,
        )

    def close(self) -> None:
        if self._own:
            self.client.close()

    def counts(self) -> dict[str, int]:
        """Triples per named graph on the remote (one query): what the remote really holds."""
        try:
            with self.client.stream(
                "POST",
                self.target.endpoint,
                data={"query": _COUNTS},
                headers={"Accept": "application/sparql-results+json"},
            ) as response:
                body = http.read_capped(response)
                if response.status_code != 200:
                    raise _Fatal(
                        f"fjärrlagret kan inte kontrolleras / the remote cannot be checked: HTTP"
                        f" {response.status_code}: {_short(body.decode('utf-8', 'replace'))}"
                    )
            rows = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            return {
                r["g"].value: int(r["n"].value)
                for r in rows  # type: ignore[union-attr]
                if isinstance(r["g"], ox.NamedNode)
            }
        except _Fatal:
            raise
        except httpx.ConnectError as exc:
            raise _Fatal(f"servern går inte att nå / the server is unreachable ({exc})") from None
        except (httpx.HTTPError, http.RedirectRefused, http.AnswerTooLarge, SyntaxError, ValueError) as exc:
            why = f"{type(exc).__name__}: {exc}"
            problem = f"fjärrlagret kan inte kontrolleras / the remote cannot be checked ({why})"
            raise _Fatal(problem) from None

    def put(self, iri: str, lines: list[str]) -> int:
        if self.target.graph_store:
            body = "".join(lines).encode("utf-8")
            return self._send(
                "PUT",
                self.target.graph_store,
                params={"graph": iri},
                content=body,
                headers={"Content-Type": "text/turtle; charset=utf-8"},
            )
        g = ox.NamedNode(iri)
        text = f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n" + "".join(lines) + "} }\n"
        return self._update(text)

    def remove(self, iri: str) -> int:
        if self.target.graph_store:
            return self._send("DELETE", self.target.graph_store, params={"graph": iri}, ok_404=True)
        return self._update(f"DROP SILENT GRAPH {ox.NamedNode(iri)}")

    def _update(self, text: str) -> int:
        url = self.target.update or self.target.endpoint
        return self._send(
            "POST",
            url,
            content=text.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update; charset=utf-8"},
        )

    def _send(self, method: str, url: str, *, ok_404: bool = False, **kwargs: Any) -> int:
        attempts = 0
        delay = self.target.backoff
        while True:
            attempts += 1
            try:
                with self.client.stream(method, url, **kwargs) as response:
                    body = http.read_capped(response, MAX_WRITE_ANSWER)
            except (http.RedirectRefused, http.AnswerTooLarge) as exc:
                raise _Fatal(f"{exc}") from None
            except httpx.ConnectError as exc:
                problem = f"servern går inte att nå / the server is unreachable ({exc})"
                if attempts > self.target.retries:
                    raise _Fatal(problem) from exc
            except httpx.TimeoutException as exc:
                problem = (
                    f"inget svar inom {self.target.timeout:g} s / no answer within {self.target.timeout:g} s"
                    f" ({type(exc).__name__})"
                )
                if attempts > self.target.retries:
                    raise _Failed(problem, attempts) from exc
            except httpx.TransportError as exc:
                problem = f"förbindelsen bröts / the connection failed ({type(exc).__name__}: {exc})"
                if attempts > self.target.retries:
                    raise _Failed(problem, attempts) from exc
            else:
                status = response.status_code
                text = body.decode("utf-8", "replace")
                if (ok_404 and status == 404) or (200 <= status < 300 and not _html(response)):
                    return attempts
                if 200 <= status < 300:  # a login or error page answered as a success
                    raise _Fatal(
                        f"svaret är en HTML-sida, inte ett SPARQL-svar / the answer is an HTML page, not a"
                        f" SPARQL or Graph Store answer (HTTP {status}): {_short(text)}"
                    )
                problem = f"HTTP {status}: {_short(text)}"
                if status in (401, 403):
                    raise _Fatal(
                        f"servern vägrar / the server refuses: HTTP {status} "
                        "(kontrollera KG_ENDPOINT_USER/KG_ENDPOINT_PASSWORD eller netrc / "
                        "check KG_ENDPOINT_USER/KG_ENDPOINT_PASSWORD or netrc)"
                    )
                if status == 404:
                    raise _Fatal(f"fel adress / wrong URL {url}: HTTP 404")
                transient = status >= 500 or status in (408, 429)
                if not transient or attempts > self.target.retries:
                    raise _Failed(problem, attempts)
            time.sleep(delay)
            delay *= 2


def _html(response: httpx.Response) -> bool:
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    return kind in ("text/html", "application/xhtml+xml")


def _short(text: str) -> str:
    return " ".join(text.split())[:300] or "(tomt svar / empty answer)"


# -- publish ---------------------------------------------------------------------------------


def publish(
    store: GraphStore,
    minter: Minter,
    target: Target,
    *,
    state_dir: Path | None = None,
    force: bool = False,
    include_system: bool = True,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
    client: httpx.Client | None = None,
) -> PublishReport:
    """Send the store's graphs to ``target`` (see the module docstring).

    A failed graph does not raise: the report says what happened; call
    :meth:`PublishReport.raise_for_failures` to turn failures into :class:`PublishFailed`.
    """
    started = time.perf_counter()
    state = PublishState.load(state_dir, target)
    report = PublishReport(target, dry_run=dry_run)
    graphs = local_graphs(store, minter, include_system=include_system)
    local = {g.iri for g in graphs}
    system = {str(minter.ontology_graph), str(minter.vocabulary_graph), str(minter.reference_graph)}
    removals = [
        LocalGraph(g, GraphKind.system if g in system else GraphKind.document)
        for g in sorted(state.graphs)
        if g not in local and (include_system or g not in system)
    ]
    catalogue = next((g for g in graphs if g.kind is GraphKind.catalogue), None)
    sender = None if dry_run else _Sender(target, client)
    consecutive = 0

    def record(result: GraphResult) -> None:
        report.results.append(result)
        if progress:
            progress(result)

    def send(graph: LocalGraph, lines: list[str] | None) -> None:
        """Send (lines) or remove (None) one graph, unless skipped, held back or a dry run."""
        nonlocal consecutive
        sha = checksum(lines) if lines is not None else None
        triples = len(lines) if lines is not None else 0
        action = Action.sent if lines is not None else Action.removed
        if report.stopped:
            record(GraphResult(graph.iri, graph.kind, Action.not_attempted, message=report.stopped))
            return
        there = remote.get(graph.iri, 0) if remote is not None else triples  # dry run: trust the state
        if sha is not None and not force and state.graphs.get(graph.iri) == sha and there == triples:
            record(GraphResult(graph.iri, graph.kind, Action.skipped, triples=triples))
            return
        if graph.kind is GraphKind.catalogue and report.failed:
            held = "hålls tillbaka tills alla dokument är skickade / held back until every document is sent"
            record(GraphResult(graph.iri, graph.kind, Action.not_attempted, message=held))
            return
        if sender is None:
            record(GraphResult(graph.iri, graph.kind, action, triples=triples, message="dry run"))
            return
        t0 = time.perf_counter()
        result = GraphResult(graph.iri, graph.kind, action, triples=triples)
        try:
            result.attempts = sender.put(graph.iri, lines) if lines is not None else sender.remove(graph.iri)
        except _Fatal as exc:
            result.action, result.message = Action.failed, str(exc)
            report.stopped = str(exc)
        except _Failed as exc:
            result.action, result.message, result.attempts = Action.failed, str(exc), exc.attempts
            consecutive += 1
            if consecutive >= target.max_consecutive_failures:
                report.stopped = (
                    f"{consecutive} grafer i rad misslyckades / {consecutive} graphs in a row failed"
                )
        else:
            consecutive = 0
            if sha is None:
                state.graphs.pop(graph.iri, None)
            else:
                state.graphs[graph.iri] = sha
            state.save(target)
        result.seconds = time.perf_counter() - t0
        record(result)

    remote: dict[str, int] | None = None
    try:
        if sender is not None:  # the state file says what was sent; the remote says what is there
            try:
                remote = sender.counts()
            except _Fatal as exc:
                report.stopped = str(exc)
        for g in graphs:
            if g.kind is not GraphKind.catalogue:
                send(g, graph_lines(store, g.iri))
        for g in removals:
            send(g, None)
        if catalogue is not None:
            send(catalogue, graph_lines(store, catalogue.iri))
        if sender is not None and report.stopped is None and report.of(Action.sent, Action.removed):
            _check_after(sender, report, state, target)
    finally:
        if sender is not None:
            sender.close()
    report.seconds = time.perf_counter() - started
    return report


def _check_after(sender: _Sender, report: PublishReport, state: PublishState, target: Target) -> None:
    """Count what the remote holds of each graph just written; a graph that is not there as sent
    is a failure (and is forgotten by the state, so the next run sends it again)."""
    try:
        there = sender.counts()
    except _Fatal as exc:
        report.stopped = str(exc)
        return
    for r in report.of(Action.sent, Action.removed):
        expected = r.triples if r.action is Action.sent else 0
        if there.get(r.iri, 0) != expected:
            r.action = Action.failed
            r.message = (
                f"fjärrlagret håller {there.get(r.iri, 0)} tripler, inte {expected} / the remote holds"
                f" {there.get(r.iri, 0)} triples, not {expected}"
            )
            state.graphs.pop(r.iri, None)
    state.save(target)
