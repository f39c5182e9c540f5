"""The documents an import adds to an embedded store: loaded in bulk, with the follow-up state.

A document new to the store (no graph, no record) is written with its catalogue record and
derived facts through the store's bulk loader (:meth:`kg.store.core.OxigraphStore.add_nquads`),
``per_write`` documents a load (each load one atomic write). The loads run in two streams at
once (two threads, :func:`load_threads`; pyoxigraph's bulk load releases the GIL), each stream's
loads one after the other, the documents that touch a promise (the promise's, its follow-ups')
in one stream (:func:`plan_loads`). The promises' follow-up state
(:mod:`kg.store.followup_state`) is computed once for the whole import, before the first load,
from the few lines of each document that it reads (:attr:`kg.documents.load.Document.state_lines`,
made by the worker that read the document) and what is stored
(:func:`kg.store.followup_state.load_state`): a promise's state goes into the load of the last
document that touches it, or, when one is stored already, replaces it in one transaction after
the last load; a kill leaves each stream's first loads written, so every state written counts
documents all written, and a missing one is noticed
(:func:`kg.store.followup_state.state_complete`). The importer writes every other document
(replaced, or validated again) in transactions before these loads: the state is a function of
the store the import leaves, and every promise those transactions touch has its state
recomputed by them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.documents.codec import unpack
from kg.errors import KgError
from kg.iris import Minter
from kg.store.core import ChangeSet, GraphStore, OxigraphStore
from kg.store.derived_kinds import derived_quads, document_facts
from kg.store.followup_state import load_state
from kg.store.record_nquads import new_record
from kg.store.state_loads import state_lines, touched_by

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
        return unpack(doc.state_lines)
    derived = derived_quads(minter, doc.doc_id, document_facts(doc))
    return state_lines(doc.graph_iri, doc.quads, derived)


def _state_quads(minter: Minter, item: NewDocument) -> list[ox.Quad]:
    data = _state_input(minter, item)
    return list(ox.parse(data, format=ox.RdfFormat.N_QUADS, lenient=True)) if data else []


def load_threads() -> int:
    """How many loads an import writes at once: two where there are two CPUs or more (pyoxigraph's
    bulk load releases the GIL, and a load's sorting, file writing and ingestion leave a second
    CPU idle about half of the time), one on one CPU."""
    return min(2, os.cpu_count() or 1)


@dataclass
class Plan:
    """An import's new documents in loads, and the follow-up state that goes with each."""

    loads: list[list[NewDocument]]
    """in the order their writes are reported (``loaded``)"""
    streams: list[list[int]]
    """the loads of each stream (indexes in :attr:`loads`), written one after the other; the
    streams run at once and no promise is touched by the documents of two streams"""
    states: list[bytes]
    """the follow-up state to load with each load (N-Quads)"""
    change: ChangeSet
    """replaces the stored state of the promises that had one, after the last load"""


