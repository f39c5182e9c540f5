"""HTTP for remotes (``kg pull``, ``kg publish``, ``kg query --endpoint``): a deadline per request,
a size cap per answer, and redirects kept to the endpoint's own host.

* **Deadline.** ``--timeout`` seconds is the time one request may take in all: connecting,
  sending, waiting for the headers and reading the body. A server that sends a byte every two
  seconds cannot keep a request (and the store's lock) for longer; the per-read timeout of
  ordinary clients never ends such a request. Every socket operation gets the time left, and
  none starts after the deadline (an httpcore network backend that wraps the standard one).
* **Size cap.** An answer is read in chunks and refused past ``max_bytes``
  (:data:`MAX_ANSWER`, 64 MiB, by default).
* **Redirects** are followed only to ``http``/``https`` URLs on the host of the request
  (``follow_redirects=True`` allows other hosts, still only http and https), at most 5.
"""

from __future__ import annotations

import functools
import html
import os
import re
import ssl
import time
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

from kg.errors import EndpointAddressError

MAX_ANSWER = 64 * 1024 * 1024
"""Largest answer read from a remote (bytes)."""
MAX_REDIRECTS = 5


class AnswerTooLarge(Exception):
    """An answer past the size cap."""


class RedirectRefused(Exception):
    """A redirect to another host or scheme."""


class _Deadline:
    def __init__(self) -> None:
        self.at: float | None = None

    def left(self, timeout: float | None, kind: type[Exception]) -> float | None:
        if self.at is None:
            return timeout
        left = self.at - time.monotonic()
        if left <= 0:
            raise kind("the request's deadline passed")
        return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, deadline: _Deadline) -> None:
        self._inner, self._deadline = inner, deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._deadline.left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._deadline.left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> Any:
        left = self._deadline.left(timeout, httpcore.ConnectTimeout)
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, left), self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self, deadline: _Deadline) -> None:
        self._inner = httpcore.SyncBackend()
        self._deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        left = self._deadline.left(timeout, httpcore.ConnectTimeout)
        stream = self._inner.connect_tcp(host, port, left, local_address, socket_options)
        return _Stream(stream, self._deadline)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        left = self._deadline.left(timeout, httpcore.ConnectTimeout)
        return _Stream(self._inner.connect_unix_socket(path, left, socket_options), self._deadline)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


@functools.cache
def _ssl_context(cert_file: str | None, cert_dir: str | None) -> ssl.SSLContext:
    return httpx.create_ssl_context()


def ssl_context() -> ssl.SSLContext:
    """httpx's verifying TLS context, made once per process (and per ``SSL_CERT_FILE`` and
    ``SSL_CERT_DIR``, which it reads): loading the CA bundle costs about 50 ms of CPU, and every
    remote endpoint and every publish opens a client. A context is safe to share between clients."""
    return _ssl_context(os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))


class DeadlineTransport(httpx.HTTPTransport):
    """httpx's transport whose every request must end ``seconds`` after it starts (headers and
    body, when the body is read before the next request)."""

    def __init__(self, seconds: float) -> None:
        context = ssl_context()
        super().__init__(verify=context)
        self.seconds = seconds
        self._deadline = _Deadline()
        # the standard pool, on a network backend that knows the deadline
        self._pool = httpcore.ConnectionPool(ssl_context=context, network_backend=_Backend(self._deadline))

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self._deadline.at = time.monotonic() + self.seconds
        return super().handle_request(request)


def client(
    seconds: float,
    *,
    hosts: Iterable[str],
    follow_redirects: bool = False,
    auth: httpx.Auth | None = None,
    headers: dict[str, str] | None = None,
    transport: DeadlineTransport | None = None,
) -> httpx.Client:
    """A client with a ``seconds`` deadline per request, for requests to ``hosts``; redirects
    elsewhere are refused unless ``follow_redirects`` (module docstring)."""
    allowed = {h.lower() for h in hosts}

    def guard(request: httpx.Request) -> None:
        url = request.url
        if url.scheme not in ("http", "https"):
            raise RedirectRefused(f"omdirigering till / redirect to {url.scheme}: (bara / only http, https)")
        if not follow_redirects and url.host.lower() not in allowed:
            raise RedirectRefused(
                f"omdirigering till en annan värd / redirect to another host: {url.host} ({url})"
                " (--follow-redirects tillåter det / allows it)"
            )

    return httpx.Client(
        transport=transport or DeadlineTransport(seconds),
        timeout=httpx.Timeout(seconds),
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        auth=auth,
        headers=headers,
        event_hooks={"request": [guard]},
    )


def read_capped(response: httpx.Response, max_bytes: int = MAX_ANSWER) -> bytes:
    """A streamed response's body; :class:`AnswerTooLarge` past ``max_bytes``."""
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise AnswerTooLarge(f"{declared} bytes > {max_bytes}")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise AnswerTooLarge(f"> {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def check_url(url: str) -> str:
    """``url`` if kg can send to it (http or https, with a host); else
    :class:`EndpointAddressError` (a usage error, exit 2) saying what an endpoint URL looks like."""
    try:
        parts = urlsplit(url)
        ok = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        ok = False
    if not ok:
        raise EndpointAddressError(
            f"ingen http(s)-adress / not an http(s) URL: {url!r}",
            hint="Exempel / Example: --endpoint http://localhost:7878/query",
        )
    return url


def is_html(response: httpx.Response, body: bytes = b"") -> bool:
    """Whether an answer is a web page (a login page, a server's own error page), not an
    answer of the protocol: by its media type, or by its first bytes when it names none."""
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind in ("text/html", "application/xhtml+xml"):
        return True
    start = body.lstrip()[:15].lower()
    return not kind and start.startswith((b"<!doctype html", b"<html"))


def page_text(body: bytes, limit: int = 200) -> str:
    """An HTML page as one line of its text (its title first), for a message: never its markup."""
    text = body.decode("utf-8", "replace")
    text = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", " ", text)
    text = html.unescape(re.sub(r"(?s)<[^>]*>", " ", text))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
