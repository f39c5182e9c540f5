"""Activities given as "Vad? / Vem? / När?" triples, each field labelled by the question its
value answers, are records like "Aktivitet: / Ansvarig: / Tidsplan:" ones: one activity each,
with its responsible actors and its frequency. They were lost: the first "Vad?" line became a
priority, the introduction the only activity. A text of our own writing (the fifth round)."""

from __future__ import annotations

from kg.extract import extract_text

TEXT = """Medborgarlöfte för Borlänge

Borlänge kommun och lokalpolisområde Borlänge lovar att arbeta tillsammans för ökad trygghet.
Löftet gäller från och med 1 januari 2025 och två år framåt.

Prioriterat område: Narkotika bland unga

Vad? Föreläsningar om narkotika för föräldrar
Vem? Kommunen och polisen
När? En gång per termin

Vad? Kontroller av platser där unga samlas
Vem? Polisen
När? Varje helg

Hur ska vi nå dit? Vi arbetar tillsammans med skolorna.
"""


def test_question_labelled_fields_are_one_activity_each() -> None:
    analysis = extract_text(TEXT, source_name="borlange.txt").analysis
    assert [p.title for p in analysis.priorities] == ["Narkotika bland unga"]
    got = [
        (a.description.split("\n")[0], [r.label for r in a.responsible], a.frequency and a.frequency.phrase)
        for a in analysis.activities[:2]
    ]
    assert got == [
        ("Föreläsningar om narkotika för föräldrar", ["kommunen", "polisen"], "En gång per termin"),
        ("Kontroller av platser där unga samlas", ["polisen"], "Varje helg"),
    ]
