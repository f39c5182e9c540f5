"""A remote SPARQL 1.1 endpoint as a (read-only) store: the query side of :class:`kg.store.core.GraphStore`.

:class:`RemoteEndpoint` speaks the SPARQL 1.1 Protocol over httpx (POST, SPARQL JSON results,
parsed by pyoxigraph so the terms are the same as the embedded store's). Bound
variables (``substitutions``) become a VALUES block of N-Triples-serialised terms at the start
of the query's WHERE group (:func:`kg.sparql_text.inject_values`); text is never spliced in.

The endpoint must query the union of its named graphs as the default graph, as the embedded
store does (``oxigraph serve --union-default-graph``; Fuseki ``tdb2:unionDefaultGraph true``;
GraphDB and Virtuoso do so by default).

Credentials are passed in explicitly; :func:`endpoint_credentials` reads them at the edge from
``KG_ENDPOINT_USER``/``KG_ENDPOINT_PASSWORD`` or a netrc file, never from the command line.
Each request has a deadline, each answer a size cap, and redirects stay on the endpoint's host
(:mod:`kg.store.http`). Failures raise :class:`kg.errors.EndpointError` (exit code 3, HTTP 502)
or its subclass :class:`EndpointTimeout` (HTTP 504).
"""

from __future__ import annotations

import json
import netrc
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

import httpx
import pyoxigraph as ox

from kg import __version__
from kg.errors import EndpointError
from kg.sparql_text import Term, inject_values, query_form
from kg.store import http
from kg.store.core import ChangeSet

_ACCEPT_RESULTS = "application/sparql-results+json"
_ACCEPT_TRIPLES = "application/n-triples"
USER_ENV = "KG_ENDPOINT_USER"
PASSWORD_ENV = "KG_ENDPOINT_PASSWORD"


class EndpointTimeout(EndpointError):
    """The endpoint did not answer within the time limit."""

    http_status = 504


def endpoint_credentials(url: str, environ: Mapping[str, str] | None = None) -> tuple[str, str] | None:
    """User and password for ``url``: from ``KG_ENDPOINT_USER``/``KG_ENDPOINT_PASSWORD``, else
    from the netrc file (``$NETRC`` or ``~/.netrc``) entry of the URL's host; None if neither."""
    env = os.environ if environ is None else environ
    user, password = env.get(USER_ENV), env.get(PASSWORD_ENV)
    if user:
        return user, password or ""
    host = urlsplit(url).hostname
    path = Path(env.get("NETRC") or Path.home() / ".netrc")
    if not host or not path.is_file():
        return None
    try:
        entry = netrc.netrc(str(path)).authenticators(host)
    except (netrc.NetrcParseError, OSError) as exc:
        raise EndpointError(f"kan inte läsa / cannot read {path}: {exc}") from exc
    if entry is None:
        return None
    login, _account, secret = entry
    return login, secret or ""


_BOOLEAN = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
_BOOLEAN_FORMS = {"1": "true", "0": "false"}


def canonical(term: Any) -> Any:
    """A term as the embedded store writes it: an ``xsd:boolean`` in its canonical lexical form
    (Virtuoso answers ``"1"^^xsd:boolean`` for true: the same value; docs/triple-stores.md)."""
    if isinstance(term, ox.Literal) and term.datatype == _BOOLEAN and term.value in _BOOLEAN_FORMS:
        return ox.Literal(_BOOLEAN_FORMS[term.value], datatype=_BOOLEAN)
    return term


class RemoteRow:
    """One solution: its terms by position, or by variable (name or ``ox.Variable``)."""

    __slots__ = ("_index", "_values")

    def __init__(self, values: tuple[Any, ...], index: Mapping[str, int]) -> None:
        self._values = values
        self._index = index

    def __getitem__(self, key: int | str | ox.Variable) -> Any:
        if isinstance(key, int):
            return self._values[key]
        name = key.value if isinstance(key, ox.Variable) else key
        return self._values[self._index[name]]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


class RemoteSolutions:
    """SELECT results from an endpoint, shaped like pyoxigraph's ``QuerySolutions``."""

    def __init__(self, parsed: Any) -> None:
        self.variables: list[ox.Variable] = list(parsed.variables)
        index = {v.value: i for i, v in enumerate(self.variables)}
        width = len(self.variables)
        self._rows = [RemoteRow(tuple(canonical(row[i]) for i in range(width)), index) for row in parsed]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


