"""Validation in the browser and over HTTP: ``kg validate`` for stewards without a shell.

    GET  /_/validate                 the form: upload a file or paste a document
    POST /_/validate                 validate it; 303 to the report's page
    GET  /_/validate/{token}         the report (HTML, in the page's language)
    GET  /_/validate/{token}.ttl     the same report as SHACL (sh:ValidationReport), .json as JSON,
                                     .txt as the CLI's text
    POST /api/validate               the report by content negotiation (JSON, Turtle, HTML, text)

A document is validated exactly as ``kg validate FILE`` validates it (the same library call,
:func:`kg.ingest.check.validate_bytes`, and the same reports: the JSON is byte for byte the
CLI's), against the served store, which is only read. The work runs where it can be stopped, as
a client's SPARQL query does (:meth:`kg.server.engine.QueryEngine.validate`): the body within
``--max-body`` (413), the validation within ``--query-timeout`` (503). Reports are kept in memory
for a while (the least recently made go first) so that the page can offer its downloads; the store
is never written.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from kg.documents.formats import MEDIA_TYPES, InputFormat
from kg.documents.parse import EXTENSIONS, MAX_BYTES
from kg.errors import InputError, KgError, RequestTooLarge
from kg.ingest.check import no_document
from kg.query.lru import BoundedLRU
from kg.server import negotiation as neg
from kg.server.context import ServerContext, context
from kg.server.i18n import lang_of
from kg.server.jobs import ValidateJob
from kg.server.sparql import NotAcceptable, UnsupportedMediaType, not_acceptable
from kg.server.uploads import Field, is_form, media_type, parse_form
from kg.validation.report import ValidationReport, reports_human, reports_json, reports_turtle

OFFERS = (neg.fmt("json"), neg.fmt("ttl"), neg.fmt("html"), neg.fmt("table"))
"""What ``POST /api/validate`` answers: JSON (the default), Turtle, HTML, or the CLI's text."""
KEEP_ENTRIES = 64
KEEP_BYTES = 32 * 1024 * 1024
FORMAT_LABELS = {
    InputFormat.turtle: "Turtle",
    InputFormat.yamlld: "YAML-LD",
    InputFormat.jsonld: "JSON-LD",
    InputFormat.trig: "TriG",
    InputFormat.ntriples: "N-Triples",
    InputFormat.nquads: "N-Quads",
    InputFormat.rdfxml: "RDF/XML",
    InputFormat.text: "text",
    InputFormat.markdown: "Markdown",
    InputFormat.html: "HTML",
    InputFormat.pdf: "PDF",
}
_DOWNLOADS = {
    "ttl": "text/turtle; charset=utf-8",
    "json": "application/json",
    "txt": "text/plain; charset=utf-8",
}


@dataclass(frozen=True)
class Submission:
    """What a request asks to validate."""

    name: str
    data: bytes
    format: InputFormat | None = None
    municipality: str | None = None
    police_area: str | None = None
    report_format: str | None = None
    """The ``_format`` asked for (query string or form), instead of ``Accept``."""


@dataclass(frozen=True)
class Kept:
    """A report kept for its page and downloads."""

    name: str
    reports: list[ValidationReport]
    json: str
    turtle: str


def kept_reports(ctx: ServerContext) -> BoundedLRU[Kept]:
    keeper: BoundedLRU[Kept] | None = getattr(ctx, "validations", None)
    if keeper is None:
        keeper = BoundedLRU(KEEP_ENTRIES, KEEP_BYTES)
        ctx.validations = keeper
    return keeper


# -- what to validate ---------------------------------------------------------------------------


def input_format(value: str | None) -> InputFormat | None:
    """A format as a request names it: ``turtle``, an extension (``ttl``, ``yaml``) or a media
    type (``text/turtle``); None when not given."""
    text = (value or "").strip().lower()
    if not text or text == "auto":
        return None
    found = (
        InputFormat.__members__.get(text)
        or EXTENSIONS.get("." + text.lstrip("."))
        or MEDIA_TYPES.get(media_type(text))
    )
    if found is None:
        names = ", ".join(f.value for f in InputFormat)
        raise InputError(
            f"okänt format / unknown format {value!r}",
            hint=f"Känt / known: {names} (eller en filändelse / or a file extension such as ttl, yaml).",
        )
    return found


