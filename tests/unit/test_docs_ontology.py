"""docs/ontology.md is generated from the ontology and must stay in step with it."""

from __future__ import annotations

from rdflib import URIRef

from kg.namespaces import RDF, SKOS
from tools import docs_gen


def test_ontology_md_is_up_to_date() -> None:
    expected = docs_gen.render_markdown(*docs_gen.load())
    current = (docs_gen.DOCS / "ontology.md").read_text(encoding="utf-8")
    assert current == expected, "docs/ontology.md is stale: run `python -m tools.docs_gen`"
    assert docs_gen.main(["--check"]) == 0


def test_ontology_md_documents_every_term_and_concept() -> None:
    onto, vocab, vendor = docs_gen.load()
    text = docs_gen.render_markdown(onto, vocab, vendor)
    terms = {s for s in onto.subjects() if isinstance(s, URIRef) and str(s).startswith(docs_gen.MBL_NS)}
    missing = [t for t in terms if f"`{docs_gen.qname(t)}`" not in text]
    for concept in vocab.subjects(RDF.type, SKOS.Concept):
        slug = str(concept).rsplit("/", 1)[-1]
        if f"| `{slug}` |" not in text or str(vocab.value(concept, SKOS.prefLabel)) not in text:
            missing.append(concept)  # type: ignore[arg-type]
    assert not missing, missing


def test_class_diagram_shows_every_class() -> None:
    onto, _, vendor = docs_gen.load()
    dot = docs_gen.render_dot(onto, vendor)
    classes = [c for c in docs_gen._terms(onto, docs_gen._CLASS_TYPES)]
    assert classes
    for cls in classes:
        assert f'"{docs_gen.qname(cls)}" [label=<' in dot
    svg = (docs_gen.DOCS / "ontology.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "</svg>" in svg
    for cls in classes:
        assert docs_gen.qname(cls) in svg, f"docs/ontology.svg lacks {cls}: run `python -m tools.docs_gen`"
