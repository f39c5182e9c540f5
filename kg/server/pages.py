"""The web interface: home, search, the SPARQL editor, and the pages of promises, municipalities,
priority areas and activity types (server-rendered HTML that reads without JavaScript).

Every value reaches the HTML through Jinja2 with autoescaping on, charts included (inline SVG).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from kg.errors import KgError
from kg.namespaces import sparql_prefixes
from kg.server import negotiation as neg
from kg.server.context import PREFIXES, ServerContext, context
from kg.server.i18n import lang_of, translator
from kg.server.marks import NOT_EXAMPLE, assumed_on, assumptions_of, is_example
from kg.server.scope import SCOPE_SCHEMES, activity_scope, municipality_areas, promise_scope, scope_uses
from kg.server.view import RDF_TYPE, N, PropertyView, Term, TermView, View, prefixed

# -- rendering ----------------------------------------------------------------------------------


def render(request: Request, template: str, status: int = 200, headers: dict[str, str] | None = None,
           **values: Any) -> HTMLResponse:
    ctx = context(request)
    lang = lang_of(request, ctx.settings.default_lang)
    other = "en" if lang == "sv" else "sv"
    params = dict(request.query_params)
    params["lang"] = other
    page = ctx.templates.get_template(template).render(
        t=translator(lang),
        lang=lang,
        root=ctx.settings.root_path,
        path=ctx.path,
        settings=ctx.settings,
        lang_switch=f"{request.url.path}?{urlencode(params)}",
        licence=ctx.settings.licence,
        **values,
    )
    h = {"Vary": "Accept, Accept-Language", "Content-Language": lang, **(headers or {})}
    return HTMLResponse(page, status_code=status, headers=h)


def render_error(request: Request, status: int, title: str, message: str,
                 headers: dict[str, str] | None = None) -> HTMLResponse:
    return render(request, "error.html", status=status, headers=headers, title=title, message=message)


# -- charts -------------------------------------------------------------------------------------


@dataclass
class Bar:
    label: str
    value: float
    href: str | None = None


@dataclass
class Chart:
    """A horizontal bar chart, drawn by the template as inline SVG."""

    title: str
    bars: list[Bar] = field(default_factory=list)

    @property
    def max(self) -> float:
        return max((b.value for b in self.bars), default=1.0) or 1.0

    @property
    def height(self) -> int:
        return 24 * len(self.bars) + 8


def chart_of(title: str, columns: list[str], rows: list[dict[str, TermView | None]]) -> Chart | None:
    """A chart when a result is an aggregate: one label column and one numeric column."""
    if not rows or len(columns) < 2 or len(rows) > 60:
        return None
    numeric = [c for c in columns if all(isinstance(r.get(c), TermView) and _is_number(r[c]) for r in rows)]
    labels = [c for c in columns if c not in numeric]
    if len(numeric) != 1 or not labels:
        return None
    n, lab = numeric[0], labels[0]
    bars = []
    for r in rows:
        tv = r.get(lab)
        v = r[n]
        assert v is not None
        bars.append(Bar(tv.label if tv else "", float(v.label), tv.href if tv else None))
    return Chart(title, bars)


def _is_number(tv: TermView | None) -> bool:
    if tv is None or not tv.literal:
        return False
    return bool(re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", tv.label))


# -- home and search ----------------------------------------------------------------------------

_MUNICIPALITIES = sparql_prefixes("mbl", "dct", "dcat") + """
SELECT ?m (COUNT(DISTINCT ?p) AS ?n) (MIN(?start) AS ?first) (MAX(?end) AS ?last) WHERE {
  ?p a mbl:CitizenPromise ; mbl:municipality ?m .
  """ + NOT_EXAMPLE + """
  OPTIONAL { ?p dct:temporal ?t . OPTIONAL { ?t dcat:startDate ?start } OPTIONAL { ?t dcat:endDate ?end } }
} GROUP BY ?m
"""

_AREAS = sparql_prefixes("mbl") + """
SELECT ?area (COUNT(DISTINCT ?m) AS ?n) WHERE {
  ?p a mbl:CitizenPromise ; mbl:municipality ?m ; mbl:priority ?pr . ?pr mbl:priorityArea ?area .
  """ + NOT_EXAMPLE + """
} GROUP BY ?area ORDER BY DESC(?n) ?area
"""

_COUNTS = sparql_prefixes("mbl") + """
SELECT (COUNT(DISTINCT ?p) AS ?promises) (COUNT(DISTINCT ?a) AS ?activities) (COUNT(DISTINCT ?m) AS ?munis)
WHERE { ?p a mbl:CitizenPromise . """ + NOT_EXAMPLE + """
        OPTIONAL { ?p mbl:municipality ?m } OPTIONAL { ?p mbl:activity ?a } }
