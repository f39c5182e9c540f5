"""A PDF's text layer read by its geometry (kg/extract/pdf_layout.py): table rows, columns side by
side, indented sub-items and wrapped headings come out as the plain text the extractor reads.

Each PDF is set here line by line at chosen positions (fpdf2, the dev extra), as a word
processor places them, so that each test states the geometry it is about."""

from __future__ import annotations

from typing import Any

import pytest

from kg.extract import extract_text
from kg.extract.pdf import pdf_to_text
from kg.extract.summary import summarise

fpdf = pytest.importorskip("fpdf", reason="fpdf2 (dev extra) sets the test PDFs")

# (x mm, baseline y mm, text, style "" or "B", size pt)
Placed = tuple[float, float, str, str, float]


def _pdf(lines: list[Placed]) -> str:
    """The text :func:`pdf_to_text` reads from a page with these lines."""
    pdf = fpdf.FPDF(format="A4")
    pdf.add_page()
    for x, y, text, style, size in lines:
        pdf.set_font("helvetica", style=style, size=size)
        pdf.text(x, y, text)
    return pdf_to_text(bytes(pdf.output()), where="test.pdf")


def _body(y: float, *texts: str, x: float = 20) -> list[Placed]:
    """Lines of body text (11 pt) from ``y`` down, 5 mm apart."""
    return [(x, y + 5 * i, t, "", 11) for i, t in enumerate(texts)]


def _summary(text: str) -> Any:
    return summarise(extract_text(text, source_name="t.txt").analysis)


_TITLE: list[Placed] = [(20, 20, "Medborgarlöfte Höörs kommun 2024", "B", 20)]


def test_a_table_is_read_row_by_row_with_its_wrapped_cells_joined() -> None:
    """Each cell is a text box of its own, a cell's lines wrapped by its column's width and set
    in the middle of the row's height: the rows come out as rows, as the same table typed
    with tabs reads."""
    rows: list[Placed] = [
        (20, 45, "Aktivitet", "B", 11),
        (95, 45, "Ansvarig", "B", 11),
        (150, 45, "När", "B", 11),
    ]
    rows += [(20, 57, "Trafikkontroller vid Höörs station", "", 11), (95, 57, "Polisen", "", 11)]
    rows += [(150, 54.5, "en gång i", "", 11), (150, 59.5, "månaden", "", 11)]
    rows += [(20, 69.5, "Nattvandringar med föräldrar i", "", 11), (20, 74.5, "centrum", "", 11)]
    rows += [(95, 72, "Kommunen", "", 11), (150, 72, "varje helg", "", 11)]
    intro = _body(32, "Polisen och Höörs kommun lovar att genomföra aktiviteterna i tabellen nedan.")
    text = _pdf(_TITLE + intro + rows + _body(90, "Löftet följs upp årligen."))
    assert "Trafikkontroller vid Höörs station   Polisen   en gång i månaden" in text.splitlines()
    assert "Nattvandringar med föräldrar i centrum   Kommunen   varje helg" in text.splitlines()
    typed = (
        "Medborgarlöfte Höörs kommun 2024\n\n"
        "Polisen och Höörs kommun lovar att genomföra aktiviteterna i tabellen nedan.\n\n"
        "Aktivitet\tAnsvarig\tNär\n"
        "Trafikkontroller vid Höörs station\tPolisen\ten gång i månaden\n"
        "Nattvandringar med föräldrar i centrum\tKommunen\tvarje helg\n\n"
        "Löftet följs upp årligen.\n"
    )
    assert _summary(text)["activities"] == _summary(typed)["activities"]
    assert len(_summary(text)["activities"]) == 2


def test_two_paragraphs_side_by_side_are_not_read_as_a_table_row() -> None:
    """Two columns of text that happen to start level (a leaflet's layout) are one row, not a
    table: each column is read on its own, not line by line across."""
    left = _body(40, "Polisen ska vara synlig i", "centrum varje helg under", "hela sommaren.")
    right = _body(40, "Kommunen ska städa", "Stora torget varje dag", "under sommaren.", x=110)
    lines = _pdf(_TITLE + left + right).splitlines()
    assert lines.index("centrum varje helg under") == lines.index("Polisen ska vara synlig i") + 1


