"""The body that follows a promise up, named as the subject of "följer upp" or the agent of "följs
upp av", is the follow-up forum (texts of our own writing, the fourth round)."""

from __future__ import annotations

import pytest

from kg.extract import extract_text

TEXT = """Medborgarlöfte Borlänge kommun 2025

Borlänge kommun och lokalpolisområde Borlänge lovar följande.

Aktiviteter

- Polisen patrullerar i Tjärna ängar varje fredag.

Uppföljning

{sentence}
"""


@pytest.mark.parametrize(
    ("sentence", "forum"),
    [
        ("Brottsförebyggande rådet följer upp löftena varje halvår.", "Brottsförebyggande rådet"),
        ("Löftet följs upp av samverkansgruppen två gånger per år.", "samverkansgruppen"),
        ("Styrgruppen ska följa upp arbetet varje kvartal.", "Styrgruppen"),
    ],
)
def test_the_body_that_follows_up_is_the_forum(sentence: str, forum: str) -> None:
    # the forum was read only after a preposition of place ("i Brottsförebyggande rådet")
    plan = extract_text(TEXT.format(sentence=sentence), source_name="borlange.txt").analysis.followup
    assert plan is not None and [f.label for f in plan.forums] == [forum]


def test_an_actor_that_follows_up_is_no_forum() -> None:
    sentence = "Polisen och kommunen följer upp löftet varje halvår."
    plan = extract_text(TEXT.format(sentence=sentence), source_name="borlange.txt").analysis.followup
    assert plan is not None and plan.forums == []
