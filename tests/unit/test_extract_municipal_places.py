"""A place named by the municipality's genitive and a kind of place ("på Säters bibliotek",
"Säterskolan") is the activity's place; it was dropped for beginning with the municipality's
name, while the name alone ("i Säter") is the municipality, no place of an activity. A text of
our own writing (the fifth round)."""

from __future__ import annotations

from kg.extract import extract_text

TEXT = """Medborgarlöfte för Säters kommun 2025

Lokalpolisområde Säter-Hedemora och Säters kommun lovar följande under 2025.

Trygghet för unga

Kommunen ska anordna föräldramöten på Säters bibliotek varje termin.
Polisen ska besöka Säterskolan en gång i månaden.
Polisen ska synas i Säter varje helg.
"""


def test_a_place_named_by_the_municipalitys_genitive_is_a_place() -> None:
    acts = extract_text(TEXT, source_name="sater.txt").analysis.activities
    assert [[p.name for p in a.places] for a in acts] == [["Säters bibliotek"], ["Säterskolan"], []]
