"""A list whose items end in their status ("– Genomfört", "– Delvis genomfört", "Status:
Genomfört") is a follow-up report, not a promise (a text of our own writing, the fourth round)."""

from __future__ import annotations

import pytest

from kg.errors import ExtractionError
from kg.extract import extract_text

TEXT = """Medborgarlöfte Hedemora 2024 – så här blev det

Lokalpolisområde Säter-Hedemora och Hedemora kommun har gått igenom löftet för 2024.

- Trafikkontroller vid skolorna varannan vecka – Genomfört
- Kameror vid Resecentrum – Delvis genomfört
- Fältassistenter ute på kvällar under sommarlovet – Ej genomfört
- Trygghetsvandring i Vikbyn – Genomfört
"""


def test_items_with_a_status_are_a_report() -> None:
    # the four items were read as promised activities, by both parties by default
    with pytest.raises(ExtractionError, match="uppföljning"):
        extract_text(TEXT, source_name="hedemora.txt")


def test_status_lines_under_the_items_are_a_report_too() -> None:
    text = TEXT.replace(" – Genomfört", ". Status: Genomfört").replace(" – Delvis", ". Status: Delvis")
    text = text.replace(" – Ej", ". Status: Ej")
    with pytest.raises(ExtractionError, match="uppföljning"):
        extract_text(text, source_name="hedemora.txt")


def test_a_manner_after_a_dash_is_no_status() -> None:
    text = TEXT.replace("– Genomfört", "– kontinuerligt").replace("– Delvis genomfört", "– årligt")
    text = text.replace("– Ej genomfört", "– regelbundet").replace(" – så här blev det", "")
    text = text.replace("har gått igenom löftet för 2024", "lovar följande för 2024")
    acts = extract_text(text, source_name="hedemora.txt").analysis.activities
    ends = [a.description.split(" – ")[-1] for a in acts if " – " in a.description]
    assert ends == ["kontinuerligt", "årligt", "regelbundet", "kontinuerligt"]


def test_an_action_plan_not_yet_begun_is_a_promise() -> None:
    # "Ej påbörjat" tells of nothing done: a new promise's plan may say it of every item
    text = TEXT.replace(" – så här blev det", "").replace(
        "har gått igenom löftet för 2024", "lovar följande för 2024"
    )
    for status in ("– Genomfört", "– Delvis genomfört", "– Ej genomfört"):
        text = text.replace(status, "– Ej påbörjat")
    assert len(extract_text(text, source_name="hedemora.txt").analysis.activities) == 4
