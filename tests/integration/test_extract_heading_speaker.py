"""A section in which one party speaks: its heading names the party with the object first
("Det här lovar polisen", "Detta gör kommunen"; Swedish puts the verb second) or as the subject
("Polisen lovar"), and its sentences say "Vi kommer att …": "vi" is that party, not both. A text
of our own writing in the layout of a polisen.se page."""

from __future__ import annotations

import pytest

from kg.extract import extract_text

TEXT = """Medborgarlöfte för Hudiksvall 2025–2026

Polisen och Hudiksvalls kommun har tillsammans tagit fram ett medborgarlöfte för Hudiksvall.

{police}
Vi kommer att öka vår närvaro vid resecentrum under kvällar och helger.
Vi kommer att genomföra riktade insatser mot narkotikaförsäljning minst en gång i månaden.

{municipality}
Vi kommer att förbättra belysningen vid resecentrum under 2025.

Det här lovar vi tillsammans
Vi genomför trygghetsvandringar runt resecentrum varje höst.
"""


@pytest.mark.parametrize(
    ("police", "municipality"),
    [
        ("Det här lovar polisen", "Det här lovar kommunen"),
        ("Detta gör polisen", "Så här bidrar kommunen"),
        ("Polisen lovar", "Kommunen lovar"),
    ],
)
def test_we_under_a_party_heading_is_that_party(police: str, municipality: str) -> None:
    # every "Vi kommer att …" was read as both parties (joint), the heading's party lost
    text = TEXT.format(police=police, municipality=municipality)
    result = extract_text(text, source_name="t.txt")
    assert [([r.label for r in a.responsible], a.actor_source) for a in result.activities] == [
        (["polisen"], "heading"),
        (["polisen"], "heading"),
        (["kommunen"], "heading"),
        (["polisen", "kommunen"], "joint"),
    ]


def test_we_together_under_a_party_heading_is_both_parties() -> None:
    text = TEXT.format(police="Polisen lovar", municipality="Kommunen lovar").replace(
        "Vi kommer att förbättra", "Vi kommer gemensamt att förbättra"
    )
    result = extract_text(text, source_name="t.txt")
    assert [a.actor_source for a in result.activities] == ["heading", "heading", "joint", "joint"]


LETTER = """Till dig som bor i Gottsunda

Vi på Uppsala kommun och polisen i lokalpolisområde Uppsala vill berätta vad vi kommer att göra
för att det ska bli tryggare i Gottsunda under 2025. Det här är vårt medborgarlöfte.

Det här kommer vi att göra:

Polisen kommer att finnas på plats i Gottsunda centrum varje kväll.

Kommunen kommer att byta ut belysningen i gångtunnlarna under 2025.
"""


def test_a_heading_in_the_future_with_kommer_att_opens_the_activities() -> None:
    # "Det här kommer vi att göra:" opened nothing ("Det här ska vi göra" did), so the letter's
    # opening ("… vill berätta vad vi kommer att göra …") was read as an activity of both parties
    result = extract_text(LETTER, source_name="t.txt")
    assert [([r.label for r in a.responsible], a.actor_source) for a in result.activities] == [
        (["polisen"], "subject"),
        (["kommunen"], "subject"),
    ]


def test_items_under_a_heading_of_both_parties_together_are_both_parties_by_the_heading() -> None:
    # "Det här gör vi tillsammans" named no one, so the items' actors were the default for an
    # item that names no one (standardvärde, "the text names no one responsible"), not the heading's
    text = (
        "Vetlanda kommun och polisen – medborgarlöfte 2025\n\n"
        "Vetlanda kommun och lokalpolisområde Höglandet har kommit överens om medborgarlöftet för 2025.\n\n"
        "Det här gör polisen\n- Genomför hastighetskontroller vid Njudungsgymnasiet varje vecka.\n\n"
        "Det här gör vi tillsammans\n– Genomför en trygghetsvandring i centrum varje höst.\n"
    )
    result = extract_text(text, source_name="t.txt")
    assert [([r.label for r in a.responsible], a.actor_source) for a in result.activities] == [
        (["polisen"], "heading"),
        (["polisen", "kommunen"], "joint"),
    ]
