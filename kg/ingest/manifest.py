"""The manifest of a dump: what ``kg export`` wrote, so that ``kg restore`` can prove a dump whole.

A TriG or N-Quads dump starts with one comment line (every RDF parser skips it)::

    # kg-dump-manifest {"format": 1, "kg": "...", "quads": 1234, "graphs": [...], "records": {...}}

``graphs`` lists every named graph of the dump with its number of quads and its content hash
(the SHA-256 of its sorted, distinct N-Triples lines: the same for the same triples however they
are written); ``quads`` is the total; ``records`` is the catalogue: each document ID with the
graph its record names. Because the line comes first, a dump cut short (a full disk, an
interrupted copy) still carries the whole manifest, and :func:`verify` says what is missing.

:func:`verify` compares a dump with its manifest, and :func:`check_catalogue` checks each
catalogue record against the graph it names (record IRI, graph IRI, primary topic); both return
problems as text, and :func:`refuse` turns them into one :class:`~kg.errors.InputError`. A dump
without a manifest (older, or from elsewhere) is restored only when the caller trusts it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, cast

import pyoxigraph as ox

from kg import __version__
from kg.errors import InputError
from kg.iris import Minter
from kg.namespaces import OX

TAG = "# kg-dump-manifest "
FORMAT = 1
MAX_LINE = 64 * 1024 * 1024
"""Longest manifest line read (a dump of 100,000 documents has about 20 MB)."""

DCAT = "http://www.w3.org/ns/dcat#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RECORD = ox.NamedNode(DCAT + "CatalogRecord")
IDENTIFIER = ox.NamedNode("http://purl.org/dc/terms/identifier")
PRIMARY_TOPIC = ox.NamedNode("http://xmlns.com/foaf/0.1/primaryTopic")
NAMED_GRAPH = OX.mbl.namedGraph
DOCUMENT_CLASSES = (OX.mbl.CitizenPromise, OX.mbl.FollowUp)


def digest(triples: Iterable[ox.Triple]) -> tuple[int, str]:
    """(number of distinct triples, SHA-256 of their sorted N-Triples lines)."""
    lines = sorted({f"{t.subject} {t.predicate} {t.object} .\n" for t in triples})
    h = hashlib.sha256()
    for line in lines:
        h.update(line.encode("utf-8"))
    return len(lines), h.hexdigest()


@dataclass
class Manifest:
    """Per graph: (quads, sha256); the total; the catalogue (document ID → graph)."""

    graphs: dict[str, tuple[int, str]] = field(default_factory=dict)
    records: dict[str, str] = field(default_factory=dict)

    @property
    def quads(self) -> int:
        return sum(n for n, _ in self.graphs.values())

    def line(self) -> bytes:
        data = {
            "format": FORMAT,
            "kg": __version__,
            "quads": self.quads,
            "graphs": [{"graph": g, "quads": n, "sha256": h} for g, (n, h) in self.graphs.items()],
            "records": dict(sorted(self.records.items())),
        }
        return (TAG + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")

    @classmethod
    def parse(cls, line: str, where: str) -> Manifest:
        try:
            data = json.loads(line[len(TAG) :])
            if data.get("format") != FORMAT:
                raise ValueError(f"format {data.get('format')!r}")
            graphs = {str(e["graph"]): (int(e["quads"]), str(e["sha256"])) for e in data["graphs"]}
            records = {str(k): str(v) for k, v in data.get("records", {}).items()}
            total = int(data["quads"])
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise InputError(
                f"dumpens manifest är skadat / the dump's manifest is damaged: {exc}", where=where
            ) from None
        manifest = cls(graphs, records)
        if manifest.quads != total:
            raise InputError(
                f"dumpens manifest är skadat / the dump's manifest is damaged: {total} ≠ {manifest.quads}",
                where=where,
            )
        return manifest


def records_of(quads: Iterable[ox.Quad]) -> dict[str, str]:
    """Document ID → the graph its record names, from a catalogue's quads
    (:meth:`Catalogue.records_by_id`)."""
    catalogue = Catalogue()
    for q in quads:
        catalogue.add(q.subject, q.predicate, q.object)
    return catalogue.records_by_id()


def _value(term: object) -> str:
    return str(getattr(term, "value", term))


def read_manifest(path: Path) -> Manifest | None:
    """The manifest on a dump's first line, or None when it has none."""
    try:
        if path.name.lower().endswith(".gz"):
            with gzip.open(path, "rb") as fh:
                first = cast(IO[bytes], fh).readline(MAX_LINE)
        else:
            with open(path, "rb") as fh:
                first = fh.readline(MAX_LINE)
    except (OSError, EOFError) as exc:
        raise InputError(f"dumpen kan inte läsas / the dump cannot be read: {exc}", where=str(path)) from None
    text = first.decode("utf-8", "replace")
    if not text.startswith(TAG):
        return None
    return Manifest.parse(text, str(path))


