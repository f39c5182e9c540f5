"""A lead-in sentence that names the parties as the subject of the list after it ("Lokalpolisområde
Kumla och Hallsbergs kommun lovar att:") states who is responsible for each item that names no
one of its own: the parties, as a governing heading does ("Polisen lovar att:"). Such items were
given both parties as a default (extract:no-actor-both-parties, "the text names no one
responsible"), which the text contradicts. Texts of our own writing."""

from __future__ import annotations

from kg.extract import extract_text

TEXT = """Medborgarlöfte 2025 för Hallsbergs kommun

Lokalpolisområde Kumla och Hallsbergs kommun lovar att:

- Genomföra minst fyra trygghetsvandringar under året.
- Anordna en trygghetsdag på torget i september.
- Polisen ska genomföra trafikkontroller vid skolorna varje månad.
"""


def test_the_parties_named_by_the_lead_in_are_stated_responsible() -> None:
    result = extract_text(TEXT, source_name="hallsberg.txt")
    activities = result.analysis.activities
    assert [([r.label for r in a.responsible], a.actor_source) for a in activities] == [
        (["polisen", "kommunen"], "heading"),
        (["polisen", "kommunen"], "heading"),
        (["polisen"], "subject"),  # an item's own subject wins
    ]
    assert not [a for a in result.analysis.assumptions if a.rule == "extract:no-actor-both-parties"]


def test_a_lead_in_that_names_no_party_gives_no_actor() -> None:
    text = TEXT.replace(
        "Lokalpolisområde Kumla och Hallsbergs kommun lovar att:", "Under året kommer följande att ske:"
    )
    result = extract_text(text, source_name="hallsberg.txt")
    assert [a.actor_source for a in result.analysis.activities] == ["default", "default", "subject"]


def test_the_parties_named_in_an_aim_that_leads_in_the_list_are_stated_responsible() -> None:
    """ "X och Y lovar att arbeta för ökad trygghet i centrum genom att:" names them too; "Vi
    lovar att arbeta för … genom att:" stays the inference that "vi" is both parties."""
    aim = (
        "Lokalpolisområde Kumla och Hallsbergs kommun lovar att arbeta för ökad trygghet i centrum genom att:"
    )
    result = extract_text(
        TEXT.replace("Lokalpolisområde Kumla och Hallsbergs kommun lovar att:", aim), source_name="h.txt"
    )
    assert [a.actor_source for a in result.analysis.activities] == ["heading", "heading", "subject"]
    we = TEXT.replace(
        "Lokalpolisområde Kumla och Hallsbergs kommun lovar att:",
        "Vi lovar att arbeta för ökad trygghet i centrum genom att:",
    )
    result = extract_text(we, source_name="h.txt")
    assert [a.actor_source for a in result.analysis.activities] == ["joint-intro", "joint-intro", "subject"]
