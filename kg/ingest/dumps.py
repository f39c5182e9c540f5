"""Dumps of the store, and the way back: ``kg export`` and ``kg restore``.

:func:`export` streams the whole store (every named graph: documents, the catalogue and, unless
left out, the system graphs ontology, vocabularies and reference), or one document's graph with
its catalogue record, in TriG, N-Quads, Turtle (the union of the chosen graphs: graph names are
lost) or JSON-LD (named graphs as ``@graph`` objects). Quads go from the store to the output one
graph at a time through pyoxigraph's serialisers; nothing is built in memory.
:func:`export_to_path` writes a file atomically (a temporary file renamed at the end; a pipe or
device as it is, :mod:`kg.ingest.dump_output`) and gzip-compresses it when the name ends in ``.gz``.

The way back has two doors, both validating every document like any import:

* ``kg import dump.trig`` (:func:`kg.ingest.importer.import_paths`): the document graphs come back as
  they were; the catalogue records describe *this* import (source = the dump file, new
  timestamps, revision 1), which is the true provenance of the copy;
* :func:`restore_dump` (``kg restore dump.trig.gz``): the same validated import, one document
  per temporary file so a dump of any size works, then each imported document's catalogue record
  is put back exactly as exported, so export → restore into a fresh store gives an isomorphic
  dataset (tests/integration/test_export.py). It reads TriG and N-Quads, gzip-compressed or not,
  as a stream (:mod:`kg.ingest.dump_split`): one graph at a time in memory, the records put back
  in batches (tests/integration/test_restore_streamed.py).
"""

from __future__ import annotations

import gzip
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, cast

import pyoxigraph as ox

from kg.errors import DocumentNotFound, InputError, StoreError
from kg.ingest.dump_output import STDOUT, Output, open_output
from kg.ingest.dump_split import SplitDump, dump_format, graph_file_name, record_batches, split_dump
from kg.ingest.export_format import _EXT, ExportFormat
from kg.ingest.importer import ImportOptions, ImportSummary, Status, import_paths
from kg.ingest.manifest import (
    Manifest,
    check_catalogue,
    digest,
    read_manifest,
    records_of,
    refuse,
    verify,
)
from kg.iris import Minter
from kg.namespaces import OX, PREFIXES, sparql_prefixes
from kg.sparql_text import bound_query, inject_values
from kg.store.catalogue import normalise_id
from kg.store.core import ChangeSet, GraphStore, OxigraphStore
from kg.validation.validator import Validator

DCAT_RECORD = ox.NamedNode("http://www.w3.org/ns/dcat#record")
_DOCUMENT_CLASSES = (OX.mbl.CitizenPromise, OX.mbl.FollowUp)
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


_BY_EXT = {ext: fmt for fmt, ext in _EXT.items()} | {
    ".json": ExportFormat.jsonld,
    ".turtle": ExportFormat.turtle,
}


def format_of(path: Path) -> ExportFormat:
    """The export format named by a file's extension (``dump.trig.gz`` → TriG)."""
    name = path.name.lower().removesuffix(".gz")
    fmt = _BY_EXT.get(Path(name).suffix)
    if fmt is None:
        known = ", ".join(sorted(_BY_EXT))
        raise InputError(
            f"okänd filändelse för export / unknown export file extension: {path.name}",
            hint=f"Använd / use {known} (optionally + .gz), or give --format.",
        )
    return fmt


@dataclass
class ExportSummary:
    """What an export wrote."""

    fmt: ExportFormat
    graphs: list[str]
    quads: int = 0
    path: Path | None = None
    compressed: bool = False

    def as_dict(self) -> dict[str, object]:
        return {
            "format": self.fmt.value,
            "graphs": len(self.graphs),
            "quads": self.quads,
            "path": str(self.path) if self.path else None,
            "gzip": self.compressed,
        }


def export_graphs(
    store: GraphStore, minter: Minter, *, document: str | None = None, include_system: bool = True
) -> list[str]:
    """The named graphs an export holds, in a stable order (documents, catalogue, system graphs)."""
    system = {str(minter.ontology_graph), str(minter.vocabulary_graph), str(minter.reference_graph)}
    catalogue = str(minter.catalogue_graph)
    if document is not None:
        doc_id = normalise_id(minter, document)
        graph = str(minter.document_graph(doc_id))
        if not store.has_graph(graph):
            raise DocumentNotFound(
                f"inget dokument med ID / no document with ID {doc_id!r}",
                hint="Se 'kg documents' / see 'kg documents'.",
            )
        return [graph]
    graphs = store.named_graphs()
    docs = [g for g in graphs if g not in system and g != catalogue]
    tail = [catalogue] if catalogue in graphs else []
    if include_system:
        tail += [g for g in graphs if g in system]
    return docs + tail


