"""The catalogue record and first revision node of a document new to the store, as N-Quads text.

:func:`kg.store.catalogue.record_change` builds a record quad by quad, each term a pyoxigraph
object made in Python, and the importer's serial write then serialised them to N-Quads for the
bulk loader: about a fifth of that write's CPU. For a document new to the store (no previous
record: revision 1, first issued now) every quad is known once the document is validated and
the import's moment and validation context are fixed (both before reading starts), so the worker
that validates the document writes them here, as text, and the write only appends them
(:attr:`kg.documents.load.Document.record`). :func:`new_record_nquads` writes exactly the quads
``record_change(previous=None, document_counts=...)`` inserts without derived facts (a test
compares both, term for term, over awkward values: ``tests/unit/test_record_nquads.py``).

Every IRI and string literal goes through pyoxigraph's own term (checked, escaped as its
serialiser escapes it); only the constant parts and the numbers are plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg import __version__
from kg.documents.codec import unpack
from kg.iris import Minter
from kg.namespaces import OX
from kg.store.catalogue import ID_PREFIX, RecordFields
from kg.store.history import DocumentCounts, count_document, revision_iri, to_the_second

if TYPE_CHECKING:
    from kg.documents.load import Document

MBL, DCT, DCAT, FOAF, XSD = OX.mbl, OX.dct, OX.dcat, OX.foaf, OX.xsd
_TYPE = str(OX.rdf.type)
_INT = f"^^{XSD.integer}"
_VERSION = str(ox.Literal(__version__))
# The record's predicates, in the order of kg.store.catalogue.record_change.
(
    _IDENTIFIER, _ID_PREFIX_P, _TOPIC, _NAMED_GRAPH, _KIND, _SOURCE, _TITLE, _SHA, _SIZE,
    _ISSUED, _MODIFIED, _REVISION, _TOOL, _VIOLATIONS, _WARNINGS, _INFOS,
    _MUNICIPALITY, _SPATIAL, _TEMPORAL, _CONTEXT, _EXAMPLE,
) = (
    str(p)
    for p in (
        DCT.identifier, MBL.idPrefix, FOAF.primaryTopic, MBL.namedGraph, DCT.type, DCT.source,
        DCT.title, MBL.sha256, DCAT.byteSize, DCT.issued, DCT.modified, MBL.revision,
        MBL.toolVersion, MBL.violations, MBL.warnings, MBL.infos, MBL.municipality, DCT.spatial,
        DCT.temporal, MBL.validationContext, MBL.isExample,
    )
)  # fmt: skip
_RECORD_TYPE = f"{_TYPE} {DCAT.CatalogRecord}"
_CATALOGUE_TYPE = f"{_TYPE} {DCAT.Catalog}"
_HAS_RECORD = str(DCAT.record)
_TRUE = f'"true"^^{XSD.boolean}'
_ONE = f'"1"{_INT}'
# The revision node's count predicates, in the order of kg.store.history.revision_quads.
_REVISION_TYPE = f"{_TYPE} {MBL.RecordRevision}"
_REVISION_OF = str(MBL.revisionOf)
_DOCUMENT_COUNTS = tuple(
    str(p)
    for p in (
        MBL.assumptionCount,
        MBL.activityCount,
        MBL.activitiesWithActor,
        MBL.activitiesWithFrequency,
        MBL.activitiesWithType,
    )
)


def _text(value: str) -> str:
    return str(ox.Literal(value))


def _iri(value: str) -> str:
    return str(ox.NamedNode(value))


def _int(value: int) -> str:
    return f'"{int(value)}"{_INT}'


def new_record_nquads(
    minter: Minter, fields: RecordFields, *, document_counts: DocumentCounts, moment: str
) -> bytes:
    """The N-Quads of a new document's record (revision 1, issued and modified at ``moment`` to
    the second), its catalogue's two statements and the node of its first revision (modified at
    ``moment`` as given)."""
    f = fields
    doc_id, counts = f.doc_id, f.counts
    stamp = str(ox.Literal(to_the_second(moment), datatype=XSD.dateTime))
    graph = f" {_iri(minter.graph_iri('catalogue'))} .\n"
    rec = _iri(minter.id_iri(f"record/{doc_id}"))
    severities = (
        (_VIOLATIONS, _int(counts.get("violation", 0))),
        (_WARNINGS, _int(counts.get("warning", 0))),
        (_INFOS, _int(counts.get("info", 0))),
    )
    pairs = [
        (_IDENTIFIER, _text(doc_id)),
        (_ID_PREFIX_P, _text(doc_id[:ID_PREFIX])),
        (_TOPIC, _iri(f.document)),
        (_NAMED_GRAPH, _iri(minter.graph_iri(doc_id))),
        (_KIND, _text(f.kind)),
        (_SOURCE, _text(f.source)),
        (_TITLE, _text(f.file_name)),
        (_SHA, _text(f.sha256)),
        (_SIZE, _int(f.size)),
        (_ISSUED, stamp),
        (_MODIFIED, stamp),
        (_REVISION, _ONE),
        (_TOOL, _VERSION),
        *severities,
    ]
    if f.municipality:
        pairs.append((_MUNICIPALITY, _iri(f.municipality)))
    if f.territory:
        pairs.append((_SPATIAL, _iri(f.territory)))
    if f.period:
        pairs.append((_TEMPORAL, _iri(f.period)))
    if f.context:
        pairs.append((_CONTEXT, _text(f.context)))
    if f.example:
        pairs.append((_EXAMPLE, _TRUE))
    catalogue = _iri(minter.id_iri("catalogue"))
    lines = [f"{rec} {_RECORD_TYPE}{graph}"]
    lines.extend(f"{rec} {p} {o}{graph}" for p, o in pairs)
    lines.append(f"{catalogue} {_CATALOGUE_TYPE}{graph}")
    lines.append(f"{catalogue} {_HAS_RECORD} {rec}{graph}")
    node = _iri(revision_iri(minter, doc_id, 1))
    d = document_counts
    revision = [
        (_REVISION_OF, rec),
        (_REVISION, _ONE),
        (_MODIFIED, str(ox.Literal(moment, datatype=XSD.dateTime))),
        *severities,
        *zip(
            _DOCUMENT_COUNTS,
            (_int(n) for n in (d.assumptions, d.activities, d.with_actor, d.with_frequency, d.with_type)),
            strict=True,
        ),
    ]
    lines.append(f"{node} {_REVISION_TYPE}{graph}")
    lines.extend(f"{node} {p} {o}{graph}" for p, o in revision)
    return "".join(lines).encode()


def document_record(
    minter: Minter, doc: Document, counts: dict[str, int], *, source: str, context: str, moment: str
) -> bytes:
    """:func:`new_record_nquads` of a document new to the store, validated with ``counts``
    (:meth:`kg.validation.report.ValidationReport.counts`), read from ``source`` (its real path,
    :class:`kg.ingest.files.RealPaths`)."""
    return new_record_nquads(
        minter,
        RecordFields.of(doc, counts, source=source, context=context),
        document_counts=doc.counts or count_document(doc.quads),
        moment=moment,
    )


def new_record(
    minter: Minter,
    doc: Document,
    counts: dict[str, int],
    real: Callable[[Path], str],
    context: str,
    moment: str,
) -> bytes:
    """The N-Quads of the record of ``doc``, new to the store, validated with ``counts``: the ones
    its worker wrote (:attr:`kg.documents.load.Document.record`) when it wrote them with those
    counts (a follow-up validated again in the importer's process with a promise from elsewhere
    may not have them), else written now. ``real``: a file's real path
    (:class:`kg.ingest.files.RealPaths`); ``context`` and ``moment`` the import's, the ones its
    workers were given."""
    if doc.record is not None and doc.record[0] == counts:
        return unpack(doc.record[1])
    return document_record(minter, doc, counts, source=real(doc.source), context=context, moment=moment)
