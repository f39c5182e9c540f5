"""Sections under headings of one level, the later ones naming a priority area ("Trafiksäkerhet")
and the first one in words the vocabulary does not know ("Trygg stadskärna"): the first section is
an area's as its sibling is, and its promises are activities, not the introduction (they were left
out, "the introduction describes the promise"). Texts of our own writing."""

from __future__ import annotations

from kg.extract import extract_text

TEXT = """Medborgarlöfte Vimmerby 2025–2026

Vimmerby kommun och lokalpolisområde Vimmerby har kommit överens om följande löften.

{n1}Trygg stadskärna
{items1}
{n2}Trafiksäkerhet
{items2}"""

PROSE = (
    "\nPolisen ska patrullera i stadskärnan på fredags- och lördagskvällar.\n\n"
    "Kommunen ska anordna en trygghetsvandring i stadskärnan varje vår.\n",
    "\nPolisen ska genomföra hastighetskontroller på Stångågatan minst en gång i månaden.\n",
)
OUTLINE = (
    "1.1 Polisen ska patrullera i stadskärnan på fredags- och lördagskvällar.\n"
    "1.2 Kommunen ska anordna en trygghetsvandring i stadskärnan varje vår.\n",
    "2.1 Polisen ska genomföra hastighetskontroller på Stångågatan minst en gång i månaden.\n",
)


def _read(text: str) -> list[tuple[str, list[str], list[str]]]:
    result = extract_text(text, source_name="t.txt")
    return [
        (
            " ".join(a.description.split()[:3]),
            [r.label for r in a.responsible],
            [] if a.priority is None else result.priorities[a.priority].areas,
        )
        for a in result.activities
    ]


def test_a_section_beside_an_area_section_holds_activities() -> None:
    got = _read(TEXT.format(n1="", n2="", items1=PROSE[0], items2=PROSE[1]))
    assert [(word, actors) for word, actors, _ in got] == [
        ("Polisen ska patrullera", ["polisen"]),
        ("Kommunen ska anordna", ["kommunen"]),
        ("Polisen ska genomföra", ["polisen"]),
    ]
    assert got[0][2] == [] and got[2][2] and got[2][2][0].endswith("trafiksakerhet")


def test_an_outline_section_beside_an_area_section_holds_activities() -> None:
    got = _read(TEXT.format(n1="1. ", n2="\n2. ", items1=OUTLINE[0], items2=OUTLINE[1]))
    assert [actors for _, actors, _ in got] == [["polisen"], ["kommunen"], ["polisen"]]


def test_a_section_that_promises_nothing_stays_the_introduction() -> None:
    about = "\nMedborgarlöften är ett sätt att arbeta med tryggheten tillsammans med invånarna.\n"
    got = _read(
        TEXT.format(n1="", n2="", items1=about, items2=PROSE[1]).replace("Trygg stadskärna", "Om löftet")
    )
    assert [actors for _, actors, _ in got] == [["polisen"]]
