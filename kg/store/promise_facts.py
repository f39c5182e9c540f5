"""Derived facts of one promise, written beside its catalogue record so aggregates read few rows.

The national aggregates over priority areas (priority-cooccurrence, priority-areas-ranked) join
every priority of every promise (and, for the pairs, every pair of them) with the promise's
place, period and example flag: at 10x scale 100,000s of rows before anything is counted. What
they need from a promise depends on that promise's document only, so an import computes it once
(:func:`promise_facts`, in the import workers beside :func:`kg.store.history.count_document`) and
writes it in the catalogue graph, in the same transaction as the record
(:func:`kg.store.catalogue.record_change`), as a node ``id/record/<doc_id>/facts``
(``mbl:PromiseFacts``):

* the promise (``mbl:factsAbout``), its record (``mbl:factsOf``), the version of these facts
  (``mbl:factsVersion``, :data:`FACTS_VERSION`);
* its municipalities and areas as the document states them (``mbl:factMunicipality``,
  ``mbl:factTerritory``), those of its municipalities that are an assumption
  (``mbl:factAssumedMunicipality``; usually none) and its example flag as stated
  (``mbl:factIsExample``);
* the years its period covers (``mbl:factYear``, from the start's year to the end's) and
  whether that period is an assumption (``mbl:factPeriodAssumed true``: its start or end is the
  object of an ``mbl:Assumption``; written only then, usually not);
* its distinct priority areas (``mbl:factPriorityArea``) and those it reaches only through an
  assumed priority or area (``mbl:factAssumedPriorityArea``; usually none);
* every two of those areas (``mbl:factAreaPair``), each pair a node ``id/area-pair/<hash>``
  naming its two areas (``mbl:pairFirst``, ``mbl:pairSecond``, the first before the second as
  strings), and the pairs with an area reached only through an assumption
  (``mbl:factAssumedAreaPair``). A pair's node is shared by every promise with that pair: its
  two triples are a function of its IRI, written by every promise that has it and never
  removed (an orphan says nothing of any document);
* its activities grouped by their set of responsible actors (``mbl:factActorGroup``): for each
  set, a node ``id/actor-group/<hash>`` naming the actors (``mbl:groupActor``) and how many of
  the promise's activities have exactly that set (``mbl:groupActivities``), shared like a pair's
  by every promise with the same set and number; the same of the actors the document states,
  leaving out those that are an assumption (``mbl:factStatedActorGroup``). The actors' types
  are not in the facts: an actor's type may be stated by the reference data rather than the
  document, so the queries read it from the store. A promise with a responsible actor that is
  not an IRI (a blank node, which no shared node can name) gets no facts at all, so that a
  store holding one is read through the documents (:func:`facts_complete`).

They are derived, never source data (ontology/mbl.ttl says so of each predicate): made-up
examples keep their flag, so the queries reading them leave examples out as before, and the
assumed variants let ``excludeAssumed`` leave assumed values out (an optional join of a few rows:
the assumed values are few, the stated ones many). A follow-up has no facts here.
Because they live and die with the record, every write path keeps them in step: an import
(and what goes through one: replace, pull, restore, the authoring forms) rewrites them with the
record, a removal removes them with it (one subject, deleted with the record's).

:func:`facts_complete` says whether every promise record of a store has facts of this version
(a store written before them has none): only then do the saved queries read them
(:mod:`kg.query.derived`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from kg.iris import Minter
from kg.namespaces import OX, sparql_prefixes
from kg.sparql_text import bound_query
from kg.store.core import GraphStore
from kg.store.derived_checks import FACTS_VERSION as FACTS_VERSION
from kg.store.derived_checks import facts_complete as facts_complete

MBL, DCT, DCAT, XSD, RDF = OX.mbl, OX.dct, OX.dcat, OX.xsd, OX.rdf
_TYPE = RDF.type
_DATE = XSD.date.value
_PROMISE, _ASSUMPTION = MBL.CitizenPromise, MBL.Assumption
_READ = frozenset(
    {
        *(RDF.subject, RDF.predicate, RDF.object),  # an assumption's
        *(MBL.municipality, DCT.spatial, DCT.temporal, DCAT.startDate, DCAT.endDate, MBL.isExample),
        *(MBL.priority, MBL.priorityArea, MBL.activity, MBL.responsibleActor),
    }
)
"""The predicates :func:`promise_facts` reads (an rdf:type apart): the triples of others are
passed over without reading their subject and object."""


@dataclass(frozen=True)
class PromiseFacts:
    """What one promise document says that the aggregates count (IRIs and lexical forms:
    picklable, so the import workers compute it)."""

    promise: str
    municipalities: tuple[str, ...] = ()
    assumed_municipalities: tuple[str, ...] = ()
    territories: tuple[str, ...] = ()
    examples: tuple[tuple[str, str], ...] = ()
    """The promise's ``mbl:isExample`` values, each (lexical form, datatype IRI)."""
    years: tuple[int, ...] = ()
    period_assumed: bool = False
    """Whether the start or end of a period of the promise is an assumption."""
    areas: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()
    """Every two of ``areas``, the first before the second by code point (as SPARQL orders
    their IRIs as strings)."""
    assumed_areas: tuple[str, ...] = ()
    actor_groups: tuple[tuple[tuple[str, ...], int], ...] = ()
    """For each set of responsible actors of some activity (sorted IRIs), the number of the
    promise's activities with exactly that set."""
    stated_actor_groups: tuple[tuple[tuple[str, ...], int], ...] = ()
    """The same, of the responsible actors that are not an assumption (an activity whose every
    actor is assumed is in no group)."""


