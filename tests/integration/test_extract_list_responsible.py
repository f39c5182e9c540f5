"""A responsibility line under a whole list ("Ansvar: Kommunen" after a blank line, or at the
marker's column right under the last item) states who is responsible for every item of the list;
it was read as the last item's only (or, as "Ansvar:" after a blank line, as a heading). A list
whose items name their own responsible keeps its last line for its last item, and a line indented
as the item's text is inside that item. Texts of our own writing in a municipal page's layout."""

from __future__ import annotations

import pytest

from kg.extract import extract_text

HEAD = """Medborgarlöfte 2025–2026 för Kumla kommun

Kumla kommun och lokalpolisområde Örebro lovar att under 2025–2026 genomföra följande.

Trygghet i centrum

"""
ITEMS = """- Genomföra trygghetsvandringar i centrum.
- Se över belysningen vid resecentrum.
- Röja buskage i stadsparken.
"""


def _responsible(text: str) -> list[list[str]]:
    acts = extract_text(HEAD + text, source_name="t.txt").activities
    return [[a.label for a in act.responsible] for act in acts]


@pytest.mark.parametrize(
    "closing",
    ["\nAnsvar: Kommunen\n", "Ansvar: Kommunen\n", "\nAnsvarig: kommunen.\n", "Ansvariga: Kommunen\n"],
)
def test_a_line_under_the_list_names_the_responsible_for_every_item(closing: str) -> None:
    assert _responsible(ITEMS + closing) == [["kommunen"]] * 3


def test_a_line_indented_as_the_item_text_is_the_items_own() -> None:
    text = ITEMS.rstrip("\n") + "\n  Ansvar: Kommunen\n"
    got = _responsible(text)
    assert got[2] == ["kommunen"] and got[0] != ["kommunen"]


def test_a_list_whose_items_name_their_own_keeps_the_last_line_for_the_last_item() -> None:
    text = (
        "1. Genomföra trygghetsvandringar i centrum.\nAnsvarig: polisen\n"
        "2. Se över belysningen vid resecentrum.\nAnsvarig: kommunen\n"
        "3. Genomföra trafikkontroller vid skolorna.\nAnsvarig: polisen och kommunen\n"
    )
    assert _responsible(text) == [["polisen"], ["kommunen"], ["polisen", "kommunen"]]


def test_an_item_that_names_its_own_subject_is_not_overridden() -> None:
    text = (
        "- Polisen ska genomföra trafikkontroller.\n- Se över belysningen vid resecentrum.\n"
        "Ansvarig: kommunen\n"
    )
    assert _responsible(text)[0] == ["polisen"]
