"""The catalogue graph: one DCAT record per imported document, with its provenance.

A record (``id/record/<doc_id>``, a ``dcat:CatalogRecord`` in ``graph/catalogue``) says where
the document came from (file, SHA-256, size), when it was first imported and last changed, by
which version of kg, how validation went (counts per severity), and the municipality and
period it covers. It is written in the same transaction as the document's graph. It also holds
``mbl:idPrefix``, the identifier's first :data:`ID_PREFIX` characters: not source data but a sort
index for the catalogue listing (:mod:`kg.query.catalogue_page`), written, replaced and removed
with the record.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg import __version__
from kg.errors import DocumentNotFound, InputError
from kg.iris import Minter
from kg.namespaces import OX, sparql_prefixes
from kg.sparql_text import bound_query
from kg.store.core import ChangeSet, GraphStore
from kg.store.derived_kinds import derived_quads, derived_subjects
from kg.store.history import DocumentCounts, revision_quads, revision_subjects, to_the_second

if TYPE_CHECKING:
    from kg.documents.load import Document

MBL, DCT, DCAT, FOAF, XSD = OX.mbl, OX.dct, OX.dcat, OX.foaf, OX.xsd
RDF_TYPE = OX.rdf.type
ID_PREFIX = 15
"""Characters of a record's identifier written as its ``mbl:idPrefix``: strings of up to 15
bytes are stored inline in Oxigraph's indexes, so comparing them decodes nothing (a sort index
for the catalogue listing, :mod:`kg.query.catalogue_page`)."""


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD.integer)


def _datetime(value: str) -> ox.Literal:
    return ox.Literal(value, datatype=XSD.dateTime)


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def import_moment() -> str:
    """Now, to the microsecond (``2026-01-02T10:11:12.345678Z``): an import's moment, written on
    the revision node of every document it writes (:mod:`kg.store.history`)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass
class Record:
    """What the catalogue says about one document."""

    doc_id: str
    document: str
    graph: str
    kind: str
    title: str | None
    source: str
    file_name: str
    sha256: str
    size: int
    issued: str
    modified: str
    revision: int
    tool_version: str
    violations: int
    warnings: int
    infos: int
    municipality: str | None = None
    municipality_code: str | None = None
    start: str | None = None
    end: str | None = None
    triples: int | None = None
    example: bool = False
    """A made-up example (``mbl:isExample true``): left out of answers unless asked for."""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class RecordFields:
    """What a record written by an import states about its document: the values that
    :func:`record_change` (quad by quad) and :func:`kg.store.record_nquads.new_record_nquads` (as
    text) both write; the record's revision, dates and tool version are theirs to work out."""

    doc_id: str
    document: str
    kind: str
    source: str
    """The file it was read from (its real path)."""
    file_name: str
    sha256: str
    size: int
    counts: dict[str, int]
    """Validation findings per severity (:meth:`kg.validation.report.ValidationReport.counts`)."""
    municipality: str | None
    territory: str | None
    period: str | None
    example: bool = False
    context: str | None = None
    """The validation context (:func:`kg.ingest.unchanged.validation_context`)."""

    @classmethod
    def of(cls, doc: Document, counts: dict[str, int], *, source: str, context: str | None) -> RecordFields:
        """The fields of a loaded document validated with ``counts``, read from ``source``."""
        return cls(
            doc_id=doc.doc_id,
            document=str(doc.iri),
            kind=doc.kind,
            source=source,
            file_name=doc.source.name,
            sha256=doc.sha256,
            size=doc.size,
            counts=counts,
            municipality=doc.municipality,
            territory=doc.territory,
            period=doc.period,
            example=doc.example,
            context=context,
        )


def catalogue_iri(minter: Minter) -> str:
    return str(minter.id("catalogue"))


