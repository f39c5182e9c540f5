"""Activity types named by Swedish terms that promise documents use for them: a wording the
vocabulary lacked (an adjective inside a label's phrase, a synonym), each read from a promise of
our own writing."""

from __future__ import annotations

import pytest

from kg.extract import extract_text

TYPE = "https://w3id.org/medborgarlofte/vocab/activity-type/"
PROMISE = """Medborgarlöfte 2025 för Hedemora kommun

Lokalpolisområde Säter-Hedemora och Hedemora kommun lovar att arbeta för ökad trygghet i Hedemora.

Det här ska vi göra:

  • {item}
"""


def _types(item: str) -> list[str]:
    [act] = extract_text(PROMISE.format(item=item), source_name="t.txt").activities
    return sorted(t.removeprefix(TYPE) for t in act.activity_types)


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        # "polisiära insatser" is the police's own word for its operations; aimed, they are
        # targeted operations as "riktade polisinsatser" are
        ("Polisen genomför riktade polisiära insatser mot langning i centrum.", ["riktade-insatser"]),
        ("Polisen gör en riktad polisiär insats vid busstationen under hösten.", ["riktade-insatser"]),
        # a citizens' panel and a dialogue with the young are forms of citizen dialogue
        ("Kommunen inrättar en medborgarpanel om tryggheten i stadsdelen.", ["medborgardialog"]),
        ("Polisen och kommunen håller två ungdomsdialoger under våren.", ["medborgardialog"]),
        # lighting made safer is a safety measure in the physical environment
        ("Kommunen ordnar tryggare belysning längs gång- och cykelvägarna.", ["trygghetsframjande-atgarder"]),
        ("Kommunen gör belysningsåtgärder i parken efter vandringen.", ["trygghetsframjande-atgarder"]),
        # mapping a place or a problem is making a situation picture of it
        ("Kommunen och polisen gör en kartläggning av ungdomsgrupper i Vikmanshyttan.", ["lagesbildsarbete"]),
        ("Polisen och kommunen kartlägger vilka platser som upplevs otrygga.", ["lagesbildsarbete"]),
    ],
)
def test_a_term_for_an_activity_type_names_it(item: str, expected: list[str]) -> None:
    assert _types(item) == expected


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        # where the places were pointed out, in a relative clause in the perfect: the dialogues
        # were held before, they are not this action
        (
            "Polisen gör trafikkontroller på de platser som i medborgardialogerna har pekats ut som farliga.",
            ["trafikkontroll"],
        ),
        ("Kommunen ser över belysningen på platser som identifierats vid trygghetsvandringar.", []),
        ("Kommunen åtgärdar de brister som trygghetsvandringen visade.", []),
        # a relative clause of what is to come is part of the action
        (
            "Kommunen anställer värdar som ska genomföra trygghetsvandringar i centrum.",
            ["trygghetsvandring"],
        ),
    ],
)
def test_a_type_named_in_a_relative_clause_of_the_past_is_not_the_actions(
    item: str, expected: list[str]
) -> None:
    assert _types(item) == expected


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        # "med" and "mellan" after a word of cooperation name the parties: the stewards and the
        # guards take part, the action is not the stewarding or the guarding
        ("En kontinuerlig samverkan mellan polisen, kommunen och trygghetsvärdar i centrum.", []),
        ("Polisen samverkar med ordningsvakter för att motverka våld i krogmiljö.", []),
        # what the cooperation is about ("om", "kring") is the action
        ("Polisen och kommunen samverkar om ordningsvakter i centrum.", ["ordningsvakter"]),
        ("Kommunen anställer trygghetsvärdar i samverkan med polisen.", ["trygghetsvardar"]),
    ],
)
def test_a_party_of_a_cooperation_is_no_type_of_it(item: str, expected: list[str]) -> None:
    assert _types(item) == expected
