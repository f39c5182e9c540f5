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
from kg.namespaces import sparql_prefixes
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

_PROMISES = (
    sparql_prefixes("mbl", "dct", "dcat")
    + """
SELECT ?p ?g ?m ?start ?end ?ex ?perYear WHERE {
  GRAPH ?g { ?p a mbl:CitizenPromise ; mbl:municipality ?m }
  OPTIONAL { ?p dct:temporal ?t . ?t dcat:startDate ?start . OPTIONAL { ?t dcat:endDate ?end } }
  OPTIONAL { ?p mbl:isExample ?ex }
  OPTIONAL { ?p mbl:followUpPlan ?plan . ?plan mbl:frequency ?f . ?f mbl:occurrencesPerYear ?perYear }
}
"""
)

_FOLLOWUPS = (
    sparql_prefixes("mbl")
    + """
SELECT ?f ?g ?p ?ex WHERE {
  GRAPH ?g { ?f a mbl:FollowUp ; mbl:followsUp ?p }
  OPTIONAL { ?f mbl:isExample ?ex }
}
"""
)

_ACTIVITIES = (
    sparql_prefixes("mbl")
    + """
SELECT ?p (COUNT(DISTINCT ?a) AS ?n) (COUNT(DISTINCT ?ar) AS ?ra) (COUNT(DISTINCT ?af) AS ?rf)
       (COUNT(DISTINCT ?at) AS ?rt) WHERE {
  ?p mbl:activity ?a .
  OPTIONAL { ?a mbl:responsibleActor ?r BIND(?a AS ?ar) }
  OPTIONAL { ?a mbl:frequency ?fr BIND(?a AS ?af) }
  OPTIONAL { ?a mbl:activityType ?ty BIND(?a AS ?at) }
} GROUP BY ?p
"""
)

_ASSUMPTIONS = (
    sparql_prefixes("mbl")
    + """
SELECT ?g (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?g { ?a a mbl:Assumption } } GROUP BY ?g
"""
)

_RECORDS = (
    sparql_prefixes("mbl", "dct", "dcat", "foaf")
    + """
SELECT ?doc ?id ?v ?w ?i WHERE {
  GRAPH ?cat {
    ?rec a dcat:CatalogRecord ; foaf:primaryTopic ?doc ; dct:identifier ?id ;
         mbl:violations ?v ; mbl:warnings ?w ; mbl:infos ?i .
  }
}
"""
)


def _value(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str | None:
    return None if term is None else str(term.value)


def _true(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> bool:
    return term is not None and term.value in ("true", "1")


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
    for row in store.query(_PROMISES):
        iri, example = row["p"].value, _true(row["ex"])
        if iri in promises:  # a second frequency or period: the first one counts
            continue
        if example and not include_examples:
            left_out += 1
            continue
        per_year = float(row["perYear"].value) if row["perYear"] is not None else None
        start, end = _value(row["start"]), _value(row["end"])
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
        docs[iri] = _Doc(iri, row["g"].value, row["m"].value, example)
    for row in store.query(_FOLLOWUPS):
        iri, promise, example = row["f"].value, row["p"].value, _true(row["ex"])
        if iri in docs:
            continue
        if example and not include_examples:
            left_out += 1
            continue
        if promise not in promises:  # its promise is an example left out, or not in the store
            continue
        promises[promise].followups += 1
        docs[iri] = _Doc(iri, row["g"].value, docs[promise].municipality, example)
    for row in store.query(_ACTIVITIES):
        doc = docs.get(row["p"].value)
        if doc is not None:
            c = doc.counts
            c.activities, c.with_actor, c.with_frequency, c.with_type = (
                int(row[k].value) for k in ("n", "ra", "rf", "rt")
            )
    by_graph = {d.graph: d for d in docs.values()}
    for row in store.query(_ASSUMPTIONS):
        graph_doc = by_graph.get(row["g"].value)
        if graph_doc is not None:
            graph_doc.counts.assumptions = int(row["n"].value)
    cat = ox.NamedNode(str(minter.catalogue_graph))
    for row in store.query(bound_query(_RECORDS, {"cat": cat})):
        doc = docs.get(row["doc"].value)
        if doc is not None and doc.doc_id is None:
            doc.doc_id = row["id"].value
            doc.counts.violations, doc.counts.warnings, doc.counts.infos = (
                int(row[k].value) for k in ("v", "w", "i")
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
