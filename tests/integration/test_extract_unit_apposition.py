"""A department in apposition after the municipality ("Kommunen, tekniska förvaltningen") is one
actor, the municipality's unit, as "Polisen, lokalpolisområde Kumla" is the police and "kommunens
tekniska förvaltning" the municipality's unit; a list ("Kommunen, socialtjänsten och polisen")
stays a list. A text of our own writing in the layout of a municipal page."""

from __future__ import annotations

import pytest
from rdflib import URIRef
from rdflib.namespace import ORG

from kg.extract import extract_text
from kg.extract.model import Party

TEXT = """Medborgarlöfte 2025–2026 för Kumla kommun

Kumla kommun och lokalpolisområde Örebro lovar att under 2025–2026 genomföra följande.

Det här ska vi göra

- {item}
"""
KUMLA = "https://w3id.org/medborgarlofte/id/org/kommun-1881"


@pytest.mark.parametrize(
    "item",
    [
        "Se över belysningen i centrum. Ansvarig: Kommunen, tekniska förvaltningen.",
        "Kommunen, tekniska förvaltningen, ska se över belysningen i centrum.",
    ],
)
def test_a_unit_in_apposition_to_the_municipality_is_one_actor(item: str) -> None:
    # gave two actors: the municipality and an owner-less "Tekniska förvaltningen"
    result = extract_text(TEXT.format(item=item), source_name="t.txt")
    [act] = result.activities
    [actor] = act.responsible
    assert (actor.party, actor.label, actor.owner) == (Party.local, "Tekniska förvaltningen", "1881")
    unit = URIRef(KUMLA + "/tekniska-forvaltningen")
    assert (unit, ORG.unitOf, URIRef(KUMLA)) in result.graph
    # stated by the text, so no assumption of whose unit it is
    assert not [a for a in result.assumptions if a.rule == "extract:unit-of-municipality"]


def test_a_list_of_the_municipality_a_unit_and_the_police_stays_three_actors() -> None:
    item = "Genomföra föräldraträffar. Ansvariga: Kommunen, socialtjänsten och polisen."
    [act] = extract_text(TEXT.format(item=item), source_name="t.txt").activities
    assert [a.label for a in act.responsible] == ["kommunen", "Socialtjänsten", "polisen"]


@pytest.mark.parametrize(
    ("item", "unit"),
    [
        ("Föräldramöten om droger i årskurs 7 (kommunen, skolan)", "Skolan"),
        ("Öppen verksamhet på helgkvällar (kommunen, fritidsgården)", "Fritidsgården"),
        ("Kommunen, skolan och polisen ska genomföra föräldramöten om droger.", "Skolan"),
    ],
)
def test_a_school_or_youth_centre_after_the_municipality_is_the_next_actor(item: str, unit: str) -> None:
    # an establishment the municipality runs does not restate it as its administration does:
    # "(kommunen, skolan)" gave the school alone, the municipality lost
    [act] = extract_text(TEXT.format(item=item), source_name="t.txt").activities
    assert [a.label for a in act.responsible][:2] == ["kommunen", unit]
