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


HEAD_LIMIT = 64 * 1024
"""Bytes the request line and headers of one request may have together (a longer GET query is
sent with POST)."""


def http_protocol(head_limit: int = HEAD_LIMIT) -> Any:
    """uvicorn's HTTP protocol with the request head bounded: past ``head_limit`` bytes before the
    headers end, the connection is answered 431 and closed, before the parser has gathered (and
    copied, again and again) a request line or a header of any length.

    Returns a protocol class for ``uvicorn.run(http=...)``, or ``"h11"`` with its own bound when
    httptools is not installed (the caller then passes ``h11_max_incomplete_event_size``).
    """
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
    except ImportError:  # pragma: no cover - uvicorn without its standard extra
        return "h11"

    message = (
        f"förfrågans huvud är större än {head_limit} byte / the request line and headers are larger "
        f"than {head_limit} bytes; send a long query with POST\n"
    ).encode()
    refusal = (
        b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: text/plain; charset=utf-8\r\n"
        b"connection: close\r\ncontent-length: " + str(len(message)).encode() + b"\r\n\r\n" + message
    )

    class BoundedHead(HttpToolsProtocol):  # type: ignore[misc]
        _head = 0
        _in_head = True

        def on_message_begin(self) -> None:
            self._in_head = True
            super().on_message_begin()

        def on_headers_complete(self) -> None:
            self._in_head = False
            self._head = 0
            super().on_headers_complete()

        def data_received(self, data: bytes) -> None:
            if not self._in_head:
                super().data_received(data)
                return
            if self._head > head_limit:  # still no end of the head after the limit: never read on
                self._refuse()
                return
            self._head += len(data)  # this chunk may end the head and carry a body: parse it
            super().data_received(data)
            if self._in_head and self._head > head_limit:
                self._refuse()

        def _refuse(self) -> None:
            self.transport.write(refusal)
            self.transport.close()

    return BoundedHead
