"""Validated, atomic import: file → documents → validation → one transaction per document.

Nothing invalid gets in and nothing valid gets lost:

* every document is validated on its own graph (plus the reference data it points to) before
  anything is written; documents are validated in batches, which is what makes import fast;
* by default an import is all or nothing: if one file is unreadable or one document does not
  conform, nothing is written (``keep_going=True`` writes the valid ones and reports the rest);
* each document and its catalogue record are written in one transaction, replacing the
  document's previous version; a document whose file has not changed is left as it is, so
  importing the same files twice gives the same store, byte for byte;
* the report of a document that does not conform is kept in the store's quarantine folder (as
  text and Turtle) so the steward can fix the file and retry;
* a follow-up is validated together with the promise it follows up, taken from the same import
  or else from the store (:func:`kg.followup.context_for`); a follow-up whose promise is in
  neither is an error naming the promise (:class:`kg.errors.PromiseNotFound`).
"""

from __future__ import annotations

import glob
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS

from kg.catalogue import find_record, record_change
from kg.documents import Document, load_documents
from kg.errors import InputError, KgError, PromiseNotFound
from kg.followup import context_for
from kg.iris import Minter
from kg.namespaces import MBL
from kg.parse import EXTENSIONS, InputFormat
from kg.store import ChangeSet, GraphStore
from kg.system import ensure_system_graphs
from kg.terms import triples_to_ox
from kg.validate import Severity, ValidationReport, Validator


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


@dataclass
class ImportSummary:
    outcomes: list[Outcome]

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
            "outcomes": [o.as_dict() for o in self.outcomes],
        }


def expand_paths(paths: Sequence[str | Path], fmt: InputFormat | None = None) -> list[Path]:
    """Files, folders (recursively, importable extensions only) and glob patterns, in order."""
    out: list[Path] = []
    for raw in paths:
        text = str(raw)
        candidates = [Path(p) for p in sorted(glob.glob(text, recursive=True))] if _is_glob(text) else []
        if _is_glob(text) and not candidates:
            raise InputError(f"mönstret matchar inga filer / the pattern matches no files: {text}")
        for path in candidates or [Path(text)]:
            if path.is_dir():
                found = sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in EXTENSIONS and not _hidden(p, path)
                )
                if not found:
                    raise InputError(
                        "mappen innehåller inga filer att importera / the folder has no importable files",
                        where=str(path),
                        hint="Kända filändelser / known extensions: " + ", ".join(sorted(EXTENSIONS)),
                    )
                out.extend(found)
            else:
                out.append(path)
    seen: set[Path] = set()
    unique = []
    for p in out:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def _is_glob(text: str) -> bool:
    return bool(re.search(r"[*?\[]", text))


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


ProgressCallback = Callable[[int], None]
NOT_WRITTEN = "inte skrivet / not written"


def import_paths(
    paths: Sequence[str | Path],
    *,
    store: GraphStore,
    minter: Minter,
    validator: Validator,
    options: ImportOptions | None = None,
    progress: ProgressCallback | None = None,
) -> ImportSummary:
    """Import files into ``store``; see the module docstring for the guarantees."""
    opts = options or ImportOptions()
    files = expand_paths(paths, opts.fmt)
    if not opts.dry_run:
        ensure_system_graphs(store, minter)
    outcomes: list[Outcome] = []
    docs: list[tuple[Path, Document]] = []
    for path in files:
        try:
            for doc in load_documents(
                path,
                minter=minter,
                fmt=opts.fmt,
                municipality=opts.municipality,
                police_area=opts.police_area,
            ):
                docs.append((path, doc))
        except KgError as exc:
            outcomes.append(Outcome(path, Status.error, message=str(exc), error=exc))
        if progress:
            progress(1)
    _check_duplicates(docs, outcomes)
    contexts = _contexts(docs, outcomes, store, minter)

    valid: list[tuple[Path, Document, ValidationReport]] = []
    for start in range(0, len(docs), opts.batch_size):
        batch = docs[start : start + opts.batch_size]
        reports = validator.validate_many(
            [d.graph for _, d in batch],
            sources=[d for _, d in batch],
            context_graphs=[contexts.get(d.doc_id) for _, d in batch],
        )
        for (path, doc), report in zip(batch, reports, strict=True):
            counts = report.counts()
            if report.blocks(opts.fail_on):
                quarantine = _quarantine(opts.quarantine, doc, report)
                outcomes.append(
                    Outcome(
                        path,
                        Status.invalid,
                        doc.doc_id,
                        message=report.summary_line(),
                        counts=counts,
                        report=report,
                        quarantine=quarantine,
                    )
                )
            else:
                valid.append((path, doc, report))

    _orphans(valid, outcomes, minter)
    failed = any(o.status in (Status.error, Status.invalid) for o in outcomes)
    if opts.dry_run:
        outcomes.extend(Outcome(p, Status.valid, d.doc_id, counts=r.counts(), report=r) for p, d, r in valid)
    elif failed and not opts.keep_going:
        outcomes.extend(
            Outcome(p, Status.skipped, d.doc_id, counts=r.counts(), report=r, message=NOT_WRITTEN)
            for p, d, r in valid
        )
    else:
        outcomes.extend(_write(store, minter, valid))
    order = {p: i for i, p in enumerate(files)}
    outcomes.sort(key=lambda o: (order.get(o.path, 0), o.doc_id or ""))
    return ImportSummary(outcomes)


