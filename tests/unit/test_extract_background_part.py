"""A "Bakgrund" part full of last year's figures is the promise's background, not a follow-up
report of an earlier promise (a text of our own writing, the fourth round)."""

from __future__ import annotations

from kg.extract import extract_text

TEXT = """Medborgarlöfte för Ludvika kommun 2025–2026

Ludvika kommun och lokalpolisområde Ludvika ingår detta medborgarlöfte för 2025–2026.

Bakgrund

Under 2024 anmäldes 412 brott i centrala Ludvika, en ökning med 14 procent. Polisen genomförde
120 trafikkontroller under 2024.

Lägesbild

Medborgardialogerna visar att många upplever otrygghet vid Resecentrum.

Prioriterat område: Trygghet i centrala Ludvika

Polisen lovar
- Polisen genomför fotpatrullering vid Resecentrum varannan vecka.

Kommunen lovar
- Kommunen förbättrar belysningen i Folkets park under 2025.
"""


def test_background_figures_are_no_report() -> None:
    # the two sentences in the past under "Bakgrund" made the text a report of an earlier
    # promise, and only "Polisen lovar" onwards was read: no situation picture, no priority
    a = extract_text(TEXT, source_name="ludvika.txt").analysis
    assert not any("uppföljning av ett tidigare löfte" in n for n in a.notes)
    assert [(p.title, p.rule) for p in a.priorities] == [("Trygghet i centrala Ludvika", "")]
    assert len(a.activities) == 2
    assert all(act.priority == 0 for act in a.activities)
    assert a.situation is not None and a.situation.problems


def test_a_report_in_prose_is_still_a_report() -> None:
    # outside a background part, deeds done still tell a report from a promise
    text = TEXT.replace("Bakgrund\n", "Så gick det 2024\n")
    a = extract_text(text, source_name="ludvika.txt").analysis
    assert any("uppföljning av ett tidigare löfte" in n for n in a.notes)
