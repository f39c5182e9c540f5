"""The end matter of a medborgarlöfte: the follow-up plan's channels and the signatures, read as
the text states them. Texts of our own writing in the layouts municipal pages use."""

from __future__ import annotations

from kg.extract import Extraction, extract_text

BODY = (
    "Medborgarlöfte 2025–2026 Umeå kommun och lokalpolisområde Umeå\n\n"
    "Polisen åtar sig att:\n"
    "• genomföra riktade insatser i stadskärnan minst två helger i månaden.\n\n"
)


def _extract(end: str) -> Extraction:
    return extract_text(BODY + end, source_name="t.txt")


def test_a_bare_web_address_is_a_channel() -> None:
    # "umea.se" was lost: only "polisen.se", a label of the channel vocabulary, was read
    x = _extract("Uppföljning\nLöftet följs upp två gånger per år och redovisas på umea.se och polisen.se.\n")
    plan = x.analysis.followup
    assert plan is not None
    assert [(c.label, c.url) for c in plan.channels] == [
        ("umea.se", "https://umea.se"),
        ("polisen.se", "https://polisen.se"),
    ]
    for c in plan.channels:
        assert x.text[c.passage.start : c.passage.end] == c.label


def test_a_bare_web_address_with_a_path_is_read_whole_and_an_abbreviation_is_none() -> None:
    x = _extract(
        "Uppföljning\nLöftet följs upp t.ex. i kommunstyrelsen två gånger per år och redovisas "
        "bl.a. på umea.se/medborgarloften, frågor besvaras via info@polisen.se.\n"
    )
    plan = x.analysis.followup
    assert plan is not None
    assert [c.label for c in plan.channels] == ["umea.se/medborgarloften"]
