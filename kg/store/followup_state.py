"""Derived facts of a promise's follow-ups together: its latest follow-up(s) and the counts there.

The follow-up queries (followup-fulfilment, fulfilment-by-*, followups-overdue) want, for every
promise with follow-ups, which follow-up is its latest (the one whose period ends last), how
many follow-ups it has, and which of the promise's current activities the latest one assessed
and found genomförd. The follow-ups' summaries (:mod:`kg.store.followup_facts`) give them one
row per follow-up, but which follow-up is the latest, and whether an assessed activity is still
one of the promise's, cross documents: at 10x scale that alone costs the queries over a second
of CPU (benchmarks/NOTES.md). This module keeps them as facts, in the catalogue graph:

* one ``mbl:FollowUpState`` node per promise that a follow-up's summary names,
  ``id/followup-state/<hash of the promise>``: the promise (``mbl:stateOf``), the version of
  these facts (``mbl:stateVersion``, :data:`STATE_VERSION`), the number of summaries naming it
  (``mbl:stateSummaries``: what :func:`state_complete` adds up), the number of those whose
  period has an end (``mbl:stateFollowUps``) and its latest follow-ups (``mbl:stateLatest``);
* one ``mbl:LatestFollowUp`` node per latest follow-up (several when their periods end on the
  same day), ``<state>/<hash of the follow-up's summary>``: the promise (``mbl:latestOf``), the
  follow-up (``mbl:latestFollowUp``), its period (``mbl:latestPeriodStart``, ``mbl:latestPeriodEnd``:
  the promise's last end), the promise's number of distinct activities (``mbl:latestActivities``),
  how many of them it assessed (``mbl:latestAssessed``) and found genomförd
  (``mbl:latestCompleted``), and each of those done (``mbl:latestDone``); the share done of
  the promise's activities (``mbl:latestShare``) and the first day on which the promise can
  count as overdue by its follow-up plan (``mbl:latestOverdueFrom``), which two listings sort
  and filter by (:mod:`kg.store.followup_keys`); the number of the promise's follow-ups again
  (``mbl:latestFollowUps``), so a query reads one node per row.

They depend on several documents (the promise's and each of its follow-ups'), so no write of one
document can compute them alone: every write of the embedded store recomputes the state of each
promise the write touches (:func:`with_state`, called by
:meth:`kg.store.core.OxigraphStore.apply`), from the store as the write will leave it (the
stored quads, less what the write drops or deletes, plus what it inserts), in the same
transaction. A promise is touched when the write adds, replaces or removes a follow-up's summary
naming it, replaces or removes a graph stating its activities, or adds or deletes one of its
``mbl:activity`` triples. A first import through the bulk loader (adds only,
:meth:`kg.store.core.OxigraphStore.add_nquads`) cannot delete: the state of the promises it
touches is computed before it from its own lines and what is stored (:func:`bulk_state`) and
loaded with the documents, except for a promise whose state is already stored (its follow-ups
spread over two loads, or some stored before the import), which is replaced in a transaction
right after the load: a process killed between the two leaves follow-ups no state counts,
which :func:`state_complete` sees (the counts differ), so the queries read
the documents until ``kg init`` (:func:`write_state`) writes them again. An import's loads
(:mod:`kg.ingest.bulk`) get the state once for them all (:func:`load_state`), from the lines of
each document its worker picked out (:func:`state_lines`): a promise's state goes into the
load of the last document touching it, a stored one is replaced after the last load. The loads
run in two streams at once (two threads), each stream's one after the other, and the documents
touching a promise (:func:`touched_by`) all in one stream: whichever loads a kill leaves
written, a state is written only with every document it counts, and a promise whose state is
missing or stale has summaries no state counts.

Derived, never source data: their predicates are their own and documented as derived in
ontology/mbl.ttl, a document's graph never holds them. A remote endpoint is not kept (its
queries never read them, :mod:`kg.query.derived`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import pyoxigraph as ox

from kg.collector import without_cyclic_gc
from kg.iris import Minter
from kg.namespaces import OX
from kg.store.core import ChangeSet, GraphStore
from kg.store.derived_checks import STATE_VERSION as STATE_VERSION
from kg.store.derived_checks import state_complete as state_complete
from kg.store.followup_keys import overdue_from, planned_promises, plans_of, share
from kg.store.state_counts import COUNTED, count_quads, promises_of
from kg.store.state_loads import LOADED as _LOADED
from kg.store.state_loads import SUMMARY_PREDICATES as _SUMMARY_PREDICATES
from kg.store.state_loads import loaded_quads as loaded_quads
from kg.store.state_loads import state_lines as state_lines
from kg.store.state_loads import stores_any as _stores_any
from kg.store.state_loads import touched_by as touched_by

MBL, XSD = OX.mbl, OX.xsd
_TYPE = OX.rdf.type
_ACTIVITY = MBL.activity
_SUMMARISED = MBL.summarisedPromise
_REIFIED = OX.rdf.subject


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD.integer)


def _digest(text: str, size: int = 20) -> str:
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:size]


def state_prefix(minter: Minter) -> str:
    return minter.id_iri("followup-state/")


def state_iri(minter: Minter, promise: str) -> str:
    return state_prefix(minter) + _digest(promise)


@dataclass(frozen=True)
class Summary:
    """What the state reads of one follow-up's summary, as the write leaves it."""

    node: str
    followups: frozenset[ox.NamedNode]
    starts: frozenset[ox.Literal]
    ends: frozenset[ox.Literal]
    assessed: frozenset[ox.NamedNode]
    completed: frozenset[ox.NamedNode]


