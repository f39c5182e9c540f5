"""The first half of an import: files read, checked and validated, in this process or in workers.

:func:`prepare_files` is the unit of work: it turns a slice of files into one
:class:`FileResult` each (the file's documents, or the error that stopped it), and validates the
documents that need nothing from outside the slice (promises) in one
:meth:`~kg.validation.validator.Validator.validate` call. It depends only on the files and the options,
so running it in a worker process gives exactly what it gives in the importer's process.

:func:`prepare` runs it over all files: in this process, or, for many files, in a pool of worker
processes (started with ``spawn``, never ``fork``: the parent holds an open RocksDB store),
each of which builds the validator once and takes slices in turn. Results come back in file
order. A document travels packed (:meth:`kg.documents.load.Document.packed`: its triples as
compressed N-Triples, a few kB, never an rdflib graph), so the parent's memory stays small however
many documents the import holds.

A follow-up is checked with its promise: when the promise is in the same slice, the follow-up
is validated there, with it (and marked with the promise's file,
:attr:`kg.documents.load.Document.context_of`); otherwise it is returned unvalidated, and the
importer validates it once all files are read, with its promise from another slice or the store.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.authoring.followup import followup_context
from kg.collector import without_cyclic_gc
from kg.documents.codec import pack
from kg.documents.load import Document, load_documents
from kg.documents.parse import InputFormat
from kg.errors import KgError
from kg.ingest.files import RealPaths
from kg.iris import Minter
from kg.store.derived_kinds import compute_facts, derived_quads
from kg.store.history import count_document
from kg.store.record_nquads import document_record
from kg.store.state_loads import state_lines

if TYPE_CHECKING:  # pySHACL is loaded only when a file is validated
    from kg.validation.validator import Validator

MIN_FILES_FOR_WORKERS = 64
"""Fewer files than this are read in the importer's own process: starting workers costs more."""


@dataclass
class FileResult:
    """What one file gave: its documents, or the error that stopped it."""

    path: Path
    docs: list[Document] = field(default_factory=list)
    """Packed (:meth:`kg.documents.load.Document.packed`), validated unless follow-ups."""
    error: KgError | None = None


@dataclass(frozen=True)
class Job:
    """What a worker needs besides the files (picklable)."""

    base: str
    fmt: InputFormat | None = None
    municipality: str | None = None
    police_area: str | None = None
    moment: str = ""
    """The import's moment (:func:`kg.store.catalogue.import_moment`) and validation context
    (:func:`kg.validation.fingerprint.import_context`), fixed before reading starts: with them
    each validated document gets the record it would have if new to the store
    (:attr:`kg.documents.load.Document.record`). Empty (a dry run): no record."""
    context: str = ""


def prepare_files(paths: Sequence[Path], job: Job, validator: Validator | None) -> list[FileResult]:
    """Read the files, check their documents and validate them: promises, and follow-ups whose
    promise is among these files (a follow-up whose promise is elsewhere is left unvalidated).
    ``validator`` None: the bundled one, built only when a document has been read.

    Python's cyclic garbage collector is off meanwhile (:func:`without_cyclic_gc`): reading and
    working out the facts make many short-lived objects (quads, terms, tuples) and hardly a
    cycle, and every collection they triggered walked the validator's long-lived objects too."""
    with without_cyclic_gc():
        return _prepare_files(paths, job, validator)


