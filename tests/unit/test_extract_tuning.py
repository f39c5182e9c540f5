"""Rules that carry the extractor to documents it has not seen (issue 15, done-when): actor
labels that are true synonyms of an actor type, rates written as "N gånger per ...", seasons,
"var tredje månad", and parties named in the text that the lexicon does not know. Every fixture
sentence is written for these tests."""

from __future__ import annotations

import pytest
from rdflib import RDF

from kg.extract import extract_text
from kg.extract.frequencies import action_frequency
from kg.extract.lexicon import default_lexicon, type_from_name
from kg.extract.model import Activity, Party
from kg.namespaces import AK, MBL, SKOS

HEAD = """Medborgarlöfte för Tidaholms kommun 2025

Polisen och Tidaholms kommun lovar att:

"""


def activities(*items: str) -> list[Activity]:
    text = HEAD + "".join(f"- {item}\n" for item in items)
    return extract_text(text, source_name="fixture.txt").analysis.activities


def only(*items: str) -> Activity:
    acts = activities(*items)
    assert len(acts) == len(items)
    return acts[0]


def types(act: Activity) -> set[str]:
    return {(a.actor_type or str(a.party)).rsplit("/", 1)[-1] for a in act.responsible}


def test_a_security_company_named_as_vaktbolag_is_the_guards_actor_type() -> None:
    act = only("Ett vaktbolag ska patrullera vid busstationen under helgerna.")
    assert types(act) == {"ordningsvakter"}, act.responsible
    act = only("Bevakningsbolaget ska finnas på plats vid torget på fredagskvällar.")
    assert types(act) == {"ordningsvakter"}, act.responsible


def test_the_area_police_officers_are_a_post_in_the_police() -> None:
    act = only("Områdespoliserna ska hålla öppet hus på biblioteket.")
    assert [a.party for a in act.responsible] == [Party.post], act.responsible
    post = act.responsible[0].post
    assert post is not None and post.kind is Party.police and post.org is None
    assert post.role is not None and post.role.endswith("/post/omradespolis")
    assert act.actor_source == "subject"


@pytest.mark.parametrize(
    ("item", "slug"),
    [
        ("Trygghetsvärdarna ska röra sig i köpcentret på lördagar.", "trygghetsvardar"),
        ("Väktarna ska öka sin närvaro vid stationen.", "ordningsvakter"),
        ("Handlarna ska ansluta sig till ett larmsystem.", "naringsliv"),
    ],
)
def test_an_actor_word_in_a_form_the_vocabulary_does_not_list_is_read_by_its_base(
    item: str, slug: str
) -> None:
    assert types(only(item)) == {slug}


def freq(text: str) -> str | None:
    found = action_frequency(text, default_lexicon())
    return found.concept.rsplit("/", 1)[-1] if found and found.concept else None


@pytest.mark.parametrize(
    ("sentence", "slug"),
    [
        ("Fältgruppen ska besöka skolgårdarna två gånger under året.", "semiannual"),
        # six a year: no concept per term, so the yearly one with that many
        ("Polisen ska hålla föräldramöten tre gånger per termin.", "bimonthly"),
        ("Kommunen ska ordna ett medborgarmöte en gång per termin.", "per-termin"),
        ("Polisen ska besöka fritidsgården två gånger om terminen.", "tva-ganger-per-termin"),
        ("Nattvandringar ska ske fyra ggr/år i centrum.", "quarterly"),
        ("Trafikkontroller ska göras två gånger i veckan vid skolan.", "twice-weekly"),
        ("Vi ska ses en gång under året för att stämma av arbetet.", "annual"),
        ("Polisen ska informera på biblioteket vid fem tillfällen per år.", None),
    ],
)
def test_a_count_per_unit_is_a_rate(sentence: str, slug: str | None) -> None:
    found = action_frequency(sentence, default_lexicon())
    assert found is not None, sentence
    assert freq(sentence) == slug
    if slug is None:
        # a rate with no concept of its own keeps its words and its number
        assert found.per_year == 5.0


@pytest.mark.parametrize(
    ("sentence", "slug", "per_year"),
    [
        ("Polisen ska delta i minst två trygghetsvandringar per år.", "semiannual", 2.0),
        ("Kommunen ska ordna en trygghetsvandring per termin.", "per-termin", 2.0),
        ("Polisen ska genomföra fyra trafikkontroller i månaden vid skolorna.", "weekly", 48.0),
        ("Polisen ska öka sin närvaro i Baggängen, minst tre kvällar per vecka.", None, 156.0),
    ],
)
def test_the_occasions_counted_per_unit_are_a_rate(sentence: str, slug: str | None, per_year: float) -> None:
    # "två trygghetsvandringar per år" gave a quantity of two and no frequency
    found = action_frequency(sentence, default_lexicon())
    assert found is not None, sentence
    assert (freq(sentence), found.per_year) == (slug, per_year)


