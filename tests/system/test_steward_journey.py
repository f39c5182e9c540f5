"""The data steward's careless and hostile moments with the real ``kg``: a mistyped folder, an
output file in a folder that does not exist, a store folder kg may not write, Ctrl-C in the
middle of an import. Each ends with a message that says what is wrong and the documented exit
code, never an internal error, and leaves the store as it was.

kg runs as a child process. Where the test runs as root (for whom no permission bit holds), the
child is started without the capabilities that override them (``setpriv``), as any other user.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_support import copy_store, dump
from cli_support import imported as import_files
from hostile import interruptible
from typer.testing import CliRunner

from kg.errors import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_OK, EXIT_UNAVAILABLE
from kg.store.lock import HOLDERS

REPO = Path(__file__).resolve().parent.parent.parent
EXAMPLE = REPO / "examples" / "nykoping-2025-2026.ttl"
EXAMPLE_YAML = REPO / "examples" / "nykoping-2025-2026.yaml"
TEXT = REPO / "docs" / "examples" / "nykoping-2025-2026.txt"
INTERNAL = "internt fel / internal error"


@pytest.fixture(scope="module")
def example_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return import_files(CliRunner(), tmp_path_factory.mktemp("steward") / "store", EXAMPLE)


@pytest.fixture
def store(example_store: Path, tmp_path: Path) -> Path:
    return copy_store(example_store, tmp_path / "store")


def _as_a_user() -> list[str]:
    """The command prefix that makes permission bits hold for the child, as for any user."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: permission bits cannot be made to hold")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def _kg(*args: str | Path, as_a_user: bool = False) -> tuple[int, str]:
    """``kg ARGS`` in a child process: its exit code and what it printed (stderr, then stdout)."""
    done = subprocess.run(
        [*(_as_a_user() if as_a_user else []), sys.executable, "-m", "kg", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.returncode, done.stderr + done.stdout


def test_a_mistyped_folder_is_not_found_rather_than_an_unknown_extension(store: Path, tmp_path: Path) -> None:
    for command in ("import", "validate"):
        code, out = _kg("--store", store, command, tmp_path / "promises2025")
        assert code == EXIT_BAD_INPUT, out
        assert "filen finns inte / file not found" in out, out
        assert "unknown file extension" not in out, out
    odd = tmp_path / "promise.docx"
    odd.write_text("x")
    code, out = _kg("--store", store, "import", odd)
    assert code == EXIT_BAD_INPUT and "unknown file extension '.docx'" in out, out
    assert "--input-format" in out and "give --format" not in out, out  # import's option for it


@pytest.mark.parametrize(
    "command",
    [
        ["extract", str(TEXT)],
        ["new", "promise", "-m", "Nyköping", "--period", "2025-2026"],
        ["followup", "new", "promise/0480-2025-2026", "--period", "2025-T1"],
    ],
    ids=["extract", "new-promise", "followup-new"],
)
def test_an_output_file_in_a_missing_folder_or_a_folder_is_exit_2(
    store: Path, tmp_path: Path, command: list[str]
) -> None:
    option = "--out"
    code, out = _kg("--store", store, *command, option, tmp_path / "no-such-folder" / "draft.yaml")
    assert code == EXIT_BAD_INPUT, out
    assert f"{tmp_path / 'no-such-folder'}: mappen finns inte / the folder does not exist" in out, out
    code, out = _kg("--store", store, *command, option, tmp_path)
    assert code == EXIT_BAD_INPUT, out
    assert f"{tmp_path}: är en mapp; ange en fil / is a folder; give a file" in out, out
    assert INTERNAL not in out


def test_a_read_only_store_is_read_and_refuses_writes_with_exit_3(store: Path, tmp_path: Path) -> None:
    before = dump(store)
    folders = [store, *(p for p in store.rglob("*") if p.is_dir())]
    for folder in folders:
        folder.chmod(0o555)
    (store / "kg.lock").chmod(0o444)
    try:
        code, out = _kg("--store", store, "stats", as_a_user=True)
        assert code == EXIT_OK and "Dokument / documents: 1" in out, out
        code, out = _kg("--store", store, "import", "--dry-run", EXAMPLE_YAML, as_a_user=True)
        assert code == EXIT_OK, out  # a dry run only reads
        code, out = _kg("--store", store, "import", EXAMPLE_YAML, as_a_user=True)
        assert code == EXIT_UNAVAILABLE, out
        assert f"kg får inte skriva i lagret {store} / kg may not write to the store" in out
        assert "--store" in out and INTERNAL not in out
    finally:
        for folder in folders:
            folder.chmod(0o755)
        (store / "kg.lock").chmod(0o644)
    assert dump(store) == before


def test_a_store_that_cannot_be_created_is_exit_3(tmp_path: Path) -> None:
    parent = tmp_path / "locked"
    parent.mkdir(mode=0o555)
    try:
        code, out = _kg("--store", parent / "store", "init", as_a_user=True)
    finally:
        parent.chmod(0o755)
    assert code == EXIT_UNAVAILABLE, out
    assert f"kunde inte skapa lagret / could not create the store {parent / 'store'}" in out
    assert INTERNAL not in out


def test_ctrl_c_during_an_import_says_so_and_leaves_the_store(store: Path, tmp_path: Path) -> None:
    folder = tmp_path / "promises"
    folder.mkdir()
    text = EXAMPLE.read_text(encoding="utf-8")
    for i in range(80):  # enough to read for seconds: Ctrl-C lands while they are read
        key = f"0480-2025-2026-v{i:03d}"
        (folder / f"doc{i:03d}.ttl").write_text(text.replace("0480-2025-2026", key), encoding="utf-8")
    before = dump(store)
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "--store", str(store), "import", str(folder), "--workers", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
        preexec_fn=interruptible,
    )
    deadline = time.monotonic() + 60
    while not any((store / HOLDERS).glob(f"{proc.pid}-*.json")):  # the import holds the store
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C sends
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == EXIT_INTERRUPTED, err
    assert "avbrutet / interrupted (Ctrl-C)" in err, err
    assert "run the command again to go on" in err
    assert "Traceback" not in err
    assert dump(store) == before


@pytest.mark.parametrize(
    ("command", "where"),
    [
        (["import", "examples/nykoping-2025-2026.ttl", "data/seeds/", "--keep-going"], "docs/cli.md"),
        (["import", "data/seeds/", "examples/*.ttl"], "README.md"),
    ],
)
def test_the_documented_imports_of_the_repository_s_files_import_them(
    command: list[str], where: str, tmp_path: Path
) -> None:
    assert " ".join(command).replace("examples/*.ttl", "'examples/*.ttl'") in (REPO / where).read_text()
    done = subprocess.run(
        [sys.executable, "-m", "kg", "--store", str(tmp_path / "store"), *command],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )
    assert done.returncode == EXIT_OK, done.stderr + done.stdout


def test_two_files_of_one_document_say_how_to_go_on(store: Path) -> None:
    code, out = _kg("--store", store, "import", REPO / "examples")  # a Turtle file and its YAML twin
    assert code == EXIT_BAD_INPUT, out
    assert "the same document is in several files" in out
    assert "Importera en av filerna" in out and "import one of the files: name it" in out, out


def test_a_dry_run_creates_no_store(tmp_path: Path) -> None:
    store = tmp_path / "typo-store"
    code, out = _kg("--store", store, "import", "--dry-run", EXAMPLE)
    assert code == EXIT_OK, out
    assert not store.exists()


@pytest.mark.parametrize(
    ("name", "source", "looks"),
    [
        ("promise.ttl", EXAMPLE_YAML, "YAML-LD: rename it to .yaml or give --input-format yamlld"),
        ("promise.jsonld", EXAMPLE, "Turtle: rename it to .ttl or give --input-format turtle"),
        ("promise.yaml", EXAMPLE, "Turtle: rename it to .ttl or give --input-format turtle"),
        ("json.ttl", None, "JSON-LD: rename it to .jsonld or give --input-format jsonld"),
    ],
    ids=["yaml-ld-as-ttl", "turtle-as-jsonld", "turtle-as-yaml", "json-as-ttl"],
)
def test_a_file_saved_with_the_wrong_extension_says_which_format_it_looks_like(
    store: Path, tmp_path: Path, name: str, source: Path | None, looks: str
) -> None:
    path = tmp_path / name
    path.write_bytes(source.read_bytes() if source else b'{"@id": "http://example.org/a"}')
    code, out = _kg("--store", store, "validate", path)
    assert code == EXIT_BAD_INPUT, out
    assert f"{path}:" in out and f"the file looks like {looks}" in out, out
    broken = tmp_path / "broken.ttl"  # a Turtle file with a Turtle mistake: no such hint
    broken.write_text(EXAMPLE.read_text(encoding="utf-8").replace(" ;\n", " ;;\n.\n", 1), encoding="utf-8")
    code, out = _kg("--store", store, "validate", broken)
    assert code == EXIT_BAD_INPUT and "syntax error" in out and "looks like" not in out, out


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        ({"oxigraph/CURRENT": "junk\n"}, "är skadat / the store is damaged: Corruption"),
        ({"kg-store.json": "{bad"}, "kg-store.json kan inte läsas / is unreadable"),
        ({"kg-store.json": "[1]"}, "har lagerformat / has store format None"),
    ],
    ids=["rocksdb-files", "marker-not-json", "marker-not-an-object"],
)
def test_a_damaged_store_is_exit_3_saying_what_to_do(store: Path, damage: dict[str, str], said: str) -> None:
    for name, text in damage.items():
        (store / name).write_text(text)
    for command in (["stats"], ["import", str(EXAMPLE_YAML)]):
        code, out = _kg("--store", store, *command)
        assert code == EXIT_UNAVAILABLE, out
        assert said in out and INTERNAL not in out, out
        assert "kg restore" in out or "this kg reads" in out, out


