"""A follow-up report written only as prose, with no title saying so and no list, is not a
promise: its sentences tell what was done ("Under året har polisen och kommunen genomfört fyra
trygghetsvandringar …", "Tolv kontroller gjordes …") and only its outlook commits ("Under 2025
kommer arbetet att fortsätta"). It was read as a promise of that outlook. A promise whose
background tells how it came about in the past stays a promise. Texts of our own writing."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import EXIT_BAD_INPUT
from kg.extract import extract_text

ACTIVE = """Medborgarlöfte Kumla 2024

Lokalpolisområde Kumla och Kumla kommun

Under året har polisen och kommunen genomfört fyra trygghetsvandringar i centrum och på Ekeby. \
Vid vandringarna deltog boende, fastighetsägare och föreningar.

Arbetet med att minska langningen av alkohol till unga har fortsatt. Polisen genomförde tolv \
kontroller vid skolavslutningar och andra helger.

Kommunen har satt upp ny belysning vid gångtunneln under Västra vägen.

Under 2025 kommer arbetet att fortsätta.
"""
PASSIVE = """Medborgarlöfte Kumla 2024

Under 2024 genomfördes fyra trygghetsvandringar i centrum. Tolv kontroller mot langning gjordes \
vid skolavslutningarna. Ny belysning har satts upp vid gångtunneln.

Arbetet kommer att fortsätta under 2025 och kommunen ska bjuda in till en ny trygghetsvandring.
"""
BACKGROUND = """Medborgarlöfte Kumla 2024

Under hösten 2023 har polisen och kommunen genomfört medborgardialoger i Kumla. Polisen har också \
träffat elever på skolorna och kommunen har ställt frågor till de boende på Ekeby.

Polisen ska genomföra trafikkontroller vid skolorna varje månad. Kommunen ska ordna två \
föräldrakvällar under året.
"""


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (ACTIVE, "rad 5: “Under året har polisen och kommunen genomfört fyra trygghetsvandringar"),
        (PASSIVE, "rad 3: “Under 2024 genomfördes fyra trygghetsvandringar i centrum.”"),
    ],
)
def test_a_report_in_prose_is_refused(tmp_path: Path, text: str, line: str) -> None:
    page = tmp_path / "kumla-2024.txt"
    page.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(page), "--explain"])
    assert result.exit_code == EXIT_BAD_INPUT, result.output
    assert "uppföljning av ett medborgarlöfte" in result.output and line in result.output
    assert "kg followup new" in result.output


def test_a_promise_whose_background_tells_the_past_is_a_promise() -> None:
    # the dialogues the promise rests on name a knowledge source: how it came about, not a report
    acts = extract_text(BACKGROUND, source_name="t.txt").activities
    assert [a.description for a in acts] == [
        "Polisen ska genomföra trafikkontroller vid skolorna varje månad.",
        "Kommunen ska ordna två föräldrakvällar under året.",
    ]