def test_columns_side_by_side_on_one_baseline_are_apart_on_their_line() -> None:
    """A signature block in two columns whose gap is narrower than the reader's margin for one
    line: the columns are split where the other lines show the second column's edge."""
    block = [(20, 40, "Gävle 2022-02-01", "", 11), (62, 40, "Gävle 2022-02-01", "", 11)]
    block += [(20, 45, "Anna Berg", "", 11), (62, 45, "Johan Ek", "", 11)]
    block += [(20, 50, "Lokalpolisområdeschef", "", 11), (62, 50, "Kommunstyrelsens ordförande", "", 11)]
    lines = _pdf(_TITLE + block).splitlines()
    assert "Anna Berg   Johan Ek" in lines
    assert "Lokalpolisområdeschef   Kommunstyrelsens ordförande" in lines


def test_sub_items_keep_their_indentation() -> None:
    """Sub-items ("o …", as a word processor writes them) set further right than their item:
    the text is indented as the page is, and the sub-items are read under their item."""
    items = [
        (25, 40, "1. Polisen ska öka sin närvaro i Noltorp.", "", 11),
        (35, 45, "o Fotpatrullering varje fredagskväll.", "", 11),
        (35, 50, "o Besök på fritidsgården Ekhagen en gång i månaden.", "", 11),
        (25, 55, "2. Kommunen ska arbeta mot nedskräpning i centrum.", "", 11),
        (35, 60, "o Extra städning av Stora torget dagligen under sommaren.", "", 11),
    ]
    intro = _body(30, "Alingsås kommun och polisen lovar följande under 2023:")
    text = _pdf([(20, 20, "Medborgarlöfte Alingsås kommun 2023", "B", 20), *intro, *items])
    sub = next(x for x in text.splitlines() if "Fotpatrullering" in x)
    item = next(x for x in text.splitlines() if "Noltorp" in x)
    assert len(sub) - len(sub.lstrip()) >= len(item) - len(item.lstrip()) + 2
    typed = (
        "Medborgarlöfte Alingsås kommun 2023\n\nAlingsås kommun och polisen lovar följande under 2023:\n\n"
        "1. Polisen ska öka sin närvaro i Noltorp.\n   - Fotpatrullering varje fredagskväll.\n"
        "   - Besök på fritidsgården Ekhagen en gång i månaden.\n"
        "2. Kommunen ska arbeta mot nedskräpning i centrum.\n"
        "   - Extra städning av Stora torget dagligen under sommaren.\n"
    )
    assert _summary(text)["activities"] == _summary(typed)["activities"]


_PARAGRAPH = _body(
    60,
    "Lokalpolisområde Köping och kommunerna lovar invånarna följande under 2024 och 2025,",
    "och de följer upp löftet varje halvår tillsammans med invånarna i kommunerna.",
)


def test_a_heading_wrapped_by_the_page_is_one_heading_line() -> None:
    """A title in a large bold font wraps where the next word does not fit: one heading line,
    marked by its size's rank among the headings."""
    title = [
        (20, 25, "Medborgarlöfte 2024-2025 för Arboga,", "B", 24),
        (20, 35, "Köping och Kungsör", "B", 24),
    ]
    text = _pdf([*title, (20, 50, "Prioriterade områden", "B", 14), *_PARAGRAPH])
    lines = text.splitlines()
    assert "# Medborgarlöfte 2024-2025 för Arboga, Köping och Kungsör" in lines
    assert "## Prioriterade områden" in lines


def test_short_bold_lines_and_a_large_paragraph_are_not_joined_into_a_heading() -> None:
    """Lines that would have fitted on the line above are lines of their own (bold names one
    under another), a list item set in bold is an item, and a sentence set large (an ingress)
    is no heading."""
    names = [
        (20, 25, "Anna Berg", "B", 11),
        (20, 30, "Johan Ek", "B", 11),
        (20, 80, "- Trygghet i centrum", "B", 11),
    ]
    ingress = [
        (20, 42, "Polisen och kommunen har kommit överens om att arbeta", "", 14),
        (20, 48, "tillsammans för ökad trygghet i centrum.", "", 14),
    ]
    lines = _pdf([*names, *ingress, *_PARAGRAPH]).splitlines()
    assert "Anna Berg" in lines and "Johan Ek" in lines
    assert "tillsammans för ökad trygghet i centrum." in lines
    assert not any(x.startswith(("#", "**")) for x in lines)