def test_a_misspelt_police_area_is_named_with_the_nearest_known() -> None:
    code, out = _kg("extract", TEXT, "--police-area", "Nykopng")
    assert code == EXIT_OK, out
    assert "(option:--police-area-unknown)" in out
    assert "menade du: Lokalpolisområde Nyköping" in " ".join(out.replace("#", " ").split()), out
    code, out = _kg("extract", TEXT, "--police-area", "Nyköping")  # a known one: as before
    assert code == EXIT_OK and "(option:--police-area)" in out and "menade du" not in out, out


def test_import_reports_a_refused_document_in_the_language_asked_for(store: Path) -> None:
    """``kg import --lang en`` (as ``kg validate --lang en``): the findings of a document that
    does not conform in English; Swedish by default."""
    from cli_support import streams

    from kg.errors import EXIT_NOT_CONFORMING

    bad = REPO / "tests" / "fixtures" / "shapes" / "invalid" / "activity-no-responsible.ttl"
    code, _, err = streams(store, "import", str(bad), "--lang", "en")
    assert code == EXIT_NOT_CONFORMING, err
    assert "The activity has no responsible actor." in err and "Aktiviteten" not in err  # was Swedish only
    code, _, err = streams(store, "import", str(bad))
    assert code == EXIT_NOT_CONFORMING and "Aktiviteten saknar ansvarig." in err, err


def test_a_command_that_fails_leaves_no_store_where_there_was_none(tmp_path: Path) -> None:
    """``kg pull`` from an endpoint that does not answer, into a folder that did not exist: exit 3,
    and no empty store is left there (the store is made before the endpoint is asked)."""
    from cli_support import streams

    new = tmp_path / "new-store"
    code, _, err = streams(new, "pull", "http://127.0.0.1:9/sparql", "--timeout", "5")
    assert code == EXIT_UNAVAILABLE, err
    assert not new.exists()  # was an empty store folder
    existing = tmp_path / "existing"
    existing.mkdir()
    code, _, _ = streams(existing, "pull", "http://127.0.0.1:9/sparql", "--timeout", "5")
    assert code == EXIT_UNAVAILABLE and existing.is_dir()  # a folder the user made stays
