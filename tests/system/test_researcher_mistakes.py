"""What a researcher gets wrong with ``kg query`` and ``kg sparql``, through the real CLI: each
mistake is told what is wrong and how to fix it (Swedish first, English beside), with the
documented exit code (docs/cli.md: 2 bad input or usage, 3 endpoint unavailable), and no
traceback, markup or control character reaches the terminal."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cli_support import dump, streams

from kg.errors import EXIT_BAD_INPUT, EXIT_UNAVAILABLE


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, fixture_disk_store: Callable[[Path], Path]) -> Path:
    return fixture_disk_store(tmp_path_factory.mktemp("researcher") / "store")


def _clean(out: str) -> None:
    assert "Traceback" not in out and "internt fel / internal error" not in out, out


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/query", "localhost:7878/query", "https:///query"])
@pytest.mark.parametrize(
    "args",
    [
        ["query", "run", "promises", "--endpoint"],
        ["sparql", "ASK {}", "--endpoint"],
        ["publish", "--dry-run", "--endpoint"],
        ["pull"],
    ],
    ids=["query-run", "sparql", "publish", "pull"],
)
def test_an_endpoint_url_kg_cannot_send_to_is_a_usage_error(
    store: Path, tmp_path: Path, args: list[str], url: str
) -> None:
    target = tmp_path / "pulled" if args == ["pull"] else store
    code, _, err = streams(target, *args, url)
    assert code == EXIT_BAD_INPUT, err  # was 3, "endpoint unavailable"
    assert f"ingen http(s)-adress / not an http(s) URL: {url!r}" in err
    assert "--endpoint http://localhost:7878/query" in err  # what one looks like
    _clean(err)


PAGE = (
    "<!DOCTYPE html><html><head><title>Logga in / log in</title><style>p{color:red}</style></head>"
    "<body><h1>Intranät</h1><p>Fel &amp; brist</p></body></html>"
).encode()


@pytest.fixture(scope="module")
def web_server() -> Iterator[str]:
    """A web server, not a SPARQL endpoint: ``/STATUS`` answers that status with an HTML page."""

    class Handler(BaseHTTPRequestHandler):
        def _any(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(int(self.path.strip("/")))
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)

        do_GET = do_POST = _any  # noqa: N815  (http.server names them so)

        def log_message(self, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("status", [200, 404, 500])
@pytest.mark.parametrize(
    "args", [["query", "run", "promises"], ["sparql", "DESCRIBE kg:promise/0580-2023-2024"]]
)
def test_a_web_page_where_an_endpoint_should_be_is_named_without_its_markup(
    store: Path, web_server: str, args: list[str], status: int
) -> None:
    code, _, err = streams(store, *args, "--endpoint", f"{web_server}/{status}", "--timeout", "10")
    assert code == EXIT_UNAVAILABLE, err
    assert "<" not in err and "color:red" not in err  # was the page's markup, 500 characters of it
    assert f"HTTP {status}" in err and ": Logga in / log in Intranät Fel & brist" in err
    if status == 200:  # was "Parser error at line 1 column 1: Unexpected char: '<'"
        assert "svaret är en HTML-sida, inte ett SPARQL-svar / the answer is an HTML page" in err
    assert "is the URL a SPARQL query endpoint (e.g. http://localhost:7878/query)?" in err
    _clean(err)


@pytest.mark.parametrize(
    ("text", "keyword"),
    [
        ("DROP ALL", "DROP"),
        ("PREFIX ex: <http://example.org/>\nINSERT DATA { ex:a ex:b ex:c }", "INSERT"),
        ("# a comment\nclear default", "CLEAR"),
        ("WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
    ],
)
def test_an_update_is_refused_as_an_update(store: Path, text: str, keyword: str) -> None:
    before = dump(store)
    code, _, err = streams(store, "sparql", text)
    assert code == EXIT_BAD_INPUT, err
    # was "ingen SELECT/ASK/CONSTRUCT/DESCRIBE i frågan / not a SPARQL query"
    assert f"kg sparql does not run a SPARQL Update ({keyword}): it only reads" in err
    assert "'kg import' and 'kg remove'" in err
    assert dump(store) == before
    _clean(err)


def test_a_table_keeps_control_characters_off_the_terminal(store: Path, tmp_path: Path) -> None:
    query = r'SELECT ?text WHERE { VALUES ?text { "rad ett\r\nrad två\tflik\u001b[31m röd\rtillbaka" } }'
    code, out, err = streams(store, "sparql", query)
    assert code == 0, err
    assert "\r" not in out and "\x1b" not in out and "\t" not in out
    assert "rad ett rad två flik\\x1b[31m röd tillbaka" in out
    code, _, err = streams(store, "sparql", query, "-f", "csv", "-o", str(tmp_path / "rows.csv"))
    assert code == 0, err  # a file format keeps the value as it is
    assert "rad ett\r\nrad två\tflik\x1b[31m röd\rtillbaka" in (tmp_path / "rows.csv").read_bytes().decode()
