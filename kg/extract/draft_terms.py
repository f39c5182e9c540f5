"""The bundled JSON-LD context seen from the graph's side: which key to write for a property, and
how to write a value under that key so that it reads back as the same RDF term.

A draft (:mod:`kg.extract.draft`) is written in the keys a steward types
(examples/nykoping-2025-2026.yaml): ``responsible: [kg:org/kommun-0480]``, ``frequency:
per-termin``, ``startDate: "2025-01-01"``. Each key has a rule for its values in the context
(IRIs, terms of a list, a datatype, a language); :meth:`Keys.write` writes a value in the plain
form the rule reads back exactly, and as an explicit value object (``{"@value": …}``,
``{"id": …}``) only where no key's rule fits.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

from kg.documents.context_terms import context_prefixes, expand_term
from kg.documents.jsonld import bundled_context

PREFERRED = ("territory", "situation", "knowledgeSources", "responsible", "partners", "name")
"""Keys chosen over another key for the same property (those of the hand-written example)."""

_INTEGER, _BOOLEAN, _STRING = str(XSD.integer), str(XSD.boolean), str(XSD.string)


@dataclass(frozen=True)
class Key:
    """One key of the context and the rule for its values."""

    name: str
    iri: str
    coerce: str | None
    """``@id``, ``@vocab``, a datatype IRI, or None."""
    scheme: str | None
    """A ``@vocab`` key's list namespace (its scoped ``@vocab``)."""
    language: str | None
    """The language a plain string gets (the context's default unless the key says null)."""
    is_set: bool


@dataclass
class Keys:
    """The context's prefixes, class names and keys."""

    prefixes: dict[str, str]
    names: dict[str, str]
    vocab: str
    by_iri: dict[str, list[Key]]
    words: frozenset[str]
    """Every key, prefix and class name (a list term must not be one of them to stand alone)."""

    # -- IRIs ------------------------------------------------------------------------------------

    def compact(self, iri: str) -> str:
        """An IRI with the context's longest matching prefix (``kg:org/kommun-0480``)."""
        best = ""
        for prefix, ns in self.prefixes.items():
            if iri.startswith(ns) and len(ns) > len(self.prefixes.get(best, "")) and len(iri) > len(ns):
                best = prefix
        if not best:
            return iri
        local = iri[len(self.prefixes[best]) :]
        return f"{best}:{local}" if not local.startswith("//") else iri

    def type_name(self, iri: str) -> str:
        """A class as ``type`` is written: its name in the context, a local name of the
        vocabulary, or a compact IRI."""
        for name, full in self.names.items():
            if full == iri:
                return name
        if iri.startswith(self.vocab):
            local = iri[len(self.vocab) :]
            if local and ":" not in local and "/" not in local and local not in self.words:
                return local
        return self.compact(iri)

    # -- keys and values --------------------------------------------------------------------------

    def key_for(self, predicate: str, values: list[Node]) -> tuple[str, Key | None]:
        """The key to write ``predicate`` with: the first whose rule fits every value, else the
        first key for it, else its compact IRI."""
        keys = self.by_iri.get(predicate, [])
        for key in keys:
            if all(self.fits(key, v) for v in values):
                return key.name, key
        if keys:
            return keys[0].name, keys[0]
        return self.compact(predicate), None

    def fits(self, key: Key, value: Node) -> bool:
        """``value`` can be written in plain form under ``key``."""
        if isinstance(value, URIRef):
            return key.coerce in ("@id", "@vocab")
        if not isinstance(value, Literal):
            return False
        if key.coerce in ("@id", "@vocab"):
            return False
        if value.language:
            return key.coerce is None and key.language == value.language
        datatype = str(value.datatype) if value.datatype else _STRING
        if key.coerce is not None:
            return datatype == key.coerce
        if datatype == _STRING:
            return key.language is None
        return _native(value) is not None

    def write(self, key: Key | None, value: Node) -> Any:
        """``value`` as written under ``key`` (None: a compact-IRI key with no rule)."""
        if key is not None and self.fits(key, value):
            if isinstance(value, URIRef):
                return self._iri_under(key, str(value))
            assert isinstance(value, Literal)
            if key.coerce is None and value.datatype and str(value.datatype) != _STRING:
                return _native(value)
            if key.coerce in (_INTEGER,) and _native(value) is not None:
                return _native(value)
            return str(value)
        if isinstance(value, URIRef):
            return {"id": self.compact(str(value))}
        assert isinstance(value, Literal)
        out: dict[str, Any] = {"@value": str(value)}
        if value.language:
            out["@language"] = value.language
        elif value.datatype and str(value.datatype) != _STRING:
            out["@type"] = self.compact(str(value.datatype))
        return out

    def _iri_under(self, key: Key, iri: str) -> str:
        if key.coerce == "@vocab" and key.scheme and iri.startswith(key.scheme):
            local = iri[len(key.scheme) :]
            if local and ":" not in local and "/" not in local and local not in self.words:
                return local
        compact = self.compact(iri)
        if key.coerce == "@vocab" and ":" not in compact:
            return iri  # no prefix fits: the full IRI (a bare word would be read as a list term)
        return compact


def _native(value: Literal) -> int | bool | None:
    """A typed literal as the JSON number or boolean that gives it back (canonical forms only)."""
    datatype = str(value.datatype) if value.datatype else ""
    text = str(value)
    if datatype == _INTEGER and text.lstrip("-").isdigit() and str(int(text)) == text:
        return int(text)
    if datatype == _BOOLEAN and text in ("true", "false"):
        return text == "true"
    return None


@cache
def bundled_keys() -> Keys:
    """The bundled context (``ontology/context.jsonld``) as :class:`Keys` (read once)."""
    ctx: dict[str, Any] = bundled_context()["@context"]
    prefixes = context_prefixes(ctx)
    vocab = str(ctx.get("@vocab", ""))
    default_language = ctx.get("@language")
    names: dict[str, str] = {}
    by_iri: dict[str, list[Key]] = {}
    for name, definition in ctx.items():
        if name.startswith("@") or name in prefixes or definition in ("@id", "@type") or definition is None:
            continue
        if isinstance(definition, str):
            names[name] = expand_term(definition, prefixes, vocab)
            continue
        if not isinstance(definition, dict) or not isinstance(definition.get("@id"), str):
            continue
        coerce = definition.get("@type")
        if isinstance(coerce, str) and coerce not in ("@id", "@vocab"):
            coerce = expand_term(coerce, prefixes, vocab)
        scoped = definition.get("@context")
        scheme = scoped.get("@vocab") if isinstance(scoped, dict) else None
        language = definition.get("@language", default_language)
        key = Key(
            name,
            expand_term(definition["@id"], prefixes, vocab),
            coerce if isinstance(coerce, str) else None,
            scheme if isinstance(scheme, str) else None,
            language,
            definition.get("@container") == "@set",
        )
        by_iri.setdefault(key.iri, []).append(key)
    for keys in by_iri.values():
        keys.sort(key=lambda k: (k.name not in PREFERRED, 0))
    words = frozenset(ctx) | frozenset(prefixes)
    return Keys(prefixes, names, vocab, by_iri, words)


__all__ = ["Key", "Keys", "bundled_keys"]
