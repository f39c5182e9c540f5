"""Where ``kg serve`` listens, and what it says about it.

The socket is bound before anything is announced, so a port in use is one clear error (exit 3)
and no URL; the URL is printed once the server answers (its query workers started); every
request is written to an access log in the Common Log Format.
"""

from __future__ import annotations

import errno
import socket
import sys
import time
from collections.abc import Callable
from typing import Any, TextIO

import uvicorn

from kg.errors import AddressUnavailable, InputError


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host:port``, or a typed error saying why there can be none."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except socket.gaierror as exc:
        raise InputError(
            f"--host {host}: ingen sådan adress / no such address ({exc.strerror})",
            hint="Ange en adress den här datorn har, till exempel 127.0.0.1 / give an address of "
            "this machine, such as 127.0.0.1.",
        ) from None
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: a restart reuses the port
    try:
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        where = f"{host}:{port}"
        if exc.errno == errno.EADDRINUSE:
            raise AddressUnavailable(
                f"porten {port} används redan på {host} / port {port} is already in use on {host}",
                hint=f"Stoppa det som lyssnar där (ss -ltnp 'sport = :{port}' visar det) eller välj en "
                f"annan port med --port / stop what listens there (ss -ltnp 'sport = :{port}' shows "
                "it) or choose another port with --port.",
            ) from None
        if exc.errno == errno.EACCES:
            raise AddressUnavailable(
                f"får inte lyssna på / not allowed to listen on {where}",
                hint="Portar under 1024 kräver privilegier: välj en port från 1024 och låt en proxy "
                "ta port 80/443 / ports below 1024 need privileges: choose a port from 1024 and let "
                "a reverse proxy take 80/443.",
            ) from None
        if exc.errno == errno.EADDRNOTAVAIL:
            raise InputError(
                f"--host {host}: inte en adress den här datorn har / not an address of this machine",
                hint="Ange till exempel 127.0.0.1 / give, for example, 127.0.0.1.",
            ) from None
        raise AddressUnavailable(f"kan inte lyssna på / cannot listen on {where}: {exc.strerror}") from None
    return sock


class AccessLog:
    """ASGI middleware: one line per request in the Common Log Format (``host - - [time]
    "request" status bytes``), the request as the client sent it, to a text stream."""

    def __init__(self, app: Any, stream: TextIO) -> None:
        self.app = app
        self.stream = stream

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500
        size = 0

        async def counting(message: dict[str, Any]) -> None:
            nonlocal status, size
            if message["type"] == "http.response.start":
                status = int(message["status"])
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, counting)
        finally:
            self.write(scope, status, size)

    def write(self, scope: dict[str, Any], status: int, size: int) -> None:
        client = scope.get("client")
        host = client[0] if client else "-"
        raw = scope.get("raw_path")
        path = raw.decode("latin-1") if isinstance(raw, bytes) else scope.get("path", "/")
        query = scope.get("query_string", b"").decode("latin-1")
        target = path + (f"?{query}" if query else "")
        target = target.replace("\\", "\\\\").replace('"', '\\"')
        when = time.strftime("%d/%b/%Y:%H:%M:%S %z", time.localtime())
        request = f"{scope.get('method', '-')} {target} HTTP/{scope.get('http_version', '1.1')}"
        line = f'{host} - - [{when}] "{request}" {status} {size if size else "-"}\n'
        try:
            self.stream.write(line)
            self.stream.flush()
        except (OSError, ValueError):  # a closed or full log never stops the answers
            pass


class AnnouncingServer(uvicorn.Server):
    """uvicorn's server, calling ``ready`` once it listens and its app has started."""

    def __init__(self, config: uvicorn.Config, ready: Callable[[], None]) -> None:
        super().__init__(config)
        self._ready = ready

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started and not self.should_exit:
            self._ready()


def open_access_log(path: str | None, quiet: bool) -> TextIO | None:
    """Where the access log goes: the file (appended to), else stderr unless quiet, else nowhere."""
    if path is not None:
        try:
            return open(path, "a", encoding="utf-8", buffering=1)
        except OSError as exc:
            raise InputError(
                f"--access-log {path}: kan inte skriva / cannot write ({exc.strerror})",
                hint="Ange en fil i en mapp som finns och är skrivbar / give a file in a folder that "
                "exists and is writable.",
            ) from None
    return None if quiet else sys.stderr
