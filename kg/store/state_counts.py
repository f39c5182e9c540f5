"""Per promise with follow-ups: its activities and those done, counted per priority area and per
activity type, as part of its follow-up state (:mod:`kg.store.followup_state`).

fulfilment-by-priority-area and fulfilment-by-activity-type count, for the promises with a latest
follow-up, their distinct activities per priority area (promise -> activity -> priority -> area)
or per activity type, and how many of those the latest follow-up found genomförd. Read from the
documents that is a join of three blocks of about 128,000 rows at 10x scale (benchmarks/NOTES.md);
kept here, it is one link per promise and area (or type) to a small shared node of counts:

* ``mbl:stateAreaCount`` / ``mbl:stateTypeCount`` from the promise's ``mbl:FollowUpState`` to a
  node ``id/state-count/<hash>`` naming the area or type (``mbl:countOf``), the number
  of the promise's activities that reach it (``mbl:countActivities``), of those that reach it
  without an assumed link (``mbl:countStated``: what ``excludeAssumed`` counts), the same two of
  the activities done at the latest follow-up (``mbl:countDone``, ``mbl:countStatedDone``) and
  the promise's ``mbl:isExample`` values as stated (``mbl:countIsExample``, so the query applies
  the documents' filter of examples to them). The node is a function of its IRI (its key is
  everything it says), shared by every promise with the same counts, never removed.

An activity reaches an area through a priority it addresses (``mbl:addresses``) whose
``mbl:priorityArea`` is that area; the path rests on an assumption when the area, the priority
the activity addresses, or the promise's ``mbl:priority`` of that priority is an
``mbl:Assumption`` (as the documents' form reads them). The sums over promises are the queries'
distinct counts because an activity is of one promise (activities are minted under their
promise; the shapes do not forbid a hand-written document to name another promise's activity,
which the sums would then count once per promise).

Only promises with a latest follow-up get counts: the state's other promises are not counted by
the queries either.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Set
from functools import lru_cache

import pyoxigraph as ox

from kg.iris import Minter
from kg.namespaces import OX

MBL, RDF, XSD = OX.mbl, OX.rdf, OX.xsd
_ADDRESSES, _AREA, _TYPE_OF, _EXAMPLE = MBL.addresses, MBL.priorityArea, MBL.activityType, MBL.isExample
_PRIORITY, _ASSUMPTION, _RDF_TYPE = MBL.priority, MBL.Assumption, RDF.type
_SUBJECT, _PREDICATE, _OBJECT = RDF.subject, RDF.predicate, RDF.object
_LINKS = (MBL.stateAreaCount, MBL.stateTypeCount)
_COUNTS = (MBL.countOf, MBL.countActivities, MBL.countStated, MBL.countDone, MBL.countStatedDone)
_COUNT_EXAMPLE = MBL.countIsExample
COUNTED = (
    MBL.addresses,
    MBL.priorityArea,
    MBL.activityType,
    MBL.isExample,
    RDF.subject,
    RDF.predicate,
    RDF.object,
)
"""Predicates (besides ``mbl:activity`` and an assumption's type) whose triples the counts read."""

Term = ox.NamedNode | ox.BlankNode | ox.Literal


@lru_cache(maxsize=256)
def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD.integer)


def count_iri(minter: Minter, key: str) -> str:
    """The shared node of counts (``id/state-count/<hash>``): a function of everything it says.
    Outside the state's own nodes, like a pair of areas (kg.store.promise_facts): no write of
    one promise's state removes it."""
    digest = hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:24]
    return minter.id_iri(f"state-count/{digest}")


class Lookup:
    """What the counts read of the store as a change leaves it (a
    :class:`kg.store.followup_state.After`): the objects of a subject's predicate (remembered),
    and assumptions."""

    def __init__(self, view: object) -> None:
        self.view = view
        self._about: dict[tuple[object, object], set[object]] = {}
        self._assumptions: dict[object, list[tuple[set[object], set[object]]]] = {}

    def objects(self, subject: object, predicate: ox.NamedNode) -> set[object]:
        # one predicate at a time: every quad read from an on-disk store is decoded, and an
        # activity's other triples (its label, description ...) are many
        key = (subject, predicate)
        found = self._about.get(key)
        if found is None:
            found = set()
            if not isinstance(subject, ox.Literal):
                found = {q.object for q in self.view.about(subject, predicate)}  # type: ignore[attr-defined]
            self._about[key] = found
        return found

    def assumed(self, subject: object, predicate: ox.NamedNode, obj: object) -> bool:
        """Whether (subject, predicate, obj) is an ``mbl:Assumption`` (any graph)."""
        found = self._assumptions.get(subject)
        if found is None:
            found = []
            for node in self.view.reifying(subject):  # type: ignore[attr-defined]
                if _ASSUMPTION in self.objects(node, _RDF_TYPE):
                    found.append((self.objects(node, _PREDICATE), self.objects(node, _OBJECT)))
            self._assumptions[subject] = found
        return any(predicate in preds and obj in objs for preds, objs in found)


