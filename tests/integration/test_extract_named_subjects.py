"""An organisation the lexicon does not know, named by its own name beside a party it knows:
"Svenska kyrkan och fritidsgården håller öppet …", "Polisen och Fastighets AB Oskarshamnshem
genomför …", "Kommunen ska i samarbete med Oskarshamns Energi AB förbättra …". Texts of our own
writing in the layout of a municipal page."""

from __future__ import annotations

import pytest

from kg.extract import extract_text

TEXT = """Medborgarlöfte 2025 Oskarshamns kommun

Oskarshamns kommun och lokalpolisområde Oskarshamn har kommit överens om följande.

Så här gör vi:
- {item}
"""


@pytest.mark.parametrize(
    "item",
    [
        "Svenska kyrkan och fritidsgården håller öppet i församlingshemmet på fredagskvällar.",
        "Svenska kyrkan och fritidsgården ska hålla öppet i församlingshemmet på fredagskvällar.",
    ],
)
def test_a_name_that_ends_like_a_modal_is_no_clause_of_its_own(item: str) -> None:
    # "Svenska" ends in "ska": the item was cut into "Svenska kyrkan" (an activity of both
    # parties by default) and "fritidsgården håller öppet …"
    [act] = extract_text(TEXT.format(item=item), source_name="t.txt").activities
    assert act.description == item
