"""A promise that states its goals first ("Mål", with an indicator) and then its focus area and
what each party undertakes under headings ("Polisen åtar sig att:"). A text of our own writing in
the layout of a municipal PDF."""

from __future__ import annotations

from kg.extract import extract_text

TEXT = """Medborgarlöfte för Skövde kommun 2024–2025

Skövde kommun och lokalpolisområde Skövde har kommit överens om följande medborgarlöfte.

Mål
Andelen invånare som känner sig trygga i centrala Skövde kvällstid ska öka.

Fokusområde: Trygghet i Skövde centrum

Polisen åtar sig att:
- patrullera till fots i centrum under helgerna
- genomföra krogkontroller minst en gång i månaden

Kommunen åtar sig att:
- utöka kameraövervakningen vid resecentrum
"""

AREA = "https://w3id.org/medborgarlofte/vocab/priority-area/"


def test_an_actor_heading_after_the_goals_opens_the_activities() -> None:
    # the items under "Polisen åtar sig att:" were read as part of the goals and dropped
    result = extract_text(TEXT, source_name="t.txt")
    assert [([r.label for r in a.responsible], a.actor_source) for a in result.activities] == [
        (["polisen"], "heading"),
        (["polisen"], "heading"),
        (["kommunen"], "heading"),
    ]
    assert [o.description for o in result.analysis.outcomes] == [
        "Andelen invånare som känner sig trygga i centrala Skövde kvällstid ska öka."
    ]


def test_a_focus_area_heading_after_the_goals_is_the_priority_of_what_follows() -> None:
    result = extract_text(TEXT, source_name="t.txt")
    assert [(p.title, p.areas) for p in result.analysis.priorities] == [
        ("Trygghet i Skövde centrum", [AREA + "trygghet-offentlig-miljo"])
    ]
    assert [a.priority for a in result.activities] == [0, 0, 0]
