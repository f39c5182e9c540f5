"""A plural pronoun as the subject ("… och de ska fortsätta …") is the actors named before it in
the sentence: a plural ("Ungdomscoacherna") or a coordination ("polisen och kommunen"); after a
single actor it names no one the sentence shows. It gave no actor, and the activity was given
both parties as a default. Texts of our own writing."""

from __future__ import annotations

import pytest

from kg.extract import extract_text
from kg.extract.actors import ActorFinder
from kg.extract.lexicon import default_lexicon


@pytest.mark.parametrize(
    ("sentence", "labels"),
    [
        (
            "Här har Ungdomscoacherna flera uppdrag och de ska fortsätta att bygga relationer.",
            ["Ungdomscoacherna"],
        ),
        (
            "I centrum arbetar fältassistenterna och dessa ska finnas på plats varje fredag.",
            ["Fältassistenterna"],
        ),
        (
            "Varje månad träffas polisen och kommunen och de ska då gå igenom lägesbilden.",
            ["polisen", "kommunen"],
        ),
        ("Här har polisen ett uppdrag och de ska göra det.", []),
    ],
)
def test_de_is_the_actors_named_before_it(sentence: str, labels: list[str]) -> None:
    lexicon = default_lexicon()
    finder = ActorFinder(lexicon, lexicon.municipalities["1961"])
    assert [r.label for r in finder.subject(sentence).responsible] == labels


def test_an_activity_whose_subject_is_de_is_theirs() -> None:
    text = (
        "Medborgarlöfte Hallstahammar 2025\n\nLokalpolisområde Västra Mälardalen och Hallstahammars "
        "kommun lovar:\n\nHär har Ungdomscoacherna flera viktiga uppdrag och de ska fortsätta att "
        "bygga relationer med barn och föräldrar.\n"
    )
    result = extract_text(text, source_name="t.txt")
    [activity] = result.activities
    assert [r.label for r in activity.responsible] == ["Ungdomscoacherna"]
    assert activity.actor_source == "subject"
