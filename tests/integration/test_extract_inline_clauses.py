"""A news item that lists the promises as "att"-clauses in running prose ("Löftena innebär bland
annat att polisen ska öka sin närvaro … och att kommunen ska sätta upp …"): each clause is an
activity, whether the clauses are joined by commas, "samt" or "och att"; a clause whose subject
is an actor is an action even with "öka" or "minska" ("polisen ska öka sin närvaro"), one whose
subject is a state is a result ("inbrotten ska inte öka"). A text of our own writing in the layout
of a municipal news item."""

from __future__ import annotations

from kg.extract import extract_text

TEXT = (
    "Falun: Polisen och kommunen lovar fler trygghetsvandringar\n\n"
    "Falu kommun och lokalpolisområde Falun har undertecknat nya medborgarlöften för 2024.\n\n"
    "Löftena innebär bland annat att polisen ska öka sin närvaro på Stora torget under helgerna "
    "och att kommunen ska sätta upp bättre belysning i Gruvparken.\n\n"
    "Bland löftena finns också att polisen ska minska sina svarstider och att bostadsinbrotten "
    "inte ska öka.\n"
)


def test_each_att_clause_is_an_activity_and_an_actor_that_increases_something_acts() -> None:
    # the clauses joined by "och att" were one item, and "polisen ska öka sin närvaro …" was
    # left out as an expected result, so neither promise was read
    result = extract_text(TEXT, source_name="t.txt")
    assert [(a.description, [r.label for r in a.responsible]) for a in result.activities] == [
        ("polisen ska öka sin närvaro på Stora torget under helgerna", ["polisen"]),
        ("kommunen ska sätta upp bättre belysning i Gruvparken", ["kommunen"]),
        ("polisen ska minska sina svarstider", ["polisen"]),
    ]
    quotes = [result.text[o.passage.start : o.passage.end] for o in result.analysis.omissions]
    assert "bostadsinbrotten inte ska öka" in quotes
