"""SPARQL-based constraints asked once per shape and run (kg.validation.sparql_batch), and value
nodes read with one scan per property shape and run (kg.validation.shacl_graph.ScannedShape),
give exactly the reports of pySHACL's own paths, one focus node at a time: on every shape fixture (invalid,
layout, valid) with every evaluation sent through the batched path, on all of them in one call,
on the bundled documents, on drafts extracted from the seed texts, and on a sample of the
benchmark corpus whose documents are mutated so that SPARQL-based shapes fire in batches of many
focus nodes.

Findings are compared as tuples of everything a report shows (severity, focus node, shape,
component, path, value, messages in both languages, line)."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from query_fixtures import bench_generate
from rdflib import Graph
from rdflib.namespace import SH

import kg.validation.sparql_batch as sparql_batch
from kg.authoring.followup import context_for
from kg.documents.load import load_document, load_documents
from kg.iris import Minter
from kg.validation.sparql_batch import batched_text, per_focus_node
from kg.validation.validator import TriplesDocument, ValidationReport, Validator

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
FIXTURES = HERE.parent / "fixtures" / "shapes"
FIXTURE_FILES = sorted(
    p
    for kind in ("invalid", "layouts", "valid")
    for p in (FIXTURES / kind).iterdir()
    if p.suffix in (".ttl", ".yaml")
)
SEEDS = sorted((REPO.parent / "shared" / "seeds").glob("*.txt"))
SEED_OPTIONS = {"003_d3222688a511906b.txt": {"municipality": "1280"}}


@pytest.fixture(scope="module")
def validator() -> Validator:
    return Validator()


@pytest.fixture
def batched(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Counts the evaluations the batched path answered (number of focus nodes each)."""
    seen: list[int] = []
    real = sparql_batch.BatchedSPARQLConstraint._batched

    def counting(self: Any, helper: Any, graph: Any, f_v_dict: dict) -> Any:  # type: ignore[type-arg]
        answers = real(self, helper, graph, f_v_dict)
        if answers is not None:
            seen.append(len(f_v_dict))
        return answers

    monkeypatch.setattr(sparql_batch.BatchedSPARQLConstraint, "_batched", counting)
    yield seen


Finding = tuple[Any, ...]


def findings(reports: Sequence[ValidationReport]) -> list[list[Finding]]:
    return [
        sorted(
            (
                f.severity.value,
                f.focus_node,
                f.source_shape,
                f.constraint_component,
                f.path,
                f.value,
                f.message_sv,
                f.message_en,
                f.line,
            )
            for f in r.findings
        )
        for r in reports
    ]


def both(
    validator: Validator, docs: Sequence[Any], contexts: Sequence[Any] | None = None
) -> list[list[Finding]]:
    """The findings of the batched path, asserted equal to those of pySHACL's path."""
    fast = findings(validator.validate(docs, contexts))
    with per_focus_node():
        slow = findings(validator.validate(docs, contexts))
    assert fast == slow
    return fast


def fixture_document(path: Path) -> tuple[Any, Graph | None]:
    from test_shapes import stored_context  # the fixtures' own reading of a "# store:" line

    if path.suffix == ".yaml":
        return load_document(path, minter=Minter()), None
    graph = Graph().parse(path, format="turtle")
    return TriplesDocument.of(graph), stored_context(path, graph)


def sparql_shapes(validator: Validator) -> dict[str, str]:
    """Every shape with a SPARQL-based constraint → the shape a finding of it is reported under
    (itself, or the shape that reaches it through sh:node)."""
    shapes = validator.shapes
    out: dict[str, str] = {}
    for shape in set(shapes.subjects(SH.sparql)):
        holders = list(shapes.subjects(SH.node, shape)) or [shape]
        out[str(shape)] = str(holders[0])
    return out


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=[f"{p.parent.name}/{p.name}" for p in FIXTURE_FILES])
def test_each_fixture_has_the_same_report_with_every_query_batched(
    validator: Validator, path: Path, batched: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sparql_batch, "MIN_FOCUS_NODES", 1)
    doc, context = fixture_document(path)
    both(validator, [doc], [context])
    assert batched, "no SPARQL-based constraint went through the batched path"