class After:
    """The store as a change will leave it, for the few patterns the state reads: the stored
    quads less the graphs the change replaces or drops, the subjects and quads it deletes, plus
    what it inserts (a :class:`ChangeSet` is applied in that order)."""

    def __init__(self, store: ox.Store, change: ChangeSet, *, read_store: bool = True) -> None:
        self.store = store
        self.read_store = read_store
        """False: the store holds no quad the state reads (no summary, no ``mbl:activity``), so
        only the change is read (a first import: no index lookup per node)."""
        self.gone_graphs = {ox.NamedNode(g) for g in (*change.replace, *change.drop)}
        self.gone_subjects = {(ox.NamedNode(g), ox.NamedNode(s)) for g, s in change.delete_subjects}
        self.deleted = set(change.delete)
        self._holds: dict[object, bool] = {}
        self.by_subject: dict[object, list[ox.Quad]] = {}
        self.by_promise: dict[object, set[object]] = {}
        self.by_reified: dict[object, set[object]] = {}
        for q in [*(q for qs in change.replace.values() for q in qs), *change.insert]:
            self.by_subject.setdefault(q.subject, []).append(q)
            if q.predicate == _SUMMARISED:
                self.by_promise.setdefault(q.object, set()).add(q.subject)
            elif q.predicate == _REIFIED:
                self.by_reified.setdefault(q.object, set()).add(q.subject)

    def _kept(self, q: ox.Quad) -> bool:
        g = q.graph_name
        return not (g in self.gone_graphs or (g, q.subject) in self.gone_subjects or q in self.deleted)

    def _stored(self, predicates: Iterable[ox.NamedNode]) -> bool:
        """Whether the store holds a quad of one of ``predicates`` (each asked once): a first
        import's store holds the reference data's frequencies but no summary or activity, so
        most lookups need not read an index (one lookup is about 5 µs on disk)."""
        if not self.read_store:
            return False
        for p in predicates:
            held = self._holds.get(p)
            if held is None:
                held = self._holds[p] = _stores_any(self.store, (p,))
            if held:
                return True
        return False

    def about(
        self,
        subject: ox.NamedNode,
        predicate: ox.NamedNode | None = None,
        among: Iterable[ox.NamedNode] | None = None,
    ) -> list[ox.Quad]:
        """The quads of ``subject`` (of ``predicate`` only, when given); ``among``: the only
        predicates the caller reads of them (the store is not read when it holds none)."""
        added = [q for q in self.by_subject.get(subject, ()) if predicate is None or q.predicate == predicate]
        if predicate is not None:
            if not self._stored((predicate,)):
                return added
        elif not self.read_store or (among is not None and not self._stored(among)):
            return added
        stored = [q for q in self.store.quads_for_pattern(subject, predicate, None, None) if self._kept(q)]
        return stored + added

    def reifying(self, subject: object) -> set[object]:
        """The nodes whose ``rdf:subject`` is ``subject`` (assumptions), as the change leaves them."""
        held = self._stored((_REIFIED,))
        stored = self.store.quads_for_pattern(None, _REIFIED, subject, None) if held else ()  # type: ignore[arg-type]
        return {q.subject for q in stored if self._kept(q)} | self.by_reified.get(subject, set())

    def summaries_of(self, promise: ox.NamedNode) -> set[ox.NamedNode]:
        stored = (
            self.store.quads_for_pattern(None, _SUMMARISED, promise, None)
            if self._stored((_SUMMARISED,))
            else ()
        )
        nodes: set[object] = {q.subject for q in stored if self._kept(q)}
        nodes |= self.by_promise.get(promise, set())
        return {n for n in nodes if isinstance(n, ox.NamedNode)}


