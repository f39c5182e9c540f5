"""The app factory of ``kg serve``: one Starlette app over one store.

URL map (system pages live under reserved prefixes, data under the namespaces it is minted in)::

    /                      home page                      (pages)
    /_/...                 the web interface and assets   (pages)
    /sparql                SPARQL 1.1 Protocol            (sparql)
    /api/queries...        saved queries + OpenAPI        (api)
    /_/validate, /api/validate   validation page and API  (validate)
    /_/quality, /_/quality/<code> the data-quality scorecard (quality)
    /void, /.well-known/void, /_/dump/...   VoID and dumps (resources)
    /id/..., /vocab/..., /def/..., /graph/...   linked data (resources)
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from kg.errors import InputError
from kg.server import api, linked_data, pages, quality, shapes, sparql, validate
from kg.server.cache import ResponseCache
from kg.server.context import PREFIXES, ServerContext
from kg.server.engine import QueryEngine
from kg.server.errors import HANDLERS
from kg.server.limits import BodyLimit
from kg.server.overlay import worker_copy
from kg.server.security import PublicPrefix, SecurityHeaders
from kg.server.settings import ServerSettings
from kg.store.core import GraphStore, OxigraphStore

HERE = Path(__file__).resolve().parent


def template_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=select_autoescape(["html", "svg", "xml"], default_for_string=True, default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def create_app(settings: ServerSettings, store: GraphStore) -> Starlette:
    """The ASGI app. The caller owns the store (opens it before, closes it after)."""
    if not isinstance(store, OxigraphStore):
        raise InputError("kg serve publishes the embedded store; for a remote endpoint publish that endpoint")
    worker_store, snapshot = worker_copy(store) if store.read_only else (None, None)
    engine = QueryEngine(
        store,
        timeout=settings.query_timeout,
        result_limit=settings.result_limit,
        workers=settings.query_workers,
        allow_service=settings.allow_service,
        base_iri=settings.public_base + "sparql",
        inline_fast=store.read_only,
        queries_folder=str(settings.queries_folder) if settings.queries_folder else None,
        prefixes=PREFIXES,
        worker_store=worker_store,
        memory_mb=settings.query_memory,
        snapshot=snapshot,
        data_base=settings.data_base,
    )
    ctx = ServerContext(settings, store, engine, template_environment())
    if store.read_only:  # the answers cannot change while the server runs (kg.server.cache)
        ctx.responses = ResponseCache(settings.cache_size, settings.cache_mb * 1024 * 1024)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await engine.start()  # the server listens once its query workers are ready
        try:
            yield
        finally:
            ctx.close()

    middleware = [
        Middleware(SecurityHeaders, public_base=settings.public_base),
        Middleware(PublicPrefix, root_path=settings.root_path),
        Middleware(BodyLimit, max_bytes=settings.max_body),
    ]
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
                allow_headers=["Accept", "Content-Type"],
                # what a cut or refused result says beside its body, readable by the page's script
                expose_headers=[
                    "X-Result-Truncated",
                    "X-Result-Limit",
                    "X-Query-Time-Limit",
                    "Warning",
                    "Retry-After",
                    "Link",
                ],
                max_age=3600,
            )
        )
    routes = [
        *sparql.routes,
        *api.routes,
        *validate.routes,
        *pages.routes,
        *quality.routes,
        Mount("/_/static", app=StaticFiles(directory=str(HERE / "static")), name="static"),
        *linked_data.routes,
        *shapes.routes,
    ]
    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers=HANDLERS,  # type: ignore[arg-type]
        lifespan=lifespan,
    )
    app.state.ctx = ctx
    return app
