"""Request bodies of bounded size: counted as they arrive, refused (413) past the limit.

An ASGI middleware wraps ``receive``: a request whose ``Content-Length`` is over the limit is
refused before a byte of its body is read, and a body without a length (chunked) is counted
chunk by chunk and refused as soon as it passes the limit. Either way the handler that asked for
the body gets :class:`kg.errors.RequestTooLarge` (413, the limit named) and the rest of the body is
never read: the server (uvicorn) stops reading the socket while nobody consumes it.
"""

from __future__ import annotations

from typing import Any

from kg.errors import RequestTooLarge

Scope = dict[str, Any]
Receive = Any
Send = Any


def too_large(limit: int) -> RequestTooLarge:
    return RequestTooLarge(
        f"förfrågans innehåll är större än {limit} byte / the request body is larger than "
        f"{limit} bytes (the limit of this server)",
        hint="Skicka en kortare fråga, eller starta kg serve med en större --max-body / send a "
        "shorter query, or start kg serve with a larger --max-body.",
    )


class BodyLimit:
    """At most ``max_bytes`` of request body per request, on every route."""

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_bytes
        declared: int | None = None
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                text = value.decode("latin-1").strip()
                declared = int(text) if text.isdigit() and len(text) <= 20 else limit + 1
        seen = 0

        async def limited() -> Any:
            nonlocal seen
            if declared is not None and declared > limit:
                raise too_large(limit)
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise too_large(limit)
            return message

        await self.app(scope, limited, send)
