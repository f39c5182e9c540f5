"""The web interface: home, search, the SPARQL editor, and the pages of promises, municipalities,
priority areas and activity types (server-rendered HTML that reads without JavaScript).

Every value reaches the HTML through Jinja2 with autoescaping on, charts included (inline SVG).
"""

from __future__ import annotations

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
from kg.server.choices import server_choices
from kg.server.context import ServerContext, context
from kg.server.i18n import lang_of, translator
from kg.server.marks import NOT_EXAMPLE
from kg.server.sorting import Table, is_number, sorted_table
from kg.server.view import Term, TermView, View

# -- rendering ----------------------------------------------------------------------------------


def render(
    request: Request, template: str, status: int = 200, headers: dict[str, str] | None = None, **values: Any
) -> HTMLResponse:
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
        lang_switch=ctx.path(ctx.request_path(request)) + "?" + urlencode(params),
        licence=ctx.settings.licence,
        **values,
    )
    h = {"Vary": "Accept, Accept-Language", "Content-Language": lang, **(headers or {})}
    return HTMLResponse(page, status_code=status, headers=h)


def render_error(
    request: Request, status: int, title: str, message: str, headers: dict[str, str] | None = None
) -> HTMLResponse:
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
    numeric = [c for c in columns if all(isinstance(r.get(c), TermView) and is_number(r[c]) for r in rows)]
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


# -- home and search ----------------------------------------------------------------------------

_MUNICIPALITIES = (
    sparql_prefixes("mbl", "dct", "dcat")
    + """
SELECT ?m (COUNT(DISTINCT ?p) AS ?n) (MIN(?start) AS ?first) (MAX(?end) AS ?last) WHERE {
  ?p a mbl:CitizenPromise ; mbl:municipality ?m .
  """
    + NOT_EXAMPLE
    + """
  OPTIONAL { ?p dct:temporal ?t . OPTIONAL { ?t dcat:startDate ?start } OPTIONAL { ?t dcat:endDate ?end } }
} GROUP BY ?m
"""
)

_AREAS = (
    sparql_prefixes("mbl")
    + """
SELECT ?area (COUNT(DISTINCT ?m) AS ?n) WHERE {
  ?p a mbl:CitizenPromise ; mbl:municipality ?m ; mbl:priority ?pr . ?pr mbl:priorityArea ?area .
  """
    + NOT_EXAMPLE
    + """
} GROUP BY ?area ORDER BY DESC(?n) ?area
"""
)

_COUNTS = (
    sparql_prefixes("mbl")
    + """
SELECT (COUNT(DISTINCT ?p) AS ?promises) (COUNT(DISTINCT ?a) AS ?activities) (COUNT(DISTINCT ?m) AS ?munis)
WHERE { ?p a mbl:CitizenPromise . """
    + NOT_EXAMPLE
    + """
        OPTIONAL { ?p mbl:municipality ?m } OPTIONAL { ?p mbl:activity ?a } }
"""
)


_LATEST = (
    """
  { SELECT ?p (MAX(?e) AS ?end) WHERE { ?f0 mbl:followsUp ?p ; dct:temporal/dcat:endDate ?e } GROUP BY ?p }
  ?f mbl:followsUp ?p ; dct:temporal/dcat:endDate ?end .
  ?p mbl:activity ?a .
  """
    + NOT_EXAMPLE
    + """
  FILTER NOT EXISTS { ?f mbl:isExample true }
  OPTIONAL { ?f mbl:assessment ?s . ?s mbl:assessedActivity ?a ;
             mbl:status status:genomford .
             BIND(?a AS ?done) }
"""
)

_FULFILMENT = (
    sparql_prefixes("mbl", "dct", "dcat", "status")
    + """
SELECT (COUNT(DISTINCT ?p) AS ?promises) (COUNT(DISTINCT ?a) AS ?activities)
       (COUNT(DISTINCT ?done) AS ?completed)
WHERE {"""
    + _LATEST
    + "}"
)

_FULFILMENT_BY_AREA = (
    sparql_prefixes("mbl", "dct", "dcat", "status")
    + """
SELECT ?area (COUNT(DISTINCT ?a) AS ?activities) (COUNT(DISTINCT ?done) AS ?completed)
WHERE {"""
    + _LATEST
    + """  ?a mbl:addresses/mbl:priorityArea ?area .
} GROUP BY ?area ORDER BY ?area
"""
)
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
        out = [
            MunicipalityRow(view.term(r["m"]), int(r["n"].value), _year(r["first"]), _year(r["last"]))
            for r in rows
            if r["m"] is not None
        ]
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
        return Chart(
            t("priority_areas_by_municipality"),
            [Bar(view.label(r["area"]), float(r["n"].value), ctx.link(r["area"].value)) for r in area_rows],
        )

    chart = await ctx.engine.call(build_chart)
    fulfilment = await _fulfilment(ctx, view, t)
    return render(
        request,
        "home.html",
        municipalities=municipalities,
        q=q,
        chart=chart,
        counts={k: int(counts[k].value) for k in ("promises", "activities", "munis")},
        triples=len(ctx.store.raw),
        fulfilment=fulfilment,
    )