def _components(touched: Sequence[set[ox.NamedNode]]) -> list[int]:
    """For each document, the first of the documents it shares a promise with, directly or
    through others (union-find)."""
    parent = list(range(len(touched)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[ox.NamedNode, int] = {}
    for i, promises in enumerate(touched):
        for p in promises:
            a, b = root(owner.setdefault(p, i)), root(i)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return [root(i) for i in range(len(touched))]


def plan_loads(
    store: OxigraphStore, minter: Minter, items: Sequence[NewDocument], *, per_write: int, streams: int
) -> Plan:
    """``items`` in loads of ``per_write`` documents, in ``streams`` streams (as even in bytes as
    their promises allow, each in the order of ``items``), with the follow-up state of each load:
    the documents that touch a promise (:func:`kg.store.followup_state.touched_by`: the promise,
    its follow-ups) go into one stream, so that a promise's state, loaded with the last of them,
    is written after every load it counts whichever loads of the other stream are written."""
    per_write = max(1, per_write)
    # each document's lines parsed as soon as they are read (about 140,000 quads nationally);
    # they are not kept through the loads (the loader's memory peaks there)
    quads = [_state_quads(minter, item) for item in items]
    raw = store.raw
    touched = touched_by(raw, quads)
    group = _components(touched)
    count = max(1, min(streams, len(items)))
    where: dict[int, int] = {}
    weight = [0] * count
    members: list[list[int]] = [[] for _ in range(count)]
    for i, item in enumerate(items):
        k = where.get(group[i])
        if k is None:
            k = where[group[i]] = min(range(count), key=weight.__getitem__)
        weight[k] += item.doc.size
        members[k].append(i)
    chunks = [[m[j : j + per_write] for j in range(0, len(m), per_write)] for m in members if m]
    # one load of each stream in turn: the order their writes are reported in
    order = sorted(((j, k) for k, c in enumerate(chunks) for j in range(len(c))))
    index = {key: n for n, key in enumerate(order)}
    picked = [chunks[k][j] for j, k in order]
    states, change = load_state(
        raw,
        [[q for i in load for q in quads[i]] for load in picked],
        minter,
        touched=[set().union(*(touched[i] for i in load)) for load in picked],
    )
    return Plan(
        loads=[[items[i] for i in load] for load in picked],
        streams=[[index[(j, k)] for j in range(len(c))] for k, c in enumerate(chunks)],
        states=states,
        change=change,
    )


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
    threads: int | None = None,
) -> None:
    """Add ``items`` to ``store`` in loads of ``per_write`` documents, with the follow-up state of
    the promises they touch, ``threads`` loads at once (:func:`load_threads` when None; see
    :func:`plan_loads`); ``loaded`` is told each load's documents once it and every load before it
    (in :attr:`Plan.loads`) are written, in this thread. A load that fails stops the import: the
    loads being written meanwhile are finished, no other is started, and its error is raised."""
    plan = plan_loads(store, minter, items, per_write=per_write, streams=threads or load_threads())

    def data(i: int) -> bytes:
        parts: list[bytes] = []
        for item in plan.loads[i]:
            doc = item.doc
            parts.append(doc.nquads())
            parts.append(item.record or new_record(minter, doc, item.counts, real, context, moment))
            parts.append(doc.derived_nquads())
        parts.append(plan.states[i])
        return b"".join(parts)

    written = [False] * len(plan.loads)
    reported = 0
    failed: tuple[int, BaseException] | None = None
    todo = [list(reversed(stream)) for stream in plan.streams]
    with ThreadPoolExecutor(max_workers=max(1, len(todo)), thread_name_prefix="kg-load") as pool:
        running: dict[Future[None], tuple[int, int]] = {}

        def start(k: int) -> None:
            if todo[k]:
                i = todo[k].pop()
                running[pool.submit(store.add_nquads, data(i), state=False)] = (k, i)

        for k in range(len(todo)):
            start(k)
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                k, i = running.pop(future)
                error = future.exception()
                if error is not None:
                    if failed is None or i < failed[0]:
                        failed = (i, error)
                    continue
                written[i] = True
                if failed is None:
                    start(k)
            while failed is None and reported < len(written) and written[reported]:
                loaded(plan.loads[reported])
                reported += 1
    if failed is not None:
        raise failed[1]
    if plan.change:
        store.apply(replace(plan.change, state=False))


def compact(store: GraphStore, added: int, before: int, per_write: int) -> str | None:
    """Compact an embedded store after an import that at least doubled it (a first import, a
    restore): ``added`` new documents, at least as many as it held (``before``), in four atomic
    writes or more (RocksDB merges fewer files on its own). The cost, proportional to the store,
    is then bounded by what was written; a next command (a re-import, a cold query) reads a
    compact store. A note if the compaction fails: what was imported stays imported."""
    if not isinstance(store, OxigraphStore) or added < max(before, 4 * per_write):
        return None
    try:
        store.optimize()
    except KgError as exc:  # pragma: no cover - disk failures
        return f"lagret komprimerades inte / the store was not compacted: {exc}"
    return None
