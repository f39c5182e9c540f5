"""Target groups and areas within the municipality that the extractor reads from the text
(kg/extract/targets.py, issue 16 point 3): stated ones are found, mentioned ones are not."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS

from kg.extract import extract_text
from kg.extract.lexicon import default_lexicon
from kg.extract.targets import area_kind, target_groups

REPO = Path(__file__).resolve().parent.parent.parent
MBL = "https://w3id.org/medborgarlofte/def/"
TG = "https://w3id.org/medborgarlofte/vocab/target-group/"
AR = "https://w3id.org/medborgarlofte/vocab/area-kind/"


def _groups(text: str) -> list[str]:
    return [c.rsplit("/", 1)[-1] for c in target_groups(text, default_lexicon())]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kommunen ska ordna lovaktiviteter riktade till ungdomar i området.", ["ungdomar"]),
        ("Förtroendet ska öka bland de boende.", ["boende"]),
        ("Polisen ska informera gymnasieelever om narkotika.", ["gymnasieelever"]),
        ("Insatser mot våld som riktar sig till kvinnor och flickor.", ["flickor", "kvinnor"]),
        ("Fritidsgården har öppet för barn och unga på helger.", ["barn", "ungdomar"]),
        ("Stöd till näringsidkare i centrum.", ["naringsidkare"]),
        # the object of a verb that reaches people, in its present and past forms too (these
        # gave no group: only "informera" in the infinitive was read)
        ("Polisen informerar äldre om bedrägerier två gånger per år.", ["aldre"]),
        ("Polisen besöker elever i årskurs 8.", ["elever"]),
        ("Kommunen ger näringsidkare råd om brottsförebyggande åtgärder.", ["naringsidkare"]),
        ("Kommunen bjuder in föräldrar till att delta vid nattvandringar.", ["foraldrar"]),
        # a group after another and "till" qualifies it: the parents, not the teenagers
        ("Kommunen erbjuder föräldrar till tonåringar en kurs varje termin.", ["foraldrar"]),
        # the people an action works with, or between whom it is
        ("Fortsatt arbete med ungdomar i deras miljöer.", ["ungdomar"]),
        ("Polisen ska förbättra dialogen mellan polis och medborgare.", ["boende"]),
        # a group coordinated with an aimed one is aimed too (only the first was read)
        ("Fältarna bygger relationer med barn, unga och föräldrar.", ["barn", "ungdomar", "foraldrar"]),
        (
            "Polisen ska informera äldre personer, hyresgäster samt näringsidkare om bedrägerier.",
            ["aldre", "hyresgaster", "naringsidkare"],
        ),
        # the people an action finds early, and the object of a noun of action after "av"
        ("Skolan och socialtjänsten ska tidigt upptäcka elever som far illa.", ["elever"]),
        ("Fältarna fångar upp ungdomar som rör sig på stan sent.", ["ungdomar"]),
        ("Arbetet ska förhindra rekrytering av barn till gäng.", ["barn"]),
        ("Kartläggning av äldre personers utsatthet för bedrägerier.", ["aldre"]),
        # coordinated with a group that is only mentioned: neither is aimed
        ("Ungdomar och föräldrar deltog i dialogen.", []),
    ],
)
def test_a_group_an_action_is_aimed_at_is_a_target_group(text: str, expected: list[str]) -> None:
    assert _groups(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Insatser avseende infrastruktur och boende.",
        "Ungdomar och äldre deltog i dialogen.",
        "Polisen besöker Ungdomshuset Solgläntan.",
        # a partner, not whom the action reaches
        "Polisen genomför trygghetsvandringar i samverkan med föräldrar.",
        "Kommunen ordnar nattvandringar tillsammans med föräldrar.",
    ],
)
def test_a_group_only_mentioned_is_not_a_target_group(text: str) -> None:
    assert _groups(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an event named by the group it is for: the group is the compound's first member
        ("Kommunen ska ordna en seniorträff om bedrägerier varje vår.", ["aldre"]),
        ("Polisen ska hålla föräldramöten i årskurs 7.", ["foraldrar"]),
        ("Kommunen anordnar ungdomsdialoger två gånger per år.", ["ungdomar"]),
        ("Polisen ska delta på elevkvällar på gymnasiet.", ["elever"]),
        # a group named after the event is the event's: more particular than its first member
        ("Polisen genomför medborgardialoger med ungdomar om trafik.", ["ungdomar"]),
        # an event referred to in a relative clause is not the one the action holds
        ("Polisen patrullerar på platser som i medborgardialogerna pekats ut.", []),
        # a group or a unit, no event for them
        ("Kommunens ungdomsgrupp och Barn- och ungdomsförvaltningen ska träffas.", []),
    ],
)
def test_an_event_named_by_its_group_in_a_compound_is_aimed_at_it(text: str, expected: list[str]) -> None:
    assert _groups(text) == expected


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Västerbyområdet", "bostadsomrade"),
        ("Solbackens förskola", "skola"),
        ("Granskolan", "skola"),
        ("Ungdomshuset Ankaret", "fritidsgard"),
        ("Åsby centrum", "centrum"),
        ("Puls Arena", None),
    ],
)
def test_the_head_word_of_a_place_name_gives_its_kind(name: str, kind: str | None) -> None:
    found = area_kind(name, default_lexicon())
    assert (found.rsplit("/", 1)[-1] if found else None) == kind


PROMISE = """Medborgarlöfte 2025