def _check_duplicates(docs: list[tuple[Path, Document]], outcomes: list[Outcome]) -> None:
    """Two files in one import that describe the same document: both are refused."""
    by_id: dict[str, list[int]] = {}
    for i, (_, doc) in enumerate(docs):
        by_id.setdefault(doc.doc_id, []).append(i)
    dupes = {i for idx in by_id.values() if len(idx) > 1 for i in idx}
    for i in sorted(dupes, reverse=True):
        path, doc = docs.pop(i)
        others = ", ".join(str(p) for j, (p, d) in enumerate(docs) if d.doc_id == doc.doc_id)
        err = InputError(
            f"samma dokument {doc.doc_id} finns i flera filer / the same document is in several files"
            + (f" (also {others})" if others else ""),
            where=str(path),
        )
        outcomes.append(Outcome(path, Status.error, doc.doc_id, message=str(err), error=err))


def _contexts(
    docs: list[tuple[Path, Document]], outcomes: list[Outcome], store: GraphStore, minter: Minter
) -> dict[str, Graph | None]:
    """Each follow-up's promise context (by document ID); a follow-up whose promise is neither in
    this import nor in the store is taken out of ``docs`` and reported as an error."""
    local = {str(d.iri): d for _, d in docs if d.kind == "promise"}
    out: dict[str, Graph | None] = {}
    for i in reversed(range(len(docs))):
        path, doc = docs[i]
        try:
            out[doc.doc_id] = context_for(doc, store=store, minter=minter, local=local)
        except PromiseNotFound as exc:
            docs.pop(i)
            outcomes.append(Outcome(path, Status.error, doc.doc_id, message=str(exc), error=exc))
    return out


def _orphans(
    valid: list[tuple[Path, Document, ValidationReport]], outcomes: list[Outcome], minter: Minter
) -> None:
    """Valid follow-ups whose promise was refused in the same import are not written either."""
    refused = {o.doc_id for o in outcomes if o.status in (Status.error, Status.invalid) and o.doc_id}
    for i in reversed(range(len(valid))):
        path, doc, _report = valid[i]
        promise = doc.graph.value(doc.iri, MBL.followsUp) if doc.kind == "followup" else None
        try:
            promise_id = minter.doc_id_of(str(promise)) if promise is not None else None
        except ValueError:
            promise_id = None
        if promise_id in refused:
            valid.pop(i)
            err = PromiseNotFound(
                f"löftet {promise} som uppföljningen följer upp importerades inte"
                f" / the promise {promise} the follow-up follows up was not imported",
                where=str(path),
            )
            outcomes.append(Outcome(path, Status.error, doc.doc_id, message=str(err), error=err))


def _write(
    store: GraphStore, minter: Minter, valid: Iterable[tuple[Path, Document, ValidationReport]]
) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for path, doc, report in valid:
        counts = report.counts()
        previous = find_record(store, minter, doc.doc_id)
        if previous is not None and previous.sha256 == doc.sha256 and store.has_graph(doc.graph_iri):
            outcomes.append(Outcome(path, Status.unchanged, doc.doc_id, counts=counts, report=report))
            continue
        change = ChangeSet(replace={doc.graph_iri: list(triples_to_ox(doc.graph, _ox(doc.graph_iri)))})
        municipality = doc.graph.value(doc.iri, MBL.municipality)
        territory = doc.graph.value(doc.iri, DCTERMS.spatial)
        period = doc.graph.value(doc.iri, DCTERMS.temporal)
        rec = record_change(
            minter,
            doc_id=doc.doc_id,
            document=str(doc.iri),
            kind=doc.kind,
            source=str(path.resolve()),
            file_name=path.name,
            sha256=doc.sha256,
            size=doc.size,
            counts=counts,
            municipality=_iri(municipality),
            territory=_iri(territory),
            period=_iri(period),
            previous=previous,
        )
        change.delete_subjects.extend(rec.delete_subjects)
        change.insert.extend(rec.insert)
        store.apply(change)
        status = Status.imported if previous is None else Status.updated
        outcomes.append(Outcome(path, status, doc.doc_id, counts=counts, report=report))
    return outcomes


def _iri(term: object) -> str | None:
    return str(term) if isinstance(term, URIRef) else None


def _ox(iri: str):  # type: ignore[no-untyped-def]
    import pyoxigraph as ox

    return ox.NamedNode(iri)


def _quarantine(folder: Path | None, doc: Document, report: ValidationReport) -> Path | None:
    """Keep the report of a refused document beside the store, as text and Turtle."""
    if folder is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    stem = doc.doc_id.replace("/", "_")
    text = folder / f"{stem}.report.txt"
    text.write_text(f"Källa / source: {doc.source}\n\n" + report.render_human(), encoding="utf-8")
    (folder / f"{stem}.report.ttl").write_text(report.render_turtle(), encoding="utf-8")
    return text
