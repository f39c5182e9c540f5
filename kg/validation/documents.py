"""What the validator validates: a document's triples, where it came from, and its lines.

:class:`Validatable` is what :class:`~kg.validation.validator.Validator` reads of a document;
:class:`kg.documents.load.Document` (a document read from a file, on its way to the store) is one.
:class:`TriplesDocument` is the other: a document known only by its triples, read back from the
store (``kg validate --document``) or built in memory, with no file and no lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox
from rdflib import RDF, Graph

from kg.documents.notes import Note
from kg.namespaces import MBL
from kg.terms import quads_of


class Validatable(Protocol):
    """A document as the validator reads it."""

    @property
    def quads(self) -> Sequence[ox.Quad]:
        """The document's triples (graph names are ignored)."""
        ...

    @property
    def iri(self) -> str | None:
        """The promise or follow-up (None: the one its triples type)."""
        ...

    @property
    def where(self) -> str | None:
        """What a report names as its source (a file, a stored record); None: the document IRI."""
        ...

    @property
    def lines(self) -> Mapping[str, int]:
        """IRI → the line where the source describes it (empty when unknown)."""
        ...

    @property
    def yaml_source(self) -> Path | None:
        """The YAML-LD file the document was read from, for the lines of its keys (else None)."""
        ...

    @property
    def notes(self) -> Sequence[Note]:
        """What reading the source found in the steward's words (:mod:`kg.documents.notes`)."""
        ...


@dataclass(frozen=True)
class TriplesDocument:
    """A document known only by its triples: no file, no lines."""

    quads: list[ox.Quad]
    iri: str | None = None
    where: str | None = None
    lines: Mapping[str, int] = field(default_factory=dict)
    yaml_source: Path | None = None
    notes: Sequence[Note] = ()

    @classmethod
    def of(
        cls, triples: Graph | Iterable[ox.Quad], *, iri: str | None = None, where: str | None = None
    ) -> TriplesDocument:
        """A document of an rdflib graph's triples, or of pyoxigraph quads."""
        quads = quads_of(triples) if isinstance(triples, Graph) else list(triples)
        return cls(quads, iri=iri, where=where)


_TYPE = ox.NamedNode(str(RDF.type))
_DOCUMENT_CLASSES = (ox.NamedNode(str(MBL.CitizenPromise)), ox.NamedNode(str(MBL.FollowUp)))


def document_iri(
    triples: Sequence[tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode, Any]], source: Validatable
) -> str | None:
    """The document's IRI: the one ``source`` gives, else the promise, else the follow-up its
    ``triples`` (subject, predicate, object) type; None when they type neither."""
    iri = source.iri
    if iri is not None:
        return str(iri)
    for wanted in _DOCUMENT_CLASSES:
        for s, p, o in triples:
            if p == _TYPE and o == wanted:
                return str(s.value)
    return None


Triple = tuple[Any, Any, Any]
"""(subject, predicate, object) as pyoxigraph terms."""


def spo(quads: Iterable[ox.Quad]) -> list[Triple]:
    """The triples of ``quads`` (their graph names left out)."""
    return [(q.subject, q.predicate, q.object) for q in quads]


def contexts_read(contexts: Sequence[Graph | Sequence[ox.Quad] | None]) -> list[list[Triple] | None]:
    """The triples of each context (None: none), contexts of the same quads read once and
    given as one list: the follow-ups of one promise are checked against the same quads."""
    read: dict[tuple[int, ...], list[Triple]] = {}  # the quads' identities (alive meanwhile)
    out: list[list[Triple] | None] = []
    for c in contexts:
        if c is None or isinstance(c, Graph):
            out.append(None if c is None else spo(quads_of(c)))
            continue
        key = tuple(map(id, c))
        found = read.get(key)
        if found is None:
            found = read[key] = spo(c)
        out.append(found)
    return out
