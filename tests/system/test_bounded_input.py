"""Bounded input (issue 20): no file can exhaust the machine, hang with the store's lock held,
fetch anything, or end in an internal error.

Every hostile input is made by the test. The CLI runs as a real child process; each case asserts
the exit code (2), the message, the child's peak memory and that the store is unchanged.
JSON-LD contexts are offered by a local HTTP server of the test's own, which must see no request.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
import yaml
from hostile import PROMISE, flate_bomb, pdf_with_stream, run_kg, yaml_alias_bomb
from http_stub import base_url, stub_server
from typer.testing import CliRunner

from kg.cli import app
from kg.documents.jsonld import CONTEXT_URL
from kg.documents.limits import MAX_DEPTH
from kg.errors import EXIT_BAD_INPUT, EXIT_OK
from kg.store.core import StoreSettings, open_store

REPO = Path(__file__).resolve().parent.parent.parent
EXAMPLE = REPO / "examples" / "nykoping-2025-2026.ttl"
EXAMPLE_YAML = REPO / "examples" / "nykoping-2025-2026.yaml"
DEEP = 100_000
PEAK_MB = 500


def snapshot(store: Path) -> set[str]:
    with open_store(StoreSettings(store)) as s:
        return {str(q) for q in s.quads()}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the example promise (a refused file must leave it exactly so)."""
    path = tmp_path_factory.mktemp("bounded") / "store"
    result = CliRunner().invoke(app, ["--store", str(path), "import", str(EXAMPLE)])
    assert result.exit_code == EXIT_OK, result.output
    return path


def _deep_turtle(folder: Path) -> Path:
    path = folder / "deep-list.ttl"
    path.write_text(
        EXAMPLE.read_text(encoding="utf-8")
        + f"\n<{PROMISE}> <http://example.org/p> "
        + "(" * DEEP
        + ")" * DEEP
        + " .\n",
        encoding="utf-8",
    )
    return path


def _big_literal(folder: Path) -> Path:
    path = folder / "big-literal.ttl"
    text = "a" * (18 * 1024 * 1024)
    path.write_text(
        EXAMPLE.read_text(encoding="utf-8")
        + f'\n<{PROMISE}> <http://www.w3.org/2000/01/rdf-schema#comment> "{text}" .\n',
        encoding="utf-8",
    )
    return path


def _deep_jsonld(folder: Path) -> Path:
    path = folder / "deep.jsonld"
    path.write_text(f'{{"@id": "{PROMISE}", "http://example.org/p": ' + "[" * DEEP + "]" * DEEP + "}")
    return path


def _deep_yaml(folder: Path) -> Path:
    path = folder / "deep.yaml"
    path.write_text(f'"@id": "{PROMISE}"\n"http://example.org/p": ' + "[" * DEEP + "]" * DEEP + "\n")
    return path


def _alias_bomb(folder: Path) -> Path:
    path = folder / "bomb.yaml"
    path.write_text(yaml_alias_bomb())
    assert path.stat().st_size < 600
    return path


def _fifo(folder: Path) -> Path:
    path = folder / "x.ttl"
    os.mkfifo(path)
    return path


def _symlink_loop(folder: Path) -> Path:
    (folder / "a.ttl").symlink_to(folder / "b.ttl")
    (folder / "b.ttl").symlink_to(folder / "a.ttl")
    return folder / "a.ttl"


_PDF_BOMB: list[bytes] = []


def _pdf_bomb(folder: Path) -> Path:
    if not _PDF_BOMB:  # one Flate stream of 1.5 MB that inflates to 1.5 GiB
        _PDF_BOMB.append(pdf_with_stream(flate_bomb(1536 * 2**20)))
    path = folder / "bomb.pdf"
    path.write_bytes(_PDF_BOMB[0])
    assert path.stat().st_size < 2 * 2**20
    return path


def _huge_integer(folder: Path) -> Path:
    path = folder / "huge-integer.jsonld"
    path.write_text(f'{{"@id": "{PROMISE}", "http://example.org/n": {"9" * 5000}}}')
    return path


def _deep_rdfxml(folder: Path) -> Path:
    path = folder / "deep.rdf"
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    path.write_text(
        f'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="{rdf}" xmlns:x="http://example.org/">'
        f'<rdf:Description rdf:about="{PROMISE}">'
        + '<x:p rdf:parseType="Resource">' * DEEP
        + "</x:p>" * DEEP
        + "</rdf:Description></rdf:RDF>"
    )
    return path