def of_dataset(store: ox.Store) -> Manifest:
    """The manifest a dataset (a dump read into memory) would have."""
    out = Manifest()
    for g in sorted(n.value for n in store.named_graphs() if isinstance(n, ox.NamedNode)):
        out.graphs[g] = digest(q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(g)))
    return out


def verify(expected: Manifest, found: Manifest) -> list[str]:
    """What a dump lacks or has changed, compared with its manifest (empty when it is whole)."""
    problems: list[str] = []
    for g, (n, h) in expected.graphs.items():
        if g not in found.graphs:
            problems.append(f"graf saknas / graph missing: {g} ({n} quads)")
            continue
        m, k = found.graphs[g]
        if m != n:
            problems.append(f"graf ofullständig / graph incomplete: {g} ({m} av / of {n} quads)")
        elif k != h:
            problems.append(
                f"graf ändrad / graph changed: {g} (innehållet skiljer sig / its content differs)"
            )
    for g in found.graphs:
        if g not in expected.graphs:
            problems.append(f"graf utanför manifestet / graph not in the manifest: {g}")
    if found.quads != expected.quads:
        problems.append(f"totalt / in total {found.quads} av / of {expected.quads} quads")
    return problems


@dataclass
class Catalogue:
    """What :func:`check_catalogue` needs of a dump's catalogue graph: the record IRIs (typed
    ``dcat:CatalogRecord``) and, per (subject, predicate), the values of their identifier,
    primary topic and named graph. Small (a few per record), so a dump read as a stream
    (:mod:`kg.ingest.dump_split`) gathers it quad by quad; :func:`catalogue_of` reads it from a
    store."""

    records: set[str] = field(default_factory=set)
    values: dict[tuple[str, ox.NamedNode], list[str]] = field(default_factory=dict)

    def add(self, subject: object, predicate: ox.NamedNode, obj: object) -> None:
        """Note one triple of the catalogue graph (any triple: the ones not needed are skipped)."""
        if predicate in _CHECKED:  # a triple that comes twice counts once, as in a store
            found = self.values.setdefault((_value(subject), predicate), [])
            value = _value(obj)
            if value not in found:
                found.append(value)
        elif predicate == RDF_TYPE and obj == RECORD:
            self.records.add(_value(subject))

    def records_by_id(self) -> dict[str, str]:
        """Document ID → the graph its record names (the manifest's ``records``)."""
        out: dict[str, str] = {}
        for (subject, predicate), found in self.values.items():
            if predicate == IDENTIFIER:
                graphs = self.values.get((subject, NAMED_GRAPH))
                if graphs:
                    out[found[-1]] = graphs[-1]
        return out


_CHECKED = (IDENTIFIER, PRIMARY_TOPIC, NAMED_GRAPH)


