"""A document's identity across imports.

* :func:`same_graph`: a file that states exactly the triples stored for its document (a YAML-LD
  twin of the Turtle file that was imported) changes nothing: the import reports it unchanged.
* :func:`refuse_duplicates`: two files of one import that describe the same document are both
  refused, with the message saying to import one of them.
* :func:`moved_documents`: a file whose document now has another identity than the one it
  imported before (its period changed, so ``promise/0480-2025-2026`` became
  ``promise/0480-2025-2027``) would leave two overlapping promises from one source. It is
  refused with a message that says what to do, or, with ``kg import --replace``, the document it
  imported before is removed in the same transaction as the new one is written. A promise with
  follow-ups is never replaced that way: they would be left without their promise.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.errors import InputError
from kg.ingest.files import RealPaths
from kg.iris import Minter
from kg.store.catalogue import Record, find_record, followups_of
from kg.store.core import GraphStore

if TYPE_CHECKING:
    from kg.documents.load import Document
    from kg.ingest.importer import Outcome
    from kg.ingest.unchanged import StoredRecord
    from kg.validation.report import ValidationReport


def same_graph(store: GraphStore, doc: Document) -> bool:
    """The store's graph of the document holds the document's triples, apart from the file they
    were read from: the source node ``<document>/source`` the loader adds for a file that names
    no source of its own (its file name and SHA-256)."""
    source = ox.NamedNode(f"{doc.iri}/source")

    def content(quads: Iterable[ox.Quad]) -> set[ox.Triple]:
        return {
            ox.Triple(q.subject, q.predicate, q.object) for q in quads if source not in (q.subject, q.object)
        }

    return content(store.quads(doc.graph_iri)) == content(doc.quads)


def moved_documents(
    valid: list[tuple[Document, ValidationReport]],
    outcomes: list[Outcome],
    store: GraphStore,
    minter: Minter,
    records: Mapping[str, StoredRecord],
    replace: bool,
) -> dict[str, list[Record]]:
    """For each valid document new to the store whose file imported another document of its kind
    before: with ``replace``, that document (to remove with the new one's write); without, the
    file is taken out of ``valid`` and reported as an error that says how to go on."""
    from kg.ingest.importer import Outcome, Status

    written = {doc.doc_id for doc, _ in valid}
    by_source: dict[str, list[StoredRecord]] = {}
    for rec in records.values():
        by_source.setdefault(rec.source, []).append(rec)
    out: dict[str, list[Record]] = {}
    real = RealPaths()
    for i in reversed(range(len(valid))):
        doc, _report = valid[i]
        if str(minter.record(doc.doc_id)) in records:
            continue  # the document is in the store: an ordinary update
        before = [
            r
            for r in by_source.get(real(doc.source), [])
            if r.kind == doc.kind and r.doc_id != doc.doc_id and r.doc_id not in written
        ]
        if not before:
            continue
        olds = [found for r in before if (found := find_record(store, minter, r.doc_id)) is not None]
        error = _refusal(doc, olds, store, minter, replace)
        if error is None:
            out[doc.doc_id] = olds
            continue
        valid.pop(i)
        outcomes.append(Outcome(doc.source, Status.error, doc.doc_id, message=str(error), error=error))
    return out


def _refusal(
    doc: Document, olds: Sequence[Record], store: GraphStore, minter: Minter, replace: bool
) -> InputError | None:
    names = ", ".join(r.doc_id for r in olds)
    followups = [f.doc_id for r in olds for f in followups_of(store, minter, r)]
    if replace and not followups:
        return None
    what = (
        f"filen importerade tidigare {names}; nu beskriver den {doc.doc_id} (en annan period?), och"
        f" båda skulle ligga kvar / the file imported {names} before; it now describes {doc.doc_id}"
        " (another period?), and both would stay"
    )
    if followups:
        listed = ", ".join(followups)
        return InputError(
            what,
            where=str(doc.source),
            hint=f"{names} har uppföljningar ({listed}) som skulle bli utan löfte. Ta bort dem med"
            f" 'kg remove {olds[0].doc_id} --cascade' och importera igen, eller spara den nya"
            f" versionen i en egen fil / {names} has follow-ups ({listed}) that would lose their"
            f" promise: remove them with 'kg remove {olds[0].doc_id} --cascade' and import again, or"
            " save the new version as a file of its own.",
        )
    return InputError(
        what,
        where=str(doc.source),
        hint=f"Ersätt {names} med 'kg import --replace {doc.source}' (i samma transaktion), eller"
        " spara den nya versionen i en egen fil för att behålla båda / replace it with"
        f" 'kg import --replace {doc.source}' (in the same transaction), or save the new version"
        " as a file of its own to keep both.",
    )


def refuse_duplicates(docs: list[Document], outcomes: list[Outcome]) -> None:
    """Two files in one import that describe the same document: both are refused."""
    from kg.ingest.importer import Outcome, Status

    by_id: dict[str, list[int]] = {}
    for i, doc in enumerate(docs):
        by_id.setdefault(doc.doc_id, []).append(i)
    dupes = {i for idx in by_id.values() if len(idx) > 1 for i in idx}
    for i in sorted(dupes, reverse=True):
        doc = docs.pop(i)
        others = ", ".join(str(d.source) for d in docs if d.doc_id == doc.doc_id)
        err = InputError(
            f"samma dokument {doc.doc_id} finns i flera filer / the same document is in several files"
            + (f" (also {others})" if others else ""),
            where=str(doc.source),
            hint="Importera en av filerna: ange den, eller flytta de andra ur mappen "
            "/ import one of the files: name it, or move the others out of the folder.",
        )
        outcomes.append(Outcome(doc.source, Status.error, doc.doc_id, message=str(err), error=err))


__all__ = ["moved_documents", "refuse_duplicates", "same_graph"]