def export_quads(
    store: GraphStore, minter: Minter, *, document: str | None = None, include_system: bool = True
) -> Iterator[ox.Quad]:
    """The quads of an export, graph by graph; for one document, its graph then its record."""
    graphs = export_graphs(store, minter, document=document, include_system=include_system)
    for g in graphs:
        yield from store.quads(g)
    if document is not None:
        yield from _record_quads(store, minter, normalise_id(minter, document))


def _record_quads(store: GraphStore, minter: Minter, doc_id: str) -> Iterator[ox.Quad]:
    cat = str(minter.catalogue_graph)
    rec = ox.NamedNode(str(minter.record(doc_id)))
    quads = list(store.quads(cat))
    derived = (_REVISION_OF, _SUMMARY_OF, _FACTS_OF)
    revisions = {q.subject for q in quads if q.predicate in derived and q.object == rec}
    # the record, the catalogue's link to it, its revisions (kg.store.history) and its derived
    # summary (a follow-up's, kg.store.followup_facts) or facts (a promise's, kg.store.promise_facts)
    for q in quads:
        if q.subject == rec or q.subject in revisions or (q.predicate == DCAT_RECORD and q.object == rec):
            yield q


def export(
    store: GraphStore,
    out: IO[bytes],
    fmt: ExportFormat,
    *,
    minter: Minter,
    document: str | None = None,
    include_system: bool = True,
    where: str = STDOUT,
) -> ExportSummary:
    """Stream an export to a binary file object (see the module docstring); an error writing
    it is an :class:`~kg.errors.InputError` naming ``where``."""
    out = cast(IO[bytes], Output(out, where))
    graphs = export_graphs(store, minter, document=document, include_system=include_system)
    summary = ExportSummary(fmt, graphs)

    def counted(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
        for q in quads:
            summary.quads += 1
            yield q

    def triples(quads: Iterable[ox.Quad]) -> Iterator[ox.Triple]:
        for q in quads:
            yield q.triple

    quads = counted(export_quads(store, minter, document=document, include_system=include_system))
    prefixes = dict(PREFIXES) if fmt in (ExportFormat.trig, ExportFormat.turtle) else None
    if fmt.has_manifest:
        manifest = manifest_of(store, minter, graphs, document=document)
        out.write(manifest.line())
    if fmt.has_graphs:
        ox.serialize(quads, out, fmt.rdf_format, prefixes=prefixes)
    else:
        ox.serialize(triples(quads), out, fmt.rdf_format, prefixes=prefixes)
    out.flush()
    if fmt.has_manifest and summary.quads != manifest.quads:
        raise StoreError(
            "lagret ändrades under exporten / the store changed during the export; kör igen / run again"
        )
    return summary


def manifest_of(
    store: GraphStore, minter: Minter, graphs: Sequence[str], *, document: str | None = None
) -> Manifest:
    """The manifest of an export of ``graphs`` (see :mod:`kg.ingest.manifest`), one graph at a time."""
    out = Manifest()
    cat = str(minter.catalogue_graph)
    for g in graphs:
        out.graphs[g] = digest(q.triple for q in store.quads(g))
    if document is not None:
        record = list(_record_quads(store, minter, normalise_id(minter, document)))
        out.graphs[cat] = digest(q.triple for q in record)
        out.records = records_of(record)
    elif cat in out.graphs:
        out.records = records_of(store.quads(cat))
    return out


def export_to_path(
    store: GraphStore,
    path: Path,
    *,
    minter: Minter,
    fmt: ExportFormat | None = None,
    document: str | None = None,
    include_system: bool = True,
) -> ExportSummary:
    """Write an export to ``path`` atomically (a pipe or device as it is, see
    :mod:`kg.ingest.dump_output`); gzip when the name ends in ``.gz``."""
    path = Path(path)
    fmt = fmt or format_of(path)
    compressed = path.name.lower().endswith(".gz")
    where = str(path)
    with open_output(path) as raw:
        if compressed:
            out = cast(IO[bytes], Output(raw, where))  # the gzip trailer is written on close
            with gzip.GzipFile(filename=path.name[:-3], mode="wb", fileobj=out, mtime=0) as gz:
                summary = export(
                    store,
                    cast(IO[bytes], gz),
                    fmt,
                    minter=minter,
                    document=document,
                    include_system=include_system,
                    where=where,
                )
        else:
            summary = export(
                store, raw, fmt, minter=minter, document=document, include_system=include_system, where=where
            )
    summary.path = path
    summary.compressed = compressed
    return summary


# -- the way back ----------------------------------------------------------------------------


@dataclass
class RestoreSummary:
    """A restore: the import summary plus the catalogue records put back as exported."""

    imported: ImportSummary
    records_restored: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {**self.imported.as_dict(), "records_restored": len(self.records_restored)}


def read_dump(path: Path) -> ox.Store:
    """A TriG or N-Quads dump (optionally ``.gz``) in a temporary in-memory store: the plain form
    of what :func:`kg.ingest.dump_split.split_dump` reads as a stream (tested equal)."""
    fmt = dump_format(path)
    mem = ox.Store()
    try:
        if path.name.lower().endswith(".gz"):
            with gzip.open(path, "rb") as fh:
                mem.load(cast(IO[bytes], fh), fmt)
        else:
            mem.load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError, EOFError) as exc:
        raise InputError(f"dumpen kan inte läsas / the dump cannot be read: {exc}", where=str(path)) from exc
    return mem


