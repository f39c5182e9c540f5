"""How promises write a commitment. The reflexive "åta sig" (undertake) in the forms Swedish gives
it: "Polisen åtar sig att:", "Vi åtar oss att:" and, with an adverbial first (the verb second, its
subject after it), "Gemensamt åtar vi oss att:"; a heading in any of them says who does the items
under it. And the present tense under the promises: "Polisen genomför kontroller …" commits as
"Polisen ska genomföra …" does. Texts of our own writing in the layouts of polisen.se and
municipal pages."""

from __future__ import annotations

import pytest

from kg.extract import extract_text

_HEAD = (
    "Medborgarlöfte för Hudiksvalls kommun 2024–2025\n\n"
    "Lokalpolisområde Hudiksvall och Hudiksvalls kommun har tillsammans tagit fram detta "
    "medborgarlöfte.\n\n"
    "Polisen åtar sig att:\n"
    "• Vara synliga vid busstationen fredag och lördag kvällar.\n\n"
)


@pytest.mark.parametrize(
    "heading", ["Gemensamt åtar vi oss att:", "Vi åtar oss att:", "Tillsammans åtar vi oss att:"]
)
def test_a_heading_that_undertakes_jointly_gives_its_items_to_both_parties(heading: str) -> None:
    text = _HEAD + f"{heading}\n• Genomföra två trygghetsvandringar per år i centrum.\n"
    acts = extract_text(text, source_name="t.txt").activities
    assert [a.actor_source for a in acts] == ["heading", "joint"]
    walk = acts[1]
    assert walk.description.startswith("Genomföra två trygghetsvandringar")
    # the text says both do it together: not the default for a text that names no one
    assert walk.actor_source != "default"


def test_a_party_that_undertakes_in_a_heading_is_its_items_responsible() -> None:
    text = _HEAD + "Kommunen åtar sig att:\n• Utöka belysningen runt busstationen under 2024.\n"
    acts = extract_text(text, source_name="t.txt").activities
    assert [[r.label.lower() for r in a.responsible] for a in acts] == [["polisen"], ["kommunen"]]


_PROSE = (
    "Medborgarlöfte 2023 – Lokalpolisområde Sundsvall och Timrå kommun\n\n"
    "Timrå kommun och Lokalpolisområde Sundsvall har kommit överens om följande medborgarlöfte "
    "för 2023.\n\n"
    "Våra löften\n\n"
    "Skadegörelse och nedskräpning\n"
    "Kommunen lovar att sanera klotter inom 24 timmar från anmälan.\n\n"
    "Langning av alkohol\n"
)


def test_an_actor_that_does_it_in_the_present_tense_under_the_promises_is_an_activity() -> None:
    text = _PROSE + (
        "Polisen genomför kontroller mot langning vid större helger, till exempel valborg.\n"
        "Kommunen och polisen informerar också föräldrar inför skolavslutningen.\n"
    )
    acts = extract_text(text, source_name="t.txt").activities
    assert [a.description.split()[0] for a in acts] == ["Kommunen", "Polisen", "Kommunen"]
    assert [[r.label.lower() for r in a.responsible] for a in acts[1:]] == [
        ["polisen"],
        ["kommunen", "polisen"],
    ]
    assert acts[1].priority == acts[2].priority == 1


def test_what_an_actor_has_sees_or_thinks_is_no_activity() -> None:
    text = _PROSE + (
        "Polisen ser en ökning av langning inför helger.\n"
        "Kommunen har tidigare haft problem med langning vid skolavslutningen.\n"
    )
    acts = extract_text(text, source_name="t.txt").activities
    assert [a.description.split()[0] for a in acts] == ["Kommunen"]