def _iri(term: object) -> str | None:
    return term.value if isinstance(term, ox.NamedNode) else None


def _year(term: object) -> int | None:
    if not isinstance(term, ox.Literal) or term.datatype.value != _DATE:
        return None
    text = term.value
    head = text[:4]
    return int(head) if len(text) >= 10 and head.isdigit() and text[4] == "-" else None


def promise_facts(quads: Iterable[ox.Quad] | Iterable[ox.Triple]) -> PromiseFacts | None:
    """The facts of the promise in a document's triples (one pass, no store), or None when the
    document states no ``mbl:CitizenPromise`` (a follow-up), or more than one."""
    by_subject: dict[object, dict[object, list[object]]] = {}  # of the predicates read
    promises: list[object] = []
    assumptions: list[object] = []
    for q in quads:
        predicate = q.predicate
        if predicate == _TYPE:
            kind = q.object
            if kind == _PROMISE:
                promises.append(q.subject)
            elif kind == _ASSUMPTION:
                assumptions.append(q.subject)
        elif predicate in _READ:
            by_subject.setdefault(q.subject, {}).setdefault(predicate, []).append(q.object)
    if len(set(promises)) != 1 or not isinstance(promises[0], ox.NamedNode):
        return None
    promise = promises[0]

    assumed: set[tuple[object, object, object]] = set()
    for a in assumptions:
        p = by_subject.get(a, {})
        for s in p.get(RDF.subject, []):
            for pr in p.get(RDF.predicate, []):
                for o in p.get(RDF.object, []):
                    assumed.add((s, pr, o))

    def values(subject: object, predicate: ox.NamedNode) -> list[object]:
        return list(dict.fromkeys(by_subject.get(subject, {}).get(predicate, [])))

    municipalities = values(promise, MBL.municipality)
    assumed_municipalities = [m for m in municipalities if (promise, MBL.municipality, m) in assumed]
    years: set[int] = set()
    period_assumed = False
    for period in values(promise, DCT.temporal):
        for start in values(period, DCAT.startDate):
            for end in values(period, DCAT.endDate):
                first, last = _year(start), _year(end)
                if first is not None and last is not None:
                    years.update(range(first, last + 1))
                if (period, DCAT.startDate, start) in assumed or (period, DCAT.endDate, end) in assumed:
                    period_assumed = True
    areas: set[str] = set()
    stated_areas: set[str] = set()
    for priority in values(promise, MBL.priority):
        for area in values(priority, MBL.priorityArea):
            name = _iri(area)
            if name is None:
                continue
            areas.add(name)
            through = ((promise, MBL.priority, priority), (priority, MBL.priorityArea, area))
            if not any(t in assumed for t in through):
                stated_areas.add(name)
    groups: dict[tuple[str, ...], int] = {}
    stated_groups: dict[tuple[str, ...], int] = {}
    for activity in values(promise, MBL.activity):
        actors = values(activity, MBL.responsibleActor)
        if not all(isinstance(a, ox.NamedNode) for a in actors):
            return None  # a blank-node actor: no shared node can name it (see the module's text)
        if not actors:
            continue
        key = tuple(sorted(a.value for a in actors if isinstance(a, ox.NamedNode)))
        groups[key] = groups.get(key, 0) + 1
        stated = tuple(
            sorted(
                a.value
                for a in actors
                if isinstance(a, ox.NamedNode) and (activity, MBL.responsibleActor, a) not in assumed
            )
        )
        if stated:
            stated_groups[stated] = stated_groups.get(stated, 0) + 1
    ordered = sorted(areas)
    examples = [
        (v.value, v.datatype.value) for v in values(promise, MBL.isExample) if isinstance(v, ox.Literal)
    ]
    return PromiseFacts(
        promise=promise.value,
        municipalities=tuple(sorted(m for m in map(_iri, municipalities) if m)),
        assumed_municipalities=tuple(sorted(m for m in map(_iri, assumed_municipalities) if m)),
        territories=tuple(sorted(t for t in map(_iri, values(promise, DCT.spatial)) if t)),
        examples=tuple(sorted(examples)),
        years=tuple(sorted(years)),
        period_assumed=period_assumed,
        areas=tuple(sorted(areas)),
        assumed_areas=tuple(sorted(areas - stated_areas)),
        pairs=tuple((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :]),
        actor_groups=tuple(sorted(groups.items())),
        stated_actor_groups=tuple(sorted(stated_groups.items())),
    )


