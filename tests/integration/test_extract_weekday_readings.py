"""A weekday named in the singular with no determiner ("fredag och lördag kväll", in an item or
a table's "När" cell) names a day, not a series: Swedish states a habit by the plural
("fredagar", "fredagskvällar") or by "varje"/"alla". In an activity it is read as weekly (twice
a week for two days) and that reading is recorded as an assumption
(``extract:weekday-read-as-weekly``); "på fredag", "i fredags", a date ("fredag den 5 maj") and
"fredagskvällen" give no rate, and a rate the text states wins over the reading. Texts of our own
writing."""

from __future__ import annotations

import pytest

from kg.extract import extract_text

FREQ = "https://w3id.org/medborgarlofte/vocab/frequency/"
MBL = "https://w3id.org/medborgarlofte/def/"
TEXT = "Medborgarlöfte Timrå 2026\n\nKommunen lovar att:\n- {item}\n"
TABLE = """Medborgarlöfte Timrå 2026

| Aktivitet | Ansvarig | När |
|---|---|---|
| Fältassistenter ute i Timrå centrum | Kommunen | Fredag och lördag kväll |
"""


@pytest.mark.parametrize(
    ("text", "concept", "phrase"),
    [
        (TEXT.format(item="vara ute med fältassistenter fredag och lördag kväll"), "twice-weekly",
         "fredag och lördag kväll"),
        (TEXT.format(item="hålla fritidsgården öppen lördagskväll"), "weekly", "lördagskväll"),
        (TABLE, "twice-weekly", "Fredag och lördag kväll"),
    ],
)  # fmt: skip
def test_a_weekday_in_the_singular_is_read_as_weekly_and_recorded_as_assumed(
    text: str, concept: str, phrase: str
) -> None:
    # no rate was given
    result = extract_text(text, source_name="t.txt")
    [act] = result.activities
    assert act.frequency is not None
    assert (act.frequency.concept, act.frequency.phrase) == (FREQ + concept, phrase)
    assumed = [a for a in result.assumptions if a.predicate == MBL + "frequency"]
    assert [(a.rule, a.value) for a in assumed] == [("extract:weekday-read-as-weekly", FREQ + concept)]


@pytest.mark.parametrize(
    "item",
    [
        "bjuda in till ett möte på fredag",
        "redovisa läget i fredags",
        "hålla ett föräldramöte fredag den 5 maj",
        "vara ute i centrum fredagskvällen efter skolavslutningen",
    ],
)
def test_one_day_is_no_rate(item: str) -> None:
    [act] = extract_text(TEXT.format(item=item), source_name="t.txt").activities
    assert act.frequency is None


def test_a_stated_rate_wins_over_the_reading_and_a_plural_is_stated() -> None:
    text = TEXT.format(item="vara ute två gånger per år, fredag kväll") + "- vara ute på fredagskvällar\n"
    result = extract_text(text, source_name="t.txt")
    assert [a.frequency.phrase for a in result.activities if a.frequency] == [
        "två gånger per år",
        "på fredagskvällar",
    ]
    assert not [a for a in result.assumptions if a.predicate == MBL + "frequency"]


def test_every_of_two_days_sharing_the_rest_of_the_word_is_stated() -> None:
    # "varje fredags- och lördagskväll" gave no rate (f20's golden file recorded none)
    result = extract_text(TEXT.format(item="vara ute varje fredags- och lördagskväll"), source_name="t.txt")
    [act] = result.activities
    assert act.frequency is not None
    assert (act.frequency.concept, act.frequency.phrase) == (
        FREQ + "twice-weekly",
        "varje fredags- och lördagskväll",
    )
    assert not [a for a in result.assumptions if a.predicate == MBL + "frequency"]