def _value(fields: dict[str, Field], params: Any, name: str) -> str | None:
    if name in fields and fields[name].text.strip():
        return fields[name].text.strip()
    value = params.get(name)
    return value.strip() if isinstance(value, str) and value.strip() else None


def submission_of_form(fields: dict[str, Field], params: Any) -> Submission:
    """The document of a form: an uploaded ``file``, else the pasted ``text``."""
    fmt = input_format(_value(fields, params, "format"))
    upload = fields.get("file")
    if upload is not None and upload.data.strip():
        name, data = upload.filename or _value(fields, params, "filename") or "", upload.data
    elif "text" in fields and fields["text"].data.strip():
        name, data = _value(fields, params, "filename") or "", fields["text"].data
    else:
        raise no_document()
    return Submission(
        name,
        data,
        fmt,
        _value(fields, params, "municipality"),
        _value(fields, params, "police_area"),
        _value(fields, params, "_format"),
    )


def submission_of_body(content_type: str | None, body: bytes, params: Any) -> Submission:
    """The document sent as the body itself: its format from ``format``, the ``filename``'s
    extension or the ``Content-Type``; a body without a type (or ``application/octet-stream``)
    is recognised by its content."""
    if not body.strip():
        raise no_document()
    fmt = input_format(params.get("format"))
    name = (params.get("filename") or "").strip()
    mt = media_type(content_type)
    if fmt is None and not any(name.lower().endswith(ext) for ext in EXTENSIONS):
        if mt in MEDIA_TYPES:
            fmt = MEDIA_TYPES[mt]
        elif mt not in ("", "application/octet-stream"):
            known = ", ".join(sorted(MEDIA_TYPES))
            raise UnsupportedMediaType(
                f"okänd medietyp / unsupported media type {mt!r}",
                hint=f"Känd / known: {known}; eller ange ?format= / or give ?format=.",
            )
    return Submission(
        name, body, fmt, params.get("municipality"), params.get("police_area"), params.get("_format")
    )


def too_large(limit: int) -> RequestTooLarge:
    return RequestTooLarge(
        f"dokumentet är större än {limit} byte, gränsen för den här servern / the document is larger "
        f"than {limit} bytes, the limit of this server",
        hint="Validera det med kg validate på din dator, eller starta kg serve med en större --max-body "
        "/ validate it with kg validate on your computer, or start kg serve with a larger --max-body.",
    )


async def submission(request: Request) -> Submission:
    ctx = context(request)
    try:
        body = await request.body()  # within --max-body (kg.server.limits): 413 past it
    except RequestTooLarge:
        raise too_large(ctx.settings.max_body) from None
    if len(body) > MAX_BYTES:  # a --max-body above what kg validate reads: refused here, not in a worker
        raise too_large(MAX_BYTES)
    content_type = request.headers.get("content-type")
    if is_form(content_type):
        fields = await ctx.engine.call(parse_form, content_type or "", body)
        return submission_of_form(fields, request.query_params)
    return submission_of_body(content_type, body, request.query_params)


async def validate(ctx: ServerContext, sub: Submission) -> list[ValidationReport]:
    job = ValidateJob(
        sub.name,
        sub.data,
        sub.format.value if sub.format else None,
        sub.municipality,
        sub.police_area,
        ctx.settings.data_base,
        ctx.engine.deadline(),
    )
    try:
        return await ctx.engine.validate(job)
    except KgError as exc:
        if exc.http_status == 404:  # a follow-up's promise not in the store: the input is wrong, not the URL
            raise InputError(exc.message, hint=exc.hint, where=exc.where) from None
        raise


async def keep(ctx: ServerContext, name: str, reports: list[ValidationReport]) -> tuple[str, Kept]:
    """The reports rendered once and kept under a new unguessable token."""
    name = next((r.source for r in reports if r.source), None) or name

    def render() -> Kept:
        return Kept(name, reports, reports_json(reports), reports_turtle(reports))

    kept: Kept = await ctx.engine.call(render)
    token = secrets.token_urlsafe(18)
    kept_reports(ctx).put(token, kept, 2 * (len(kept.json) + len(kept.turtle)))
    return token, kept


