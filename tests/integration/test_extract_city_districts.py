"""A city's district administration is the municipality's unit: "Stadsområde Nordost ska:"
(Gothenburg's city areas), "Stadsdelsförvaltning Centrum", "stadsdelsnämnden" (Stockholm). The
heading named no one the actor vocabulary knew, and its items were given both parties as a
default. A kind written with a capital as part of its name ("Stadsområde Nordost") is the unit
by its name, as "Fastighetsbolaget Tunabyggen" is. A text of our own writing."""

from __future__ import annotations

from kg.extract import extract_text
from kg.extract.actors import ActorFinder
from kg.extract.lexicon import default_lexicon

TEXT = """Medborgarlöfte för Angered 2025

Göteborgs Stad, stadsområde Nordost, och lokalpolisområde Angered har tagit fram ett gemensamt medborgarlöfte.

Polisen ska:
1. Genomföra minst 20 trafikkontroller vid Angered centrum under året.

Stadsområde Nordost ska:
1. Anställa två trygghetsvärdar som arbetar kvällstid i Hjällbo.
2. Genomföra en trygghetsvandring i Gårdsten under våren tillsammans med Bostadsbolaget.
"""

ACT = "https://w3id.org/medborgarlofte/vocab/actor-type/"


def test_a_district_administration_heading_names_its_items_actor() -> None:
    result = extract_text(TEXT, source_name="angered.txt")
    acts = result.analysis.activities
    assert [([r.label for r in a.responsible], a.actor_source) for a in acts] == [
        (["polisen"], "heading"),
        (["Stadsområde Nordost"], "heading"),
        (["Stadsområde Nordost"], "heading"),
    ]
    assert acts[1].responsible[0].actor_type == ACT + "forvaltning"
    assert not [a for a in result.analysis.assumptions if a.rule == "extract:no-actor-both-parties"]


def test_a_name_before_the_kind_is_the_units_own() -> None:
    """ "Rinkeby-Kista stadsdelsnämnd", "… med Järva stadsdelsförvaltning": the unit by its name
    (two districts' committees were one node, "Stadsdelsnämnd"); a capital that only starts the
    sentence is no name ("Varje skola", "Även socialtjänsten")."""
    text = (
        "Medborgarlöfte 2025 för Stockholms stad\n\nLokalpolisområde Rinkeby och Stockholms stad lovar:\n\n"
        "- Rinkeby-Kista stadsdelsnämnd ska ordna sommarjobb för unga.\n"
        "- Polisen ska i samverkan med Järva stadsdelsförvaltning anställa fler fältassistenter.\n"
        "- Även socialtjänsten ska delta i trygghetsvandringar.\n"
        "- Varje skola ska ha föräldramöten.\n"
    )
    acts = extract_text(text, source_name="sthlm.txt").analysis.activities
    assert [[r.label for r in a.responsible] for a in acts] == [
        ["Rinkeby-Kista stadsdelsnämnd"],
        ["polisen"],
        ["Socialtjänsten"],
        ["Skola"],
    ]
    assert [p.label for p in acts[1].partners] == ["Järva stadsdelsförvaltning"]


def test_a_capital_after_a_full_stop_or_an_item_number_is_no_name() -> None:
    """ "… i centrum. Varje skola ska …" and "1) Varje skola ska …" start a sentence: "Varje" is no
    name of the school (it became the unit "Varje skola")."""
    finder = ActorFinder(default_lexicon(), None)
    for text in (
        "Polisen ska finnas i centrum. Varje skola ska ha föräldramöten.",
        "1) Varje skola ska ha möten.",
    ):
        assert "Varje skola" not in [m.actor.label for m in finder.mentions(text)], text


def test_a_name_before_the_kind_at_the_start_of_a_sentence_is_the_units_own() -> None:
    """ "Järva stadsdelsförvaltning ska …" opens the item: a capital there is also the sentence's,
    but a word before an indefinite noun at a sentence's start is a determiner ("Varje", "Vår")
    or a genitive ("Kommunens"), or else the unit's name (it was the bare kind,
    "Stadsdelsförvaltning")."""
    finder = ActorFinder(default_lexicon(), None)
    for text in (
        "Järva stadsdelsförvaltning ska genomföra trygghetsvandringar.",
        "- Järva stadsdelsförvaltning ska",
    ):
        assert [m.actor.label for m in finder.mentions(text)] == ["Järva stadsdelsförvaltning"], text
    for text, label in (
        ("Vår stadsdelsförvaltning ska ordna möten.", "Stadsdelsförvaltning"),
        ("Ny stadsdelsnämnd ska bildas.", "Stadsdelsnämnd"),
    ):
        assert [m.actor.label for m in finder.mentions(text)] == [label], text
