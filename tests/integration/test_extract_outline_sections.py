"""A promise set as a word processor's outline: numbered section headings ("1.", "2.1",
"2.1.1 Aktiviteter") each on the line right above its text, a table of contents with dot leaders,
and an appendix. Texts of our own writing in the layout of a municipal PDF's text layer."""

from __future__ import annotations

from kg.extract import extract_text

OUTLINE = """MEDBORGARLÖFTE PITEÅ 2025

1. Bakgrund
Piteå kommun och lokalpolisområde Piteå har tagit fram detta löfte för 2025.

2. Prioriterade områden
2.1 Trafiksäkerhet
2.1.1 Bakgrund
Många invånare upplever att fordon kör för fort på Sundsgatan.

2.1.2 Aktiviteter
a) Polisen genomför hastighetskontroller på Sundsgatan minst två gånger i månaden.
b) Kommunen sätter upp hastighetsdisplayer på Storgatan.

2.2 Trygghet i centrum
2.2.1 Aktiviteter
a) Kommunen ser över belysningen i Badhusparken.

3. Uppföljning
Löftet följs upp varje tertial i samverkansgruppen.
"""

SECTIONS = """Medborgarlöfte
Östersunds kommun och lokalpolisområde Östersund
2025

Innehåll
1 Inledning ............................................. 2
2 Våra löften ........................................... 3
3 Uppföljning ........................................... 4

1 Inledning
Östersunds kommun och polisen har kommit överens om detta medborgarlöfte.

2 Våra löften
2.1 Trygghet på Stortorget
Polisen ska genomföra fotpatrullering på Stortorget varje fredag.
Kommunen ska utöka kameraövervakningen på Stortorget.

3 Uppföljning
Löftet följs upp tre gånger per år i Brottsförebyggande rådet.
"""

AREA = "https://w3id.org/medborgarlofte/vocab/priority-area/"


def test_a_numbered_title_above_its_text_is_a_heading_not_an_item() -> None:
    # "3. Uppföljning" / "Löftet följs upp …" was one list item: an activity of both parties
    result = extract_text(OUTLINE, source_name="t.txt")
    assert [result.text[a.passage.start : a.passage.end].split(" ")[0] for a in result.activities] == [
        "Polisen",
        "Kommunen",
        "Kommunen",
    ]
    plan = result.analysis.followup
    assert plan is not None and plan.frequency is not None and plan.frequency.phrase == "varje tertial"


def test_an_outline_number_nests_the_heading_under_its_parent() -> None:
    # "2.1.1 Bakgrund" closed the area "2.1 Trafiksäkerhet": its activities had no priority
    result = extract_text(OUTLINE, source_name="t.txt")
    assert [(p.title, p.areas) for p in result.analysis.priorities] == [
        ("Trafiksäkerhet", [AREA + "trafiksakerhet"]),
        ("Trygghet i centrum", [AREA + "trygghet-offentlig-miljo"]),
    ]
    assert [a.priority for a in result.activities] == [0, 0, 1]


def test_outline_headings_on_the_lines_above_a_paragraph_are_headings() -> None:
    # "2 Våra löften" / "2.1 Trygghet på Stortorget" / "Polisen ska …" was one paragraph of the
    # introduction, and its two activities were lost
    result = extract_text(SECTIONS, source_name="t.txt")
    assert [([r.label for r in a.responsible], a.priority) for a in result.activities] == [
        (["polisen"], 0),
        (["kommunen"], 0),
    ]
    assert [p.title for p in result.analysis.priorities] == ["Trygghet på Stortorget"]


def test_a_table_of_contents_is_not_read() -> None:
    # the entry "3 Uppföljning ....... 4" began the follow-up plan's passage at the contents
    result = extract_text(SECTIONS, source_name="t.txt")
    plan = result.analysis.followup
    assert plan is not None
    assert (
        result.text[plan.passage.start : plan.passage.end]
        == "Löftet följs upp tre gånger per år i Brottsförebyggande rådet."
    )
