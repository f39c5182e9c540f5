"""A title's year and a sentence about the validity that states the whole period from that year
on: "Medborgarlöfte 2025" over "… lovar under perioden 1 juli 2025 – 30 juni 2027 att:" (a text of
our own writing, the fourth round)."""

from __future__ import annotations

from datetime import date

from kg.extract import extract_text

TEXT = """Medborgarlöfte 2025

Ludvika kommun och lokalpolisområde Ludvika lovar under perioden 1 juli 2025 – 30 juni 2027 att:

- Polisen ska synas vid Resecentrum varje fredag och lördag kväll.
- Kommunen ska sätta upp kameror vid Resecentrum under hösten 2025.
"""


def test_the_validity_sentence_states_the_whole_period() -> None:
    # the title's year won: 2025-01-01 to 2025-12-31, which the text does not say
    p = extract_text(TEXT, source_name="ludvika.txt").analysis.period
    assert (p.start, p.end, p.verbatim, p.rule) == (
        date(2025, 7, 1),
        date(2027, 6, 30),
        "1 juli 2025 – 30 juni 2027",
        "",
    )


def test_a_range_from_another_year_does_not_replace_the_title() -> None:
    text = TEXT.replace("1 juli 2025 – 30 juni 2027", "1 juli 2023 – 30 juni 2024")
    p = extract_text(text, source_name="ludvika.txt").analysis.period
    assert (p.start, p.end) == (date(2025, 1, 1), date(2025, 12, 31))
