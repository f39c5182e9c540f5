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
    """The post ``ref`` names, ``<promise>/post/{role or label}``, described the first time.

    A later mention that names its organisation replaces an assumed one ("kommunens
    trygghetssamordnare" after "Trygghetssamordnaren"); one that names another organisation than
    the one stated before is another post of the same kind ("Rektorn på Ekebyskolan", then
    "Rektorn på Kolbäcksskolan"), ``<promise>/post/{role}-{organisation}``; a mention naming none,
    after two or more such posts, could be any of them: a post of its own (one for all such
    mentions), its organisation assumed by its kind as for any post named alone."""
    post = ref.post or PostOf()
    slug = post.role.rsplit("/", 1)[-1] if post.role else slugify(ref.label)
    base = URIRef(f"{b.iri}/post/{slug}")
    g = b.g
    if (base, RDF.type, ORG.Post) not in g:
        return _described(b, base, ref)
    stated = b.actors(post.org) if post.org is not None else []
    same_kind = [base, *_qualified(b, slug)]
    if not stated:
        if len(same_kind) == 1:
            return base
        # the one post of this kind named alone before, else a new one
        alone = next((node for node in same_kind if _assumed(b, node)), None)
        return alone or _described(b, URIRef(f"{base}-{len(same_kind) + 1}"), ref)
    for node in same_kind:
        if set(g.objects(node, ORG.postIn)) == set(stated) and not _assumed(b, node):
            return node
    if _assumed(b, base):  # "kommunens trygghetssamordnare" after "Trygghetssamordnaren"
        g.remove((base, ORG.postIn, None))
        b.assumptions = [a for a in b.assumptions if not (a.subject == str(base) and a.rule in _RULES)]
        for named in stated:
            g.add((base, ORG.postIn, named))
        return base
    return _described(b, URIRef(f"{base}-{slugify(stated[0].rsplit('/', 1)[-1])}"), ref)


def _qualified(b: GraphBuilder, slug: str) -> list[URIRef]:
    """The other posts of kind ``slug`` described so far (``<promise>/post/{slug}-…``)."""
    prefix = f"{b.iri}/post/{slug}-"
    return sorted(
        URIRef(str(s))
        for s in b.g.subjects(RDF.type, ORG.Post)
        if str(s).startswith(prefix) and _kind_of(b, URIRef(str(s))) == slug
    )


def _kind_of(b: GraphBuilder, node: URIRef) -> str:
    role = b.g.value(node, ORG.role)
    return str(role).rsplit("/", 1)[-1] if role is not None else slugify(str(b.g.value(node, SKOS.prefLabel)))


def _described(b: GraphBuilder, node: URIRef, ref: ActorRef) -> URIRef:
    """``node`` described as the post ``ref`` names: its types, label, kind and organisation."""
    post = ref.post or PostOf()
    g = b.g
    if (node, RDF.type, ORG.Post) in g:
        return node
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
