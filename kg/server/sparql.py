"""The SPARQL 1.1 Protocol at ``/sparql``: query by GET, POST form and POST direct; read-only.

Updates are refused before anything touches the store (403); a malformed query is 400 with the
parser's message; the dataset comes from ``default-graph-uri`` / ``named-graph-uri``, else from
the query's own ``FROM`` / ``FROM NAMED``, else the union of all graphs is the default graph and
every named graph is visible. ``GET /sparql``
without a query answers the service description (or, to a browser, the query editor).
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import parse_qsl

import pyoxigraph as ox
from starlette.datastructures import MultiDict
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kg.errors import InputError, QueryRefused
from kg.server import negotiation as neg
from kg.server.cache import CachedResponse
from kg.server.context import ServerContext, context
from kg.server.engine import Dataset, graphs_param
from kg.server.serialize import graph_bytes
from kg.sparql_text import MAX_NESTING, MAX_OPERATORS

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"
ALLOWED = "GET, HEAD, POST, OPTIONS"


class MethodNotAllowed(InputError):
    http_status = 405


class UnsupportedMediaType(InputError):
    http_status = 415


class NotAcceptable(InputError):
    http_status = 406


def not_acceptable(request: Request, offers: Sequence[neg.Format], also: str = "") -> NotAcceptable:
    """The 406 for ``request``: what it asked for (its ``?_format=``, else its Accept header) and
    what is offered here, by name and media type, with how to ask for one."""
    override = request.query_params.get("_format")
    asked = f"_format={override}" if override else f"Accept: {request.headers.get('accept', '')}"
    names = ", ".join(f"{o.name} ({o.media_type})" for o in offers) + also
    first = offers[0].name if offers else "json"
    return NotAcceptable(
        f"formatet erbjuds inte här / the format is not offered here: {asked}; "
        f"här finns / offered here: {names}",
        hint=f"Välj ett av dem / choose one of them: ?_format={first}, eller / or an Accept header.",
    )


def _refuse_update() -> QueryRefused:
    return QueryRefused(
        "uppdateringar tas inte emot: detta är en skrivskyddad SPARQL-slutpunkt / updates are refused: "
        "this is a read-only SPARQL endpoint"
    )


def _media_type(request: Request) -> tuple[str, dict[str, str]]:
    raw = request.headers.get("content-type", "")
    parts = [p.strip() for p in raw.split(";")]
    params = {}
    for p in parts[1:]:
        k, _, v = p.partition("=")
        params[k.strip().lower()] = v.strip().strip('"').lower()
    return parts[0].lower(), params


async def read_protocol_request(request: Request) -> tuple[str | None, Dataset]:
    """The query text and dataset of a protocol request, or None when it carries no query."""
    url_params = request.query_params
    if "update" in url_params or "using-graph-uri" in url_params or "using-named-graph-uri" in url_params:
        raise _refuse_update()
    if request.method in ("GET", "HEAD"):
        params: MultiDict = MultiDict(list(url_params.multi_items()))
    elif request.method == "POST":
        ctype, ct_params = _media_type(request)
        if ctype == UPDATE:
            raise _refuse_update()
        body = await request.body()
        if ctype == FORM:
            try:
                pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
            except UnicodeDecodeError as exc:
                raise InputError("the form body is not UTF-8") from exc
            params = MultiDict(list(url_params.multi_items()) + pairs)
            if "update" in params:
                raise _refuse_update()
        elif ctype == DIRECT:
            charset = ct_params.get("charset", "utf-8")
            if charset not in ("utf-8", "utf8"):
                raise UnsupportedMediaType(f"a direct POST must be UTF-8, not {charset}")
            if "query" in url_params:
                raise InputError("a direct POST carries its query in the body, not also in ?query=")
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError("the query is not valid UTF-8") from exc
            params = MultiDict([*url_params.multi_items(), ("query", text)])
        else:
            raise UnsupportedMediaType(
                f"POST needs Content-Type {FORM} or {DIRECT}, not {ctype or '(none)'!r}"
            )
    else:
        raise MethodNotAllowed(f"{request.method} is not allowed on the SPARQL endpoint; use GET or POST")
    queries = params.getlist("query")
    if len(queries) > 1:
        raise InputError("exactly one query parameter is allowed")
    dataset = Dataset(
        graphs_param(params.getlist("default-graph-uri"), "default-graph-uri"),
        graphs_param(params.getlist("named-graph-uri"), "named-graph-uri"),
    )
    if not queries:
        if request.method == "POST":
            raise InputError("the request has no query parameter")
        return None, dataset
    return queries[0], dataset


def result_headers(
    truncated: bool,
    limit: int,
    ctx: ServerContext,
    what: str = "rows",
    advice: str = "add LIMIT/OFFSET to page",
) -> dict[str, str]:
    """The headers of a result within the server's limits; a cut one says so in three (the
    SPARQL endpoint, the Graph Store Protocol and the saved-query API alike)."""
    h = {"Vary": "Accept", "X-Result-Limit": str(limit), "X-Query-Time-Limit": f"{ctx.engine.timeout:g}"}
    if truncated:
        h["X-Result-Truncated"] = "true"
        h["Warning"] = f'199 kg "result cut at {limit} {what} (the server\'s result limit); {advice}"'
    return h


def cached_response(cached: CachedResponse, method: str) -> Response:
    response = Response(cached.body, media_type=cached.media_type, headers=dict(cached.headers))
    if method == "HEAD":
        response.body = b""
    return response


async def sparql_endpoint(request: Request) -> Response:
    ctx = context(request)
    if request.method == "OPTIONS":
        return Response(status_code=204, headers={"Allow": ALLOWED})
    cache = ctx.responses
    raw = None
    if cache.enabled and request.method in ("GET", "HEAD"):
        # a repeated GET is found by its raw form, before its query string is parsed
        raw_qs: bytes = request.scope["query_string"]
        raw_accept = request.headers.get("accept")
        raw = (request.method, raw_qs, raw_accept)
        hit = cache.lookup(raw)
        if hit is not None:
            return cached_response(hit, request.method)
    query, dataset = await read_protocol_request(request)
    accept = request.headers.get("accept")
    override = request.query_params.get("_format")
    if query is None:
        f = neg.negotiate(accept, neg.SERVICE_DESCRIPTION, override)
        if f is None:
            raise not_acceptable(request, neg.SERVICE_DESCRIPTION)
        if f.kind is neg.Kind.page:
            from kg.server.pages import sparql_editor

            return await sparql_editor(request)
        body = graph_bytes(service_description(ctx), f, ctx.prefixes)
        return Response(body, media_type=f.content_type, headers={"Vary": "Accept"})
    shape = ctx.engine.prepare(query)
    offers = neg.GRAPH if shape.returns_graph else neg.RESULTS
    if request.method == "GET" and accept and "text/html" in accept and not override:
        f_html = neg.negotiate(accept, (neg.fmt("html"), *offers))
        if f_html is not None and f_html.kind is neg.Kind.page:
            from kg.server.pages import sparql_editor

            return await sparql_editor(request)
    f = neg.negotiate(accept, offers, override)
    if f is None:
        raise not_acceptable(request, offers)
    key = (query, dataset.default_graphs, dataset.named_graphs, f.name)
    cached = cache.get(key)
    if cached is None:
        done = await ctx.engine.sparql(query, dataset, f.name, accept)
        f_done = neg.fmt(done.format)
        headers = result_headers(done.truncated, done.limit, ctx)
        response = Response(done.body, media_type=f_done.content_type, headers=headers)
        if f_done.name != f.name or not cache.enabled:  # a re-negotiated format depends on more than the key
            if request.method == "HEAD":
                response.body = b""
            return response
        cached = CachedResponse(done.body, f_done.content_type, tuple(headers.items()))
        graphs = dataset.default_graphs + dataset.named_graphs
        cache.put(key, cached, key_size=len(query) + sum(map(len, graphs)))
    if raw is not None:
        cache.alias(raw, key, raw_size=len(raw[1]) + len(raw[2] or ""))
    return cached_response(cached, request.method)


_FORMATS_NS = "http://www.w3.org/ns/formats/"
_SD_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
)


def _limits(ctx: ServerContext, lang: str) -> str:
    st = ctx.settings
    if lang == "sv":
        return (
            f"Gränser: en fråga körs högst {st.query_timeout:g} s och använder högst "
            f"{st.query_memory} MB; högst {st.result_limit} rader per svar; högst {MAX_NESTING} "
            f"nivåer av {{}}, () och [] och högst {MAX_OPERATORS} nyckelord och operatorer; en "
            f"begäran är högst {st.max_body} byte."
        )
    return (
        f"Limits: a query runs at most {st.query_timeout:g} s and uses at most {st.query_memory} MB; "
        f"at most {st.result_limit} rows per response; at most {MAX_NESTING} levels of {{}}, () and [] "
        f"and at most {MAX_OPERATORS} keywords and operators; a request body is at most "
        f"{st.max_body} bytes."
    )


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def service_description(ctx: ServerContext) -> list[ox.Triple]:
    endpoint = ctx.url("sparql")
    features = ["UnionDefaultGraph"]
    if ctx.settings.allow_service:
        features.append("BasicFederatedQuery")
    ttl = f"""
