"""An item that names who is responsible before the action ("Ansvarig: Arboga kommun. Genomföra
trygghetsvandringar …", "Ansvarig: Polisen" on the line above the action, "Ansvar:
Trygghetssamordnaren – genomföra …") is the action with those actors. The whole item was read
as the "Ansvarig:" line: the activity had an empty description, no type and no frequency."""

from __future__ import annotations

from pathlib import Path

from rdflib import Literal, URIRef

from kg.extract import extract_file
from kg.namespaces import DCT, MBL

VOCAB = "https://w3id.org/medborgarlofte/vocab/"
ID = "https://w3id.org/medborgarlofte/id/"
TEXT = """Medborgarlöfte 2025 för Arboga kommun

Lokalpolisområde Köping och Arboga kommun lovar att under 2025 arbeta för ökad trygghet.

Det här ska vi göra

- Ansvarig: Arboga kommun. Genomföra trygghetsvandringar i Arboga centrum två gånger per år.
- Ansvarig: Polisen
  Genomföra trafikkontroller varje vecka.
- Ansvar: Trygghetssamordnaren – genomföra nattvandringar varje helg.
- Polisen ska genomföra narkotikasök med hund på skolor. Ansvarig: Polisen.
"""


def test_an_item_naming_its_responsible_first_keeps_its_action(tmp_path: Path) -> None:
    source = tmp_path / "arboga.txt"
    source.write_text(TEXT, encoding="utf-8")
    result = extract_file(source)
    g, promise = result.graph, URIRef(result.iri)
    got = []
    for n in range(1, 5):
        a = URIRef(f"{promise}/activity/{n}")
        got.append(
            (
                str(g.value(a, DCT.description)),
                str(g.value(a, MBL.activityType)).removeprefix(VOCAB + "activity-type/"),
                str(g.value(a, MBL.frequency)).removeprefix(VOCAB + "frequency/"),
                sorted(str(o).removeprefix(ID) for o in g.objects(a, MBL.responsibleActor)),
            )
        )
    assert got == [
        (
            "Genomföra trygghetsvandringar i Arboga centrum två gånger per år.",
            "trygghetsvandring",
            "semiannual",
            ["org/kommun-1984"],
        ),
        ("Genomföra trafikkontroller varje vecka.", "trafikkontroll", "weekly", ["org/lpo-koping"]),
        (
            "genomföra nattvandringar varje helg.",
            "nattvandring",
            "weekly",
            ["promise/1984-2025/post/trygghetssamordnare"],
        ),
        (
            "Polisen ska genomföra narkotikasök med hund på skolor.",
            "narkotikasok-med-hund",
            "None",
            ["org/lpo-koping"],
        ),
    ]
    assert (None, DCT.description, Literal("", lang="sv")) not in g
