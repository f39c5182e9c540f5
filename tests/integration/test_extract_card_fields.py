"""A card: a title (``<h3>``) over a responsibility field ("Ansvarig: Polisen och kommunen")
and a paragraph that describes the work, often without a verb. The three are one activity:
its title, its responsible actors and its description (kg/extract/cards.py). Pages of our own
writing."""

from __future__ import annotations

from kg.extract import extract_text
from kg.extract.html import html_to_text

TYPE = "https://w3id.org/medborgarlofte/vocab/activity-type/"
CARDS = """<html><body><main>
<h1>Medborgarlöfte 2025–2026 för Tierps kommun</h1>
<p>Tierps kommun och lokalpolisområde Uppsala har tecknat ett medborgarlöfte för 2025–2026.</p>
<h2>Det här gör vi</h2>
<h3>Trygghetsvandringar i Tierps centrum</h3>
<p>Ansvarig: Polisen och kommunen</p>
<p>Två trygghetsvandringar per år tillsammans med boende och näringsidkare.</p>
<h3>Narkotikasök med hund på skolorna</h3>
<p>Minst en gång per termin på högstadieskolorna i kommunen.</p>
<p>Ansvarig: Polisen</p>
<h2>Uppföljning</h2>
<p>Löftet följs upp två gånger per år i kommunstyrelsen.</p>
</main></body></html>
"""


def _types(types: list[str]) -> list[str]:
    return [t.removeprefix(TYPE) for t in types]


def test_a_cards_title_field_and_verbless_description_are_one_activity() -> None:
    # the first card was lost (its paragraph promises nothing in words), and the page with it
    text = html_to_text(CARDS)
    acts = extract_text(text, source_name="t.html").activities
    read = [
        (a.title, a.description, sorted(r.label for r in a.responsible), _types(a.activity_types))
        for a in acts
    ]
    assert read == [
        (
            "Trygghetsvandringar i Tierps centrum",
            "Två trygghetsvandringar per år tillsammans med boende och näringsidkare.",
            ["kommunen", "polisen"],
            ["trygghetsvandring"],
        ),
        (
            "Narkotikasök med hund på skolorna",
            "Minst en gång per termin på högstadieskolorna i kommunen.",
            ["polisen"],
            ["narkotikasok-med-hund"],
        ),
    ]
    first = acts[0]
    assert first.frequency is not None and first.frequency.phrase == "Två trygghetsvandringar per år"
    quote = text[first.passage.start : first.passage.end]
    assert quote.startswith("Trygghetsvandringar i Tierps centrum\n") and quote.endswith("näringsidkare.")


def test_a_field_on_the_line_above_its_description_is_no_heading() -> None:
    # "Ansvarig: …" right above a longer line was split off as a heading of its own
    text = CARDS.replace("</p>\n<p>Två", "<br>Två")
    [first, _] = extract_text(html_to_text(text), source_name="t.html").activities
    assert first.title == "Trygghetsvandringar i Tierps centrum"
    assert sorted(r.label for r in first.responsible) == ["kommunen", "polisen"]


def test_a_heading_that_names_a_priority_area_is_no_card() -> None:
    # a heading that names a priority area governs what is under it: it titles no one activity
    text = CARDS.replace("Trygghetsvandringar i Tierps centrum", "Trafiksäkerhet").replace(
        "Två trygghetsvandringar per år tillsammans med boende och näringsidkare.",
        "Polisen ska genomföra hastighetskontroller vid skolorna varje månad.",
    )
    first = extract_text(html_to_text(text), source_name="t.html").activities[0]
    assert first.title == ""
    assert first.description.startswith("Polisen ska genomföra hastighetskontroller")
