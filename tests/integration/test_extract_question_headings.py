"""Activities under headings that ask what each party does ("Vad gör polisen?", "Vad ska kommunen
göra?", "Vad gör vi tillsammans?"): the subject of the question, after its finite verb, is the
actor of the items under it. A text of our own writing in the layout of a municipal page."""

from __future__ import annotations

import pytest

from kg.extract import extract_text

TEXT = """Medborgarlöfte Eksjö kommun 2025–2026

Eksjö kommun och lokalpolisområde Höglandet samverkar för att öka tryggheten i Eksjö.

{police}
- Genomför hastighetskontroller på Österlånggatan varje vecka under skolterminerna.
- Besöker skolorna i årskurs 6 en gång per termin.

{municipality}
- Anställer två fältassistenter som arbetar kvällstid.

Vad gör vi tillsammans?
- Genomför trygghetsvandringar i Norrtullsområdet två gånger per år.
"""


@pytest.mark.parametrize(
    ("police", "municipality"),
    [
        ("Vad gör polisen?", "Vad gör kommunen?"),
        ("Vad ska polisen göra?", "Vad kommer kommunen att göra?"),
        ("Vad lovar polisen?", "Vad bidrar kommunen med?"),
    ],
)
def test_the_subject_of_a_question_heading_does_the_items_under_it(police: str, municipality: str) -> None:
    # every item was said to name no one (both parties by default)
    text = TEXT.format(police=police, municipality=municipality)
    result = extract_text(text, source_name="t.txt")
    assert [([r.label for r in a.responsible], a.actor_source) for a in result.activities] == [
        (["polisen"], "heading"),
        (["polisen"], "heading"),
        (["kommunen"], "heading"),
        (["polisen", "kommunen"], "joint"),
    ]


def test_a_question_about_something_else_names_no_actor() -> None:
    # "i skolorna" asks what the police do there: the heading names a place, not who does the items
    text = TEXT.format(police="Vad gör polisen i skolorna?", municipality="Vad gör kommunen?")
    result = extract_text(text, source_name="t.txt")
    assert [([r.label for r in a.responsible], a.actor_source) for a in result.activities][-2:] == [
        (["kommunen"], "heading"),
        (["polisen", "kommunen"], "joint"),
    ]
    assert not any(
        a.description.startswith("Genomför hastighetskontroller") and a.actor_source == "heading"
        for a in result.activities
    )
