"""The validation shapes as linked data: ``/shapes`` (the shapes graph, its IRI the shapes
namespace without its slash) and ``/shapes/{name}`` (one shape), as a page or as Turtle,
JSON-LD, N-Triples or RDF/XML by content negotiation.

A validation report names the rule that fired by its IRI (``sh:sourceShape``, ``source_shape``
in ``kg validate -f json``): these routes make that IRI dereference, as the data, ontology and
vocabulary IRIs do. The shapes are the bundled files (:func:`kg.resources.shape_files`), read
once into an in-memory store; they are not in the data store.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kg import resources
from kg.errors import DocumentNotFound
from kg.namespaces import SHAPES_NS
from kg.server import negotiation as neg
from kg.server.context import PREFIXES, context
from kg.server.linked_data import alternates, describe
from kg.server.pages import render
from kg.server.serialize import graph_bytes
from kg.server.sparql import not_acceptable

SHAPES_IRI = SHAPES_NS.rstrip("/")
_SH = "http://www.w3.org/ns/shacl#"
_PREFIXES = {**PREFIXES, "sh": _SH, "mblsh": SHAPES_NS}
_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
_KINDS = (ox.NamedNode(_SH + "NodeShape"), ox.NamedNode(_SH + "PropertyShape"))
_TARGETS = ("targetClass", "targetNode", "targetObjectsOf", "targetSubjectsOf")


@functools.cache
def shapes_store() -> ox.Store:
    """The bundled shapes, read once."""
    store = ox.Store()
    for path in resources.shape_files():
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    return store


@dataclass(frozen=True)
class ShapeView:
    """One shape as the pages show it."""

    iri: str
    name: str
    href: str
    severity: str
    targets: list[str]
    path: str
    messages: dict[str, str]


def _short(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    if isinstance(term, ox.NamedNode):
        for prefix, ns in _PREFIXES.items():
            if term.value.startswith(ns) and len(term.value) > len(ns):
                return f"{prefix}:{term.value[len(ns) :]}"
        return term.value
    if isinstance(term, ox.Literal):
        return term.value
    return "…"  # a blank node: a path or list written out in the RDF


def shape_views(store: ox.Store, href_of: dict[str, str]) -> list[ShapeView]:
    """Every shape with an IRI of the project's shapes namespace, by name."""
    shapes = {
        q.subject.value
        for kind in _KINDS
        for q in store.quads_for_pattern(None, _TYPE, kind, None)
        if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(SHAPES_NS)
    }
    return sorted((shape_view(store, iri, href_of.get(iri, iri)) for iri in shapes), key=lambda v: v.name)


def shape_view(store: ox.Store, iri: str, href: str) -> ShapeView:
    node = ox.NamedNode(iri)

    def objects(local: str) -> list[ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]:
        return [q.object for q in store.quads_for_pattern(node, ox.NamedNode(_SH + local), None, None)]

    severity = objects("severity")
    messages: dict[str, str] = {}
    for m in objects("message"):
        if isinstance(m, ox.Literal) and m.language and m.language not in messages:
            messages[m.language] = m.value
    return ShapeView(
        iri=iri,
        name=iri.removeprefix(SHAPES_NS),
        href=href,
        severity=_short(severity[0]).removeprefix("sh:") if severity else "Violation",
        targets=[f"{t}: {_short(o)}" for t in _TARGETS for o in objects(t)],
        path=", ".join(_short(p) for p in objects("path")),
        messages=messages,
    )


async def dereference_shapes(request: Request) -> Response:
    ctx = context(request)
    rest = str(request.path_params.get("rest", ""))
    iri = SHAPES_NS + rest if rest else SHAPES_IRI
    f = neg.negotiate(request.headers.get("accept"), neg.RESOURCE, request.query_params.get("_format"))
    if f is None:
        raise not_acceptable(request, neg.RESOURCE)
    store = shapes_store()
    whole = iri == SHAPES_IRI
    triples = [q.triple for q in store] if whole else describe(store, iri, len(store))[0]
    if not any(t.subject == ox.NamedNode(iri) for t in triples):
        raise DocumentNotFound(f"ingen valideringsregel / no validation shape <{iri}>")
    headers = {"Link": alternates(request, neg.RESOURCE), "Vary": "Accept, Accept-Language"}
    if f.kind is not neg.Kind.page:
        body = graph_bytes(triples, f, {**ctx.prefixes, **_PREFIXES})
        return Response(body, media_type=f.content_type, headers=headers)
    subjects = {t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)}
    hrefs = {s: ctx.path("shapes/" + s.removeprefix(SHAPES_NS)) for s in subjects}
    shapes = shape_views(store, hrefs) if whole else [shape_view(store, iri, hrefs.get(iri, iri))]
    turtle = "" if whole else graph_bytes(triples, neg.fmt("ttl"), _PREFIXES).decode("utf-8")
    turtle = "\n".join(line for line in turtle.splitlines() if not line.startswith("@prefix"))
    return render(
        request,
        "shapes.html",
        headers=headers,
        iri=iri,
        whole=whole,
        shapes=shapes,
        turtle=turtle,
        index_href=ctx.path("shapes"),
        alternates=[(o, f"?_format={o.name}") for o in neg.RESOURCE if o.kind is neg.Kind.rdf],
    )


routes = [
    Route("/shapes", dereference_shapes, methods=["GET", "HEAD"]),
    Route("/shapes/", dereference_shapes, methods=["GET", "HEAD"]),
    Route("/shapes/{rest:path}", dereference_shapes, methods=["GET", "HEAD"]),
]
