"""``kg import``: validated, atomic, idempotent; clear errors that leave the store unchanged."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from cli_support import copy_store, dump, kg
from cli_support import imported as import_files
from typer.testing import CliRunner

from kg.errors import EXIT_BAD_INPUT, EXIT_NOT_CONFORMING, EXIT_OK
from kg.store.core import StoreSettings, open_store

REPO = Path(__file__).resolve().parent.parent.parent
EXAMPLE = REPO / "examples" / "nykoping-2025-2026.ttl"
DOC_ID = "promise/0480-2025-2026"


@pytest.fixture(scope="module")
def example_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example imported by ``kg import``, once for the module (each test changes a copy)."""
    return import_files(CliRunner(), tmp_path_factory.mktemp("example") / "store", EXAMPLE)


@pytest.fixture
def imported(example_store: Path, store_path: Path) -> Path:
    return copy_store(example_store, store_path)


def test_import_example_records_catalogue(runner: CliRunner, imported: Path) -> None:
    code, out = kg(runner, imported, "documents", "--format", "json")
    assert code == 0, out
    records = json.loads(out)
    assert [r["doc_id"] for r in records] == [DOC_ID]
    rec = records[0]
    assert rec["file_name"] == EXAMPLE.name
    assert len(rec["sha256"]) == 64
    assert rec["size"] == EXAMPLE.stat().st_size
    assert rec["municipality_code"] == "0480"
    assert (rec["start"], rec["end"]) == ("2025-01-01", "2026-12-31")
    assert rec["revision"] == 1
    assert rec["violations"] == 0


def test_import_twice_gives_byte_identical_store(runner: CliRunner, imported: Path) -> None:
    before = dump(imported)
    code, out = kg(runner, imported, "import", str(EXAMPLE))
    assert code == EXIT_OK, out
    assert dump(imported) == before


def test_changed_document_replaces_old_version(runner: CliRunner, imported: Path, tmp_path: Path) -> None:
    changed = tmp_path / "changed.ttl"
    changed.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("Fler narkotikabrott ska upptäckas.", "Färre brott."),
        encoding="utf-8",
    )
    code, out = kg(runner, imported, "import", str(changed))
    assert code == EXIT_OK, out
    code, out = kg(runner, imported, "documents", "show", DOC_ID, "--format", "json")
    rec = json.loads(out)
    assert rec["revision"] == 2
    assert rec["file_name"] == "changed.ttl"
    with open_store(StoreSettings(imported, create=False)) as s:
        texts = {q.object.value for q in s.quads(rec["graph"]) if isinstance(q.object, ox.Literal)}
    assert "Färre brott." in texts
    assert "Fler narkotikabrott ska upptäckas." not in texts


def test_remove_document_and_record(runner: CliRunner, imported: Path) -> None:
    code, out = kg(runner, imported, "remove", DOC_ID)
    assert code == 0, out
    code, out = kg(runner, imported, "documents", "--format", "json")
    assert json.loads(out) == []
    with open_store(StoreSettings(imported, create=False)) as s:
        assert not s.has_graph("https://w3id.org/medborgarlofte/graph/" + DOC_ID)
        assert not bool(s.query("ASK { ?c <http://www.w3.org/ns/dcat#record> ?r }"))


def test_remove_unknown_document_is_exit_2(runner: CliRunner, imported: Path) -> None:
    code, out = kg(runner, imported, "remove", "promise/9999-2020")
    assert code == EXIT_BAD_INPUT
    assert "no document with ID" in out


def test_dry_run_writes_nothing(runner: CliRunner, store_path: Path) -> None:
    code, out = kg(runner, store_path, "import", "--dry-run", str(EXAMPLE))
    assert code == EXIT_OK, out
    assert not store_path.exists()  # not even an empty store
    code, out = kg(runner, store_path, "init")
    assert code == EXIT_OK, out
    code, out = kg(runner, store_path, "import", "--dry-run", str(EXAMPLE))
    assert code == EXIT_OK, out
    code, out = kg(runner, store_path, "documents", "--format", "json")
    assert code == 0 and json.loads(out) == []


def _broken_example(tmp_path: Path) -> Path:
    """The example without its municipality's territory and with a reversed period."""
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace('dcat:endDate "2026-12-31"^^xsd:date', 'dcat:endDate "2024-12-31"^^xsd:date')
    bad = tmp_path / "broken.ttl"
    bad.write_text(text, encoding="utf-8")
    return bad


def test_invalid_document_is_quarantined_and_nothing_written(
    runner: CliRunner, store_path: Path, tmp_path: Path
) -> None:
    bad = _broken_example(tmp_path)
    code, out = kg(runner, store_path, "import", str(bad))
    assert code == EXIT_NOT_CONFORMING, out
    reports = list((store_path / "quarantine").glob("*.report.txt"))
    assert [r.name for r in reports] == ["promise_0480-2025-2026.report.txt"]
    assert (store_path / "quarantine" / "promise_0480-2025-2026.report.ttl").exists()
    code, out = kg(runner, store_path, "documents", "--format", "json")
    assert json.loads(out) == []