def promises_of(store: ox.Store, q: ox.Quad) -> set[object]:
    """The promises whose counts (:mod:`kg.store.state_counts`) a direct change of ``q`` may
    change: through the node it is about (an assumption's ``rdf:subject``), that node's
    activity, the priority it is, or the activities addressing that priority."""
    nodes: set[object] = {q.subject}
    if q.predicate == RDF.subject:
        nodes.add(q.object)
    elif q.predicate in (_PREDICATE, _OBJECT, _RDF_TYPE):
        nodes |= {r.object for r in store.quads_for_pattern(q.subject, RDF.subject, None, None)}
    out: set[object] = set(nodes)
    for n in nodes:
        if not isinstance(n, ox.NamedNode | ox.BlankNode):
            continue
        out |= {r.subject for r in store.quads_for_pattern(None, MBL.activity, n, None)}
        out |= {r.subject for r in store.quads_for_pattern(None, MBL.priority, n, None)}
        for a in store.quads_for_pattern(None, MBL.addresses, n, None):
            out |= {r.subject for r in store.quads_for_pattern(None, MBL.activity, a.subject, None)}
    return out


def line_pattern(predicates: Iterable[ox.NamedNode]) -> re.Pattern[bytes]:
    """A line the state reads: one of ``predicates``, or an assumption's type.
    The alternatives are grouped by namespace, so that a term that is none of them fails after
    its namespace (a flat alternation of a dozen IRIs tries each at every term: 4x slower)."""
    by_namespace: dict[str, list[str]] = {}
    for p in predicates:
        namespace, local = re.match(r"(.*[#/])([^#/]+)$", p.value).groups()  # type: ignore[union-attr]
        by_namespace.setdefault(namespace, []).append(re.escape(local))
    rdf = RDF.subject.value[: -len("subject")]
    by_namespace.setdefault(rdf, []).append(re.escape(f"type> <{MBL.Assumption.value}"))
    groups = "|".join(re.escape(ns) + "(?:" + "|".join(locals_) + ")" for ns, locals_ in by_namespace.items())
    return re.compile(f" <(?:{groups})> ".encode())


def _key(term: object) -> str:
    return str(term)


def count_quads(
    minter: Minter,
    view: object,
    node: ox.NamedNode,
    promise: ox.NamedNode,
    activities: Set[object],
    done: Set[object],
    cat: ox.NamedNode,
    seen: set[str] | None = None,
) -> list[ox.Quad]:
    """The count links of ``node`` (the promise's state) and their shared nodes' triples (but
    not again those of a node in ``seen``, the shared nodes a write already has: it is added
    to)."""
    look = Lookup(view)
    areas: dict[object, list[int]] = {}
    types: dict[object, list[int]] = {}
    for activity in activities:
        is_done = activity in done
        reached: set[object] = set()
        stated: set[object] = set()
        for priority in look.objects(activity, _ADDRESSES):
            for area in look.objects(priority, _AREA):
                reached.add(area)
                if not (
                    look.assumed(priority, _AREA, area)
                    or look.assumed(activity, _ADDRESSES, priority)
                    or look.assumed(promise, _PRIORITY, priority)
                ):
                    stated.add(area)
        kinds = look.objects(activity, _TYPE_OF)
        typed = {t for t in kinds if not look.assumed(activity, _TYPE_OF, t)}
        for table, all_, some in ((areas, reached, stated), (types, kinds, typed)):
            for concept in all_:
                row = table.setdefault(concept, [0, 0, 0, 0])
                row[0] += 1
                row[1] += concept in some
                row[2] += is_done
                row[3] += is_done and concept in some
    flags = sorted({q.object for q in view.about(promise, _EXAMPLE)}, key=_key)  # type: ignore[attr-defined]
    flag_key = " ".join(map(_key, flags))
    quads: list[ox.Quad] = []
    for link, table in zip(_LINKS, (areas, types), strict=True):
        for concept, (n, stated_n, d, stated_d) in sorted(table.items(), key=lambda kv: _key(kv[0])):
            key = f"{link.value} {_key(concept)} {n} {stated_n} {d} {stated_d} {flag_key}"
            iri = count_iri(minter, key)
            count = ox.NamedNode(iri)
            quads.append(ox.Quad(node, link, count, cat))
            if seen is not None:
                if iri in seen:
                    continue  # its triples are in this write already
                seen.add(iri)
            values = (concept, _int(n), _int(stated_n), _int(d), _int(stated_d))
            quads += [ox.Quad(count, p, o, cat) for p, o in zip(_COUNTS, values, strict=True)]  # type: ignore[arg-type]
            quads += [ox.Quad(count, _COUNT_EXAMPLE, f, cat) for f in flags]  # type: ignore[arg-type]
    return quads
