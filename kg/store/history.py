"""Counts per revision: what each import of a document recorded, so quality can be followed over time.

Beside the catalogue record (:mod:`kg.store.catalogue`) an import writes, in the same transaction
and the same catalogue graph, a ``mbl:RecordRevision`` node ``id/record/<doc_id>/revision/<n>``:
the record's revision ``n``, when the import that wrote it began (to the microsecond, the same for
every document of that import: it tells two imports within one second apart), its validation
counts (violations, warnings, infos) and what the document's graph held then (assumptions still
to review; activities, and how many of them have a responsible actor, a frequency, a type). A
document validated again in a new context keeps its revision number: the node of that revision is
rewritten with the new counts. Removing the document removes its revisions with its record.

A store written before this existed has records without revisions: :func:`read_history` returns
nothing for them and the scorecard says "no history".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

import pyoxigraph as ox

from kg.iris import Minter
from kg.namespaces import OX
from kg.sparql_text import bound_query
from kg.store.core import GraphStore

MBL, DCT, XSD = OX.mbl, OX.dct, OX.xsd
_TYPE = OX.rdf.type
_ACTIVITY = MBL.Activity
_ASSUMPTION = MBL.Assumption


@dataclass(frozen=True)
class DocumentCounts:
    """What one document's graph holds that the scorecard counts."""

    assumptions: int = 0
    activities: int = 0
    with_actor: int = 0
    with_frequency: int = 0
    with_type: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def count_document(quads: Iterable[ox.Quad] | Iterable[ox.Triple]) -> DocumentCounts:
    """The counts of a document's triples (one pass, no store)."""
    activities: set[object] = set()
    assumptions: set[object] = set()
    actor: set[object] = set()
    frequency: set[object] = set()
    typed: set[object] = set()
    sets = {MBL.responsibleActor: actor, MBL.frequency: frequency, MBL.activityType: typed}
    for q in quads:
        p = q.predicate
        if p == _TYPE:
            o = q.object
            if o == _ACTIVITY:
                activities.add(q.subject)
            elif o == _ASSUMPTION:
                assumptions.add(q.subject)
        else:
            found = sets.get(p)  # one look-up: most triples are of none of them
            if found is not None:
                found.add(q.subject)
    return DocumentCounts(
        assumptions=len(assumptions),
        activities=len(activities),
        with_actor=len(actor & activities),
        with_frequency=len(frequency & activities),
        with_type=len(typed & activities),
    )


def revision_iri(minter: Minter, doc_id: str, revision: int) -> str:
    return minter.id_iri(f"record/{doc_id}/revision/{revision}")


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD.integer)


def revision_quads(
    minter: Minter,
    doc_id: str,
    revision: int,
    stamp: str,
    counts: dict[str, int],
    document: DocumentCounts,
) -> tuple[str, list[ox.Quad]]:
    """The revision node of one import (its IRI, to delete before writing, and its quads)."""
    cat = ox.NamedNode(minter.graph_iri("catalogue"))
    node = ox.NamedNode(revision_iri(minter, doc_id, revision))
    pairs: list[tuple[ox.NamedNode, ox.NamedNode | ox.Literal]] = [
        (_TYPE, MBL.RecordRevision),
        (MBL.revisionOf, ox.NamedNode(minter.id_iri(f"record/{doc_id}"))),
        (MBL.revision, _int(revision)),
        (DCT.modified, ox.Literal(stamp, datatype=XSD.dateTime)),
        (MBL.violations, _int(counts.get("violation", 0))),
        (MBL.warnings, _int(counts.get("warning", 0))),
        (MBL.infos, _int(counts.get("info", 0))),
        (MBL.assumptionCount, _int(document.assumptions)),
        (MBL.activityCount, _int(document.activities)),
        (MBL.activitiesWithActor, _int(document.with_actor)),
        (MBL.activitiesWithFrequency, _int(document.with_frequency)),
        (MBL.activitiesWithType, _int(document.with_type)),
    ]
    return node.value, [ox.Quad(node, p, o, cat) for p, o in pairs]


def revision_subjects(minter: Minter, doc_id: str, revision: int) -> list[tuple[str, str]]:
    """(graph, subject) of every revision node a record of ``revision`` can have (1 .. revision)."""
    cat = minter.graph_iri("catalogue")
    return [(cat, revision_iri(minter, doc_id, n)) for n in range(1, revision + 1)]


@dataclass(frozen=True)
class Revision:
    """One revision of one document, as its import recorded it."""

    doc_id: str
    revision: int
    modified: str
    violations: int
    warnings: int
    infos: int
    assumptions: int
    activities: int
    with_actor: int
    with_frequency: int
    with_type: int
    moment: str = ""
    """When the import that wrote it began, to the microsecond: the same for every document of one
    import, so it tells the imports apart (``modified`` is that moment to the second, as shown)."""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


_COLUMNS = (
    ("modified", DCT.modified),
    ("v", MBL.violations),
    ("w", MBL.warnings),
    ("i", MBL.infos),
    ("a", MBL.assumptionCount),
    ("n", MBL.activityCount),
    ("ra", MBL.activitiesWithActor),
    ("rf", MBL.activitiesWithFrequency),
    ("rt", MBL.activitiesWithType),
)
# One sub-select per value, joined on the revision node: Oxigraph joins sub-selects by hashing
# (234 ms for 7,407 revisions) where it would look each node up again for every property of one
# pattern (1.3 s). The node's IRI gives the document and the revision number (:func:`revision_iri`),
# so the record is not read. Only revision nodes have mbl:activitiesWithType. The catalogue graph
# is a constant (a serialised pyoxigraph term): Oxigraph then reads that graph only.
_HISTORY = (
    "SELECT ?node "
    + " ".join(f"?{name}" for name, _ in _COLUMNS)
    + " WHERE {\n"
    + "".join(
        f"  {{ SELECT ?node ?{name} WHERE {{ GRAPH ?cat {{ ?node {p} ?{name} }} }} }}\n"
        for name, p in _COLUMNS
    )
    + "}\n"
)


def to_the_second(moment: str) -> str:
    """``2026-01-02T10:11:12.345678Z`` -> ``2026-01-02T10:11:12Z`` (a moment as shown)."""
    dot = moment.find(".", 19)
    return moment if dot < 0 else moment[:dot] + moment[dot:].lstrip(".0123456789")


def read_history(store: GraphStore, minter: Minter, doc_ids: Iterable[str] | None = None) -> list[Revision]:
    """Every recorded revision (of ``doc_ids`` only, when given), by document, then revision."""
    query = bound_query(_HISTORY, {"cat": ox.NamedNode(minter.graph_iri("catalogue"))})
    wanted = None if doc_ids is None else set(doc_ids)
    prefix = str(minter.record(""))
    out: list[Revision] = []
    for row in store.query(query):
        node = row[0].value
        doc_id, sep, number = node.rpartition("/revision/")
        if not sep or not node.startswith(prefix) or not number.isdigit():
            continue  # not a node this kg names (revision_iri)
        doc_id = doc_id[len(prefix) :]
        if wanted is not None and doc_id not in wanted:
            continue
        moment = row[1].value
        v, w, i, a, n, ra, rf, rt = (int(row[k].value) for k in range(2, 10))
        out.append(Revision(doc_id, int(number), to_the_second(moment), v, w, i, a, n, ra, rf, rt, moment))
    out.sort(key=lambda r: (r.doc_id, r.revision))
    return out
