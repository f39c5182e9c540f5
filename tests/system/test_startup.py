"""Start-up: a command imports only what it needs (issue 19, point 1).

Each case runs in a fresh interpreter, then lists the heavy modules found in ``sys.modules``:
the check is by module name, never by time. ``kg validate`` is the control: it must load
pySHACL, which shows that the probe sees an import when one happens.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent

HEAVY = ("pyshacl", "rdflib.plugins.sparql", "httpx", "starlette", "uvicorn", "pdfminer", "SPARQLWrapper")

PROBE = """
import json, sys
args = json.loads(sys.argv[1])
heavy = json.loads(sys.argv[2])
code = None
if args is not None:
    from kg.cli import main
    sys.argv = ["kg", *args]
    try:
        main()
    except SystemExit as exc:
        code = exc.code
else:
    import kg.cli  # noqa: F401
loaded = sorted(m for m in sys.modules if any(m == h or m.startswith(h + ".") for h in heavy))
print("\\n" + json.dumps({"code": code, "loaded": loaded}))
"""


def _probe(args: list[str] | None, heavy: tuple[str, ...] = HEAVY) -> tuple[int | None, list[str], str]:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args), json.dumps(heavy)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    out, _, last = proc.stdout.rstrip().rpartition("\n")
    result = json.loads(last)
    return result["code"], result["loaded"], out


@pytest.mark.parametrize(
    "args",
    [None, ["--help"], ["--version"], ["query", "--help"], ["import", "--help"], ["validate", "--help"]],
    ids=["import-kg.cli", "help", "version", "query-help", "import-help", "validate-help"],
)
def test_light_commands_import_no_heavy_module(args: list[str] | None) -> None:
    code, loaded, out = _probe(args)
    assert loaded == [], f"{args}: imported {loaded}"
    assert code in (None, 0)
    if args and "--help" in args:
        assert "Example" in out  # the help text is really there


def test_the_probe_sees_a_heavy_import() -> None:
    code, loaded, out = _probe(["validate", "examples/nykoping-2025-2026.ttl", "--format", "json"])
    assert code == 0, out
    assert any(m.startswith("pyshacl") for m in loaded), loaded
    assert "httpx" not in loaded  # no remote named: no HTTP client


def test_a_saved_query_on_the_store_loads_no_http_client_nor_validator(tmp_path: Path) -> None:
    store = tmp_path / "store"
    code, _, out = _probe(["--store", str(store), "init"])
    assert code in (None, 0), out
    args = ["--store", str(store), "query", "run", "promises", "-f", "json"]
    # nor xml.sax (the SPARQL XML results escape their text themselves), which would bring
    # urllib.request, http.client and ssl; nor logging (kg serve's), nor the name resolver's
    # tables when no value needs them, nor the catalogue's writer (its derived kinds: 24 ms of a
    # cold query's CPU)
    unread = (*HEAVY, "rdflib", "xml.sax", "urllib.request", "http.client", "ssl", "logging", "kg.names")
    unread += ("kg.store.catalogue",)
    code, loaded, out = _probe(args, unread)
    assert code in (None, 0), out
    assert json.loads(out) == []  # the query ran (an empty store: no promises)
    assert loaded == [], loaded  # not even rdflib: the query path is pyoxigraph only
    # the first page of an aggregate (no keyset) likewise
    code, loaded, out = _probe([*args[:4], "followup-frequency", "-f", "json", "--limit", "100"], unread)
    assert code in (None, 0), out
    assert json.loads(out) == []
    assert loaded == [], loaded


def test_a_derived_query_checks_its_kinds_without_the_modules_that_write_them(tmp_path: Path) -> None:
    """A cold follow-up query asks whether the summaries and the follow-up state are complete
    (kg.store.derived_checks) without importing the modules that compute and write them: the
    follow-up state's module alone cost about 15 ms of CPU of every such query."""
    sys.path.insert(0, str(ROOT / "tests"))
    from query_fixtures import load_fixtures

    from kg.store.core import StoreSettings, open_store

    path = tmp_path / "store"
    with open_store(StoreSettings(path)) as store:
        load_fixtures(store)
    writers = ("kg.store.followup_state", "kg.store.followup_facts", "kg.store.promise_facts")
    for name in ("followup-fulfilment", "fulfilment-by-priority-area", "priority-areas-ranked"):
        args = ["--store", str(path), "query", "run", name, "-f", "json", "--include-examples"]
        code, loaded, out = _probe(args, (*writers, "kg.store.derived_checks"))
        assert code in (None, 0), out
        assert json.loads(out), name  # rows: the check answered and the query ran
        assert loaded == ["kg.store.derived_checks"], (name, loaded)


def test_reimporting_an_unchanged_file_loads_no_validator(tmp_path: Path) -> None:
    store = tmp_path / "store"
    example = "examples/nykoping-2025-2026.ttl"
    code, loaded, out = _probe(["--store", str(store), "import", example, "-f", "json"])
    assert code in (None, 0), out
    assert "pyshacl" in loaded  # the first import validates
    # the reader's modules, rdflib among them, and the worker pool's
    unread = (*HEAVY, "rdflib", "kg.ingest.prepare", "kg.documents.load", "concurrent.futures.process")
    code, loaded, out = _probe(["--store", str(store), "import", example, "-f", "json"], unread)
    assert code in (None, 0), out
    assert json.loads(out)["unchanged"] == 1
    assert loaded == [], loaded  # neither read nor validated: no pySHACL, no rdflib, no workers


