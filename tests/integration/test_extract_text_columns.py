"""Two columns side by side in a plain text, as a PDF's text written out with its layout kept
gives a page set in two columns: each line holds a line of the left column, a wide gap and a line
of the right one. A text of our own writing in that layout."""

from __future__ import annotations

from kg.extract import extract_text

TEXT = """Medborgarlöfte 2025 – Mora kommun

Mora kommun och lokalpolisområde Mora har kommit överens om ett medborgarlöfte för 2025.

Polisen lovar att:                              Kommunen lovar att:
- patrullera i Mora centrum varje                - förbättra belysningen vid
  fredagskväll under sommaren                      Vasaparken under våren
- genomföra narkotikasök med hund                - erbjuda föräldrautbildning
  på Mora gymnasium en gång per termin             för föräldrar i årskurs 6

Mora den 15 januari 2025

Anders Eriksson                                  Karin Dahl
Kommunstyrelsens ordförande                      Lokalpolisområdeschef
"""


def test_two_lists_side_by_side_are_read_column_by_column() -> None:
    # read across, each item joined the police's words with the municipality's ("patrullera i
    # Mora centrum varje förbättra belysningen vid fredagskväll …") and the municipality's two
    # items were lost
    result = extract_text(TEXT, source_name="t.txt")
    got = [(a.description, [r.label for r in a.responsible]) for a in result.activities]
    assert got == [
        ("patrullera i Mora centrum varje fredagskväll under sommaren", ["polisen"]),
        ("genomföra narkotikasök med hund på Mora gymnasium en gång per termin", ["polisen"]),
        ("förbättra belysningen vid Vasaparken under våren", ["kommunen"]),
        ("erbjuda föräldrautbildning för föräldrar i årskurs 6", ["kommunen"]),
    ]
    first = result.activities[2].passage
    assert result.text[first.start : first.start + 9] == "förbättra"


def test_a_signature_block_in_two_columns_is_left_to_the_signature_reader() -> None:
    result = extract_text(TEXT, source_name="t.txt")
    assert [(s.name, s.post) for s in result.signatures] == [
        ("Anders Eriksson", "Kommunstyrelsens ordförande"),
        ("Karin Dahl", "Lokalpolisområdeschef"),
    ]