def _long_iri(folder: Path) -> Path:
    path = folder / "long-iri.ttl"
    iri = "http://example.org/" + "a" * (10 * 2**20)
    path.write_text(EXAMPLE.read_text(encoding="utf-8") + f"\n<{PROMISE}> <http://example.org/p> <{iri}> .\n")
    return path


def _long_json_string(folder: Path) -> Path:
    path = folder / "long-string.jsonld"
    path.write_text(json.dumps({"@id": PROMISE, "http://example.org/p": "a" * (18 * 2**20)}))
    return path


CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "deep-rdfxml": (_deep_rdfxml, "nested too deeply (XML)"),
    "10-MiB-IRI": (_long_iri, "an IRI is too long"),
    "18-MiB-JSON-LD-string": (_long_json_string, "a literal is too long"),
    "5000-digit-integer": (_huge_integer, "a number with more than 4300 digits"),
    "yaml-alias-bomb": (_alias_bomb, "YAML aliases (*name) are not read"),
    "pdf-flate-bomb": (_pdf_bomb, "inflate to more than 128 MiB"),
    "deep-jsonld": (_deep_jsonld, f"nested too deeply (JSON): högst / at most {MAX_DEPTH}"),
    "deep-yaml": (_deep_yaml, "nested too deeply (YAML)"),
    "deep-turtle-list": (_deep_turtle, "nested too deeply (tomma noder, listor / blank nodes, lists)"),
    "18-MiB-literal": (_big_literal, "a literal or IRI is too long"),
    "fifo": (_fifo, "FIFO (named pipe)"),
    "symlink-loop": (_symlink_loop, "the symbolic links form a loop"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_file_is_refused_with_exit_2_and_the_store_unchanged(
    case: str, store: Path, tmp_path: Path
) -> None:
    make, message = CASES[case]
    path = make(tmp_path)
    before = snapshot(store)
    run = run_kg("--store", store, "import", path, timeout=120)
    assert run.code == EXIT_BAD_INPUT, run.output
    assert message in run.output, run.output
    assert "Traceback" not in run.output and "internal error" not in run.output
    assert run.peak_mb < PEAK_MB, f"{case}: {run.peak_mb:.0f} MB"
    assert snapshot(store) == before
    if case in ("yaml-alias-bomb", "pdf-flate-bomb", "deep-yaml"):  # validate reads the same way
        checked = run_kg("validate", path, timeout=120)
        assert checked.code == EXIT_BAD_INPUT and message in checked.output, checked.output
        assert checked.peak_mb < PEAK_MB, f"{case} (validate): {checked.peak_mb:.0f} MB"


def test_extract_applies_the_budgets_too(tmp_path: Path) -> None:
    bomb = run_kg("extract", _pdf_bomb(tmp_path), timeout=120)
    assert bomb.code == EXIT_BAD_INPUT and "inflate to more than 128 MiB" in bomb.output, bomb.output
    assert bomb.peak_mb < PEAK_MB
    big = tmp_path / "big.pdf"  # 21 MiB: over the cap every other command applies
    big.write_bytes(pdf_with_stream(b"BT ET\n" + b"%" * (21 * 2**20), flate=False))
    run = run_kg("extract", big)
    assert run.code == EXIT_BAD_INPUT and "file too large" in run.output, run.output
    fifo = run_kg("extract", _fifo_txt(tmp_path))
    assert fifo.code == EXIT_BAD_INPUT and "FIFO" in fifo.output, fifo.output


def _fifo_txt(folder: Path) -> Path:
    path = folder / "x.txt"
    os.mkfifo(path)
    return path


def test_a_fifo_does_not_hold_the_store_lock(store: Path, tmp_path: Path) -> None:
    """After a FIFO named x.ttl is refused, the next import gets the store at once."""
    assert run_kg("--store", store, "import", _fifo(tmp_path), timeout=60).code == EXIT_BAD_INPUT
    again = run_kg("--store", store, "import", EXAMPLE, timeout=60)
    assert again.code == EXIT_OK, again.output


def test_turtle_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "bom.ttl"
    path.write_bytes(b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    store = tmp_path / "store"
    result = CliRunner().invoke(app, ["--store", str(store), "import", str(path)])
    assert result.exit_code == EXIT_OK, result.output
    plain = tmp_path / "plain"
    CliRunner().invoke(app, ["--store", str(plain), "import", str(EXAMPLE)])
    graph = "https://w3id.org/medborgarlofte/graph/promise/0480-2025-2026"
    with open_store(StoreSettings(store)) as a, open_store(StoreSettings(plain)) as b:
        assert {q.triple for q in a.quads(graph) if "source" not in str(q.subject)} == {
            q.triple for q in b.quads(graph) if "source" not in str(q.subject)
        }


def test_depth_within_the_budget_is_fine(tmp_path: Path) -> None:
    """A list nested as deep as the budget allows still parses (the limit is not off by one)."""
    from kg.documents.jsonld import load_structured

    ok = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert load_structured(ok, yaml_text=False, where="x") is not None
    assert load_structured(ok, yaml_text=True, where="x") is not None


# -- JSON-LD contexts: nothing fetched, nothing read ---------------------------------------------


@pytest.fixture(scope="module")
def _context_server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that serves a valid context at any path and records every request
    (one per module: starting and stopping one per case cost half a second of shutdown poll)."""
    seen: list[str] = []
    body = json.dumps({"@context": {"p": "http://example.org/p"}}).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "application/ld+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return None

    with stub_server(Handler) as server:
        yield base_url(server), seen


@pytest.fixture
def context_server(_context_server: tuple[str, list[str]]) -> tuple[str, list[str]]:
    """The module's server, its record of requests emptied so that each case is judged on the
    requests its own run made."""
    url, seen = _context_server
    seen.clear()
    return url, seen


def _variants(remote: str, local_file: str) -> dict[str, object]:
    """@context values that each point at something outside the document."""
    scoped = {"@id": "http://example.org/p", "@context": remote + "/scoped"}
    return {
        "document": remote + "/ctx",
        "list": [CONTEXT_URL, remote + "/in-list"],
        "import": {"@version": 1.1, "@import": remote + "/import"},
        "import-in-list": [CONTEXT_URL, {"@import": remote + "/import2"}],
        "property-scoped": [CONTEXT_URL, {"hasPart": scoped}],
        "type-scoped": [
            CONTEXT_URL,
            {"CitizenPromise": {"@id": "mbl:CitizenPromise", "@context": remote + "/t"}},
        ],
        "scoped-in-scoped": [
            CONTEXT_URL,
            {"title": {"@id": "http://purl.org/dc/terms/title", "@context": {"x": scoped}}},
        ],
        "file-url": "file://" + local_file,
        "file-path": local_file,
    }


def _document(context: object) -> dict[str, object]:
    data = yaml.safe_load(EXAMPLE_YAML.read_text(encoding="utf-8"))
    data["@context"] = context
    return data


@pytest.mark.parametrize("variant", list(_variants("http://x", "/x")))
@pytest.mark.parametrize("ext", [".jsonld", ".yaml"])
def test_no_context_is_fetched_or_read(
    variant: str, ext: str, context_server: tuple[str, list[str]], store: Path, tmp_path: Path
) -> None:
    url, seen = context_server
    local = tmp_path / "context.json"
    local.write_text(json.dumps({"@context": {"p": "http://example.org/p"}}))
    data = _document(_variants(url, str(local))[variant])
    path = tmp_path / f"doc{ext}"
    path.write_text(json.dumps(data) if ext == ".jsonld" else yaml.safe_dump(data, allow_unicode=True))
    before = snapshot(store)
    result = CliRunner().invoke(app, ["--store", str(store), "import", str(path)])
    assert result.exit_code == EXIT_BAD_INPUT, result.output
    assert "remote @context is not fetched" in result.output, result.output
    assert seen == [], f"the document made kg fetch {seen}"
    assert snapshot(store) == before
    nested = {"@id": PROMISE, "http://example.org/q": {"@context": url + "/nested", "p": "x"}}
    path.write_text(json.dumps(nested))
    assert CliRunner().invoke(app, ["validate", str(path)]).exit_code == EXIT_BAD_INPUT
    assert seen == []


@pytest.mark.parametrize(
    "context",
    [
        CONTEXT_URL,
        [CONTEXT_URL],
        {"@import": CONTEXT_URL},
        [{"@import": CONTEXT_URL}, {"extra": "http://e/x"}],
    ],
)
def test_the_bundled_context_is_used_however_it_is_named(context: object, tmp_path: Path) -> None:
    path = tmp_path / "doc.jsonld"
    path.write_text(json.dumps(_document(context)))
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == EXIT_OK, result.output