@pytest.mark.parametrize(
    "sentence",
    ["Fältassistenterna ska arbeta 20 timmar i veckan.", "Polisen ska ha två poliser per skola."],
)
def test_a_measure_or_a_count_per_place_is_no_rate(sentence: str) -> None:
    assert action_frequency(sentence, default_lexicon()) is None


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        (
            "Polisen ska genomföra narkotikasök på skolorna ett par gånger per termin.",
            "ett par gånger per termin",
        ),
        ("Kommunen ska hålla medborgarmöten några gånger om året.", "några gånger om året"),
        ("Fältassistenterna ska besöka fritidsgården flera gånger i månaden.", "flera gånger i månaden"),
    ],
)
def test_a_count_that_is_no_number_keeps_its_words_and_no_concept(sentence: str, words: str) -> None:
    # "ett par gånger per termin" was once a term (the label "per termin" inside it); "några
    # gånger om året" gave no frequency at all
    found = action_frequency(sentence, default_lexicon())
    assert found is not None and found.concept is None
    assert sentence[found.start : found.end] == words


@pytest.mark.parametrize(
    ("sentence", "slug"),
    [
        ("Polisen ska genomföra kontroller mot langning vid påsk, valborg och skolavslutning.", "tertialvis"),
        ("Kommunen ska ordna aktiviteter under sportlovet och höstlovet.", "semiannual"),
    ],
)
def test_yearly_occasions_coordinated_are_as_many_times_a_year(sentence: str, slug: str) -> None:
    # gave no frequency, where "vår och höst" is twice a year
    assert freq(sentence) == slug


def test_yearly_occasions_dated_by_a_year_are_no_rate() -> None:
    assert action_frequency("Polisen ska vara synlig vid påsk och valborg 2025.", default_lexicon()) is None


def test_under_the_year_is_a_period_not_a_count() -> None:
    assert freq("Kommunen ska en gång under året bjuda in till dialog.") == "annual"
    assert freq("Insatsen ska genomföras löpande under året.") == "continuous"


@pytest.mark.parametrize(
    ("sentence", "slug"),
    [
        ("Kommunen ska rensa klotter varje höst.", "annual"),
        ("Polisen ska informera eleverna inför varje sommarlov.", "annual"),
        ("En trygghetsvandring ska göras varje vår och höst.", "semiannual"),
        ("Gatubelysningen ska ses över var tredje månad.", "quarterly"),
        ("Samverkansgruppen ska träffas var fjortonde dag.", "biweekly"),
        ("Enkäten ska skickas ut vartannat år.", "biennial"),
        ("Fältassistenterna ska vara ute varje torsdagskväll.", "weekly"),
        ("Föreningen ska nattvandra alla söndagskvällar i centrum.", "weekly"),
        ("Vuxna ska finnas på torget varje onsdag och söndag.", "twice-weekly"),
        ("Väktare ska gå en runda i parken varje kväll.", "daily"),
    ],
)
def test_seasons_and_intervals_are_rates(sentence: str, slug: str) -> None:
    assert freq(sentence) == slug


@pytest.mark.parametrize(
    ("sentence", "slug"),
    [
        ("Fältgruppen ska finnas vid Resecentrum fredagskvällar under skolterminerna.", "weekly"),
        ("Polisen ska vara på torget på lördagsnätterna.", "weekly"),
        ("Nattvandrarna går fredagar och lördagar.", "twice-weekly"),
    ],
)
def test_a_weekday_in_the_plural_is_a_habit(sentence: str, slug: str) -> None:
    # "fredagskvällar" (on Friday evenings) says every week, as "varje fredagskväll" does
    assert freq(sentence) == slug


def test_some_fridays_are_no_rate() -> None:
    assert freq("Polisen ska vissa fredagar vara i centrum.") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "När ett larm kommer in, ska en patrull skickas till platsen inom en timme.",
        "Polisen ska kontakta vårdnadshavare varje gång en ungdom grips.",
        "Skolan ska vid misstanke om droger kontakta socialtjänsten.",
        "Fältarbetarna ska vid eventuella oroligheter larma polisen.",
    ],
)
def test_an_action_done_on_an_event_is_as_needed(sentence: str) -> None:
    assert freq(sentence) == "as-needed"


def test_was_is_not_every() -> None:
    # "var" before a season or a day is the verb ("it was"), not "every"
    assert freq("Polisen ska berätta om hur det var höst i parken.") is None


def test_a_definite_when_clause_is_not_an_event() -> None:
    # a date, not each time something happens
    assert freq("När skolan börjar i augusti, ska polisen besöka alla klasser.") is None


