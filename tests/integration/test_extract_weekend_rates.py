"""The weekend's evenings or nights in the plural are a habit, as a weekday's are ("på
helgkvällar", "under helgnätterna": once a week); "helger" alone is not read (it also means public
holidays, "vid större helger"), nor "vissa helgkvällar". A text of our own writing in the layout of
a municipal page."""

from __future__ import annotations

import pytest

from kg.extract import extract_text

FREQ = "https://w3id.org/medborgarlofte/vocab/frequency/"
TEXT = "Medborgarlöfte Timrå 2026\n\nPolisen lovar att:\n- {item}\n"


@pytest.mark.parametrize(
    ("item", "phrase"),
    [
        ("finnas på plats i Timrå centrum på helgkvällar", "på helgkvällar"),
        ("patrullera i Vivsta under helgnätterna", "under helgnätterna"),
    ],
)
def test_the_weekend_evenings_in_the_plural_are_weekly(item: str, phrase: str) -> None:
    # "på helgkvällar" gave no rate
    [act] = extract_text(TEXT.format(item=item), source_name="t.txt").activities
    assert act.frequency is not None
    assert (act.frequency.concept, act.frequency.phrase) == (FREQ + "weekly", phrase)


@pytest.mark.parametrize(
    "item", ["genomföra kontroller vid större helger", "finnas i centrum vissa helgkvällar"]
)
def test_holidays_and_some_weekend_evenings_are_no_rate(item: str) -> None:
    [act] = extract_text(TEXT.format(item=item), source_name="t.txt").activities
    assert act.frequency is None
