"""A follow-up report is not a promise, told by grammar and structure: a title that names a
promise in the past ("Så gick det med medborgarlöftet 2024") or list items that say what was done
("Vi genomförde …", "… har genomförts", "… blev inte av") are refused (exit 2) with a pointer to
'kg followup new'; a report that goes on with a new promise ("Medborgarlöfte 2025", its items
commitments with "ska") gives that promise, the report not read as activities. Texts of our own
writing."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import EXIT_BAD_INPUT, ExtractionError
from kg.extract import extract_text

TITLED = """Så gick det med medborgarlöftet i Hudiksvall 2024

Under 2024 har polisen och Hudiksvalls kommun arbetat med medborgarlöftet.

Polisen har genomfört 30 trafikkontroller vid skolorna och 12 insatser vid resecentrum.

Under 2025 ska polisen fortsätta med trafikkontrollerna och kommunen ska fortsätta arbetet med belysningen.
"""
REPORTED_ITEMS = """Medborgarlöfte Falköping 2024

Falköpings kommun och lokalpolisområde Skövde

Aktiviteter

- Vi genomförde 12 trygghetsvandringar i Mösseberg.
- Trafikkontrollerna vid skolorna har genomförts varje månad.
- Föräldrakvällen blev inte av.
"""
REPORT_THEN_PROMISE = """Medborgarlöftet i Falköping 2024 och 2025
Falköpings kommun och lokalpolisområde Skövde

Aktiviteter 2024

- Vi genomförde 12 trygghetsvandringar i Mösseberg.
- Trafikkontrollerna vid skolorna har genomförts varje månad.
- Föräldrakvällen blev inte av.

Medborgarlöfte 2025

- Polisen ska genomföra trafikkontroller vid skolorna varje månad.
- Kommunen ska ordna två föräldrakvällar under året.
"""


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (TITLED, "rad 1: “Så gick det med medborgarlöftet i Hudiksvall 2024”"),
        (REPORTED_ITEMS, "rad 7: “Vi genomförde 12 trygghetsvandringar i Mösseberg.”"),
    ],
)
def test_a_report_in_the_past_is_refused(tmp_path: Path, text: str, line: str) -> None:
    # both were extracted as promises: the first with the outlook's two activities, the second
    # with the three things done as its activities
    page = tmp_path / "rapport.txt"
    page.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(page), "--municipality", "Hudiksvall"])
    assert result.exit_code == EXIT_BAD_INPUT, result.output
    assert "uppföljning av ett medborgarlöfte" in result.output and line in result.output
    assert "kg followup new" in result.output and " / The text looks like a follow-up" in result.output


def test_a_report_that_goes_on_with_a_new_promise_gives_the_promise() -> None:
    result = extract_text(REPORT_THEN_PROMISE, source_name="t.txt")
    assert [a.description for a in result.activities] == [
        "Polisen ska genomföra trafikkontroller vid skolorna varje månad.",
        "Kommunen ska ordna två föräldrakvällar under året.",
    ]
    assert result.analysis.period.verbatim == "2025"
    assert any("lästes inte som aktiviteter" in n for n in result.notes)


def test_a_promise_whose_situation_tells_the_past_is_a_promise() -> None:
    text = (
        "Medborgarlöfte Falköping 2025\n\nLägesbild\n\nUnder 2024 genomfördes en trygghetsmätning. "
        "Den visade att många upplevde centrum som otryggt.\n\nDet här ska vi göra\n\n"
        "- Polisen ska genomföra trafikkontroller vid skolorna varje månad.\n"
        "- Genomföra trygghetsvandringar i centrum.\n"
    )
    try:
        acts = extract_text(text, source_name="t.txt").activities
    except ExtractionError as exc:  # pragma: no cover - the failure this test guards against
        raise AssertionError(str(exc)) from exc
    assert len(acts) == 2
