"""A heading that asks how an area's problem is met ("Hur ska polisen öka tryggheten i
Markbacken?") is a priority titled with the area's words to the end of their clause
("Tryggheten i Markbacken"), not with the question. A text of our own writing (the fifth
round)."""

from __future__ import annotations

from kg.extract import extract_text

TEXT = """Medborgarlöfte för Säters kommun 2025

Lokalpolisområde Säter-Hedemora och Säters kommun lovar följande under 2025.

Hur ska polisen öka tryggheten i Markbacken?

Polisen ska genomföra fotpatruller i Markbacken varje fredag.

Varför trafiksäkerhet?

Kommunen ska bygga om övergångsställena vid skolorna under 2025.
"""


def test_a_question_heading_is_titled_with_its_areas_words() -> None:
    analysis = extract_text(TEXT, source_name="sater.txt").analysis
    assert [p.title for p in analysis.priorities] == ["Tryggheten i Markbacken", "Trafiksäkerhet"]
    assert [a.priority for a in analysis.activities] == [0, 1]