@pytest.mark.parametrize("command", ["validate", "import"])
def test_a_file_that_cannot_be_read_is_refused_before_the_validator_is_built(
    tmp_path: Path, command: str
) -> None:
    """Building the validator (pySHACL, the shapes, the ontology) costs most of a second: a
    command whose files cannot be read says so without it."""
    bad = tmp_path / "not-rdf.ttl"
    bad.write_text("det här är inte Turtle <", encoding="utf-8")
    code, loaded, out = _probe(["--store", str(tmp_path / "store"), command, str(bad)], ("pyshacl",))
    assert code == 2, out
    assert loaded == [], loaded


def test_the_namespace_module_loads_rdflib_only_when_an_rdflib_name_is_used() -> None:
    probe = (
        "import sys\n"
        "from kg.namespaces import OX, PREFIXES, sparql_prefixes\n"
        "assert not any(m == 'rdflib' or m.startswith('rdflib.') for m in sys.modules), 'rdflib'\n"
        "from kg.namespaces import MBL, DCT\n"
        "assert 'rdflib' in sys.modules and str(DCT.title).endswith('/title')\n"
        "print(MBL.CitizenPromise)\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "https://w3id.org/medborgarlofte/def/CitizenPromise"
    import kg.namespaces

    with pytest.raises(AttributeError):
        _ = kg.namespaces.NOT_A_NAMESPACE  # type: ignore[attr-defined]


def test_version_answers_before_the_command_line_is_imported() -> None:
    probe = (
        "import sys\n"
        "sys.argv = ['kg', '--version']\n"
        "from kg.__main__ import main\n"
        "main()\n"
        "print(sorted(m for m in ('typer', 'click', 'kg.cli', 'pyoxigraph') if m in sys.modules))\n"
    )
    fast = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert fast.returncode == 0, fast.stderr
    version_line, loaded = fast.stdout.splitlines()
    assert loaded == "[]"
    # the same line as the command line's own --version option
    code, _, out = _probe(["--version"])
    assert code in (None, 0)
    assert out.strip() == version_line


def test_help_answers_before_the_command_line_is_imported_with_the_same_text() -> None:
    from tools.clidocs import ROOT_HELP, root_help

    assert ROOT_HELP.read_text(encoding="utf-8") == root_help(), (
        "kg/cli/root_help.txt is stale: run python -m tools.clidocs"
    )
    probe = (
        "import sys\n"
        "sys.argv = ['kg', '--help']\n"
        "from kg.__main__ import main\n"
        "main()\n"
        "print(sorted(m for m in ('typer', 'click', 'kg.cli', 'pyoxigraph') if m in sys.modules))\n"
    )
    env = {**os.environ, "COLUMNS": "120"}
    fast = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, env=env)
    assert fast.returncode == 0, fast.stderr
    text, _, loaded = fast.stdout.rstrip("\n").rpartition("\n")
    assert loaded == "[]"
    assert text + "\n" == root_help()
    assert "Usage: kg [OPTIONS] COMMAND" in text and "validate" in text
    # a narrow terminal gets the command line's own wrapping (which exits before the probe prints)
    narrow = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
        env={**env, "COLUMNS": "60"},
    )
    assert narrow.returncode == 0, narrow.stderr
    assert narrow.stdout != text + "\n" and "Usage: kg" in narrow.stdout
    assert max(len(line) for line in narrow.stdout.splitlines()) <= 60


def _entry(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


ENTRY = "import sys; sys.argv = ['kg', *sys.argv[1:]]\nfrom kg.__main__ import main\nmain()\n"


def test_the_entry_point_ends_with_the_commands_code_and_all_its_output(tmp_path: Path) -> None:
    """``kg`` ends without tearing down its modules (kg.__main__.leave): the exit code, the whole
    output and the error message are those of the command line."""
    listed = _entry(ENTRY + "print('not reached')", "query", "list", "-f", "json")
    assert listed.returncode == 0, listed.stderr
    names = [q["name"] for q in json.loads(listed.stdout)]  # all of it, then nothing more
    assert "promises" in names and len(names) > 20
    store = tmp_path / "store"
    assert _entry(ENTRY, "--store", str(store), "init").returncode == 0
    missing = _entry(ENTRY, "--store", str(store), "query", "run", "no-such-query")
    assert missing.returncode == 2 and "no-such-query" in missing.stderr, missing.stderr
    usage = _entry(ENTRY, "query", "run", "--no-such-option")
    assert usage.returncode == 2 and "--no-such-option" in usage.stderr


def test_the_entry_point_runs_the_exit_handlers_and_waits_for_threads() -> None:
    handler = "import atexit; atexit.register(lambda: print('handler ran', flush=True))\n"
    ran = _entry(handler + ENTRY, "query", "list")
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.rstrip().endswith("handler ran") and "promises" in ran.stdout
    # a thread still running: the interpreter's own exit, which waits for it
    thread = (
        "import threading, time\n"
        "threading.Thread(target=lambda: (time.sleep(0.5), print('thread done', flush=True))).start()\n"
    )
    waited = _entry(thread + ENTRY, "query", "run", "--no-such-option")
    assert waited.returncode == 2 and waited.stdout.strip() == "thread done", waited
