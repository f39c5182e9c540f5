"""The ontology and the SKOS vocabularies as published artefacts, checked as a linked-data
reviewer would (W3C Best Practice Recipes, SKOS Reference, qSKOS): over every file, so that the
checks keep holding as files are added or changed.

The term-by-term completeness checks (labels and definitions in sv and en, one prefLabel per
language, notations, broader cycles) are in test_ontology.py and test_vocabulary.py; these are
the properties a consumer of the published files relies on beyond them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kg.namespaces import SKOS

REPO = Path(__file__).resolve().parent.parent.parent
VOCAB_DIR = REPO / "ontology" / "vocab"


@cache
def _vocabulary(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


# --- SKOS: the top concepts, both ways --------------------------------------------------------


@pytest.mark.parametrize("path", sorted(VOCAB_DIR.glob("*.ttl")), ids=lambda p: p.stem)
def test_top_concepts_are_stated_from_the_scheme_and_from_the_concept(path: Path) -> None:
    """skos:hasTopConcept and skos:topConceptOf are inverses (SKOS Reference S8), but a consumer
    without OWL reasoning (a SKOS browser, a SPARQL query ``?scheme skos:hasTopConcept ?c``) sees
    only what is stated: so each file states both, and the two agree."""
    g = _vocabulary(path)
    scheme = URIRef(f"https://w3id.org/medborgarlofte/vocab/{path.stem}")
    from_concepts = set(g.subjects(SKOS.topConceptOf, scheme))
    from_scheme = set(g.objects(scheme, SKOS.hasTopConcept))
    assert from_concepts, f"{path.name}: no top concept"
    assert not from_concepts - from_scheme, (
        f"{path.name}: skos:topConceptOf without the scheme's skos:hasTopConcept: "
        f"{sorted(map(str, from_concepts - from_scheme))}"
    )
    assert not from_scheme - from_concepts, (
        f"{path.name}: skos:hasTopConcept without the concept's skos:topConceptOf: "
        f"{sorted(map(str, from_scheme - from_concepts))}"
    )
    assert not {s for s in g.subjects(SKOS.hasTopConcept, None) if s != scheme}
