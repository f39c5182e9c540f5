"""Removal and revision that keep the graph whole (issue 21 point 4):

- ``kg remove`` of a promise with follow-ups refuses, naming them, unless ``--cascade`` removes
  them in the same transaction;
- a file whose document now has another identity (its period changed) is refused saying how to go
  on, or with ``--replace`` replaces the document that file imported before;
- ``kg followup new`` refuses a period outside the promise's validity period;
- an import whose graph is the stored one, whatever the syntax (the YAML twin of a Turtle file),
  is unchanged.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_support import copy_store, dump, imported
from cli_support import kg as run_kg
from typer.testing import CliRunner

from kg.errors import EXIT_BAD_INPUT, EXIT_OK
from kg.store.core import StoreSettings, open_store

REPO = Path(__file__).resolve().parent.parent.parent
EXAMPLE = REPO / "examples" / "nykoping-2025-2026.ttl"
TWIN = REPO / "examples" / "nykoping-2025-2026.yaml"
FOLLOWUPS = sorted((REPO / "data" / "followups").glob("nykoping-2025-2026-*.yaml"))
PROMISE = "promise/0480-2025-2026"


def kg(runner: CliRunner, store: Path, *args: str) -> tuple[int, str]:
    """``kg`` with its notes (these tests read what an import or a removal says it did)."""
    return run_kg(runner, store, *args, quiet=False)


def documents(runner: CliRunner, store: Path) -> dict[str, dict[str, object]]:
    code, out = run_kg(runner, store, "documents", "--format", "json")
    assert code == EXIT_OK, out
    return {r["doc_id"]: r for r in json.loads(out)}


@pytest.fixture(scope="module")
def followups_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example and its follow-ups imported by ``kg import``, once for the module."""
    runner = CliRunner()
    store = imported(runner, tmp_path_factory.mktemp("followups") / "store", EXAMPLE, *FOLLOWUPS)
    assert len(documents(runner, store)) == 3
    return store


@pytest.fixture
def with_followups(followups_store: Path, store_path: Path) -> Path:
    return copy_store(followups_store, store_path)


# -- kg remove ------------------------------------------------------------------------------------


def test_removing_a_promise_with_follow_ups_is_refused_naming_them(
    runner: CliRunner, with_followups: Path
) -> None:
    before = dump(with_followups)
    code, out = kg(runner, with_followups, "remove", PROMISE)
    assert code == EXIT_BAD_INPUT, out
    assert "followup/0480-2025-2026/2025-T1" in out and "followup/0480-2025-2026/2025-T2" in out
    assert "--cascade" in out
    assert "Traceback" not in out
    assert dump(with_followups) == before


def test_cascade_removes_the_promise_and_its_follow_ups(runner: CliRunner, with_followups: Path) -> None:
    code, out = kg(runner, with_followups, "remove", PROMISE, "--cascade")
    assert code == EXIT_OK, out
    assert "followup/0480-2025-2026/2025-T1" in out
    assert documents(runner, with_followups) == {}
    with open_store(StoreSettings(with_followups, create=False)) as s:
        assert not [g for g in s.named_graphs() if "/graph/promise/" in g or "/graph/followup/" in g]


def test_a_follow_up_alone_is_removed_without_cascade(runner: CliRunner, with_followups: Path) -> None:
    code, out = kg(runner, with_followups, "remove", "followup/0480-2025-2026/2025-T1")
    assert code == EXIT_OK, out
    assert set(documents(runner, with_followups)) == {PROMISE, "followup/0480-2025-2026/2025-T2"}


# -- kg followup new ------------------------------------------------------------------------------


