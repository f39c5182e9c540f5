"""Headers that keep pages safe by construction, and redirects that never trust the Host header.

Every response says ``X-Content-Type-Options: nosniff`` and a ``Referrer-Policy``; every HTML
response carries a strict ``Content-Security-Policy`` (only the server's own files: no inline
script or style, which the pages do not use; no framing; the SPARQL editor's page allows YASGUI's
inline styles, :mod:`kg.server.editor`) and ``X-Frame-Options``. A redirect
that Starlette builds from the request (a trailing slash taken off) would name whatever host the
client sent; its ``Location`` is rebuilt from the public base URL (``--base-url``) instead.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

from starlette.datastructures import MutableHeaders

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def secure(headers: MutableHeaders) -> None:
    """Add the security headers to a response's headers (the page ones when it is HTML)."""
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    if headers.get("content-type", "").startswith("text/html"):
        if "content-security-policy" not in headers:  # the SPARQL editor sets its own (kg.server.editor)
            headers["Content-Security-Policy"] = CSP
        headers["X-Frame-Options"] = "DENY"


def public_location(location: str, public_base: str) -> str:
    """An absolute ``Location`` made from the request, rebuilt on the public base URL."""
    try:
        parts = urlsplit(location)
    except ValueError:
        return public_base
    if not parts.scheme and not parts.netloc:
        return location  # relative: resolved against the URL the client used, as it should be
    target = public_base.rstrip("/") + (parts.path or "/")
    return target + (f"?{parts.query}" if parts.query else "")


class SecurityHeaders:
    """ASGI middleware: :func:`secure` on every response, :func:`public_location` on redirects."""

    def __init__(self, app: Any, public_base: str) -> None:
        self.app = app
        self.public_base = public_base

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_secured(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                secure(headers)
                location = headers.get("location")
                if location:
                    headers["location"] = public_location(location, self.public_base)
            await send(message)

        await self.app(scope, receive, send_secured)


class PublicPrefix:
    """ASGI middleware for a proxy that forwards the public path prefix instead of stripping it
    (nginx ``proxy_pass http://127.0.0.1:8000;`` without the trailing slash): ``/kg/x`` is
    answered as ``/x`` when the base URL is ``https://host/kg/``. A request without the prefix
    (the stripping proxy of the README, or a local client) passes unchanged."""

    def __init__(self, app: Any, root_path: str) -> None:
        self.app = app
        self.prefix = root_path.rstrip("/")

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        path = scope.get("path", "")
        if (
            self.prefix
            and scope["type"] == "http"
            and (path == self.prefix or path.startswith(self.prefix + "/"))
        ):
            scope = dict(scope)
            scope["path"] = path[len(self.prefix) :] or "/"
            raw = scope.get("raw_path")
            encoded = quote(self.prefix).encode()
            if isinstance(raw, bytes) and raw.startswith(encoded):
                scope["raw_path"] = raw[len(encoded) :] or b"/"
        await self.app(scope, receive, send)
