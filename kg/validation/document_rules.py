"""Rules the validator evaluates itself, beside the SHACL run (shapes/document.ttl holds their
IRIs and messages).

SHACL sees one data graph: the document's triples plus the reference data and concepts added for
the check, so a shape cannot tell whether a triple about a municipality came from the document or
from the reference data. These rules look at the document's own triples only:

* :meth:`DocumentRules.foreign_subjects` (issue 20 point 3): a document describes only itself.
  A subject that is a reference-data node (municipality, territory, county, police unit), a
  vocabulary concept or scheme, a term of the ontology or the shapes, the catalogue or one of its
  records, a named graph, or another document's node is refused. The document's own IRI and every
  IRI under it (its passages, places, signatures) are fine, and so are actors it introduces;
* :meth:`DocumentRules.ill_formed_literals` (issue 16 point 6): a literal that is not valid for its
  datatype (``"2025-02-30"^^xsd:date``);
* :meth:`DocumentRules.control_characters`: a literal holding a character that is not text and
  that XML 1.0 cannot hold (a form feed or NUL copied from a PDF), since an RDF/XML dump or a
  SPARQL XML result of it would not be XML. :meth:`DocumentRules.literal_hits` gives both.

Both return :class:`Hit` values, which the validator turns into findings like any shape's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import SH

from kg.namespaces import SHAPES_NS
from kg.validation.literals import checked_datatypes, ill_formed

SHAPES = SHAPES_NS
OWN_SUBJECTS = URIRef(SHAPES + "Document-ownSubjects")
WELL_FORMED = URIRef(SHAPES + "Literal-wellFormed")
CHARACTERS = URIRef(SHAPES + "Literal-characters")
CHARACTERS_COMPONENT = URIRef(SHAPES + "TextCharactersConstraintComponent")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""The characters of no XML 1.0 document: C0 controls but tab, line feed and carriage return,
and the two noncharacters U+FFFE and U+FFFF."""
SCOPE_COMPONENT = URIRef(SHAPES + "DocumentScopeConstraintComponent")
DATATYPE_COMPONENT = URIRef("http://www.w3.org/ns/shacl#DatatypeConstraintComponent")

_DOCUMENT_KINDS = ("promise/", "followup/", "record/")
"""Kinds of IRI under ``id/`` that belong to one document or to the catalogue."""

Triple = tuple[Any, Any, Any]


@dataclass(frozen=True)
class Hit:
    """One finding of a document rule, in pyoxigraph terms."""

    shape: URIRef
    component: URIRef
    focus: ox.NamedNode | ox.BlankNode
    path: ox.NamedNode | None
    value: ox.NamedNode | ox.Literal | None
    shown: str
    """The text that fills the message's ``{?value}``."""
    severity: URIRef = SH.Violation
    hints: tuple[str, str] = ("", "")
    """Swedish and English text for the message's ``{?hint}`` (what to write instead)."""
    line: int | None = None
    """The line, key and key path where the source says it (None: found from the lines)."""
    key: str | None = None
    key_path: str | None = None


class DocumentRules:
    """The document rules, with the subjects and namespaces no document may describe."""

    def __init__(self, reserved: Iterable[ox.NamedNode], namespaces: Iterable[str]) -> None:
        self._reserved = frozenset(reserved)
        self._namespaces = tuple(namespaces)
        self._datatypes = frozenset(ox.NamedNode(d) for d in checked_datatypes())

    def foreign_subjects(self, own: Sequence[Triple], document: str | None) -> list[Hit]:
        """One hit per subject of ``own`` that is not the document's to describe."""
        subjects = {s for s, _, _ in own if isinstance(s, ox.NamedNode)}
        foreign = [s for s in subjects if self._is_foreign(s, document)]
        hits = []
        for subject in sorted(foreign, key=str):
            path = min((p for s, p, _ in own if s == subject), key=str)
            hits.append(Hit(OWN_SUBJECTS, SCOPE_COMPONENT, subject, path, None, subject.value))
        return hits

    def _is_foreign(self, subject: ox.NamedNode, document: str | None) -> bool:
        iri = subject.value
        if document is not None and (iri == document or iri.startswith(document + "/")):
            return False
        if subject in self._reserved or iri.startswith(self._namespaces):
            return True
        if document is None or "/id/" not in document:
            return False
        base = document[: document.index("/id/") + 1]
        ids = base + "id/"
        return (
            iri.startswith(tuple(ids + kind for kind in _DOCUMENT_KINDS))
            or iri == ids + "catalogue"
            or iri.startswith(base + "graph/")
        )

    def ill_formed_literals(self, own: Sequence[Triple]) -> list[Hit]:
        """One hit per triple of ``own`` whose literal is not valid for its (XSD) datatype."""
        hits = []
        for s, p, o in own:
            if (
                isinstance(o, ox.Literal)
                and o.datatype in self._datatypes
                and ill_formed(o.value, o.datatype.value)
            ):
                hits.append(Hit(WELL_FORMED, DATATYPE_COMPONENT, s, p, o, f'"{o.value}"'))
        return hits

    def control_characters(self, own: Sequence[Triple]) -> list[Hit]:
        """One hit per triple of ``own`` whose literal holds a control character (``_CONTROL``),
        shown with the character as its code point ("Polisen[U+000C]ska ...")."""
        hits = []
        for s, p, o in own:
            m = _CONTROL.search(o.value) if isinstance(o, ox.Literal) else None
            if m is None:
                continue
            a, z = max(0, m.start() - 30), m.end() + 30
            excerpt = _CONTROL.sub(lambda c: f"[U+{ord(c.group()):04X}]", o.value[a:z])
            shown = ("…" if a else "") + excerpt + ("…" if z < len(o.value) else "")
            hits.append(Hit(CHARACTERS, CHARACTERS_COMPONENT, s, p, o, f'"{shown}"'))
        return hits

    def literal_hits(self, own: Sequence[Triple]) -> list[Hit]:
        """:meth:`ill_formed_literals` and :meth:`control_characters` of ``own``."""
        return self.ill_formed_literals(own) + self.control_characters(own)
