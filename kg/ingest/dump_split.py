"""A dump read as a stream, for ``kg restore``: one pass splits it into a file per graph on disk.

:func:`split_dump` parses a TriG or N-Quads dump (optionally ``.gz``) quad by quad and writes
each named graph to its own N-Triples file: sorted, distinct lines, the canonical bytes of
:func:`kg.ingest.dumps.write_graph_files`. While it writes a graph it hashes it as the manifest
does (:func:`kg.ingest.manifest.digest`), notes which graphs hold a promise or a follow-up and
gathers what the record checks need of the catalogue (:class:`kg.ingest.manifest.Catalogue`).
So a dump is proved against its manifest and ready to import after a single read, holding one
graph at a time: ``kg export`` writes a graph's quads together, and a dump from elsewhere whose
graphs come back later is still read right (the later lines are appended to the graph's file,
which is sorted again at the end), only with more writing.

:func:`record_batches` then reads the catalogue's file once more and yields the exported records
(each with its revisions, :mod:`kg.store.history`) a bounded number at a time, for
:func:`kg.ingest.dumps.restore_dump` to put back in several small writes instead of one that
holds the whole catalogue.

The plain form of the same checks reads the whole dump into memory
(:func:`kg.ingest.dumps.read_dump`, :func:`kg.ingest.manifest.of_dataset`,
:func:`kg.ingest.manifest.check_records`); tests/integration/test_restore_streamed.py holds them
equal.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, cast

import pyoxigraph as ox

from kg.errors import InputError
from kg.ingest.manifest import DOCUMENT_CLASSES, RDF_TYPE, Catalogue, Manifest
from kg.namespaces import OX

REVISION_OF = OX.mbl.revisionOf


def dump_format(path: Path) -> ox.RdfFormat:
    """The RDF format of a dump file by its name (TriG or N-Quads, optionally ``.gz``)."""
    name = path.name.lower().removesuffix(".gz")
    fmt = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS}.get(Path(name).suffix)
    if fmt is None:
        raise InputError(
            "en dump ska vara TriG eller N-Quads / a dump must be TriG or N-Quads (.trig, .nq, + .gz)",
            where=str(path),
        )
    if not path.is_file():
        raise InputError("filen finns inte / file not found", where=str(path))
    return fmt


def graph_file_name(n: int, iri: str) -> str:
    """The name of the ``n``-th graph's file (1-based): its number and the tail of its IRI."""
    tail = iri.rstrip("/").split("/graph/")[-1]
    safe = "".join(c if c.isalnum() or c in "-." else "_" for c in tail)[:120]
    return f"{n:05d}-{safe}.nt"


@dataclass
class SplitDump:
    """A dump split into per-graph files (:func:`split_dump`)."""

    found: Manifest
    """The manifest the dump's content has: every named graph, its quads and hash, sorted."""
    documents: list[Path]
    """The files of the graphs that hold a promise or a follow-up, in the order of their IRIs."""
    typed: dict[str, set[str]]
    """Graph IRI → the IRIs of the promises and follow-ups it holds (by ``rdf:type``), for every
    graph that holds one (named or not: a graph whose only one is a blank node maps to an empty
    set, as :func:`kg.ingest.manifest.typed_documents` would give)."""
    catalogue: Catalogue
    """What the record checks need of the catalogue graph."""
    catalogue_file: Path | None
    """The catalogue graph's file (sorted N-Triples), None when the dump has no catalogue."""
    catalogue_graph: str
    """The catalogue graph's IRI."""
    revisions: dict[str, list[str]] = field(default_factory=dict)
    """Record IRI → the IRIs of its revision nodes in the dump's catalogue."""


