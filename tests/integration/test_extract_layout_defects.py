"""Defects that the layout variants of the development documents showed
(tests/integration/test_extract_layout_variants.py): each is the same content in a layout a real
publishing tool gives, which the extractor read differently from the original. Each test holds a
small text of our own writing in the layout concerned."""

from __future__ import annotations

from kg.extract import extract_text
from kg.extract.summary import summarise
from kg.extract.text import BlockKind, normalise, segment

_HEAD = (
    "Medborgarlöfte 2025 för Tranås kommun\n\n"
    "Tranås kommun och polisen har skrivit under medborgarlöften för 2025.\n\n"
)


def _areas(text: str) -> list[list[str | None]]:
    return summarise(extract_text(text, source_name="t.txt").analysis)["priority_areas"]


def test_a_numbered_heading_wrapped_onto_a_second_line_is_still_a_heading() -> None:
    """A PDF's text layer wraps a long numbered section heading: "1. Förebyggande arbete mot …
    i ANDT" / "(alkohol, narkotika …) frågor". It is one heading, not a list item."""
    text = (
        _HEAD + "1.  Förebyggande arbete mot barn, unga och unga vuxna i ANDT\n"
        "   (alkohol, narkotika, dopning, tobak) frågor\n\n"
        "Droganvändningen har ökat bland unga vuxna i kommunen.\n\n"
        "Planerade åtgärder\n\n"
        "- Polisen ska genomföra riktade insatser mot narkotikaförsäljning varje månad.\n"
        "- Kommunen ska informera vårdnadshavare två gånger per år.\n"
    )
    heading = [b for b in segment(normalise(text)) if b.text.startswith("Förebyggande")]
    assert [b.kind for b in heading] == [BlockKind.heading]
    assert _areas(text) == [["alkohol", "doping", "narkotika", "tobak"]]  # ANDT, no gambling


def test_a_numbered_item_with_its_responsible_line_is_not_a_heading() -> None:
    """The wrapped heading above is one line of text; an item followed by a line of its own
    ("Ansvarig: kommunen") after a full stop stays an item."""
    text = (
        _HEAD + "Det här ska vi göra\n\n"
        "4. Förbättra belysningen längs gång- och cykelvägar som upplevs otrygga.\n"
        "Ansvarig: kommunen\n\n"
        "Löftet följs upp två gånger per år.\n"
    )
    (item,) = [b for b in segment(normalise(text)) if b.text.startswith("Förbättra")]
    assert item.kind is BlockKind.bullet


def test_a_numbered_heading_right_after_a_numbered_list_is_a_heading() -> None:
    """Numbered sections with numbered lists under them: "2. Trafiksäkerhet vid skolorna" after
    items 1 and 2 does not continue that list (its number is not the next), it is section 2."""
    text = (
        _HEAD + "1. Trygghet i centrum på kvällstid\n\n"
        "Många invånare upplever otrygghet på torget under kvällar och helger.\n\n"
        "Planerade åtgärder\n\n"
        "  1. Polisen ökar närvaron i centrum på fredagskvällar.\n"
        "  2. Kommunen förbättrar belysningen i stadsparken.\n\n"
        "2. Trafiksäkerhet vid skolorna\n\n"
        "Föräldrar oroar sig för höga hastigheter utanför skolorna.\n\n"
        "Planerade åtgärder\n\n"
        "  1. Polisen genomför hastighetskontroller vid skolorna varje månad.\n"
        "  2. Kommunen bygger om två övergångsställen vid Ängaskolan.\n"
    )
    result = extract_text(text, source_name="t.txt")
    assert [p.title for p in result.priorities] == [
        "Trygghet i centrum på kvällstid",
        "Trafiksäkerhet vid skolorna",
    ]
    assert len(result.activities) == 4
    # a list that goes on (3 after 2) is still one list
    items = segment(normalise("Vi lovar:\n\n1. Polisen patrullerar.\n2. Kommunen städar.\n\n3. Vi möts\n"))
    assert [b.kind for b in items][1:] == [BlockKind.bullet] * 3


