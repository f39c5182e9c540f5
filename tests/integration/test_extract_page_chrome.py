"""A PDF's text layer keeps the running header a word processor repeats on every page
("Medborgarlöfte 2025 | Hudiksvalls kommun | Sida 2 av 3"), between paragraphs, right above a
heading or inside a list. A text of our own writing in that layout."""

from __future__ import annotations

from kg.extract import extract_text

TEXT = """Medborgarlöfte 2025
Hudiksvalls kommun och lokalpolisområde Hudiksvall

Medborgarlöfte 2025 | Hudiksvalls kommun
Hudiksvalls kommun och polisen har tagit fram detta medborgarlöfte tillsammans.

Medborgarlöfte 2025 | Hudiksvalls kommun | Sida 2 av 3
Trygghet i den offentliga miljön

Polisen ska
• genomföra fotpatrullering i centrala Hudiksvall varje fredag
• delta i trygghetsvandringar

Narkotika bland unga

Polisen ska
• genomföra narkotikasök med hund på gymnasieskolan minst en gång per termin

Medborgarlöfte 2025 | Hudiksvalls kommun | Sida 3 av 3
• informera vårdnadshavare vid föräldramöten i årskurs 7
"""

AREA = "https://w3id.org/medborgarlofte/vocab/priority-area/"


def test_a_running_header_is_no_text_of_the_promise() -> None:
    # the header swallowed the heading below it: the area "Trygghet i den offentliga miljön"
    # was lost and its activities stood under no priority
    result = extract_text(TEXT, source_name="t.txt")
    assert [(p.title, p.areas) for p in result.analysis.priorities] == [
        ("Trygghet i den offentliga miljön", [AREA + "trygghet-offentlig-miljo"]),
        ("Narkotika bland unga", [AREA + "narkotika"]),
    ]
    assert [a.priority for a in result.activities] == [0, 0, 1, 1]
    assert "Sida" not in result.explain()


def test_a_table_row_with_a_number_is_no_running_header() -> None:
    table = (
        "Medborgarlöfte Hudiksvall 2025\n\n"
        "| Aktivitet | Ansvarig | Antal |\n|---|---|---|\n"
        "| Trafikkontroller vid skolorna | Polisen | 2 av 3 |\n"
        "| Trygghetsvandringar | Kommunen | 2 av 3 |\n"
    )
    result = extract_text(table, source_name="t.md")
    assert len(result.activities) == 2