def facts_iri(minter: Minter, doc_id: str) -> str:
    return minter.id_iri(f"record/{doc_id}/facts")


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD.integer)


def pair_iri(minter: Minter, first: str, second: str) -> str:
    """The node of a pair of priority areas (``id/area-pair/<hash>``): a function of the two
    IRIs only, so every promise with that pair links the same node."""
    digest = hashlib.sha1(f"{first} {second}".encode(), usedforsecurity=False).hexdigest()[:20]
    return minter.id_iri(f"area-pair/{digest}")


def actor_group_iri(minter: Minter, actors: tuple[str, ...], activities: int) -> str:
    """The node of a set of responsible actors with a number of activities
    (``id/actor-group/<hash>``): a function of the sorted IRIs and the number only, so every
    promise with that group links the same node."""
    text = " ".join(actors) + f" {activities}"
    digest = hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:20]
    return minter.id_iri(f"actor-group/{digest}")


def facts_quads(minter: Minter, doc_id: str, facts: PromiseFacts) -> list[ox.Quad]:
    """The quads of a promise's facts, in the catalogue graph: its node, and the nodes of its
    pairs of areas and of its groups of actors (the same triples whichever promise writes them;
    such a node is never removed, like a concept: a function of its IRI, it says nothing of any
    document)."""
    cat = ox.NamedNode(minter.graph_iri("catalogue"))
    node = ox.NamedNode(facts_iri(minter, doc_id))
    n = ox.NamedNode
    pairs: list[tuple[ox.NamedNode, ox.NamedNode | ox.Literal]] = [
        (_TYPE, MBL.PromiseFacts),
        (MBL.factsOf, n(minter.id_iri(f"record/{doc_id}"))),
        (MBL.factsVersion, _int(FACTS_VERSION)),
        (MBL.factsAbout, n(facts.promise)),
    ]
    pairs += [(MBL.factMunicipality, n(m)) for m in facts.municipalities]
    pairs += [(MBL.factAssumedMunicipality, n(m)) for m in facts.assumed_municipalities]
    pairs += [(MBL.factTerritory, n(t)) for t in facts.territories]
    pairs += [(MBL.factIsExample, ox.Literal(v, datatype=n(d))) for v, d in facts.examples]
    pairs += [(MBL.factYear, _int(y)) for y in facts.years]
    if facts.period_assumed:
        pairs.append((MBL.factPeriodAssumed, ox.Literal("true", datatype=XSD.boolean)))
    pairs += [(MBL.factPriorityArea, n(a)) for a in facts.areas]
    pairs += [(MBL.factAssumedPriorityArea, n(a)) for a in facts.assumed_areas]
    assumed = set(facts.assumed_areas)
    for first, second in facts.pairs:
        pair = n(pair_iri(minter, first, second))
        pairs.append((MBL.factAreaPair, pair))
        if first in assumed or second in assumed:
            pairs.append((MBL.factAssumedAreaPair, pair))
    shared: dict[str, tuple[tuple[str, ...], int]] = {}
    for link, groups in (
        (MBL.factActorGroup, facts.actor_groups),
        (MBL.factStatedActorGroup, facts.stated_actor_groups),
    ):
        for actors, count in groups:
            group = actor_group_iri(minter, actors, count)
            shared[group] = (actors, count)
            pairs.append((link, n(group)))
    quads = [ox.Quad(node, p, o, cat) for p, o in pairs]
    for first, second in facts.pairs:
        pair = n(pair_iri(minter, first, second))
        quads += [ox.Quad(pair, MBL.pairFirst, n(first), cat), ox.Quad(pair, MBL.pairSecond, n(second), cat)]
    for group, (actors, count) in shared.items():
        quads += [ox.Quad(n(group), MBL.groupActor, n(a), cat) for a in actors]
        quads.append(ox.Quad(n(group), MBL.groupActivities, _int(count), cat))
    return quads


