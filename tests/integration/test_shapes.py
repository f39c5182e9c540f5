"""The SHACL shapes: every rule has fixtures that must fire exactly as stated, and no more.

Each file in tests/fixtures/shapes/invalid/ starts with ``# expect:`` lines (severity, focus
node, shape, constraint component); the test asserts that the report's findings are exactly
those. Files in layouts/ are real layouts that are legitimate (no explicit priorities, a police
area the text does not name, a district): they conform, with exactly the warnings and infos they
state. Files in valid/ and every example in examples/ must give no finding at all. A follow-up
fixture names the promise "in the store" with a ``# store:`` line (a file under fixtures/shapes/):
it is put in a store and the follow-up is validated with its context, as the importer does.
"""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from kg.authoring.followup import promise_context
from kg.documents.load import load_document
from kg.documents.parse import EXTENSIONS
from kg.iris import Minter
from kg.validation.validator import PREFIXES, TriplesDocument, ValidationReport, Validator

HERE = Path(__file__).resolve().parent.parent
FIXTURES = HERE / "fixtures" / "shapes"
EXAMPLES = HERE.parent / "examples"
INVALID = sorted((FIXTURES / "invalid").glob("*.ttl")) + sorted((FIXTURES / "invalid").glob("*.yaml"))
"""Turtle fixtures, and YAML-LD ones for the rules checked while a hand-written file is read
(shapes/authoring.ttl), which are validated as loaded for import."""
VALID = sorted((FIXTURES / "valid").glob("*.ttl"))
LAYOUTS = sorted((FIXTURES / "layouts").glob("*.ttl"))

Expectation = tuple[str, str, str, str]


@pytest.fixture(scope="session")
def validator() -> Validator:
    return Validator()


def expand(curie: str) -> str:
    prefix, _, local = curie.partition(":")
    return PREFIXES[prefix] + local if prefix in PREFIXES else curie


def expectations(path: Path) -> set[Expectation]:
    out: set[Expectation] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# expect:"):
            severity, focus, shape, component = line.removeprefix("# expect:").split()
            out.add((severity, expand(focus), expand(shape), expand(component)))
    return out


def found(report: ValidationReport) -> set[Expectation]:
    return {(f.severity.value, f.focus_node, f.source_shape, f.constraint_component) for f in report.findings}


def stored_context(path: Path, graph: Graph) -> Graph | None:
    """The follow-up's promise context, from a store holding the fixture's ``# store:`` file."""
    import pyoxigraph as ox

    from kg.store.core import ChangeSet, StoreSettings, open_store

    lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x.startswith("# store:")]
    followups = list(graph.subjects(predicate=None, object=URIRef(PREFIXES["mbl"] + "FollowUp")))
    if not lines or not followups:
        return None
    stored = FIXTURES / lines[0].removeprefix("# store:").strip()
    minter = Minter()
    triples = list(ox.parse(path=str(stored), format=ox.RdfFormat.TURTLE))
    promise = next(t.subject for t in triples if t.object == ox.NamedNode(PREFIXES["mbl"] + "CitizenPromise"))
    graph_iri = str(minter.document_graph(minter.doc_id_of(promise.value)))
    g = ox.NamedNode(graph_iri)
    with open_store(StoreSettings(None)) as store:
        quads = [ox.Quad(t.subject, t.predicate, t.object, g) for t in triples]
        store.apply(ChangeSet(replace={graph_iri: quads}))
        followed = graph.value(followups[0], URIRef(PREFIXES["mbl"] + "followsUp"))
        return promise_context(store, minter, followed) if isinstance(followed, URIRef) else None


def check(validator: Validator, path: Path) -> ValidationReport:
    if path.suffix == ".yaml":
        return validator.validate([load_document(path, minter=Minter())])[0]
    graph = Graph().parse(path, format="turtle")
    return validator.validate([TriplesDocument.of(graph)], [stored_context(path, graph)])[0]


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_fixture_fires_exactly_what_it_states(validator: Validator, path: Path) -> None:
    expected = expectations(path)
    assert expected, f"{path.name} states no '# expect:' line"
    report = check(validator, path)
    assert found(report) == expected, report.render_human("en")


@pytest.mark.parametrize("path", LAYOUTS, ids=[p.stem for p in LAYOUTS])
def test_real_layout_conforms_with_exactly_what_it_states(validator: Validator, path: Path) -> None:
    expected = expectations(path)
    assert expected, f"{path.name} states no '# expect:' line"
    assert all(severity != "violation" for severity, *_ in expected), f"{path.name} expects a violation"
    report = check(validator, path)
    assert found(report) == expected, report.render_human("en")
    assert report.conforms


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_fixture_has_no_finding(validator: Validator, path: Path) -> None:
    report = check(validator, path)
    assert report.findings == [], report.render_human("en")


EXAMPLE_FILES = sorted(p for p in EXAMPLES.iterdir() if p.suffix in EXTENSIONS)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.name for p in EXAMPLE_FILES])
def test_every_example_conforms_as_loaded_for_import(validator: Validator, path: Path) -> None:
    doc = load_document(path, minter=Minter())
    (report,) = validator.validate([doc])
    assert report.findings == [], report.render_human("en")


def _rules(shapes: Graph) -> set[str]:
    """Every shape that carries a steward message (directly or on its SPARQL constraint)."""
    rules = {s for s in shapes.subjects(SH.message) if isinstance(s, URIRef)}
    rules |= {s for s, c in shapes.subject_objects(SH.sparql) if (c, SH.message, None) in shapes}
    return {str(r) for r in rules if isinstance(r, URIRef)}


