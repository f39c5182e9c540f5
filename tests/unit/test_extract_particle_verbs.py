"""A promise written in the present tense with a particle verb on a stem that alone tells what an
actor sees: "Kommunen ser över belysningen" reviews it (a text of our own writing, the fourth
round)."""

from __future__ import annotations

import pytest

from kg.extract import extract_text
from kg.extract.model import Party

TEXT = """Medborgarlöfte Mora kommun 2025

Mora kommun och lokalpolisområde Mora lovar följande.

Det här gör vi

{sentence}

Polisen patrullerar i centrum varje fredag.
"""


@pytest.mark.parametrize(
    "sentence",
    [
        "Kommunen ser över belysningen i Folkets park under våren.",
        "Kommunen ser till att buskagen vid Resecentrum klipps ner.",
    ],
)
def test_a_particle_verb_of_action_is_an_activity(sentence: str) -> None:
    # "ser" was read as "sees", a state, and the sentence was left out
    acts = extract_text(TEXT.format(sentence=sentence), source_name="mora.txt").analysis.activities
    assert acts[0].description == sentence
    assert [r.party for r in acts[0].responsible] == [Party.municipality]


def test_what_an_actor_sees_is_still_no_activity() -> None:
    sentence = "Kommunen ser en ökad oro bland de boende i Folkets park."
    acts = extract_text(TEXT.format(sentence=sentence), source_name="mora.txt").analysis.activities
    assert [a.description for a in acts] == ["Polisen patrullerar i centrum varje fredag."]
