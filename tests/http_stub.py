"""A local HTTP server that answers with a test's own handler: the endpoint that redirects,
stalls, answers a web page or an error, which no real triple store does on purpose."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextmanager
def stub_server(handler: type[BaseHTTPRequestHandler]) -> Iterator[ThreadingHTTPServer]:
    """``handler`` served on a free port of 127.0.0.1 (``server.server_address[1]``) until the
    block ends."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def base_url(server: ThreadingHTTPServer) -> str:
    """The stub's base URL, ``http://127.0.0.1:PORT``."""
    return f"http://127.0.0.1:{server.server_address[1]}"
