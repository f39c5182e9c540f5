"""The actor an item names for its own action without being its subject, the agent after "av"
("Ökad närvaro av polisen") or the owner in the genitive ("Öka polisens närvaro"), comes with the
actors coordinated with it: "Ökad närvaro av polis och fältassistenter" is both's presence (the
field workers were dropped). A text of our own writing in the layout of a municipal page."""

from __future__ import annotations

from kg.extract import extract_text

TEXT = """Medborgarlöfte 2025 för Hallsbergs kommun

Lokalpolisområde Kumla och Hallsbergs kommun lovar:

- Ökad närvaro av polis och fältassistenter på fredagskvällar.
- Ökad närvaro av polisen och socialtjänsten i centrum.
- Ökad närvaro av polisen på skolorna och i centrum.
- Öka polisens närvaro vid busstationen.
"""


def test_the_actors_coordinated_with_the_agent_act_too() -> None:
    result = extract_text(TEXT, source_name="hallsberg.txt")
    responsible = [[r.label for r in a.responsible] for a in result.analysis.activities]
    assert responsible == [
        ["polisen", "Fältassistenter"],
        ["polisen", "Socialtjänsten"],
        ["polisen"],  # "på skolorna": a place, not coordinated with the agent
        ["polisen"],
    ]


def test_two_owners_of_one_thing_are_one_action() -> None:
    """ "Öka polisens och kommunens synlighet vid skolorna" is one action of both (it was split into
    one per owner); "genom polisens trafikkontroller och kommunens åtgärder" stays two."""
    text = (
        "Medborgarlöfte 2025 för Hallsbergs kommun\n\nVi lovar:\n\n"
        "- Öka polisens och kommunens synlighet vid skolorna.\n"
        "- Genom polisens trafikkontroller och kommunens åtgärder ska trafiken bli säkrare.\n"
    )
    result = extract_text(text, source_name="hallsberg.txt")
    responsible = [[r.label for r in a.responsible] for a in result.analysis.activities]
    assert responsible == [["polisen", "kommunen"], ["polisen"], ["kommunen"]]
