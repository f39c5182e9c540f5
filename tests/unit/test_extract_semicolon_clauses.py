"""A promise's "att"-clauses parted by semicolons are one action each: "Polisen lovar att besöka
skolorna; att informera om bedrägerier …; och att synas vid Resecentrum varje helg" (a text of
our own writing, the fourth round)."""

from __future__ import annotations

from kg.extract import extract_text

TEXT = """Medborgarlöfte för Säter 2025–2026

Säters kommun och Lokalpolisområde Säter-Hedemora har tagit fram detta medborgarlöfte.

Det här gör vi

Kommunen ska genomföra två trygghetsvandringar per år i Säters centrum.

Polisen lovar att besöka alla mellanstadieskolor under läsåret; att informera om
bedrägerier på biblioteket en gång per kvartal; och att synas vid Resecentrum varje helg.
"""


def test_each_att_clause_after_a_semicolon_is_an_action() -> None:
    # the three were one activity, with the weekly rate of the last for the school visits
    acts = extract_text(TEXT, source_name="sater.txt").analysis.activities
    police = [a for a in acts if a.description.startswith(("Polisen", "informera", "synas"))]
    assert [a.description.rstrip(".") for a in police] == [
        "Polisen lovar att besöka alla mellanstadieskolor under läsåret",
        "informera om bedrägerier på biblioteket en gång per kvartal",
        "synas vid Resecentrum varje helg",
    ]
    rates = [(a.frequency.concept or "").rsplit("/", 1)[-1] if a.frequency else None for a in police]
    assert rates == [None, "quarterly", "weekly"]
    assert all([r.label for r in a.responsible] == ["polisen"] for a in police)
