"""Library errors → HTTP statuses, in one place (the app's exception handlers).

Every :class:`kg.errors.KgError` carries its status (``http_status``); the message (and its
hint) is the body: plain text for programs, an HTML page for browsers. Anything else is a bug: 500.
"""

from __future__ import annotations

import logging

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from kg.errors import KgError
from kg.server import negotiation as neg
from kg.server.security import secure

log = logging.getLogger("kg.server")

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


def error_response(
    request: Request, status: int, message: str, headers: dict[str, str] | None = None
) -> Response:
    if _wants_html(request):
        templates = getattr(request.app.state, "ctx", None)
        if templates is not None:
            from kg.server.pages import render_error

            return render_error(request, status, _TITLES.get(status, str(status)), message, headers)
    return PlainTextResponse(message + "\n", status_code=status, headers=headers)


async def kg_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, KgError)
    headers: dict[str, str] = {}
    if exc.http_status == 405:
        headers["Allow"] = "GET, HEAD, POST, OPTIONS"
    if exc.http_status == 503:
        headers["Retry-After"] = "5"
    return error_response(request, exc.http_status, str(exc), headers)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return error_response(request, exc.status_code, str(exc.detail), dict(exc.headers or {}))


async def server_error(request: Request, exc: Exception) -> Response:
    log.exception("bug while answering %s %s", request.method, request.url.path, exc_info=exc)
    response = error_response(request, 500, "internt fel / internal server error")
    secure(response.headers)  # answered outside the middleware that adds them to every other response
    return response


HANDLERS = {KgError: kg_error, HTTPException: http_error, Exception: server_error}
