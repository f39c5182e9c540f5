"""What reading a source found in the steward's words, reported like any rule's findings.

A document read from a file carries :class:`~kg.documents.notes.Note` values (unfilled
``FYLL I`` markers, keys the context does not know, plain names where an IRI or a list's term
belongs, names read as IRIs). :func:`note_hits` turns them into the validator's
:class:`~kg.validation.document_rules.Hit` values, each under its rule in
``shapes/authoring.ttl`` and with the line, key and key path the note carries;
:func:`hit_result` writes a hit as a one-result SHACL results graph (the form the validator
reads findings from); :func:`shadowed` leaves out the shapes' findings that only repeat a note
(the activity "has no responsible actor" because ``responsible: [Polisn]`` names nobody);
:func:`with_suggestions` adds "did you mean" to the shapes' findings about a misspelt list term.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.documents.notes import Note
from kg.names import bundled_names
from kg.namespaces import SHAPES_NS, VOCAB_NS
from kg.terms import to_rdflib
from kg.validation.document_rules import Hit
from kg.validation.messages import MessageTemplates
from kg.validation.report import Finding

AUTHORING_COMPONENT = URIRef(SHAPES_NS + "AuthoringConstraintComponent")
"""The constraint component of the notes' rules (they are evaluated while the file is read)."""


def _term(value: str | None) -> ox.NamedNode | ox.Literal | None:
    """A note's value (N-Triples form) as a pyoxigraph term."""
    if not value:
        return None
    try:
        quads = list(ox.parse(f"<urn:x:s> <urn:x:p> {value} .".encode(), format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError:
        return ox.Literal(value)
    term = quads[0].object if quads else None
    return term if isinstance(term, (ox.NamedNode, ox.Literal)) else None


def note_hits(notes: Iterable[Note], document: str | None) -> list[Hit]:
    """The notes of a document as hits (a note about no node is about the document)."""
    hits = []
    for n in notes:
        node = n.node or document
        if node is None:
            continue
        hits.append(
            Hit(
                URIRef(SHAPES_NS + n.rule),
                AUTHORING_COMPONENT,
                ox.NamedNode(node),
                ox.NamedNode(n.prop) if n.prop else None,
                _term(n.value),
                f"\u201c{n.shown[:120]}\u201d",
                severity=SH.Info if n.is_info else SH.Violation,
                hints=(n.hint_sv, n.hint_en),
                line=n.line,
                key=n.key,
                key_path=n.key_path,
            )
        )
    return hits


def hit_result(hit: Hit, messages: MessageTemplates) -> tuple[Graph, Node]:
    """A hit as a one-result SHACL results graph (what the validator reads findings from)."""
    g, r = Graph(), BNode()
    g.add((r, SH.focusNode, to_rdflib(hit.focus)))
    g.add((r, SH.resultSeverity, hit.severity))
    g.add((r, SH.sourceShape, hit.shape))
    g.add((r, SH.sourceConstraintComponent, hit.component))
    if hit.path is not None:
        g.add((r, SH.resultPath, to_rdflib(hit.path)))
    if hit.value is not None:
        g.add((r, SH.value, to_rdflib(hit.value)))
    for n, lang in enumerate(("sv", "en")):
        text = messages.fill(hit.shape, {"value": hit.shown, "hint": hit.hints[n]}).get(lang)
        if text:
            g.add((r, SH.resultMessage, Literal(" ".join(text.split()), lang=lang)))
    return g, r


def placed(finding: Finding, hit: Hit) -> Finding:
    """The finding at the line, key and key path the hit carries (when it carries them)."""
    if hit.line is None:
        return finding
    return dataclasses.replace(finding, line=hit.line, key=hit.key, key_path=hit.key_path)


def with_suggestions(findings: Sequence[Finding]) -> list[Finding]:
    """The findings about a term that is in no list (a misspelt ``at:trafikkontrol`` in Turtle or
    JSON-LD) with "did you mean" and the nearest terms of its list (:meth:`kg.names.NameIndex.near`)."""
    out = []
    for f in findings:
        iris = [f.focus_node, (f.value or "").strip("<>")]
        term = next(
            (i for i in iris if i.startswith(VOCAB_NS) and i.count("/") == VOCAB_NS.count("/") + 1), None
        )
        if term is not None and "Menade du" not in f.message_sv:
            scheme, slug = term[len(VOCAB_NS) :].split("/", 1)
            names = bundled_names()
            if names.entries(scheme) and term not in names.entries(scheme):
                near = ", ".join(e.shown for e in names.near(scheme, slug))
                if near:
                    f = dataclasses.replace(
                        f,
                        message_sv=f"{f.message_sv} Menade du: {near}?",
                        message_en=f"{f.message_en} Did you mean: {near}?",
                    )
        out.append(f)
    return out


def shadowed(findings: Sequence[Finding], hits: Iterable[Hit]) -> list[Finding]:
    """The findings without those of the shapes about a value a note already reports as wrong:
    on the same node and property, or about the term the note's value became."""
    spots: set[tuple[str, str | None]] = set()
    values: set[str] = set()
    for h in hits:
        if h.component == AUTHORING_COMPONENT and h.severity == SH.Violation:
            spots.add((h.focus.value, h.path.value if h.path is not None else None))
            if isinstance(h.value, ox.NamedNode):
                values.add(h.value.value)
    if not spots:
        return list(findings)
    component = str(AUTHORING_COMPONENT)
    return [
        f
        for f in findings
        if f.constraint_component == component
        or ((f.focus_node, f.path) not in spots and f.focus_node not in values)
    ]