Lokalpolisområde Nyköping och Nyköpings kommun lovar att under 2025 arbeta för ökad trygghet bland
de boende i Brandkärrsområdet.

Det här ska vi göra

- Polisen ska två gånger per termin besöka Brandkärrsskolan.
- Kommunen ska ordna lovaktiviteter riktade till ungdomar i Brandkärrsområdet.
- Polisen ska genomföra trafikkontroller på Stora torget.
"""


def _extract() -> tuple[Graph, URIRef]:
    result = extract_text(PROMISE, source_name="brandkarr.txt", municipality="0480")
    return result.graph, result.iri


def test_the_promise_and_its_activities_get_what_the_text_states() -> None:
    g, promise = _extract()
    area = URIRef(f"{promise}/place/brandkarrsomradet")
    school = URIRef(f"{promise}/place/brandkarrsskolan")
    assert set(g.objects(promise, DCTERMS.audience)) == {URIRef(TG + "boende")}
    assert set(g.objects(promise, URIRef(MBL + "area"))) == {area}
    assert (area, RDF.type, URIRef(MBL + "Area")) in g
    assert (area, URIRef(MBL + "areaKind"), URIRef(AR + "bostadsomrade")) in g
    visit, leisure, checks = (URIRef(f"{promise}/activity/{n}") for n in (1, 2, 3))
    assert set(g.objects(visit, URIRef(MBL + "area"))) == {school}
    assert set(g.objects(leisure, DCTERMS.audience)) == {URIRef(TG + "ungdomar")}
    assert set(g.objects(visit, DCTERMS.audience)) == set()
    assert set(g.objects(checks, DCTERMS.audience)) == set()


def test_landskrona_2017_is_about_karlslundsomradet_and_its_residents() -> None:
    """The bundled extraction of seed 001 (data/seeds/, written by tools/seed_bundle.py)."""
    g = Graph().parse(REPO / "data" / "seeds" / "001_bbdb3963ef63b756.ttl")
    promise = URIRef("https://w3id.org/medborgarlofte/id/promise/1282-2017")
    assert set(g.objects(promise, URIRef(MBL + "area"))) == {URIRef(f"{promise}/place/karlslundsomradet")}
    assert set(g.objects(promise, DCTERMS.audience)) == {URIRef(TG + "boende")}