def _prepare_files(paths: Sequence[Path], job: Job, validator: Validator | None) -> list[FileResult]:
    minter = Minter(job.base)
    results: list[FileResult] = []
    loaded: list[tuple[FileResult, Document]] = []
    for path in paths:
        result = FileResult(path)
        results.append(result)
        try:
            docs = load_documents(
                path,
                minter=minter,
                fmt=job.fmt,
                municipality=job.municipality,
                police_area=job.police_area,
            )
        except KgError as exc:
            result.error = exc
            continue
        loaded.extend((result, d) for d in docs)
    now = [d for _, d in loaded if d.kind != "followup"]
    contexts: list[list[ox.Quad] | None] = [None] * len(now)
    # A follow-up whose promise is in this slice (once) is validated here, with that promise.
    promises: dict[str, Document | None] = {}
    for doc in now:
        if doc.kind == "promise":
            promises[str(doc.iri)] = None if str(doc.iri) in promises else doc
    context_of: dict[str, list[ox.Quad] | None] = {}  # a promise's, for each of its follow-ups
    for _, doc in loaded:
        promise = promises.get(doc.follows or "") if doc.kind == "followup" else None
        if promise is not None:
            now.append(doc)
            key = str(promise.iri)
            if key not in context_of:
                context_of[key] = followup_context(doc, store=None, minter=minter, local={key: promise})
            context = context_of[key]
            contexts.append(None if context is None else list(context))
            doc.context_of = promise.source
    if now and validator is None:
        from kg.validation.validator import default_validator

        validator = default_validator()
    for doc, report in zip(now, validator.validate(now, contexts) if validator else [], strict=True):
        doc.report = report
    real = RealPaths()
    for result, doc in loaded:
        quads = doc.quads
        doc.counts = count_document(quads)  # here, in parallel, not in the importer's write
        doc.facts = compute_facts(doc.kind, quads)
        derived = derived_quads(minter, doc.doc_id, doc.facts)
        doc.derived = pack((ox.serialize(derived, format=ox.RdfFormat.N_QUADS) or b"") if derived else b"")
        doc.state_lines = pack(state_lines(doc.graph_iri, quads, derived))
        if job.moment and doc.report is not None:
            counts = doc.report.counts()
            record = document_record(
                minter, doc, counts, source=real(doc.source), context=job.context, moment=job.moment
            )
            doc.record = (counts, pack(record))
        result.docs.append(doc.packed())
    return results


ProgressCallback = Callable[[int], None]


def file_slices(files: Sequence[Path], chunk: int) -> list[list[Path]]:
    """``files`` in consecutive slices of at most ``chunk`` files, in order, the files of one
    folder kept in one slice where they fit in one (a larger folder fills whole slices first).

    A follow-up is validated in its slice when its promise is there; else only once every file is
    read, in the importer's own process, while the workers wait. Stewards keep a promise and its
    follow-ups in one folder (a municipality's), so a slice boundary inside a folder would leave
    the follow-ups before it without their promise."""
    chunk = max(1, chunk)
    slices: list[list[Path]] = []
    current: list[Path] = []
    for _, group in groupby(files, key=lambda path: path.parent):
        folder = list(group)
        if current and len(current) + len(folder) > chunk:
            slices.append(current)
            current = []
        while len(folder) > chunk:
            slices.append(folder[:chunk])
            folder = folder[chunk:]
        current.extend(folder)
    if current:
        slices.append(current)
    return slices


def prepare(
    files: Sequence[Path],
    *,
    job: Job,
    validator: Validator | None,
    workers: int = 1,
    chunk: int = 64,
    progress: ProgressCallback | None = None,
) -> Iterator[FileResult]:
    """:func:`prepare_files` over ``files`` in slices of at most ``chunk`` (:func:`file_slices`),
    in file order: in worker processes when ``workers`` > 1, there are at least
    :data:`MIN_FILES_FOR_WORKERS` files and the validator is the bundled one (a worker builds its
    own), else in this process."""
    slices = file_slices(files, chunk)
    if (
        workers <= 1
        or len(files) < MIN_FILES_FOR_WORKERS
        or len(slices) < 2
        or (validator is not None and not validator.is_default)
    ):
        for part in slices:
            yield from prepare_files(part, job, validator)
            if progress:
                progress(len(part))
        return
    # "spawn": a worker is a fresh interpreter, a direct child of this process. Not "fork": this
    # process holds an open RocksDB store. Not "forkserver": its workers are children of the
    # server, so a worker could not tell that the import was killed (see _watch_parent).
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        max_workers=min(workers, len(slices)),
        mp_context=context,
        initializer=_watch_parent,
        initargs=(os.getpid(),),
    )
    try:
        for part, results in zip(slices, pool.map(_work, [(part, job) for part in slices]), strict=True):
            yield from results
            if progress:
                progress(len(part))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _watch_parent(parent: int) -> None:
    """End this worker when the process that started it (``parent``) is gone, killed say, even
    before this worker was ready: a worker must not outlive its import, nor keep its output open."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="kg-watch-parent", daemon=True).start()


def _work(args: tuple[list[Path], Job]) -> list[FileResult]:
    """A worker's task (the validator is built on the worker's first document, then reused)."""
    paths, job = args
    return prepare_files(paths, job, None)