"""


_LATEST = """
  { SELECT ?p (MAX(?e) AS ?end) WHERE { ?f0 mbl:followsUp ?p ; dct:temporal/dcat:endDate ?e } GROUP BY ?p }
  ?f mbl:followsUp ?p ; dct:temporal/dcat:endDate ?end .
  ?p mbl:activity ?a .
  """ + NOT_EXAMPLE + """
  FILTER NOT EXISTS { ?f mbl:isExample true }
  OPTIONAL { ?f mbl:assessment ?s . ?s mbl:assessedActivity ?a ;
             mbl:status status:genomford .
             BIND(?a AS ?done) }
"""

_FULFILMENT = sparql_prefixes("mbl", "dct", "dcat", "status") + """
SELECT (COUNT(DISTINCT ?p) AS ?promises) (COUNT(DISTINCT ?a) AS ?activities)
       (COUNT(DISTINCT ?done) AS ?completed)
WHERE {""" + _LATEST + "}"

_FULFILMENT_BY_AREA = sparql_prefixes("mbl", "dct", "dcat", "status") + """
SELECT ?area (COUNT(DISTINCT ?a) AS ?activities) (COUNT(DISTINCT ?done) AS ?completed)
WHERE {""" + _LATEST + """  ?a mbl:addresses/mbl:priorityArea ?area .
} GROUP BY ?area ORDER BY ?area
"""
"""National fulfilment (the saved queries followup-fulfilment and fulfilment-by-priority-area in
short): activities of followed-up promises, and those done at the promise's latest follow-up.
Made-up examples (``mbl:isExample``) count in none of the home page's national figures."""


@dataclass
class MunicipalityRow:
    municipality: TermView
    promises: int
    first: str
    last: str


def _year(term: Term | None) -> str:
    return term.value[:4] if isinstance(term, ox.Literal) else ""


async def _municipality_rows(ctx: ServerContext, view: View) -> list[MunicipalityRow]:
    rows = await ctx.engine.select(_MUNICIPALITIES)

    def build() -> list[MunicipalityRow]:
        out = [MunicipalityRow(view.term(r["m"]), int(r["n"].value), _year(r["first"]), _year(r["last"]))
               for r in rows if r["m"] is not None]
        return sorted(out, key=lambda r: r.municipality.label.lower())

    result: list[MunicipalityRow] = await ctx.engine.call(build)
    return result


async def home(request: Request) -> Response:
    ctx = context(request)
    lang = lang_of(request, ctx.settings.default_lang)
    view = View(ctx, lang)
    q = (request.query_params.get("q") or "").strip()
    municipalities = await _municipality_rows(ctx, view)
    if q:
        needle = q.lower()
        municipalities = [m for m in municipalities if needle in m.municipality.label.lower()]
    counts = (await ctx.engine.select(_COUNTS))[0]
    area_rows = await ctx.engine.select(_AREAS)
    t = translator(lang)

    def build_chart() -> Chart:
        return Chart(t("priority_areas_by_municipality"),
                     [Bar(view.label(r["area"]), float(r["n"].value), ctx.link(r["area"].value))
                      for r in area_rows])

    chart = await ctx.engine.call(build_chart)
    fulfilment = await _fulfilment(ctx, view, t)
    return render(request, "home.html", municipalities=municipalities, q=q, chart=chart,
                  counts={k: int(counts[k].value) for k in ("promises", "activities", "munis")},
                  triples=len(ctx.store.raw), fulfilment=fulfilment)


async def _fulfilment(ctx: ServerContext, view: View, t: Any) -> dict[str, Any] | None:
    """The national fulfilment figures and a chart by priority area (None before any follow-up)."""
    total = (await ctx.engine.select(_FULFILMENT))[0]
    promises = int(total["promises"].value) if total["promises"] is not None else 0
    if not promises:
        return None
    activities, completed = int(total["activities"].value), int(total["completed"].value)
    rows = await ctx.engine.select(_FULFILMENT_BY_AREA)

    def build() -> Chart:
        bars = [Bar(view.label(r["area"]),
                    round(100 * int(r["completed"].value) / max(1, int(r["activities"].value)), 1),
                    ctx.link(r["area"].value)) for r in rows]
        return Chart(t("fulfilment_by_area"), sorted(bars, key=lambda b: (-b.value, b.label)))

    chart: Chart = await ctx.engine.call(build)
    return {"promises": promises, "activities": activities, "completed": completed,
            "percent": round(100 * completed / activities) if activities else 0, "chart": chart}


async def search(request: Request) -> Response:
    q = request.query_params.get("q", "")
    ctx = context(request)
    params = {"q": q}
    if "lang" in request.query_params:
        params["lang"] = request.query_params["lang"]
    return RedirectResponse(ctx.path("") + "?" + urlencode(params) + "#kommuner", status_code=303)


# -- the SPARQL editor --------------------------------------------------------------------------

_EXAMPLE = sparql_prefixes("mbl", "skos") + """SELECT ?area (COUNT(DISTINCT ?promise) AS ?promises) WHERE {
  ?promise a mbl:CitizenPromise ; mbl:priority/mbl:priorityArea ?a .
  ?a skos:prefLabel ?area . FILTER(lang(?area) = "sv")
} GROUP BY ?area ORDER BY DESC(?promises)
"""


@dataclass
class Table:
    columns: list[str]
    rows: list[dict[str, TermView | None]]
    truncated: bool = False
    limit: int = 0
    boolean: bool | None = None


async def run_table(ctx: ServerContext, view: View, query: str) -> Table:
    from kg.server.engine import Dataset

    outcome = await ctx.engine.run(query, dataset=Dataset())

    def build() -> Table:
        if outcome.kind == "boolean":
            return Table([], [], boolean=outcome.boolean)
        if outcome.kind == "graph":
            cols = ["subject", "predicate", "object"]
            rows: list[dict[str, TermView | None]] = [
                {"subject": view.term(tr.subject), "predicate": view.term(tr.predicate),
                 "object": view.term(tr.object)} for tr in outcome.rows]
            return Table(cols, rows, outcome.truncated, outcome.limit)
        rows = [{v: (view.term(r[v]) if r[v] is not None else None) for v in outcome.variables}
                for r in outcome.rows]  # noqa: RUF100
        return Table(outcome.variables, rows, outcome.truncated, outcome.limit)

    table: Table = await ctx.engine.call(build)
    return table


async def sparql_editor(request: Request) -> Response:
    ctx = context(request)
    lang = lang_of(request, ctx.settings.default_lang)
    query = request.query_params.get("query")
    table: Table | None = None
    chart: Chart | None = None
    error: str | None = None
    status = 200
    if query:
        view = View(ctx, lang)
        try:
            table = await run_table(ctx, view, query)
        except KgError as exc:
            error, status = str(exc), exc.http_status
        else:
            chart = chart_of("", table.columns, table.rows)
    return render(request, "sparql.html", status=status, query=query or _EXAMPLE, table=table, chart=chart,
                  error=error, endpoint=ctx.url("sparql"), formats=neg.RESULTS)


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
    graphs = list(dict.fromkeys(q.graph_name for q in view.store.quads_for_pattern(node, None, None, None)
                                if isinstance(q.graph_name, ox.NamedNode)))
    prov = Provenance(graphs=[view.term(g) for g in graphs])
    docs: list[ox.NamedNode] = []
    for g in graphs:
        local = view.ctx.local_path(g.value)
        if local and local.startswith("graph/"):
            doc_iri = view.ctx.iri_of("id/" + local[len("graph/"):])
            if doc_iri and doc_iri != iri and view.exists(doc_iri):
                docs.append(ox.NamedNode(doc_iri))
    targets = [node, *docs]
    for target in targets:
        for src in view.objs(target, N("prov:wasDerivedFrom")):
            if isinstance(src, ox.Literal):
                continue
            exact = [view.text(sel, N("oa:exact")) for sel in view.objs(src, N("oa:hasSelector"))]
            prov.sources.append({
                "term": view.term(src),
                "title": view.text(src, N("dct:title")),
                "sha256": view.text(src, N("mbl:sha256")),
                "passages": [e for e in exact if e],
            })
        for rec in view.subjects(N("foaf:primaryTopic"), target):
            prov.records.append({
                "term": view.term(rec),
                "file": view.text(rec, N("dct:title")),
                "sha256": view.text(rec, N("mbl:sha256")),
                "modified": view.text(rec, N("dct:modified")),
                "tool": view.text(rec, N("mbl:toolVersion")),
            })
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


def properties(view: View, iri: str) -> tuple[list[PropertyView], list[PropertyView]]:
    node = ox.NamedNode(iri)
    out: dict[str, PropertyView] = {}
    for q in view.store.quads_for_pattern(node, None, None, None):
        pv = out.setdefault(q.predicate.value, PropertyView(view.term(q.predicate)))
        tv = view.term(q.object)
        if all(v.label != tv.label or v.href != tv.href or v.lang != tv.lang for v in pv.values):
            pv.values.append(tv)
    incoming: dict[str, PropertyView] = {}
    for n, q in enumerate(view.store.quads_for_pattern(None, None, node, None)):
        if n >= 500:
            break
        pv = incoming.setdefault(q.predicate.value, PropertyView(view.term(q.predicate)))
        tv = view.term(q.subject)
        if all(v.href != tv.href for v in pv.values):
            pv.values.append(tv)
    ordered = sorted(out.values(), key=lambda p: (p.predicate.iri != RDF_TYPE.value, p.predicate.label))
    return ordered, sorted(incoming.values(), key=lambda p: p.predicate.label)


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
        activities.append({
            "term": view.term(a),
            "description": view.text(a, N("dct:description")) or view.text(a, N("dct:title")),
            "types": view.terms(view.objs(a, N("mbl:activityType"))),
            "responsible": view.terms(view.objs(a, N("mbl:responsibleActor"))),
            "partners": view.terms(view.objs(a, N("mbl:partner"))),
            "frequency": view.term(freq) if freq is not None else None,
            "frequency_text": view.text(a, N("mbl:frequencyText")),
            "quantity": view.text(a, N("mbl:quantity")),
            "places": view.terms(x for x in view.objs(a, N("schema:location"))
                                 if str(x) not in scope["area_iris"]),
            "areas": scope["areas"],
            "audience": scope["audience"],
            "addresses": view.terms(view.objs(a, N("mbl:addresses"))),
            "passages": passages(view, a),
            "assumed": assumed_on(assumed, a),
        })
    priorities = [{
        "term": view.term(pr),
        "title": view.text(pr, N("dct:title")),
        "areas": view.terms(view.objs(pr, N("mbl:priorityArea"))),
        "aim": view.text(pr, N("mbl:aim")),
        "passages": passages(view, pr),
        "assumed": assumed_on(assumed, pr),
    } for pr in ordered("mbl:priority")]
    outcomes = [{
        "term": view.term(o),
        "description": view.text(o, N("dct:description")),
        "indicators": view.terms(view.objs(o, N("mbl:indicator"))),
        "indicator_text": view.text(o, N("mbl:indicatorText")),
        "passages": passages(view, o),
    } for o in ordered("mbl:expectedOutcome")]
    situation = view.obj(p, N("mbl:situationPicture"))
    problems = []
    if situation is not None:
        problems = [{
            "description": view.text(pb, N("dct:description")),
            "areas": view.terms(view.objs(pb, N("mbl:priorityArea"))),
            "places": view.terms(view.objs(pb, N("schema:location"))),
            "passages": passages(view, pb),
        } for pb in sorted(view.objs(situation, N("mbl:problem")), key=view.order)]
    plan = view.obj(p, N("mbl:followUpPlan"))
    followups = followup_history(view, p, [str(a) for a in ordered("mbl:activity")])
    signatures = []
    for s in view.objs(p, N("mbl:signature")):
        person = view.obj(s, N("mbl:signatory"))
        post = view.obj(s, N("mbl:post"))
        signatures.append({
            "person": view.label(person) if person is not None else "",
            "post": view.label(post) if post is not None else "",
            "for": view.terms(view.objs(s, N("mbl:signedFor"))),
            "place": view.text(s, N("mbl:signingPlace")),
            "date": view.text(s, N("dct:date")) or view.text(s, N("mbl:dateText")),
        })
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
        "plan": ({"description": view.text(plan, N("dct:description")),
                  "frequency": view.terms(view.objs(plan, N("mbl:frequency"))),
                  "channels": view.terms(view.objs(plan, N("mbl:channel")))} if plan is not None else None),
        "followups": followups,
        "signatures": signatures,
        "example": is_example(view, iri),
        "assumptions": assumed,
        "assumed": assumed_on(assumed, p),
        **promise_scope(view, p),
    }


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
        columns.append({"term": view.term(f), "key": key, "start": start, "end": end,
                        "issued": view.text(f, N("dct:issued")), "by_activity": by_activity})
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
        promises.append({
            "term": view.term(p),
            "title": view.text(p, N("dct:title")) or view.label(p),
            "start": start or "", "end": end or "",
            "priorities": len(view.objs(p, N("mbl:priority"))),
            "activities": len(view.objs(p, N("mbl:activity"))),
            "areas": list(areas.values()),
            "example": isinstance(p, ox.NamedNode) and is_example(view, p.value),
        })
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
            bars.append({"x": 10 + 560 * (s - y0) / span, "w": max(4.0, 560 * (e - s) / span),
                         "y": 22 * i + 4, "label": pr["title"], "href": pr["term"].href})
        timeline = {"bars": bars, "height": 22 * len(bars) + 30,
                    "ticks": [{"x": 10 + 560 * (y - y0) / span, "year": y} for y in range(y0, y1 + 1)]}
    return {"promises": promises, "timeline": timeline, "areas": municipality_areas(view, terms),
            "territories": view.terms(view.objs(m, N("dct:spatial")))}


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
    return {"rows": entries, "schemes": schemes, "definition": view.text(c, N("skos:definition")),
            "alt": sorted({lit.value for lit in view.objs(c, N("skos:altLabel"))
                           if isinstance(lit, ox.Literal)})[:30]}


