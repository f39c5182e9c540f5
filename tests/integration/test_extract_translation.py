"""A Swedish promise followed on the same page by its English translation ("Citizen promise …",
"The police will …"): the promise is read once, from the Swedish text; the English paragraphs,
items and sections are left out (said so by ``--explain``), and the page is not refused as not
Swedish because half of it is English. A page of our own writing in the layout of a municipal
page."""

from __future__ import annotations

import pytest

from kg.errors import ExtractionError
from kg.extract import extract_text
from kg.extract.html import html_to_text

PAGE = """<html><body><main>
<h1>Medborgarlöfte 2025 – Mora kommun</h1>
<p>Lokalpolisområde Mora och Mora kommun lovar:</p>
<ul>
<li>Polisen ska genomföra trafikkontroller vid skolorna varje vecka.</li>
<li>Kommunen ska genomföra trygghetsvandringar i Noret två gånger per år.</li>
</ul>
<h2>Citizen promise 2025 – Mora municipality</h2>
<p>The local police area of Mora and Mora municipality promise to:</p>
<h3>Our promises</h3>
<ul>
<li>The police will carry out traffic checks near the schools every week.</li>
<li>The municipality will carry out safety walks in Noret twice a year.</li>
<li>Safety walks</li>
</ul>
<p>The promise is followed up twice a year.</p>
</main></body></html>
"""


def test_the_english_translation_gives_no_activities() -> None:
    # the page was refused as English ("bara 5% av orden är vanliga svenska småord"); with more
    # Swedish text it gave each English item as an activity of both parties
    result = extract_text(html_to_text(PAGE), source_name="mora.html")
    assert [a.description for a in result.activities] == [
        "Polisen ska genomföra trafikkontroller vid skolorna varje vecka.",
        "Kommunen ska genomföra trygghetsvandringar i Noret två gånger per år.",
    ]
    left = result.explain().split("Utelämnat / left out:")[1]
    assert "in English, a translation" in left and "Safety walks" in left


def test_a_page_in_english_only_is_still_refused() -> None:
    english = PAGE.split("<h2>", 1)[1].split("</h2>", 1)[1]
    with pytest.raises(ExtractionError, match="inte på svenska"):
        extract_text(html_to_text("<h1>Citizen promise 2025 Mora</h1>" + english * 2), source_name="en.html")
