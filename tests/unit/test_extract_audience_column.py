"""A "Målgrupp" column of a table of activities, or a "Målgrupp:" field under an item, names the
activity's target groups (texts of our own writing, the fourth round)."""

from __future__ import annotations

from rdflib import URIRef

from kg.extract import extract_text
from kg.namespaces import DCT

TABLE = """# Medborgarlöfte Falun 2025–2026

Falu kommun och lokalpolisområde Falun har tagit fram detta medborgarlöfte.

## Aktiviteter

| Aktivitet | Ansvarig | Frekvens | Plats | Målgrupp |
|---|---|---|---|---|
| Information om narkotika | Polisen | Minst fyra gånger per termin | Högstadieskolorna | Elever i årskurs 8 |
| Trygghetsvandring | Polisen och kommunen | Varje höst | Östermalm | Boende |
"""

FIELDS = """Medborgarlöfte Falun 2025–2026

Falu kommun och lokalpolisområde Falun har tagit fram detta medborgarlöfte.

Aktiviteter

- Information om narkotika
  - Ansvarig: Polisen
  - När: Minst fyra gånger per termin
  - Målgrupp: Elever i årskurs 8
- Trygghetsvandring
  - Ansvarig: Polisen och kommunen
  - När: Varje höst
  - Målgrupp: Boende
"""


def _audiences(text: str, name: str) -> list[list[str]]:
    result = extract_text(text, source_name=name)
    out = []
    for n in range(1, len(result.analysis.activities) + 1):
        node = URIRef(f"{result.iri}/activity/{n}")
        out.append(sorted(str(o).rsplit("/", 1)[-1] for o in result.graph.objects(node, DCT.audience)))
    return out


def test_a_target_group_column_names_the_groups() -> None:
    # the column was not read: the activities had no target group
    assert _audiences(TABLE, "falun.md") == [["elever"], ["boende"]]


def test_a_target_group_field_names_the_groups() -> None:
    # the field made the item no record of fields: "Målgrupp: …" was an activity of its own
    assert _audiences(FIELDS, "falun.txt") == [["elever"], ["boende"]]
