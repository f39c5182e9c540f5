"""A district the text says is one ("Kronoby är en stadsdel där …") is the promise's area when it
is named more than once or in a promise sentence, with the kind the text gives it; such a name
has no head word of its own ("…området", "…torget"), so it was lost. A pronoun or common noun
before "är ett område" ("Det är ett område …") names no area. Texts of our own writing."""

from __future__ import annotations

from rdflib import URIRef

from kg.extract import extract_text
from kg.namespaces import MBL, SCHEMA

AK = "https://w3id.org/medborgarlofte/vocab/area-kind/"

TEXT = """Medborgarlöfte för Kronoby 2025

Kronoby är en stadsdel i Laxå kommun där många upplever otrygghet. Det är ett område med många unga.
Laxå kommun och lokalpolisområde Örebro lovar att arbeta för ökad trygghet i Kronoby.

Vi lovar att:
- Polisen ska öka närvaron i centrum.
- Kommunen ska ordna trygghetsvandringar.
"""


def test_a_district_the_text_says_is_one_is_the_promises_area() -> None:
    result = extract_text(TEXT, source_name="t.txt")
    g = result.graph
    areas = list(g.objects(URIRef(result.iri), MBL.area))
    assert [str(g.value(a, SCHEMA.name)) for a in areas] == ["Kronoby"]
    assert g.value(areas[0], MBL.areaKind) == URIRef(AK + "stadsdel")


def test_a_name_said_to_be_an_area_once_and_never_promised_is_not_the_promises() -> None:
    text = TEXT.replace("ökad trygghet i Kronoby", "ökad trygghet").replace("för Kronoby 2025", "2025")
    result = extract_text(text, source_name="t.txt")
    assert list(result.graph.objects(URIRef(result.iri), MBL.area)) == []


def test_a_pronoun_said_to_be_an_area_names_none() -> None:
    from kg.extract.lexicon import default_lexicon
    from kg.extract.targets import said_to_be_areas

    text = "Det är ett område med många unga. Här är en stadsdel som växer."
    assert said_to_be_areas(text, default_lexicon()) == []
    text = "Kronoby är ett stort bostadsområde. I Kronoby bor 3000."
    found = said_to_be_areas(text, default_lexicon())
    assert [(text[s:e], k) for _, s, e, k in found] == [
        ("Kronoby är ett stort bostadsområde", AK + "bostadsomrade")
    ]
