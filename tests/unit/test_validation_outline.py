"""The validator reads only an outline of the ontology (issue 19: the whole graph, vendored
vocabularies and their definitions included, was most of the validator's build): the outline
tells it exactly what the whole graph does."""

from __future__ import annotations

from kg.validation.context import (
    described_iris,
    load_graph,
    ontology_files,
    ontology_outline,
    range_classes,
    superclass_closure,
    term_labels,
)


def test_the_outline_tells_what_the_whole_ontology_tells() -> None:
    whole = load_graph(ontology_files(), contexts=False)
    outline, described = ontology_outline(ontology_files())
    assert len(outline) < len(whole) / 2  # most of it is left out
    assert superclass_closure(outline) == superclass_closure(whole)
    assert range_classes(outline) == range_classes(whole)
    assert term_labels(outline) == term_labels(whole)
    assert described == described_iris(whole)
    assert superclass_closure(whole) and range_classes(whole) and term_labels(whole) and described
