"""The documents an import adds to an embedded store: loaded in bulk, with the follow-up state.

A document new to the store (no graph, no record) is written with its catalogue record and
derived facts through the store's bulk loader (:meth:`kg.store.core.OxigraphStore.add_nquads`),
``per_write`` documents a load (each load one atomic write). The promises' follow-up state
(:mod:`kg.store.followup_state`) is computed once for the whole import, before the first load,
from the few lines of each document that it reads (:attr:`kg.documents.load.Document.state_lines`,
made by the worker that read the document) and what is stored
(:func:`kg.store.followup_state.load_state`): a promise's state goes into the load of the last
document that touches it, or, when one is stored already, replaces it in one transaction after
the last load. The importer writes every other document (replaced, or validated again) in
transactions before these loads: the state is a function of the store the import leaves, and
every promise those transactions touch has its state recomputed by them.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.iris import Minter
from kg.store.core import OxigraphStore
from kg.store.derived_kinds import derived_quads, document_facts
from kg.store.followup_state import load_state, state_lines
from kg.store.record_nquads import new_record

if TYPE_CHECKING:
    from kg.documents.load import Document


@dataclass
class NewDocument:
    """A document to add, with what its record is written from."""

    doc: Document
    counts: dict[str, int]
    """Its validation counts (its record is the worker's when written with them)."""
    record: bytes | None = None
    """Its record's (and derived facts') N-Quads when the write made them (no worker's)."""


def _state_input(minter: Minter, item: NewDocument) -> bytes:
    doc = item.doc
    if doc.state_lines is not None:
        return zlib.decompress(doc.state_lines)
    derived = derived_quads(minter, doc.doc_id, document_facts(doc))
    return state_lines(doc.graph_iri, doc.quads, derived)


def _state_quads(minter: Minter, load: Sequence[NewDocument]) -> list[ox.Quad]:
    data = b"".join(_state_input(minter, item) for item in load)
    return list(ox.parse(data, format=ox.RdfFormat.N_QUADS, lenient=True)) if data else []


def load_new(
    store: OxigraphStore,
    minter: Minter,
    items: Sequence[NewDocument],
    *,
    per_write: int,
    real: Callable[[Path], str],
    context: str,
    moment: str,
    loaded: Callable[[Sequence[NewDocument]], None],
) -> None:
    """Add ``items`` to ``store`` in loads of ``per_write`` documents, with the follow-up state of
    the promises they touch; ``loaded`` is told each load's documents once it is written."""
    loads = [items[i : i + max(1, per_write)] for i in range(0, len(items), max(1, per_write))]
    # each load's lines parsed as soon as they are read, and none of them kept through the loads
    # (the loader's memory peaks there): about 140,000 quads nationally
    states, change = load_state(store.raw, [_state_quads(minter, load) for load in loads], minter)
    for load, state in zip(loads, states, strict=True):
        parts: list[bytes] = []
        for item in load:
            doc = item.doc
            parts.append(doc.nquads())
            parts.append(item.record or new_record(minter, doc, item.counts, real, context, moment))
            parts.append(doc.derived_nquads())
        parts.append(state)
        store.add_nquads(b"".join(parts), state=False)
        loaded(load)
    if change:
        store.apply(replace(change, state=False))
