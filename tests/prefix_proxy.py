"""A reverse proxy on 127.0.0.1 that publishes a server under a path prefix, as the README's nginx
set-up does (``location /medborgarlofte/ { proxy_pass http://127.0.0.1:8000/; }``).

A request to ``/medborgarlofte/x`` is forwarded to ``/x`` on the upstream server with the
upstream's own ``Host`` (nginx's default) and ``X-Forwarded-For``/``-Proto``; any other path is a
404 of the proxy's own. Answers are relayed unchanged: unlike nginx (``proxy_redirect default``)
the proxy does not rewrite ``Location``, so a redirect to the internal host shows as one.
"""

from __future__ import annotations

import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}


class PrefixProxy:
    """Start with :meth:`start`; :attr:`base` is the public base URL; :meth:`stop` at the end."""

    def __init__(self, upstream_port: int, prefix: str = "/medborgarlofte/") -> None:
        assert prefix.startswith("/") and prefix.endswith("/")
        self.upstream_port = upstream_port
        self.prefix = prefix
        self.outside: list[str] = []
        """paths asked for outside the prefix (each answered 404 by the proxy)"""
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                return None

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                if not self.path.startswith(proxy.prefix):
                    proxy.outside.append(self.path)
                    self._answer(404, [("Content-Type", "text/plain")], b"outside the proxy's prefix\n")
                    return
                upstream = http.client.HTTPConnection("127.0.0.1", proxy.upstream_port, timeout=60)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP | {"host"}}
                headers["Host"] = f"127.0.0.1:{proxy.upstream_port}"
                headers["X-Forwarded-For"] = self.client_address[0]
                headers["X-Forwarded-Proto"] = "http"
                try:
                    upstream.request(self.command, "/" + self.path[len(proxy.prefix) :], body, headers)
                    r = upstream.getresponse()
                    data = r.read()
                    relayed = [
                        (k, v) for k, v in r.getheaders() if k.lower() not in _HOP | {"content-length"}
                    ]
                    self._answer(r.status, relayed, data)
                finally:
                    upstream.close()

            def _answer(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
                self.send_response(status)
                for k, v in headers:
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            do_GET = do_POST = do_HEAD = do_OPTIONS = _handle  # noqa: N815

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}{prefix}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> PrefixProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread.is_alive():  # shutdown() waits for serve_forever: never call it unstarted
            self._server.shutdown()
            self._thread.join(timeout=10)
        self._server.server_close()
