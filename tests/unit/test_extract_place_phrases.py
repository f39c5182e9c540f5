"""Where an activity is done, in the text's words (kg.extract.place_phrases): the noun phrase a
locative preposition or a verb of visiting governs, headed by a noun of place, and the kinds of
place it names. Small texts of our own."""

from __future__ import annotations

import pytest

from kg.extract.lexicon import default_lexicon
from kg.extract.place_phrases import place_phrases

AK = "https://w3id.org/medborgarlofte/vocab/area-kind/"


def phrases(text: str, names: tuple[str, ...] = ()) -> list[tuple[str, tuple[str, ...]]]:
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    found = place_phrases(text, default_lexicon(), names=spans)
    return [(p.text, tuple(k.removeprefix(AK) for k in p.kinds)) for p in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a kind of place, also as a compound's head or its first part before "miljö"
        ("Polisen ska genomföra narkotikasök med hund i skolmiljö.", [("skolmiljö", ("skola",))]),
        ("Kommunen ska upptäcka narkotikabruk i kommunala skolor.", [("kommunala skolor", ("skola",))]),
        ("Polisen ska göra tillsyn på gymnasieskolan.", [("gymnasieskolan", ("skola",))]),
        # coordinated heads are one phrase, with each head's kind
        (
            "Polisen ska två gånger i månaden besöka kommunens fritidsgårdar och skolor.",
            [("kommunens fritidsgårdar och skolor", ("fritidsgard", "skola"))],
        ),
        (
            "Kommunen ska laga belysningen på kommunens gång- och cykelvägar samt allmänna platser.",
            [("kommunens gång- och cykelvägar samt allmänna platser", ("gata-och-vag", "offentlig-miljo"))],
        ),
        # a second preposition or verb of visiting opens a phrase of its own
        (
            "Polisen ska öka närvaron i centrum och besöka skolorna varje termin.",
            [("centrum", ("centrum",)), ("skolorna", ("skola",))],
        ),
        (
            "Polisen ska göra tillsyner i krogmiljö och vid parkeringsplatser.",
            [("krogmiljö", ("krog",)), ("parkeringsplatser", ("parkering",))],
        ),
        # a noun that only means a place: no kind, and its relative clause says which places
        (
            "Kommunen ska göra insatser på fler platser där det förekommer buskörning med mopeder.",
            [("fler platser där det förekommer buskörning med mopeder", ())],
        ),
        (
            "Polisen ska patrullera de platser i kommunen som upplevs otrygga.",
            [("de platser i kommunen som upplevs otrygga", ())],
        ),
        ("Polisen ska öka patrulleringen kring hot spots.", [("kring hot spots", ())]),
        # around or outside: the preposition is part of where
        (
            "Detta gäller även kontroller utanför Exempelby tätort.",
            [("utanför Exempelby tätort", ("stadsdel",))],
        ),
        ("Vi ska göra trygghetsvandringar runtom i Exempelby.", [("runtom i Exempelby", ())]),
        ("Polisen ska öka närvaron i hela kommunen.", [("hela kommunen", ())]),
        # a municipality's name written alone, and the names in a row after it
        (
            "Vi ska beivra trafikbrott i Laxå, Hasselfors och Finnerödja.",
            [("Laxå, Hasselfors och Finnerödja", ())],
        ),
        # where a party is, or the municipality as an organisation: no place of the work
        ("Trafikkontrollerna görs av polisen i Laxå.", []),
        ("Föräldrar kan ringa kommunpolisen i Laxå, kommunen eller skolan.", []),
        ("Polisen ska göra trafikkontroller i Laxå kommun.", []),
        # no place: an aim, a field of work, being present, a partner, a time
        ("Kommunen ska bidra till tryggare miljöer genom information.", []),
        ("Polisen ska arbeta inom området narkotika.", []),
        ("Polisen ska vara på plats vid större evenemang.", []),
        ("Polisen i samverkan med skolor ska informera föräldrar.", []),
        ("Vi ska på ett genomgripande sätt utveckla arbetet.", []),
    ],
)
def test_place_phrases(text: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    assert phrases(text) == expected


def test_a_name_is_one_head_of_the_kind_its_head_word_says() -> None:
    text = "Polisen ska två gånger per termin besöka Ungdomshuset Karlslund."
    assert phrases(text, names=("Ungdomshuset Karlslund",)) == [("Ungdomshuset Karlslund", ("fritidsgard",))]
    text = "Polisen ska besöka respektive Tusenskönans förskola och Drömmens förskola."
    assert phrases(text, names=("Tusenskönans förskola", "Drömmens förskola")) == [
        ("Tusenskönans förskola och Drömmens förskola", ("skola",))
    ]


def test_a_name_in_lone_capitals_is_a_head_only_when_found_as_a_place() -> None:
    assert phrases("Polisen ska göra kontroller i Vretstorp.") == []
    assert phrases("Polisen ska göra kontroller i Vretstorp.", names=("Vretstorp",)) == [("Vretstorp", ())]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a noun that only means a place, alone in the definite form or after a demonstrative or
        # possessive, points back to a place named before: no place of its own
        ("Den polisiära synligheten i området ska upprätthållas.", []),
        ("Polisen ska vara synlig på platsen varje helg.", []),
        ("Kommunen ska genomföra dialoger på dessa platser.", []),
        ("Fältgruppen fortsätter arbetet med ungdomar i deras miljöer.", []),
        ("Kommunen ska sätta upp kameror på denna särskilt utsatta plats.", []),
        ("Polisen ska patrullera på den här platsen på kvällarna.", []),
        # a kind of place, a relative clause or a name still says which
        ("Polisen ska besöka dessa skolor varje termin.", [("dessa skolor", ("skola",))]),
        ("Kommunen ska vidta åtgärder på de platser som pekats ut.", [("de platser som pekats ut", ())]),
        ("Polisen ska öka närvaron i bostadsområdet.", [("bostadsområdet", ("bostadsomrade",))]),
        ("Polisen ska öka närvaron i Vivallaområdet.", [("Vivallaområdet", ("bostadsomrade",))]),
    ],
)
def test_a_place_named_before_is_not_named_again(
    text: str, expected: list[tuple[str, tuple[str, ...]]]
) -> None:
    names = ("Vivallaområdet",) if "Vivalla" in text else ()
    assert phrases(text, names) == expected
