"""The HTTP side of a publish: one request per graph (GSP PUT or SPARQL Update), retries with
backoff, answers checked as a SPARQL/GSP success, and counts per graph to verify the remote.

With SPARQL Update a graph changes only by what differs: a graph the remote holds is read back
first, and the triples that went are deleted and those that came inserted; no triple is deleted
and inserted again in the same transaction, which Virtuoso 7.2 replays wrongly from its
transaction log after a crash. Every operation carries at most ``Target.batch`` triples (an
engine may cap one operation: Virtuoso's SQL-text limit). A small change is one request of
``DELETE DATA``/``INSERT DATA`` operations, hence one transaction. A large one (more than
``Target.batch * 4`` triples: a first publish of the catalogue, the reference data) is staged:
what went and what came are written, a batch per request, into two staging graphs
(``<graph>#kg-staging-gone``, ``#kg-staging-came``), then one request swaps them in
(``DELETE … WHERE`` the staged removals, ``ADD`` the staged additions, drop both): the graph is
still old or new after any failure, and a staging graph left by an interrupted run is dropped by
the next. (Virtuoso takes time that grows with the square of a request's operations, so one
request for a graph of 46,000 triples would take many minutes.) When the remote graph cannot be
read whole, the graph is staged whole and swapped in with ``DROP`` + ``ADD``.
"""

from __future__ import annotations

import time
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

import httpx
import pyoxigraph as ox

from kg import __version__
from kg.publish.model import (
    MAX_WRITE_ANSWER,
    Target,
)
from kg.store import http

# -- HTTP ------------------------------------------------------------------------------------


class RunStopped(Exception):
    """A failure that will repeat for every graph: stop the run."""


class GraphFailed(Exception):
    def __init__(self, message: str, attempts: int) -> None:
        super().__init__(message)
        self.attempts = attempts


_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMBERS = {
    f"{_XSD}{t}"
    for t in [
        *("integer", "decimal", "double", "float", "long", "int", "short", "byte"),
        *("nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger"),
        *("unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"),
    ]
}


def value_key(line: str) -> str:
    """An N-Triples line as the store keeps it: a number or boolean by its value, as an engine
    may store it in another lexical form (Virtuoso answers ``"1"^^xsd:decimal`` as
    ``"1"^^xsd:integer`` and ``"true"^^xsd:boolean`` as ``"1"^^xsd:boolean``)."""
    head, sep, typed = line.rpartition('"^^<')
    if not sep or not head.count('"'):
        return line
    datatype = typed.split(">", 1)[0]
    prefix, _, lexical = head.rpartition(' "')
    if datatype == f"{_XSD}boolean" and lexical in ("true", "false", "1", "0"):
        return f"{prefix} bool:{lexical in ('true', '1')}"
    if datatype in _NUMBERS:
        try:
            number = Decimal(lexical)
        except InvalidOperation:
            return line
        if number.is_finite():
            return f"{prefix} num:{number.normalize()}"
    return line


def data_operations(verb: str, graph: ox.NamedNode, lines: list[str], batch: int) -> list[str]:
    """``INSERT DATA``/``DELETE DATA`` operations of at most ``batch`` triples each."""
    step = max(1, batch)
    return [
        f"{verb} DATA {{ GRAPH {graph} {{\n" + "".join(lines[i : i + step]) + "} }"
        for i in range(0, len(lines), step)
    ]


STAGING = "#kg-staging-"
"""The staging graphs of a graph are its IRI with this and ``gone`` or ``came``."""


def changes(new: list[str], old: set[str] | None) -> tuple[list[str], list[str]]:
    """(gone, came): the lines of ``old`` not in ``new`` and of ``new`` not in ``old``, numbers and
    booleans compared by value; with ``old`` unknown, nothing went and everything came."""
    if old is None:
        return [], sorted(set(new))
    wanted = {value_key(line): line for line in new}
    held = {value_key(line): line for line in old}
    gone = sorted(line for k, line in held.items() if k not in wanted)
    came = sorted(line for k, line in wanted.items() if k not in held)
    return gone, came