def _summary(view: After, node: ox.NamedNode, promise: ox.NamedNode) -> Summary | None:
    values: dict[ox.NamedNode, set[object]] = {}
    for q in view.about(node, among=_SUMMARY_PREDICATES):
        if q.predicate in _SUMMARY_PREDICATES:
            values.setdefault(q.predicate, set()).add(q.object)
    if promise not in values.get(_SUMMARISED, ()):
        return None

    def named(p: ox.NamedNode) -> frozenset[ox.NamedNode]:
        return frozenset(v for v in values.get(p, ()) if isinstance(v, ox.NamedNode))

    def literal(p: ox.NamedNode) -> frozenset[ox.Literal]:
        return frozenset(v for v in values.get(p, ()) if isinstance(v, ox.Literal))

    return Summary(
        node=node.value,
        followups=named(MBL.summarisedFollowUp),
        starts=literal(MBL.summaryPeriodStart),
        ends=literal(MBL.summaryPeriodEnd),
        assessed=named(MBL.summaryAssessed),
        completed=named(MBL.summaryCompleted),
    )


def _date_key(lit: ox.Literal) -> tuple[str, str]:
    return (lit.value, lit.datatype.value)


def state_quads(
    minter: Minter, promise: ox.NamedNode, view: After, seen: set[str] | None = None
) -> list[ox.Quad]:
    """The state of ``promise`` as the change of ``view`` leaves the store (none when it has no
    follow-up whose period has an end); ``seen``: see :func:`kg.store.state_counts.count_quads`."""
    summaries = view.summaries_of(promise)
    if not summaries:
        return []
    # the ends of every summary first; the rest of a summary is read only when it is a latest
    ends = {
        n: [q.object for q in view.about(n, MBL.summaryPeriodEnd) if isinstance(q.object, ox.Literal)]
        for n in summaries
    }
    dated = [n for n in summaries if ends[n]]
    last = max((e for n in dated for e in ends[n]), key=_date_key) if dated else None
    read = (_summary(view, n, promise) for n in dated if last in ends[n])
    latest = sorted((s for s in read if s is not None), key=lambda s: s.node)
    linked = {q.object for q in view.about(promise, _ACTIVITY) if not isinstance(q.object, ox.Literal)}
    activities = {a for a in linked if isinstance(a, ox.NamedNode)}
    plans = plans_of(view, promise) if latest else []
    cat = ox.NamedNode(minter.graph_iri("catalogue"))
    node = ox.NamedNode(state_iri(minter, promise.value))
    pairs: list[tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]] = [
        (node, _TYPE, MBL.FollowUpState),
        (node, MBL.stateOf, promise),
        (node, MBL.stateVersion, _int(STATE_VERSION)),
        (node, MBL.stateSummaries, _int(len(summaries))),
        (node, MBL.stateFollowUps, _int(len(dated))),
    ]
    done_any: set[object] = set()
    for s in latest:
        end = max(s.ends, key=_date_key)  # the promise's last end: s is among the latest
        here = ox.NamedNode(f"{node.value}/{_digest(s.node, 12)}")
        done = sorted((a for a in s.completed & s.assessed if a in activities), key=str)
        pairs += [
            (node, MBL.stateLatest, here),
            (here, _TYPE, MBL.LatestFollowUp),
            (here, MBL.latestOf, promise),
            (here, MBL.latestPeriodEnd, end),
            (here, MBL.latestFollowUps, _int(len(dated))),
            (here, MBL.latestActivities, _int(len(activities))),
            (here, MBL.latestAssessed, _int(len(s.assessed & activities))),
            (here, MBL.latestCompleted, _int(len(done))),
        ]
        fraction = share(len(done), len(activities))
        pairs += [(here, MBL.latestShare, fraction)] if fraction is not None else []
        due = overdue_from(end, plans) if isinstance(end, ox.Literal) else None
        pairs += [(here, MBL.latestOverdueFrom, due)] if due is not None else []
        pairs += [(here, MBL.latestFollowUp, f) for f in sorted(s.followups, key=str)]
        pairs += [(here, MBL.latestPeriodStart, d) for d in sorted(s.starts, key=_date_key)]
        pairs += [(here, MBL.latestDone, a) for a in done]
        done_any.update(done)
    quads = [ox.Quad(s, p, o, cat) for s, p, o in pairs]
    if latest:
        quads += count_quads(minter, view, node, promise, linked, done_any, cat, seen)
    return quads


