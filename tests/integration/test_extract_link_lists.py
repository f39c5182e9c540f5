"""A web page's list of links to other pages under a heading of its own ("Relaterade sidor"):
every item wholly one link (``<li><a href>…</a></li>``), the heading naming no part of the
promise, area, actor or kind of activity, so the items are pages elsewhere, not activities. A
list of links under "Aktiviteter" is the activities, each linking to its page, and a
responsibility line closing it still names who does them all. A cookie ``<dialog>`` is page
chrome. Pages of our own writing."""

from __future__ import annotations

from kg.extract import extract_text
from kg.extract.html import html_to_text

RELATED = """<html><body>
<dialog open><h2>Inställningar</h2><ul><li>Polisen ska få statistik</li></ul></dialog>
<main>
<h1>Medborgarlöfte Hofors 2025</h1>
<p>Lokalpolisområde Sandviken och Hofors kommun lovar att:</p>
<ol><li>Polisen genomför trafikkontroller på Hammarvägen varannan vecka.</li></ol>
<p>Löftet följs upp två gånger per år.</p>
<h2>Relaterade sidor</h2>
<ul><li><a href="/bra">Brottsförebyggande rådet</a></li>
<li><a href="/centrum">Polisen ska finnas i centrum - läs mer</a></li>
<li><a href="/vandringar">Trygghetsvandringar 2024</a></li></ul>
</main></body></html>
"""
ACTIVITIES = """<html><body><main>
<h1>Medborgarlöfte 2025–2026 Sala kommun</h1>
<h2>Aktiviteter</h2>
<ul><li><a href="/trygghetsvandring">Trygghetsvandringar i Sala centrum</a></li>
<li><a href="/kontroller">Trafikkontroller vid skolorna</a></li></ul>
<p>Ansvariga: Kommunen och polisen.</p>
</main></body></html>
"""


def test_a_list_of_links_under_a_heading_of_its_own_gives_no_activities() -> None:
    # the three links were activities, and the dialog's item a fourth
    result = extract_text(html_to_text(RELATED), source_name="hofors.html")
    assert [a.description for a in result.activities] == [
        "Polisen genomför trafikkontroller på Hammarvägen varannan vecka."
    ]
    assert "a link to another page" in result.explain()


def test_a_list_of_links_under_the_activities_heading_is_the_activities() -> None:
    result = extract_text(html_to_text(ACTIVITIES), source_name="sala.html")
    got = [(a.description, sorted(r.label for r in a.responsible)) for a in result.activities]
    assert got == [
        ("Trygghetsvandringar i Sala centrum", ["kommunen", "polisen"]),
        ("Trafikkontroller vid skolorna", ["kommunen", "polisen"]),
    ]
