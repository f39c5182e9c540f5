"""The saved queries as an API, with an OpenAPI 3 document generated from the ``.rq`` metadata.

    GET /api/queries                   the list (JSON)
    GET /api/queries/{name}[.json|.csv]?param=value   run one: JSON or CSV by Accept or extension
    GET /api/openapi.json              OpenAPI 3.0 description
    GET /api/docs                      interactive documentation (server-rendered forms)

Parsing, binding (values become RDF terms, never text) and running are :mod:`kg.query.saved`'s;
this module only maps HTTP to it and renders with :mod:`kg.query.results`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from kg import __version__
from kg.errors import QueryParameterError
from kg.query.results import ResultFormat, ResultTable, render
from kg.query.saved import SavedQuery, get_query, load_queries
from kg.server import negotiation as neg
from kg.server.choices import ParamChoices, entity_choices, server_choices
from kg.server.context import ServerContext, context
from kg.server.errors import PROBLEM, PROBLEM_SCHEMA
from kg.server.i18n import lang_of
from kg.server.sparql import not_acceptable, result_headers

RESERVED = {"_format", "_page", "_limit", "_sort", "_dir", "lang", "run"}
"""Query-string names that are not query parameters."""


def saved_queries(ctx: ServerContext) -> dict[str, SavedQuery]:
    if ctx.saved_queries is None:
        ctx.saved_queries = load_queries(ctx.settings.queries_folder)
    saved: dict[str, SavedQuery] = ctx.saved_queries
    return saved


def params_of(request: Request) -> dict[str, list[str]]:
    """The saved-query parameters of a request (empty values mean: not given)."""
    out: dict[str, list[str]] = {}
    for k, v in request.query_params.multi_items():
        if k in RESERVED or not v.strip():
            continue
        out.setdefault(k, []).append(v)
    return out


def page_of(raw: str | None) -> int | None:
    """The ``_page`` parameter: a whole number from 1, or None when not given (or blank)."""
    text = (raw or "").strip()
    if not text:
        return None
    if not re.fullmatch(r"[0-9]{1,9}", text) or int(text) < 1:
        shown = text if len(text) <= 20 else text[:17] + "..."
        raise QueryParameterError(
            f"_page ska vara ett heltal från 1 / _page must be a whole number from 1, not {shown!r}"
        )
    return int(text)


async def run_named(
    ctx: ServerContext, query: SavedQuery, params: dict[str, list[str]], page: int | None = None
) -> ResultTable:
    """Bind and run a saved query where it can be stopped, within the time limit and result cap."""
    return await ctx.engine.saved(query.name, params, page)


def describe(query: SavedQuery, ctx: ServerContext) -> dict[str, Any]:
    d = query.as_dict()
    d["links"] = {
        "run": ctx.url(f"api/queries/{query.name}"),
        "page": ctx.url(f"_/queries/{query.name}"),
        "csv": ctx.url(f"api/queries/{query.name}.csv"),
    }
    return d


async def list_queries(request: Request) -> Response:
    ctx = context(request)
    return JSONResponse([describe(q, ctx) for q in saved_queries(ctx).values()])


async def run_query(request: Request) -> Response:
    ctx = context(request)
    name: str = request.path_params["name"]
    f: neg.Format | None
    ext = None
    for suffix in (".json", ".csv"):
        if name.endswith(suffix):
            name, ext = name[: -len(suffix)], suffix
    if ext:
        f = neg.by_extension(ext, neg.API)
    else:
        f = neg.negotiate(request.headers.get("accept"), neg.API, request.query_params.get("_format"))
    if f is None:
        raise not_acceptable(request, neg.API, also=" (eller / or .json, .csv)")
    query = get_query(saved_queries(ctx), name)
    page = page_of(request.query_params.get("_page"))
    table = await run_named(ctx, query, params_of(request), page)
    headers = result_headers(
        table.truncated, ctx.settings.result_limit, ctx, advice="narrow it with its parameters or _page"
    )
    if f.media_type == "text/csv":
        return Response(render(table, ResultFormat.csv), media_type=f.content_type, headers=headers)
    body = {
        "query": query.name,
        "columns": table.columns,
        "rows": table.records(),
        "truncated": table.truncated,
    }
    if table.boolean is not None:
        body["boolean"] = table.boolean
    return Response(json.dumps(body, ensure_ascii=False), media_type=f.content_type, headers=headers)


_TYPES = {
    "integer": {"type": "integer"},
    "decimal": {"type": "number"},
    "date": {"type": "string", "format": "date"},
    "iri": {"type": "string"},
    "string": {"type": "string"},
    "lang": {"type": "string"},
}


def openapi_document(
    ctx: ServerContext, choices: Mapping[str, Mapping[str, tuple[ParamChoices, ParamChoices]]] | None = None
) -> dict[str, Any]:
    """OpenAPI 3.0 for the saved-query API, one operation per query, from its metadata.

    ``choices`` (query → parameter → its choices in Swedish and in English) are the values the
    query form offers: an ``enum`` when they are a drop-down, and always ``x-kg-choices`` (value,
    labels, IRI) and an ``example``."""
    choices = choices or {}
    paths: dict[str, Any] = {
        "/api/queries": {
            "get": {
                "operationId": "listQueries",
                "summary": "Sparade frågor / saved queries",
                "responses": {
                    "200": {
                        "description": "The saved queries and their parameters",
                        "content": {"application/json": {"schema": {"type": "array"}}},
                    }
                },
            }
        },
    }
    row_schema = {
        "type": "object",
        "properties": {
            "query": {"type": "string"},
            "columns": {"type": "array", "items": {"type": "string"}},
            "rows": {"type": "array", "items": {"type": "object"}},
            "truncated": {"type": "boolean"},
        },
    }
    for q in saved_queries(ctx).values():
        params = []
        for p in q.parameters:
            schema: dict[str, Any] = dict(_TYPES.get(p.kind.value, {"type": "string"}))
            if p.enum is not None:
                schema["enum"] = list(p.enum)
            found = choices.get(q.name, {}).get(p.name)
            if found is not None:
                sv, en = found
                if not sv.autocomplete:
                    schema["enum"] = [c.value for c in sv.choices]
                schema["example"] = sv.choices[0].value
                schema["x-kg-choices"] = [
                    {"value": a.value, "label": {"sv": a.label, "en": b.label}, "iri": a.iri}
                    for a, b in zip(sv.choices, en.choices, strict=True)
                ]
            if p.default is not None:
                schema["default"] = p.default
            desc = p.type_label + (f"; name, code or IRI of a {p.entity}" if p.entity else "")
            if found is not None:
                desc += " (the listed values, or any name, code or IRI of one of them)"
            params.append(
                {
                    "name": p.name,
                    "in": "query",
                    "required": p.required and p.default is None,
                    "description": desc,
                    "schema": schema,
                }
            )
        if q.pagination:
            params.append(
                {
                    "name": "_page",
                    "in": "query",
                    "required": False,
                    "description": f"page number, {q.pagination} rows a page",
                    "schema": {"type": "integer", "minimum": 1},
                }
            )
        paths[f"/api/queries/{q.name}"] = {
            "get": {
                "operationId": _operation_id(q.name),
                "summary": q.summary,
                "description": q.description,
                "tags": list(q.tags),
                "parameters": params,
                "responses": {
                    "200": {
                        "description": "The result rows",
                        "content": {
                            "application/json": {"schema": row_schema},
                            "text/csv": {"schema": {"type": "string"}},
                        },
                    },
                    "400": {"description": "A missing or malformed parameter (the message says which)"},
                    "404": {"description": "No such saved query"},
                    "503": {"description": "The query ran past the server's time limit"},
                },
            }
        }
    from kg.server.validate import openapi_paths

    paths.update(openapi_paths())
    for operations in paths.values():  # every error answers RFC 9457 problem details (kg.server.errors)
        for operation in operations.values():
            for status, response in operation.get("responses", {}).items():
                if status >= "400":
                    response.setdefault(
                        "content", {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}}
                    )
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Medborgarlöften: sparade frågor / saved queries",
            "version": __version__,
            "description": "The saved SPARQL queries of the citizen-promise graph as a REST API. "
            "The full SPARQL 1.1 endpoint is at /sparql.",
            "license": {"name": "data licence", "url": ctx.settings.licence},
        },
        "servers": [{"url": ctx.settings.public_base.rstrip("/")}],
        "paths": paths,
        "components": {"schemas": {"Problem": PROBLEM_SCHEMA}},
    }


def _operation_id(name: str) -> str:
    parts = [p for p in name.replace("_", "-").split("-") if p]
    return parts[0] + "".join(p.capitalize() for p in parts[1:]) if parts else name


async def openapi(request: Request) -> Response:
    ctx = context(request)
    choices: dict[str, dict[str, tuple[ParamChoices, ParamChoices]]] = {}
    for q in saved_queries(ctx).values():
        sv = await server_choices(ctx, q, "sv")
        en = await server_choices(ctx, q, "en")
        choices[q.name] = {name: (sv[name], en[name]) for name in sv}
    return JSONResponse(openapi_document(ctx, choices))


async def docs(request: Request) -> Response:
    from kg.server.pages import render

    ctx = context(request)
    queries = list(saved_queries(ctx).values())
    lang = lang_of(request, ctx.settings.default_lang)
    return render(
        request,
        "api_docs.html",
        queries=queries,
        lists=await entity_choices(ctx, queries, lang),
        openapi_url=ctx.path("api/openapi.json"),
    )


routes = [
    Route("/api/queries", list_queries, methods=["GET", "HEAD"]),
    Route("/api/queries/{name}", run_query, methods=["GET", "HEAD"]),
    Route("/api/openapi.json", openapi, methods=["GET", "HEAD"]),
    Route("/api/docs", docs, methods=["GET", "HEAD"]),
]
