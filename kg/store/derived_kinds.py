"""The registry of derived facts written beside catalogue records: one entry per kind.

Each kind of derived node (a follow-up's summary, :mod:`kg.store.followup_facts`; a promise's
facts, :mod:`kg.store.promise_facts`) is computed from one document's triples in the import
workers, written in the transaction that writes the document's record, removed with it, and
back-filled by ``kg init`` in a store written before it existed. What differs between kinds is
said once here, in a :class:`DerivedKind`; the paths that write records (the importer and its
workers, :func:`kg.store.catalogue.record_change`, :func:`kg.store.catalogue.removal_change`,
``kg init``, benchmarks/generate.py) go through :data:`KINDS` instead of naming each kind.

Every kind has a version written on its node: a store whose nodes are of another version is
incomplete for that kind (:attr:`DerivedKind.complete`), so the saved queries read the documents
until ``kg init`` rewrites them (:mod:`kg.query.derived`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.iris import Minter
from kg.store.core import GraphStore
from kg.store.followup_facts import (
    SUMMARY_VERSION,
    FollowUpFacts,
    followup_facts,
    summaries_complete,
    summary_quads,
    summary_subject,
    write_missing_summaries,
)
from kg.store.followup_state import STATE_VERSION, state_complete, write_state
from kg.store.promise_facts import (
    FACTS_VERSION,
    PromiseFacts,
    facts_complete,
    facts_quads,
    facts_subject,
    promise_facts,
    write_facts,
)

if TYPE_CHECKING:
    from kg.documents.load import Document


Facts = FollowUpFacts | PromiseFacts
"""The facts of one document, of any kind."""


@dataclass(frozen=True)
class DerivedKind:
    """One kind of derived node, written beside the records of one type of document."""

    name: tuple[str, str]
    """What ``kg init`` reports it wrote (Swedish, English)."""
    record_type: str
    """The ``dct:type`` of the records it derives from ("followup", "promise")."""
    version: int
    """Written on every node; bumped whenever what the nodes say changes."""
    facts_type: type
    compute: Callable[[Iterable[ox.Quad] | Iterable[ox.Triple]], Any]
    """The facts of a document's triples (no store), or None when the document has none."""
    quads: Callable[[Minter, str, Any], list[ox.Quad]]
    """The node's quads for a document id and its facts."""
    subject: Callable[[Minter, str], tuple[str, str]]
    """(graph, subject) of the node a record can have: deleted with the record."""
    complete: Callable[[GraphStore, Minter], bool]
    """Whether every record of :attr:`record_type` has its node of :attr:`version`."""
    backfill: Callable[[GraphStore, Minter], int]
    """Write the nodes missing (or of another version) from the stored documents; how many."""


KINDS: tuple[DerivedKind, ...] = (
    DerivedKind(
        name=("uppföljningars sammanfattningar", "follow-up summaries"),
        record_type="followup",
        version=SUMMARY_VERSION,
        facts_type=FollowUpFacts,
        compute=followup_facts,
        quads=lambda minter, doc_id, facts: summary_quads(minter, doc_id, facts)[1],
        subject=summary_subject,
        complete=lambda store, minter: summaries_complete(store),
        backfill=write_missing_summaries,
    ),
    DerivedKind(
        name=("löftens härledda fakta", "promises' derived facts"),
        record_type="promise",
        version=FACTS_VERSION,
        facts_type=PromiseFacts,
        compute=promise_facts,
        quads=facts_quads,
        subject=facts_subject,
        complete=facts_complete,
        backfill=write_facts,
    ),
)


@dataclass(frozen=True)
class CrossKind:
    """A kind of derived node that depends on several documents (a promise and its follow-ups):
    not written with one record, but recomputed by every write of the embedded store for what
    the write touches (:mod:`kg.store.followup_state`); version, completeness and back-fill as
    for a :class:`DerivedKind`."""

    name: tuple[str, str]
    version: int
    complete: Callable[[GraphStore, Minter], bool]
    backfill: Callable[..., int]
    """``(store, minter, force=...)``: written again whatever its completeness says when
    ``force`` (the nodes it is derived from were just rewritten)."""


CROSS_KINDS: tuple[CrossKind, ...] = (
    CrossKind(
        name=("löftens uppföljningslägen", "promises' follow-up states"),
        version=STATE_VERSION,
        complete=state_complete,
        backfill=write_state,
    ),
)
"""Back-filled after :data:`KINDS`: they read the follow-ups' summaries."""


def kind_for(record_type: str) -> DerivedKind | None:
    """The kind derived from records of ``record_type``, if any."""
    return next((k for k in KINDS if k.record_type == record_type), None)


def kind_of(facts: object) -> DerivedKind | None:
    """The kind whose facts ``facts`` are."""
    return next((k for k in KINDS if isinstance(facts, k.facts_type)), None)


def compute_facts(record_type: str, quads: Iterable[ox.Quad] | Iterable[ox.Triple]) -> Facts | None:
    """A document's derived facts from its triples (as the import workers compute them)."""
    kind = kind_for(record_type)
    facts = kind.compute(quads) if kind is not None else None
    return facts if isinstance(facts, FollowUpFacts | PromiseFacts) else None


def document_facts(doc: Document) -> Facts | None:
    """A document's derived facts, as its import worker computed them (with its counts), else
    from its triples."""
    kind = kind_for(doc.kind)
    if kind is None:
        return None
    if doc.counts is not None and (doc.facts is None or isinstance(doc.facts, kind.facts_type)):
        return doc.facts
    return compute_facts(doc.kind, doc.quads)


def derived_quads(minter: Minter, doc_id: str, facts: object) -> list[ox.Quad]:
    """The quads of a document's derived facts (none when ``facts`` is None)."""
    kind = kind_of(facts)
    return kind.quads(minter, doc_id, facts) if kind is not None else []


def derived_subjects(minter: Minter, doc_id: str) -> list[tuple[str, str]]:
    """(graph, subject) of every derived node a record can have: deleted with the record,
    whichever kind the document is."""
    return [kind.subject(minter, doc_id) for kind in KINDS]


def derived_nquads(minter: Minter, doc_id: str, facts: object) -> bytes:
    """The N-Quads of a document's derived facts (what :func:`kg.store.catalogue.record_change`
    inserts for them), made where the facts are worked out so the importer's write only appends
    them."""
    quads = derived_quads(minter, doc_id, facts)
    return (ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"") if quads else b""


def backfill(store: GraphStore, minter: Minter) -> list[tuple[DerivedKind | CrossKind, int]]:
    """Write every kind's missing nodes (``kg init``), the kinds of one document first: each
    kind with the number written."""
    done: list[tuple[DerivedKind | CrossKind, int]] = [(k, k.backfill(store, minter)) for k in KINDS]
    rewritten = any(n for _, n in done)
    return done + [(k, k.backfill(store, minter, force=rewritten)) for k in CROSS_KINDS]
