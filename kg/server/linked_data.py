"""Linked data: every IRI the project mints dereferences here, by content negotiation, to HTML,
Turtle, JSON-LD, N-Triples or RDF/XML, with ``Link rel="alternate"`` headers; plus the VoID
description and the dumps of the whole graph (as ``kg export`` writes them, manifest first, so that
``kg restore`` proves a downloaded copy whole).

``{data_base}id/x`` is served at ``{base_url}id/x`` (likewise ``graph/``; the fixed ``vocab/``
and ``def/`` namespaces too), so the same data can be published under another host.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import IO

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from kg.errors import DocumentNotFound
from kg.iris import Minter
from kg.namespaces import PREFIXES
from kg.server import negotiation as neg
from kg.server import vocabularies
from kg.server.context import ServerContext, context
from kg.server.i18n import lang_of
from kg.server.pages import render
from kg.server.resource_models import resource_model
from kg.server.serialize import graph_bytes
from kg.server.sparql import not_acceptable, result_headers
from kg.server.view import View
from kg.server.vocabularies import ONTOLOGY_IRI

DESCRIBE_INCOMING_LIMIT = 2_000


def alternates(request: Request, offers: tuple[neg.Format, ...]) -> str:
    """The ``Link`` header naming the other formats of a response, at their public URLs."""
    ctx = context(request)
    links = []
    for f in offers:
        params = {k: v for k, v in request.query_params.items() if k != "_format"}
        params["_format"] = f.name
        links.append(f'<{ctx.request_url(request, params)}>; rel="alternate"; type="{f.media_type}"')
    return ", ".join(links)


def describe(store: ox.Store, iri: str, limit: int) -> tuple[list[ox.Triple], bool]:
    """The statements about ``iri`` (as subject, and up to a limit as object), over all graphs,
    with the blank nodes it points to; at most ``limit`` of them, and whether some were left out."""
    node = ox.NamedNode(iri)
    seen: set[ox.Triple] = set()
    out: list[ox.Triple] = []
    todo: list[ox.NamedNode | ox.BlankNode] = [node]
    visited: set[ox.NamedNode | ox.BlankNode] = set()
    while todo:
        s = todo.pop()
        if s in visited:
            continue
        visited.add(s)
        for q in store.quads_for_pattern(s, None, None, None):
            t = q.triple
            if t not in seen:
                if len(out) == limit:
                    return out, True
                seen.add(t)
                out.append(t)
                if isinstance(q.object, ox.BlankNode):
                    todo.append(q.object)
    for n, q in enumerate(store.quads_for_pattern(None, None, node, None)):
        if n >= DESCRIBE_INCOMING_LIMIT:
            break
        if q.triple not in seen:
            if len(out) == limit:
                return out, True
            seen.add(q.triple)
            out.append(q.triple)
    return out, False


def graph_triples(store: ox.Store, iri: str, limit: int) -> tuple[list[ox.Triple], bool]:
    """The triples of the named graph ``iri``, at most ``limit``, and whether some were left out."""
    out: list[ox.Triple] = []
    for q in store.quads_for_pattern(None, None, None, ox.NamedNode(iri)):
        if len(out) == limit:
            return out, True
        out.append(q.triple)
    return out, False


def graph_size(store: ox.Store, iri: str) -> int:
    """The number of triples in the named graph ``iri``, counted by the store (the graph is the
    query's default graph, given as a term; counting quads in Python took seconds for a national
    catalogue)."""
    answer = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=ox.NamedNode(iri))
    assert isinstance(answer, ox.QuerySolutions)
    return int(next(iter(answer))["n"].value)


async def vocabulary_index(request: Request) -> Response:
    """``/vocab`` and ``/vocab/``: the list of the vocabularies (a page, or their schemes'
    statements by content negotiation), rather than a redirect to nothing."""
    ctx = context(request)
    f = neg.negotiate(request.headers.get("accept"), neg.RESOURCE, request.query_params.get("_format"))
    if f is None:
        raise not_acceptable(request, neg.RESOURCE)
    headers = {"Link": alternates(request, neg.RESOURCE), "Vary": "Accept, Accept-Language"}
    store = ctx.store.raw
    if f.kind is neg.Kind.page:
        view = View(ctx, lang_of(request, ctx.settings.default_lang))
        values = await ctx.engine.call(vocabularies.vocabularies_model, view)
        values["alternates"] = [(o, f"?_format={o.name}") for o in neg.RESOURCE if o.kind is neg.Kind.rdf]
        return render(request, "vocabularies.html", headers=headers, **values)
    triples = await ctx.engine.call(vocabularies.vocabularies_triples, store)
    return Response(graph_bytes(triples, f, ctx.prefixes), media_type=f.content_type, headers=headers)


async def dereference(request: Request) -> Response:
    ctx = context(request)
    local = request.url.path.lstrip("/")
    iri = ONTOLOGY_IRI if local in ("def", "def/") else ctx.iri_of(local)
    f = neg.negotiate(request.headers.get("accept"), neg.RESOURCE, request.query_params.get("_format"))
    if f is None:
        raise not_acceptable(request, neg.RESOURCE)
    if iri is None:
        raise DocumentNotFound(f"inget här / nothing here: /{local}")
    try:
        ox.NamedNode(iri)
    except ValueError as exc:
        raise DocumentNotFound(f"not an IRI: {iri}") from exc
    store = ctx.store.raw
    is_graph = local.startswith("graph/") and store.contains_named_graph(ox.NamedNode(iri))
    headers = {"Link": alternates(request, neg.RESOURCE), "Vary": "Accept, Accept-Language"}
    document = await ctx.engine.call(vocabularies.document_of, store, iri)
    if f.kind is neg.Kind.page:
        view = View(ctx, lang_of(request, ctx.settings.default_lang))
        if not await ctx.engine.call(view.exists, iri):
            raise DocumentNotFound(f"okänd resurs / unknown resource <{iri}>")
        if document is not None:  # the ontology (or its version IRI) or a vocabulary: the whole of it
            kind, node = document
            template, values = await ctx.engine.call(resource_model, ctx, view, node.value)
            template, specific = await ctx.engine.call(vocabularies.document_model, view, kind, node)
            values.update(specific, incoming=[])
        else:
            template, values = await ctx.engine.call(resource_model, ctx, view, iri)
        values["is_graph"] = is_graph
        if is_graph:
            values["graph_size"] = await ctx.engine.call(graph_size, store, iri)
        values["alternates"] = [(o, f"?_format={o.name}") for o in neg.RESOURCE if o.kind is neg.Kind.rdf]
        return render(request, template, headers=headers, **values)
    truncated = False
    if document is not None:  # the ontology or a vocabulary: the whole of it, the project's own size
        triples = await ctx.engine.call(vocabularies.document_triples, store, *document)
    else:
        limit = ctx.settings.result_limit
        read = graph_triples if is_graph else describe
        triples, truncated = await ctx.engine.call(read, store, iri, limit)
        advice = "read it with SPARQL and LIMIT/OFFSET, or download the dump (/void)"
        headers |= result_headers(truncated, limit, ctx, "triples", advice) | {"Vary": headers["Vary"]}
    if not triples:
        raise DocumentNotFound(f"okänd resurs / unknown resource <{iri}>")
    body = graph_bytes(triples, f, ctx.prefixes)
    return Response(body, media_type=f.content_type, headers=headers)


# -- VoID and dumps -----------------------------------------------------------------------------

DUMPS = {"medborgarlofte.nq": neg.fmt("nq"), "medborgarlofte.trig": neg.fmt("trig")}
VOCABULARIES = ("mbl", "dct", "dcat", "prov", "org", "cv", "skos", "schema", "geo", "oa", "foaf", "vann")
"""The prefixes of the vocabularies whose classes and properties the data, the catalogue and the
system graphs use (RDF's own aside): VoID's ``void:vocabulary``."""


def void_triples(ctx: ServerContext) -> list[ox.Triple]:
    store = ctx.store.raw
    me = ctx.url("void#dataset")
    graphs = sum(1 for _ in store.named_graphs())
    dumps = " ".join(f"void:dataDump <{ctx.url('_/dump/' + name)}> ;" for name in DUMPS)
    vocabularies = " , ".join(str(ox.NamedNode(PREFIXES[p])) for p in VOCABULARIES)
    ttl = f"""
@prefix void: <http://rdfs.org/ns/void#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
<{me}> a void:Dataset ;
  dct:title "Medborgarlöften"@sv , "Citizen promises"@en ;
  dct:description "Medborgarlöften mellan lokalpolisområden och kommuner i Sverige."@sv ,
      "Citizen promises between Swedish local police areas and municipalities."@en ;
  dct:license <{ctx.settings.licence}> ;
  foaf:homepage <{ctx.url("")}> ;
  void:sparqlEndpoint <{ctx.url("sparql")}> ;
  {dumps}
  void:uriSpace "{ctx.settings.namespaces[0][1]}" ;
  void:vocabulary {vocabularies} ;
  void:triples "{len(store)}"^^xsd:integer ;
  void:documents "{graphs}"^^xsd:integer .
"""
    return [q.triple for q in ox.parse(ttl, format=ox.RdfFormat.TURTLE)]


async def void(request: Request) -> Response:
    ctx = context(request)
    override = request.query_params.get("_format")
    f = neg.negotiate(request.headers.get("accept"), neg.GRAPH, override)
    if f is None:
        if override:
            raise not_acceptable(request, neg.GRAPH)
        f = neg.fmt("ttl")  # a browser asking for HTML gets Turtle, which it shows as text
    triples = await ctx.engine.call(void_triples, ctx)
    return Response(
        graph_bytes(triples, f, ctx.prefixes),
        media_type=f.content_type,
        headers={"Vary": "Accept", "Link": alternates(request, neg.GRAPH)},
    )


def _write_dump(ctx: ServerContext, name: str, out: IO[bytes] | Path) -> None:
    """Write the dump ``name`` as ``kg export`` writes it, manifest first, so that ``kg restore``
    proves a downloaded copy whole (a file: atomically, :func:`kg.ingest.dumps.export_to_path`)."""
    from kg.ingest.dumps import export, export_to_path  # the importer's modules, only when dumping
    from kg.ingest.export_format import ExportFormat

    fmt = ExportFormat.nquads if name.endswith(".nq") else ExportFormat.trig
    minter = Minter(ctx.settings.data_base)
    if isinstance(out, Path):
        export_to_path(ctx.store, out, minter=minter, fmt=fmt)
    else:
        export(ctx.store, out, fmt, minter=minter, where=name)


async def dump(request: Request) -> Response:
    ctx = context(request)
    name = request.path_params["name"]
    f = DUMPS.get(name)
    if f is None:
        raise DocumentNotFound(f"no dump called {name}; there are {', '.join(DUMPS)}")
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if not ctx.store.read_only:  # a store that can change is dumped for each request
        buffer = BytesIO()
        await ctx.engine.call(_write_dump, ctx, name, buffer)
        return Response(buffer.getvalue(), media_type=f.content_type, headers=headers)
    # a read-only store's dump never changes: written to a file once, then streamed from it, so
    # that no request holds the whole dataset in memory
    async with ctx.dump_lock:
        path = ctx.dump_files.get(name)
        if path is None:
            if ctx.dump_dir is None:
                ctx.dump_dir = TemporaryDirectory(prefix="kg-serve-dumps-")
            target = Path(ctx.dump_dir.name) / name
            await ctx.engine.call(_write_dump, ctx, name, target)
            path = ctx.dump_files[name] = target
    return FileResponse(path, media_type=f.content_type, headers=headers)


routes = [
    Route("/void", void, name="void", methods=["GET", "HEAD"]),
    Route("/.well-known/void", void, methods=["GET", "HEAD"]),
    Route("/_/dump/{name}", dump, name="dump", methods=["GET", "HEAD"]),
    Route("/id/{rest:path}", dereference, methods=["GET", "HEAD"]),
    Route("/graph/{rest:path}", dereference, methods=["GET", "HEAD"]),
    Route("/vocab", vocabulary_index, methods=["GET", "HEAD"]),
    Route("/vocab/", vocabulary_index, methods=["GET", "HEAD"]),
    Route("/vocab/{rest:path}", dereference, methods=["GET", "HEAD"]),
    Route("/def", dereference, methods=["GET", "HEAD"]),
    Route("/def/{rest:path}", dereference, methods=["GET", "HEAD"]),
]
