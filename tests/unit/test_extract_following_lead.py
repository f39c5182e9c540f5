"""A sentence that promises "följande" (the following) introduces the list after it, also when it
ends in a full stop: "Polisen och Hedemora kommun lovar följande för 2024." (a text of our own
writing, the fourth round)."""

from __future__ import annotations

from kg.extract import extract_text
from kg.extract.model import Party

TEXT = """Medborgarlöfte Hedemora 2024

{lead}

- Polisen genomför trafikkontroller vid skolorna varannan vecka.
- Kommunen sätter upp kameror vid Resecentrum.
"""


def test_a_promise_of_the_following_is_no_activity() -> None:
    # the lead-in was an activity of both parties (or two, one per actor it names)
    for lead in (
        "Polisen och Hedemora kommun lovar följande för 2024.",
        "Lokalpolisområde Säter-Hedemora och Hedemora kommun lovar följande för 2024.",
    ):
        a = extract_text(TEXT.format(lead=lead), source_name="hedemora.txt").analysis
        assert [act.description for act in a.activities] == [
            "Polisen genomför trafikkontroller vid skolorna varannan vecka.",
            "Kommunen sätter upp kameror vid Resecentrum.",
        ]


def test_the_lead_names_who_does_items_that_name_no_one() -> None:
    text = TEXT.format(lead="Polisen lovar följande för 2024.").replace("Polisen genomför", "Genomföra")
    text = text.replace("- Kommunen sätter upp kameror vid Resecentrum.\n", "")
    acts = extract_text(text, source_name="hedemora.txt").analysis.activities
    assert [a.description for a in acts] == ["Genomföra trafikkontroller vid skolorna varannan vecka."]
    assert [r.party for r in acts[0].responsible] == [Party.police]
    assert acts[0].actor_source == "heading"


def test_the_following_measures_named_stay_an_aim() -> None:
    # "följande åtgärder" names what follows; still no activity
    lead = "Polisen och Hedemora kommun lovar följande åtgärder för 2024."
    a = extract_text(TEXT.format(lead=lead), source_name="hedemora.txt").analysis
    assert len(a.activities) == 2
