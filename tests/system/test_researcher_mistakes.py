"""What a researcher gets wrong with ``kg query`` and ``kg sparql``, through the real CLI: each
mistake is told what is wrong and how to fix it (Swedish first, English beside), with the
documented exit code (docs/cli.md: 2 bad input or usage, 3 endpoint unavailable), and no
traceback, markup or control character reaches the terminal."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from cli_support import dump, streams
from http_stub import base_url, stub_server

from kg.errors import EXIT_BAD_INPUT, EXIT_UNAVAILABLE


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, fixture_disk_store: Callable[[Path], Path]) -> Path:
    return fixture_disk_store(tmp_path_factory.mktemp("researcher") / "store")


def _clean(out: str) -> None:
    assert "Traceback" not in out and "internt fel / internal error" not in out, out


def test_query_docs_into_a_folder_that_does_not_exist_is_bad_input(store: Path, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "queries.md"
    code, _, err = streams(store, "query", "docs", "--no-examples", "-o", str(target))
    assert code == EXIT_BAD_INPUT, err  # was 70, "internal error: a bug"
    assert "mappen finns inte / the folder does not exist" in err and str(target.parent) in err
    _clean(err)


def test_a_queries_folder_that_is_missing_or_empty_is_named(store: Path, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    code, out, err = streams(store, "query", "list", "--queries", str(missing))
    assert code == EXIT_BAD_INPUT, out  # was exit 0 and "(inga rader / no rows)"
    assert f"no folder of saved queries: {missing}" in err and "--queries, KG_QUERIES" in err
    code, _, err = streams(store, "query", "run", "promises", "--queries", str(missing))
    assert code == EXIT_BAD_INPUT and "no folder of saved queries" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = streams(store, "query", "run", "promises", "--queries", str(empty))
    assert code == EXIT_BAD_INPUT  # was "see 'kg query list'", which lists nothing
    assert f"inga .rq-filer i / no .rq files in {empty}" in err
    _clean(err)


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

    with stub_server(Handler) as server:
        yield base_url(server)


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
    ("args", "message"),
    [
        (
            ["activities-by-municipality", "-p", "municipality=Skåne"],
            "municipality='Skåne' är ett län (Skåne län), ingen kommun / is a county (Skåne län), "
            "not a municipality",
        ),
        (
            ["activities-by-municipality", "-p", "municipality=12"],
            "municipality='12' är ett län (Skåne län), ingen kommun / is a county",
        ),
        (
            ["promises", "-p", "county=Linköping"],
            "county='Linköping' är en kommun (Linköpings kommun), inget län / is a municipality "
            "(Linköpings kommun), not a county",
        ),
        (["promises", "-p", "county=0580"], "is a municipality (Linköpings kommun), not a county"),
    ],
)
def test_a_county_for_a_municipality_or_back_is_named_as_such(
    store: Path, args: list[str], message: str
) -> None:
    """Was "unknown municipality: 'Skåne'; did you mean: Ånge kommun, Sunne kommun ...?"."""
    code, _, err = streams(store, "query", "run", *args)
    assert code == EXIT_BAD_INPUT, err
    assert message in err
    assert "Exempel / Example: -p " in err  # a value of the right kind
    _clean(err)


def test_a_period_that_ends_before_it_starts_is_refused(store: Path) -> None:
    """Was exit 0 with the promises that span both dates."""
    args = ["query", "run", "promises-in-period", "-p", "from=2024-06-30", "-p", "to=2017-06-01"]
    code, out, err = streams(store, *args)
    assert code == EXIT_BAD_INPUT, out
    assert "from=2024-06-30 är efter / is after to=2017-06-01" in err
    assert "swap them: -p from=2017-06-01 -p to=2024-06-30" in err
    code, out, err = streams(store, *args[:3], "-p", "from=2024-06-30", "-p", "to=2024-06-30")
    assert code == 0, err  # one day is a period


def test_an_activity_that_is_not_in_the_data_is_named_when_nothing_is_found(store: Path) -> None:
    """Was "(inga rader / no rows)" alone: as if the activity had never been followed up."""
    run = ("query", "run", "activity-history", "-p")
    code, out, err = streams(store, *run, "activity=kg:promise/0580-2023-2024/activity/99")
    assert code == 0 and "(inga rader / no rows)" in out
    assert "activity=kg:promise/0580-2023-2024/activity/99 finns inte i datan / is not in the data" in err
    code, out, err = streams(store, *run, "activity=kg:promise/0580-2023-2024/activity/1")
    assert code == 0 and "genomförd" in out and "is not in the data" not in err
    code, out, err = streams(store, *run, "activity=kg:promise/0181-2024-2025/activity/1")
    assert code == 0 and "(inga rader / no rows)" in out  # never followed up, but there
    assert "is not in the data" not in err


def test_an_unknown_parameter_lists_the_parameters_of_the_query(store: Path) -> None:
    code, _, err = streams(store, "query", "run", "promises", "-p", "kommun=Linköping")
    assert code == EXIT_BAD_INPUT
    assert "query promises has no parameter 'kommun'" in err
    # a near name may mislead ("county" for the Swedish "kommun"): every parameter is named too
    assert "Parametrar / parameters: county, municipality, includeExamples, excludeAssumed" in err


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


def _strict(constant: str) -> None:
    raise ValueError(f"not JSON: {constant}")


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_rows_are_json_even_for_nan_and_infinity(store: Path, fmt: str) -> None:
    """Was ``{"x": NaN, "y": Infinity}``, which no JSON parser but Python's reads."""
    query = (
        'SELECT ?x ?y ?z ?n WHERE { BIND("NaN"^^xsd:double AS ?x) BIND("INF"^^xsd:double AS ?y) '
        'BIND("-INF"^^xsd:float AS ?z) BIND(1.5 AS ?n) }'
    )
    code, out, err = streams(store, "sparql", query, "-f", fmt)
    assert code == 0, err
    rows = (
        json.loads(out, parse_constant=_strict)
        if fmt == "json"
        else [json.loads(line, parse_constant=_strict) for line in out.splitlines()]
    )
    assert rows == [{"x": "NaN", "y": "INF", "z": "-INF", "n": 1.5}]


