"""A post after an owner the vocabularies do not know, in the definite genitive, is the one who
acts: "Stadsdelens fritidsledare håller fritidsgården öppen" (a text of our own writing, the
fourth round)."""

from __future__ import annotations

import pytest

from kg.extract import extract_text
from kg.extract.model import Party

TEXT = """Medborgarlöfte Mora kommun 2025

Mora kommun och lokalpolisområde Mora lovar följande.

Aktiviteter

- {item}
- Polisen patrullerar i centrum varje fredag.
"""


@pytest.mark.parametrize(
    ("item", "role"),
    [
        ("Stadsdelens fritidsledare håller fritidsgården öppen varje lördag.", "fritidsledare"),
        ("Områdets fältassistenter är ute i centrum varje lördag.", "faltassistent"),
    ],
)
def test_a_post_after_an_unknown_owner_acts(item: str, role: str) -> None:
    # the item named no actor the subject reading found, and got both parties by default
    act = extract_text(TEXT.format(item=item), source_name="mora.txt").analysis.activities[0]
    assert act.actor_source == "subject"
    assert [a.party for a in act.responsible] == [Party.post]
    post = act.responsible[0].post
    assert post is not None and post.role is not None and post.role.endswith(f"/{role}")
    assert post.org is None  # the owner is not known: its organisation is left to its kind


def test_an_owner_that_is_no_post_gives_no_actor() -> None:
    # "Nattvandrarnas fredagsvandringar": a genitive before a thing done, no post
    item = "Nattvandrarnas fredagsvandringar i centrum ska bli fler."
    act = extract_text(TEXT.format(item=item), source_name="mora.txt").analysis.activities[0]
    assert act.actor_source != "subject"