def test_keep_going_imports_the_valid_ones(runner: CliRunner, store_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "a.ttl")
    other = EXAMPLE.read_text(encoding="utf-8").replace("0480-2025-2026", "0480-2027-2028")
    other = other.replace('"2025-01-01"', '"2027-01-01"').replace('"2026-12-31"', '"2026-01-01"')
    (folder / "b.ttl").write_text(other, encoding="utf-8")
    code, out = kg(runner, store_path, "import", str(folder))
    assert code == EXIT_NOT_CONFORMING
    assert "Nothing was written" in out
    code, out = kg(runner, store_path, "import", "--keep-going", "--format", "json", str(folder))
    assert code == EXIT_NOT_CONFORMING
    statuses = {o["document"]: o["status"] for o in json.loads(out[out.index("{") :])["outcomes"]}
    assert statuses == {DOC_ID: "imported", "promise/0480-2027-2028": "invalid"}


BAD_INPUTS = {
    "malformed.ttl": ('@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nex:a ex:b "open .\n', "malformed.ttl:3"),
    "unknown.xyz": ("hello", "unknown file extension"),
    "empty.ttl": ("", "the file is empty"),
    "latin1.ttl": (b'@prefix ex: <http://e/> .\nex:a ex:b "Sk\xe5ne" .\n', "latin1.ttl:2"),
    "binary.ttl": (b"\x00\x01\x02\x03garbage", "looks binary"),
    "entities.rdf": (
        '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n',
        "entity declarations is refused",
    ),
    "remote.jsonld": (
        '{"@context": "https://example.org/context.jsonld", "@id": "http://e/a"}',
        "remote @context is not fetched",
    ),
    "remote.yaml": ('"@context": "https://example.org/ctx.jsonld"\n"@id": "http://e/a"\n', "remote @context"),
    "nomunicipality.ttl": (
        "@prefix mbl: <https://w3id.org/medborgarlofte/def/> .\n"
        "<https://w3id.org/medborgarlofte/id/promise/0000-2024> a mbl:CitizenPromise .\n",
        "names no municipality",
    ),
    "notapromise.ttl": ("@prefix ex: <http://e/> .\nex:a ex:b ex:c .\n", "no citizen promise"),
    "tripleterm.ttl": (
        EXAMPLE.read_text(encoding="utf-8")
        + "<https://w3id.org/medborgarlofte/id/promise/0480-2025-2026> <http://e/p>"
        + " <<( <http://e/a> <http://e/b> <http://e/c> )>> .\n",
        "triple terms are not supported",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_exit_2_and_store_unchanged(
    runner: CliRunner, imported: Path, tmp_path: Path, name: str
) -> None:
    content, expected = BAD_INPUTS[name]
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    before = dump(imported)
    code, out = kg(runner, imported, "import", str(path))
    assert code == EXIT_BAD_INPUT, out
    assert expected in out, out
    assert name in out
    assert "Traceback" not in out
    assert dump(imported) == before


def test_missing_file_and_empty_folder(runner: CliRunner, imported: Path, tmp_path: Path) -> None:
    code, out = kg(runner, imported, "import", str(tmp_path / "nope.ttl"))
    assert code == EXIT_BAD_INPUT and "file not found" in out
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.docx").write_text("x")
    code, out = kg(runner, imported, "import", str(empty))
    assert code == EXIT_BAD_INPUT and "no importable files" in out


def test_very_large_file_is_refused(runner: CliRunner, imported: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.nt"
    line = b'<http://e/a> <http://e/p> "' + b"x" * 1000 + b'" .\n'
    with big.open("wb") as f:
        for _ in range(21 * 1024):
            f.write(line)
    code, out = kg(runner, imported, "import", str(big))
    assert code == EXIT_BAD_INPUT
    assert "file too large" in out


def test_stats_counts_documents_per_municipality(runner: CliRunner, imported: Path) -> None:
    code, out = kg(runner, imported, "stats", "--format", "json")
    assert code == 0, out
    stats = json.loads(out)
    assert stats["documents"] == 1
    # the worked example is made up: counted as an example, not as Nyköping's document
    assert stats["examples"] == 1
    assert stats["per_municipality"] == {}


def test_a_packed_document_is_the_same_document() -> None:
    """The form a document travels in between worker processes and waits in to be written: the
    same triples, the same N-Quads for the store, and it survives pickling whole."""
    import pickle

    from kg.documents.load import load_document
    from kg.iris import Minter

    doc = load_document(EXAMPLE, minter=Minter())
    packed = doc.packed()
    assert isinstance(packed.triples, bytes) and isinstance(doc.triples, list)
    assert len(packed.triples) < len(ox.serialize(doc.quads, format=ox.RdfFormat.N_TRIPLES) or b"") / 3
    assert set(packed.quads) == set(doc.quads)
    assert packed.nquads() == doc.nquads()
    graph = ox.NamedNode(doc.graph_iri)
    stored = list(ox.parse(packed.nquads(), format=ox.RdfFormat.N_QUADS))
    assert {q.graph_name for q in stored} == {graph}
    assert {ox.Quad(q.subject, q.predicate, q.object) for q in stored} == set(doc.quads)
    again = pickle.loads(pickle.dumps(packed))
    assert again == packed and set(again.quads) == set(doc.quads)
    assert (doc.municipality, doc.example) == (packed.municipality, packed.example)
    assert doc.municipality is not None and doc.municipality.endswith("kommun-0480")