def test_a_signature_block_set_as_a_table_gives_both_signatories() -> None:
    """A web page sets the two signatories side by side in a table, whose rows the HTML reader
    writes as cells separated by " | ", like two columns of a PDF separated by spaces."""
    text = (
        _HEAD + "Det här lovar vi\n\n"
        "- Polisen ska genomföra trafikkontroller vid skolorna varje månad.\n\n"
        "Tranås 2025-03-05 | Tranås 2025-03-06\n"
        "Lisa Holmberg | Erik Sandell\n"
        "Lokalpolisområdeschef | Kommunstyrelsens ordförande\n"
    )
    sigs = summarise(extract_text(text, source_name="t.txt").analysis)["signatories"]
    assert [(s["name"], s["post"], s["date"]) for s in sigs] == [
        ("Lisa Holmberg", "lokalpolisomradeschef", "2025-03-05"),
        ("Erik Sandell", "kommunstyrelsens-ordforande", "2025-03-06"),
    ]


def test_a_police_area_named_in_a_heading_in_capitals_is_the_same_area() -> None:
    """ "SVEDALA KOMMUN OCH LOKALPOLISOMRÅDE TRELLEBORG LOVAR:" names the area the text names
    as "Lokalpolisområde Trelleborg"; in capitals the next word ("LOVAR") is not part of the name
    and "OCH" is no area."""
    text = (
        "Medborgarlöfte 2020\n\n"
        "Lokalpolisområde Trelleborg och Svedala kommun lovar att genomföra konkreta åtgärder.\n\n"
        "SVEDALA KOMMUN OCH LOKALPOLISOMRÅDE TRELLEBORG LOVAR:\n\n"
        "- Polisen genomför fotpatrullering i centrum varje vecka.\n"
        "- Polisen och kommunen genomför trygghetsvandringar två gånger per år.\n"
    )
    result = extract_text(text, source_name="t.txt")
    assert result.analysis.police_area is not None
    assert result.analysis.police_area.name == "Lokalpolisområde Trelleborg"


def test_typographic_ligatures_of_a_pdf_are_read_as_their_letters() -> None:
    """A PDF's text layer often keeps the "ﬁ" ligature: "Traﬁksäkerhet" is "Trafiksäkerhet"."""
    assert normalise("Tra\ufb01ksäkerhet och \ufb02ygplats\n") == "Trafiksäkerhet och flygplats\n"
    text = _HEAD + "Tra\ufb01ksäkerhet\n\n- Polisen ska göra hastighetskontroller vid skolorna varje månad.\n"
    assert _areas(text) == [["trafiksakerhet"]]


def test_a_headline_wrapped_onto_a_second_line_is_still_a_heading() -> None:
    """A PDF sets a long headline in a large font and wraps it: "Droger, trafiksäkerhet och
    skadegörelse är fokus i nytt" / "medborgarlöfte" is the page's title, whose continuation
    goes on in lower case; a paragraph that promises something is no heading, wrapped or not."""
    text = (
        "Droger, trafiksäkerhet och skadegörelse är fokus i nytt\n"
        "medborgarlöfte\n\n"
        "Polisen och Hallstahammars kommun har skrivit under medborgarlöftet för 2023.\n\n"
        "Det här ska vi åstadkomma under 2023\n\n"
        "- Hallstahammars kommun och polisen ska arbeta mot trafikstörningar varje helg.\n"
    )
    blocks = segment(normalise(text))
    assert (blocks[0].kind, blocks[0].level) == (BlockKind.heading, 1)
    assert blocks[0].text == "Droger, trafiksäkerhet och skadegörelse är fokus i nytt medborgarlöfte"
    prose = segment(normalise("Inledning\n\nPolisen ska patrullera i centrum\nvarje helg\n"))
    assert prose[-1].kind is BlockKind.prose


def test_a_title_wrapped_after_a_preposition_is_one_heading() -> None:
    """ "Medborgarlöfte 2024–2025 för" / "Arboga, Köping och Kungsör": a line that ends in a
    preposition does not end a heading, so the two lines are one title (not two headings);
    two short headings written one under the other stay two."""
    blocks = segment(
        normalise("Medborgarlöfte 2024–2025 för\nArboga, Köping och Kungsör\n\nPolisen lovar.\n")
    )
    assert (blocks[0].kind, blocks[0].text) == (
        BlockKind.heading,
        "Medborgarlöfte 2024–2025 för Arboga, Köping och Kungsör",
    )
    two = segment(normalise("Prioriterade områden\nNarkotika\n- Polisen ska söka med hund varje månad.\n"))
    assert [b.text for b in two if b.kind is BlockKind.heading] == ["Prioriterade områden", "Narkotika"]