def record_change(
    minter: Minter,
    fields: RecordFields,
    *,
    previous: Record | None,
    timestamp: str | None = None,
    document_counts: DocumentCounts | None = None,
    derived: object | None = None,
) -> ChangeSet:
    """The catalogue part of an import: delete the old record, insert the new one; with
    ``document_counts``, also the node of this revision (:mod:`kg.store.history`); with
    ``derived`` (the document's derived facts: a follow-up's, :mod:`kg.store.followup_facts`, or a
    promise's, :mod:`kg.store.promise_facts`), their node (every kind's node of the old record is
    always deleted with it: :mod:`kg.store.derived_kinds`). ``timestamp``:
    the import's moment (:func:`import_moment`, one for all the documents of an import); the
    record says it to the second, the revision node as given."""
    f = fields
    doc_id, counts, sha256 = f.doc_id, f.counts, f.sha256
    moment = timestamp or import_moment()
    stamp = to_the_second(moment)
    cat = _n(str(minter.catalogue_graph))
    rec = _n(str(minter.record(doc_id)))
    catalogue = _n(catalogue_iri(minter))
    revision = 1 if previous is None else previous.revision + (previous.sha256 != sha256)
    issued = previous.issued if previous else stamp
    triples: list[tuple[ox.NamedNode, ox.NamedNode | ox.Literal]] = [
        (RDF_TYPE, DCAT.CatalogRecord),
        (DCT.identifier, ox.Literal(doc_id)),
        (MBL.idPrefix, ox.Literal(doc_id[:ID_PREFIX])),
        (FOAF.primaryTopic, _n(f.document)),
        (MBL.namedGraph, _n(str(minter.document_graph(doc_id)))),
        (DCT.type, ox.Literal(f.kind)),
        (DCT.source, ox.Literal(f.source)),
        (DCT.title, ox.Literal(f.file_name)),
        (MBL.sha256, ox.Literal(sha256)),
        (DCAT.byteSize, _int(f.size)),
        (DCT.issued, _datetime(issued)),
        (DCT.modified, _datetime(stamp)),
        (MBL.revision, _int(revision)),
        (MBL.toolVersion, ox.Literal(__version__)),
        (MBL.violations, _int(counts.get("violation", 0))),
        (MBL.warnings, _int(counts.get("warning", 0))),
        (MBL.infos, _int(counts.get("info", 0))),
    ]
    if f.municipality:
        triples.append((MBL.municipality, _n(f.municipality)))
    if f.territory:
        triples.append((DCT.spatial, _n(f.territory)))
    if f.period:
        triples.append((DCT.temporal, _n(f.period)))
    if f.context:
        triples.append((MBL.validationContext, ox.Literal(f.context)))
    if f.example:
        triples.append((MBL.isExample, ox.Literal("true", datatype=XSD.boolean)))
    quads = [ox.Quad(rec, p, o, cat) for p, o in triples]
    quads.append(ox.Quad(catalogue, RDF_TYPE, DCAT.Catalog, cat))
    quads.append(ox.Quad(catalogue, DCAT.record, rec, cat))
    deleted = [(cat.value, rec.value), *derived_subjects(minter, doc_id)]
    if document_counts is not None:
        node, history = revision_quads(minter, doc_id, revision, moment, counts, document_counts)
        deleted.append((cat.value, node))
        quads.extend(history)
    quads.extend(derived_quads(minter, doc_id, derived))
    return ChangeSet(delete_subjects=deleted, insert=quads)


# The record's optional parts are correlated with ?rec (always bound), so Oxigraph looks them up
# per record instead of scanning every period and title of the store (4.0 -> 1.5 s for 2,320
# records). The catalogue graph and, for one document, the record are written into the query as
# constants (serialised pyoxigraph terms, never user text): Oxigraph plans constants, but not
# substituted variables or VALUES, into its joins (one record: 70-200 ms -> 2 ms at national scale).
_RECORDS = (
    sparql_prefixes("mbl", "dct", "dcat", "foaf", "skos")
    + """
SELECT ?rec ?id ?doc ?graph ?kind ?source ?file ?sha ?size ?issued ?modified ?rev ?tool
       ?v ?w ?i ?muni ?code ?start ?end ?title ?example WHERE {
  GRAPH ?cat {
    ?rec a dcat:CatalogRecord ; dct:identifier ?id ; foaf:primaryTopic ?doc ; mbl:namedGraph ?graph ;
         dct:type ?kind ; dct:source ?source ; dct:title ?file ; mbl:sha256 ?sha ; dcat:byteSize ?size ;
         dct:issued ?issued ; dct:modified ?modified ; mbl:revision ?rev ; mbl:toolVersion ?tool ;
         mbl:violations ?v ; mbl:warnings ?w ; mbl:infos ?i .
  }
  OPTIONAL { GRAPH ?cat { ?rec mbl:municipality ?muni } OPTIONAL { ?muni skos:notation ?code } }
  OPTIONAL { GRAPH ?cat { ?rec dct:temporal ?period } ?period dcat:startDate ?start ; dcat:endDate ?end }
  OPTIONAL { ?doc dct:title ?title }
  OPTIONAL { GRAPH ?cat { ?rec mbl:isExample ?example } }
}
ORDER BY ?id
"""
)


