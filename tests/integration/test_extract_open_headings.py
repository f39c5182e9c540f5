"""A heading that is a clause the items below complete, a subject, a verb in the present and its
preposition ("Vi fortsätter med:", "Polisen arbetar med:", "Kommunen satsar på:"): its subject
does the items, as under "Polisen lovar". A renewed promise lists so what goes on from last year;
its items named no one and were given both parties by default. Texts of our own writing."""

from __future__ import annotations

import pytest

from kg.extract import extract_text

TEXT = """Medborgarlöfte 2026 – Sala kommun och lokalpolisområde Sala

Medborgarlöftet för 2025 har följts upp och parterna har kommit överens om att förnya löftet.

{heading}
- trygghetsvandringar i Sala centrum varje höst
- information om bedrägerier till äldre
"""


@pytest.mark.parametrize(
    ("heading", "actors", "source"),
    [
        ("Vi fortsätter med:", ["polisen", "kommunen"], "joint"),
        ("Polisen arbetar med:", ["polisen"], "heading"),
        ("Kommunen satsar på:", ["kommunen"], "heading"),
    ],
)
def test_the_subject_of_an_open_heading_does_the_items(heading: str, actors: list[str], source: str) -> None:
    result = extract_text(TEXT.format(heading=heading), source_name="t.txt")
    assert [[a.label for a in act.responsible] for act in result.activities] == [actors, actors]
    assert {act.actor_source for act in result.activities} == {source}
    assert not [a for a in result.assumptions if a.rule == "extract:no-actor-both-parties"]
