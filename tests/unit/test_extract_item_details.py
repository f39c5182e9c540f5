"""A numbered item that is a whole action, over sub-items that are only details of it
("Patrullerna görs kvällstid.", "Fokus på Markbackens centrum."): the item is the activity, the
sub-items are not (a text of our own writing, the fourth round)."""

from __future__ import annotations

from kg.extract import extract_text

TEXT = """Medborgarlöfte Avesta 2025

Avesta kommun och lokalpolisområde Avesta har kommit överens om följande medborgarlöfte för 2025.

Polisen lovar

1. Att genomföra fotpatruller i Markbacken minst fyra gånger per termin.
   - Patrullerna görs kvällstid.
   - Fokus på Markbackens centrum.
2. Att delta i skolornas föräldramöten under höstterminen.
"""


def test_details_under_a_whole_action_are_no_activities() -> None:
    # the two details were the activities and the item with its rate was left out
    a = extract_text(TEXT, source_name="avesta.txt").analysis
    assert [act.description for act in a.activities] == [
        "Att genomföra fotpatruller i Markbacken minst fyra gånger per termin.",
        "Att delta i skolornas föräldramöten under höstterminen.",
    ]
    first = a.activities[0]
    assert first.frequency is not None and first.frequency.phrase == "minst fyra gånger per termin"
    assert [r.label for r in first.responsible] == ["polisen"]


def test_sub_items_that_name_actions_are_the_activities() -> None:
    # "Fotpatrullering varje fredagskväll" is an action of its own: the item governs it
    text = TEXT.replace("Patrullerna görs kvällstid.", "Fotpatrullering varje fredagskväll.")
    descriptions = [
        act.description for act in extract_text(text, source_name="avesta.txt").analysis.activities
    ]
    assert "Fotpatrullering varje fredagskväll." in descriptions
    assert not any(d.startswith("Att genomföra fotpatruller") for d in descriptions)


def test_a_sub_item_with_its_own_actor_is_an_activity() -> None:
    text = TEXT.replace("Patrullerna görs kvällstid.", "Polisen genomför kontroller vid Resecentrum.")
    descriptions = [
        act.description for act in extract_text(text, source_name="avesta.txt").analysis.activities
    ]
    assert "Polisen genomför kontroller vid Resecentrum." in descriptions