def replacement(iri: str, new: list[str], old: set[str] | None, batch: int) -> str | None:
    """The one SPARQL Update that turns the remote graph ``old`` (None: unknown) into ``new``;
    None when nothing differs."""
    g = ox.NamedNode(iri)
    gone, came = changes(new, old)
    if old is None:
        return " ;\n".join([f"DROP SILENT GRAPH {g}", *data_operations("INSERT", g, came, batch)]) + "\n"
    if not gone and not came:
        return None
    ops = data_operations("DELETE", g, gone, batch) + data_operations("INSERT", g, came, batch)
    return " ;\n".join(ops) + "\n"


def swap(iri: str, *, known: bool) -> str:
    """The request that applies the staged removals and additions of ``iri`` and drops the staging
    graphs (``known=False``: the remote graph is replaced by the additions)."""
    g, gone, came = (
        ox.NamedNode(iri),
        ox.NamedNode(iri + STAGING + "gone"),
        ox.NamedNode(iri + STAGING + "came"),
    )
    first = (
        f"DELETE {{ GRAPH {g} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {gone} {{ ?s ?p ?o }} }}"
        if known
        else f"DROP SILENT GRAPH {g}"
    )
    return f"{first} ;\nADD SILENT {came} TO {g} ;\nDROP SILENT GRAPH {gone} ;\nDROP SILENT GRAPH {came}\n"


