"""A list of priority areas under "Prioriterade områden" ends where an item promises: "- Polisen
ska genomföra trafikkontroller varje månad" after "- Narkotika", "- Trafik" is an activity. The
bullets that followed were read as more areas, and the document was refused as holding no
activities. Texts of our own writing in the layout of a municipal page."""

from __future__ import annotations

import pytest

from kg.extract import extract_text

_TEXT = """Medborgarlöfte 2025 för Arboga kommun

Lokalpolisområde Köping och Arboga kommun lovar:

Prioriterade områden
{first}
{second}

- Polisen ska genomföra trafikkontroller varje månad.
- Kommunen ska genomföra trygghetsvandringar två gånger per år.
"""


@pytest.mark.parametrize(("first", "second"), [("- Narkotika", "- Trafik"), ("1. Narkotika", "2. Trafik")])
def test_the_items_that_promise_are_activities_after_the_areas(first: str, second: str) -> None:
    result = extract_text(_TEXT.format(first=first, second=second), source_name="t.txt")
    assert [p.title for p in result.analysis.priorities] == ["Narkotika", "Trafik"]
    assert [a.description.split()[0] for a in result.activities] == ["Polisen", "Kommunen"]
