"""The scorecard read from a store: a few whole-store SELECTs, assembled per municipality.

What it reads: every promise with its municipality, period, example flag and the frequency of
its follow-up plan; every follow-up and the promise it follows up; every activity of a promise
and whether it has a responsible actor, a frequency and a type; the assumptions per named graph;
the catalogue records (validation counts per document) and the revisions the imports recorded
(:mod:`kg.store.history`). Made-up examples (``mbl:isExample true``) are left out unless
``include_examples``. The graph and the catalogue graph are put into the queries as constants
(serialised pyoxigraph terms); no text from a user reaches a query.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import pyoxigraph as ox

from kg.errors import InputError
from kg.iris import Minter
from kg.names import MUNICIPALITY, MunicipalityInfo, bundled_names
from kg.namespaces import OX
from kg.quality.model import (
    Counts,
    MunicipalityQuality,
    PromiseQuality,
    Scorecard,
    followups_announced,
)
from kg.quality.timeline import changes_of, history_of
from kg.query.text import bound_query
from kg.store.core import GraphStore
from kg.store.history import Revision, read_history

# Single-pattern scans, joined here by dictionaries: at national scale Oxigraph answers one
# pattern per query in a few milliseconds, while the same joins written as one query look each
# row up (10-16 s on a loaded machine for 7,400 documents). The predicate, class and catalogue
# graph are put in as constants (serialised pyoxigraph terms), never as text.
_PAIRS = "SELECT ?s ?o WHERE { ?s ?p ?o }"
_TYPED = "SELECT ?s ?g WHERE { GRAPH ?g { ?s ?type ?class } }"
_IN_GRAPH = "SELECT ?s ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
MBL, DCT, DCAT, FOAF = OX.mbl, OX.dct, OX.dcat, OX.foaf


def _pairs(store: GraphStore, predicate: ox.NamedNode, graph: ox.NamedNode | None = None) -> dict[str, str]:
    """Subject -> object (its value) of every triple with ``predicate`` (the first object of each)."""
    if graph is None:
        query = bound_query(_PAIRS, {"p": predicate})
    else:
        query = bound_query(_IN_GRAPH, {"p": predicate, "g": graph})
    out: dict[str, str] = {}
    for row in store.query(query):
        out.setdefault(row[0].value, row[1].value)
    return out


def _subjects(store: GraphStore, predicate: ox.NamedNode) -> set[str]:
    return {row[0].value for row in store.query(bound_query(_PAIRS, {"p": predicate}))}


def _typed(store: GraphStore, cls: ox.NamedNode) -> list[tuple[str, str]]:
    """(subject, named graph) of every instance of ``cls``."""
    query = bound_query(_TYPED, {"type": OX.rdf.type, "class": cls})
    return [(row[0].value, row[1].value) for row in store.query(query)]


@dataclass
class _Doc:
    """A document of the store, as the scorecard needs it."""

    iri: str
    graph: str
    municipality: str
    example: bool
    doc_id: str | None = None
    counts: Counts = field(default_factory=Counts)


def scorecard(
    store: GraphStore,
    minter: Minter,
    municipalities: Iterable[MunicipalityInfo],
    *,
    only: str | None = None,
    include_examples: bool = False,
    as_of: date | None = None,
) -> Scorecard:
    """The scorecard of every municipality of the reference data (``municipalities``) and of any
    other municipality a promise names; with ``only`` (a municipality's IRI), of that one alone.
    Follow-ups due are counted up to ``as_of`` (default: today); a promise covers the year of
    ``as_of`` when it is current."""
    day = as_of or date.today()
    promises: dict[str, PromiseQuality] = {}
    docs: dict[str, _Doc] = {}
    left_out = 0
    examples = {k for k, v in _pairs(store, MBL.isExample).items() if v in ("true", "1")}
    municipality_of = _pairs(store, MBL.municipality)
    temporal, starts, ends = (_pairs(store, p) for p in (DCT.temporal, DCAT.startDate, DCAT.endDate))
    plans, frequencies = _pairs(store, MBL.followUpPlan), _pairs(store, MBL.frequency)
    per_year_of = {k: float(v) for k, v in _pairs(store, MBL.occurrencesPerYear).items()}
    for iri, graph in _typed(store, MBL.CitizenPromise):
        if iri in promises or iri not in municipality_of:
            continue
        example = iri in examples
        if example and not include_examples:
            left_out += 1
            continue
        period = temporal.get(iri)
        start, end = (starts.get(period), ends.get(period)) if period else (None, None)
        per_year = per_year_of.get(frequencies.get(plans.get(iri, ""), ""))
        expected, due = followups_announced(start, end, per_year, day)
        promises[iri] = PromiseQuality(
            iri,
            None,
            start,
            end,
            example,
            per_year,
            expected if per_year else None,
            due if per_year else None,
        )
        docs[iri] = _Doc(iri, graph, municipality_of[iri], example)
    follows = _pairs(store, MBL.followsUp)
    for iri, graph in _typed(store, MBL.FollowUp):
        promise = follows.get(iri)
        if iri in docs or promise is None:
            continue
        if iri in examples and not include_examples:
            left_out += 1
            continue
        if promise not in promises:  # its promise is an example left out, or not in the store
            continue
        promises[promise].followups += 1
        docs[iri] = _Doc(iri, graph, docs[promise].municipality, iri in examples)
    activities: dict[str, list[str]] = defaultdict(list)
    for row in store.query(bound_query(_PAIRS, {"p": MBL.activity})):
        activities[row[0].value].append(row[1].value)
    actor, typed = _subjects(store, MBL.responsibleActor), _subjects(store, MBL.activityType)
    for iri, acts in activities.items():
        doc = docs.get(iri)
        if doc is not None:
            unique = set(acts)
            c = doc.counts
            c.activities = len(unique)
            c.with_actor = len(unique & actor)
            c.with_frequency = sum(1 for a in unique if a in frequencies)
            c.with_type = len(unique & typed)
    by_graph = {d.graph: d for d in docs.values()}
    for _, graph in _typed(store, MBL.Assumption):
        graph_doc = by_graph.get(graph)
        if graph_doc is not None:
            graph_doc.counts.assumptions += 1
    cat = ox.NamedNode(str(minter.catalogue_graph))
    topic, ident = _pairs(store, FOAF.primaryTopic, cat), _pairs(store, DCT.identifier, cat)
    v, w, i = (_pairs(store, p, cat) for p in (MBL.violations, MBL.warnings, MBL.infos))
    for rec, document in topic.items():
        doc = docs.get(document)
        if doc is not None and doc.doc_id is None and rec in ident:
            doc.doc_id = ident[rec]
            doc.counts.violations, doc.counts.warnings, doc.counts.infos = (
                int(x.get(rec, "0")) for x in (v, w, i)
            )
    for iri, p in promises.items():
        p.doc_id = docs[iri].doc_id
        p.counts = docs[iri].counts
    history = read_history(store, minter, [d.doc_id for d in docs.values() if d.doc_id])
    return _assemble(docs, promises, history, municipalities, only, include_examples, day, left_out)


def _assemble(
    docs: dict[str, _Doc],
    promises: dict[str, PromiseQuality],
    history: list[Revision],
    municipalities: Iterable[MunicipalityInfo],
    only: str | None,
    include_examples: bool,
    day: date,
    left_out: int,
) -> Scorecard:
    cards: dict[str, MunicipalityQuality] = {
        m.iri: MunicipalityQuality(m.iri, m.code, m.short or m.name, current_year=day.year)
        for m in municipalities
        if m.iri
    }
    for d in docs.values():
        if d.municipality not in cards:  # a municipality the reference data does not know
            tail = d.municipality.rsplit("/", 1)[-1]
            cards[d.municipality] = MunicipalityQuality(d.municipality, None, tail, current_year=day.year)
    revisions: dict[str, list[Revision]] = defaultdict(list)
    for r in history:
        revisions[r.doc_id].append(r)
    per_muni: dict[str, list[_Doc]] = defaultdict(list)
    for d in docs.values():
        per_muni[d.municipality].append(d)
    every: list[Revision] = []
    for iri, card in cards.items():
        mine = per_muni.get(iri, [])
        for d in mine:
            card.counts.violations += d.counts.violations
            card.counts.warnings += d.counts.warnings
            card.counts.infos += d.counts.infos
            card.counts.assumptions += d.counts.assumptions
            if d.iri in promises:
                p = promises[d.iri]
                card.promises.append(p)
                for name in ("activities", "with_actor", "with_frequency", "with_type"):
                    setattr(card.counts, name, getattr(card.counts, name) + getattr(d.counts, name))
                card.followups += p.followups
                if p.per_year:
                    card.followups_due += p.due or 0
                    card.followups_expected += p.expected or 0
                else:
                    card.without_plan_frequency += 1
        card.promises.sort(key=lambda p: (p.start or "", p.iri))
        recorded = [r for d in mine if d.doc_id for r in revisions.get(d.doc_id, [])]
        every.extend(recorded)
        card.history = history_of(recorded)
        card.changes = changes_of(recorded)
        card.without_history = sorted(
            d.doc_id or d.iri for d in mine if not (d.doc_id and revisions.get(d.doc_id))
        )
    chosen = (
        [cards[only]]
        if only is not None and only in cards
        else []
        if only is not None
        else list(cards.values())
    )
    chosen.sort(key=lambda c: (c.name.lower(), c.iri))
    return Scorecard(
        day.isoformat(),
        include_examples,
        chosen,
        history=history_of(every, by_day=True),
        examples_left_out=left_out,
    )


def resolve_municipality(value: str) -> MunicipalityInfo:
    """A municipality by SCB code, name, genitive or slug (the one resolver, :mod:`kg.names`); an
    :class:`InputError` naming the value and the nearest names when it names none or several."""
    names = bundled_names()
    info = names.municipality(value)
    if info is not None:
        return info
    found = names.lookup(MUNICIPALITY, value)
    raise InputError(
        f"okänd kommun / unknown municipality: {value!r}",
        where="--municipality",
        hint=(f"{found.hint()} " if found.matches or found.suggestions else "")
        + "Ange namnet (Linköping, Linköpings kommun) eller SCB-koden (0580)"
        " / give the name or the 4-digit SCB code.",
    )


def load_scorecard(
    store: GraphStore,
    minter: Minter,
    *,
    municipality: str | None = None,
    include_examples: bool = False,
    as_of: date | None = None,
) -> Scorecard:
    """The scorecard of the country, or of the municipality that ``municipality`` names."""
    only = resolve_municipality(municipality).iri if municipality else None
    every = bundled_names().municipalities.values()
    return scorecard(store, minter, every, only=only, include_examples=include_examples, as_of=as_of)