class RemoteEndpoint:
    """A SPARQL 1.1 query endpoint (read-only)."""

    def __init__(
        self,
        url: str,
        *,
        timeout: float | None = 60.0,
        credentials: tuple[str, str] | None = None,
        follow_redirects: bool = False,
        max_bytes: int = http.MAX_ANSWER,
    ) -> None:
        self.url = http.check_url(url)
        self.timeout = timeout
        self.follow_redirects = follow_redirects
        self.max_bytes = max_bytes
        self._credentials = credentials
        self._transport = http.DeadlineTransport(timeout or 60.0)
        self._http: httpx.Client | None = None

    # -- protocol (query side) ------------------------------------------------------------
    @property
    def location(self) -> str:
        return self.url

    def query(
        self,
        sparql: str,
        substitutions: Mapping[str, Any] | None = None,
        *,
        union: bool = True,
        timeout: float | None = None,
    ) -> Any:
        """Run a query; SELECT → rows like ``QuerySolutions``, ASK → bool, CONSTRUCT → triples.

        ``union`` is accepted for the protocol; the endpoint's own default graph is used.
        """
        text = sparql
        if substitutions:
            text = inject_values(text, {k: [_check(v)] for k, v in substitutions.items()})
        form = query_form(text)
        data = self._request(text, _ACCEPT_RESULTS if form in ("SELECT", "ASK") else _ACCEPT_TRIPLES, timeout)
        try:
            if form in ("SELECT", "ASK"):
                parsed = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
                if isinstance(parsed, ox.QueryBoolean):
                    return bool(parsed)
                return RemoteSolutions(parsed)
            return list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
        except (SyntaxError, ValueError) as exc:
            raise EndpointError(
                f"oväntat svar från / unexpected answer from {self.url}: {exc}",
                hint="Är adressen en SPARQL-endpoint? / is the URL a SPARQL query endpoint?",
            ) from exc

    def iris(self, sparql: str, var: str) -> list[str]:
        """The IRIs bound to ``var`` in a SELECT's answer, read leniently: one IRI the strict
        results parser would refuse (a space, a brace) does not spoil the others; the caller
        judges each."""
        data = self._request(sparql, _ACCEPT_RESULTS, None)
        try:
            rows = json.loads(data)["results"]["bindings"]
            return [
                str(b[var]["value"])
                for b in rows
                if isinstance(b.get(var), dict) and b[var].get("type") == "uri"
            ]
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise EndpointError(
                f"oväntat svar från / unexpected answer from {self.url}: {type(exc).__name__}: {exc}",
                hint="Är adressen en SPARQL-endpoint? / is the URL a SPARQL query endpoint?",
            ) from None

    def named_graphs(self) -> list[str]:
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return sorted(r["g"].value for r in rows if isinstance(r["g"], ox.NamedNode))

    def has_graph(self, iri: str) -> bool:
        return bool(self.query("ASK { GRAPH ?g { } }", {"g": ox.NamedNode(iri)}))

    def count(self, graph: str | None = None) -> int:
        if graph is None:
            rows = list(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
        else:
            q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
            rows = list(self.query(q, {"g": ox.NamedNode(graph)}))
        return int(rows[0]["n"].value) if rows else 0

    def apply(self, change: ChangeSet) -> None:
        raise EndpointError("endpointen är skrivskyddad här / the endpoint is read-only here")

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        raise EndpointError("kan inte lista quads från en endpoint / cannot list quads of an endpoint")

    def dump(self, out: IO[bytes], fmt: ox.RdfFormat, graph: str | None = None) -> None:
        raise EndpointError("kan inte dumpa en endpoint / cannot dump an endpoint")

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    # -- HTTP ------------------------------------------------------------------------------
    def _client(self) -> httpx.Client:
        if self._http is None:
            auth = httpx.BasicAuth(*self._credentials) if self._credentials is not None else None
            self._http = http.client(
                self.timeout or 60.0,
                hosts=[urlsplit(self.url).hostname or ""],
                follow_redirects=self.follow_redirects,
                auth=auth,
                headers={"User-Agent": f"kg/{__version__}"},
                transport=self._transport,
            )
        return self._http

    def _request(self, text: str, accept: str, timeout: float | None) -> bytes:
        limit = timeout if timeout is not None else self.timeout
        self._transport.seconds = limit or 60.0
        try:
            with self._client().stream(
                "POST",
                self.url,
                data={"query": text},
                headers={"Accept": accept},
            ) as response:
                if response.status_code >= 400:
                    raw = http.read_capped(response, 64 * 1024)
                    page = http.is_html(response, raw)  # a web server's page: its text, no markup
                    body = http.page_text(raw) if page else raw.decode("utf-8", "replace").strip()[:500]
                    raise EndpointError(
                        f"endpointen svarade med ett fel / the endpoint answered an error: "
                        f"{_kind(response.status_code)}HTTP {response.status_code}: {body}",
                        where=self.url,
                        hint=self._hint(response.status_code, page),
                    )
                if response.is_redirect:
                    raise EndpointError(
                        f"endpointen omdirigerar / the endpoint redirects (HTTP {response.status_code})",
                        where=self.url,
                    )
                data = http.read_capped(response, self.max_bytes)
                if http.is_html(response, data):
                    raise EndpointError(
                        f"svaret är en HTML-sida, inte ett SPARQL-svar / the answer is an HTML page, "
                        f"not a SPARQL answer (HTTP {response.status_code}): {http.page_text(data)}",
                        where=self.url,
                        hint=_NOT_SPARQL,
                    )
                return data
        except http.AnswerTooLarge as exc:
            raise EndpointError(
                f"svaret är för stort / the answer is too large ({exc})",
                where=self.url,
                hint="Begränsa frågan / narrow the query.",
            ) from None
        except http.RedirectRefused as exc:
            raise EndpointError(str(exc), where=self.url) from None
        except httpx.TimeoutException:
            raise self._timeout(limit) from None
        except httpx.TooManyRedirects:
            raise EndpointError("för många omdirigeringar / too many redirects", where=self.url) from None
        except (httpx.ConnectError, httpx.UnsupportedProtocol) as exc:
            raise EndpointError(
                f"endpointen går inte att nå / the endpoint is unreachable: {exc}",
                where=self.url,
                hint="Kontrollera adressen och att servern kör / check the URL and that the server runs.",
            ) from None
        except httpx.HTTPError as exc:
            raise EndpointError(
                f"fel mot endpointen / error talking to the endpoint: {type(exc).__name__}: {exc}",
                where=self.url,
            ) from None

    def _hint(self, status: int, page: bool) -> str | None:
        """How to go on after an HTTP error: another URL, or credentials."""
        if status == 401:
            if self._credentials is None:
                return (
                    f"Ange användare och lösenord i {USER_ENV} och {PASSWORD_ENV} eller ~/.netrc / "
                    f"give the user and password in {USER_ENV} and {PASSWORD_ENV} or ~/.netrc."
                )
            return (
                f"Endpointen godtog inte användaren {self._credentials[0]!r} / the endpoint refused "
                f"the user {self._credentials[0]!r} ({USER_ENV}, {PASSWORD_ENV} or ~/.netrc)."
            )
        return _NOT_SPARQL if page or status == 404 else None

    def _timeout(self, limit: float | None) -> EndpointTimeout:
        limit = limit or 0.0
        return EndpointTimeout(
            f"endpointen svarade inte inom {limit:g} s / the endpoint did not answer within {limit:g} s",
            where=self.url,
            hint="Öka --timeout eller begränsa frågan / raise --timeout or narrow the query.",
        )


_NOT_SPARQL = (
    "Är adressen en SPARQL-endpoint (t.ex. http://localhost:7878/query)? / "
    "is the URL a SPARQL query endpoint (e.g. http://localhost:7878/query)?"
)


def _kind(status: int) -> str:
    """The names SPARQL clients give the usual errors (a malformed query, a wrong URL)."""
    return {400: "QueryBadFormed: ", 404: "EndPointNotFound: ", 401: "Unauthorized: "}.get(status, "")


def _check(term: Any) -> Term:
    if not isinstance(term, (ox.NamedNode, ox.Literal)):
        raise TypeError(f"only IRIs and literals can be bound, not {term!r}")
    return term
