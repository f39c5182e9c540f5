"""The scorecard read from a store: a few whole-store SELECTs, assembled per municipality.

What it reads: every promise with its municipality, period and the frequency of its follow-up
plan; every follow-up and the promise it follows up; the made-up examples; and the revisions the
imports recorded (:mod:`kg.store.history`), whose latest gives each document's findings,
assumptions and activities (with a responsible actor, a frequency, a type): about 15,000 rows at
national scale, where reading the activities, assumptions and records themselves took 170,000.
Only for a document without revisions (imported before kg kept them) are its activities,
assumptions and catalogue record read. Made-up examples (``mbl:isExample true``) are left out unless
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
from kg.namespaces import OX, sparql_prefixes
from kg.quality.model import (
    Counts,
    MunicipalityQuality,
    PromiseQuality,
    Scorecard,
    followups_announced,
)
from kg.quality.timeline import changes_of, counts_of, history_of
from kg.sparql_text import bound_query
from kg.store.core import GraphStore
from kg.store.history import Revision, read_history

# Single-pattern scans for documents without revisions, joined here by dictionaries. The
# predicate, class and catalogue graph are put in as constants (serialised pyoxigraph terms).
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
    municipalities: list[str]
    """the promise's municipalities (one, or several for a joint promise); a follow-up's promise's"""
    example: bool
    doc_id: str | None = None
    counts: Counts = field(default_factory=Counts)


