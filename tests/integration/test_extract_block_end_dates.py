"""A signature block's only place-and-date line, standing below every signature, dates the whole
block, as such a line above it does; it dated only the last signature, so the issue date was said
to rest on one dated signature of two. That the line is the block's, not the last signatory's
own, is a reading: it is recorded as an assumption on each signature above the last. Texts of our
own writing."""

from __future__ import annotations

from kg.extract import Extraction, extract_text

BODY = (
    "Medborgarlöfte 2025 Kumla kommun och lokalpolisområde Kumla\n\n"
    "Polisen åtar sig att:\n"
    "• genomföra trafikkontroller vid skolorna varje månad.\n\n"
)
RULE = "extract:signature-dated-by-block-end"


def _extract(end: str) -> Extraction:
    return extract_text(BODY + end, source_name="t.txt")


def test_a_date_line_below_the_block_dates_every_signature_as_an_assumption() -> None:
    x = _extract(
        "Anna Berg\nKommunstyrelsens ordförande, Kumla kommun\n\n"
        "Per Ek\nLokalpolisområdeschef, lokalpolisområde Kumla\n\n"
        "Kumla 2025-03-01\n"
    )
    assert [(s.name, s.place, str(s.date)) for s in x.signatures] == [
        ("Anna Berg", "Kumla", "2025-03-01"),
        ("Per Ek", "Kumla", "2025-03-01"),
    ]
    first = x.signatures[0]
    assert x.text[first.passage.start : first.passage.end].endswith("Kumla 2025-03-01")
    [read] = [a for a in x.assumptions if a.rule == RULE]
    assert read.subject.endswith("/signature/1") and read.predicate.endswith("/date")
    assert str(read.value) == "2025-03-01" and "Anna Berg" in read.reason_sv
    [issued] = [a for a in x.assumptions if a.predicate.endswith("issued")]
    assert issued.rule == "extract:issued-from-last-signature"


def test_a_date_line_below_each_signatory_stays_that_signatory_s_and_assumes_nothing() -> None:
    x = _extract(
        "Anna Berg\nKommunstyrelsens ordförande, Kumla kommun\nKumla 2025-02-27\n\n"
        "Per Ek\nLokalpolisområdeschef, lokalpolisområde Kumla\nKumla 2025-03-01\n"
    )
    assert [(s.name, str(s.date)) for s in x.signatures] == [
        ("Anna Berg", "2025-02-27"),
        ("Per Ek", "2025-03-01"),
    ]
    assert not [a for a in x.assumptions if a.rule == RULE]


def test_a_date_line_above_the_block_is_no_assumption() -> None:
    x = _extract(
        "Kumla 2025-03-01\n\nAnna Berg\nKommunstyrelsens ordförande, Kumla kommun\n\n"
        "Per Ek\nLokalpolisområdeschef, lokalpolisområde Kumla\n"
    )
    assert [str(s.date) for s in x.signatures] == ["2025-03-01", "2025-03-01"]
    assert not [a for a in x.assumptions if a.rule == RULE]


def test_a_date_line_above_the_first_and_one_below_the_last_date_each_its_own() -> None:
    # the lower line was dropped: the second signature had no date, the issue date rested on one
    x = _extract(
        "Kumla den 27 februari 2025\n\nAnna Berg\nKommunstyrelsens ordförande, Kumla kommun\n\n"
        "Per Ek\nLokalpolisområdeschef, lokalpolisområde Kumla\n\nÖrebro den 3 mars 2025\n"
    )
    assert [(s.name, s.place, str(s.date)) for s in x.signatures] == [
        ("Anna Berg", "Kumla", "2025-02-27"),
        ("Per Ek", "Örebro", "2025-03-03"),
    ]
    last = x.signatures[1]
    assert x.text[last.passage.start : last.passage.end].startswith("Per Ek")
    assert x.text[last.passage.start : last.passage.end].endswith("Örebro den 3 mars 2025")
    # each date is stated with its signatory: nothing is assumed of a signature's date
    assert not [a for a in x.assumptions if a.rule == RULE]
    [issued] = [a for a in x.assumptions if a.predicate.endswith("issued")]
    assert issued.rule == "extract:issued-from-last-signature"
