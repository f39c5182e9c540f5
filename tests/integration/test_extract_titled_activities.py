"""A heading that titles one piece of work, the activity written under it: a definition list's
term over its description (``<dt>``/``<dd>``), a card's ``<h3>`` over its ``<p>``. An activity
type the title names is that activity's type, and the activity's passage starts at the title;
a heading over several activities is a topic and types none of them. Pages of our own writing."""

from __future__ import annotations

from kg.extract import extract_text
from kg.extract.html import html_to_text

TYPE = "https://w3id.org/medborgarlofte/vocab/activity-type/"
DL = """<html><body><main>
<h1>Medborgarlöfte 2025–2026 för Ludvika kommun</h1>
<p>Lokalpolisområde Ludvika och Ludvika kommun lovar att arbeta för ökad trygghet i Ludvika.</p>
<h2>Det här ska vi göra</h2>
<dl>
<dt>Grannsamverkan</dt>
<dd>Polisen startar nya områden och utbildar kontaktombud.</dd>
<dt>Nattvandring</dt>
<dd>Kommunen stöttar föreningar som vill vara ute på helgkvällar.</dd>
</dl>
</main></body></html>
"""
CARDS = """# Medborgarlöfte 2025 för Avesta

Avesta kommun och lokalpolisområde Södra Dalarna lovar att arbeta för ökad trygghet i Avesta.

## Aktiviteter

### Grannsamverkan

Polisen startar nya områden och utbildar kontaktombud.

### Nattvandring

- Kommunen stöttar föreningar som vill vara ute på helgkvällar.
- Polisen besöker fritidsgården.
"""


def _types(text: str) -> list[tuple[str, list[str]]]:
    acts = extract_text(text, source_name="t.md").activities
    return [(a.description, sorted(t.removeprefix(TYPE) for t in a.activity_types)) for a in acts]


def test_a_definition_lists_term_gives_its_description_the_type() -> None:
    # the activities had no type: "Polisen startar nya områden …" names no kind of work
    text = html_to_text(DL)
    assert _types(text) == [
        ("Polisen startar nya områden och utbildar kontaktombud.", ["grannsamverkan"]),
        ("Kommunen stöttar föreningar som vill vara ute på helgkvällar.", ["nattvandring"]),
    ]
    [first, _] = extract_text(text, source_name="t.html").activities
    assert text[first.passage.start : first.passage.end].startswith("Grannsamverkan\n")


def test_a_cards_title_types_its_one_activity_not_a_topics_several() -> None:
    assert _types(CARDS) == [
        ("Polisen startar nya områden och utbildar kontaktombud.", ["grannsamverkan"]),
        ("Kommunen stöttar föreningar som vill vara ute på helgkvällar.", []),
        ("Polisen besöker fritidsgården.", []),
    ]


RUN_IN = """<html><body><main>
<h1>Medborgarlöfte 2025 för Vansbro kommun</h1>
<p>Vansbro kommun och lokalpolisområde Mora lovar att arbeta för ökad trygghet i Vansbro.</p>
<h2>Aktiviteter</h2>
<p><strong>Grannsamverkan.</strong> Polisen startar nya områden och utbildar kontaktombud.</p>
<p><strong>Trafik:</strong> Polisen genomför hastighetskontroller vid skolorna varje månad.</p>
<p>Polisen ska finnas i centrum. Kommunen ska ordna nattvandring med föräldrar.</p>
</main></body></html>
"""


def test_a_paragraphs_run_in_title_gives_its_one_activity_the_type() -> None:
    # "Grannsamverkan." was left out as a fragment and the activity had no type
    text = html_to_text(RUN_IN)
    assert _types(text) == [
        ("Polisen startar nya områden och utbildar kontaktombud.", ["grannsamverkan"]),
        ("Polisen genomför hastighetskontroller vid skolorna varje månad.", ["trafikkontroll"]),
        ("Polisen ska finnas i centrum.", []),
        ("Kommunen ska ordna nattvandring med föräldrar.", ["nattvandring"]),
    ]
    first = extract_text(text, source_name="t.html").activities[0]
    assert text[first.passage.start : first.passage.end].startswith("Grannsamverkan. Polisen")
