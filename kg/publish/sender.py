"""The HTTP side of a publish: one request per graph (GSP PUT or SPARQL Update), retries with
backoff, answers checked as a SPARQL/GSP success, and counts per graph to verify the remote."""

from __future__ import annotations

import time
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
