"""A post the text names as an actor, as RDF: an ``org:Post`` of the promise.

W3C ORG: "A Post represents some position within an organization that exists independently of
the person or persons filling it … A post can be held by multiple people and hence can be treated
as an organization in its own right." The text names the position ("Trygghetssamordnaren"), not
the person, so the node is an ``org:Post`` (no ``org:Membership``, which needs the member), typed
``org:Organization`` as well so that it is an actor like any other (``mbl:responsibleActor``
ranges over organisations); its kind is ``org:role`` (a concept of ``ontology/vocab/post.ttl``)
and its organisation ``org:postIn``: stated where the text names it ("kommunens
trygghetssamordnare"), else by the post's kind as an assumption, else unknown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import RDF, Literal, URIRef

from kg.extract.model import ActorRef, Party, PostOf
from kg.iris import slugify
from kg.namespaces import ORG, SKOS

if TYPE_CHECKING:
    from kg.extract.build import GraphBuilder

_RULES = ("extract:post-in-by-kind", "extract:post-in-not-stated")


def post_node(b: GraphBuilder, ref: ActorRef) -> URIRef:
    """The post ``ref`` names, ``<promise>/post/{role or label}``, described the first time; a
    later mention that names its organisation replaces an assumed one."""
    post = ref.post or PostOf()
    slug = post.role.rsplit("/", 1)[-1] if post.role else slugify(ref.label)
    node = URIRef(f"{b.iri}/post/{slug}")
    g = b.g
    if (node, RDF.type, ORG.Post) in g:
        if post.org is None or not _assumed(b, node):
            return node
        g.remove((node, ORG.postIn, None))  # "kommunens trygghetssamordnare" after "Trygghetssamordnaren"
        b.assumptions = [a for a in b.assumptions if not (a.subject == str(node) and a.rule in _RULES)]
    else:
        g.add((node, RDF.type, ORG.Post))
        g.add((node, RDF.type, ORG.Organization))
        g.add((node, SKOS.prefLabel, Literal(ref.label, lang="sv")))
        if post.role:
            g.add((node, ORG.role, URIRef(post.role)))
    if post.org is not None:
        for named in b.actors(post.org):
            g.add((node, ORG.postIn, named))
        return node
    org: URIRef | None = None
    if post.kind is Party.police:
        org = b.police
    elif post.kind is Party.municipality and len(b.municipalities) == 1:
        org = b.municipality
    if org is None:  # no kind, or a municipal post of a joint promise: which one is not guessed
        b.assume(node, ORG.postIn, None, "extract:post-in-not-stated", label=ref.label)
        return node
    g.add((node, ORG.postIn, org))
    b.assume(node, ORG.postIn, org, "extract:post-in-by-kind", label=ref.label, org=_org_name(b, org))
    return node


def _assumed(b: GraphBuilder, node: URIRef) -> bool:
    return any(a.subject == str(node) and a.rule in _RULES for a in b.assumptions)


def _org_name(b: GraphBuilder, org: URIRef) -> str:
    if org == b.police:
        area = b.a.police_area
        return area.name if area is not None else "Polismyndigheten"
    return b.a.municipality.name


__all__ = ["post_node"]