@pytest.fixture(scope="module")
def moved_server() -> Iterator[int]:
    """``/sparql`` answers every query with no rows (ASK: true); ``/moved`` redirects there by
    the other name of the host (127.0.0.1 for localhost); ``/locked`` wants credentials."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            port = self.server.server_address[1]
            if self.path == "/moved":
                self.send_response(307)
                self.send_header("Location", f"http://127.0.0.1:{port}/sparql")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status, answer = 200, b'{"head": {"vars": []}, "results": {"bindings": []}}'
            if b"ASK" in body:
                answer = b'{"head": {}, "boolean": true}'
            if self.path == "/locked":
                status, answer = 401, b"Unauthorized"
            self.send_response(status)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args: object) -> None:
            return None

    with stub_server(Handler) as server:
        yield server.server_address[1]


@pytest.mark.parametrize(
    "args", [["sparql", "ASK {}"], ["query", "run", "concept-by-label", "-p", "label=x"]]
)
def test_a_redirect_to_another_host_names_it_and_the_option_that_follows_it(
    store: Path, moved_server: int, args: list[str]
) -> None:
    """The hint named --follow-redirects, which kg sparql and kg query run did not have."""
    moved = f"http://localhost:{moved_server}/moved"
    code, _, err = streams(store, *args, "--endpoint", moved)
    assert code == EXIT_UNAVAILABLE, err
    assert f"redirect to another host: 127.0.0.1 (http://127.0.0.1:{moved_server}/sparql)" in err
    assert "--follow-redirects" in err
    code, _, err = streams(store, *args, "--endpoint", moved, "--follow-redirects")
    assert code == 0, err
    _clean(err)


def test_an_endpoint_that_wants_credentials_says_where_they_go(
    store: Path, moved_server: int, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))
    monkeypatch.delenv("KG_ENDPOINT_USER", raising=False)
    locked = f"http://127.0.0.1:{moved_server}/locked"
    code, _, err = streams(store, "sparql", "ASK {}", "--endpoint", locked)
    assert code == EXIT_UNAVAILABLE
    assert "HTTP 401" in err  # was all it said
    assert "give the user and password in KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD or ~/.netrc" in err
    monkeypatch.setenv("KG_ENDPOINT_USER", "anna")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "fel")
    code, _, err = streams(store, "sparql", "ASK {}", "--endpoint", locked)
    assert code == EXIT_UNAVAILABLE and "the endpoint refused the user 'anna'" in err


def test_an_unknown_scb_code_is_answered_with_the_near_codes(store: Path) -> None:
    """Was "did you mean: Orsa kommun, Kungsbacka kommun, Hässleholms kommun?": names, for a code."""
    code, _, err = streams(store, "query", "run", "promises", "-p", "municipality=1234")
    assert code == EXIT_BAD_INPUT
    assert "okänd kommun / unknown municipality: '1234'" in err
    assert "Orsa kommun (2034)" in err and "Kungsbacka kommun (1384)" in err


def test_a_page_of_a_query_without_a_page_size_says_how_to_give_one(store: Path) -> None:
    """Was "... har ingen sidstorlek / has no pagination; use --limit with --page": the way out
    in English only."""
    code, _, err = streams(store, "query", "run", "activities-missing-actor-or-frequency", "--page", "2")
    assert code == EXIT_BAD_INPUT
    assert "har ingen sidstorlek / query activities-missing-actor-or-frequency has no page size" in err
    assert "Ange sidstorleken med --limit / give the page size with --limit: --page 2 --limit 50" in err
    code, _, err = streams(
        store, "query", "run", "activities-missing-actor-or-frequency", "--page", "2", "--limit", "50"
    )
    assert code == 0, err


def test_a_service_call_that_fails_is_an_unavailable_endpoint_not_a_bug(store: Path, web_server: str) -> None:
    """Was exit 70, "internal error ... this is a bug", with the page's markup."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}/sparql"
    for url, why in ((closed, "Connection refused"), (f"{web_server}/404", "Logga in / log in")):
        code, _, err = streams(store, "sparql", f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}")
        assert code == EXIT_UNAVAILABLE, err
        assert "ett SERVICE-anrop misslyckades / a SERVICE call failed: " in err and why in err
        assert "SERVICE SILENT" in err and "<" not in err
        _clean(err)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "SELECT ?x (COUNT(*) AS ?n) WHERE { ?x ?p ?o } GROUP BY ?p",
            "SELECT names a variable the query does not bind (with GROUP BY: one not grouped by)",
        ),
        ("SELECT (1 AS ?x) ?x WHERE {}", "a variable is named twice in SELECT"),
        ('SELECT * WHERE { ?s ?p "Linköping }', """a string that does not end (a " or ' missing?)"""),
    ],
)
def test_a_query_error_is_said_in_words_not_as_a_garbled_list(store: Path, text: str, message: str) -> None:
    """Were "expected ..., IF, TZ, The, SELECT contains a variable that is unbound", "expected
    Duplicated variable name in, SELECT" and 'expected "\\", ", ", ", ", U, ", "'."""
    code, _, err = streams(store, "sparql", text)
    assert code == EXIT_BAD_INPUT
    assert "SPARQL-syntaxfel på rad 1" in err and message in err and "väntade" not in err


def test_a_yes_no_parameter_given_twice_with_two_answers_is_refused(store: Path) -> None:
    args = ("query", "run", "promises", "-f", "csv")
    code, out, err = streams(store, *args, "-p", "includeExamples=true", "-p", "includeExamples=false")
    assert code == EXIT_BAD_INPUT, out  # was exit 0 with every promise twice, once per answer
    assert "includeExamples ges en gång / is given once" in err and "-p includeExamples=true" in err
    _clean(err)
    code, twice, _ = streams(store, *args, "-p", "includeExamples=ja", "-p", "includeExamples=true")
    assert code == 0 and twice == streams(store, *args, "-p", "includeExamples=true")[1]


def test_one_municipality_given_twice_by_code_and_by_name_counts_once(store: Path) -> None:
    args = ("query", "run", "activities-by-municipality", "-f", "csv", "-p", "municipality=0580")
    code, once, _ = streams(store, *args)
    assert code == 0 and len(once.splitlines()) > 2
    code, twice, _ = streams(store, *args, "-p", "municipality=Linköping")
    assert code == 0 and twice == once  # was every activity twice
