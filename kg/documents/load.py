"""From a file to documents: parse or extract, find the promise or follow-up, add provenance.

A *document* is one promise (``mbl:CitizenPromise``) or one follow-up (``mbl:FollowUp``) with
everything under its IRI (docs/decisions/0001-iris-and-graphs.md). :func:`load_documents` turns
a file into the documents it holds, exactly as the importer will store and the validator will
check them: blank nodes skolemised under the document IRI (so a re-import gives the same store),
and a ``mbl:SourceDocument`` node with the file's name and SHA-256 unless the document already
names its source (a reviewed extraction names the published text it came from).
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import DCTERMS, PROV

from kg.documents.codec import pack, unpack
from kg.documents.limits import regular_file
from kg.documents.notes import FILL_IN, UNFILLED, Note
from kg.documents.parse import (
    FirstLines,
    InputFormat,
    detect_format,
    may_hold_blank_nodes,
    parse_quads,
    read_bytes,
)
from kg.errors import InputError
from kg.iris import Minter
from kg.namespaces import MBL
from kg.terms import graph_of, quads_of

if TYPE_CHECKING:
    from kg.store.followup_facts import FollowUpFacts
    from kg.store.history import DocumentCounts
    from kg.store.promise_facts import PromiseFacts
    from kg.validation.report import ValidationReport

DocumentKind = Literal["promise", "followup"]

_TYPE = ox.NamedNode(str(RDF.type))
_PROMISE = ox.NamedNode(str(MBL.CitizenPromise))
_FOLLOWUP = ox.NamedNode(str(MBL.FollowUp))
_MUNICIPALITY = ox.NamedNode(str(MBL.municipality))
_DERIVED_FROM = ox.NamedNode(str(PROV.wasDerivedFrom))
_SOURCE_DOCUMENT = ox.NamedNode(str(MBL.SourceDocument))
_TITLE = ox.NamedNode(str(DCTERMS.title))
_SHA256 = ox.NamedNode(str(MBL.sha256))
_SPATIAL = ox.NamedNode(str(DCTERMS.spatial))
_TEMPORAL = ox.NamedNode(str(DCTERMS.temporal))
_FOLLOWS_UP = ox.NamedNode(str(MBL.followsUp))
_IS_EXAMPLE = ox.NamedNode(str(MBL.isExample))
_OWN = frozenset({_MUNICIPALITY, _SPATIAL, _TEMPORAL, _FOLLOWS_UP, _IS_EXAMPLE})
_READ = _OWN | {_DERIVED_FROM}


@dataclass
class Document:
    """One document from parse to write: read, checked, validated, then stored.

    Its triples (:attr:`quads`, pyoxigraph quads in the default graph, as parsed) are what the
    validator checks and the importer writes. They are held as a list, or, once :meth:`packed`
    (the form a document takes between worker processes and while it waits to be written), as
    compressed N-Triples (:mod:`kg.documents.codec`), a few kB, decoded again on each use.
    :attr:`graph` is the same triples as an rdflib Graph, built on first use only (findings that
    need labels and passages, a follow-up's promise context). Treat both as read-only.

    What the importer needs of the document's own node (its municipality, territory, period, the
    promise a follow-up follows up, whether it is a made-up example) is read once, at load.
    """

    iri: URIRef
    doc_id: str
    kind: DocumentKind
    source: Path
    """The file the document was read from."""
    sha256: str
    """The SHA-256 of that file."""
    size: int
    fmt: InputFormat
    graph_iri: str
    """The named graph that holds the document (``graph/<doc_id>``)."""
    triples: list[ox.Quad] | bytes = field(repr=False)
    """The triples: a list of quads, or compressed N-Triples once packed (read :attr:`quads`)."""
    lines: Mapping[str, int] = field(default_factory=dict)
    """IRI → first line where it is described (Turtle/TriG sources), worked out on first use
    (:class:`kg.documents.parse.FirstLines`); dropped once validated."""
    municipality: str | None = None
    territory: str | None = None
    period: str | None = None
    follows: str | None = None
    """The promise a follow-up names with ``mbl:followsUp``."""
    example: bool = False
    """The document is a made-up example (``mbl:isExample true``)."""
    notes: tuple[Note, ...] = ()
    """What reading the source found in the steward's words: unfilled markers, unknown keys,
    names read as IRIs (:mod:`kg.documents.notes`); the validator reports them as findings."""
    report: ValidationReport | None = None
    """The validation report; None until validated (a follow-up is validated with its promise)."""
    context_of: Path | None = None
    """For a follow-up validated where its promise was read (a worker's slice of files): the file
    of that promise, so the importer can tell the report was made with the promise it imports."""
    counts: DocumentCounts | None = None
    """What the document's revision node counts (:func:`kg.store.history.count_document`), worked
    out where the document is read (a worker) while its triples are at hand; None until then."""
    facts: FollowUpFacts | PromiseFacts | None = None
    """A follow-up's derived facts (:func:`kg.store.followup_facts.followup_facts`) or a
    promise's (:func:`kg.store.promise_facts.promise_facts`), worked out with ``counts``; None
    until then (or when the document has none)."""
    derived: bytes | None = None
    """The N-Quads of :attr:`facts` as the catalogue holds them (a follow-up's summary node, a
    promise's facts node and pairs of areas), compressed, written where the facts are worked
    out (a worker): they depend on nothing but the document, so the importer's serial write only
    appends them (:meth:`derived_nquads`) for a document new to the store. None: the importer
    builds them from :attr:`facts`."""
    record: tuple[dict[str, int], bytes] | None = None
    """The catalogue record and first revision node the document gets if it is new to the store,
    as compressed N-Quads (:func:`kg.store.record_nquads.document_record`), with the
    validation counts they were written with: written by the worker that validated it, with the
    import's moment and context; the importer's write appends them for a document new to the
    store whose final report has those counts. None: the write builds them."""
    state_lines: bytes | None = None
    """The lines of its N-Quads and :attr:`derived`'s that the promises' follow-up state reads
    (:func:`kg.store.followup_state.state_lines`), compressed, written where the facts are
    worked out, so the importer's bulk write parses only them. None: the write makes them."""
    _graph: Graph | None = field(default=None, repr=False, compare=False)
    _ntriples: bytes | None = field(default=None, init=False, repr=False, compare=False)
    """:meth:`ntriples` of :attr:`triples` while they are a list, when known (written as the file
    was read); not copied by ``dataclasses.replace``, which may give other triples."""

    @property
    def quads(self) -> list[ox.Quad]:
        """The document's triples (quads in the default graph)."""
        if isinstance(self.triples, bytes):
            return list(ox.parse(unpack(self.triples), format=ox.RdfFormat.N_TRIPLES))
        return self.triples

    @property
    def graph(self) -> Graph:
        """The document's triples as an rdflib Graph (built once, on first use)."""
        if self._graph is None:
            self._graph = graph_of(self.quads)
        return self._graph

    @property
    def where(self) -> str:
        """The file, as errors and reports name it."""
        return str(self.source)

    @property
    def yaml_source(self) -> Path | None:
        """The file, when it is YAML-LD (findings read the lines of its keys from it)."""
        return self.source if self.fmt is InputFormat.yamlld else None

    def packed(self) -> Document:
        """The document with its triples compressed and no rdflib graph (small to send between
        processes and to keep until written); its lines too once it is validated."""
        if isinstance(self.triples, bytes):
            return self
        data = pack(self.ntriples())
        # a copy with these fields changed, as dataclasses.replace would give (which walks every
        # field: tens of microseconds a document)
        packed = copy.copy(self)
        packed.triples, packed._graph, packed._ntriples = data, None, None
        packed.lines = dict(self.lines) if self.report is None else {}  # the text they are read from goes
        return packed

    def derived_nquads(self) -> bytes:
        """The N-Quads of :attr:`derived` (empty when there are none)."""
        return unpack(self.derived) if self.derived else b""

    def ntriples(self) -> bytes:
        """The document's triples as N-Triples, as pyoxigraph writes them."""
        if isinstance(self.triples, bytes):
            return unpack(self.triples)
        if self._ntriples is None:
            self._ntriples = ox.serialize(self.triples, format=ox.RdfFormat.N_TRIPLES) or b""
        return self._ntriples

    def nquads(self) -> bytes:
        """The document's triples as N-Quads in its named graph (the form the store loads)."""
        nt = self.ntriples()
        # N-Triples ends every statement with " .\n", and escapes line breaks inside literals.
        return nt.replace(b" .\n", b" <" + self.graph_iri.encode() + b"> .\n")


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_documents(
    path: Path,
    *,
    minter: Minter,
    fmt: InputFormat | None = None,
    municipality: str | None = None,
    police_area: str | None = None,
) -> list[Document]:
    """The documents in one file. Raises :class:`InputError` (exit 2) for unusable input."""
    try:
        fmt = detect_format(path, fmt)
    except InputError:
        regular_file(path)  # a missing path (a folder's name mistyped) is "file not found"
        raise
    data = read_bytes(path)
    digest = sha256_of(data)
    where = str(path)
    if not fmt.is_rdf:
        from kg.extract import extract_file  # the extractor is heavy; load it only for text

        result = extract_file(path, minter=minter, municipality=municipality, police_area=police_area)
        return [
            _document(
                quads_of(result.graph),
                where=where,
                minter=minter,
                path=path,
                sha=digest,
                size=len(data),
                fmt=fmt,
            )
        ]
    parsed = parse_quads(data, fmt, where)
    lines: Mapping[str, int] = (
        FirstLines(parsed.text) if fmt in (InputFormat.turtle, InputFormat.trig) else {}
    )
    graphs: list[tuple[list[ox.Quad], bytes | None]]
    if fmt.has_graphs:
        # One document per named graph; system graphs (catalogue, reference, ...) of a dump are
        # not documents and are skipped, the default graph counts when it holds a document.
        graphs = [(g, parsed.ntriples.get(k)) for k, g in parsed.graphs.items() if _holds_document(g)]
        if not graphs:
            raise InputError(
                "inget löfte eller uppföljning i filen / no promise or follow-up in the file",
                where=where,
            )
    else:
        nt = next(iter(parsed.ntriples.values())) if len(parsed.graphs) == len(parsed.ntriples) == 1 else None
        graphs = [(parsed.merged(), nt)]
    docs = [
        _document(
            g,
            where=where,
            minter=minter,
            path=path,
            sha=digest,
            size=len(data),
            fmt=fmt,
            text=parsed.text,
            parsed_notes=parsed.notes,
            ntriples=nt,
        )
        for g, nt in graphs
    ]
    for d in docs:
        d.lines = lines
    return docs


def load_document(
    path: Path,
    *,
    minter: Minter,
    fmt: InputFormat | None = None,
    municipality: str | None = None,
    police_area: str | None = None,
) -> Document:
    """The single document in a file (an error when there are several)."""
    docs = load_documents(path, minter=minter, fmt=fmt, municipality=municipality, police_area=police_area)
    if len(docs) != 1:
        raise InputError(
            f"filen innehåller {len(docs)} dokument / the file holds {len(docs)} documents",
            where=str(path),
        )
    return docs[0]


def _holds_document(quads: Sequence[ox.Quad]) -> bool:
    return any(q.predicate == _TYPE and q.object in (_PROMISE, _FOLLOWUP) for q in quads)


class _Stated:
    """What the document's own node and types say, from one pass over its triples (each triple's
    predicate read once, its subject and object only for the few predicates that count)."""

    def __init__(self, quads: Iterable[ox.Quad]) -> None:
        self.promises: set[object] = set()
        self.followups: set[object] = set()
        self.sources: set[object] = set()
        """What is typed ``mbl:SourceDocument``."""
        self.values: list[tuple[object, ox.NamedNode, object]] = []
        """Every triple of :data:`_READ`, in order."""
        for q in quads:
            p = q.predicate
            if p == _TYPE:
                o = q.object
                if o == _PROMISE:
                    self.promises.add(q.subject)
                elif o == _FOLLOWUP:
                    self.followups.add(q.subject)
                elif o == _SOURCE_DOCUMENT:
                    self.sources.add(q.subject)
            elif p in _READ:
                self.values.append((q.subject, p, q.object))

    def own(self, subject: ox.NamedNode, prefer: str = "") -> dict[ox.NamedNode, Any]:
        """The first object of each predicate the importer reads on the document's own node; of
        a joint promise's several municipalities (and territories) the one whose IRI ends in
        ``prefer`` (``kommun-1983``: the municipality the document's ID is made from)."""
        out: dict[ox.NamedNode, Any] = {}
        for s, p, o in self.values:
            if p in _OWN and s == subject:
                named = isinstance(o, ox.NamedNode) and bool(prefer) and o.value.endswith(prefer)
                if p not in out or (named and p in (_MUNICIPALITY, _SPATIAL)):
                    out[p] = o
        return out

    def names_source(self, subject: ox.NamedNode) -> bool:
        """The node says it was derived from a ``mbl:SourceDocument``."""
        return any(p == _DERIVED_FROM and s == subject and o in self.sources for s, p, o in self.values)


def _document(
    quads: list[ox.Quad],
    *,
    where: str,
    minter: Minter,
    path: Path,
    sha: str,
    size: int,
    fmt: InputFormat,
    text: str | None = None,
    parsed_notes: Sequence[Note] = (),
    ntriples: bytes | None = None,
) -> Document:
    """``ntriples``: ``quads`` as N-Triples, if written already (checking them)."""
    unique = list(dict.fromkeys(quads))  # a triple stated twice in a file is one triple
    if len(unique) != len(quads):
        ntriples = None  # they hold it twice
    quads = unique
    stated = _Stated(quads)
    subject, kind = _main_subject(stated, where=where, minter=minter)
    if (
        kind == "promise"
        and _MUNICIPALITY not in stated.own(subject)
        and not any(n.prop == _MUNICIPALITY.value for n in parsed_notes)  # reported at its line
    ):
        raise InputError(
            "dokumentet namnger ingen kommun / the document names no municipality",
            where=where,
            hint=f"Lägg till mbl:municipality (t.ex. {ox.NamedNode(str(Minter().municipality_org('0580')))})"
            " / add mbl:municipality; for text use 'kg extract --municipality'.",
        )
    notes = parsed_notes if fmt is InputFormat.yamlld else _unfilled(quads, text)
    iri = URIRef(subject.value)
    if ntriples is None or may_hold_blank_nodes(ntriples):
        skolemised = _skolemised(quads, iri)
        if skolemised is not quads:
            quads, stated, ntriples = skolemised, _Stated(skolemised), None
    added = [] if stated.names_source(subject) else _source(subject, name=path.name, sha=sha)
    quads.extend(added)
    if ntriples is not None and added:
        ntriples += ox.serialize(added, format=ox.RdfFormat.N_TRIPLES) or b""
    doc_id = minter.doc_id_of(str(iri))
    code = doc_id.partition("/")[2][:4]  # promise/1983-2024-2025, followup/1983-2024-2025/2024-H1
    own = stated.own(subject, f"kommun-{code}" if code.isdigit() else "")  # not in the quads added
    doc = Document(
        iri=iri,
        doc_id=doc_id,
        kind=kind,
        source=path,
        sha256=sha,
        size=size,
        fmt=fmt,
        graph_iri=str(minter.document_graph(doc_id)),
        triples=quads,
        municipality=_iri(own.get(_MUNICIPALITY)),
        territory=_iri(own.get(_SPATIAL)),
        period=_iri(own.get(_TEMPORAL)),
        follows=_iri(own.get(_FOLLOWS_UP)) if kind == "followup" else None,
        example=isinstance(own.get(_IS_EXAMPLE), ox.Literal)
        and own[_IS_EXAMPLE].value.strip() in ("true", "1"),
        notes=tuple(notes),
    )
    doc._ntriples = ntriples
    return doc


def _iri(term: object) -> str | None:
    return term.value if isinstance(term, ox.NamedNode) else None


def _main_subject(stated: _Stated, *, where: str, minter: Minter) -> tuple[ox.NamedNode, DocumentKind]:
    found: list[tuple[Any, DocumentKind]] = [(s, "promise") for s in stated.promises] + [
        (s, "followup") for s in stated.followups
    ]
    if not found:
        raise InputError(
            "inget medborgarlöfte (mbl:CitizenPromise) eller uppföljning (mbl:FollowUp) i dokumentet"
            " / no citizen promise or follow-up in the document",
            where=where,
            hint="Se examples/ för ett komplett löfte / see examples/ for a complete promise.",
        )
    if len(found) > 1:
        names = ", ".join(sorted(s.value for s, _ in found))
        raise InputError(
            f"ett dokument per fil, hittade {len(found)} / one document per file, found {len(found)}"
            f": {names}",
            where=where,
            hint="Dela upp filen, eller lägg varje dokument i en egen namngiven graf (TriG)"
            " / split the file, or put each document in its own named graph (TriG).",
        )
    subject, kind = found[0]
    if not isinstance(subject, ox.NamedNode):
        raise InputError("löftet saknar IRI / the promise has no IRI (it is a blank node)", where=where)
    expected = f"{minter.base}id/{kind}/"
    if not subject.value.startswith(expected) or len(subject.value) == len(expected):
        raise InputError(
            f"löftets IRI ska börja med / the document IRI must start with {expected}: {subject.value}",
            where=where,
            hint="T.ex. / e.g. " + expected + "0580-2023-2024 (kommunkod-period)",
        )
    return subject, kind


def _skolemise(graph: Graph, iri: URIRef) -> Graph:
    """Blank nodes replaced by IRIs under the document, labelled canonically (deterministic)."""
    if not any(isinstance(t, BNode) for triple in graph for t in triple):
        return graph
    canonical = to_canonical_graph(graph)
    out = Graph()
    prefix = f"{iri}/genid/"

    def fix(t: Any) -> Any:
        return URIRef(prefix + str(t)) if isinstance(t, BNode) else t

    for s, p, o in canonical:
        out.add((fix(s), p, fix(o)))
    return out


def _skolemised(quads: list[ox.Quad], iri: URIRef) -> list[ox.Quad]:
    """:func:`_skolemise` on quads: unchanged (the same list) when there is no blank node."""
    if not any(isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) for q in quads):
        return quads
    return quads_of(_skolemise(graph_of(quads), iri))


def _source(iri: ox.NamedNode, *, name: str, sha: str) -> list[ox.Quad]:
    """The triples naming the file the document came from (for a document that does not name
    its source)."""
    src = ox.NamedNode(f"{iri.value}/source")
    return [
        ox.Quad(iri, _DERIVED_FROM, src),
        ox.Quad(src, _TYPE, _SOURCE_DOCUMENT),
        ox.Quad(src, _TITLE, ox.Literal(name)),
        ox.Quad(src, _SHA256, ox.Literal(sha)),
    ]


def _unfilled(quads: Sequence[ox.Quad], text: str | None = None) -> tuple[Note, ...]:
    """A note for every value that still holds the template's marker (a YAML-LD source has its
    own, with the key's line: :mod:`kg.documents.yaml_read`)."""
    # ("\\" first: one character is found faster than two, and most texts have no backslash)
    escapes = text is None or ("\\" in text and ("\\u" in text or "\\U" in text))
    if text is not None and FILL_IN not in text and not escapes:
        return ()  # the marker is not in the source text (nor hidden behind an escape): nothing to scan
    out: list[Note] = []
    for q in quads:
        for term in (q.subject, q.predicate, q.object):
            value = term.value  # type: ignore[union-attr]
            if FILL_IN in value:
                shown = str(term) if isinstance(term, ox.Literal) else None
                node = q.subject.value if isinstance(q.subject, ox.NamedNode) else None
                out.append(Note(UNFILLED, value[:200], node, q.predicate.value, shown))
                break
    return tuple(out)
