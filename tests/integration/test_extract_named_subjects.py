"""An organisation the lexicon does not know, named by its own name beside a party it knows:
"Svenska kyrkan och fritidsgården håller öppet …", "Polisen och Fastighets AB Oskarshamnshem
genomför …", "Kommunen ska i samarbete med Oskarshamns Energi AB förbättra …". Texts of our own
writing in the layout of a municipal page."""

from __future__ import annotations

import pytest

from kg.extract import extract_text

TEXT = """Medborgarlöfte 2025 Oskarshamns kommun

Oskarshamns kommun och lokalpolisområde Oskarshamn har kommit överens om följande.

Så här gör vi:
- {item}
"""


@pytest.mark.parametrize(
    "item",
    [
        "Svenska kyrkan och fritidsgården håller öppet i församlingshemmet på fredagskvällar.",
        "Svenska kyrkan och fritidsgården ska hålla öppet i församlingshemmet på fredagskvällar.",
    ],
)
def test_a_name_that_ends_like_a_modal_is_no_clause_of_its_own(item: str) -> None:
    # "Svenska" ends in "ska": the item was cut into "Svenska kyrkan" (an activity of both
    # parties by default) and "fritidsgården håller öppet …"
    [act] = extract_text(TEXT.format(item=item), source_name="t.txt").activities
    assert act.description == item


@pytest.mark.parametrize(
    ("item", "actors"),
    [
        (
            "Svenska kyrkan och fritidsgården håller öppet i församlingshemmet.",
            ["Svenska kyrkan", "Fritidsgården"],
        ),
        (
            "Polisen och Fastighets AB Oskarshamnshem genomför trygghetsvandringar två gånger per år.",
            ["polisen", "Fastighets AB Oskarshamnshem"],
        ),
        ("Polisen och Trafikverket ska se över hastigheten på Kalmarvägen.", ["polisen", "Trafikverket"]),
    ],
)
def test_a_named_organisation_in_the_subject_is_responsible(item: str, actors: list[str]) -> None:
    # only the party the lexicon knows was responsible (or both parties by default)
    result = extract_text(TEXT.format(item=item), source_name="t.txt")
    [act] = result.activities
    assert [a.label for a in act.responsible] == actors
    assert act.actor_source == "subject"


@pytest.mark.parametrize(
    ("item", "actors"),
    [
        # an actor and an adverb, no name
        ("Kommunen och Polisen tillsammans ska ha fokus på narkotika.", ["kommunen", "polisen"]),
        # one capitalised word first: the sentence's capital, no name
        ("Vuxna och polisen ska vandra i centrum på helgkvällar.", ["polisen"]),
        ("Trafikverket och polisen ska se över hastigheten.", ["polisen"]),
    ],
)
def test_no_name_is_read_where_the_capital_only_starts_the_sentence(item: str, actors: list[str]) -> None:
    [act] = extract_text(TEXT.format(item=item), source_name="t.txt").activities
    assert [a.label for a in act.responsible] == actors


@pytest.mark.parametrize(
    ("item", "partner"),
    [
        (
            "Kommunen ska i samarbete med Oskarshamns Energi AB förbättra belysningen i parken.",
            "Oskarshamns Energi AB",
        ),
        ("Kommunen ska i samverkan med Rädda Barnen ordna läxhjälp på fritidsgården.", "Rädda Barnen"),
        (
            "Kommunen ska tillsammans med Fastighets AB Oskarshamnshem rusta upp gårdarna.",
            "Fastighets AB Oskarshamnshem",
        ),
    ],
)
def test_a_named_partner_between_the_modal_and_its_infinitive(item: str, partner: str) -> None:
    # the name was read only where the list or the clause ends, not before the main verb
    [act] = extract_text(TEXT.format(item=item), source_name="t.txt").activities
    assert [a.label for a in act.responsible] == ["kommunen"]
    assert [a.label for a in act.partners] == [partner]


def test_a_genitive_before_its_noun_is_no_partner_name() -> None:
    item = "Kommunen ska i samverkan med Ekebys idrottsklubbar ordna läxhjälp."
    [act] = extract_text(TEXT.format(item=item), source_name="t.txt").activities
    assert not [a for a in act.partners if a.label.startswith("Ekeby")]


@pytest.mark.parametrize(
    "item",
    [
        "Föräldrar och polisen ska vandra i centrum på helgkvällar.",
        "Ungdomar och fältassistenter ska tillsammans ordna en trygghetsdag i centrum.",
    ],
)
def test_a_plural_noun_first_is_no_clause_of_its_own(item: str) -> None:
    # "Föräldrar", "Ungdomar" end as a verb in the present does ("-ar"): the item was cut into
    # the noun alone (an activity) and the rest
    [act] = extract_text(TEXT.format(item=item), source_name="t.txt").activities
    assert act.description == item