_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`]')


def _records(store: GraphStore, minter: Minter, doc_id: str | None = None) -> list[Record]:
    values = {"cat": _n(str(minter.catalogue_graph))}
    if doc_id is not None:
        if _NOT_IN_IRI.search(doc_id):  # cannot be part of an IRI, so not a document of this store
            return []
        values["rec"] = _n(str(minter.record(doc_id)))
    query = bound_query(_RECORDS, values)
    out: list[Record] = []
    seen: set[str] = set()
    for row in store.query(query):
        ident = row["id"].value if doc_id is None else doc_id
        if ident in seen:
            continue
        seen.add(ident)

        def opt(name: str, row: ox.QuerySolution = row) -> str | None:
            term = row[name]
            return term.value if term is not None else None

        out.append(
            Record(
                doc_id=ident,
                document=row["doc"].value,
                graph=row["graph"].value,
                kind=row["kind"].value,
                title=opt("title"),
                source=row["source"].value,
                file_name=row["file"].value,
                sha256=row["sha"].value,
                size=int(row["size"].value),
                issued=row["issued"].value,
                modified=row["modified"].value,
                revision=int(row["rev"].value),
                tool_version=row["tool"].value,
                violations=int(row["v"].value),
                warnings=int(row["w"].value),
                infos=int(row["i"].value),
                municipality=opt("muni"),
                municipality_code=opt("code"),
                start=opt("start"),
                end=opt("end"),
                example=opt("example") in ("true", "1"),
            )
        )
    return out


def list_records(store: GraphStore, minter: Minter) -> list[Record]:
    """Every document in the catalogue, ordered by ID."""
    return _records(store, minter)


def find_record(store: GraphStore, minter: Minter, doc_id: str) -> Record | None:
    return next(iter(_records(store, minter, normalise_id(minter, doc_id))), None)


def get_record(store: GraphStore, minter: Minter, doc_id: str) -> Record:
    """One document's record, with its triple count; :class:`DocumentNotFound` if absent."""
    rec = find_record(store, minter, doc_id)
    if rec is None:
        known = [r.doc_id for r in list_records(store, minter)]
        hint = "Se 'kg documents' / see 'kg documents'."
        near = [k for k in known if doc_id.split("/")[-1] in k]
        if near:
            hint = "Menade du / did you mean: " + ", ".join(near[:3])
        raise DocumentNotFound(f"inget dokument med ID / no document with ID {doc_id!r}", hint=hint)
    rec.triples = store.count(rec.graph)
    return rec


def normalise_id(minter: Minter, doc_id: str) -> str:
    """Accept ``promise/0580-2023-2024``, the document IRI, its graph IRI or its record IRI."""
    for prefix in (f"{minter.base}id/record/", f"{minter.base}id/", f"{minter.base}graph/"):
        if doc_id.startswith(prefix):
            return doc_id[len(prefix) :]
    return doc_id.strip("/")


def removal_change(minter: Minter, record: Record) -> ChangeSet:
    """Drop a document's graph and its catalogue record with its revisions and its derived
    summary or facts, in one transaction."""
    cat = _n(str(minter.catalogue_graph))
    rec = _n(str(minter.record(record.doc_id)))
    return ChangeSet(
        drop=[record.graph],
        delete_subjects=[
            (cat.value, rec.value),
            *derived_subjects(minter, record.doc_id),
            *revision_subjects(minter, record.doc_id, record.revision),
        ],
        delete=[ox.Quad(_n(catalogue_iri(minter)), DCAT.record, rec, cat)],
    )


_FOLLOWUPS = sparql_prefixes("mbl") + "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?f mbl:followsUp ?promise } }"


def followups_of(store: GraphStore, minter: Minter, record: Record) -> list[Record]:
    """The follow-ups in the store that follow up the document of ``record`` (a promise)."""
    if record.kind != "promise":
        return []
    prefix = str(minter.graph(""))
    out = []
    for row in store.query(bound_query(_FOLLOWUPS, {"promise": _n(record.document)})):
        graph = row["g"].value
        found = find_record(store, minter, graph[len(prefix) :]) if graph.startswith(prefix) else None
        if found is not None:
            out.append(found)
    return sorted(out, key=lambda r: r.doc_id)


def remove_document(store: GraphStore, minter: Minter, doc_id: str, *, cascade: bool = False) -> list[Record]:
    """Remove a document and its record, in one transaction; the removed records, the document
    first. A promise with follow-ups is refused naming them, unless ``cascade``: then they go in
    the same transaction (a follow-up without its promise would be refused by every import)."""
    record = get_record(store, minter, doc_id)
    followups = followups_of(store, minter, record)
    if followups and not cascade:
        names = ", ".join(f.doc_id for f in followups)
        raise InputError(
            f"löftet {record.doc_id} har {len(followups)} uppföljning(ar): {names}; de skulle stå kvar"
            f" utan sitt löfte / the promise has {len(followups)} follow-up(s): {names}; they would be"
            " left without their promise",
            hint=f"Ta bort dem först, eller ange --cascade för att ta bort dem i samma transaktion"
            f" / remove them first, or give --cascade to remove them in the same transaction:"
            f" kg remove {record.doc_id} --cascade",
        )
    change = removal_change(minter, record)
    for f in followups:
        more = removal_change(minter, f)
        change.drop += more.drop
        change.delete_subjects += more.delete_subjects
        change.delete += more.delete
    store.apply(change)
    return [record, *followups]
