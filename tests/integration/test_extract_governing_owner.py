"""Two readings of a party in the genitive, as Swedish builds them (texts of our own writing):

- Under a heading that names the party promising ("Polisen åtar sig att:"), an item in the
  infinitive is that party's action, whoever owns its object: "delta i kommunens
  trygghetsvandringar" is the police's (it was the municipality's), "utöka trygghetsvärdarnas
  närvaro" under "Umeå kommun åtar sig att:" the municipality's. An owner still narrows a heading
  of several parties ("Öka polisens närvaro" under both is the police's).
- A party's own group as the subject ("Fältgruppen och polisens ungdomsgrupp genomför …",
  "kommunens fältteam"): the party acts through it. The sentence was dropped without a word.
"""

from __future__ import annotations

from kg.extract import extract_text

HEADINGS = """Medborgarlöfte 2025 för Umeå kommun

Umeå kommun åtar sig att:
- utöka trygghetsvärdarnas närvaro fredag och lördag kväll.

Polisen åtar sig att:
- delta i kommunens trygghetsvandringar vår och höst.

Polisen och kommunen åtar sig att:
- öka polisens närvaro vid Vasaplan.
"""

GROUPS = """Medborgarlöfte 2025 för Umeå kommun

Polisen och kommunen lovar:

Fältgruppen och polisens ungdomsgrupp genomför gemensamma kvällspass i Ersboda varje torsdag.

Kommunens fältteam besöker skolorna varje vecka.

Polisens närvaro i centrum är hög.
"""


def _responsible(text: str) -> list[tuple[list[str], str]]:
    result = extract_text(text, source_name="umea.txt")
    return [([r.label for r in a.responsible], a.actor_source) for a in result.analysis.activities]


def test_the_heading_party_acts_whoever_owns_the_object() -> None:
    assert _responsible(HEADINGS) == [
        (["kommunen"], "heading"),
        (["polisen"], "heading"),
        (["polisen"], "subject"),
    ]


def test_a_party_acts_through_its_own_group() -> None:
    assert _responsible(GROUPS) == [
        (["Fältgruppen", "polisen"], "subject"),
        (["kommunen"], "subject"),
    ]