class _Graphs:
    """The per-graph files of one pass: a graph's lines are held until another graph begins."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: dict[str, Path] = {}
        self.found: dict[str, tuple[int, str]] = {}
        self.again: set[str] = set()  # graphs met in more than one run: sorted at the end

    def flush(self, graph: str | None, lines: set[str]) -> None:
        if graph is None:
            return
        path = self.files.get(graph)
        if path is None:
            path = self.files[graph] = self.folder / f"graph-{len(self.files) + 1}.nt"
            self.found[graph] = _write_sorted(path, lines)
        else:
            self.again.add(graph)
            with open(path, "a", encoding="utf-8") as fh:
                fh.writelines(lines)

    def finish(self) -> None:
        for graph in self.again:
            path = self.files[graph]
            with open(path, encoding="utf-8") as fh:
                lines = set(fh)
            self.found[graph] = _write_sorted(path, lines)


def _write_sorted(path: Path, lines: Iterable[str]) -> tuple[int, str]:
    """Write sorted distinct lines; (their number, their SHA-256) as :func:`~kg.ingest.manifest.digest`.

    Written and hashed a slice at a time, so that no copy of the whole graph as one text is made."""
    ordered = sorted(lines if isinstance(lines, set) else set(lines))
    h = hashlib.sha256()
    with open(path, "wb") as fh:
        for start in range(0, len(ordered), _SLICE):
            data = "".join(ordered[start : start + _SLICE]).encode("utf-8")
            h.update(data)
            fh.write(data)
    return len(ordered), h.hexdigest()


_SLICE = 4096


def _quads(path: Path, fmt: ox.RdfFormat, fh: IO[bytes]) -> Iterator[ox.Quad]:
    try:
        yield from ox.parse(fh, format=fmt)
    except (SyntaxError, ValueError, OSError, EOFError) as exc:
        raise InputError(f"dumpen kan inte läsas / the dump cannot be read: {exc}", where=str(path)) from exc


def split_dump(path: Path, folder: Path, catalogue: str) -> SplitDump:
    """Read a dump once and write a sorted N-Triples file per named graph into ``folder``.

    Quads outside any named graph are skipped (as :func:`kg.ingest.manifest.of_dataset` does).
    ``catalogue``: the catalogue graph's IRI.
    """
    fmt = dump_format(path)
    graphs = _Graphs(folder)
    typed: dict[str, set[str]] = {}
    cat = Catalogue()
    revisions: dict[str, list[str]] = {}
    classes = set(DOCUMENT_CLASSES)
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        fh = cast(IO[bytes], opener(path, "rb"))
    except OSError as exc:
        raise InputError(f"dumpen kan inte läsas / the dump cannot be read: {exc}", where=str(path)) from exc
    with fh:
        current: str | None = None
        lines: set[str] = set()
        in_catalogue = False
        for q in _quads(path, fmt, fh):
            g = q.graph_name
            if not isinstance(g, ox.NamedNode):
                continue
            iri = g.value
            if iri != current:
                graphs.flush(current, lines)
                current, lines, in_catalogue = iri, set(), iri == catalogue
            s, p, o = q.subject, q.predicate, q.object
            lines.add(f"{s} {p} {o} .\n")
            if p == RDF_TYPE and o in classes:
                docs = typed.setdefault(iri, set())
                if isinstance(s, ox.NamedNode):
                    docs.add(s.value)
            if in_catalogue:
                cat.add(s, p, o)
                if p == REVISION_OF and isinstance(s, ox.NamedNode) and isinstance(o, ox.NamedNode):
                    revisions.setdefault(o.value, []).append(s.value)
        graphs.flush(current, lines)
        del lines
    graphs.finish()
    documents: list[Path] = []
    for n, iri in enumerate(sorted(typed), 1):
        target = folder / graph_file_name(n, iri)
        graphs.files[iri] = graphs.files[iri].rename(target)
        documents.append(target)
    found = Manifest(dict(sorted(graphs.found.items())))
    return SplitDump(found, documents, typed, cat, graphs.files.get(catalogue), catalogue, revisions)


def subject_groups(path: Path) -> Iterator[tuple[str, list[str]]]:
    """(subject, its lines) of a sorted N-Triples file, one subject at a time (a subject's lines
    are together in a sorted file: they share the prefix ``<subject> ``)."""
    subject: str | None = None
    group: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            head = line[: line.index(" ")]
            if head != subject:
                if subject is not None:
                    yield subject, group
                subject, group = head, []
            group.append(line)
    if subject is not None:
        yield subject, group


def record_batches(
    split: SplitDump, records: Sequence[str], size: int
) -> Iterator[list[tuple[str, list[ox.Quad]]]]:
    """The dump's quads of each record in ``records`` (IRIs) and of its revision nodes, up to
    ``size`` records at a time, read from the catalogue's file in one pass. A record whose IRI
    has no quad in the dump is left out (the import's own record stays)."""
    if split.catalogue_file is None or not records:
        return
    owners: dict[str, list[str]] = {}  # subject (N-Triples) → the records it belongs to
    waiting: dict[str, int] = {}  # record → how many of its subjects are still to come
    for rec in dict.fromkeys(records):
        subjects = list(dict.fromkeys([rec, *split.revisions.get(rec, ())]))
        waiting[rec] = len(subjects)
        for subject in subjects:
            owners.setdefault(f"<{subject}>", []).append(rec)
    graph = ox.NamedNode(split.catalogue_graph)
    held: dict[str, list[str]] = {}
    has_own: set[str] = set()
    batch: list[tuple[str, list[ox.Quad]]] = []
    for subject, lines in subject_groups(split.catalogue_file):
        for rec in owners.get(subject, ()):
            held.setdefault(rec, []).extend(lines)
            if subject == f"<{rec}>":
                has_own.add(rec)
            waiting[rec] -= 1
            if waiting[rec] == 0:
                _take(rec, held, has_own, graph, batch)
                if len(batch) >= size:
                    yield batch
                    batch = []
    for rec in list(held):  # records some of whose revision nodes have no quad of their own
        _take(rec, held, has_own, graph, batch)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _take(
    rec: str,
    held: dict[str, list[str]],
    has_own: set[str],
    graph: ox.NamedNode,
    batch: list[tuple[str, list[ox.Quad]]],
) -> None:
    lines = held.pop(rec)
    if rec not in has_own:
        return
    batch.append((rec, [ox.Quad(t.subject, t.predicate, t.object, graph) for t in _triples(lines)]))


def _triples(lines: list[str]) -> Iterator[ox.Triple]:
    for quad in ox.parse("".join(lines), format=ox.RdfFormat.N_TRIPLES):
        yield quad.triple
