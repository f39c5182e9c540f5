"""The reflexive verb of a promise, "åta sig" (undertake), in the forms Swedish gives it:
"Polisen åtar sig att:", "Vi åtar oss att:" and, with an adverbial first (the verb second, its
subject after it), "Gemensamt åtar vi oss att:". A heading in any of them says who does the items
under it. Texts of our own writing in the layout of polisen.se pages."""

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
