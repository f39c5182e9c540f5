"""The validity period of a promise (:mod:`kg.extract.periods`): how texts write it, and which of
several periods on a page is the promise's."""

from __future__ import annotations

from datetime import date

import pytest

from kg.errors import ExtractionError
from kg.extract import extract_text
from kg.extract.periods import choose_period, find_periods
from kg.extract.text import normalise, segment


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Medborgarlöfte 2023-2024", date(2023, 1, 1), date(2024, 12, 31)),
        ("Medborgarlöfte 2023–24", date(2023, 1, 1), date(2024, 12, 31)),
        ("Medborgarlöften för 2022 och 2023", date(2022, 1, 1), date(2023, 12, 31)),
        ("gäller 1 juli 2019 – 30 juni 2020", date(2019, 7, 1), date(2020, 6, 30)),
        ("läsåret 2023/2024", date(2023, 7, 1), date(2024, 6, 30)),
        # "till och med", "t.o.m." between the ends (gave no period, or only a year's)
        ("gäller från och med januari 2025 till och med december 2026", date(2025, 1, 1), date(2026, 12, 31)),
        ("gäller 1 juli 2024 t.o.m. 30 juni 2025", date(2024, 7, 1), date(2025, 6, 30)),
        ("Medborgarlöfte från 2024 till och med 2026", date(2024, 1, 1), date(2026, 12, 31)),
        # halves of the year: the terms of a school year (gave "2024", the autumn's year alone)
        ("gäller under hösten 2024 och våren 2025", date(2024, 7, 1), date(2025, 6, 30)),
        ("höstterminen 2024 till vårterminen 2025", date(2024, 7, 1), date(2025, 6, 30)),
        ("från våren 2025 – hösten 2026", date(2025, 1, 1), date(2026, 12, 31)),
        # a school year with a dash, or "läsår" without the article: gave the calendar years
        ("Medborgarlöfte läsåret 2025–2026", date(2025, 7, 1), date(2026, 6, 30)),
        ("för läsår 2025—2026", date(2025, 7, 1), date(2026, 6, 30)),
        # the terms' abbreviations: gave two single years
        ("Medborgarlöfte HT 2025 – VT 2026", date(2025, 7, 1), date(2026, 6, 30)),
        ("gäller ht 2025 och vt 2026", date(2025, 7, 1), date(2026, 6, 30)),
    ],
)
def test_how_texts_write_a_period(text: str, start: date, end: date) -> None:
    found = find_periods(text)
    assert len(found) == 1 and (found[0].start, found[0].end) == (start, end)


def test_two_years_that_do_not_follow_each_other_are_two_years() -> None:
    assert [p.verbatim for p in find_periods("under 2019 och 2022")] == ["2019", "2022"]


# A page that announces next period's work above the promise that holds the activities.
PAGE = """Medborgarlöften i Tidaholms kommun

Medborgarlöften 2026/2027

Under hösten genomförs dialoger inför nästa medborgarlöfte.

Medborgarlöften 2024/2025

Polisen och kommunen lovar att:

- Polisen ska patrullera i centrum varje fredag.
- Kommunen ska förbättra belysningen i parken.
"""


def test_the_heading_above_the_activities_gives_the_period() -> None:
    text = normalise(PAGE)
    first = text.index("- Polisen")
    period = choose_period(segment(text), given=None, where="t", notes=[], first_activity=first)
    assert (period.start.year, period.end.year, period.rule) == (2024, 2025, "")


def test_the_date_of_signing_is_not_the_period() -> None:
    text = normalise(
        "Nytt medborgarlöfte\n\nMedborgarlöftet undertecknades den 12 december 2023. Det gäller "
        "under 2024.\n\n- Polisen ska patrullera i centrum varje fredag.\n"
    )
    first = text.index("- Polisen")
    period = choose_period(segment(text), given=None, where="t", notes=[], first_activity=first)
    assert (period.start, period.end) == (date(2024, 1, 1), date(2024, 12, 31))


def test_a_date_not_stated_for_the_promise_is_an_inference() -> None:
    text = (
        "Tidaholm – medborgarlöften\n\nKommunen och polisen lovar att arbeta för att motverka "
        "droganvändning bland unga.\n\n- Polisen ska genomföra två insatser under hösten 2025.\n"
    )
    result = extract_text(text, source_name="t.txt")
    assert result.analysis.period.rule == "period-from-other-date"
    assert {a.rule for a in result.assumptions} >= {"extract:period-from-other-date"}


