"""A table of activities set with spaces, as a PDF's text written out with its layout gives it,
whose long cells wrap onto the lines under it: each part of a line belongs to the column whose
header starts there, and a line with no cell beside its first one goes on with the row above
(the table was not read at all, and the document was refused as having no activities). A text
of our own writing."""

from __future__ import annotations

from kg.extract import extract_text
from kg.extract.tables import tables
from kg.extract.text import BlockKind, segment

TABLE = """Aktivitet                                   Ansvarig              När
Trygghetsvandring i Hagalund                Solna stad            Maj och oktober
Riktade kontroller mot narkotika            Polisen               Varje månad
vid Solna centrum
Föräldravandring på helger                  Solna stad,           Fredagar under
                                            föräldraföreningen    sommarlovet
Skolbesök i årskurs 7                       Polisen               En gång per termin
"""

TEXT = f"""Medborgarlöfte Solna stad 2025–2026

Lokalpolisområde Solna och Solna stad lovar att genomföra följande:

{TABLE}
Uppföljning sker i Solna stads trygghetsråd två gånger per år.
"""


def _cells(text: str) -> list[dict[str, str]]:
    rows = [b for b in tables(segment(text)) if b.kind is BlockKind.bullet]
    return [{role: b.text[x:y] for role, x, y in b.cells} for b in rows]


def test_a_wrapped_cell_goes_on_under_its_column() -> None:
    cells = _cells(TABLE)
    assert [c["activity"] for c in cells] == [
        "Trygghetsvandring i Hagalund",
        "Riktade kontroller mot narkotika vid Solna centrum",
        "Föräldravandring på helger",
        "Skolbesök i årskurs 7",
    ]
    assert cells[2]["responsible"] == "Solna stad, föräldraföreningen"
    assert cells[2]["frequency"] == "Fredagar under sommarlovet"


def test_a_promise_set_as_a_wrapped_table_gives_its_rows_as_activities() -> None:
    result = extract_text(TEXT, source_name="solna.txt")
    acts = result.activities
    assert len(acts) == 4
    assert [a.frequency.concept.rsplit("/", 1)[-1] for a in acts if a.frequency] == [
        "semiannual",
        "monthly",
        "weekly",
        "per-termin",
    ]
    assert [r.label for r in acts[2].responsible] == ["kommunen", "Föräldraföreningen"]
    # the passage holds the row's every line, the wrapped one too
    assert "vid Solna centrum" in acts[1].passage.exact(result.analysis.text)
    # the places of the activity's own cell (read across the row, "Solna stad" beside it made
    # "i Hagalund" seem the start of a longer name)
    assert [p.name for p in acts[0].places] == ["Hagalund"]


def test_lines_that_are_no_table_stay_as_they_are() -> None:
    """Two parts in one column, or a first line that starts no row: not a table."""
    for text in (
        "Aktivitet      Ansvarig\nen text   som   går\n",
        "Aktivitet      Ansvarig\n               Polisen\nTrygghetsvandring   Kommunen\n",
    ):
        assert not _cells(text), text


FIELDS = """# Medborgarlöfte Enköpings kommun 2025

Lokalpolisområde Enköping och Enköpings kommun lovar:

## Aktiviteter

- **Trygghetsvandringar**
  - Ansvar: Kommunen
  - När: Två gånger per år
  - Var: Centrum och Romberga
- **Trafikkontroller vid skolor**
  - Ansvar: Polisen
  - När: Varje månad under terminerna
- **Föräldravandringar**
  - Polisen och kommunen bjuder in föräldrar till vandringar.
"""


def test_an_item_over_its_labelled_fields_is_one_row() -> None:
    """ "- Trygghetsvandringar" over "- Ansvar: Kommunen", "- När: Två gånger per år": one activity
    whose fields say who and when (each field was an activity of its own, both parties as a
    default); an item whose sub-items are actions keeps them as its activities."""
    result = extract_text(FIELDS, source_name="enkoping.md")
    acts = result.activities
    assert [a.description for a in acts] == [
        "Trygghetsvandringar",
        "Trafikkontroller vid skolor",
        "Polisen och kommunen bjuder in föräldrar till vandringar.",
    ]
    assert [[r.label for r in a.responsible] for a in acts[:2]] == [["kommunen"], ["polisen"]]
    assert [a.frequency.concept.rsplit("/", 1)[-1] for a in acts[:2] if a.frequency] == [
        "semiannual",
        "monthly",
    ]
    assert "Var: Centrum och Romberga" in acts[0].passage.exact(result.analysis.text)
    # the place field names the places themselves; "Centrum" is a kind of area, no name
    assert [p.name for p in acts[0].places] == ["Romberga"]
