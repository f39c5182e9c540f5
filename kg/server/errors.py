"""Library errors → HTTP statuses, in one place (the app's exception handlers).

Every :class:`kg.errors.KgError` carries its status (``http_status``); the message (and its
hint) is the body: an HTML page for browsers (``Accept: text/html``), JSON problem details
(RFC 9457, ``application/problem+json``) for the API (``/api/...``, or a client that asks for
them), plain text for other programs (the SPARQL protocol's clients). Anything else is a bug: 500.
"""

from __future__ import annotations

import json
import logging
import re
from http import HTTPStatus
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from kg.errors import KgError, QueryTimeout
from kg.server import negotiation as neg
from kg.server.context import context
from kg.server.security import secure

log = logging.getLogger("kg.server")
PROBLEM = "application/problem+json"
PROBLEM_SCHEMA: dict[str, object] = {
    "type": "object",
    "description": "RFC 9457 problem details",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string", "description": "what is wrong, Swedish / English"},
        "instance": {"type": "string"},
        "documentation": {"type": "string"},
        "hint": {"type": "string", "description": "how to fix it"},
    },
    "required": ["type", "title", "status", "detail"],
}
"""The schema of :func:`problem_details` in the OpenAPI."""

_TITLES = {
    400: "Felaktig begäran / Bad request",
    403: "Inte tillåtet / Forbidden",
    404: "Hittades inte / Not found",
    405: "Metoden är inte tillåten / Method not allowed",
    406: "Inget passande format / Not acceptable",
    413: "För stor begäran / Request too large",
    415: "Fel medietyp / Unsupported media type",
    422: "Uppfyller inte reglerna / Does not conform",
    500: "Internt fel / Internal error",
    502: "Fel hos källan / Bad gateway",
    503: "Inte tillgänglig / Unavailable",
}


def _wants_html(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    if "text/html" not in accept:
        return False
    chosen = neg.negotiate(accept, (neg.fmt("html"), neg.fmt("json"), *neg.RESULTS))
    return chosen is not None and chosen.kind is neg.Kind.page


def _wants_problem(request: Request) -> bool:
    return request.url.path.startswith("/api/") or PROBLEM in request.headers.get("accept", "").lower()


def _api_hint(hint: str | None) -> str | None:
    """A hint as the API's caller can follow it: ``-p name=value`` becomes ``?name=value``; a
    hint whose example or pointer is a command line (``see 'kg query list'``, ``Example: kg
    query run ...``) is left out (the problem names the API documentation instead)."""
    if not hint:
        return None
    hint = re.sub(r"(^|\s)-p ([A-Za-z_]\w*)=", r"\1?\2=", hint)
    # a value quoted for the shell ('Södermanlands län') is written as a URL carries it
    hint = re.sub(
        r"(\?[A-Za-z_]\w*=)(['\"])([^'\"]*)\2", lambda m: m.group(1) + quote(m.group(3), safe=":/"), hint
    )
    return None if re.search(r"(?i)\b(example|exempel|see|se):?\s+'?kg [a-z]", hint) else hint


def problem_details(
    request: Request, status: int, detail: str, hint: str | None = None, headers: dict[str, str] | None = None
) -> Response:
    """An RFC 9457 problem: ``type`` ``about:blank`` (the status says what kind of problem),
    ``title`` the status phrase, ``detail`` the message, ``instance`` the public URL asked for."""
    body: dict[str, object] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else str(status),
        "status": status,
        "detail": detail,
    }
    ctx = getattr(request.app.state, "ctx", None)
    if ctx is not None:
        body["instance"] = ctx.request_url(request)
        if request.url.path.startswith("/api/"):
            body["documentation"] = ctx.url("api/docs")
    if hint:
        body["hint"] = hint
    return Response(
        json.dumps(body, ensure_ascii=False) + "\n", status_code=status, media_type=PROBLEM, headers=headers
    )


def error_response(
    request: Request,
    status: int,
    message: str,
    headers: dict[str, str] | None = None,
    *,
    detail: str | None = None,
    hint: str | None = None,
) -> Response:
    """The error answer each client reads: a page, problem details, or the message as text.
    ``detail`` and ``hint`` are the message's parts for problem details (default: the message)."""
    if _wants_html(request):
        templates = getattr(request.app.state, "ctx", None)
        if templates is not None:
            from kg.server.pages import render_error

            return render_error(request, status, _TITLES.get(status, str(status)), message, headers)
    if _wants_problem(request):
        return problem_details(request, status, detail or message, _api_hint(hint), headers)
    return PlainTextResponse(message + "\n", status_code=status, headers=headers)


async def kg_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, KgError)
    headers: dict[str, str] = {}
    if exc.http_status == 405:
        headers["Allow"] = "GET, HEAD, POST, OPTIONS"
    if exc.http_status == 503:
        headers["Retry-After"] = "5"
    if exc.http_status == 406:  # the answer depends on what was asked for, as a 200 would
        headers["Vary"] = "Accept"
    if isinstance(exc, QueryTimeout):  # the limit it ran into, as every answer within it states
        headers["X-Query-Time-Limit"] = f"{context(request).engine.timeout:g}"
    detail = f"{exc.where}: {exc.message}" if exc.where else exc.message
    return error_response(request, exc.http_status, str(exc), headers, detail=detail, hint=exc.hint)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = str(exc.detail)
    if exc.status_code == 404 and message == HTTPStatus.NOT_FOUND.phrase:
        message = f"inget här / nothing here: {context(request).path(context(request).request_path(request))}"
    elif exc.status_code == 405 and message == HTTPStatus.METHOD_NOT_ALLOWED.phrase:
        allowed = (exc.headers or {}).get("Allow", "")
        message = f"metoden {request.method} tas inte emot här / {request.method} is not accepted here" + (
            f" (allowed: {allowed})" if allowed else ""
        )
    return error_response(request, exc.status_code, message, dict(exc.headers or {}))


async def server_error(request: Request, exc: Exception) -> Response:
    log.exception("bug while answering %s %s", request.method, request.url.path, exc_info=exc)
    response = error_response(request, 500, "internt fel / internal server error")
    secure(response.headers)  # answered outside the middleware that adds them to every other response
    return response


HANDLERS = {KgError: kg_error, HTTPException: http_error, Exception: server_error}