def test_every_sparql_shape_fires_through_the_batched_path(
    validator: Validator, batched: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sparql_batch, "MIN_FOCUS_NODES", 1)
    fired: set[str] = set()
    for path in FIXTURE_FILES:
        doc, context = fixture_document(path)
        (report,) = validator.validate([doc], [context])
        fired |= {f.source_shape for f in report.findings}
    expected = sparql_shapes(validator)
    assert len(expected) >= 20
    missing = sorted(s for s, reported in expected.items() if reported not in fired)
    assert not missing, f"SPARQL-based shapes that fire on no fixture: {missing}"


def test_all_fixtures_in_one_call(validator: Validator, batched: list[int]) -> None:
    pairs = [fixture_document(p) for p in FIXTURE_FILES]
    found = both(validator, [d for d, _ in pairs], [c for _, c in pairs])
    assert sum(map(len, found)) > len(FIXTURE_FILES)


def test_the_bundled_documents(validator: Validator, batched: list[int]) -> None:
    from test_shapes import BUNDLED_DOCUMENTS

    docs = [load_document(p, minter=Minter()) for p in BUNDLED_DOCUMENTS]
    promises = {str(d.iri): d for d in docs if d.kind == "promise"}
    contexts = [context_for(d, store=None, minter=Minter(), local=promises) for d in docs]
    both(validator, docs, contexts)
    assert max(batched) > 1


@pytest.mark.skipif(not SEEDS, reason="../shared/seeds is absent: the seed texts are not in the repository")
def test_drafts_of_the_seed_texts(validator: Validator, batched: list[int]) -> None:
    """Drafts carry assumptions (mbl:Assumption, several a document): Assumption-review's
    information findings come from batches of many focus nodes."""
    from kg.extract import extract_file

    docs = []
    for path in SEEDS:
        extraction = extract_file(path, **SEED_OPTIONS.get(path.name, {}))  # type: ignore[arg-type]
        docs.append(TriplesDocument.of(extraction.graph, iri=str(extraction.iri), where=path.name))
    found = both(validator, docs)
    assert any(f[2].endswith("Assumption-review") for doc in found for f in doc)
    assert max(batched) > 1


def _mutated(docs: list[Any], rng: random.Random) -> list[TriplesDocument]:
    """Each document with three mutations, each a triple left out, or the object of one of its triples
    replaced by the object another document gives the same property (another promise's
    police unit, period dates, activities, priorities, areas)."""
    by_predicate: dict[ox.NamedNode, list[Any]] = {}
    for doc in docs:
        for q in doc.quads:
            by_predicate.setdefault(q.predicate, []).append(q.object)
    out = []
    for doc in docs:
        quads = list(doc.quads)
        for _ in range(3):
            i = rng.randrange(len(quads))
            q = quads[i]
            if rng.random() < 0.4:
                del quads[i]
            else:
                quads[i] = ox.Quad(
                    q.subject, q.predicate, rng.choice(by_predicate[q.predicate]), q.graph_name
                )
        out.append(TriplesDocument(quads, iri=str(doc.iri), where=doc.doc_id))
    return out


def test_a_mutated_sample_of_the_benchmark_corpus(
    validator: Validator, batched: list[int], tmp_path: Path
) -> None:
    bench_generate().generate(tmp_path, scale=1, municipalities=6)
    minter = Minter()
    loaded = [d for p in sorted(tmp_path.rglob("*.ttl")) for d in load_documents(p, minter=minter)]
    promises = {str(d.iri): d for d in loaded if d.kind == "promise"}
    contexts = [context_for(d, store=None, minter=minter, local=promises) for d in loaded]
    assert not any(both(validator, loaded, contexts))  # the corpus conforms
    docs = _mutated(loaded, random.Random(19))
    found = both(validator, docs, contexts)
    fired = {f[2] for doc in found for f in doc}
    shapes = set(sparql_shapes(validator).values())
    assert len(fired & shapes) >= 6, sorted(fired & shapes)
    assert max(batched) >= 8