def test_a_follow_up_period_outside_the_promise_is_refused(runner: CliRunner, with_followups: Path) -> None:
    out_file = with_followups.parent / "followup.yaml"
    code, out = kg(
        runner, with_followups, "followup", "new", PROMISE, "--period", "2027-T1", "-o", str(out_file)
    )
    assert code == EXIT_BAD_INPUT, out
    assert "2027-T1" in out and "2025-01-01" in out and "2026-12-31" in out
    assert not out_file.exists()
    code, out = kg(
        runner, with_followups, "followup", "new", PROMISE, "--period", "2026-T3", "-o", str(out_file)
    )
    assert code == EXIT_OK, out
    assert out_file.exists()


# -- the same graph from another file ----------------------------------------------------------------


def test_the_yaml_twin_of_the_stored_turtle_file_is_unchanged(runner: CliRunner, store_path: Path) -> None:
    code, out = kg(runner, store_path, "import", str(EXAMPLE))
    assert code == EXIT_OK, out
    before = dump(store_path)
    code, out = kg(runner, store_path, "import", str(TWIN), "--format", "json")
    assert code == EXIT_OK, out
    summary = json.loads(out)
    assert [o["status"] for o in summary["outcomes"]] == ["unchanged"], out
    record = documents(runner, store_path)[PROMISE]
    assert record["revision"] == 1 and record["file_name"] == EXAMPLE.name
    assert dump(store_path) == before


def test_a_changed_graph_from_the_twin_is_an_update(
    runner: CliRunner, store_path: Path, tmp_path: Path
) -> None:
    """The check compares the content: a twin that says something else is still an update."""
    code, out = kg(runner, store_path, "import", str(EXAMPLE))
    assert code == EXIT_OK, out
    changed = tmp_path / TWIN.name
    changed.write_text(TWIN.read_text(encoding="utf-8").replace("Trafiksäkerhet", "Trafiksäkerhet i byarna"))
    code, out = kg(runner, store_path, "import", str(changed))
    assert code == EXIT_OK, out
    assert documents(runner, store_path)[PROMISE]["revision"] == 2


# -- a file whose document changed identity ------------------------------------------------------------


def _next_period(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    text = text.replace("0480-2025-2026", "0480-2025-2027").replace('"2026-12-31"', '"2027-12-31"')
    path.write_text(text.replace('"2025-2026"', '"2025-2027"'), encoding="utf-8")


@pytest.fixture
def own_file(runner: CliRunner, store_path: Path, tmp_path: Path) -> Path:
    path = tmp_path / "nykoping.ttl"
    shutil.copy(EXAMPLE, path)
    code, out = kg(runner, store_path, "import", str(path))
    assert code == EXIT_OK, out
    _next_period(path)
    return path


def test_a_file_whose_period_changed_is_refused_saying_how(
    runner: CliRunner, store_path: Path, own_file: Path
) -> None:
    before = dump(store_path)
    code, out = kg(runner, store_path, "import", str(own_file))
    assert code == EXIT_BAD_INPUT, out
    assert PROMISE in out and "promise/0480-2025-2027" in out
    assert "--replace" in out and "Traceback" not in out
    assert dump(store_path) == before


def test_replace_swaps_the_old_document_for_the_new_one(
    runner: CliRunner, store_path: Path, own_file: Path
) -> None:
    code, out = kg(runner, store_path, "import", "--replace", str(own_file))
    assert code == EXIT_OK, out
    assert set(documents(runner, store_path)) == {"promise/0480-2025-2027"}
    with open_store(StoreSettings(store_path, create=False)) as s:
        assert not s.has_graph("https://w3id.org/medborgarlofte/graph/" + PROMISE)


def test_replace_refuses_a_promise_with_follow_ups(
    runner: CliRunner, store_path: Path, own_file: Path
) -> None:
    code, out = kg(runner, store_path, "import", *map(str, FOLLOWUPS))
    assert code == EXIT_OK, out
    before = dump(store_path)
    code, out = kg(runner, store_path, "import", "--replace", str(own_file))
    assert code == EXIT_BAD_INPUT, out
    assert "followup/0480-2025-2026/2025-T1" in out and "--cascade" in out
    assert dump(store_path) == before
