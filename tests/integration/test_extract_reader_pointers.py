"""A pointer to the reader is a reference, not a channel the promise names for its follow-up:
"Läs mer om medborgarlöften på polisen.se", a footnote "¹ Se även polisen.se/…", "(se
polisen.se)", where the reader may contact or report ("Ring 114 14 eller besök polisen.se"). A
channel is where the text says the follow-up is reported ("redovisas på
kommunens webbplats", "Följ arbetet på …"). A footnote's reference mark in a web page
(``<sup>1</sup>``) is no word of its sentence. Texts of our own writing."""

from __future__ import annotations

from kg.extract import extract_text
from kg.extract.html import html_to_text

TEXT = """Medborgarlöfte 2025 för Fagersta kommun

Polisen lovar att:
- genomföra trafikkontroller vid skolorna varje vecka

Uppföljning

Löftet följs upp två gånger per år och redovisas på kommunens webbplats.¹ Läs mer om \
medborgarlöften på polisen.se. Följ arbetet på fagersta.se/trygghet. Vill du tipsa polisen? Ring \
114 14 eller besök polisen.se/tips.

¹ Se även polisen.se/vastmanland för polisens lägesbild (se polisen.se/statistik).
"""
PAGE = """<html><body><main>
<h1>Medborgarlöfte 2025 för Fagersta kommun</h1>
<h2>Polisen lovar att</h2>
<ul><li>genomföra trafikkontroller vid skolorna varje vecka</li></ul>
<h2>Uppföljning</h2>
<p>Löftet följs upp två gånger per år.<sup><a href="#fn1">1</a></sup> Resultatet redovisas på fagersta.se.</p>
<p class="fotnot">1. Mer information om lägesbilden finns på polisen.se.</p>
</main></body></html>
"""


def _channels(text: str) -> list[str]:
    plan = extract_text(text, source_name="t.txt").analysis.followup
    assert plan is not None
    return [c.label for c in plan.channels]


def test_a_pointer_to_the_reader_is_no_channel() -> None:
    # polisen.se, polisen.se/tips (where to report), polisen.se/vastmanland and polisen.se/statistik
    # were channels of the follow-up
    assert _channels(TEXT) == ["fagersta.se/trygghet"]


def test_a_footnote_in_a_web_page_is_no_channel_and_its_mark_no_word() -> None:
    text = html_to_text(PAGE)
    assert "per år. Resultatet" in text
    assert _channels(text) == ["fagersta.se"]
