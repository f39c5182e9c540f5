"""The keys of the bundled JSON-LD context (``ontology/context.jsonld``), as a steward types them.

A YAML-LD or JSON-LD document written by hand uses the context's short keys (``period``,
``responsible``, ``frequency``); this module says what each key means: the property IRI it
stands for, whether its values are IRIs (``"@type": "@id"``), terms of a controlled list
(``"@type": "@vocab"`` with a scoped ``@vocab``: the list's namespace) or dates, and, the other
way round, which key a steward typed for a property (:meth:`Context.key_for`), so that findings
can name ``responsible`` with ``mbl:responsibleActor`` beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from kg.documents.jsonld import bundled_context

KEYWORD_KEYS = frozenset({"id", "type"})
"""Keys the context aliases to ``@id`` and ``@type``."""

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
OWL_CLASS = "http://www.w3.org/2002/07/owl#Class"
RDFS_CLASS = "http://www.w3.org/2000/01/rdf-schema#Class"


@dataclass(frozen=True)
class Term:
    """One key of the context."""

    key: str
    iri: str
    """The property IRI the key stands for."""
    value_kind: str
    """``"iri"`` (values are IRIs), ``"vocab"`` (terms of a list), ``"typed"`` or ``"text"``."""
    datatype: str | None = None
    """The values' datatype IRI (``xsd:date`` ...), for ``"typed"``."""
    scheme_ns: str | None = None
    """The namespace of the list a ``"vocab"`` key's terms come from."""

    @property
    def scheme(self) -> str | None:
        """The list's name (``activity-type``): the last segment of its namespace."""
        return self.scheme_ns.rstrip("/").rsplit("/", 1)[-1] if self.scheme_ns else None


@dataclass(frozen=True)
class Context:
    """Prefixes, keys and class names of the bundled context."""

    prefixes: dict[str, str]
    terms: dict[str, Term]
    names: dict[str, str]
    """Other short names (classes such as ``Organization``) → IRI."""
    vocab: str
    by_iri: dict[str, str]
    """Property IRI → the first key (in the context's order) that stands for it."""

    def expand(self, value: str) -> str:
        """A compact IRI (``kg:org/kommun-0480``) expanded; an absolute IRI as it is."""
        prefix, sep, local = value.partition(":")
        if sep and prefix in self.prefixes:
            return self.prefixes[prefix] + local
        return value

    def is_iri(self, value: str) -> bool:
        """Whether ``value`` is an IRI (absolute or with a known prefix), not a plain name."""
        prefix, sep, local = value.partition(":")
        if not sep or not prefix or " " in value.strip():
            return False
        return prefix in self.prefixes or (prefix.isascii() and prefix.isalpha() and local.startswith("//"))

    def key_for(self, iri: str) -> str | None:
        """The first key (in the context's order) that stands for a property IRI."""
        return self.by_iri.get(iri)

    def compact_id(self, iri: str) -> str:
        """An instance IRI as a steward writes it (``kg:org/kommun-0480``)."""
        ns = self.prefixes.get("kg")
        return "kg:" + iri[len(ns) :] if ns and iri.startswith(ns) else iri

    def compact(self, iri: str) -> str:
        """An IRI with the context's longest matching prefix (``mbl:responsibleActor``)."""
        best = max(
            ((p, ns) for p, ns in self.prefixes.items() if iri.startswith(ns) and p not in ("kg",)),
            key=lambda x: len(x[1]),
            default=None,
        )
        return f"{best[0]}:{iri[len(best[1]) :]}" if best else iri


def context_prefixes(ctx: dict[str, Any]) -> dict[str, str]:
    """The prefixes a context defines: its keys whose value is a namespace (ends in / or #)."""
    return {k: v for k, v in ctx.items() if isinstance(v, str) and v.endswith(("/", "#"))}


def expand_term(value: str, prefixes: dict[str, str], vocab: str) -> str:
    """A context's compact IRI (``mbl:Activity``) or bare term (against ``@vocab``) as a full IRI;
    an IRI with a scheme that is not one of the prefixes stays as it is."""
    prefix, sep, local = value.partition(":")
    if sep and prefix in prefixes:
        return prefixes[prefix] + local
    return value if sep else vocab + value


def read_context(ctx: dict[str, Any]) -> Context:
    """The model of a context definition (the bundled one: :func:`bundled_terms`)."""
    prefixes = context_prefixes(ctx)
    vocab = str(ctx.get("@vocab", ""))
    terms: dict[str, Term] = {}
    names: dict[str, str] = {}
    for key, definition in ctx.items():
        if key.startswith("@") or key in prefixes or key in KEYWORD_KEYS:
            continue
        if isinstance(definition, str):
            names[key] = expand_term(definition, prefixes, vocab)
            continue
        if not isinstance(definition, dict) or not isinstance(definition.get("@id"), str):
            continue
        iri = expand_term(definition["@id"], prefixes, vocab)
        kind, datatype, scheme = "text", None, None
        typ = definition.get("@type")
        if typ == "@id":
            kind = "iri"
        elif typ == "@vocab":
            kind = "vocab"
            scoped = definition.get("@context")
            if isinstance(scoped, dict) and isinstance(scoped.get("@vocab"), str):
                scheme = scoped["@vocab"]
        elif isinstance(typ, str):
            kind, datatype = "typed", expand_term(typ, prefixes, vocab)
        terms[key] = Term(key, iri, kind, datatype, scheme)
    by_iri: dict[str, str] = {}
    for key, term in terms.items():
        by_iri.setdefault(term.iri, key)
    return Context(prefixes, terms, names, vocab, by_iri)


@cache
def ontology_classes() -> frozenset[str]:
    """The classes of the project's ontology (``ontology/mbl.ttl``): what ``type:`` may name."""
    import pyoxigraph as ox

    from kg import resources

    kinds = {OWL_CLASS, RDFS_CLASS}
    path = resources.bundled("ontology") / "mbl.ttl"
    return frozenset(
        q.subject.value
        for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
        if q.predicate.value == RDF_TYPE and q.object.value in kinds and isinstance(q.subject, ox.NamedNode)
    )


@cache
def bundled_terms() -> Context:
    """The bundled context's model (read once)."""
    return read_context(bundled_context()["@context"])
