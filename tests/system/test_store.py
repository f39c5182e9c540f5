"""The store layer: atomic replace, idempotent put, clear errors for bad store paths."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import StoreBusy, StoreError
from kg.store.core import ChangeSet, OxigraphStore, StoreSettings, open_store

G = "https://w3id.org/medborgarlofte/graph/promise/test"
S = ox.NamedNode("https://w3id.org/medborgarlofte/id/promise/test")
P = ox.NamedNode("http://purl.org/dc/terms/title")


def _doc(title: str) -> list[ox.Quad]:
    return [ox.Quad(S, P, ox.Literal(title, language="sv"), ox.NamedNode(G))]


def test_put_same_document_twice_leaves_one_copy(disk_store: OxigraphStore) -> None:
    disk_store.apply(ChangeSet(replace={G: _doc("Löfte")}))
    disk_store.apply(ChangeSet(replace={G: _doc("Löfte")}))
    assert disk_store.count(G) == 1
    assert disk_store.named_graphs() == [G]


def test_put_replaces_previous_version(disk_store: OxigraphStore) -> None:
    disk_store.apply(ChangeSet(replace={G: _doc("gammal")}))
    disk_store.apply(ChangeSet(replace={G: _doc("ny")}))
    titles = [q.object.value for q in disk_store.quads(G)]
    assert titles == ["ny"]


def test_error_halfway_through_a_put_leaves_store_unchanged(disk_store: OxigraphStore) -> None:
    disk_store.apply(ChangeSet(replace={G: _doc("original")}))
    before = sorted(str(q) for q in disk_store.quads())
    bad = ChangeSet(replace={G: _doc("ny")})
    # The second graph's literal carries an ill-formed language tag: the update fails to parse
    # after the first graph's DROP and INSERT were already part of the request.
    other = "https://w3id.org/medborgarlofte/graph/promise/other"
    bad.replace[other] = [ox.Quad(S, P, ox.Literal("x"), ox.NamedNode(other))]
    update = bad.to_update().replace('"x"', '"x"@-bad-')

    class Broken(ChangeSet):
        def to_update(self) -> str:
            return update

    with pytest.raises(Exception):  # noqa: B017 - any failure, as long as nothing is written
        disk_store.apply(Broken())
    assert sorted(str(q) for q in disk_store.quads()) == before


def test_store_survives_reopen(store_path: Path) -> None:
    with open_store(StoreSettings(store_path)) as store:
        store.apply(ChangeSet(replace={G: _doc("kvar")}))
    with open_store(StoreSettings(store_path, create=False)) as store:
        assert store.count(G) == 1


def test_path_that_is_a_file_is_not_a_store(tmp_path: Path) -> None:
    f = tmp_path / "file.txt"
    f.write_text("hej")
    with pytest.raises(StoreError, match="is a file, not a kg store"):
        open_store(StoreSettings(f))


def test_folder_with_other_content_is_not_a_store(tmp_path: Path) -> None:
    (tmp_path / "something.csv").write_text("a,b\n")
    with pytest.raises(StoreError, match="is not a kg store"):
        open_store(StoreSettings(tmp_path))


def test_missing_store_without_create(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no kg store"):
        open_store(StoreSettings(tmp_path / "nope", create=False))


def test_store_locked_by_another_process(store_path: Path) -> None:
    open_store(StoreSettings(store_path)).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys,time;from pathlib import Path;from kg.store.core import *;"
            f"s=open_store(StoreSettings(Path({str(store_path)!r})));print('ready',flush=True);"
            "time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreBusy, match=r"in use by kg \(pid"):
            open_store(StoreSettings(store_path, lock_timeout=0.2))
    finally:
        holder.kill()
        holder.wait()


def test_read_only_store_reads_and_closes(store_path: Path) -> None:
    with open_store(StoreSettings(store_path)) as store:
        store.apply(ChangeSet(replace={G: _doc("läs")}))
    with open_store(StoreSettings(store_path, create=False, read_only=True)) as store:
        assert store.count(G) == 1
