"""An "Ansvariga:" line that names, beside the parties, an organisation the lexicon does not know
("Kommunen, polisen och Svenska kyrkan", "Röda korset"): every actor it names is responsible,
the unknown one by its own name (typed where the name says a kind). A text of our own writing in
the layout of a municipal page."""

from __future__ import annotations

from kg.extract import extract_text

TEXT = """Medborgarlöfte Timrå 2026

Insatser
- Trygghetsvandringar i Sörberge två gånger per år.
  Ansvariga: Kommunen, polisen och Svenska kyrkan
- Nattvandringar i Vivsta varje fredag.
  Ansvarig: Röda korset
"""

CIVIL = "https://w3id.org/medborgarlofte/vocab/actor-type/civilsamhalle"


def test_every_actor_a_responsible_line_names_is_responsible() -> None:
    # "Svenska kyrkan" was dropped without a word, and "Röda korset" gave no one (both parties)
    result = extract_text(TEXT, source_name="t.txt")
    got = [[(r.label, r.actor_type) for r in a.responsible] for a in result.activities]
    assert got == [
        [("kommunen", None), ("polisen", None), ("Svenska kyrkan", CIVIL)],
        [("Röda korset", None)],
    ]
    assert [a.actor_source for a in result.activities] == ["ansvarig", "ansvarig"]


TAGS = """Medborgarlöfte för Ludvika kommun 2025

Ludvika kommun och lokalpolisområde Ludvika har kommit överens om ett medborgarlöfte.

Under 2025 ska vi:
- genomföra föräldravandringar i centrum varje fredag (kommunen och
  föreningen Föräldrar på stan)
- genomföra trygghetsvandringar i Grängesberg (polisen och Svenska kyrkan)
- starta ett samarbete mellan skola och socialtjänst för unga i riskzon (SSPF)
"""


def test_a_tag_that_names_an_organisation_beside_a_party_names_both() -> None:
    # "(kommunen och föreningen Föräldrar på stan)" was no tag: the item named no one, and both
    # parties were assumed responsible, the police too, which the text does not say
    result = extract_text(TAGS, source_name="t.txt")
    got = [([(r.label, r.actor_type) for r in a.responsible], a.actor_source) for a in result.activities]
    assert got[:2] == [
        ([("kommunen", None), ("föreningen Föräldrar på stan", CIVIL)], "tag"),
        ([("polisen", None), ("Svenska kyrkan", CIVIL)], "tag"),
    ]
    # a name alone in brackets is an abbreviation, not an actor
    assert "SSPF" not in [r.label for r in result.activities[2].responsible]