# -- the page -----------------------------------------------------------------------------------


def _lang_query(request: Request, lang: str | None = None) -> str:
    chosen = lang or request.query_params.get("lang")
    return "?" + urlencode({"lang": chosen}) if chosen in ("sv", "en") else ""


def page(
    request: Request,
    *,
    status: int = 200,
    kept: Kept | None = None,
    token: str | None = None,
    error: str | None = None,
    sub: Submission | None = None,
) -> Response:
    from kg.server.pages import render

    ctx = context(request)
    lang = lang_of(request, ctx.settings.default_lang)
    other = "en" if lang == "sv" else "sv"
    report_path = ctx.path(f"_/validate/{token}") if token else None
    return render(
        request,
        "validate.html",
        status=status,
        kept=kept,
        groups=[(r, r.human_groups(lang), r.human_findings(lang)) for r in kept.reports] if kept else [],
        error=error,
        formats=list(FORMAT_LABELS.items()),
        chosen=sub.format.value if sub and sub.format else "",
        text=sub.data.decode("utf-8", "replace") if sub and sub.data and len(sub.data) < 200_000 else "",
        municipality=(sub.municipality if sub else None) or "",
        police_area=(sub.police_area if sub else None) or "",
        switch_url=(report_path + f"?lang={other}") if report_path else None,
        downloads={ext: f"{report_path}.{ext}{_lang_query(request)}" for ext in _DOWNLOADS}
        if report_path
        else {},
        api=ctx.url("api/validate"),
        max_body=ctx.settings.max_body,
    )


async def form_page(request: Request) -> Response:
    return page(request)


async def submit_page(request: Request) -> Response:
    """The form's POST: validate, keep the report and send the browser to its page (so that a
    reload does not send the document again); a refusal is shown on the form itself."""
    ctx = context(request)
    sub: Submission | None = None
    try:
        sub = await submission(request)
        reports = await validate(ctx, sub)
    except RequestTooLarge as exc:
        return page(request, status=exc.http_status, error=str(exc))
    except KgError as exc:
        return page(request, status=exc.http_status, error=str(exc), sub=sub)
    token, _ = await keep(ctx, sub.name or "document", reports)
    return RedirectResponse(ctx.path(f"_/validate/{token}") + _lang_query(request), status_code=303)


async def report_page(request: Request) -> Response:
    ctx = context(request)
    token, _, ext = request.path_params["token"].partition(".")
    kept = kept_reports(ctx).get(token) if token.replace("-", "").replace("_", "").isalnum() else None
    if kept is None:
        return page(
            request,
            status=404,
            error="rapporten finns inte längre kvar, validera dokumentet igen / the report is no "
            "longer kept: validate the document again",
        )
    if not ext:
        return page(request, kept=kept, token=token)
    if ext not in _DOWNLOADS:
        raise NotAcceptable(
            f"ingen rapport som .{ext} / no report as .{ext}; här finns / offered here: .ttl, .json, .txt"
        )
    lang = lang_of(request, ctx.settings.default_lang)
    body = {"ttl": kept.turtle, "json": kept.json, "txt": reports_human(kept.reports, lang)}[ext]
    disposition = f'attachment; filename="validation-report.{ext}"'
    return Response(body, media_type=_DOWNLOADS[ext], headers={"Content-Disposition": disposition})


# -- the API ------------------------------------------------------------------------------------


