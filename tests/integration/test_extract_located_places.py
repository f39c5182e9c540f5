"""A locality named after a locative preposition in an activity ("en trygghetsvandring i
Vretstorp") is the activity's place, a schema:Place by its name (where it lies an assumption, as
for any place); it was lost, as a name without a place's head word ("…skolan", "…torget"). Not
taken: a month or weekday ("i Maj"), an organisation ("i Polisens lokaler"), a municipality ("I
Laxå"), a genitive before its noun ("i Laxås skolor"), a capitalised common noun the text also
writes in lower case ("i Samverkan"). A text of our own writing."""

from __future__ import annotations

from rdflib import RDF, Literal, URIRef

from kg.extract import extract_text
from kg.namespaces import GEO, SCHEMA

TEXT = """Medborgarlöfte 2025–2026 för Laxå kommun

Laxå kommun och lokalpolisområde Örebro lovar att under 2025–2026 arbeta i samverkan för ökad trygghet.

Det här ska vi göra

- Polisen och kommunen ska genomföra en trygghetsvandring i Vretstorp under hösten.
- Polisen ska genomföra trafikkontroller i Hasselfors och i Finnerödja.
- Kommunen ska ordna en föräldrakväll i Maj.
- Polisen ska vara synlig i Polisens lokaler. I Laxå ska vi också finnas på plats.
- Kommunen ska se över belysningen i Laxås skolor.
- Polisen ska arbeta i Samverkan med skolorna.
- Polisen och kommunen ska finnas på Stora torget varje fredag.
"""


def test_a_locality_after_a_locative_preposition_is_the_activitys_place() -> None:
    result = extract_text(TEXT, source_name="t.txt")
    places = [[p.name for p in act.places] for act in result.activities]
    assert places == [["Vretstorp"], ["Hasselfors", "Finnerödja"], [], [], [], [], [], ["Stora torget"]]
    node = URIRef(f"{result.iri}/place/vretstorp")
    g = result.graph
    assert (node, RDF.type, SCHEMA.Place) in g
    assert (node, SCHEMA.name, Literal("Vretstorp", lang="sv")) in g
    assert (URIRef(f"{result.iri}/activity/1"), SCHEMA.location, node) in g
    # where it lies is no statement of the text: an assumption, as for any place
    assert any(
        a.rule == "extract:place-in-municipality" and a.subject == str(node) for a in result.assumptions
    )
    assert (node, GEO.sfWithin, None) in g


ONWARD = """Medborgarlöfte 2025–2026 för Laxå kommun

Laxå kommun och lokalpolisområde Örebro lovar att under 2025–2026 arbeta i samverkan för ökad trygghet.

Det här ska vi göra

- Kommunen ska genomföra trygghetsvandringar i Brattberget två gånger per år.
- Polisen ska finnas i Ramundeboda kvällstid.
- Polisen ska göra narkotikakontroller på Laxå busstation och vid Hasselfors resecentrum.
- Kommunen ska bjuda in till möten i Brottsförebyggande rådet.
- Kommunen ska genomföra trygghetsvandringar i Söderfors och Karlholmsbruk varje höst.
- Polisen ska finnas i Vretstorp, Hasselfors eller Finnerödja och Polisen ska informera.
"""


def test_a_name_goes_on_with_a_numeral_or_adverb_and_a_head_word_makes_two_words_one_name() -> None:
    """A numeral or an adverb of time after a name shows that it is whole ("i Brattberget två
    gånger per år", "i Ramundeboda kvällstid"); a word that ends in a place's head word after it
    makes one name of both, also after a municipality's name ("på Laxå busstation"); a capitalised
    adjective before its noun ("i Brottsförebyggande rådet") is no place."""
    result = extract_text(ONWARD, source_name="t.txt")
    places = [[p.name for p in act.places] for act in result.activities]
    assert places[:4] == [["Brattberget"], ["Ramundeboda"], ["Laxå busstation", "Hasselfors resecentrum"], []]
    # names joined to a located one without a preposition of their own are places too; an actor
    # joined to it is none
    assert places[4] == ["Söderfors", "Karlholmsbruk"]
    assert places[5][:3] == ["Vretstorp", "Hasselfors", "Finnerödja"]


def test_a_web_address_is_no_lower_case_writing_of_a_name() -> None:
    """ "vid Ale torg" is a place although the page says "ale.se": a name inside a web address is
    not the text writing it as a common noun."""
    text = ONWARD.replace("på Laxå busstation", "på Ale torg") + "\nMer information finns på ale.se.\n"
    result = extract_text(text, source_name="t.txt")
    assert [p.name for p in result.activities[2].places][:1] == ["Ale torg"]


def test_a_direction_or_size_before_a_places_name_is_part_of_it() -> None:
    """ "på Västra Storgatan" is the street Västra Storgatan (it was "Storgatan", another street);
    the qualifiers are a closed class of adjectives ("Norra", "Stora", "Gamla" …)."""
    text = ONWARD.replace("på Laxå busstation", "på Västra Storgatan")
    result = extract_text(text, source_name="t.txt")
    assert [p.name for p in result.activities[2].places][:1] == ["Västra Storgatan"]


def test_a_time_of_the_week_after_a_name_shows_it_whole() -> None:
    # "Tensta fredagar": the name was taken for the first part of a longer one, and lost
    text = TEXT.split("Det här ska vi göra")[0] + (
        "Det här ska vi göra\n\n"
        "- Fältassistenterna är ute i Rinkeby och Tensta fredagar och lördagar.\n"
        "- Polisen ska patrullera i Vretstorp helger.\n"
    )
    result = extract_text(text, source_name="t.txt")
    assert [[p.name for p in act.places] for act in result.activities] == [
        ["Rinkeby", "Tensta"],
        ["Vretstorp"],
    ]


def test_a_locality_outside_which_the_work_is_done_is_no_place_of_it() -> None:
    """ "utanför Vretstorp" is outside the locality: it is no schema:location of the activity, though
    the text's words stay its mbl:placeText; outside a building ("utanför Folkasboskolan") is at it."""
    text = TEXT.split("Det här ska vi göra")[0] + (
        "Det här ska vi göra\n\n"
        "- Polisen ska genomföra trafikkontroller utanför Vretstorp en gång i månaden.\n"
        "- Kommunen ska förbättra belysningen utanför Folkasboskolan under 2025.\n"
    )
    result = extract_text(text, source_name="t.txt")
    assert [[p.name for p in act.places] for act in result.activities] == [[], ["Folkasboskolan"]]
    assert [[w.text for w in act.where] for act in result.activities] == [
        ["utanför Vretstorp"],
        ["utanför Folkasboskolan"],
    ]
