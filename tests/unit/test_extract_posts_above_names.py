"""Signatures whose post stands before the name: on its own line above it ("Kommunstyrelsens
ordförande" / "Åsa Berg") or on the same line with no comma ("Lokalpolisområdeschef Nils Gran"),
texts of our own writing (the fourth round)."""

from __future__ import annotations

import pytest

from kg.extract import extract_text
from kg.extract.model import Party

TEXT = """Medborgarlöfte Mora kommun 2025

Mora kommun och lokalpolisområde Mora lovar följande.

Aktiviteter

- Polisen patrullerar i centrum varje fredag.

Mora 2025-02-01

"""


@pytest.mark.parametrize(
    "block",
    [
        # the second signatory's post went to the first, who had one: the second had none
        "Kommunstyrelsens ordförande\nÅsa Berg\n\nLokalpolisområdeschef\nNils Gran\n",
        # a post and a name on one line were read as a post: no signature at all
        "Kommunstyrelsens ordförande Åsa Berg\nLokalpolisområdeschef Nils Gran\n",
    ],
)
def test_a_post_above_or_before_the_name_is_that_signatorys(block: str) -> None:
    sigs = extract_text(TEXT + block, source_name="mora.txt").analysis.signatures
    assert [(s.name, s.post, s.party) for s in sigs] == [
        ("Åsa Berg", "Kommunstyrelsens ordförande", Party.municipality),
        ("Nils Gran", "Lokalpolisområdeschef", Party.police),
    ]


def test_a_post_under_the_name_stays_that_names() -> None:
    block = "Åsa Berg\nKommunstyrelsens ordförande\n\nNils Gran\nLokalpolisområdeschef\n"
    sigs = extract_text(TEXT + block, source_name="mora.txt").analysis.signatures
    assert [(s.name, s.post) for s in sigs] == [
        ("Åsa Berg", "Kommunstyrelsens ordförande"),
        ("Nils Gran", "Lokalpolisområdeschef"),
    ]


def test_an_organisation_above_a_name_with_its_post_under_it() -> None:
    # the organisation line above each name says nothing of where the posts stand
    block = (
        "Mora kommun\nÅsa Berg\nKommunstyrelsens ordförande\n\n"
        "Lokalpolisområde Mora\nNils Gran\nLokalpolisområdeschef\n"
    )
    sigs = extract_text(TEXT + block, source_name="mora.txt").analysis.signatures
    assert [(s.name, s.post) for s in sigs] == [
        ("Åsa Berg", "Kommunstyrelsens ordförande"),
        ("Nils Gran", "Lokalpolisområdeschef"),
    ]