def _stored_state(store: ox.Store, minter: Minter, promise: ox.NamedNode) -> list[tuple[str, str]]:
    """(graph, subject) of the state nodes ``promise`` has in ``store``."""
    cat = minter.graph_iri("catalogue")
    node = ox.NamedNode(state_iri(minter, promise.value))
    found = store.quads_for_pattern(node, MBL.stateLatest, None, None)
    latest = [q.object.value for q in found if isinstance(q.object, ox.NamedNode)]
    return [(cat, node.value), *((cat, n) for n in latest)]


def touched_promises(store: ox.Store, change: ChangeSet) -> set[ox.NamedNode]:
    """The promises whose state ``change`` may change (see the module's text)."""
    out: set[object] = set()
    for q in (*change.insert, *change.delete):
        if q.predicate == _SUMMARISED:
            out.add(q.object)
        elif q.predicate == _ACTIVITY:
            out.add(q.subject)
        elif q.predicate in _SUMMARY_PREDICATES:
            out.update(o.object for o in store.quads_for_pattern(q.subject, _SUMMARISED, None, None))
        elif q.predicate in COUNTED or (q.predicate == _TYPE and q.object == MBL.Assumption):
            out.update(promises_of(store, q))
    for g, s in change.delete_subjects:
        found = store.quads_for_pattern(ox.NamedNode(s), _SUMMARISED, None, ox.NamedNode(g))
        out.update(q.object for q in found)
    for g in (*change.replace, *change.drop):
        out.update(q.subject for q in store.quads_for_pattern(None, _ACTIVITY, None, ox.NamedNode(g)))
    for qs in change.replace.values():
        out.update(q.subject for q in qs if q.predicate == _ACTIVITY)
    out |= planned_promises(store, change)
    return {p for p in out if isinstance(p, ox.NamedNode)}


def with_state(store: ox.Store, change: ChangeSet, minter: Minter | None = None) -> ChangeSet:
    """``change`` with the state of every promise it touches deleted and written again as the
    change leaves the store (one transaction); ``change`` itself when it touches none. State
    quads the change brings itself (a restored dump's) are left to this recomputation."""
    minter = minter or Minter()
    promises = touched_promises(store, change)
    if not promises:
        return change
    prefix = state_prefix(minter)
    view = After(store, change)
    deleted = list(change.delete_subjects)
    inserted = [q for q in change.insert if not str(q.subject).startswith("<" + prefix)]
    seen: set[str] = set()
    for promise in sorted(promises, key=str):
        deleted += _stored_state(store, minter, promise)
        inserted += state_quads(minter, promise, view, seen)
    return replace(change, delete_subjects=deleted, insert=inserted)


def bulk_state(store: ox.Store, data: bytes, minter: Minter | None = None) -> tuple[bytes, ChangeSet]:
    """The state of the promises a bulk load of ``data`` (N-Quads that only add) touches, as the
    load will leave the store, computed before it from what ``data`` says and what is stored:
    N-Quads to load with ``data`` for the promises that have no state stored yet, and a change
    that replaces the stored state of the others (a bulk load cannot delete), applied after it."""
    (state,), change = load_state(store, [loaded_quads(data, minter)], minter)
    return state, change


def load_state(
    store: ox.Store,
    loads: Sequence[Sequence[ox.Quad]],
    minter: Minter | None = None,
    touched: Sequence[set[ox.NamedNode]] | None = None,
) -> tuple[list[bytes], ChangeSet]:
    """:func:`_load_state` without Python's cyclic garbage collector: it builds about a million
    small objects (quads, sets, dicts of a view) that hold no cycle, and each collection it would
    trigger walks every object of the import's process (nationally about 0.7 s of 1.6 s of CPU,
    benchmarks/NOTES.md)."""
    with without_cyclic_gc():
        return _load_state(store, loads, minter, touched)