def catalogue_of(store: ox.Store, minter: Minter) -> Catalogue:
    """The :class:`Catalogue` of the catalogue graph of a dataset held in a store."""
    cat = ox.NamedNode(str(minter.catalogue_graph))
    out = Catalogue()
    for predicate in (*_CHECKED, RDF_TYPE):
        for q in store.quads_for_pattern(None, predicate, None, cat):
            out.add(q.subject, q.predicate, q.object)
    return out


def typed_documents(store: ox.Store, graph: str) -> set[str]:
    """The IRIs of the promises and follow-ups (by their ``rdf:type``) in one graph of a store."""
    in_graph = ox.NamedNode(graph)
    return {
        q.subject.value
        for cls in DOCUMENT_CLASSES
        for q in store.quads_for_pattern(None, RDF_TYPE, cls, in_graph)
        if isinstance(q.subject, ox.NamedNode)
    }


def check_records(store: ox.Store, minter: Minter, manifest: Manifest | None) -> list[str]:
    """:func:`check_catalogue` of a dataset held in a store (a dump read into memory)."""
    return check_catalogue(
        catalogue_of(store, minter), lambda graph: typed_documents(store, graph), minter, manifest
    )


def check_catalogue(
    catalogue: Catalogue,
    typed: Callable[[str], set[str]],
    minter: Minter,
    manifest: Manifest | None,
) -> list[str]:
    """Each catalogue record of a dump against the graph it names: the record's IRI is the one of
    its document ID, its graph is that document's graph and is in the dump, and its primary
    topic is the promise or follow-up in that graph (``typed``: a graph's promises and
    follow-ups). With a manifest, the records are the ones the manifest lists."""
    problems: list[str] = []
    values = catalogue.values
    for rec in sorted(catalogue.records):
        ids, topics, graphs = (values.get((rec, p), []) for p in (IDENTIFIER, PRIMARY_TOPIC, NAMED_GRAPH))
        if len(ids) != 1 or len(topics) != 1 or len(graphs) != 1:
            problems.append(f"katalogpost ofullständig / catalogue record incomplete: {rec}")
            continue
        doc_id, topic, graph = ids[0], topics[0], graphs[0]
        if rec != str(minter.record(doc_id)):
            problems.append(f"katalogpost med fel IRI / catalogue record with a wrong IRI: {rec} ({doc_id})")
        if graph != str(minter.document_graph(doc_id)):
            problems.append(
                f"katalogposten {doc_id} pekar på en annan graf / the catalogue record {doc_id} names another"
                f" graph: {graph}"
            )
            continue
        found_docs = typed(graph)
        if not found_docs:
            problems.append(f"katalogposten {doc_id}: grafen saknas / the record's graph is missing: {graph}")
        elif found_docs != {topic}:
            problems.append(
                f"katalogposten {doc_id}: fel dokument / the record names another document: {topic}"
                f" (grafen håller / the graph holds {', '.join(sorted(found_docs))})"
            )
    if manifest is not None:
        found = catalogue.records_by_id()
        for doc_id, graph in manifest.records.items():
            if found.get(doc_id) != graph:
                problems.append(
                    f"katalogpost saknas eller ändrad / catalogue record missing or changed: {doc_id}"
                )
        for doc_id in found.keys() - manifest.records.keys():
            problems.append(
                f"katalogpost utanför manifestet / catalogue record not in the manifest: {doc_id}"
            )
    return problems


def refuse(problems: list[str], where: str) -> InputError:
    shown = problems[:12]
    more = len(problems) - len(shown)
    text = "\n  ".join(shown) + (f"\n  … och / and {more} till / more" if more else "")
    return InputError(
        f"dumpen är inte hel eller har ändrats; inget återställdes / the dump is incomplete or was"
        f" changed; nothing was restored:\n  {text}",
        where=where,
        hint="Använd en hel kopia av dumpen / use a whole copy of the dump (kg export writes a manifest"
        " that kg restore checks).",
    )
