"""A joint promise's units, signatures and activities as the text ties them to one municipality or
to each: "socialtjänsten i båda kommunerna" is one unit in each municipality, a signature line
ending in "Hedemora kommun" signs for Hedemora under a date line over the whole block, and
``--explain`` says which municipality "kommunen" under "Hedemora kommun ska:" is."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from kg.extract import Extraction, extract_file
from kg.extract.explain import explain
from kg.namespaces import MBL, ORG

AVESTA, HEDEMORA = "2084", "2083"
ID = "https://w3id.org/medborgarlofte/id/org/kommun-"

TEXT = """Medborgarlöfte 2025–2026
Lokalpolisområde Södra Dalarna, Avesta kommun och Hedemora kommun

Polisen och kommunerna i Avesta och Hedemora har tagit fram en gemensam lägesbild.

Prioriterade områden
- Narkotika bland unga
- Trygghet i centrummiljöer

Avesta kommun ska:
- Genomföra trygghetsvandringar två gånger per år.

Hedemora kommun ska:
- Anordna nattvandringar med föräldrar varje fredag under sommarlovet.

Gemensamt:
- Polisen och socialtjänsten i båda kommunerna genomför SSPF-möten varje månad.
- {third}

Uppföljning
Löftet följs upp två gånger per år.

Avesta den 3 februari 2025

Anna Andersson, kommunstyrelsens ordförande, Avesta kommun
Bertil Berg, kommunstyrelsens ordförande, Hedemora kommun
Cecilia Ceder, lokalpolisområdeschef, Lokalpolisområde Södra Dalarna
"""


def _extract(tmp_path: Path, third: str = "Polisen håller öppet hus varje termin.") -> Extraction:
    path = tmp_path / "avesta-hedemora.txt"
    path.write_text(TEXT.format(third=third), encoding="utf-8")
    return extract_file(path)


def _activity(graph: Graph, promise: URIRef, order: int) -> URIRef:
    found = [a for a in graph.objects(promise, MBL.activity) if graph.value(a, MBL.order) == Literal(order)]
    assert len(found) == 1
    return URIRef(found[0])


def test_a_unit_in_both_municipalities_is_each_ones_unit(tmp_path: Path) -> None:
    result = _extract(tmp_path)
    graph, promise = result.graph, result.iri
    actors = set(graph.objects(_activity(graph, promise, 3), MBL.responsibleActor))
    units = {URIRef(f"{ID}{AVESTA}/socialtjansten"), URIRef(f"{ID}{HEDEMORA}/socialtjansten")}
    assert units <= actors
    assert {graph.value(u, ORG.unitOf) for u in units} == {URIRef(ID + AVESTA), URIRef(ID + HEDEMORA)}
    # stated, so neither unknown nor assumed
    rules = {a.rule for a in result.analysis.assumptions}
    assert "extract:joint-unit-owner-not-stated" not in rules


@pytest.mark.parametrize(
    "third",
    [
        "Kommunernas socialtjänst genomför hembesök varje månad.",
        "Respektive kommuns socialtjänst genomför hembesök varje månad.",
        "Socialtjänsten i respektive kommun genomför hembesök varje månad.",
    ],
)
def test_each_municipalitys_unit_in_the_genitive_or_distributive(tmp_path: Path, third: str) -> None:
    result = _extract(tmp_path, third)
    graph, promise = result.graph, result.iri
    actors = set(graph.objects(_activity(graph, promise, 4), MBL.responsibleActor))
    owners = {graph.value(a, ORG.unitOf) for a in actors}
    assert {URIRef(ID + AVESTA), URIRef(ID + HEDEMORA)} <= owners
    rules = {a.rule for a in result.analysis.assumptions}
    assert "extract:joint-unit-owner-not-stated" not in rules


def test_a_unit_of_one_municipality_is_not_made_each_ones(tmp_path: Path) -> None:
    result = _extract(tmp_path, "Socialtjänsten i Hedemora genomför hembesök varje månad.")
    graph, promise = result.graph, result.iri
    actors = set(graph.objects(_activity(graph, promise, 4), MBL.responsibleActor))
    assert URIRef(f"{ID}{HEDEMORA}/socialtjansten") in actors
    assert URIRef(f"{ID}{AVESTA}/socialtjansten") not in actors


def test_a_signature_signs_for_the_municipality_on_its_own_line(tmp_path: Path) -> None:
    """The date line above the block dates all three; the second line's passage then spans the
    first, which names Avesta: its own organisation decides."""
    result = _extract(tmp_path)
    graph, promise = result.graph, result.iri
    signed = {}
    for s in graph.objects(promise, MBL.signature):
        name = graph.value(graph.value(s, MBL.signatory), URIRef("http://schema.org/name"))
        signed[str(name)] = graph.value(s, MBL.signedFor)
    assert signed["Anna Andersson"] == URIRef(ID + AVESTA)
    assert signed["Bertil Berg"] == URIRef(ID + HEDEMORA)


def test_explain_says_which_municipality_the_heading_names(tmp_path: Path) -> None:
    text = explain(_extract(tmp_path).analysis)
    lines = text.splitlines()
    second = next(line for line in lines if line.startswith("Aktivitet / activity 2 "))
    assert "kommunen (Hedemora kommun) [heading]" in second
    third = next(line for line in lines if line.startswith("Aktivitet / activity 3 "))
    assert "Socialtjänsten (i varje kommun / in each municipality)" in third