async def api_validate(request: Request) -> Response:
    """``POST /api/validate``: the document in the body (or a form), the report by ``Accept``
    (or ``?_format=json|ttl|html|table``)."""
    ctx = context(request)
    accept = request.headers.get("accept")
    if neg.negotiate(accept, OFFERS, request.query_params.get("_format")) is None:
        raise not_acceptable(request, OFFERS)
    sub = await submission(request)
    chosen = neg.negotiate(accept, OFFERS, sub.report_format)
    if chosen is None:  # the form's report format names none of them
        raise NotAcceptable(
            f"rapportformatet finns inte / no such report format: {sub.report_format}; här finns / "
            "offered here: " + ", ".join(o.name for o in OFFERS)
        )
    reports = await validate(ctx, sub)
    headers = {"Vary": "Accept"}
    if chosen.media_type == "text/html":
        token, kept = await keep(ctx, sub.name or "document", reports)
        return page(request, kept=kept, token=token)
    if chosen.media_type == "text/turtle":
        body = await ctx.engine.call(reports_turtle, reports)
    elif chosen.media_type == "text/plain":
        body = reports_human(reports, lang_of(request, ctx.settings.default_lang))
    else:
        body = reports_json(reports)
    return Response(body, media_type=chosen.content_type, headers=headers)


def openapi_paths() -> dict[str, Any]:
    """The OpenAPI description of ``POST /api/validate`` (merged into the server's document)."""
    params = [
        ("format", "input format (default: filename, Content-Type, content)", [f.value for f in InputFormat]),
        ("filename", "the document's file name (names it in the report; its extension, the format)", None),
        ("municipality", "municipality (SCB code or name) for a text that names none", None),
        ("police_area", "local police area for a text, overriding what the text says", None),
        ("lang", "language of the text and HTML reports", ["sv", "en"]),
        ("_format", "report format, instead of Accept", ["json", "ttl", "html", "table"]),
    ]
    report = {
        "type": "array",
        "description": "one report per document: what `kg validate --format json` prints",
        "items": {
            "type": "object",
            "properties": {
                "document": {"type": "string", "nullable": True},
                "source": {"type": "string", "nullable": True},
                "conforms": {"type": "boolean"},
                "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
                "findings": {"type": "array", "items": {"type": "object"}},
            },
        },
    }
    binary = {"schema": {"type": "string", "format": "binary"}}
    text = {"schema": {"type": "string"}}
    form = {
        "schema": {
            "type": "object",
            "properties": {
                "file": {"type": "string", "format": "binary"},
                "text": {"type": "string"},
                "format": {"type": "string"},
                "municipality": {"type": "string"},
                "police_area": {"type": "string"},
            },
        }
    }
    return {
        "/api/validate": {
            "post": {
                "operationId": "validateDocument",
                "summary": "Validera ett dokument / validate a document (as kg validate)",
                "description": "Checks a promise or follow-up against the shapes, as `kg validate FILE` "
                "does (texts, HTML and PDF are extracted first), and answers the report: JSON "
                "(default), SHACL Turtle (an sh:ValidationReport), HTML or the CLI's text, by "
                "Accept. Nothing is written. The answer is 200 whether the document conforms or "
                "not (see `conforms`).",
                "tags": ["validation"],
                "parameters": [
                    {
                        "name": n,
                        "in": "query",
                        "required": False,
                        "description": d,
                        "schema": {"type": "string", **({"enum": e} if e else {})},
                    }
                    for n, d, e in params
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "text/turtle": text,
                        "application/ld+json": text,
                        "application/yaml": text,
                        "text/plain": text,
                        "text/html": text,
                        "application/pdf": binary,
                        "application/octet-stream": binary,
                        "multipart/form-data": form,
                    },
                },
                "responses": {
                    "200": {
                        "description": "The validation report",
                        "content": {
                            "application/json": {"schema": report},
                            "text/turtle": text,
                            "text/html": text,
                            "text/plain": text,
                        },
                    },
                    "400": {"description": "A document that cannot be read (the message says where)"},
                    "406": {"description": "No report format the Accept header allows"},
                    "413": {"description": "A body over the server's size limit (--max-body)"},
                    "415": {"description": "A Content-Type that is not a document format"},
                    "503": {"description": "The validation ran past the server's time limit"},
                },
            }
        }
    }


routes = [
    Route("/_/validate", form_page, methods=["GET", "HEAD"], name="validate"),
    Route("/_/validate", submit_page, methods=["POST"]),
    Route("/_/validate/{token}", report_page, methods=["GET", "HEAD"]),
    Route("/api/validate", api_validate, methods=["POST"]),
]