def facts_subject(minter: Minter, doc_id: str) -> tuple[str, str]:
    """(graph, subject) of a document's facts: what ``ChangeSet.delete_subjects`` removes with
    the record, whether the document had facts or not."""
    return minter.graph_iri("catalogue"), facts_iri(minter, doc_id)


_PROMISE_RECORDS = (
    sparql_prefixes("mbl", "dct")
    + """SELECT ?id ?graph WHERE {
  GRAPH ?cat {
    ?rec dct:type "promise" ; dct:identifier ?id ; mbl:namedGraph ?graph .
    FILTER NOT EXISTS { ?facts mbl:factsOf ?rec ; mbl:factsVersion ?version }
  }
}"""
)


def write_facts(store: GraphStore, minter: Minter, *, per_write: int = 512) -> int:
    """Write the facts of every promise record that has none of the current version, from its
    stored graph (a store written before the facts existed, or bulk-loaded without them;
    ``kg init`` calls it); the number of promises written. Each batch of ``per_write`` is one
    transaction."""
    from kg.store.core import ChangeSet

    if facts_complete(store, minter):
        return 0
    values: dict[str, ox.NamedNode | ox.Literal] = {
        "cat": ox.NamedNode(minter.graph_iri("catalogue")),
        "version": _int(FACTS_VERSION),
    }
    rows = [(r["id"].value, r["graph"].value) for r in store.query(bound_query(_PROMISE_RECORDS, values))]
    change = ChangeSet()
    written = 0
    for doc_id, graph in rows:
        facts = promise_facts(store.quads(graph))
        change.delete_subjects.append(facts_subject(minter, doc_id))
        if facts is not None:
            change.insert += facts_quads(minter, doc_id, facts)
            written += 1
        if len(change.delete_subjects) >= per_write:
            store.apply(change)
            change = ChangeSet()
    if change:
        store.apply(change)
    return written
