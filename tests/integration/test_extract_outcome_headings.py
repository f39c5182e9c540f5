"""An expected outcome under the heading that announces it, in the forms Swedish inflects it:
"Förväntat resultat" (neuter, as "resultat" is), "Förväntade resultat", "Förväntad effekt",
"Önskat läge"; a heading whose head noun is "mål" ("Mätbara mål") or that says what success is
("Så här vet vi att vi har lyckats"). A text of our own writing in the layout of a municipal page."""

from __future__ import annotations

import pytest

from kg.extract import extract_text

_TEXT = (
    "Medborgarlöfte 2023 – Lokalpolisområde Sundsvall och Timrå kommun\n\n"
    "Timrå kommun och Lokalpolisområde Sundsvall har kommit överens om följande medborgarlöfte "
    "för 2023.\n\n"
    "Våra löften\n\n"
    "Kommunen lovar att sanera klotter inom 24 timmar från anmälan.\n\n"
    "{heading}\n\n"
    "Minskad skadegörelse i Vivsta och färre ungdomar som får tag på alkohol.\n"
)


@pytest.mark.parametrize(
    "heading",
    [
        "Förväntat resultat",
        "Förväntade resultat",
        "Förväntad effekt",
        "Önskat läge",
        # "mål" as the heading's head noun, and what the work is to achieve ("lyckas")
        "Mätbara mål",
        "Våra mål:",
        "Så här vet vi att vi har lyckats",
    ],
)
def test_the_outcome_under_its_heading_is_an_outcome_not_an_activity(heading: str) -> None:
    result = extract_text(_TEXT.format(heading=heading), source_name="t.txt")
    assert [o.description for o in result.analysis.outcomes] == [
        "Minskad skadegörelse i Vivsta och färre ungdomar som får tag på alkohol."
    ]
    assert [a.description.split()[0] for a in result.activities] == ["Kommunen"]


def test_a_heading_that_wants_to_succeed_still_announces_activities() -> None:
    """ "För att lyckas ska vi:" heads what will be done, not what is to be achieved."""
    text = (
        "Medborgarlöfte 2025 för Arboga kommun\n\nFör att lyckas ska vi:\n\n"
        "- Polisen ska genomföra trafikkontroller varje månad.\n"
    )
    result = extract_text(text, source_name="t.txt")
    assert (len(result.activities), len(result.analysis.outcomes)) == (1, 0)
