"""What the parties promise to work for, "lovar att arbeta för" and a goal, is the promise's aim,
not an activity, also where the vocabulary names no priority area in the goal ("trygga skolor")
and an adverbial stands before the verb ("lovar att under läsåret 2025/2026 arbeta för …"). It
was read as an activity of both parties. A text of our own writing."""

from __future__ import annotations

import pytest

from kg.extract import extract_text

TEXT = """Medborgarlöfte läsåret 2025/2026 – Alvesta kommun

Alvesta kommun och lokalpolisområde Växjö lovar att {aim}.

Polisen ska besöka alla högstadieskolor i Alvesta minst en gång per termin.
Kommunen ska genomföra en enkät bland elever i årskurs 8 under våren.
"""


@pytest.mark.parametrize(
    "aim",
    [
        "under läsåret 2025/2026 arbeta för trygga skolor",
        "arbeta för trygga skolor",
        "verka för en lugn skolmiljö",
    ],
)
def test_what_the_parties_work_for_is_no_activity(aim: str) -> None:
    result = extract_text(TEXT.format(aim=aim), source_name="t.txt")
    assert [a.description.split()[0] for a in result.activities] == ["Polisen", "Kommunen"]
    assert any("syfte" in o.reason for o in result.analysis.omissions)


def test_an_aim_with_its_means_is_an_action() -> None:
    aim = "arbeta för trygga skolor genom att ordna temadagar om nätmobbning"
    result = extract_text(TEXT.format(aim=aim), source_name="t.txt")
    assert [a.description.split()[0] for a in result.activities] == ["Alvesta", "Polisen", "Kommunen"]