def document_graphs_of(store: ox.Store) -> list[str]:
    """The named graphs of a dataset that hold a promise or a follow-up."""
    found: set[str] = set()
    for cls in _DOCUMENT_CLASSES:
        for q in store.quads_for_pattern(None, RDF_TYPE, cls, None):
            if isinstance(q.graph_name, ox.NamedNode):
                found.add(q.graph_name.value)
    return sorted(found)


def write_graph_files(graphs: Iterable[tuple[str, Iterable[ox.Triple]]], folder: Path) -> list[Path]:
    """One sorted N-Triples file per graph (canonical bytes, so unchanged graphs stay unchanged)."""
    paths: list[Path] = []
    for n, (iri, triples) in enumerate(graphs, 1):
        path = folder / graph_file_name(n, iri)
        lines = sorted({f"{t.subject} {t.predicate} {t.object} .\n" for t in triples})
        path.write_text("".join(lines), encoding="utf-8")
        paths.append(path)
    return paths


def import_graph_files(
    paths: Sequence[Path],
    *,
    store: GraphStore,
    minter: Minter,
    validator: Validator,
    options: ImportOptions | None = None,
) -> ImportSummary:
    """Import the per-graph files written by :func:`write_graph_files` (validated, atomic)."""
    if not paths:
        return ImportSummary([])
    return import_paths(list(paths), store=store, minter=minter, validator=validator, options=options)


RECORD_BATCH = 500
"""Catalogue records put back per write by :func:`restore_dump` (each with its revisions)."""


def restore_dump(
    path: Path,
    *,
    store: GraphStore,
    minter: Minter,
    validator: Validator,
    options: ImportOptions | None = None,
    trust: bool = False,
    record_batch: int = RECORD_BATCH,
) -> RestoreSummary:
    """Import a kg dump (validated like any import), then restore its catalogue records.

    Before anything is written the dump is proved whole against its manifest (every graph there,
    with its number of quads and content hash; see :mod:`kg.ingest.manifest`) and each
    catalogue record is checked against the graph it names; any difference refuses the whole
    dump. A dump without a manifest is refused unless ``trust`` (its records are still checked).

    The dump is read once, as a stream, into a sorted file per graph (:mod:`kg.ingest.dump_split`):
    what is held in memory is one graph at a time, not the dump. The document graphs' files are
    imported in one atomic import; then the exported records replace the ones this import wrote,
    ``record_batch`` records (each with its revisions) per write. As before, the records are
    written after the import (a failure in between leaves the import's own records, which are
    whole and valid), now in several writes.
    """
    path = Path(path)
    manifest = read_manifest(path) if path.is_file() else None
    if manifest is None and path.is_file() and not trust:
        raise InputError(
            "dumpen har inget manifest (äldre, eller inte från kg export) / the dump has no manifest"
            " (older, or not made by kg export)",
            where=str(path),
            hint="Återställ med --trust om du litar på dess ursprung / restore with --trust if you"
            " trust where it comes from.",
        )
    with tempfile.TemporaryDirectory(prefix="kg-restore-") as tmp:
        split = split_dump(path, Path(tmp), str(minter.catalogue_graph))
        problems = verify(manifest, split.found) if manifest is not None else []
        problems += check_catalogue(split.catalogue, lambda g: split.typed.get(g, set()), minter, manifest)
        if problems:
            raise refuse(problems, str(path))
        if not split.documents:
            raise InputError(
                "inget löfte eller uppföljning i dumpen / no promise or follow-up in the dump",
                where=str(path),
            )
        summary = import_graph_files(
            split.documents, store=store, minter=minter, validator=validator, options=options
        )
        opts = options or ImportOptions()
        if opts.dry_run:
            return RestoreSummary(summary, [])
        written = {Status.imported, Status.updated, Status.unchanged}
        doc_ids = {
            str(minter.record(o.doc_id)): o.doc_id
            for o in summary.outcomes
            if o.status in written and o.doc_id is not None
        }
        put_back = _put_back_records(store, minter, split, list(doc_ids), record_batch)
    return RestoreSummary(summary, [doc_ids[rec] for rec in doc_ids if rec in put_back])


