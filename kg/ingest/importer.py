"""Validated, atomic import: file → documents → validation → one transaction per document.

Nothing invalid gets in and nothing valid gets lost:

* every document is validated on its own graph (plus the reference data it points to) before
  anything is written; documents are read and validated in batches, in worker processes when there
  are many files (:mod:`kg.ingest.prepare`; the outcome is the same as in one process), and kept as
  compressed N-Triples until they are written, so memory stays small;
* by default an import is all or nothing: if one file is unreadable or one document does not
  conform, nothing is written (``keep_going=True`` writes the valid ones and reports the rest);
* each document and its catalogue record are written in one transaction, replacing the
  document's previous version (several documents share one atomic write, never a part of one); a
  document whose file has not changed is left as it is, so importing the same files twice gives
  the same store, byte for byte;
* a file whose bytes and validation context are those of its catalogue record is reported
  unchanged without being read or validated again (:mod:`kg.ingest.unchanged`); when the context
  changed (shapes, ontology, vocabularies, reference data, kg's version), every file is validated
  again and the summary says why;
* the report of a document that does not conform is kept in the store's quarantine folder (as
  text and Turtle) so the steward can fix the file and retry;
* a follow-up is validated together with the promise it follows up, taken from the same import
  or else from the store (:func:`kg.authoring.followup.context_for`): where its promise was read
  (the same worker's files) or, when the promise is elsewhere, once all files are read; a
  follow-up whose promise is in neither is an error naming the promise
  (:class:`kg.errors.PromiseNotFound`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.documents.formats import InputFormat
from kg.errors import KgError, PromiseNotFound
from kg.ingest.bulk import NewDocument, compact, load_new
from kg.ingest.files import RealPaths, expand_paths
from kg.ingest.identity import moved_documents, refuse_duplicates, same_graph
from kg.ingest.quarantine import write_quarantine
from kg.ingest.unchanged import StoredRecord, recheck, split_unchanged, stored_records
from kg.iris import Minter
from kg.store.catalogue import Record, RecordFields, find_record, import_moment, record_change, removal_change
from kg.store.core import ChangeSet, GraphStore, OxigraphStore
from kg.store.derived_kinds import document_facts
from kg.store.history import count_document
from kg.store.system import ensure_system_graphs
from kg.validation.fingerprint import import_context, validator_digest
from kg.validation.severity import Severity

if TYPE_CHECKING:  # the readers, rdflib and pySHACL are loaded only when a file is read
    from kg.documents.load import Document
    from kg.validation.validator import ValidationReport, Validator


class Status(StrEnum):
    """What happened to one file (or document) in an import."""

    imported = "imported"
    updated = "updated"
    unchanged = "unchanged"
    valid = "valid"
    """validated only (dry run)"""
    invalid = "invalid"
    error = "error"
    skipped = "skipped"
    """valid, but not written because another file failed (all-or-nothing)"""


@dataclass
class Outcome:
    """The result for one document, or for a file that yielded none."""

    path: Path
    status: Status
    doc_id: str | None = None
    message: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    report: ValidationReport | None = None
    quarantine: Path | None = None
    error: KgError | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "status": self.status.value,
            "document": self.doc_id,
            "message": self.message,
            "counts": self.counts,
            "quarantine": str(self.quarantine) if self.quarantine else None,
        }


def default_workers() -> int:
    """The number of worker processes ``kg import`` starts by default, when files must be read:
    one per CPU (no worker starts when every file is unchanged)."""
    return os.cpu_count() or 1


@dataclass
class ImportOptions:
    fmt: InputFormat | None = None
    fail_on: Severity = Severity.violation
    keep_going: bool = False
    dry_run: bool = False
    municipality: str | None = None
    police_area: str | None = None
    quarantine: Path | None = None
    batch_size: int = 64
    """Files read and validated together (one task of a worker, one validation batch)."""
    workers: int = 1
    """Worker processes for reading and validation (1: all in this process; ``kg import`` uses
    :func:`default_workers`). A script that asks for workers must guard its own code
    with ``if __name__ == "__main__":``, as for any use of :mod:`multiprocessing`."""
    write_batch: int = 256
    """Documents written together in one atomic write."""
    write_threads: int | None = None
    """Bulk loads of new documents written at once (None: :func:`kg.ingest.bulk.load_threads`,
    two where there are two CPUs)."""
    replace: bool = False
    """A file whose document now has another identity (its period changed) replaces the document
    that file imported before, in the same transaction; without it such a file is refused."""
    refuse_duplicates: bool = True
    """Two files that describe the same document are both refused (an import could not tell which
    to keep). ``kg validate`` turns this off: a steward may compare two versions of one file."""


@dataclass
class ImportSummary:
    outcomes: list[Outcome]
    notes: list[str] = field(default_factory=list)
    """Lines for the steward about the import as a whole (why unchanged files were validated)."""

    def count(self, *statuses: Status) -> int:
        return sum(1 for o in self.outcomes if o.status in statuses)

    @property
    def has_errors(self) -> bool:
        return self.count(Status.error) > 0

    @property
    def has_invalid(self) -> bool:
        return self.count(Status.invalid) > 0

    @property
    def written(self) -> int:
        return self.count(Status.imported, Status.updated)

    def as_dict(self) -> dict[str, object]:
        return {
            "files": len({o.path for o in self.outcomes}),
            "imported": self.count(Status.imported),
            "updated": self.count(Status.updated),
            "unchanged": self.count(Status.unchanged),
            "valid": self.count(Status.valid),
            "invalid": self.count(Status.invalid),
            "errors": self.count(Status.error),
            "skipped": self.count(Status.skipped),
            "notes": self.notes,
            "outcomes": [o.as_dict() for o in self.outcomes],
        }


ProgressCallback = Callable[[int], None]
NOT_WRITTEN = "inte skrivet / not written"


def import_paths(
    paths: Sequence[str | Path],
    *,
    store: GraphStore,
    minter: Minter,
    validator: Validator | None = None,
    options: ImportOptions | None = None,
    progress: ProgressCallback | None = None,
) -> ImportSummary:
    """Import files into ``store``; see the module docstring for the guarantees.

    ``paths``: files, folders and glob patterns (:func:`kg.ingest.files.expand_paths`).
    ``validator`` None: the bundled one (:func:`kg.validation.validator.default_validator`),
    built only when a document has been read and must be validated (an import of unchanged or
    unreadable files never builds it)."""
    files = expand_paths(paths)
    return import_files(
        files, store=store, minter=minter, validator=validator, options=options, progress=progress
    )


def import_files(
    files: Sequence[Path],
    *,
    store: GraphStore,
    minter: Minter,
    validator: Validator | None = None,
    options: ImportOptions | None = None,
    progress: ProgressCallback | None = None,
) -> ImportSummary:
    """:func:`import_paths` of the files :func:`kg.ingest.files.expand_paths` gave (a caller
    that has counted them for a progress bar does not walk the folders twice)."""
    opts = options or ImportOptions()
    if not opts.dry_run:
        ensure_system_graphs(store, minter)
    outcomes: list[Outcome] = []
    docs: list[Document] = []
    # A dry run writes no record, so it needs neither the context nor the catalogue.
    context = (
        ""
        if opts.dry_run
        else import_context(
            validator_digest(validator),
            fmt=opts.fmt,
            municipality=opts.municipality,
            police_area=opts.police_area,
        )
    )
    records = {} if opts.dry_run else stored_records(store, minter)
    # one for the whole import: its documents' revisions make one history point (a dry run: none)
    moment = "" if opts.dry_run else import_moment()
    split = split_unchanged(
        files, store=store, records=records.values(), context=context, fmt=opts.fmt, fail_on=opts.fail_on
    )
    if progress and split.unchanged:
        progress(len(split.unchanged))

    def read(todo: list[Path]) -> None:
        if not todo:
            return
        from kg.ingest.prepare import Job, prepare

        job = Job(minter.base, opts.fmt, opts.municipality, opts.police_area, moment, context)
        for result in prepare(
            todo, job=job, validator=validator, workers=opts.workers, chunk=opts.batch_size, progress=progress
        ):
            if result.error is not None:
                outcomes.append(
                    Outcome(result.path, Status.error, message=str(result.error), error=result.error)
                )
            docs.extend(result.docs)

    read(split.changed)
    read(
        recheck(
            split,
            store=store,
            doc_ids={d.doc_id for d in docs},
            promises={str(d.iri) for d in docs if d.kind == "promise"},
        )
    )
    outcomes.extend(
        Outcome(path, Status.unchanged, rec.doc_id, counts=dict(rec.counts)) for path, rec in split.unchanged
    )
    if opts.refuse_duplicates:
        refuse_duplicates(docs, outcomes)
    if docs:
        _validate_followups(docs, outcomes, store, minter, validator, opts.batch_size)

    valid: list[tuple[Document, ValidationReport]] = []
    for doc in docs:
        report = doc.report
        assert report is not None  # every document left in docs has been validated
        if report.blocks(opts.fail_on):
            quarantine = write_quarantine(opts.quarantine, doc, report)
            outcomes.append(
                Outcome(
                    doc.source,
                    Status.invalid,
                    doc.doc_id,
                    message=report.summary_line(),
                    counts=report.counts(),
                    report=report,
                    quarantine=quarantine,
                )
            )
        else:
            valid.append((doc, report))

    _orphans(valid, outcomes, minter)
    replaces = {} if opts.dry_run else moved_documents(valid, outcomes, store, minter, records, opts.replace)
    failed = any(o.status in (Status.error, Status.invalid) for o in outcomes)
    if opts.dry_run:
        outcomes.extend(
            Outcome(d.source, Status.valid, d.doc_id, counts=r.counts(), report=r) for d, r in valid
        )
    elif failed and not opts.keep_going:
        outcomes.extend(
            Outcome(d.source, Status.skipped, d.doc_id, counts=r.counts(), report=r, message=NOT_WRITTEN)
            for d, r in valid
        )
    else:
        outcomes.extend(
            _write(
                store,
                minter,
                valid,
                records,
                context,
                opts.write_batch,
                replaces,
                moment,
                threads=opts.write_threads,
            )
        )
    order = {p: i for i, p in enumerate(files)}
    outcomes.sort(key=lambda o: (order.get(o.path, 0), o.doc_id or ""))
    added = sum(1 for o in outcomes if o.status is Status.imported)
    notes = [n for n in (split.note(), compact(store, added, len(records), opts.write_batch)) if n]
    return ImportSummary(outcomes, notes=notes)


def _validate_followups(
    docs: list[Document],
    outcomes: list[Outcome],
    store: GraphStore,
    minter: Minter,
    validator: Validator | None,
    batch_size: int,
) -> None:
    """Validate each follow-up with its promise's context; a follow-up whose promise is neither in
    this import nor in the store is taken out of ``docs`` and reported as an error. A follow-up
    already validated where it was read keeps its report if it was validated with the promise
    this import takes (not one of two files refused as the same document, say)."""
    local = {str(d.iri): d for d in docs if d.kind == "promise"}
    from kg.authoring.followup import followup_context

    todo: list[tuple[Document, list[ox.Quad] | None]] = []
    for i in reversed(range(len(docs))):
        doc = docs[i]
        if doc.report is not None and doc.context_of is not None:
            promise = local.get(doc.follows or "")
            if promise is None or promise.source != doc.context_of:
                doc.report = None
        if doc.report is not None:
            continue
        try:
            context = followup_context(doc, store=store, minter=minter, local=local)
        except PromiseNotFound as exc:
            docs.pop(i)
            outcomes.append(Outcome(doc.source, Status.error, doc.doc_id, message=str(exc), error=exc))
            continue
        todo.append((doc, context))
    todo.reverse()
    if todo and validator is None:
        from kg.validation.validator import default_validator

        validator = default_validator()
    for start in range(0, len(todo), max(1, batch_size)):
        batch = todo[start : start + batch_size]
        reports = validator.validate([d for d, _ in batch], [c for _, c in batch])  # type: ignore[union-attr]
        for (doc, _), report in zip(batch, reports, strict=True):
            doc.report = report
            doc.lines = {}


def _orphans(valid: list[tuple[Document, ValidationReport]], outcomes: list[Outcome], minter: Minter) -> None:
    """Valid follow-ups whose promise was refused in the same import are not written either."""
    refused = {o.doc_id for o in outcomes if o.status in (Status.error, Status.invalid) and o.doc_id}
    for i in reversed(range(len(valid))):
        doc, _report = valid[i]
        promise = doc.follows if doc.kind == "followup" else None
        try:
            promise_id = minter.doc_id_of(promise) if promise is not None else None
        except ValueError:
            promise_id = None
        if promise_id in refused:
            valid.pop(i)
            err = PromiseNotFound(
                f"löftet {promise} som uppföljningen följer upp importerades inte"
                f" / the promise {promise} the follow-up follows up was not imported",
                where=str(doc.source),
            )
            outcomes.append(Outcome(doc.source, Status.error, doc.doc_id, message=str(err), error=err))


def _write(
    store: GraphStore,
    minter: Minter,
    valid: Sequence[tuple[Document, ValidationReport]],
    stored: dict[str, StoredRecord],
    context: str,
    per_write: int = 256,
    replaces: dict[str, list[Record]] | None = None,
    moment: str | None = None,
    *,
    threads: int | None = None,
) -> list[Outcome]:
    """Write the documents, each with its catalogue record, up to ``per_write`` documents in one
    atomic write; unchanged documents are left as they are. Documents new to an embedded store
    (no graph, no record) are added as N-Quads (with the derived facts' N-Quads a worker made)
    and their record (a worker's, :func:`kg.store.record_nquads.new_record`) through its bulk loader,
    with the promises' follow-up state computed once for them all (:mod:`kg.ingest.bulk`,
    ``threads`` loads at once), after
    the others, which replace their previous version in transactions
    (:meth:`kg.store.core.GraphStore.apply`)."""
    outcomes: list[Outcome] = []
    bulk = store if isinstance(store, OxigraphStore) else None
    added: list[NewDocument] = []  # loaded in bulk after the transactions (kg.ingest.bulk)
    pending = ChangeSet()
    waiting: dict[int, Outcome] = {}  # written with ``added``
    replacing: list[Outcome] = []  # written with ``pending``
    moment = moment or import_moment()  # the import's: its documents' revisions make one history point
    real = RealPaths()
    for doc, report in valid:
        counts = report.counts()
        known = stored.get(str(minter.record(doc.doc_id)))
        previous = find_record(store, minter, doc.doc_id) if known is not None else None
        exists = store.has_graph(doc.graph_iri)
        same = previous is not None and previous.sha256 == doc.sha256 and exists
        # another file (a YAML twin of a Turtle file) with the very graph stored: unchanged, and
        # the record keeps the file it names
        twin = previous is not None and not same and exists and same_graph(store, doc)
        if (same or twin) and known is not None and known.context == context:
            outcomes.append(Outcome(doc.source, Status.unchanged, doc.doc_id, counts=counts, report=report))
            continue
        kept = previous if twin and previous is not None else None
        old = (replaces or {}).get(doc.doc_id, [])
        adds = bulk is not None and known is None and not exists and not old
        derived = None if adds and doc.derived is not None else document_facts(doc)
        new = adds and derived is None  # its record as N-Quads, a worker's
        rec = ChangeSet()
        if not new:
            fields = RecordFields.of(
                doc, counts, source=kept.source if kept else real(doc.source), context=context
            )
            if kept:  # the twin's record keeps the file it names
                fields = replace(fields, file_name=kept.file_name, sha256=kept.sha256, size=kept.size)
            rec = record_change(
                minter,
                fields,
                previous=previous,
                document_counts=doc.counts or count_document(doc.quads),
                derived=derived,
                timestamp=moment,
            )
        same = same or twin
        status = Status.unchanged if same else Status.imported if previous is None else Status.updated
        outcome = Outcome(doc.source, status, doc.doc_id, counts=counts, report=report)
        if old:  # the documents this file imported before go in the same transaction
            outcome.message = "ersätter / replaces " + ", ".join(r.doc_id for r in old)
            for r in old:
                gone = removal_change(minter, r)
                pending.drop += gone.drop
                pending.delete_subjects += gone.delete_subjects
                pending.delete += gone.delete
        if same:  # validated again in a new context: only the record changes
            pending.delete_subjects.extend(rec.delete_subjects)
            pending.insert.extend(rec.insert)
            replacing.append(outcome)
        elif adds:
            n_quads = ox.serialize(rec.insert, format=ox.RdfFormat.N_QUADS) if rec.insert else None
            added.append(NewDocument(doc, counts, n_quads))
            waiting[id(added[-1])] = outcome
        else:
            pending.replace[doc.graph_iri] = list(ox.parse(doc.nquads(), format=ox.RdfFormat.N_QUADS))
            pending.delete_subjects.extend(rec.delete_subjects)
            pending.insert.extend(rec.insert)
            replacing.append(outcome)
        if len(replacing) >= per_write:
            store.apply(pending)
            if bulk is not None:
                # out of RocksDB's write buffers per batch: 978 -> 424 MB re-validating (NOTES.md)
                bulk.flush()
            outcomes.extend(replacing)
            pending, replacing = ChangeSet(), []
    if replacing:
        store.apply(pending)
        outcomes.extend(replacing)
    if bulk is not None and added:
        load_new(
            bulk,
            minter,
            added,
            per_write=per_write,
            real=real,
            context=context,
            moment=moment,
            loaded=lambda load: outcomes.extend(waiting[id(item)] for item in load),
            threads=threads,
        )
    return outcomes
