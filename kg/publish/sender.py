"""The HTTP side of a publish: one request per graph (GSP PUT or SPARQL Update), retries with
backoff, answers checked as a SPARQL/GSP success, and counts per graph to verify the remote.

The Update of one graph is one request, hence one transaction, made of operations of at most
``Target.batch`` triples each (an engine may cap one operation: Virtuoso's SQL-text limit), and
it changes only what differs: a graph the remote does not hold is inserted; a graph it holds is
read back and the request deletes the triples that went and inserts the triples that came
(``DELETE DATA`` … ``; INSERT DATA`` …). No triple is deleted and inserted again in the same
transaction, which Virtuoso 7.2 does not replay correctly from its transaction log after a crash.
When the remote graph cannot be read whole, the request is ``DROP SILENT GRAPH`` then the inserts.
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


def replacement(iri: str, new: list[str], old: set[str] | None, batch: int) -> str | None:
    """The SPARQL Update that turns the remote graph ``old`` (None: unknown) into ``new``; None
    when nothing differs."""
    g = ox.NamedNode(iri)
    if old is None:
        return " ;\n".join([f"DROP SILENT GRAPH {g}", *data_operations("INSERT", g, new, batch)]) + "\n"
    wanted = {value_key(line): line for line in new}
    held = {value_key(line): line for line in old}
    gone = sorted(line for k, line in held.items() if k not in wanted)
    came = sorted(line for k, line in wanted.items() if k not in held)
    if not gone and not came:
        return None
    ops = data_operations("DELETE", g, gone, batch) + data_operations("INSERT", g, came, batch)
    return " ;\n".join(ops) + "\n"


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

    def count(self, query: str) -> int:
        """The ``?n`` of a ``SELECT (COUNT(*) AS ?n)`` query on the remote."""
        try:
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
            rows = list(ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON))  # type: ignore[arg-type]
            n = rows[0]["n"] if rows else None
            return int(n.value) if isinstance(n, ox.Literal) else 0
        except RunStopped:
            raise
        except (httpx.HTTPError, http.RedirectRefused, http.AnswerTooLarge, SyntaxError, ValueError) as exc:
            why = f"{type(exc).__name__}: {exc}"
            raise RunStopped(
                f"fjärrlagret kan inte kontrolleras / the remote cannot be checked ({why})"
            ) from None

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
                    raise RunStopped(
                        f"fjärrlagret kan inte kontrolleras / the remote cannot be checked: HTTP"
                        f" {response.status_code}: {_short(body.decode('utf-8', 'replace'))}"
                    )
            rows = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            return {
                r["g"].value: int(r["n"].value)
                for r in rows  # type: ignore[union-attr]
                if isinstance(r["g"], ox.NamedNode)
            }
        except RunStopped:
            raise
        except httpx.ConnectError as exc:
            raise RunStopped(f"servern går inte att nå / the server is unreachable ({exc})") from None
        except (httpx.HTTPError, http.RedirectRefused, http.AnswerTooLarge, SyntaxError, ValueError) as exc:
            why = f"{type(exc).__name__}: {exc}"
            problem = f"fjärrlagret kan inte kontrolleras / the remote cannot be checked ({why})"
            raise RunStopped(problem) from None

    def graph(self, iri: str, expected: int | None = None) -> set[str] | None:
        """The remote graph as N-Triples lines, or None when it cannot be read whole (an error, or
        other than ``expected`` rows: a result cap such as Virtuoso's ResultSetMaxRows)."""
        g = ox.NamedNode(iri)
        query = f"SELECT ?s ?p ?o WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }}"
        try:
            with self.client.stream(
                "POST",
                self.target.endpoint,
                data={"query": query},
                headers={"Accept": "application/sparql-results+json"},
            ) as response:
                body = http.read_capped(response)
                if response.status_code != 200:
                    return None
            rows = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            lines = {f"{r['s']} {r['p']} {r['o']} .\n" for r in rows}  # type: ignore[union-attr]
        except (httpx.HTTPError, http.RedirectRefused, http.AnswerTooLarge, SyntaxError, ValueError):
            return None
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
        text = replacement(iri, lines, old, self.target.batch)
        return 0 if text is None else self._update(text)

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
                    raise RunStopped(
                        f"servern vägrar / the server refuses: HTTP {status} "
                        "(kontrollera KG_ENDPOINT_USER/KG_ENDPOINT_PASSWORD eller netrc / "
                        "check KG_ENDPOINT_USER/KG_ENDPOINT_PASSWORD or netrc)"
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