class Sender:
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

    def _select(self, query: str) -> list[ox.QuerySolution]:
        """The solutions of a SELECT on the remote; :class:`RunStopped` when it does not answer 200.
        Transport and parse errors pass through for the caller to word."""
        with self.client.stream(
            "POST",
            self.target.endpoint,
            data={"query": query},
            headers={"Accept": "application/sparql-results+json"},
        ) as response:
            body = http.read_capped(response)
            if response.status_code != 200:
                raise RunStopped(
                    f"fjärrlagret kan inte kontrolleras / the remote cannot be checked: HTTP"
                    f" {response.status_code}: {_short(body.decode('utf-8', 'replace'))}"
                )
        return list(ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON))  # type: ignore[arg-type]

    def count(self, query: str) -> int:
        """The ``?n`` of a ``SELECT (COUNT(*) AS ?n)`` query on the remote."""
        try:
            rows = self._select(query)
        except (httpx.HTTPError, http.RedirectRefused, http.AnswerTooLarge, SyntaxError, ValueError) as exc:
            raise RunStopped(_unchecked(exc)) from None
        n = rows[0]["n"] if rows else None
        return int(n.value) if isinstance(n, ox.Literal) else 0

    def counts(self) -> dict[str, int]:
        """Triples per named graph on the remote (one query): what the remote really holds."""
        try:
            rows = self._select(_COUNTS)
        except httpx.ConnectError as exc:
            raise RunStopped(f"servern går inte att nå / the server is unreachable ({exc})") from None
        except (httpx.HTTPError, http.RedirectRefused, http.AnswerTooLarge, SyntaxError, ValueError) as exc:
            raise RunStopped(_unchecked(exc)) from None
        return {
            r["g"].value: int(r["n"].value)  # type: ignore[union-attr]
            for r in rows
            if isinstance(r["g"], ox.NamedNode)
        }

    def graph(self, iri: str, expected: int | None = None) -> set[str] | None:
        """The remote graph as N-Triples lines, or None when it cannot be read whole (an error, or
        other than ``expected`` rows: a result cap such as Virtuoso's ResultSetMaxRows)."""
        g = ox.NamedNode(iri)
        query = f"SELECT ?s ?p ?o WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }}"
        try:
            rows = self._select(query)
        except (
            RunStopped,
            httpx.HTTPError,
            http.RedirectRefused,
            http.AnswerTooLarge,
            SyntaxError,
            ValueError,
        ):
            return None
        lines = {f"{r['s']} {r['p']} {r['o']} .\n" for r in rows}
        return lines if expected is None or len(lines) == expected else None

    def put(self, iri: str, lines: list[str], there: int = -1) -> int:
        """Make the remote graph ``iri`` hold exactly ``lines`` in one request; ``there`` is how
        many triples the remote holds of it (0: none; -1: unknown). Returns the attempts made
        (0 when the remote already held exactly these triples)."""
        if self.target.graph_store:
            body = "".join(lines).encode("utf-8")
            return self._send(
                "PUT",
                self.target.graph_store,
                params={"graph": iri},
                content=body,
                headers={"Content-Type": "text/turtle; charset=utf-8"},
            )
        old: set[str] | None = set() if there == 0 else None
        if there > 0:
            old = self.graph(iri, there)
        gone, came = changes(lines, old)
        batch = max(1, self.target.batch)
        if old is not None and not gone and not came:
            return 0
        if old is not None and len(gone) + len(came) <= 4 * batch:
            text = replacement(iri, lines, old, batch)
            return 0 if text is None else self._update(text)
        # large: stage what went and what came, a batch per request, then swap in one request
        staged = {part: ox.NamedNode(iri + STAGING + part) for part in ("gone", "came")}
        attempts = self._update(" ;\n".join(f"DROP SILENT GRAPH {g}" for g in staged.values()))
        for part, part_lines in (("gone", gone), ("came", came)):
            for op in data_operations("INSERT", staged[part], part_lines, batch):
                attempts += self._update(op)
        return attempts + self._update(swap(iri, known=old is not None))

    def drop_staging(self, graphs: list[str]) -> None:
        """Drop the staging graphs an interrupted run left (they hold no published data)."""
        for g in graphs:
            if STAGING in g:
                self._update(f"DROP SILENT GRAPH {ox.NamedNode(g)}")

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
                raise RunStopped(f"{exc}") from None
            except httpx.ConnectError as exc:
                problem = f"servern går inte att nå / the server is unreachable ({exc})"
                if attempts > self.target.retries:
                    raise RunStopped(problem) from exc
            except httpx.TimeoutException as exc:
                problem = (
                    f"inget svar inom {self.target.timeout:g} s / no answer within {self.target.timeout:g} s"
                    f" ({type(exc).__name__})"
                )
                if attempts > self.target.retries:
                    raise GraphFailed(problem, attempts) from exc
            except httpx.TransportError as exc:
                problem = f"förbindelsen bröts / the connection failed ({type(exc).__name__}: {exc})"
                if attempts > self.target.retries:
                    raise GraphFailed(problem, attempts) from exc
            else:
                status = response.status_code
                text = body.decode("utf-8", "replace")
                if (ok_404 and status == 404) or (200 <= status < 300 and not _html(response)):
                    return attempts
                if 200 <= status < 300:  # a login or error page answered as a success
                    raise RunStopped(
                        f"svaret är en HTML-sida, inte ett SPARQL-svar / the answer is an HTML page, not a"
                        f" SPARQL or Graph Store answer (HTTP {status}): {_short(text)}"
                    )
                problem = f"HTTP {status}: {_short(text)}"
                if status in (401, 403):
                    raise RunStopped(  # its reason: bad credentials, or a URL that takes no writes
                        f"servern vägrar / the server refuses: HTTP {status}: {_short(text)} "
                        "(kontrollera KG_ENDPOINT_USER/KG_ENDPOINT_PASSWORD eller netrc, och att "
                        "adressen tar emot skrivningar (--update, --graph-store) / check "
                        "KG_ENDPOINT_USER/KG_ENDPOINT_PASSWORD or netrc, and that the URL takes "
                        "writes (--update, --graph-store))"
                    )
                if status == 404:
                    raise RunStopped(f"fel adress / wrong URL {url}: HTTP 404")
                transient = status >= 500 or status in (408, 429)
                if not transient or attempts > self.target.retries:
                    raise GraphFailed(problem, attempts)
            time.sleep(delay)
            delay *= 2


def _html(response: httpx.Response) -> bool:
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    return kind in ("text/html", "application/xhtml+xml")


def _short(text: str) -> str:
    return " ".join(text.split())[:300] or "(tomt svar / empty answer)"


def _unchecked(exc: Exception) -> str:
    return f"fjärrlagret kan inte kontrolleras / the remote cannot be checked ({type(exc).__name__}: {exc})"