def page_kind(view: View, iri: str) -> str:
    node = ox.NamedNode(iri)
    if view.has_type(node, N("mbl:CitizenPromise")):
        return "promise"
    if view.has_type(node, N("skos:Concept")) and (
            view.subjects(N("mbl:priorityArea"), node) or view.subjects(N("mbl:activityType"), node)
            or any(str(s).endswith(("/priority-area>", "/activity-type>"))
                   for s in view.objs(node, N("skos:inScheme")))
            or any(str(s).endswith(SCOPE_SCHEMES) for s in view.objs(node, N("skos:inScheme")))):
        return "concept"
    if re.search(r"/id/org/kommun-\d{4}$", iri) or any(
            view.has_type(p, N("mbl:CitizenPromise")) for p in view.subjects(N("mbl:municipality"), node)):
        return "municipality"
    return "resource"


def resource_model(ctx: ServerContext, view: View, iri: str) -> tuple[str, dict[str, Any]]:
    """The template and values of the page of one IRI (run in a worker thread)."""
    kind = page_kind(view, iri)
    props, incoming = properties(view, iri)
    types = view.terms(view.objs(iri, RDF_TYPE))
    values: dict[str, Any] = {
        "iri": iri, "label": view.label(iri), "types": types, "props": props, "incoming": incoming,
        "prov": provenance(view, iri), "kind": kind, "prefixed": prefixed(iri),
        "example": is_example(view, iri),
    }
    if kind == "promise":
        values["promise"] = promise_model(view, iri)
    elif kind == "municipality":
        values["municipality"] = municipality_model(view, iri)
    elif kind == "concept":
        values["concept"] = concept_model(view, iri)
    return {"promise": "promise.html", "municipality": "municipality.html",
            "concept": "concept.html"}.get(kind, "resource.html"), values