async def _fulfilment(ctx: ServerContext, view: View, t: Any) -> dict[str, Any] | None:
    """The national fulfilment figures and a chart by priority area (None before any follow-up)."""
    total = (await ctx.engine.select(_FULFILMENT))[0]
    promises = int(total["promises"].value) if total["promises"] is not None else 0
    if not promises:
        return None
    activities, completed = int(total["activities"].value), int(total["completed"].value)
    rows = await ctx.engine.select(_FULFILMENT_BY_AREA)

    def build() -> Chart:
        bars = [
            Bar(
                view.label(r["area"]),
                round(100 * int(r["completed"].value) / max(1, int(r["activities"].value)), 1),
                ctx.link(r["area"].value),
            )
            for r in rows
        ]
        return Chart(t("fulfilment_by_area"), sorted(bars, key=lambda b: (-b.value, b.label)))

    chart: Chart = await ctx.engine.call(build)
    return {
        "promises": promises,
        "activities": activities,
        "completed": completed,
        "percent": round(100 * completed / activities) if activities else 0,
        "chart": chart,
    }


async def search(request: Request) -> Response:
    q = request.query_params.get("q", "")
    ctx = context(request)
    params = {"q": q}
    if "lang" in request.query_params:
        params["lang"] = request.query_params["lang"]
    return RedirectResponse(ctx.path("") + "?" + urlencode(params) + "#kommuner", status_code=303)


# -- the SPARQL editor --------------------------------------------------------------------------

_EXAMPLE = (
    sparql_prefixes("mbl", "skos")
    + """SELECT ?area (COUNT(DISTINCT ?promise) AS ?promises) WHERE {
  ?promise a mbl:CitizenPromise ; mbl:priority/mbl:priorityArea ?a .
  ?a skos:prefLabel ?area . FILTER(lang(?area) = "sv")
} GROUP BY ?area ORDER BY DESC(?promises)
"""
)


async def run_table(ctx: ServerContext, view: View, query: str) -> Table:
    from kg.server.engine import Dataset

    outcome = await ctx.engine.run(query, dataset=Dataset())

    def build() -> Table:
        if outcome.kind == "boolean":
            return Table([], [], boolean=outcome.boolean)
        if outcome.kind == "graph":
            cols = ["subject", "predicate", "object"]
            rows: list[dict[str, TermView | None]] = [
                {
                    "subject": view.term(tr.subject),
                    "predicate": view.term(tr.predicate),
                    "object": view.term(tr.object),
                }
                for tr in outcome.rows
            ]
            return Table(cols, rows, outcome.truncated, outcome.limit)
        rows = [
            {v: (view.term(r[v]) if r[v] is not None else None) for v in outcome.variables}
            for r in outcome.rows
        ]  # noqa: RUF100
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
            try:
                table = sorted_table(table, request)
            except KgError as exc:
                table, chart, error, status = None, None, str(exc), exc.http_status
    from kg.server.editor import EDITOR_CSP, yasgui_config, yasgui_installed

    yasgui = yasgui_installed()
    return render(
        request,
        "sparql.html",
        status=status,
        headers={"Content-Security-Policy": EDITOR_CSP} if yasgui else None,
        yasgui=yasgui,
        yasgui_config=yasgui_config(ctx, query or _EXAMPLE),
        query=query or _EXAMPLE,
        table=table,
        chart=chart,
        error=error,
        endpoint=ctx.url("sparql"),
        formats=neg.RESULTS,
    )


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
                rows = [
                    {
                        c: (view.term(v) if v is not None else None)
                        for c, v in zip(result.columns, row, strict=True)
                    }
                    for row in result.rows
                ]
                return Table(
                    result.columns, rows, result.truncated, ctx.settings.result_limit, boolean=result.boolean
                )

            table = await ctx.engine.call(build)
            chart = chart_of(query.summary, table.columns, table.rows)
    qs = urlencode([(k, v) for k, vs in params.items() for v in vs])
    qs = f"?{qs}" if qs else ""
    choices = await server_choices(ctx, query, lang, params)
    if table is not None:
        try:
            table = sorted_table(table, request)
        except KgError as exc:
            table, chart, error, status = None, None, str(exc), exc.http_status
    return render(
        request,
        "query.html",
        status=status,
        query=query,
        values=params,
        choices=choices,
        table=table,
        chart=chart,
        error=error,
        api_json=ctx.path(f"api/queries/{query.name}.json") + qs,
        api_csv=ctx.path(f"api/queries/{query.name}.csv") + qs,
    )


routes = [
    Route("/", home, name="home"),
    Route("/_/queries", query_list, name="queries"),
    Route("/_/queries/{name}", query_page, name="query"),
    Route("/_/search", search, name="search"),
    Route("/_/sparql", sparql_editor, name="sparql-editor"),
]
