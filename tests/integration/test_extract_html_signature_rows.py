"""A web page that sets its signature block as a table, each cell a signatory's lines
("Anna Berg<br>Kommunstyrelsens ordförande" beside "Per Ek<br>Lokalpolisområdeschef"): the row is
written line by line across its cells, so that each signatory keeps their post (cell after cell,
"Kommunstyrelsens ordförande | Per Ek" stood on one line and Per Ek lost his post and party). A
table whose cells hold different numbers of lines is written as before. Texts of our own
writing."""

from __future__ import annotations

from kg.extract import extract_text
from kg.extract.html import html_to_text

PAGE = """<html><body><h1>Medborgarlöfte 2025–2026</h1>
<p>Lokalpolisområde Kumla och Kumla kommun</p>
<h2>Det här ska vi göra</h2>
<ul><li>Polisen ska genomföra trafikkontroller vid skolorna varje månad.</li></ul>
<p>Kumla den 3 mars 2025</p>
<table><tr><td>Anna Berg<br>Kommunstyrelsens ordförande</td>
<td>Per Ek<br>Lokalpolisområdeschef</td></tr></table>
</body></html>"""


def test_a_signature_table_with_lines_in_its_cells_gives_each_signatory_their_post() -> None:
    text = html_to_text(PAGE)
    assert "Anna Berg | Per Ek\nKommunstyrelsens ordförande | Lokalpolisområdeschef\n" in text
    x = extract_text(text, source_name="t.html")
    assert [(s.name, s.post, str(s.party), str(s.date)) for s in x.signatures] == [
        ("Anna Berg", "Kommunstyrelsens ordförande", "municipality", "2025-03-03"),
        ("Per Ek", "Lokalpolisområdeschef", "police", "2025-03-03"),
    ]


def test_a_row_whose_cells_hold_different_numbers_of_lines_is_written_as_before() -> None:
    row = "<table><tr><td>Trygghetsvandring<br>i centrum</td><td>Kommunen</td></tr></table>"
    assert html_to_text(row) == "Trygghetsvandring\ni centrum | Kommunen\n"
