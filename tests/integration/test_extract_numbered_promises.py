"""A promise laid out as numbered commitments under a title block: "MEDBORGARLÖFTE", the parties
as "Lokalpolisområde X – X kommun", "Löfte 1: …" headings, a lead-in and a list under each. A text
of our own writing in the layout of a municipal PDF."""

from __future__ import annotations

from kg.extract import extract_text

TEXT = """MEDBORGARLÖFTE
Lokalpolisområde Västervik – Västerviks kommun
Giltighetstid: 1 januari 2025 – 31 december 2026

Inledning
Medborgarlöften är en del av polisens arbetssätt för att öka tryggheten lokalt.

Löfte 1: Minskad narkotikaanvändning bland unga
Polisen och kommunen lovar att:
- genomföra föräldrautbildningen Effekt på samtliga högstadieskolor
- samverka i SSPF kring unga som riskerar att hamna i kriminalitet

Löfte 2 – Trafiksäkerhet vid skolorna
Polisen lovar att:
- genomföra hastighetskontroller på Hammarsvägen minst fyra gånger per termin
"""

AREA = "https://w3id.org/medborgarlofte/vocab/priority-area/"


def test_the_parties_line_under_the_title_gives_no_activity() -> None:
    # "Lokalpolisområde Västervik – Västerviks kommun" was read as actors – task: an activity
    # "Västerviks kommun Giltighetstid: …" for the police, and "MEDBORGARLÖFTE" as its priority
    result = extract_text(TEXT, source_name="t.txt")
    assert not any("Giltighetstid" in a.description for a in result.activities)
    assert [p.title for p in result.analysis.priorities] == [
        "Minskad narkotikaanvändning bland unga",
        "Trafiksäkerhet vid skolorna",
    ]


def test_a_numbered_promise_heading_is_the_priority_of_the_items_under_it() -> None:
    result = extract_text(TEXT, source_name="t.txt")
    priorities = result.analysis.priorities
    assert [p.areas for p in priorities] == [[AREA + "narkotika"], [AREA + "trafiksakerhet"]]
    assert [a.priority for a in result.activities] == [0, 0, 1]
    assert [a.actor_source for a in result.activities] == ["heading", "heading", "heading"]


def test_an_area_headings_label_is_not_part_of_the_priority_title() -> None:
    # "Prioriterat område: Trafiksäkerhet" was the priority's title, label included
    text = (
        "Medborgarlöfte 2025 Eslövs kommun\n\n"
        "Lokalpolisområde Eslöv och Eslövs kommun lovar att under 2025 arbeta med följande.\n\n"
        "Prioriterat område: Trafiksäkerhet\n\n"
        "- Polisen ska genomföra hastighetskontroller vid skolorna varje månad.\n\n"
        "Fokusområde 2 – Narkotika bland unga\n\n"
        "- Kommunen ska informera föräldrar om narkotika varje termin.\n"
    )
    result = extract_text(text, source_name="t.txt")
    assert [p.title for p in result.analysis.priorities] == ["Trafiksäkerhet", "Narkotika bland unga"]
    assert [p.passage.exact(result.text) for p in result.analysis.priorities] == [
        "Trafiksäkerhet",
        "Narkotika bland unga",
    ]
