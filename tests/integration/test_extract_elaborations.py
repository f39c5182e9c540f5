"""A clause about the action named before it, its subject a word that refers back to it
("Insatserna görs främst under vår och sommar, …, och polisen kommer att samarbeta med
skolorna"): when or how that action is done, no activity of its own. It was an activity, given the
actor of the later clause. A promise written as two long prose paragraphs, of our own writing."""

from __future__ import annotations

from kg.extract import extract_text

TEXT = """Medborgarlöfte för Håbo kommun 2025

Lokalpolisområde Sigtuna och Håbo kommun har kommit överens om ett medborgarlöfte för 2025.

Polisen kommer under året att genomföra riktade insatser mot buskörning med moped i Bålsta. {second}

Kommunen kommer under året att se över belysningen kring Bålsta resecentrum.
"""


def test_a_clause_about_the_action_before_is_no_activity() -> None:
    second = (
        "Insatserna görs främst under vår och sommar, då problemen är som störst, och polisen kommer "
        "att samarbeta med skolorna för att nå ungdomarna."
    )
    result = extract_text(TEXT.format(second=second), source_name="t.txt")
    assert [a.description.split()[:3] for a in result.activities] == [
        ["Polisen", "kommer", "under"],
        ["polisen", "kommer", "att"],
        ["Kommunen", "kommer", "under"],
    ]
    assert any(o.reason.startswith("säger hur eller när") for o in result.analysis.omissions)


def test_an_actor_that_commits_after_it_is_still_an_activity() -> None:
    second = "Polisen ska också genomföra trafikkontroller vid skolorna."
    result = extract_text(TEXT.format(second=second), source_name="t.txt")
    assert len(result.activities) == 3