def _load_state(
    store: ox.Store,
    loads: Sequence[Sequence[ox.Quad]],
    minter: Minter | None = None,
    touched: Sequence[set[ox.NamedNode]] | None = None,
) -> tuple[list[bytes], ChangeSet]:
    """:func:`bulk_state` of several bulk loads (an import's), computed once before the first:
    ``loads`` holds, for each load, the quads of it that the state reads (:func:`loaded_quads`
    of its N-Quads, or :func:`state_lines` of its documents), ``touched`` what
    :func:`touched_by` gives for them (when the caller has it). The state of each promise the
    loads touch, as all of them leave the store, is made once: for each load, the N-Quads to
    load with it (the states of the promises without a stored state whose last touching load,
    in the order of ``loads``, it is: a load killed before it leaves them without a state, which
    :func:`state_complete` sees), and one change that replaces the stored states of the others,
    applied after the last load. That holds when every load touching a promise is written before
    the one its state goes into: the loads one after the other, or in streams that are each
    written in order and share no promise (:mod:`kg.ingest.bulk`)."""
    minter = minter or Minter()
    everything = [q for load in loads for q in load]
    last: dict[ox.NamedNode, int] = {}
    for i, promises in enumerate(touched_by(store, loads) if touched is None else touched):
        for p in promises:
            last[p] = i
    view = After(store, ChangeSet(insert=everything), read_store=_stores_any(store, _LOADED))
    cat = ox.NamedNode(minter.graph_iri("catalogue"))
    states = _stores_any(store, (MBL.stateOf,), cat)
    added: list[list[ox.Quad]] = [[] for _ in loads]
    change = ChangeSet()
    seen: dict[int, set[str]] = {}  # the shared nodes of counts of each load (-1: the change)
    for promise in sorted(last, key=str):
        node = ox.NamedNode(state_iri(minter, promise.value))
        if not states or next(iter(store.quads_for_pattern(node, None, None, cat)), None) is None:
            added[last[promise]] += state_quads(minter, promise, view, seen.setdefault(last[promise], set()))
        else:
            change.delete_subjects += _stored_state(store, minter, promise)
            change.insert += state_quads(minter, promise, view, seen.setdefault(-1, set()))
    out = [(ox.serialize(a, format=ox.RdfFormat.N_QUADS) or b"") if a else b"" for a in added]
    return out, change


def state_change(
    store: ox.Store, promises: Iterable[ox.NamedNode], minter: Minter | None = None
) -> ChangeSet:
    """The state of ``promises`` written again from the store as it is (after a bulk load)."""
    minter = minter or Minter()
    view = After(store, ChangeSet())
    change = ChangeSet()
    seen: set[str] = set()
    for promise in sorted(set(promises), key=str):
        change.delete_subjects += _stored_state(store, minter, promise)
        change.insert += state_quads(minter, promise, view, seen)
    return change


# -- complete? ------------------------------------------------------------------------------------


def write_state(store: GraphStore, minter: Minter, *, per_write: int = 1000, force: bool = False) -> int:
    """Write the follow-up state of every promise with follow-ups again, from the store as it is
    (``kg init`` on a store written before the state existed, bulk-loaded without it, or whose
    state is stale; ``force``: even when it looks complete, after summaries were rewritten
    without it); the number of promises written. Each batch of ``per_write`` is one
    transaction."""
    from kg.store.core import OxigraphStore

    if not isinstance(store, OxigraphStore) or (not force and state_complete(store, minter)):
        return 0
    raw = store.raw
    cat = ox.NamedNode(minter.graph_iri("catalogue"))
    nodes: set[object] = {q.subject for q in raw.quads_for_pattern(None, MBL.stateOf, None, cat)}
    nodes |= {q.object for q in raw.quads_for_pattern(None, MBL.stateLatest, None, cat)}
    named_nodes = [n for n in nodes if isinstance(n, ox.NamedNode)]
    stale = [q for n in named_nodes for q in raw.quads_for_pattern(n, None, None, cat)]
    named = (q.object for q in raw.quads_for_pattern(None, _SUMMARISED, None, cat))
    promises = sorted({o for o in named if isinstance(o, ox.NamedNode)}, key=str)
    if stale:
        store.apply(ChangeSet(delete=stale, state=False))
    written = 0
    for i in range(0, len(promises), per_write):
        change = state_change(raw, promises[i : i + per_write], minter)
        change.state = False
        written += sum(1 for q in change.insert if q.predicate == MBL.stateOf)
        store.apply(change)
    return written