def test_every_shape_has_an_invalid_fixture(validator: Validator) -> None:
    covered = {shape for p in INVALID + LAYOUTS for _, _, shape, _ in expectations(p)}
    missing = sorted(_rules(validator.shapes) - covered)
    assert not missing, f"shapes without an invalid fixture in {FIXTURES / 'invalid'}: {missing}"


def test_every_shape_has_swedish_and_english_messages(validator: Validator) -> None:
    shapes = validator.shapes
    bad = []
    for rule in _rules(shapes):
        node = URIRef(rule)
        holders = [node, *shapes.objects(node, SH.sparql)]
        langs = {m.language for h in holders for m in shapes.objects(h, SH.message)}  # type: ignore[attr-defined]
        if not {"sv", "en"} <= langs:
            bad.append(rule)
    assert not bad, f"shapes without both sv and en sh:message: {sorted(bad)}"


def test_shapes_pass_meta_shacl(validator: Validator) -> None:
    conforms, _graph, text = pyshacl.validate(
        Graph(), shacl_graph=validator.shapes, meta_shacl=True, inference="none"
    )
    assert conforms, text


def test_gyear_period_does_not_slip_past_the_date_check(validator: Validator) -> None:
    """A seven-year period written with xsd:gYear must still be a violation, not silence."""
    report = check(validator, FIXTURES / "invalid" / "period-start-gyear.ttl")
    assert not report.conforms
    assert {f.component for f in report.findings} == {"DatatypeConstraintComponent"}


def test_range_typed_activity_is_validated(validator: Validator) -> None:
    """An activity typed only through the range of mbl:activity is still checked."""
    g = Graph().parse(FIXTURES / "valid" / "minimal-promise.ttl", format="turtle")
    activity = URIRef("https://w3id.org/medborgarlofte/id/promise/0480-2025-2026/activity/1")
    g.remove((activity, None, None))
    (report,) = validator.validate([TriplesDocument.of(g)])
    assert ("violation", str(activity), PREFIXES["mblsh"] + "Activity-description") in {
        (f.severity.value, f.focus_node, f.source_shape) for f in report.findings
    }, report.render_human("en")


REPO = HERE.parent
BUNDLED_DOCUMENTS = [
    *sorted((REPO / "data" / "seeds").glob("*.ttl")),
    *EXAMPLE_FILES,
    *sorted((REPO / "data" / "followups").glob("*.yaml")),
]


def test_every_seed_example_and_followup_conforms_with_warnings_at_most(validator: Validator) -> None:
    """The bundled documents as `make run` imports them: the follow-ups with their promise (the
    example) as context, as the importer validates them."""
    from kg.authoring.followup import context_for

    docs = [load_document(p, minter=Minter()) for p in BUNDLED_DOCUMENTS]
    promises = {str(d.iri): d for d in docs if d.kind == "promise"}
    contexts = [context_for(d, store=None, minter=Minter(), local=promises) for d in docs]
    reports = validator.validate(docs, contexts)
    assert len(reports) == len(BUNDLED_DOCUMENTS) >= 9
    for path, report in zip(BUNDLED_DOCUMENTS, reports, strict=True):
        assert report.counts()["violation"] == 0, (path.name, report.render_human("en"))


def test_sparql_checks_are_cached_but_still_refuse_a_forbidden_query(validator: Validator) -> None:
    """kg.validation.sparql_helper remembers the checks a query passed, never one it failed."""
    from pyshacl.errors import ValidationFailure

    shapes = Graph()
    for t in validator.shapes:
        shapes.add(t)
    shapes.parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix mbl: <https://w3id.org/medborgarlofte/def/> .
        <urn:x:minus> a sh:NodeShape ; sh:targetClass mbl:CitizenPromise ;
            sh:sparql [ sh:select "SELECT $this WHERE { $this ?p ?o MINUS { $this a mbl:Activity } }" ] .
        """,
        format="turtle",
    )
    graph = Graph().parse(FIXTURES / "valid" / "minimal-promise.ttl", format="turtle")
    for _ in range(2):
        with pytest.raises(ValidationFailure, match="MINUS"):
            Validator(shapes=shapes).validate([TriplesDocument.of(graph)])
    assert validator.validate([TriplesDocument.of(graph)])[0].findings == []


def test_a_literal_where_a_node_belongs_is_each_stating_documents_finding(validator: Validator) -> None:
    """``dct:temporal "2025"`` makes the literal a focus node (pySHACL 0.40 on Oxigraph raised a
    TypeError on it: the validation ended as a bug). Two documents stating the same literal in
    one run each get the findings, and a third, valid one none: none is let through."""
    text = (FIXTURES / "invalid" / "period-literal.ttl").read_text(encoding="utf-8")
    bad = [
        Graph().parse(data=text.replace("0480-2025-2026", f"0480-20{y}-20{y + 1}"), format="turtle")
        for y in (21, 31)
    ]
    good = load_document(EXAMPLES / "nykoping-2025-2026.ttl", minter=Minter())
    reports = validator.validate([*(TriplesDocument.of(g) for g in bad), good])
    expected = expectations(FIXTURES / "invalid" / "period-literal.ttl")
    assert [found(r) for r in reports] == [expected, expected, set()], [r.render_human("en") for r in reports]
    assert [r.conforms for r in reports] == [False, False, True]
    assert '"2025"' in reports[0].render_human("en")
    assert (None, SH.focusNode, Literal("2025")) in reports[0].to_graph()
