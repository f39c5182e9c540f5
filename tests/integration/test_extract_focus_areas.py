"""Priorities a list states: a lead-in that names the items of the list after it the areas of
focus ("Under 2025 ska följande områden vara i fokus:") and a statement of focus ("Särskilt fokus
läggs på ..."). The areas the items name are the document's own priorities, not inferences from
its activities, and the lead-in is no expected outcome. The texts are written for these tests,
in the layout of polisen.se pages and municipal pages (docs/extraction.md)."""

from __future__ import annotations

from kg.extract import extract_text
from kg.namespaces import MBL
from tests.integration.test_extract_assumptions import assumptions

PA = "https://w3id.org/medborgarlofte/vocab/priority-area/"

ITEMS = """
  1. Polisen och Tidaholms kommun ska samverka kring ordningsstörningar vid busstationen.

  2. Kommunen ska erbjuda föräldrar stöd för att unga inte ska hamna i narkotikamissbruk.

  3. Polisen ska genomföra fotpatruller i centrum varje fredag.
"""

FOCUS = (
    "Tidaholm – medborgarlöften\n\nDet här ska vi åstadkomma under 2025\n\n"
    "Under år 2025 ska följande områden vara i fokus:\n" + ITEMS
)
PLAIN = "Tidaholm – medborgarlöften\n\nDet här ska vi åstadkomma under 2025\n\nVi lovar:\n" + ITEMS


def test_a_lead_in_naming_the_areas_of_focus_makes_each_items_area_a_stated_priority() -> None:
    result = extract_text(FOCUS, source_name="tidaholm.txt")
    assert [(p.title, [a.rsplit("/", 1)[-1] for a in p.areas], p.rule) for p in result.priorities] == [
        ("Ordningsstörningar vid busstationen", ["ordningsstorningar"], ""),
        ("Narkotikamissbruk", ["narkotika"], ""),
    ]
    # each activity stands under the priority its item states; the third item names no area
    assert [(a.priority, a.priority_rule) for a in result.analysis.activities] == [
        (0, ""),
        (1, ""),
        (None, ""),
    ]
    assert not [a for a in assumptions(result.graph) if a["predicate"] in (MBL.priority, MBL.addresses)]
    # the lead-in introduces the list: it is not an expected outcome
    assert result.analysis.outcomes == []
    assert any("inleder en lista" in o.reason for o in result.analysis.omissions)


def test_the_same_items_after_a_plain_lead_in_give_only_inferred_priorities() -> None:
    result = extract_text(PLAIN, source_name="tidaholm.txt")
    assert [len(a.responsible) > 0 for a in result.analysis.activities] == [True, True, True]
    assert result.priorities and {p.rule for p in result.priorities} == {"priority-from-activities"}
    assert {a["predicate"] for a in assumptions(result.graph)} >= {MBL.priority}


def test_a_statement_of_focus_in_a_list_is_a_stated_priority_in_its_words() -> None:
    text = (
        "Medborgarlöfte 2024 för Eslövs kommun\n\nPolisen och kommunen lovar:\n\n"
        "- Polisen ska patrullera i centrum varje vecka.\n- Särskilt fokus läggs på unga och narkotika.\n"
    )
    result = extract_text(text, source_name="eslov.txt")
    assert [(p.title, p.areas, p.rule) for p in result.priorities] == [
        ("Särskilt fokus läggs på unga och narkotika", [PA + "narkotika"], "")
    ]
    assert [a.description for a in result.activities] == ["Polisen ska patrullera i centrum varje vecka."]


def test_items_that_only_name_areas_after_such_a_lead_in_are_priorities_not_activities() -> None:
    text = (
        "Medborgarlöfte 2025 för Tidaholms kommun\n\n"
        "Under 2025 ska följande områden vara i fokus:\n\n"
        "- Trafiken\n- Narkotika\n\n"
        "Det här ska vi göra\n\n- Polisen ska genomföra trafikkontroller vid skolorna varje månad.\n"
    )
    result = extract_text(text, source_name="tidaholm.txt")
    assert [(p.title, p.areas, p.rule) for p in result.priorities] == [
        ("Trafiken", [PA + "trafiksakerhet"], ""),
        ("Narkotika", [PA + "narkotika"], ""),
    ]
    assert [a.description for a in result.activities] == [
        "Polisen ska genomföra trafikkontroller vid skolorna varje månad."
    ]


