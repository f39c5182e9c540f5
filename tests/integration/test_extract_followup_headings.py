"""A follow-up heading that asks or tells how the promise is followed up, "följa upp" inflected
with its subject between verb and particle ("Hur följer vi upp?", "Så följer vi upp arbetet"):
what stands under it is the follow-up plan, not a promised activity. A text of our own writing
in the layout of a municipal page."""

from __future__ import annotations

import pytest

from kg.extract import extract_text

TEXT = """Medborgarlöften 2025 – Mora kommun och polisen

Polisen lovar att:
- genomföra hastighetskontroller vid Morkarlbyskolan varje vecka under terminerna

{heading}
Polisen och kommunen ska redovisa arbetet för kommunstyrelsen två gånger per år.
"""


@pytest.mark.parametrize("heading", ["Hur följer vi upp?", "Så följer vi upp arbetet", "Uppföljning"])
def test_what_stands_under_a_follow_up_heading_is_the_plan(heading: str) -> None:
    # under "Hur följer vi upp?" the reporting sentence was a promised activity of both parties
    result = extract_text(TEXT.format(heading=heading), source_name="t.txt")
    assert [a.description.split()[0] for a in result.activities] == ["genomföra"]
    plan = result.analysis.followup
    assert plan is not None and plan.description.startswith("Polisen och kommunen ska redovisa")


@pytest.mark.parametrize(
    "sentence",
    [
        "Vi följer upp löftet med polisens trygghetsmätning varje höst.",
        "Kommunen och polisen följer gemensamt upp arbetet varje höst.",
    ],
)
def test_a_sentence_that_follows_up_the_promise_in_the_present_is_the_plan(sentence: str) -> None:
    # under a heading that names no follow-up ("Hur vet vi att det fungerar?") "Vi följer upp
    # löftet …" was a promised activity of both parties: only "följs upp", "följa upp" were read
    text = TEXT.format(heading="Hur vet vi att det fungerar?").replace(
        "Polisen och kommunen ska redovisa arbetet för kommunstyrelsen två gånger per år.", sentence
    )
    result = extract_text(text, source_name="t.txt")
    assert [a.description.split()[0] for a in result.activities] == ["genomföra"]
    plan = result.analysis.followup
    assert plan is not None and plan.description == sentence