# The promises with what the scorecard says of them, and the follow-ups with their promise. Each
# pattern is a sub-select: Oxigraph joins sub-selects by hashing (160 ms for 2,320 promises) where
# it would look each promise up again for every further pattern (420 ms).
_PROMISES = (
    sparql_prefixes("mbl", "dct", "dcat")
    + """
SELECT ?p ?m ?start ?end ?perYear WHERE {
  { SELECT ?p WHERE { GRAPH ?g { ?p a mbl:CitizenPromise } } }
  { SELECT ?p ?m WHERE { ?p mbl:municipality ?m } }
  OPTIONAL {
    { SELECT ?p ?t WHERE { ?p dct:temporal ?t } }
    OPTIONAL { { SELECT ?t ?start WHERE { ?t dcat:startDate ?start } } }
    OPTIONAL { { SELECT ?t ?end WHERE { ?t dcat:endDate ?end } } }
  }
  OPTIONAL {
    { SELECT ?p ?plan WHERE { ?p mbl:followUpPlan ?plan } }
    { SELECT ?plan ?f WHERE { ?plan mbl:frequency ?f } }
    { SELECT ?f ?perYear WHERE { ?f mbl:occurrencesPerYear ?perYear } }
  }
}
"""
)
_FOLLOWUPS = (
    sparql_prefixes("mbl")
    + """
SELECT ?f ?p WHERE {
  { SELECT ?f WHERE { GRAPH ?g { ?f a mbl:FollowUp } } }
  { SELECT ?f ?p WHERE { ?f mbl:followsUp ?p } }
}
"""
)


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
    ``as_of`` when it is current.

    A document's counts are those its latest revision recorded (:mod:`kg.store.history`: the
    import counted them in the graph it wrote, which nothing but an import changes); a document
    without revisions (imported before kg kept them) is counted in its graph and its record."""
    day = as_of or date.today()
    promises: dict[str, PromiseQuality] = {}
    docs: dict[str, _Doc] = {}
    left_out = 0
    examples = {k for k, v in _pairs(store, MBL.isExample).items() if v in ("true", "1")}
    for row in store.query(_PROMISES):
        iri = row[0].value
        if iri in promises:  # a joint promise: one row for each of its municipalities
            if row[1].value not in docs[iri].municipalities:
                docs[iri].municipalities.append(row[1].value)
            continue
        example = iri in examples
        if example and not include_examples:
            left_out += 1
            continue
        start, end, rate = (None if row[k] is None else row[k].value for k in (2, 3, 4))
        per_year = float(rate) if rate is not None else None
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
        docs[iri] = _Doc(iri, [row[1].value], example)
    for row in store.query(_FOLLOWUPS):
        iri, promise = row[0].value, row[1].value
        if iri in docs:
            continue
        if iri in examples and not include_examples:
            left_out += 1
            continue
        if promise not in promises:  # its promise is an example left out, or not in the store
            continue
        promises[promise].followups += 1
        docs[iri] = _Doc(iri, docs[promise].municipalities, iri in examples)
    history = _latest_counts(store, minter, docs)
    for iri, p in promises.items():
        p.doc_id = docs[iri].doc_id
        p.counts = docs[iri].counts
    return _assemble(docs, promises, history, municipalities, only, include_examples, day, left_out)


def _doc_id(minter: Minter, iri: str) -> str | None:
    try:
        return minter.doc_id_of(iri)
    except ValueError:
        return None


def _latest_counts(store: GraphStore, minter: Minter, docs: dict[str, _Doc]) -> list[Revision]:
    """Fill in each document's ID and counts from its latest revision (from its graph and record
    when it has none); the revisions of these documents."""
    ids = {doc_id: d for d in docs.values() if (doc_id := _doc_id(minter, d.iri))}
    history = read_history(store, minter, ids)
    for r in history:  # by document, then revision: the latest comes last
        d = ids[r.doc_id]
        d.doc_id = r.doc_id
        d.counts = counts_of(r)
    without = {iri: d for iri, d in docs.items() if d.doc_id is None}
    if without:
        _counts_from_graphs(store, minter, without)
    return history


def _counts_from_graphs(store: GraphStore, minter: Minter, docs: dict[str, _Doc]) -> None:
    """The counts of documents without revisions: activities and assumptions in the store,
    findings and the document ID in the catalogue records."""
    frequencies = _pairs(store, MBL.frequency)
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
    graph_of = {iri: g for iri, g in _typed(store, MBL.CitizenPromise) + _typed(store, MBL.FollowUp)}
    by_graph = {graph_of[iri]: d for iri, d in docs.items() if iri in graph_of}
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
        for m in d.municipalities:
            if m not in cards:  # a municipality the reference data does not know
                cards[m] = MunicipalityQuality(m, None, m.rsplit("/", 1)[-1], current_year=day.year)
    revisions: dict[str, list[Revision]] = defaultdict(list)
    for r in history:
        revisions[r.doc_id].append(r)
    per_muni: dict[str, list[_Doc]] = defaultdict(list)
    for d in docs.values():
        for m in d.municipalities:
            per_muni[m].append(d)
    for iri, card in cards.items():
        mine = per_muni.get(iri, [])
        for d in mine:
            card.counts.add(_counted(d, promises))
            if d.iri in promises:
                p = promises[d.iri]
                card.promises.append(p)
                card.followups += p.followups
                if p.per_year:
                    card.followups_due += p.due or 0
                    card.followups_expected += p.expected or 0
                else:
                    card.without_plan_frequency += 1
        card.promises.sort(key=lambda p: (p.start or "", p.iri))
        recorded = [r for d in mine if d.doc_id for r in revisions.get(d.doc_id, [])]
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
    shown = {c.iri for c in chosen}
    mentioned = [d for d in docs.values() if shown.intersection(d.municipalities)]
    totals = Counts()
    for d in mentioned:  # a joint promise counts once, however many of its municipalities are shown
        totals.add(_counted(d, promises))
    return Scorecard(
        day.isoformat(),
        include_examples,
        chosen,
        history=history_of([r for rs in revisions.values() for r in rs], by_day=True),
        examples_left_out=left_out,
        totals=totals,
    )


def _counted(d: _Doc, promises: dict[str, PromiseQuality]) -> Counts:
    """What a document adds to a scorecard's counts: its findings and assumptions, and for a
    promise its activities."""
    out = Counts(
        violations=d.counts.violations,
        warnings=d.counts.warnings,
        infos=d.counts.infos,
        assumptions=d.counts.assumptions,
    )
    if d.iri in promises:
        for name in ("activities", "with_actor", "with_frequency", "with_type"):
            setattr(out, name, getattr(d.counts, name))
    return out


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
