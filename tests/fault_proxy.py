"""A fault-injecting HTTP proxy on 127.0.0.1, put in front of a real ``oxigraph serve``.

Each write (any request not to a ``.../query`` path) is numbered from 1; queries (the remote
checks of ``kg publish``) are forwarded unnumbered. A *plan* (``number, method, path -> fault
or None``) decides what happens to it: ``None`` forwards it to the real server and relays the
answer; a fault is one of

* ``"401"``, ``"500"``: answer that status at once (nothing reaches the server);
* ``"hang"``: read the request and never answer (until the proxy stops): the client times out;
* ``"drop"``: send the server the request line, the headers and only *half* of the body, then
  close both connections: the server sees a truncated request, the client a dropped connection.

It is the only stand-in in the publish tests; the store behind it is real.
"""

from __future__ import annotations

import http.client
import socket
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Plan = Callable[[int, str, str], str | None]


def forward_all(number: int, method: str, path: str) -> str | None:
    return None


class FaultProxy:
    """Start with :meth:`start`, point the client at :attr:`url`, :meth:`stop` at the end."""

    def __init__(self, upstream_port: int, plan: Plan = forward_all) -> None:
        self.upstream_port = upstream_port
        self.plan = plan
        self.count = 0
        self.log: list[tuple[int, str, str, str]] = []
        """(number, method, path, what happened) for every request"""
        self.authorization: list[str | None] = []
        """the Authorization header of every request"""
        self._lock = threading.Lock()
        self._release = threading.Event()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                return None

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                if self.path.split("?")[0].endswith("/query"):
                    self._forward(body)
                    return
                with proxy._lock:
                    proxy.count += 1
                    number = proxy.count
                fault = proxy.plan(number, self.command, self.path)
                proxy.log.append((number, self.command, self.path, fault or "forward"))
                proxy.authorization.append(self.headers.get("Authorization"))
                if fault in ("401", "500"):
                    payload = f"injected {fault}".encode()
                    self.send_response(int(fault))
                    if fault == "401":
                        self.send_header("WWW-Authenticate", 'Basic realm="test"')
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                    return
                if fault == "hang":
                    proxy._release.wait(60)
                    self.close_connection = True
                    return
                if fault == "drop":
                    self._truncated_upstream(body)
                    self.close_connection = True
                    return
                self._forward(body)

            def _headers(self) -> dict[str, str]:
                skip = {"host", "content-length", "connection", "keep-alive", "transfer-encoding"}
                return {k: v for k, v in self.headers.items() if k.lower() not in skip}

            def _forward(self, body: bytes) -> None:
                conn = http.client.HTTPConnection("127.0.0.1", proxy.upstream_port, timeout=60)
                try:
                    conn.request(self.command, self.path, body=body or None, headers=self._headers())
                    resp = conn.getresponse()
                    payload = resp.read()
                finally:
                    conn.close()
                self.send_response(resp.status)
                for k, v in resp.getheaders():
                    if k.lower() not in ("content-length", "connection", "transfer-encoding"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def _truncated_upstream(self, body: bytes) -> None:
                head = [f"{self.command} {self.path} HTTP/1.1", f"Host: 127.0.0.1:{proxy.upstream_port}"]
                head += [f"{k}: {v}" for k, v in self._headers().items()]
                head += [f"Content-Length: {len(body)}", "Connection: close", "", ""]
                with socket.create_connection(("127.0.0.1", proxy.upstream_port), timeout=10) as up:
                    up.sendall("\r\n".join(head).encode("latin-1") + body[: len(body) // 2])

            do_GET = do_POST = do_PUT = do_DELETE = _handle  # noqa: N815

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        # a short poll: stop() waits for serve_forever to notice (half a second by default)
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
