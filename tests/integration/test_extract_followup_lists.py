"""A follow-up plan written as a list under its own lead-in ("Löftet följs upp på följande sätt:"
and items "tertialvis avstämning i styrgruppen …") is the follow-up plan, not more activities:
the lead-in, a clause whose verb is "följa upp", opens the follow-up part though its subject
("Löftet") names the promise (the noun used to win, being written first, and its items were read
as activities of both parties). Texts of our own writing."""

from __future__ import annotations

import pytest

from kg.extract import extract_text
from kg.extract.headings import heading_part
from kg.extract.state import Part

TEXT = """Medborgarlöfte 2025–2026
Lokalpolisområde Kumla och Kumla kommun

Det här ska vi göra

- Polisen ska genomföra trafikkontroller vid skolorna varje månad.
- Kommunen ska ordna två föräldrakvällar per år.

Uppföljning

Löftet följs upp på följande sätt:
- tertialvis avstämning i styrgruppen för medborgarlöftet
- årlig redovisning i kommunfullmäktige
- trygghetsmätningen hösten 2026 visar om tryggheten i centrum har ökat

För Kumla kommun
Anna Berg
Kommunstyrelsens ordförande
2025-03-01
"""


def test_a_follow_up_list_under_its_lead_in_is_the_plan_not_activities() -> None:
    a = extract_text(TEXT, source_name="t.txt").analysis
    assert [x.description for x in a.activities] == [
        "Polisen ska genomföra trafikkontroller vid skolorna varje månad.",
        "Kommunen ska ordna två föräldrakvällar per år.",
    ]
    assert a.followup is not None and a.followup.frequency is not None
    assert a.followup.frequency.phrase == "tertialvis"
    assert [f.label for f in a.followup.forums] == ["styrgruppen", "kommunfullmäktige"]


@pytest.mark.parametrize(
    ("heading", "part"),
    [
        ("Löftet följs upp på följande sätt", Part.followup),
        ("Så här följs medborgarlöftet upp", Part.followup),
        ("Våra löften", Part.activities),
        ("Uppföljning av löftet", Part.followup),
    ],
)
def test_the_verb_follow_up_makes_a_follow_up_heading(heading: str, part: Part) -> None:
    assert heading_part(heading) is part


LIST = """# Medborgarlöfte 2025–2026 för Tierps kommun

Tierps kommun och lokalpolisområde Uppsala har tagit fram detta medborgarlöfte för 2025–2026.

## Det här ska vi göra

- Polisen ska genomföra trafikkontroller vid skolorna varje månad.
- Kommunen ska ordna nattvandringar på fredagskvällar.

## Uppföljning

- Arbetet följs upp kvartalsvis i BRÅ-rådet
- En gång per år redovisas resultatet för kommunstyrelsen.
- Tryggheten följs upp med trygghetsmätningen varje höst
"""


def test_the_plans_description_keeps_its_items_apart() -> None:
    # an item has no full stop: it was run into the next ("… i BRÅ-rådet En gång per år …")
    plan = extract_text(LIST, source_name="t.md").analysis.followup
    assert plan is not None
    assert plan.description == (
        "Arbetet följs upp kvartalsvis i BRÅ-rådet; "
        "En gång per år redovisas resultatet för kommunstyrelsen. "  # a sentence ends by its stop
        "Tryggheten följs upp med trygghetsmätningen varje höst"
    )
