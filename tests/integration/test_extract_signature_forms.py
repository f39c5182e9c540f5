"""A signature block set as a form, each signatory's fields labelled ("Ort och datum: Kumla
2025-03-01", "Namn: Anna Berg", "Titel: Kommunstyrelsens ordförande, Kumla kommun"): the labels
are the form's markup, the values the signature (no signature was read: a labelled line was no
name, post or organisation). Texts of our own writing."""

from __future__ import annotations

from kg.extract import extract_text

TEXT = """Medborgarlöfte 2025 Kumla kommun och lokalpolisområde Kumla

Polisen åtar sig att:
• genomföra trafikkontroller vid skolorna varje månad.

Underskrifter

Ort och datum: Kumla 2025-03-01
Namn: Anna Berg
Titel: Kommunstyrelsens ordförande, Kumla kommun

Ort och datum: Kumla 2025-03-04
Namn: Per Ek
Befattning: Lokalpolisområdeschef, Lokalpolisområde Kumla
"""


def test_a_signature_form_gives_each_signatory_with_their_post_party_and_date() -> None:
    x = extract_text(TEXT, source_name="t.txt")
    assert [(s.name, s.post, str(s.party), s.place, str(s.date)) for s in x.signatures] == [
        ("Anna Berg", "Kommunstyrelsens ordförande", "municipality", "Kumla", "2025-03-01"),
        ("Per Ek", "Lokalpolisområdeschef", "police", "Kumla", "2025-03-04"),
    ]
    first = x.signatures[0]
    assert x.text[first.passage.start : first.passage.end] == (
        "Ort och datum: Kumla 2025-03-01\nNamn: Anna Berg\nTitel: Kommunstyrelsens ordförande, Kumla kommun"
    )