def test_an_attributive_frequency_ahead_of_the_verb_gives_way() -> None:
    sentence = "Med stöd av regelbundna mätningar ska parterna vid behov sätta in extra resurser."
    assert freq(sentence) == "as-needed"
    # alone it still counts
    assert freq("Regelbundna trygghetsvandringar ska genomföras i centrum.") == "recurring"


PARTIES = """Tidaholm – medborgarlöften

Tidaholms kommun, Tidaholmshem Bostäder, Hökensås Ryttarförening, Kvarnen och lokalpolisområde
Skaraborg har kommit överens om ett medborgarlöfte för 2025.

Parterna lovar

- Fler vuxna ute på kvällstid i Ekedalen
- Insatser mot buskörning
"""


def test_the_parties_the_text_names_are_who_aktorerna_and_vi_mean() -> None:
    result = extract_text(PARTIES, source_name="fixture.txt")
    acts = result.analysis.activities
    assert len(acts) == 2
    for act in acts:
        assert act.actor_source == "parties"
        by_name = {a.label: a for a in act.responsible}
        assert {a.party for a in act.responsible} >= {Party.police, Party.municipality}
        # a party the lexicon does not know keeps the text's name; its type only where the name says it
        assert str(by_name["Tidaholmshem Bostäder"].actor_type).endswith("/fastighetsbolag")
        assert str(by_name["Hökensås Ryttarförening"].actor_type).endswith("/civilsamhalle")
        assert by_name["Kvarnen"].actor_type is None
    # the inference is data: one assumption per party and activity, naming the rule
    # the untyped party is named in the notes, for the steward to type
    assert any("Kvarnen" in note and "mbl:actorType" in note for note in result.analysis.notes)
    rules = [str(r) for r in result.graph.objects(None, MBL.assumptionRule)]
    assert rules.count("extract:joint-means-named-parties") == 2 * 5


def test_the_police_and_the_municipality_alone_stay_both_parties() -> None:
    text = PARTIES.replace("Tidaholmshem Bostäder, Hökensås Ryttarförening, Kvarnen och ", "och ")
    acts = extract_text(text, source_name="fixture.txt").analysis.activities
    assert [sorted(a.party for a in act.responsible) for act in acts] == [
        sorted([Party.police, Party.municipality])
    ] * 2
    assert {act.actor_source for act in acts} == {"joint"}


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Mälarstadens Bostäder", "fastighetsbolag"),
        ("Bostadsbolaget Granen", "fastighetsbolag"),
        ("Idrottsföreningen Kamraterna", "civilsamhalle"),
        ("Norrfjällets Fastigheter", "fastighetsbolag"),
        ("Länstrafiken", "kollektivtrafik"),
        ("Sörby Idrottsförening", "civilsamhalle"),
        ("Pingstkyrkan", "civilsamhalle"),
        ("Bevakning Nord AB", "naringsliv"),
        ("Ljusgården", None),
    ],
)
def test_an_unknown_party_is_typed_only_by_what_its_name_says(name: str, slug: str | None) -> None:
    found = type_from_name(name)
    assert (found.rsplit("/", 1)[-1] if found else None) == slug


def test_an_untyped_party_is_an_unknown_type_and_the_promise_still_validates() -> None:
    """The extractor does not guess a type: it records it as unknown (ak:okant), and the shapes
    report that as a warning for the steward, so the promise is not refused on import."""
    from kg.validation.documents import TriplesDocument
    from kg.validation.validator import default_validator

    result = extract_text(PARTIES, source_name="fixture.txt", period="2025")
    kvarnen = next(s for s, _, o in result.graph.triples((None, SKOS.prefLabel, None)) if str(o) == "Kvarnen")
    assert (kvarnen, MBL.actorType, None) not in result.graph
    unknown = [
        a
        for a in result.graph.subjects(RDF.subject, kvarnen)
        if (a, RDF.predicate, MBL.actorType) in result.graph
        and (a, MBL.assumptionKind, AK.okant) in result.graph
    ]
    assert len(unknown) == 1
    (report,) = default_validator().validate([TriplesDocument.of(result.graph)])
    assert report.conforms, [f.message_en for f in report.findings if f.severity.value == "violation"]
    assert any(f.source_shape.endswith("Actor-typeUnknown") for f in report.findings)


def test_two_weekdays_sharing_the_rest_of_the_word_are_twice_a_week() -> None:
    assert freq("Polisen ökar närvaron i centrum på fredags- och lördagskvällar.") == "twice-weekly"


def test_every_school_year_is_once_a_year() -> None:
    """ "varje läsår", as "per läsår" and "en gång per läsår": once a year (it gave no frequency)."""
    act = only("Tillsammans ska vi informera elever i årskurs 8 om riskerna med narkotika varje läsår.")
    assert act.frequency is not None and act.frequency.concept.endswith("/frequency/annual")
    assert act.frequency.phrase == "varje läsår"