def _put_back_records(
    store: GraphStore, minter: Minter, split: SplitDump, records: list[str], size: int
) -> set[str]:
    """Replace the records (IRIs) this import wrote, and their revisions, by the dump's, ``size``
    records per write; the IRIs of the records put back.

    Each write leaves the catalogue as replacing the records' and their revisions' triples would
    (:func:`replace_records`, the plain form), but it deletes and adds only the triples that
    differ (a restored record differs from the import's in its timestamps, source and hash, not
    in the rest): a third of the writing."""
    cat = ox.NamedNode(str(minter.catalogue_graph))
    revisions = _revision_nodes(store, cat)  # what this import wrote: replaced by the dump's
    done: set[str] = set()
    for batch in record_batches(split, records, max(1, size)):
        subjects = [node for rec, _ in batch for node in (rec, *revisions.get(rec, ()))]
        stored = set(_stored_quads(store, cat, subjects))
        wanted = {q for _, quads in batch for q in quads}
        change = ChangeSet(delete=sorted(stored - wanted, key=str), insert=sorted(wanted - stored, key=str))
        done.update(rec for rec, _ in batch)
        if change:
            store.apply(change)
    return done


def replace_records(store: GraphStore, minter: Minter, batch: Sequence[tuple[str, list[ox.Quad]]]) -> None:
    """The plain form of one write of :func:`_put_back_records`: every triple of each record and
    of its revisions in the store deleted, the dump's added (tests hold the two equal)."""
    cat = ox.NamedNode(str(minter.catalogue_graph))
    revisions = _revision_nodes(store, cat)
    change = ChangeSet()
    for rec, quads in batch:
        change.delete_subjects.append((cat.value, rec))
        change.delete_subjects.extend((cat.value, node) for node in revisions.get(rec, ()))
        change.insert.extend(quads)
    if change:
        store.apply(change)


_STORED = "SELECT ?s ?p ?o WHERE { GRAPH ?cat { ?s ?p ?o } }"


def _stored_quads(store: GraphStore, cat: ox.NamedNode, subjects: Sequence[str]) -> Iterator[ox.Quad]:
    """The quads of the catalogue graph whose subject is one of ``subjects`` (IRIs)."""
    if not subjects:
        return
    if isinstance(store, OxigraphStore):  # the embedded store: its index, not a query
        raw = store.raw
        for s in subjects:
            yield from raw.quads_for_pattern(ox.NamedNode(s), None, None, cat)
        return
    yield from stored_quads_by_query(store, cat, subjects)


def stored_quads_by_query(store: GraphStore, cat: ox.NamedNode, subjects: Sequence[str]) -> Iterator[ox.Quad]:
    """:func:`_stored_quads` through SPARQL, for a store without pyoxigraph's index: the subjects
    a VALUES block of RDF terms (:func:`kg.sparql_text.inject_values`), never text."""
    text = inject_values(_STORED, {"s": [ox.NamedNode(s) for s in subjects]})
    for row in store.query(bound_query(text, {"cat": cat})):
        yield ox.Quad(row["s"], row["p"], row["o"], cat)


_REVISION_OF = OX.mbl.revisionOf
_SUMMARY_OF = OX.mbl.summaryOf
_FACTS_OF = OX.mbl.factsOf
_REVISIONS = sparql_prefixes("mbl") + "SELECT ?node ?rec WHERE { GRAPH ?cat { ?node mbl:revisionOf ?rec } }"


def _revision_nodes(store: GraphStore, cat: ox.NamedNode) -> dict[str, list[str]]:
    """Record IRI → the IRIs of its revision nodes in the store (one query for the whole restore)."""
    out: dict[str, list[str]] = {}
    for row in store.query(bound_query(_REVISIONS, {"cat": cat})):
        node, rec = row["node"], row["rec"]
        if isinstance(node, ox.NamedNode) and isinstance(rec, ox.NamedNode):
            out.setdefault(rec.value, []).append(node.value)
    return out
