"""The first half of an import: files read, checked and validated, in this process or in workers.

:func:`prepare_files` is the unit of work: it turns a slice of files into one
:class:`FileResult` each (the file's documents, or the error that stopped it), and validates the
documents that need nothing from outside the slice (promises) in one
:meth:`~kg.validation.validator.Validator.validate_quads` call. It depends only on the files and the options,
so running it in a worker process gives exactly what it gives in the importer's process.

:func:`prepare` runs it over all files: in this process, or, for many files, in a pool of worker
processes (started with ``spawn``, never ``fork``: the parent holds an open RocksDB store),
each of which builds the validator once and takes slices in turn. Results come back in file
order. A document travels as compressed N-Triples (a few kB), never as an rdflib graph, so the
parent's memory stays small however many documents the import holds.

Follow-ups are returned unvalidated: they are checked with their promise, which may be in
another slice or in the store, so the importer validates them once all files are read.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import DCTERMS

from kg.documents.load import Document, DocumentKind, load_documents
from kg.documents.parse import InputFormat
from kg.errors import KgError
from kg.iris import Minter
from kg.namespaces import MBL
from kg.validation.validator import ValidationReport, Validator, default_validator

MIN_FILES_FOR_WORKERS = 64
"""Fewer files than this are read in the importer's own process: starting workers costs more."""


def default_workers() -> int:
    """The number of worker processes ``kg import`` starts by default: one per CPU."""
    return os.cpu_count() or 1


@dataclass
class PreparedDocument:
    """One document of an import, read, checked and (unless it is a follow-up) validated."""

    path: Path
    doc_id: str
    iri: str
    kind: DocumentKind
    graph_iri: str
    sha256: str
    size: int
    data: bytes
    """The document's triples as N-Triples, zlib-compressed."""
    municipality: str | None = None
    territory: str | None = None
    period: str | None = None
    follows: str | None = None
    """The promise a follow-up names with ``mbl:followsUp``."""
    example: bool = False
    """The document is a made-up example (``mbl:isExample true``)."""
    report: ValidationReport | None = None
    """None until validated (follow-ups, validated with their promise by the importer)."""
    lines: dict[str, int] = field(default_factory=dict)
    """IRI → source line; kept for documents still to be validated, for their findings."""

    @property
    def source(self) -> Path:
        return self.path

    def quads(self) -> list[ox.Quad]:
        """The document's triples (quads in the default graph)."""
        return list(ox.parse(zlib.decompress(self.data), format=ox.RdfFormat.N_TRIPLES))

    def nquads(self) -> bytes:
        """The document's triples as N-Quads in its named graph (the form the store loads)."""
        nt = zlib.decompress(self.data)
        # N-Triples ends every statement with " .\n", and escapes line breaks inside literals.
        return nt.replace(b" .\n", b" <" + self.graph_iri.encode() + b"> .\n")


@dataclass
class FileResult:
    """What one file gave: its documents, or the error that stopped it."""

    path: Path
    docs: list[PreparedDocument] = field(default_factory=list)
    error: KgError | None = None


@dataclass(frozen=True)
class Job:
    """What a worker needs besides the files (picklable)."""

    base: str
    fmt: InputFormat | None = None
    municipality: str | None = None
    police_area: str | None = None


def prepare_files(paths: Sequence[Path], job: Job, validator: Validator) -> list[FileResult]:
    """Read the files, check their documents and validate those that are not follow-ups."""
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
    now = [(r, d) for r, d in loaded if d.kind != "followup"]
    reports = validator.validate_quads([d.quads for _, d in now], [d for _, d in now])
    by_doc = {id(d): rep for (_, d), rep in zip(now, reports, strict=True)}
    for result, doc in loaded:
        report = by_doc.get(id(doc))
        result.docs.append(_prepared(doc, report))
    return results


def _prepared(doc: Document, report: ValidationReport | None) -> PreparedDocument:
    assert doc.source is not None
    follows = doc.value(MBL.followsUp) if doc.kind == "followup" else None
    return PreparedDocument(
        path=doc.source,
        doc_id=doc.doc_id,
        iri=str(doc.iri),
        kind=doc.kind,
        graph_iri=doc.graph_iri,
        sha256=doc.sha256,
        size=doc.size,
        data=zlib.compress(ox.serialize(doc.quads, format=ox.RdfFormat.N_TRIPLES) or b"", 1),
        municipality=_iri(doc.value(MBL.municipality)),
        territory=_iri(doc.value(DCTERMS.spatial)),
        period=_iri(doc.value(DCTERMS.temporal)),
        follows=_iri(follows),
        example=_true(doc.value(MBL.isExample)),
        report=report,
        lines=doc.lines if report is None else {},
    )


def _iri(term: object) -> str | None:
    return term.value if isinstance(term, ox.NamedNode) else None


def _true(term: object) -> bool:
    return isinstance(term, ox.Literal) and term.value.strip() in ("true", "1")


ProgressCallback = Callable[[int], None]


def prepare(
    files: Sequence[Path],
    *,
    job: Job,
    validator: Validator,
    workers: int = 1,
    chunk: int = 64,
    progress: ProgressCallback | None = None,
) -> Iterator[FileResult]:
    """:func:`prepare_files` over ``files`` in slices of ``chunk``, in file order: in worker
    processes when ``workers`` > 1, there are at least :data:`MIN_FILES_FOR_WORKERS` files and
    the validator is the bundled one (a worker builds its own), else in this process."""
    chunk = max(1, chunk)
    slices = [list(files[i : i + chunk]) for i in range(0, len(files), chunk)]
    if workers <= 1 or len(files) < MIN_FILES_FOR_WORKERS or len(slices) < 2 or not validator.is_default:
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
    """A worker's task (the validator is built on the worker's first task, then reused)."""
    paths, job = args
    return prepare_files(paths, job, default_validator())
