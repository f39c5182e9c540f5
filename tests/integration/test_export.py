"""kg export and kg restore: every format parses in rdflib and pyoxigraph, gzip by file name, one
document with its record, and export → restore (or import) into a fresh store is isomorphic."""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from query_fixtures import fixture_store
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.cli import app
from kg.cli.common import shared_validator
from kg.errors import EXIT_OK, DocumentNotFound, InputError
from kg.ingest.dumps import ExportFormat, export, export_to_path, format_of, restore_dump
from kg.iris import Minter
from kg.namespaces import OX
from kg.store.catalogue import list_records
from kg.store.core import OxigraphStore, StoreSettings, open_store
from kg.terms import to_rdflib

REPO = Path(__file__).resolve().parent.parent.parent
EXAMPLE = REPO / "examples" / "nykoping-2025-2026.ttl"
MINTER = Minter()
RDFLIB = {
    ExportFormat.trig: "trig",
    ExportFormat.nquads: "nquads",
    ExportFormat.turtle: "turtle",
    ExportFormat.jsonld: "json-ld",
}
DOC = "promise/0480-2025-2026"


@pytest.fixture(scope="module")
def store() -> Iterator[OxigraphStore]:
    s = fixture_store()
    yield s
    s.close()


def _graph(store: OxigraphStore, iri: str) -> Graph:
    g = Graph()
    for q in store.quads(iri):
        g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return g


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_every_format_parses_in_rdflib_and_pyoxigraph(store: OxigraphStore, fmt: ExportFormat) -> None:
    out = io.BytesIO()
    summary = export(store, out, fmt, minter=MINTER)
    data = out.getvalue()
    assert summary.quads == len(store.raw) and len(summary.graphs) == len(store.named_graphs())
    parsed = list(ox.parse(data, format=fmt.rdf_format))
    if fmt.has_graphs:
        assert len(set(parsed)) == len(store.raw)
        ds = Dataset()
        ds.parse(data=data, format=RDFLIB[fmt])
        assert len(ds) == len(store.raw)
        names = {str(c.identifier) for c in ds.graphs() if len(c)}
        assert names == set(store.named_graphs())
    else:
        union = {q.triple for q in store.raw}
        assert {q.triple for q in parsed} == union
        assert len(Graph().parse(data=data, format="turtle")) == len(union)


def test_one_document_with_its_catalogue_record(store: OxigraphStore) -> None:
    out = io.BytesIO()
    summary = export(store, out, ExportFormat.nquads, minter=MINTER, document=DOC)
    quads = list(ox.parse(out.getvalue(), format=ox.RdfFormat.N_QUADS))
    graph = str(MINTER.document_graph(DOC))
    assert summary.graphs == [graph]
    in_doc = [q for q in quads if q.graph_name.value == graph]
    assert len(in_doc) == store.count(graph)
    rest = [q for q in quads if q.graph_name.value != graph]
    record = str(MINTER.record(DOC))
    assert rest and all(q.graph_name.value == str(MINTER.catalogue_graph) for q in rest)
    # the record, the catalogue's link to it, and the nodes under it (revisions, derived facts)
    assert all(
        record in (q.subject.value, q.object.value) or q.subject.value.startswith(record + "/") for q in rest
    )
    assert any(q.subject.value == record + "/facts" for q in rest)
    with pytest.raises(DocumentNotFound):
        export(store, io.BytesIO(), ExportFormat.trig, minter=MINTER, document="promise/9999-2000")


def test_gzip_by_file_name_and_format_from_extension(store: OxigraphStore, tmp_path: Path) -> None:
    path = tmp_path / "dump.nq.gz"
    summary = export_to_path(store, path, minter=MINTER)
    assert summary.fmt is ExportFormat.nquads and summary.compressed
    with gzip.open(path, "rb") as fh:
        assert len(set(ox.parse(fh.read(), format=ox.RdfFormat.N_QUADS))) == len(store.raw)
    assert format_of(Path("x.trig")) is ExportFormat.trig
    assert format_of(Path("x.jsonld.gz")) is ExportFormat.jsonld
    with pytest.raises(InputError):
        format_of(Path("x.csv"))
    # the file is written whole or not at all: no temporary file is left behind
    assert [p.name for p in tmp_path.iterdir()] == ["dump.nq.gz"]


