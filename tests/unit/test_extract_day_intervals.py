"""An interval counted in weeks by a day of the week: "varannan lördag" is every two weeks (a
text of our own writing, the fourth round)."""

from __future__ import annotations

import pytest

from kg.extract import extract_text
from kg.extract.frequencies import action_frequency
from kg.extract.lexicon import default_lexicon


def freq(text: str) -> str | None:
    found = action_frequency(text, default_lexicon())
    return found.concept.rsplit("/", 1)[-1] if found and found.concept else None


@pytest.mark.parametrize(
    ("sentence", "slug", "words"),
    [
        ("Fritidsledarna håller fritidsgården öppen varannan lördag.", "biweekly", "varannan lördag"),
        ("Fältassistenterna är ute i centrum varannan fredagskväll.", "biweekly", "varannan fredagskväll"),
        ("Nattvandrarna går i centrum varannan helg.", "biweekly", "varannan helg"),
        ("Polisen ska vara på torget var fjärde lördag.", "monthly", "var fjärde lördag"),
    ],
)
def test_every_other_weekday_is_every_two_weeks(sentence: str, slug: str, words: str) -> None:
    # "varannan lördag" was read as the weekday in the singular, weekly, as an assumption
    found = action_frequency(sentence, default_lexicon())
    assert found is not None and not found.read
    assert sentence[found.start : found.end] == words
    assert freq(sentence) == slug


def test_every_saturday_stays_weekly() -> None:
    assert freq("Fritidsledarna håller fritidsgården öppen varje lördag.") == "weekly"


TEXT = """Medborgarlöfte för Angered 2025

Göteborgs Stad och lokalpolisområde Nordost har tecknat ett medborgarlöfte för 2025.

Det här gör vi

- Polisen är närvarande vid Angered Centrum varje fredag kväll.
- Fritidsledarna håller fritidsgården öppen varannan lördag.
"""


def test_every_other_saturday_in_a_promise() -> None:
    result = extract_text(TEXT, source_name="angered.txt")
    rate = result.analysis.activities[1].frequency
    assert rate is not None and rate.concept is not None and rate.concept.endswith("/biweekly")
    assert rate.phrase == "varannan lördag" and rate.rule is None
