"""Dumps that prove themselves (issue 20 point 4): ``kg export`` writes a manifest; ``kg restore``
refuses a dump cut short or changed, and a forged catalogue record, before writing anything."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from cli_support import copy_store, imported
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import EXIT_BAD_INPUT, EXIT_OK
from kg.ingest.dumps import export_to_path
from kg.ingest.manifest import TAG, Manifest, digest, read_manifest
from kg.iris import Minter
from kg.store.core import OxigraphStore, StoreSettings, open_store

REPO = Path(__file__).resolve().parent.parent.parent
EXAMPLE = REPO / "examples" / "nykoping-2025-2026.ttl"
MINTER = Minter()
A, B = "promise/0480-2025-2026", "promise/0480-2027-2028"


@pytest.fixture(scope="module")
def dumps(origin: OxigraphStore, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("dumps")
    out = {}
    for name in ("dump.nq", "dump.trig"):
        export_to_path(origin, folder / name, minter=MINTER)
        out[name] = (folder / name).read_bytes()
    return out


@pytest.fixture(scope="module")
def target_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("target")
    other = folder / "other.ttl"
    other.write_text(EXAMPLE.read_text(encoding="utf-8").replace("2025-2026", "2031-2032"), encoding="utf-8")
    return imported(CliRunner(), folder / "store", other)


@pytest.fixture
def target(target_store: Path, tmp_path: Path) -> Path:
    """A store that already holds a document: a refused restore must leave it exactly so (a copy
    of the one the module imported once)."""
    return copy_store(target_store, tmp_path / "target")


def snapshot(store: Path) -> set[str]:
    with open_store(StoreSettings(store)) as s:
        return {str(q) for q in s.quads()}


def restore(store: Path, dump: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--store", str(store), "restore", str(dump), *extra])
    return result.exit_code, result.output


def test_the_manifest_lists_every_graph_with_count_and_hash(
    origin: OxigraphStore, dumps: dict[str, bytes]
) -> None:
    for name, data in dumps.items():
        first = data.split(b"\n", 1)[0].decode("utf-8")
        assert first.startswith(TAG)
        manifest = Manifest.parse(first, name)
        assert set(manifest.graphs) == set(origin.named_graphs())
        for g, (n, sha) in manifest.graphs.items():
            assert (n, sha) == digest(q.triple for q in origin.quads(g))
        assert manifest.quads == len(origin.raw)
        assert manifest.records == {A: str(MINTER.document_graph(A)), B: str(MINTER.document_graph(B))}
        assert (
            len(
                set(
                    ox.parse(data, format=ox.RdfFormat.N_QUADS if name.endswith(".nq") else ox.RdfFormat.TRIG)
                )
            )
            == manifest.quads
        )


def _lines_cut(data: bytes) -> bytes:
    """N-Quads cut at a line boundary: the last 40 lines are gone (a full disk)."""
    lines = data.splitlines(keepends=True)
    return b"".join(lines[:-40])


def _blocks(data: bytes) -> list[tuple[int, str]]:
    return [(m.start(), m.group(1).decode()) for m in re.finditer(rb"^<([^>]+)> \{$", data, re.MULTILINE)]


def _graph_cut(data: bytes) -> bytes:
    """TriG cut at a graph boundary, just before the catalogue: valid TriG, graphs missing."""
    start = next(pos for pos, iri in _blocks(data) if iri == str(MINTER.catalogue_graph))
    return data[:start]


def _document_dropped(data: bytes) -> bytes:
    """TriG without one whole document graph (a graph boundary in the middle of the dump)."""
    blocks = _blocks(data)
    graph = str(MINTER.document_graph(B))
    i = next(n for n, (_, iri) in enumerate(blocks) if iri == graph)
    return data[: blocks[i][0]] + data[blocks[i + 1][0] :]


def _mid_line(data: bytes) -> bytes:
    """Cut inside a quad, a few bytes before its end (not wherever half the size happens to
    fall, which may be a line boundary or the space before the final dot)."""
    end = data.index(b"\n", len(data) // 2)
    return data[: end - 6]


def _literal_changed(data: bytes) -> bytes:
    # a priority's title in the worked example: one literal of one document graph
    assert b'"Fokus mot narkotika"@sv' in data
    return data.replace(b'"Fokus mot narkotika"@sv', b'"HIJACKED"@sv', 1)


def _forged_record(data: bytes) -> bytes:
    """A's record names B's graph: a later 'kg remove A' would delete B."""
    rec, graph_a, graph_b = (
        str(x) for x in (MINTER.record(A), MINTER.document_graph(A), MINTER.document_graph(B))
    )
    line = f"<{rec}> <https://w3id.org/medborgarlofte/def/namedGraph> <{graph_a}>".encode()
    assert line in data
    return data.replace(
        line, f"<{rec}> <https://w3id.org/medborgarlofte/def/namedGraph> <{graph_b}>".encode()
    )


def _manifest_forged_too(data: bytes) -> bytes:
    """The forged record, and the manifest rewritten to match it: the record check still refuses."""
    forged = _forged_record(data)
    head, body = forged.split(b"\n", 1)
    manifest = json.loads(head[len(TAG) :])
    dataset = ox.Store()
    dataset.load(body, format=ox.RdfFormat.N_QUADS)
    for entry in manifest["graphs"]:
        entry["quads"], entry["sha256"] = digest(
            q.triple for q in dataset.quads_for_pattern(None, None, None, ox.NamedNode(entry["graph"]))
        )
    manifest["records"][A] = str(MINTER.document_graph(B))
    return (TAG + json.dumps(manifest)).encode() + b"\n" + body


CASES: dict[str, tuple[str, Callable[[bytes], bytes], str]] = {
    "cut-at-a-line": ("dump.nq", _lines_cut, "graph incomplete"),
    "cut-at-a-graph-boundary": ("dump.trig", _graph_cut, "graph missing: " + str(MINTER.catalogue_graph)),
    "a-document-graph-dropped": (
        "dump.trig",
        _document_dropped,
        "graph missing: " + str(MINTER.document_graph(B)),
    ),
    "cut-mid-line": ("dump.nq", _mid_line, "the dump cannot be read"),
    "changed-literal": ("dump.nq", _literal_changed, "graph changed: " + str(MINTER.document_graph(A))),
    "forged-record": ("dump.nq", _forged_record, f"the catalogue record {A} names another graph"),
    "forged-record-and-manifest": (
        "dump.nq",
        _manifest_forged_too,
        f"the catalogue record {A} names another graph",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_cut_or_changed_dump_is_refused_and_nothing_is_written(
    case: str, dumps: dict[str, bytes], target: Path, tmp_path: Path
) -> None:
    name, damage, message = CASES[case]
    path = tmp_path / name
    path.write_bytes(damage(dumps[name]))
    before = snapshot(target)
    code, out = restore(target, path)
    assert code == EXIT_BAD_INPUT, out
    assert message in out, out
    assert "Traceback" not in out
    assert snapshot(target) == before


def test_a_truncated_gzip_dump_is_refused(origin: OxigraphStore, target: Path, tmp_path: Path) -> None:
    path = tmp_path / "dump.nq.gz"
    export_to_path(origin, path, minter=MINTER)
    assert read_manifest(path) is not None
    path.write_bytes(path.read_bytes()[:-200])
    before = snapshot(target)
    code, out = restore(target, path)
    assert code == EXIT_BAD_INPUT and "the dump cannot be read" in out, out
    assert snapshot(target) == before


def test_a_dump_without_a_manifest_needs_trust(dumps: dict[str, bytes], target: Path, tmp_path: Path) -> None:
    path = tmp_path / "dump.nq"
    path.write_bytes(dumps["dump.nq"].split(b"\n", 1)[1])
    before = snapshot(target)
    code, out = restore(target, path)
    assert code == EXIT_BAD_INPUT and "the dump has no manifest" in out and "--trust" in out, out
    assert snapshot(target) == before
    forged = tmp_path / "forged.nq"
    forged.write_bytes(_forged_record(dumps["dump.nq"]).split(b"\n", 1)[1])
    code, out = restore(target, forged, "--trust")  # trusted, but its records are still checked
    assert code == EXIT_BAD_INPUT and f"the catalogue record {A} names another graph" in out, out
    assert snapshot(target) == before
    code, out = restore(target, path, "--trust")
    assert code == EXIT_OK, out
    with open_store(StoreSettings(target)) as s:
        assert s.has_graph(str(MINTER.document_graph(A))) and s.has_graph(str(MINTER.document_graph(B)))


def test_a_whole_dump_restores_gzip_or_not(
    origin: OxigraphStore, dumps: dict[str, bytes], tmp_path: Path
) -> None:
    for name in ("dump.trig", "dump.nq.gz"):
        path = tmp_path / name
        if name.endswith(".gz"):
            path.write_bytes(gzip.compress(dumps["dump.nq"]))
        else:
            path.write_bytes(dumps[name])
        code, out = restore(tmp_path / f"store-{name}", path)
        assert code == EXIT_OK, out
        with open_store(StoreSettings(tmp_path / f"store-{name}")) as s:
            for doc in (A, B):
                g = str(MINTER.document_graph(doc))
                assert digest(q.triple for q in s.quads(g)) == digest(q.triple for q in origin.quads(g))


def test_one_document_dump_has_its_own_manifest(origin: OxigraphStore, tmp_path: Path) -> None:
    path = tmp_path / "one.trig"
    export_to_path(origin, path, minter=MINTER, document=A)
    manifest = read_manifest(path)
    assert manifest is not None and manifest.records == {A: str(MINTER.document_graph(A))}
    assert set(manifest.graphs) == {str(MINTER.document_graph(A)), str(MINTER.catalogue_graph)}
    code, out = restore(tmp_path / "copy", path)
    assert code == EXIT_OK, out


def test_a_refused_dump_leaves_no_store_where_there_was_none(dumps: dict[str, bytes], tmp_path: Path) -> None:
    path = tmp_path / "dump.nq"
    path.write_bytes(dumps["dump.nq"].split(b"\n", 1)[1])  # no manifest
    new = tmp_path / "new-store"
    code, out = restore(new, path)
    assert code == EXIT_BAD_INPUT and "the dump has no manifest" in out, out
    assert not new.exists()  # was an empty store folder
