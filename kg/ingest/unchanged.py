"""Unchanged in a blink: files an import need not read again (issue 19 point 4).

A file is *unchanged* when the catalogue holds exactly one record whose source is this file,
whose ``mbl:sha256`` is that of the file's bytes and whose ``mbl:validationContext`` is the
import's (:mod:`kg.validation.fingerprint`), and the record's document graph is in the store.
Such a file is reported unchanged from its record alone: it is neither parsed nor validated.

Only files that hold one document qualify (not TriG or N-Quads, which may hold several, some of
which may have been refused before), and only when the record's findings do not block at the
import's ``--fail-on`` (a stricter threshold than last time must report them again).
:func:`recheck` sends such files back to the full path when the import's other documents
concern them: a file describing the same document (so that duplicates are still refused), or a
promise that one of them follows up (a follow-up is validated with its promise).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.documents.formats import EXTENSIONS, InputFormat
from kg.errors import KgError
from kg.ingest.files import RealPaths, suffix
from kg.iris import Minter
from kg.namespaces import sparql_prefixes
from kg.sparql_text import bound_query
from kg.store.core import GraphStore
from kg.validation.severity import Severity

_FOLLOWS = sparql_prefixes("mbl") + "SELECT ?g ?p WHERE { GRAPH ?g { ?fu mbl:followsUp ?p } }\n"


@dataclass(frozen=True)
class StoredRecord:
    """What an import needs of one catalogue record."""

    iri: str
    doc_id: str
    sha256: str
    source: str
    graph: str
    kind: str
    counts: dict[str, int]
    context: str | None


# One row per record. Each value is read by its own subquery (a scan of one predicate in the
# catalogue graph, a constant: bound_query) and the subqueries are joined on the record, which
# Oxigraph does as a hash join: half the time of the same join written as one pattern (a lookup
# per record and value), a third of one row per value (the revisions' counts among them), and a
# ninth of the rows to turn into Python. The same answer as the plain pattern
# ``?rec mbl:sha256 ?sha ; dct:identifier ?id ; … OPTIONAL { ?rec mbl:validationContext ?context }``
# (tests/integration/test_import_unchanged.py checks it).
_COLUMNS = (
    ("sha", "mbl:sha256"),
    ("id", "dct:identifier"),
    ("source", "dct:source"),
    ("graph", "mbl:namedGraph"),
    ("kind", "dct:type"),
    ("violation", "mbl:violations"),
    ("warning", "mbl:warnings"),
    ("info", "mbl:infos"),
)
_CONTEXT = ("context", "mbl:validationContext")  # none in records older than the context


def _scan(var: str, predicate: str) -> str:
    return f"{{ SELECT ?rec ?{var} WHERE {{ GRAPH ?cat {{ ?rec {predicate} ?{var} }} }} }}"


_STORED = (
    sparql_prefixes("mbl", "dct")
    + f"SELECT ?rec {' '.join('?' + v for v, _ in (*_COLUMNS, _CONTEXT))} WHERE {{\n"
    + "".join(f"  {_scan(v, p)}\n" for v, p in _COLUMNS)
    + f"  OPTIONAL {_scan(*_CONTEXT)}\n}}\n"
)
_STORED_PLAIN = (
    sparql_prefixes("mbl", "dct")
    + f"SELECT ?rec {' '.join('?' + v for v, _ in (*_COLUMNS, _CONTEXT))} WHERE {{ GRAPH ?cat {{\n"
    + "  ?rec "
    + " ;\n    ".join(f"{p} ?{v}" for v, p in _COLUMNS)
    + f" .\n  OPTIONAL {{ ?rec {_CONTEXT[1]} ?{_CONTEXT[0]} }}\n}} }}\n"
)
"""The readable form of :data:`_STORED`, tested equal to it."""


def stored_records(store: GraphStore, minter: Minter) -> dict[str, StoredRecord]:
    """Record IRI → its record, for every record in the catalogue (one query)."""
    query = bound_query(_STORED, {"cat": ox.NamedNode(minter.graph_iri("catalogue"))})
    out: dict[str, StoredRecord] = {}
    for rec, sha, doc_id, source, graph, kind, violation, warning, info, context in store.query(query):
        out[rec.value] = StoredRecord(
            iri=rec.value,
            doc_id=doc_id.value,
            sha256=sha.value,
            source=source.value,
            graph=graph.value,
            kind=kind.value,
            counts={
                "violation": int(violation.value),
                "warning": int(warning.value),
                "info": int(info.value),
            },
            context=context.value if context is not None else None,
        )
    return out


@dataclass
class Split:
    """The files of an import: to read, and unchanged (with the record that says so)."""

    changed: list[Path]
    unchanged: list[tuple[Path, StoredRecord]]
    revalidated: int = 0
    """Files whose bytes are those of their record but whose validation context is not."""

    def note(self) -> str | None:
        """One line saying why files with unchanged bytes are validated again, if any are."""
        if not self.revalidated:
            return None
        return (
            f"{self.revalidated} oförändrade filer valideras igen: former, ontologi, vokabulärer, "
            "referensdata, kg:s version eller importens val har ändrats sedan de importerades / "
            f"{self.revalidated} unchanged files are validated again: the shapes, ontology, "
            "vocabularies, reference data, kg's version or the import's options changed since "
            "they were imported"
        )


def split_unchanged(
    files: Sequence[Path],
    *,
    store: GraphStore,
    records: Iterable[StoredRecord],
    context: str,
    fmt: InputFormat | None,
    fail_on: Severity,
) -> Split:
    """Which of ``files`` are unchanged since their record (see the module docstring)."""
    by_source: dict[str, list[StoredRecord]] = {}
    for rec in records:
        by_source.setdefault(rec.source, []).append(rec)
    split = Split([], [])
    blocking = [s.value for s in Severity if s.rank >= fail_on.rank]  # findings that refuse a file
    graphs: set[str] | None = None  # the store's named graphs, listed once (not one lookup a file)
    real = RealPaths()  # resolved once per folder: realpath per file costs a stat per part
    for path in files:
        name = os.path.basename(path)
        candidates = by_source.get(real(path), ())
        form = fmt or EXTENSIONS.get(suffix(name))
        if len(candidates) != 1 or form is None or form.has_graphs:
            split.changed.append(path)
            continue
        rec = candidates[0]
        try:
            with open(path, "rb") as f:
                same_bytes = hashlib.sha256(f.read()).hexdigest() == rec.sha256
        except OSError:
            same_bytes = False  # reading it again on the full path reports the error
        if same_bytes and graphs is None:
            graphs = set(store.named_graphs())
        if not same_bytes or rec.graph not in (graphs or ()):
            split.changed.append(path)
        elif rec.context != context:
            split.revalidated += 1
            split.changed.append(path)
        elif any(rec.counts.get(level, 0) for level in blocking):
            split.changed.append(path)
        else:
            split.unchanged.append((path, rec))
    return split


def recheck(split: Split, *, store: GraphStore, doc_ids: set[str], promises: set[str]) -> list[Path]:
    """Unchanged files that must be read after all, taken out of ``split.unchanged``: those
    whose document another file of the import describes too (``doc_ids``), and follow-ups of a
    promise the import writes (``promises``, IRIs)."""
    follows: dict[str, str] = {}
    if promises and any(rec.kind == "followup" for _, rec in split.unchanged):
        try:
            follows = {row["g"].value: row["p"].value for row in store.query(_FOLLOWS)}
        except KgError:  # pragma: no cover - the store answered the catalogue query just before
            follows = {}
    again = [
        (path, rec)
        for path, rec in split.unchanged
        if rec.doc_id in doc_ids or (rec.kind == "followup" and follows.get(rec.graph) in promises)
    ]
    for item in again:
        split.unchanged.remove(item)
    return [path for path, _ in again]