# -- saved queries ------------------------------------------------------------------------------


async def query_list(request: Request) -> Response:
    from kg.server.api import saved_queries

    ctx = context(request)
    return render(request, "queries.html", queries=list(saved_queries(ctx).values()))


async def query_page(request: Request) -> Response:
    """A saved query's form (built from its parameters); with ``run``, its table and chart."""
    from kg.query.saved import get_query
    from kg.server.api import params_of, run_named, saved_queries

    ctx = context(request)
    lang = lang_of(request, ctx.settings.default_lang)
    query = get_query(saved_queries(ctx), request.path_params["name"])
    params = params_of(request)
    table: Table | None = None
    chart: Chart | None = None
    error: str | None = None
    status = 200
    if "run" in request.query_params:
        try:
            result = await run_named(ctx, query, params)
        except KgError as exc:
            error, status = str(exc), exc.http_status
        else:
            view = View(ctx, lang)

            def build() -> Table:
                rows = [{c: (view.term(v) if v is not None else None)
                         for c, v in zip(result.columns, row, strict=True)} for row in result.rows]
                return Table(result.columns, rows, result.truncated, ctx.settings.result_limit,
                             boolean=result.boolean)

            table = await ctx.engine.call(build)
            chart = chart_of(query.summary, table.columns, table.rows)
    qs = urlencode([(k, v) for k, vs in params.items() for v in vs])
    qs = f"?{qs}" if qs else ""
    return render(request, "query.html", status=status, query=query, values=params, table=table,
                  chart=chart, error=error, api_json=ctx.path(f"api/queries/{query.name}.json") + qs,
                  api_csv=ctx.path(f"api/queries/{query.name}.csv") + qs)


routes = [
    Route("/", home, name="home"),
    Route("/_/queries", query_list, name="queries"),
    Route("/_/queries/{name}", query_page, name="query"),
    Route("/_/search", search, name="search"),
    Route("/_/sparql", sparql_editor, name="sparql-editor"),
]