def test_export_then_restore_is_isomorphic(origin: OxigraphStore, tmp_path: Path) -> None:
    dump = tmp_path / "dump.trig.gz"
    export_to_path(origin, dump, minter=MINTER)
    with open_store(StoreSettings(tmp_path / "copy")) as copy:
        result = restore_dump(dump, store=copy, minter=MINTER, validator=shared_validator())
        assert result.imported.written == 2 and len(result.records_restored) == 2
        assert copy.named_graphs() == origin.named_graphs()
        for g in origin.named_graphs():
            assert isomorphic(_graph(copy, g), _graph(origin, g)), g
        assert [r.as_dict() for r in list_records(copy, MINTER)] == [
            r.as_dict() for r in list_records(origin, MINTER)
        ]


def test_kg_import_of_a_dump_restores_the_documents(
    origin: OxigraphStore, tmp_path: Path, runner: CliRunner
) -> None:
    """``kg import dump.trig``: the same document graphs; records describe that import."""
    dump = tmp_path / "dump.trig"
    export_to_path(origin, dump, minter=MINTER, include_system=False)
    copy = tmp_path / "copy"
    result = runner.invoke(app, ["--store", str(copy), "import", str(dump)])
    assert result.exit_code == EXIT_OK, result.output
    with open_store(StoreSettings(copy)) as s:
        for r in list_records(origin, MINTER):
            assert isomorphic(_graph(s, r.graph), _graph(origin, r.graph)), r.graph
        records = list_records(s, MINTER)
        assert [r.doc_id for r in records] == [r.doc_id for r in list_records(origin, MINTER)]
        assert all(r.file_name == "dump.trig" for r in records)


def test_cli_export_and_restore(origin: OxigraphStore, tmp_path: Path, runner: CliRunner) -> None:
    dump = tmp_path / "doc.trig"
    # the origin store is open in this process (its lock is held): use a copy made by export
    export_to_path(origin, dump, minter=MINTER)
    copy = tmp_path / "copy"
    result = runner.invoke(app, ["--store", str(copy), "restore", str(dump)])
    assert result.exit_code == EXIT_OK, result.output
    assert "catalogue records restored" in result.output
    out = tmp_path / "one.ttl"
    result = runner.invoke(app, ["--store", str(copy), "export", "--document", DOC, "--out", str(out)])
    assert result.exit_code == EXIT_OK, result.output
    record = ox.NamedNode(str(MINTER.record(DOC)))
    catalogue = list(origin.quads(str(MINTER.catalogue_graph)))
    revisions = {
        q.subject for q in catalogue if q.object == record and q.predicate.value.endswith("revisionOf")
    }
    assert revisions  # the record's history (kg.store.history) goes with it
    # and its derived facts (kg.store.promise_facts)
    facts = {q.subject for q in catalogue if q.object == record and q.predicate == OX.mbl.factsOf}
    assert facts
    record_quads = [
        q
        for q in catalogue
        if record in (q.subject, q.object) or q.subject in revisions or q.subject in facts
    ]
    expected = origin.count(str(MINTER.document_graph(DOC))) + len(record_quads)
    assert len(Graph().parse(out, format="turtle")) == expected
    result = runner.invoke(app, ["--store", str(copy), "export", "--format", "nquads", "--no-system"])
    assert result.exit_code == EXIT_OK
    graphs = {q.graph_name.value for q in ox.parse(result.stdout_bytes, format=ox.RdfFormat.N_QUADS)}
    assert str(MINTER.ontology_graph) not in graphs and str(MINTER.catalogue_graph) in graphs
