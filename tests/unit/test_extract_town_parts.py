"""A place's name of two words whose second is a noun of a town's part ("i Visby innerstad", "i
Säters stadskärna") is the activity's place; it was read as a genitive before its noun and lost.
A text of our own writing (the fifth round)."""

from __future__ import annotations

from kg.extract import extract_text

TEXT = """Medborgarlöfte för Säters kommun 2025

Lokalpolisområde Säter-Hedemora och Säters kommun lovar följande under 2025.

Trygghet i centrum

Polisen ska synas till fots i Visby innerstad varje fredag.
Kommunen ska se över belysningen i Säters stadskärna under våren.
"""


def test_a_name_ending_in_a_noun_of_a_towns_part_is_a_place() -> None:
    acts = extract_text(TEXT, source_name="sater.txt").analysis.activities
    assert [[p.name for p in a.places] for a in acts] == [["Visby innerstad"], ["Säters stadskärna"]]