@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix void: <http://rdfs.org/ns/void#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{endpoint}> a sd:Service ;
  sd:endpoint <{endpoint}> ;
  sd:supportedLanguage sd:SPARQL11Query ;
  {" ".join(f"sd:feature sd:{x} ;" for x in features)}
  {" ".join(f"sd:resultFormat <{_FORMATS_NS}{x}> ;" for x in _SD_FORMATS)}
  dct:license <{ctx.settings.licence}> ;
  rdfs:comment {_literal(_limits(ctx, "sv"))}@sv, {_literal(_limits(ctx, "en"))}@en ;
  sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ;
                      void:sparqlEndpoint <{endpoint}> ] .
<{ctx.url("void")}> a void:Dataset ; void:sparqlEndpoint <{endpoint}> .
"""
    return [q.triple for q in ox.parse(ttl, format=ox.RdfFormat.TURTLE)]


routes = [
    Route(
        "/sparql",
        sparql_endpoint,
        name="sparql",
        methods=["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"],
    ),
]


# -- Graph Store Protocol, read-only ------------------------------------------------------------


async def graph_store(request: Request) -> Response:
    """``/store?graph=IRI`` or ``/store?default``: the graph as RDF (GET, HEAD); writes refused."""
    ctx = context(request)
    if request.method == "OPTIONS":
        return Response(status_code=204, headers={"Allow": "GET, HEAD, OPTIONS"})
    if request.method not in ("GET", "HEAD"):
        raise QueryRefused(
            f"grafarkivet är skrivskyddat / the graph store is read-only: {request.method} is refused"
        )
    params = request.query_params
    graphs = params.getlist("graph")
    if ("default" in params) == bool(graphs) or len(graphs) > 1:
        raise InputError("give exactly one of ?default or ?graph=IRI")
    f = neg.negotiate(request.headers.get("accept"), neg.GRAPH, params.get("_format"))
    if f is None:
        raise not_acceptable(request, neg.GRAPH)
    store = ctx.store.raw
    limit = ctx.settings.result_limit

    def read() -> tuple[list[ox.Triple], bool] | None:
        if graphs:
            try:
                g = ox.NamedNode(graphs[0])
            except ValueError:
                return None
            if not store.contains_named_graph(g):
                return None
            pattern = store.quads_for_pattern(None, None, None, g)
        else:
            pattern = store.quads_for_pattern(None, None, None, None)  # the union default graph
        seen: dict[ox.Triple, None] = {}
        for q in pattern:
            seen[q.triple] = None
            if len(seen) > limit:
                return list(seen)[:limit], True
        return list(seen), False

    got = await ctx.engine.call(read)
    if got is None:
        from kg.errors import DocumentNotFound

        raise DocumentNotFound(f"ingen sådan graf / no such graph: {graphs[0]}")
    triples, truncated = got
    headers = result_headers(truncated, limit, ctx, "triples", "read the graph with SPARQL and LIMIT/OFFSET")
    body = b"" if request.method == "HEAD" else graph_bytes(triples, f, ctx.prefixes)
    return Response(body, media_type=f.content_type, headers=headers)


routes.append(
    Route(
        "/store",
        graph_store,
        name="store",
        methods=["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"],
    )
)
