"""Reading the graph for the pages: labels in the reader's language, and small traversals.

Everything here runs in a worker thread (the store calls block) and reads the store through
pyoxigraph's quad patterns over all graphs, which is fast for the one-resource-at-a-time reads of
a page; aggregates go through SPARQL in :mod:`kg.server.pages`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.server.context import PREFIXES, ServerContext

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def N(prefixed: str) -> ox.NamedNode:  # noqa: N802 - reads like a vocabulary term
    prefix, _, local = prefixed.partition(":")
    return ox.NamedNode(PREFIXES[prefix] + local)


RDF_TYPE = N("rdf:type")
LABELS = (
    N("skos:prefLabel"),
    N("rdfs:label"),
    N("dct:title"),
    N("schema:name"),
    N("foaf:name"),
    N("dct:identifier"),
)
XSD_STRING = PREFIXES["xsd"] + "string"

# Labels of the reused terms the pages show, for stores without the vendored vocabularies.
_BUILTIN: dict[str, tuple[str, str]] = {
    "rdf:type": ("typ", "type"),
    "dct:title": ("titel", "title"),
    "dct:description": ("beskrivning", "description"),
    "dct:identifier": ("identifierare", "identifier"),
    "dct:temporal": ("giltighetsperiod", "period"),
    "dct:spatial": ("område", "area"),
    "dct:issued": ("utfärdad", "issued"),
    "dct:date": ("datum", "date"),
    "dct:license": ("licens", "licence"),
    "dct:source": ("källa", "source"),
    "dct:modified": ("ändrad", "modified"),
    "mbl:frequency": ("frekvens", "frequency"),
    "dcat:startDate": ("startdatum", "start date"),
    "dcat:endDate": ("slutdatum", "end date"),
    "prov:wasDerivedFrom": ("härledd från", "derived from"),
    "skos:prefLabel": ("namn", "name"),
    "skos:altLabel": ("alternativt namn", "alternative name"),
    "skos:hiddenLabel": ("dolt namn", "hidden label"),
    "skos:definition": ("definition", "definition"),
    "skos:inScheme": ("i begreppslista", "in scheme"),
    "skos:topConceptOf": ("toppbegrepp i", "top concept of"),
    "skos:hasTopConcept": ("toppbegrepp", "top concepts"),
    "rdfs:isDefinedBy": ("definieras i", "defined by"),
    "rdfs:subClassOf": ("underklass till", "subclass of"),
    "rdfs:subPropertyOf": ("underegenskap till", "subproperty of"),
    "rdfs:domain": ("domän", "domain"),
    "rdfs:range": ("värdemängd", "range"),
    "rdfs:comment": ("kommentar", "comment"),
    "rdfs:seeAlso": ("se även", "see also"),
    "dct:creator": ("skapare", "creator"),
    "skos:notation": ("kod", "code"),
    "skos:exactMatch": ("samma som", "exact match"),
    "skos:closeMatch": ("nära", "close match"),
    "org:unitOf": ("enhet inom", "unit of"),
    "org:role": ("roll", "role"),
    "org:postIn": ("post i", "post in"),
    "schema:name": ("namn", "name"),
    "schema:location": ("plats", "place"),
    "schema:url": ("webbadress", "URL"),
    "geo:sfWithin": ("ligger i", "within"),
    "rdfs:label": ("etikett", "label"),
    "oa:hasSelector": ("urval", "selector"),
    "oa:exact": ("exakt text", "exact text"),
}


# Nodes of a document that have no label of their own, only a number (<promise>/citation/1):
# named by their kind and number, so that a list of them says what each is.
_NUMBERED: dict[str, tuple[str, str]] = {
    "citation": ("källhänvisning", "citation"),
    "assumption": ("antagande", "assumption"),
    "signature": ("underskrift", "signature"),
}
_NUMBERED_IRI = re.compile(r"/(" + "|".join(_NUMBERED) + r")/(\d+)$")


def prefixed(iri: str) -> str:
    for p, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{p}:{iri[len(ns) :]}"
    return iri


def local_name(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/"))[-1] or iri


@dataclass
class TermView:
    """One value as a page shows it: a label, a link (or none), and for literals lang/datatype."""

    label: str
    href: str | None = None
    iri: str | None = None
    lang: str | None = None
    datatype: str | None = None
    literal: bool = False
    within: list[TermView] = field(default_factory=list)
    """For a post (``org:Post``): the organisations it is in (``org:postIn``), shown beside it."""
    within_assumed: bool = False
    """Whether that organisation is an assumption (the text names the post alone)."""


@dataclass
class PropertyView:
    predicate: TermView
    values: list[TermView] = field(default_factory=list)
    more: int = 0
    """values not shown (beyond :data:`kg.server.resource_models.PAGE_VALUES`)"""


class View:
    """Read access to the store for one page in one language."""

    def __init__(self, ctx: ServerContext, lang: str) -> None:
        self.ctx = ctx
        self.store: ox.Store = ctx.store.raw
        self.lang = lang
        self._labels: dict[str, str] = {}

    # -- raw reads ------------------------------------------------------------------------------
    def objs(self, s: Term | str, p: ox.NamedNode) -> list[Term]:
        subj = ox.NamedNode(s) if isinstance(s, str) else s
        if isinstance(subj, ox.Literal | ox.Triple):
            return []
        return list(dict.fromkeys(q.object for q in self.store.quads_for_pattern(subj, p, None, None)))

    def subjects(self, p: ox.NamedNode, o: Term | str) -> list[Term]:
        obj = ox.NamedNode(o) if isinstance(o, str) else o
        return list(dict.fromkeys(q.subject for q in self.store.quads_for_pattern(None, p, obj, None)))

    def obj(self, s: Term | str, p: ox.NamedNode) -> Term | None:
        values = self.objs(s, p)
        if not values:
            return None
        lits = [v for v in values if isinstance(v, ox.Literal)]
        return self.best_literal(lits) if lits and len(lits) == len(values) else values[0]

    def text(self, s: Term | str, p: ox.NamedNode) -> str | None:
        lits = [v for v in self.objs(s, p) if isinstance(v, ox.Literal)]
        best = self.best_literal(lits)
        return best.value if best is not None else None

    def best_literal(self, lits: list[ox.Literal]) -> ox.Literal | None:
        if not lits:
            return None
        order = [self.lang, "sv", "en", ""]
        return min(
            lits,
            key=lambda lit: order.index(lit.language or "") if (lit.language or "") in order else len(order),
        )

    def has_type(self, s: Term | str, cls: ox.NamedNode) -> bool:
        subj = ox.NamedNode(s) if isinstance(s, str) else s
        return any(True for _ in self.store.quads_for_pattern(subj, RDF_TYPE, cls, None))  # type: ignore[arg-type]

    def order(self, s: Term) -> int:
        t = self.obj(s, N("mbl:order"))
        try:
            return int(t.value) if isinstance(t, ox.Literal) else 10_000
        except ValueError:
            return 10_000

    def exists(self, iri: str) -> bool:
        node = ox.NamedNode(iri)
        return (
            any(True for _ in self.store.quads_for_pattern(node, None, None, None))
            or any(True for _ in self.store.quads_for_pattern(None, None, node, None))
            or self.store.contains_named_graph(node)
        )

    # -- labels ---------------------------------------------------------------------------------
    def label(self, term: Term | str) -> str:
        if isinstance(term, ox.Literal):
            return term.value
        if isinstance(term, ox.BlankNode):
            return f"_:{term.value}"
        if isinstance(term, ox.Triple):
            return str(term)
        iri = term if isinstance(term, str) else term.value
        if iri in self._labels:
            return self._labels[iri]
        node = ox.NamedNode(iri)
        found: str | None = None
        for p in LABELS:
            lits = [
                q.object
                for q in self.store.quads_for_pattern(node, p, None, None)
                if isinstance(q.object, ox.Literal)
            ]
            best = self.best_literal(lits)
            if best is not None:
                found = best.value
                break
        if found is None:
            desc = self.best_literal(
                [
                    q.object
                    for q in self.store.quads_for_pattern(node, N("dct:description"), None, None)
                    if isinstance(q.object, ox.Literal)
                ]
            )
            if desc is not None:
                found = desc.value if len(desc.value) <= 80 else desc.value[:77].rstrip() + "…"
        numbered = _NUMBERED_IRI.search(iri) if found is None else None
        if numbered is not None:
            kind = _NUMBERED[numbered.group(1)]
            found = f"{kind[1] if self.lang == 'en' else kind[0]} {numbered.group(2)}"
        if found is None:
            short = prefixed(iri)
            builtin = _BUILTIN.get(short)
            if builtin:
                found = builtin[1] if self.lang == "en" else builtin[0]
            else:
                code = re.search(r"/kommun-(\d{4})$", iri)
                found = (
                    f"{'municipality' if self.lang == 'en' else 'kommun'} {code.group(1)}"
                    if code
                    else short
                    if short != iri
                    else local_name(iri)
                )
        self._labels[iri] = found
        return found

    def term(self, t: Term) -> TermView:
        if isinstance(t, ox.Literal):
            dt = t.datatype.value
            return TermView(
                t.value,
                lang=t.language,
                literal=True,
                datatype=None if t.language or dt == XSD_STRING else prefixed(dt),
            )
        if isinstance(t, ox.BlankNode):
            return TermView(f"_:{t.value}")
        if isinstance(t, ox.Triple):
            return TermView(str(t), literal=True)
        return TermView(self.label(t), href=self.ctx.link(t.value), iri=t.value)

    def terms(self, ts: Iterable[Term]) -> list[TermView]:
        return [self.term(t) for t in ts]
