"""An item that opens with an actor in the genitive who is no party, and a noun of its action
("Nattvandrarnas fredagsvandringar", "Fältgruppens uppsökande arbete"), names that actor as the
one who acts, as "Polisens trafikkontroller" names the police; both were given the two parties by
default. Not the owner: one after a verb ("Utveckla föreningarnas samarbete", "Stöd
nattvandrarnas arbete": the parties act), of no action ("Skolans lokaler …"), or under a party's
heading. The actor is named without the genitive's -s and without a capitalised verb before it
("Utveckla föreningarnas" was read as one name). A text of our own writing (the fifth round)."""

from __future__ import annotations

from kg.extract import extract_text

TEXT = """Medborgarlöfte för Säters kommun 2025

Lokalpolisområde Säter-Hedemora och Säters kommun lovar följande under 2025.

Det här gör vi

- Nattvandrarnas fredagsvandringar i centrum varje fredag.
- Fältgruppens uppsökande arbete på kvällstid.
- Utveckla föreningarnas samarbete med skolan.
- Stöd nattvandrarnas arbete.
- Skolans lokaler öppnas på helger.
- Polisens trafikkontroller vid skolorna en gång per månad.

Polisen lovar:

- Delta i nattvandrarnas vandringar en gång per månad.
"""


def test_an_actor_owning_the_items_action_is_its_actor() -> None:
    acts = extract_text(TEXT, source_name="sater.txt").analysis.activities
    got = [[r.label for r in a.responsible] for a in acts]
    assert got == [
        ["Nattvandrarna"],
        ["Fältgruppen"],
        ["polisen", "kommunen"],
        ["polisen", "kommunen"],
        ["polisen", "kommunen"],
        ["polisen"],
        ["polisen"],
    ]


def test_a_result_of_the_owners_action_is_the_parties() -> None:
    more = "- Fältgruppens uppsökande arbete ska bli fler.\n- Skolans lokaler"
    text = TEXT.replace("- Skolans lokaler", more)
    acts = extract_text(text, source_name="sater.txt").analysis.activities
    assert [r.label for r in acts[5].responsible] == ["polisen", "kommunen"]
