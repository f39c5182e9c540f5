"""An action plan whose activities are records of labelled fields, one a line, under "Aktivitet 1:
…" headings ("Beskrivning: …" / "Ansvarig: …" / "Tidsplan: …"), as municipal PDFs set them: each
record is an activity, its description the activity field, its actors the responsible field, its
rate the time field, as a row of a table with those columns. A text of our own writing."""

from __future__ import annotations

import pytest

from kg.errors import ExtractionError
from kg.extract import extract_text

TEXT = """Medborgarlöfte för Tidaholms kommun
Period: 1 januari – 31 december 2025

Lokalpolisområde Skövde och Tidaholms kommun har tillsammans kommit fram till följande löften.

Aktivitet 1: Trygghetsvandringar i Rosenberg
Beskrivning: Polis och kommun bjuder in boende till trygghetsvandringar
i Rosenberg och på Ekedalen.
Ansvarig: Kommunen och polisen
Tidsplan: Två gånger under året, vår och höst

Aktivitet 2: Trafikkontroller vid skolorna
Beskrivning: Hastighetskontroller vid Hellidsskolan.
Ansvarig: Polisen
Tidsplan: Minst en gång per månad under terminerna
"""


def test_each_record_of_fields_is_an_activity() -> None:
    # the promise was refused: "no promised activities were found"
    result = extract_text(TEXT, source_name="t.txt")
    got = [
        (a.description, [r.label for r in a.responsible], a.frequency and a.frequency.phrase)
        for a in result.activities
    ]
    assert got == [
        (
            "Polis och kommun bjuder in boende till trygghetsvandringar i Rosenberg och på Ekedalen.",
            ["kommunen", "polisen"],
            "Två gånger under året",
        ),
        ("Hastighetskontroller vid Hellidsskolan.", ["polisen"], "Minst en gång per månad"),
    ]
    for a in result.activities:  # the passage holds the record's fields
        quote = result.text[a.passage.start : a.passage.end]
        assert quote.startswith(a.description[:20]) and "\nTidsplan: " in quote


def test_fields_that_name_no_activity_are_no_record_of_one() -> None:
    # "Bakgrund:" names no activity column: the lines stay prose, which promises nothing here
    with pytest.raises(ExtractionError):
        extract_text(TEXT.replace("Beskrivning:", "Bakgrund:"), source_name="t.txt")


SHORT = """Medborgarlöfte Sala 2025

Sala kommun och lokalpolisområde Sala har kommit överens om följande medborgarlöfte för 2025.

Aktivitet: Trygghetsvandring i Sala centrum
Ansvarig: Kommunen och polisen
Tidplan: Q2 2025

Aktivitet: Hastighetskontroller på Ekebygatan
Ansvarig: Polisen
Tidplan: varje månad
"""


def test_a_record_of_short_fields_is_no_run_of_headings() -> None:
    # three short lines each was taken for a heading written right before its content: the
    # promise was refused ("no promised activities were found")
    result = extract_text(SHORT, source_name="t.txt")
    got = [
        (a.description, [r.label for r in a.responsible], a.frequency and a.frequency.phrase)
        for a in result.activities
    ]
    assert got == [
        ("Trygghetsvandring i Sala centrum", ["kommunen", "polisen"], None),
        ("Hastighetskontroller på Ekebygatan", ["polisen"], "varje månad"),
    ]
