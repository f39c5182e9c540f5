"""A validity stated as a time from a start that "med start" or "med början" gives ("Löftet
gäller under två år med start den 1 mars 2025"), or with a comma before "från" ("i två år, från
och med 1 mars 2025"), is the promise's period from that day; the text had no period and the
extraction asked for --period. A text of our own writing (the fifth round)."""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract import extract_text

TEXT = """Medborgarlöfte för Leksand

Leksands kommun och lokalpolisområde Mora lovar följande. {validity}

Trygghet i centrum

Polisen ska patrullera i Leksands centrum varje helg.
"""


@pytest.mark.parametrize(
    ("validity", "end"),
    [
        ("Löftet gäller under två år med start den 1 mars 2025.", date(2027, 2, 28)),
        ("Löftet gäller i två år, från och med 1 mars 2025.", date(2027, 2, 28)),
        ("Medborgarlöftet gäller i ett år med början 1 mars 2025.", date(2026, 2, 28)),
    ],
)
def test_a_time_from_a_start_with_med_start_is_the_period(validity: str, end: date) -> None:
    period = extract_text(TEXT.format(validity=validity), source_name="leksand.txt").analysis.period
    assert (period.start, period.end) == (date(2025, 3, 1), end)
