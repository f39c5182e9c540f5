"""Where an activity is done when the text names no particular place: "i kommunala skolor", "på
parkeringsplatser", "i krogmiljö" are kept in the text's words (mbl:placeText) with the kinds of
place (mbl:placeKind, area-kind scheme); they were lost, as the extractor kept named places only.
Places coordinated after an adjective in -a ("samt allmänna platser") are no second activity, and a
locality whose name ends in a kind of place ("i Bjurbyn") stays a named place. A text of our own
writing."""

from __future__ import annotations

from rdflib import Literal, URIRef

from kg.extract import extract_text
from kg.namespaces import MBL, SCHEMA

AK = "https://w3id.org/medborgarlofte/vocab/area-kind/"

TEXT = """Medborgarlöfte 2025–2026 för Laxå kommun

Laxå kommun och lokalpolisområde Örebro lovar att under 2025–2026 arbeta i samverkan för ökad trygghet.

Det här ska vi göra

- Polisen ska genomföra narkotikasök med hund i kommunala skolor.
- Kommunen ska förbättra belysningen på kommunens gång- och cykelvägar samt allmänna platser.
- Polisen ska göra tillsyner i krogmiljö och vid parkeringsplatser varje helg.
- Polisen ska göra trafikkontroller i Bjurbyn.
- Kommunen ska bjuda in föräldrar till ett möte om droger.
"""


def test_the_place_an_activity_is_done_at_in_the_texts_words_and_its_kinds() -> None:
    result = extract_text(TEXT, source_name="t.txt")
    g = result.graph
    acts = [URIRef(f"{result.iri}/activity/{n}") for n in range(1, len(result.activities) + 1)]
    assert len(acts) == 5  # "samt allmänna platser" is no activity of its own

    def where(node: URIRef) -> tuple[set[str], set[str]]:
        texts = {str(t) for t in g.objects(node, MBL.placeText)}
        kinds = {str(k).removeprefix(AK) for k in g.objects(node, MBL.placeKind)}
        return texts, kinds

    assert where(acts[0]) == ({"kommunala skolor"}, {"skola"})
    assert where(acts[1]) == (
        {"kommunens gång- och cykelvägar samt allmänna platser"},
        {"gata-och-vag", "offentlig-miljo"},
    )
    assert where(acts[2]) == ({"krogmiljö", "parkeringsplatser"}, {"krog", "parkering"})
    assert where(acts[3]) == ({"Bjurbyn"}, {"stadsdel"})
    assert where(acts[4]) == (set(), set())  # "till ett möte": no place
    # no place is minted for a kind of place; a named one keeps its node
    assert {str(g.value(p, SCHEMA.name)) for a in acts for p in g.objects(a, SCHEMA.location)} == {"Bjurbyn"}
    assert (acts[0], MBL.placeText, Literal("kommunala skolor")) in g


def test_explain_shows_where() -> None:
    from kg.extract.explain import explain

    result = extract_text(TEXT, source_name="t.txt")
    text = explain(result.analysis)
    assert "var / where: 'kommunala skolor' (skola)" in text
    assert "'krogmiljö' (krog), 'parkeringsplatser' (parkering)" in text
