"""An outline: numbered items ("1)", "2)") with lettered sub-items ("a)", "b)") at the same
margin, as a word processor's outline numbering comes out of a PDF or a page. The lettered items
are the activities; a numbered title that names an area is their priority. A text of our own
writing in the layout of a municipal PDF."""

from __future__ import annotations

from kg.extract import extract_text

TEXT = """Medborgarlöften 2025 – Mora kommun och polisen

Våra löften

1) Trygg skolväg
a) Hastighetskontroller vid Morkarlbyskolan varje vecka under terminerna. Ansvar: polisen
b) Ny gångbana längs Vasagatan under våren. Ansvar: kommunen

2) Minska narkotikan bland unga
a) Drogförebyggande lektioner i årskurs 7–9 varje termin. Ansvar: kommunen och polisen
b) Regelbundna tillsynsbesök på krogar och festlokaler. Ansvar: kommunen
"""

AREA = "https://w3id.org/medborgarlofte/vocab/priority-area/"


def test_lettered_items_under_a_numbered_item_are_its_activities() -> None:
    # the numbered titles were activities of both parties (by default) and "Minska narkotikan
    # bland unga" a priority inferred from the activities
    result = extract_text(TEXT, source_name="t.txt")
    assert [a.description.split()[0] for a in result.activities] == [
        "Hastighetskontroller",
        "Ny",
        "Drogförebyggande",
        "Regelbundna",
    ]
    assert "default" not in [a.actor_source for a in result.activities]


def test_a_numbered_title_naming_an_area_is_the_priority_of_its_items() -> None:
    result = extract_text(TEXT, source_name="t.txt")
    assert [(p.title, p.areas) for p in result.analysis.priorities] == [
        ("Minska narkotikan bland unga", [AREA + "narkotika"])
    ]
    assert [a.priority for a in result.activities] == [None, None, 0, 0]
    assert result.analysis.priorities[0].rule == ""  # stated, not inferred