def test_what_is_left_to_pyshacl() -> None:
    plain = "SELECT $this ?value WHERE {\n $this <urn:p> ?value .\n}"
    text = batched_text(plain)
    assert text is not None and "GRAPH <urn:x-kg:validation:focus>" in text
    assert text.startswith("SELECT $this ?value WHERE {")
    assert batched_text("SELECT DISTINCT $this ?v { $this <urn:p> ?v }") is not None
    for refused in (
        "SELECT * WHERE { $this <urn:p> ?v }",  # no explicit projection
        "SELECT ?v WHERE { $this <urn:p> ?v }",  # $this not projected
        "SELECT $this (COUNT(?v) AS ?n) WHERE { $this <urn:p> ?v }",  # an expression
        "SELECT $this ?v WHERE { $this <urn:p> ?v } LIMIT 1",  # a solution modifier
        "SELECT $this ?v WHERE { $this <urn:p> ?v } ORDER BY ?v",
        "SELECT $this ?v WHERE { { SELECT $this ?v WHERE { $this <urn:p> ?v } } }",  # nested
        "SELECT $this ?v WHERE { GRAPH ?g { $this <urn:p> ?v } }",
        "# a comment\nSELECT $this ?v WHERE { $this <urn:p> ?v }",
    ):
        assert batched_text(refused) is None, refused


def test_the_focus_graph_is_gone_after_each_query(
    validator: Validator, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The focus nodes are in the run's store only while their query runs."""
    stores: list[ox.Store] = []
    real = sparql_batch.BatchedSPARQLConstraint._batched

    def keeping(self: Any, helper: Any, graph: Any, f_v_dict: dict) -> Any:  # type: ignore[type-arg]
        stores.append(graph.impl)
        return real(self, helper, graph, f_v_dict)

    monkeypatch.setattr(sparql_batch.BatchedSPARQLConstraint, "_batched", keeping)
    monkeypatch.setattr(sparql_batch, "MIN_FOCUS_NODES", 1)
    doc, _ = fixture_document(FIXTURES / "invalid" / "actor-no-type.ttl")
    validator.validate([doc])
    assert stores
    assert all(not list(s.quads_for_pattern(None, None, None, sparql_batch.FOCUS_GRAPH)) for s in stores)
    assert all(sparql_batch.FOCUS_GRAPH not in set(s.named_graphs()) for s in stores)


def test_value_nodes_are_scanned_for_many_focus_nodes(
    validator: Validator, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scan answers the property shapes of a run of several documents (the comparisons above
    would pass if it were never used)."""
    from test_shapes import BUNDLED_DOCUMENTS

    import kg.validation.shacl_graph as shacl_graph

    scanned: list[int] = []
    real = shacl_graph._scanned

    def counting(shape: Any, graph: Any, focus: Any) -> Any:
        found = real(shape, graph, focus)
        if found is not None:
            scanned.append(len(found))
        return found

    monkeypatch.setattr(shacl_graph, "_scanned", counting)
    docs = [load_document(p, minter=Minter()) for p in BUNDLED_DOCUMENTS if p.suffix == ".ttl"]
    validator.validate(docs)
    assert scanned and max(scanned) > 1


def test_sh_or_stops_at_the_first_conforming_alternative(validator: Validator) -> None:
    """Assessment-occasions' sh:or (two datatypes) is answered by the alternative that conformed
    last (the comparisons above cover its results: the fixtures with occasions as text or below
    zero, and the plan with neither frequency nor description)."""
    from test_shapes import BUNDLED_DOCUMENTS

    from kg.validation.shacl_graph import FirstConformingOr

    FirstConformingOr._first.clear()
    docs = [load_document(p, minter=Minter()) for p in BUNDLED_DOCUMENTS]
    promises = {str(d.iri): d for d in docs if d.kind == "promise"}
    contexts = [context_for(d, store=None, minter=Minter(), local=promises) for d in docs]
    validator.validate(docs, contexts)
    assert any(str(shape).endswith("Assessment-occasions") for shape, _ in FirstConformingOr._first)