def test_what_the_parties_promise_to_work_for_is_titled_without_who_works() -> None:
    # "Mora kommun och lokalpolisområde Mora lovar att under 2025 arbeta för ökad trygghet i Mora
    # centrum …": the title began at the second party, "Lokalpolisområde Mora lovar att under 2025
    # arbeta för ökad trygghet i Mora centrum"
    text = (
        "Medborgarlöfte 2025 – Mora kommun\n\n"
        "Mora kommun och lokalpolisområde Mora lovar att under 2025 arbeta för ökad trygghet i Mora\n"
        "centrum och för att minska narkotikan bland unga.\n\n"
        "Polisen lovar att:\n- genomföra trafikkontroller vid skolorna varje vecka\n"
    )
    result = extract_text(text, source_name="t.txt")
    assert [p.title for p in result.analysis.priorities] == [
        "Ökad trygghet i Mora centrum",
        "Minska narkotikan bland unga",
    ]


def test_a_statement_of_focus_in_prose_states_the_priorities_in_its_words() -> None:
    """ "I år fokuserar vi på våld i nära relationer", "X prioriterar narkotika bland unga och
    trafiksäkerheten kring skolorna": the promise's priorities, each titled from its area's name
    to the end of its clause; the sentence is no activity. They gave no priority at all."""
    text = (
        "Medborgarlöfte 2025 för Arboga kommun\n\n"
        "Polisen och Arboga kommun prioriterar narkotika bland unga och trafiksäkerheten kring "
        "skolorna. I år fokuserar vi också på våld i nära relationer.\n\n"
        "Det här ska vi göra:\n"
        "- Polisen ska genomföra trafikkontroller varje månad.\n"
        "- Vi prioriterar narkotikasök med hund på skolorna.\n"
    )
    result = extract_text(text, source_name="arboga.txt")
    assert [(p.title, p.areas, p.rule) for p in result.priorities] == [
        ("Narkotika bland unga", [PA + "narkotika"], ""),
        ("Trafiksäkerheten kring skolorna", [PA + "trafiksakerhet"], ""),
        ("Våld i nära relationer", [PA + "vald-i-nara-relation"], ""),
    ]
    # an item that names what is done is an activity, whatever its verb
    assert [a.description for a in result.activities] == [
        "Polisen ska genomföra trafikkontroller varje månad.",
        "Vi prioriterar narkotikasök med hund på skolorna.",
    ]


def test_a_statement_of_focus_in_prose_states_the_priorities_it_names() -> None:
    # "Fokus ligger på … trafiken vid skolorna" (the subject first, the verb second) in the
    # introduction gave no priority; "ligger fokus på" (the verb first) was read
    text = (
        "Falköpings kommun\nMedborgarlöfte 2025\n\n"
        "Falköpings kommun och lokalpolisområde Falköping har tagit fram ett gemensamt medborgarlöfte\n"
        "för 2025. Fokus ligger på ungdomar i centrum och på trafiken vid skolorna.\n\n"
        "Polisen lovar att:\n1. Genomföra trafikkontroller vid Fredriksbergsskolan varje vecka.\n"
    )
    result = extract_text(text, source_name="t.txt")
    got = [(p.title, p.areas, p.rule) for p in result.analysis.priorities]
    assert got == [("Trafiken vid skolorna", [PA + "trafiksakerhet"], "")]
    assert [a.description for a in result.activities] == [
        "Genomföra trafikkontroller vid Fredriksbergsskolan varje vecka."
    ]


def test_an_inline_list_of_areas_titles_each_in_its_own_words() -> None:
    """ "… två områden: narkotika bland unga och otrygghet i centrala Arboga" gives "Narkotika bland
    unga" and "Otrygghet i centrala Arboga" (the titles were the area's word alone)."""
    text = (
        "Medborgarlöfte 2025 för Arboga kommun\n\nLokalpolisområde Köping och Arboga kommun lovar att:\n\n"
        "Vi har valt att prioritera två områden: narkotika bland unga och otrygghet i centrala Arboga.\n\n"
        "- Polisen ska genomföra trafikkontroller varje månad.\n"
    )
    result = extract_text(text, source_name="arboga.txt")
    assert [(p.title, p.areas) for p in result.priorities] == [
        ("Narkotika bland unga", [PA + "narkotika"]),
        ("Otrygghet i centrala Arboga", [PA + "trygghet-offentlig-miljo"]),
    ]