def test_no_period_asks_for_the_option_and_a_given_one_is_the_stewards() -> None:
    text = "Tidaholm – medborgarlöften\n\n- Polisen ska patrullera i centrum varje fredag.\n"
    with pytest.raises(ExtractionError) as info:
        extract_text(text, source_name="t.txt")
    assert "--period" in str(info.value)
    result = extract_text(text, source_name="t.txt", period="2025")
    assert result.analysis.period.given
    assert {a.rule for a in result.assumptions} >= {"option:--period"}
    with pytest.raises(ExtractionError):
        extract_text(text, source_name="t.txt", period="snart")


SIGNED = """Medborgarlöfte för Gnosjö kommun

Lokalpolisområde Värnamo och Gnosjö kommun lovar gemensamt att arbeta mot brott. Löftet gäller i {n} år från den dag det skrivs under.

- Polisen genomför hastighetskontroller vid skolorna minst två gånger per termin.

Gnosjö {date}
Karin Holm, kommunstyrelsens ordförande
Per Lind, lokalpolisområdeschef
"""  # noqa: E501


@pytest.mark.parametrize(
    ("n", "signed", "start", "end"),
    [
        ("två", "den 20 augusti 2025", date(2025, 8, 20), date(2027, 8, 19)),
        ("ett", "2024-02-29", date(2024, 2, 29), date(2025, 2, 28)),
    ],
)
def test_a_time_from_the_signing_counts_from_the_signatures_date(
    n: str, signed: str, start: date, end: date
) -> None:
    """ "Löftet gäller i två år från den dag det skrivs under": no period in figures, but one the
    text states from the signing; counted from the signatures' date, an inference recorded as
    such (it was refused as having no period)."""
    result = extract_text(SIGNED.format(n=n, date=signed), source_name="t.txt")
    period = result.analysis.period
    assert (period.start, period.end, period.rule) == (start, end, "period-from-signing")
    assert period.verbatim == f"gäller i {n} år från den dag det skrivs under"
    assert {a.rule for a in result.assumptions} >= {"extract:period-from-signing"}


def test_a_time_from_an_undated_signing_asks_for_the_period() -> None:
    text = SIGNED.format(n="två", date="").replace("Gnosjö \n", "")
    with pytest.raises(ExtractionError) as info:
        extract_text(text, source_name="t.txt")
    message = str(info.value)
    assert "gäller i två år från den dag det skrivs under" in message and "--period" in message


@pytest.mark.parametrize(
    ("words", "start", "end", "assumed"),
    [
        # the end stated, the start the signing: only the start is assumed
        (
            "Löftet gäller från undertecknandet till och med december 2026.",
            date(2025, 8, 20),
            date(2026, 12, 31),
            1,
        ),
        ("Löftet gäller till och med 31 december 2026.", date(2025, 8, 20), date(2026, 12, 31), 1),
        # the start stated, the end a time from it: a reading of the stated words
        ("Löftet gäller från 1 mars 2025 och två år framåt.", date(2025, 3, 1), date(2027, 2, 28), 0),
        (
            "Löftet gäller från och med 2025-03-01 till och med den 28 februari 2027.",
            date(2025, 3, 1),
            date(2027, 2, 28),
            0,
        ),
    ],
)
def test_a_validity_stated_by_its_end_or_a_start_and_a_time(
    words: str, start: date, end: date, assumed: int
) -> None:
    """Not both ends in figures: the start is where the text says, else the signing (assumed);
    the end is stated or a time from the start (these were refused as having no period)."""
    text = SIGNED.format(n="två", date="den 20 augusti 2025").replace(
        "Löftet gäller i två år från den dag det skrivs under.", words
    )
    result = extract_text(text, source_name="t.txt")
    period = result.analysis.period
    assert (period.start, period.end) == (start, end)
    assert period.verbatim == words.removeprefix("Löftet ").rstrip(".")
    rules = [
        a.predicate.rsplit("#", 1)[-1] for a in result.assumptions if a.rule == "extract:period-from-signing"
    ]
    assert len(rules) == assumed and all(r == "startDate" for r in rules)


def test_a_validity_by_its_end_beats_a_year_given_for_something_else() -> None:
    """ "enligt trygghetsmätningen 2024" is no period of the promise; "gäller till och med 31
    december 2026" is its end."""
    text = SIGNED.format(n="två", date="den 20 augusti 2025").replace(
        "Löftet gäller i två år från den dag det skrivs under.",
        "Enligt trygghetsmätningen 2024 är många otrygga. Löftet gäller till och med 31 december 2026.",
    )
    period = extract_text(text, source_name="t.txt").analysis.period
    assert (period.start, period.end, period.rule) == (
        date(2025, 8, 20),
        date(2026, 12, 31),
        "period-from-signing",
    )
