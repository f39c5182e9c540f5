"""What the resource pages show: the models of a promise, a municipality, a concept and any other
resource the project mints, read from the graph for :mod:`kg.server.pages` to render (provenance
and source passages included)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.server.context import PREFIXES, ServerContext
from kg.server.marks import AssumedValue, assumed_on, assumptions_of, is_example
from kg.server.scope import SCOPE_SCHEMES, activity_scope, municipality_areas, promise_scope, scope_uses
from kg.server.view import RDF_TYPE, N, PropertyView, Term, TermView, View, prefixed

# -- resource pages -----------------------------------------------------------------------------

MBL = PREFIXES["mbl"]


@dataclass
class Provenance:
    graphs: list[TermView] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)
    licences: list[TermView] = field(default_factory=list)


def provenance(view: View, iri: str) -> Provenance:
    """Where the statements about ``iri`` come from: graphs, source documents, catalogue records."""
    node = ox.NamedNode(iri)
    graphs = list(
        dict.fromkeys(
            q.graph_name
            for q in view.store.quads_for_pattern(node, None, None, None)
            if isinstance(q.graph_name, ox.NamedNode)
        )
    )
    prov = Provenance(graphs=[view.term(g) for g in graphs])
    docs: list[ox.NamedNode] = []
    for g in graphs:
        local = view.ctx.local_path(g.value)
        if local and local.startswith("graph/"):
            doc_iri = view.ctx.iri_of("id/" + local[len("graph/") :])
            if doc_iri and doc_iri != iri and view.exists(doc_iri):
                docs.append(ox.NamedNode(doc_iri))
    targets = [node, *docs]
    for target in targets:
        for src in view.objs(target, N("prov:wasDerivedFrom")):
            if isinstance(src, ox.Literal):
                continue
            exact = [view.text(sel, N("oa:exact")) for sel in view.objs(src, N("oa:hasSelector"))]
            prov.sources.append(
                {
                    "term": view.term(src),
                    "title": view.text(src, N("dct:title")),
                    "sha256": view.text(src, N("mbl:sha256")),
                    "passages": [e for e in exact if e],
                }
            )
        for rec in view.subjects(N("foaf:primaryTopic"), target):
            prov.records.append(
                {
                    "term": view.term(rec),
                    "file": view.text(rec, N("dct:title")),
                    "sha256": view.text(rec, N("mbl:sha256")),
                    "modified": view.text(rec, N("dct:modified")),
                    "tool": view.text(rec, N("mbl:toolVersion")),
                }
            )
            prov.licences.extend(view.terms(view.objs(rec, N("dct:license"))))
        prov.licences.extend(view.terms(view.objs(target, N("dct:license"))))
    return prov


def passages(view: View, item: Term) -> list[str]:
    out: list[str] = []
    for src in view.objs(item, N("prov:wasDerivedFrom")):
        for sel in view.objs(src, N("oa:hasSelector")):
            text = view.text(sel, N("oa:exact"))
            if text:
                out.append(text)
    return out


PAGE_VALUES = 500
"""Most values a page shows of one property of a resource, and most links to it; the rest are
counted (``PropertyView.more``) and read from the RDF or with SPARQL (a national catalogue has
7,407 ``dcat:record`` values: the whole list made a 1 MB page in 3 s)."""


def properties(view: View, iri: str) -> tuple[list[PropertyView], list[PropertyView], bool]:
    """The resource's properties and the links to it, as its page shows them, and whether the
    links were cut at :data:`PAGE_VALUES`."""
    node = ox.NamedNode(iri)
    out: dict[str, PropertyView] = {}
    shown: set[tuple[str, str | None, str | None, str | None]] = set()
    for q in view.store.quads_for_pattern(node, None, None, None):
        pv = out.setdefault(q.predicate.value, PropertyView(view.term(q.predicate)))
        if len(pv.values) >= PAGE_VALUES:
            pv.more += 1
            continue
        tv = view.term(q.object)
        key = (q.predicate.value, tv.label, tv.href, tv.lang)
        if key not in shown:
            shown.add(key)
            pv.values.append(tv)
    incoming: dict[str, PropertyView] = {}
    linked: set[tuple[str, str | None]] = set()
    cut = False
    for n, q in enumerate(view.store.quads_for_pattern(None, None, node, None)):
        if n >= PAGE_VALUES:  # a class or a concept may have 100,000 links: not counted
            cut = True
            break
        pv = incoming.setdefault(q.predicate.value, PropertyView(view.term(q.predicate)))
        tv = view.term(q.subject)
        if (q.predicate.value, tv.href) not in linked:
            linked.add((q.predicate.value, tv.href))
            pv.values.append(tv)
    ordered = sorted(out.values(), key=lambda p: (p.predicate.iri != RDF_TYPE.value, p.predicate.label))
    return ordered, sorted(incoming.values(), key=lambda p: p.predicate.label), cut


def promise_model(view: View, iri: str) -> dict[str, Any]:
    p = ox.NamedNode(iri)

    def ordered(pred: str) -> list[Term]:
        return sorted(view.objs(p, N(pred)), key=view.order)

    period = view.obj(p, N("dct:temporal"))
    assumed = assumptions_of(view, iri)
    activities = []
    for a in ordered("mbl:activity"):
        freq = view.obj(a, N("mbl:frequency"))
        scope = activity_scope(view, a)
        activities.append(
            {
                "term": view.term(a),
                "description": view.text(a, N("dct:description")) or view.text(a, N("dct:title")),
                "types": view.terms(view.objs(a, N("mbl:activityType"))),
                "responsible": actor_terms(view, view.objs(a, N("mbl:responsibleActor")), assumed),
                "partners": actor_terms(view, view.objs(a, N("mbl:partner")), assumed),
                "frequency": view.term(freq) if freq is not None else None,
                "frequency_text": view.text(a, N("mbl:frequencyText")),
                "quantity": view.text(a, N("mbl:quantity")),
                "places": view.terms(
                    x for x in view.objs(a, N("schema:location")) if str(x) not in scope["area_iris"]
                ),
                "areas": scope["areas"],
                "audience": scope["audience"],
                "addresses": view.terms(view.objs(a, N("mbl:addresses"))),
                "passages": passages(view, a),
                "assumed": assumed_on(assumed, a),
            }
        )
    priorities = [
        {
            "term": view.term(pr),
            "title": view.text(pr, N("dct:title")),
            "areas": view.terms(view.objs(pr, N("mbl:priorityArea"))),
            "aim": view.text(pr, N("mbl:aim")),
            "passages": passages(view, pr),
            "assumed": assumed_on(assumed, pr),
        }
        for pr in ordered("mbl:priority")
    ]
    outcomes = [
        {
            "term": view.term(o),
            "description": view.text(o, N("dct:description")),
            "indicators": view.terms(view.objs(o, N("mbl:indicator"))),
            "indicator_text": view.text(o, N("mbl:indicatorText")),
            "passages": passages(view, o),
        }
        for o in ordered("mbl:expectedOutcome")
    ]
    situation = view.obj(p, N("mbl:situationPicture"))
    problems = []
    if situation is not None:
        problems = [
            {
                "description": view.text(pb, N("dct:description")),
                "areas": view.terms(view.objs(pb, N("mbl:priorityArea"))),
                "places": view.terms(view.objs(pb, N("schema:location"))),
                "passages": passages(view, pb),
            }
            for pb in sorted(view.objs(situation, N("mbl:problem")), key=view.order)
        ]
    plan = view.obj(p, N("mbl:followUpPlan"))
    followups = followup_history(view, p, [str(a) for a in ordered("mbl:activity")])
    signatures = []
    for s in view.objs(p, N("mbl:signature")):
        person = view.obj(s, N("mbl:signatory"))
        post = view.obj(s, N("mbl:post"))
        signatures.append(
            {
                "person": view.label(person) if person is not None else "",
                "post": view.label(post) if post is not None else "",
                "for": view.terms(view.objs(s, N("mbl:signedFor"))),
                "place": view.text(s, N("mbl:signingPlace")),
                "date": view.text(s, N("dct:date")) or view.text(s, N("mbl:dateText")),
            }
        )
    return {
        "title": view.text(p, N("dct:title")) or view.label(p),
        "description": view.text(p, N("dct:description")),
        "municipalities": view.terms(view.objs(p, N("mbl:municipality"))),
        "police": view.terms(view.objs(p, N("mbl:policeUnit"))),
        "start": view.text(period, N("dcat:startDate")) if period is not None else None,
        "end": view.text(period, N("dcat:endDate")) if period is not None else None,
        "verbatim": view.text(period, N("mbl:verbatim")) if period is not None else None,
        "issued": view.text(p, N("dct:issued")),
        "situation": view.text(situation, N("dct:description")) if situation is not None else None,
        "problems": problems,
        "priorities": priorities,
        "activities": activities,
        "outcomes": outcomes,
        "plan": (
            {
                "description": view.text(plan, N("dct:description")),
                "frequency": view.terms(view.objs(plan, N("mbl:frequency"))),
                "channels": view.terms(view.objs(plan, N("mbl:channel"))),
            }
            if plan is not None
            else None
        ),
        "followups": followups,
        "signatures": signatures,
        "example": is_example(view, iri),
        "assumptions": assumed,
        "assumed": assumed_on(assumed, p),
        **promise_scope(view, p),
    }


def actor_terms(view: View, actors: Iterable[Term], assumed: list[AssumedValue]) -> list[TermView]:
    """Actors as a page shows them; a post ("Rektorn", ``org:Post``) with the organisation it is
    in beside it ("Rektorn (Ekebyskolan)"), marked where that is an assumption: the post's label
    alone does not say whose post it is."""
    out = []
    for actor in actors:
        tv = view.term(actor)
        post = isinstance(actor, ox.NamedNode) and any(
            True for _ in view.store.quads_for_pattern(actor, RDF_TYPE, N("org:Post"), None)
        )
        if post:
            tv.within = view.terms(sorted(view.objs(actor, N("org:postIn")), key=view.label))
            tv.within_assumed = any(
                a.node == str(actor) and a.property.iri == N("org:postIn").value for a in assumed
            )
        out.append(tv)
    return out


def followup_history(view: View, promise: Term, activities: list[str]) -> dict[str, Any]:
    """The promise's follow-ups in time order, and each activity's status in each of them
    (``rows``: one per activity, by its N-Triples form; ``cells`` aligned with ``columns``; None
    where the follow-up does not assess it)."""
    columns: list[dict[str, Any]] = []
    for f in view.subjects(N("mbl:followsUp"), promise):
        period = view.obj(f, N("dct:temporal"))
        start = (view.text(period, N("dcat:startDate")) if period is not None else None) or ""
        end = (view.text(period, N("dcat:endDate")) if period is not None else None) or ""
        key = (view.text(period, N("mbl:verbatim")) if period is not None else None) or f"{start}–{end}"
        by_activity: dict[str, dict[str, Any]] = {}
        for s in view.objs(f, N("mbl:assessment")):
            for a in view.objs(s, N("mbl:assessedActivity")):
                by_activity[str(a)] = {
                    "status": view.terms(view.objs(s, N("mbl:status"))),
                    "occasions": view.text(s, N("mbl:occasions")),
                    "comment": view.text(s, N("dct:description")),
                    "evidence": view.terms(view.objs(s, N("mbl:evidence"))),
                }
        columns.append(
            {
                "term": view.term(f),
                "key": key,
                "start": start,
                "end": end,
                "issued": view.text(f, N("dct:issued")),
                "by_activity": by_activity,
            }
        )
    columns.sort(key=lambda c: (c["start"], c["end"], str(c["term"].iri)))
    rows = [{"activity": iri, "cells": [c["by_activity"].get(iri) for c in columns]} for iri in activities]
    return {"columns": columns, "rows": rows}


def municipality_model(view: View, iri: str) -> dict[str, Any]:
    m = ox.NamedNode(iri)
    promises: list[dict[str, Any]] = []
    terms: list[Term] = []
    for p in view.subjects(N("mbl:municipality"), m):
        if not view.has_type(p, N("mbl:CitizenPromise")):
            continue
        terms.append(p)
        period = view.obj(p, N("dct:temporal"))
        start = view.text(period, N("dcat:startDate")) if period is not None else None
        end = view.text(period, N("dcat:endDate")) if period is not None else None
        areas: dict[str, TermView] = {}
        for prio in view.objs(p, N("mbl:priority")):
            for a in view.objs(prio, N("mbl:priorityArea")):
                areas.setdefault(str(a), view.term(a))
        promises.append(
            {
                "term": view.term(p),
                "title": view.text(p, N("dct:title")) or view.label(p),
                "start": start or "",
                "end": end or "",
                "priorities": len(view.objs(p, N("mbl:priority"))),
                "activities": len(view.objs(p, N("mbl:activity"))),
                "areas": list(areas.values()),
                "example": isinstance(p, ox.NamedNode) and is_example(view, p.value),
            }
        )
    promises.sort(key=lambda x: (x["start"], x["end"]))
    years = [int(x[:4]) for pr in promises for x in (pr["start"], pr["end"]) if x[:4].isdigit()]
    timeline = None
    if years:
        y0, y1 = min(years), max(years) + 1
        span = max(1, y1 - y0)
        bars = []
        for i, pr in enumerate(promises):
            s = int(pr["start"][:4]) if pr["start"][:4].isdigit() else y0
            e = (int(pr["end"][:4]) + 1) if pr["end"][:4].isdigit() else s + 1
            bars.append(
                {
                    "x": 10 + 560 * (s - y0) / span,
                    "w": max(4.0, 560 * (e - s) / span),
                    "y": 22 * i + 4,
                    "label": pr["title"],
                    "href": pr["term"].href,
                }
            )
        timeline = {
            "bars": bars,
            "height": 22 * len(bars) + 30,
            "ticks": [{"x": 10 + 560 * (y - y0) / span, "year": y} for y in range(y0, y1 + 1)],
        }
    return {
        "promises": promises,
        "timeline": timeline,
        "areas": municipality_areas(view, terms),
        "territories": view.terms(view.objs(m, N("dct:spatial"))),
    }


def concept_model(view: View, iri: str) -> dict[str, Any]:
    """Which municipalities a priority area or an activity type occurs in, and through what."""
    c = ox.NamedNode(iri)
    found: dict[str, dict[str, Any]] = {}

    def add(promise: Term, via: TermView | None) -> None:
        for m in view.objs(promise, N("mbl:municipality")):
            entry = found.setdefault(str(m), {"municipality": view.term(m), "promises": {}})
            entry["promises"].setdefault(str(promise), {"term": view.term(promise), "via": []})
            if via is not None:  # None: the promise itself (its own target group)
                entry["promises"][str(promise)]["via"].append(via)

    for item in view.subjects(N("mbl:priorityArea"), c):
        for promise in view.subjects(N("mbl:priority"), item):
            add(promise, view.term(item))
    for item in view.subjects(N("mbl:activityType"), c):
        for promise in view.subjects(N("mbl:activity"), item):
            add(promise, view.term(item))
    for promise, item in scope_uses(view, c):
        add(promise, view.term(item) if item != promise else None)
    entries: list[dict[str, Any]] = sorted(found.values(), key=lambda e: e["municipality"].label.lower())
    for entry in entries:
        entry["promises"] = list(entry["promises"].values())
    schemes = view.terms(view.objs(c, N("skos:inScheme")))
    return {
        "rows": entries,
        "schemes": schemes,
        "definition": view.text(c, N("skos:definition")),
        "alt": sorted({lit.value for lit in view.objs(c, N("skos:altLabel")) if isinstance(lit, ox.Literal)})[
            :30
        ],
    }


def page_kind(view: View, iri: str) -> str:
    node = ox.NamedNode(iri)
    if view.has_type(node, N("mbl:CitizenPromise")):
        return "promise"
    if view.has_type(node, N("skos:Concept")) and (
        view.subjects(N("mbl:priorityArea"), node)
        or view.subjects(N("mbl:activityType"), node)
        or any(
            str(s).endswith(("/priority-area>", "/activity-type>"))
            for s in view.objs(node, N("skos:inScheme"))
        )
        or any(str(s).endswith(SCOPE_SCHEMES) for s in view.objs(node, N("skos:inScheme")))
    ):
        return "concept"
    if re.search(r"/id/org/kommun-\d{4}$", iri) or any(
        view.has_type(p, N("mbl:CitizenPromise")) for p in view.subjects(N("mbl:municipality"), node)
    ):
        return "municipality"
    return "resource"


def resource_model(ctx: ServerContext, view: View, iri: str) -> tuple[str, dict[str, Any]]:
    """The template and values of the page of one IRI (run in a worker thread)."""
    kind = page_kind(view, iri)
    props, incoming, incoming_cut = properties(view, iri)
    types = view.terms(view.objs(iri, RDF_TYPE))
    values: dict[str, Any] = {
        "iri": iri,
        "label": view.label(iri),
        "types": types,
        "props": props,
        "incoming": incoming,
        "incoming_cut": incoming_cut,
        "page_values": PAGE_VALUES,
        "prov": provenance(view, iri),
        "kind": kind,
        "prefixed": prefixed(iri),
        "example": is_example(view, iri),
    }
    if kind == "promise":
        values["promise"] = promise_model(view, iri)
    elif kind == "municipality":
        values["municipality"] = municipality_model(view, iri)
    elif kind == "concept":
        values["concept"] = concept_model(view, iri)
    return {"promise": "promise.html", "municipality": "municipality.html", "concept": "concept.html"}.get(
        kind, "resource.html"
    ), values