def test_what_the_promise_is_about_and_a_focus_after_an_activity_word_state_priorities() -> None:
    """ "Årets löfte handlar om trafiksäkerhet …" says what the promise is about, its priorities;
    "Utifrån medborgardialogen har vi valt att prioritera …" focuses on what follows the verb, and
    the activity word before it ("medborgardialogen") is no object (both gave priorities only
    inferred from the problems or the activities, recorded as assumptions)."""
    for sentence, titles in (
        (
            "Årets löfte handlar om trafiksäkerhet och om narkotika bland unga.",
            ["Trafiksäkerhet", "Narkotika bland unga"],
        ),
        (
            "Utifrån medborgardialogen har vi valt att prioritera otryggheten i centrum och inbrott i "
            "villaområden.",
            ["Otryggheten i centrum", "Inbrott i villaområden"],
        ),
    ):
        text = (
            "Medborgarlöfte 2025 för Tierps kommun\n\nLokalpolisområde Tierp och Tierps kommun lovar.\n\n"
            f"{sentence}\n\nDet här gör vi:\n- Polisen genomför trafikkontroller varje vecka.\n"
        )
        result = extract_text(text, source_name="tierp.txt")
        assert [(p.title, p.rule) for p in result.priorities] == [(t, "") for t in titles], sentence


def test_a_subject_among_the_promises_most_important_parts_and_a_promised_result_state_priorities() -> None:
    """ "Arbetet mot klotter är en av de viktigaste delarna i löftet" says its subject is a
    priority; "Bland löftena finns att våldsbrotten ska minska" promises a result, no activity,
    whose subject names an area the promise is about (both gave priorities only inferred)."""
    text = (
        "Nya medborgarlöften för Tierp 2025\n\n"
        "Arbetet mot klotter och skadegörelse är en av de viktigaste delarna i löftet för 2025. "
        "Bland löftena finns att våldsbrotten i centrum ska minska och att polisen ska "
        "patrullera vid stationen varje fredag.\n"
    )
    result = extract_text(text, source_name="tierp.txt")
    assert [(p.title, p.rule) for p in result.priorities] == [
        ("Arbetet mot klotter och skadegörelse", ""),
        ("Våldsbrotten i centrum ska minska", ""),
    ]
    assert [a.description for a in result.activities] == ["polisen ska patrullera vid stationen varje fredag"]


def test_a_focus_item_naming_a_trouble_by_its_area_in_a_compound_states_that_area() -> None:
    """A trouble of traffic, "trafikstörningar": the item's area is road safety (it gave no area,
    as no label of the vocabulary stands alone in the word)."""
    text = (
        "Tidaholm – medborgarlöften\n\nDet här ska vi åstadkomma under 2025\n\n"
        "Under år 2025 ska följande områden vara i fokus:\n\n"
        "  1. Kommunen och Polisen ska arbeta med åtgärder mot trafikstörningarna på landsvägarna.\n\n"
        "  2. Polisen ska minska drogproblemen vid resecentrum.\n"
    )
    result = extract_text(text, source_name="tidaholm.txt")
    assert [[a.rsplit("/", 1)[-1] for a in p.areas] for p in result.priorities] == [
        ["trafiksakerhet"],
        ["narkotika"],
    ]
    assert {p.rule for p in result.priorities} == {""}


def test_young_people_driving_is_a_traffic_area() -> None:
    """Young people on mopeds and A-tractors, "motorburen ungdom", are a problem of road safety to
    the police and a municipality (the area had no such label, so the item stated no area)."""
    text = (
        "Medborgarlöfte 2025 för Boxholms kommun\n\n"
        "Polisen och kommunen har valt ut två områden som vi kommer fokusera på under året.\n\n"
        "  • Polisen ska genomföra kontroller på kvällstid för att komma till rätta med problemen "
        "med motorburna ungdomar i centrum.\n\n"
        "  • Kommunen ska ordna fler trygghetsvandringar för att minska otryggheten.\n"
    )
    result = extract_text(text, source_name="boxholm.txt")
    assert [[a.rsplit("/", 1)[-1] for a in p.areas] for p in result.priorities] == [
        ["trafiksakerhet"],
        ["trygghet-offentlig-miljo"],
    ]
