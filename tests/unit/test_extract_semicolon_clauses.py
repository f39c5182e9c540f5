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


CLAUSES = """Medborgarlöfte för Säter 2025

Säters kommun och Lokalpolisområde Säter-Hedemora lovar följande.

Trygghet i centrum

Kommunen ska ordna fler aktiviteter för unga; polisen ska besöka skolorna varje vecka.

Polisen lovar att besöka skolorna under läsåret; informera äldre om bedrägerier på biblioteket
en gång per kvartal; och synas vid Resecentrum varje helg.

Kommunen ska skapa och sprida förhållningsregler för festivalen.
"""
"""Clauses parted by semicolons without "att" (a text of our own writing, the fifth round): a
clause with an actor and a verb of its own, and an infinitive, "informera", or a deponent one,
"synas", after a semicolon, are actions of their own."""


def test_a_semicolon_parts_clauses_without_att() -> None:
    # each line was one activity, the first of both parties with the weekly rate of the second
    acts = extract_text(CLAUSES, source_name="sater.txt").analysis.activities
    got = [
        (
            " ".join(a.description.rstrip(".").split()),
            [r.label for r in a.responsible],
            a.frequency.phrase if a.frequency else None,
        )
        for a in acts
    ]
    assert got == [
        ("Kommunen ska ordna fler aktiviteter för unga", ["kommunen"], None),
        ("polisen ska besöka skolorna varje vecka", ["polisen"], "varje vecka"),
        ("Polisen lovar att besöka skolorna under läsåret", ["polisen"], None),
        (
            "informera äldre om bedrägerier på biblioteket en gång per kvartal",
            ["polisen"],
            "en gång per kvartal",
        ),
        ("synas vid Resecentrum varje helg", ["polisen"], "varje helg"),
        # two verbs of one object, "och" between them, stay one action
        ("Kommunen ska skapa och sprida förhållningsregler för festivalen", ["kommunen"], None),
    ]
