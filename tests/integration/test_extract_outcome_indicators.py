"""A goal that says how it is measured, as a participle or a passive ("…ska öka, mätt i polisens
trygghetsundersökning", "…, vilket mäts i trygghetsmätningen") or with "enligt" ("Ökad trygghet
enligt trygghetsmätningen"): the measure is the outcome's
indicator. A text of our own writing in the layout of a municipal PDF."""

from __future__ import annotations

import pytest

from kg.extract import extract_text

_TEXT = (
    "Medborgarlöfte för Skövde kommun 2024–2025\n\n"
    "Polisen lovar att:\n"
    "- genomföra krogkontroller minst en gång i månaden\n\n"
    "Mål\n"
    "{goal}\n"
)
INDICATOR = "https://w3id.org/medborgarlofte/vocab/indicator/"


@pytest.mark.parametrize(
    ("goal", "indicator"),
    [
        (
            "Andelen som känner sig trygga i centrum ska öka, mätt i polisens trygghetsundersökning.",
            "polisens-trygghetsundersokning",
        ),
        ("Otryggheten i centrum ska minska, vilket mäts i trygghetsmätningen.", "trygghetsmatning"),
        # "enligt" names the measure as well (gave no indicator)
        ("Ökad trygghet i centrum enligt trygghetsmätningen.", "trygghetsmatning"),
        ("Färre ska utsättas för brott enligt NTU.", "ntu"),
    ],
)
def test_how_a_goal_is_measured_is_its_indicator(goal: str, indicator: str) -> None:
    result = extract_text(_TEXT.format(goal=goal), source_name="t.txt")
    [outcome] = result.analysis.outcomes
    assert outcome.description == goal
    assert outcome.indicators == [INDICATOR + indicator]
