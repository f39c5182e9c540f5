"""A place's name of two words whose second is a noun of the land in lower case ("i Tjärna
ängar", "vid Kista gård") is the activity's place; it was read as a genitive before its noun, as
"i Laxås skolor" is, and lost. "i Brottsförebyggande rådet" stays no place. A text of our own
writing (the fifth round)."""

from __future__ import annotations

from kg.extract import extract_text

TEXT = """Medborgarlöfte för Säters kommun 2025

Lokalpolisområde Säter-Hedemora och Säters kommun lovar följande under 2025.

Trygghet i bostadsområden

Polisen ska genomföra trygghetsvandringar i Tjärna ängar en gång per månad.
Kommunen ska ordna en fritidsaktivitet vid Kista gård varje lördag.
Kommunen ska se över belysningen i Laxås skolor.
Polisen ska delta i Brottsförebyggande rådet.
"""


def test_a_name_ending_in_a_noun_of_the_land_is_a_place() -> None:
    acts = extract_text(TEXT, source_name="sater.txt").analysis.activities
    assert [[p.name for p in a.places] for a in acts] == [["Tjärna ängar"], ["Kista gård"], [], []]
