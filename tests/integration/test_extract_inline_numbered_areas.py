"""A numbered list written on one line, "Prioriterade områden: 1) Trafik 2) Narkotika 3) Trygghet
i centrum", names one priority per item, each mapped to the vocabulary by its own words, as the
items of a list one a line are; it used to be one priority holding the three areas. Texts of our
own writing (kg/extract/priorities.py, ``inline_items``)."""

from __future__ import annotations

import pytest

from kg.extract import extract_text
from kg.extract.priorities import inline_items

AREA = "https://w3id.org/medborgarlofte/vocab/priority-area/"
TEXT = """Medborgarlöfte 2025–2026 för Tierps kommun

Tierps kommun och lokalpolisområde Uppsala har tagit fram detta medborgarlöfte för 2025–2026.

{line}

Det här ska vi göra

- Polisen ska genomföra trafikkontroller vid skolorna varje månad.
- Kommunen ska ordna nattvandringar på fredagskvällar.
"""
THREE = [
    ("Trafik", ["trafiksakerhet"]),
    ("Narkotika", ["narkotika"]),
    ("Trygghet i centrum", ["trygghet-offentlig-miljo"]),
]


@pytest.mark.parametrize(
    "line",
    [
        "Prioriterade områden: 1) Trafik 2) Narkotika 3) Trygghet i centrum",  # a line of its own
        "## Prioriterade områden: 1. Trafik 2. Narkotika 3. Trygghet i centrum",  # a heading
        # a sentence of a paragraph
        "Vi har valt tre områden. Prioriterade områden: 1) Trafik 2) Narkotika 3) Trygghet i centrum.",
    ],
)
def test_each_item_of_a_numbered_list_on_one_line_is_a_priority(line: str) -> None:
    result = extract_text(TEXT.format(line=line), source_name="t.md")
    read = [(p.title, [a.removeprefix(AREA) for a in p.areas]) for p in result.analysis.priorities]
    assert read == THREE
    text = result.analysis.text
    assert [text[p.passage.start : p.passage.end] for p in result.analysis.priorities] == [
        t for t, _ in THREE
    ]


def test_markers_must_run_from_one_in_order_and_close_alike() -> None:
    assert inline_items("1) Trafik 2) Narkotika") == [(3, 9), (13, 22)]
    assert inline_items("Område 2) Trafik") == []  # one marker is no list
    assert inline_items("1) Trafik 3) Narkotika") == []  # 3 does not follow 1
    assert inline_items("1) Trafik 2. Narkotika") == []  # closed unlike
    assert inline_items("Ses kl. 18 den 2. maj") == []
