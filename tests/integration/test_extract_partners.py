"""A partner is whom the text names after "i samverkan med", "tillsammans med" or "i samarbete
med", wherever that stands in the sentence: before the verb ("Polisen i samverkan med skolor ska
…", read before), after it ("Polisen ska i samverkan med kommunen genomföra …", read before) and
at the end ("Polisen ska genomföra trygghetsvandringar i samverkan med kommunen", the commonest
place, which gave no partner). A partner is never a responsible actor."""

from __future__ import annotations

from pathlib import Path

from rdflib import URIRef

from kg.extract import extract_file
from kg.namespaces import MBL

ID = "https://w3id.org/medborgarlofte/id/"
TEXT = """Medborgarlöfte för Köpings kommun 2024

Lokalpolisområde Västerås och Köpings kommun lovar:

Prioriterat område: Trygghet i centrum

- Polisen ska genomföra trygghetsvandringar i samverkan med kommunen varje vår.
- Kommunen ska ordna lovaktiviteter tillsammans med föreningslivet.
- Polisen ska öka närvaron i centrum tillsammans med kommunens fältassistenter.
- Kommunen ska se över belysningen i samarbete med polisen och fastighetsägarna.
- Polisen ska hålla föräldramöten tillsammans med genomförda enkäter som grund.
"""


def _roles(tmp_path: Path) -> dict[int, tuple[set[str], set[str]]]:
    path = tmp_path / "partners.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = extract_file(path, period="2024")
    g, promise = result.graph, result.iri
    out = {}
    for order in range(1, 6):
        activity = URIRef(f"{promise}/activity/{order}")
        out[order] = (
            {str(o).removeprefix(ID) for o in g.objects(activity, MBL.responsibleActor)},
            {
                str(o).removeprefix(ID).removeprefix("promise/1983-2024/")
                for o in g.objects(activity, MBL.partner)
            },
        )
    return out


def test_a_partner_named_at_the_end_of_the_sentence_is_a_partner(tmp_path: Path) -> None:
    roles = _roles(tmp_path)
    assert roles[1] == ({"org/lpo-vasteras"}, {"org/kommun-1983"})
    assert roles[2] == ({"org/kommun-1983"}, {"org/kommun-1983/foreningslivet"})
    assert roles[3] == ({"org/lpo-vasteras"}, {"post/faltassistent"})
    assert roles[4] == ({"org/kommun-1983"}, {"org/lpo-vasteras", "org/kommun-1983/fastighetsagarna"})


def test_no_partner_where_no_actor_follows_the_cue(tmp_path: Path) -> None:
    assert _roles(tmp_path)[5] == ({"org/lpo-vasteras"}, set())


NAMED = """Medborgarlöfte för Tierps kommun 2025

Lokalpolisområde Tierp och Tierps kommun lovar:

- Vi genomför trygghetsvandringar två gånger per år tillsammans med Tierps Energi och hyresgästföreningen.
- Kommunen anordnar lovaktiviteter i samverkan med Rädda Barnen, Röda Korset och Tierpsbyggen AB.
- Kommunen ska tillsammans med Älvkarleby och polisen ordna en föräldrakväll.
"""


def _slug(iri: str | None) -> str:
    return (iri or "").rsplit("/", 1)[-1]


def test_a_partner_the_vocabularies_do_not_know_is_named_by_its_own_name(tmp_path: Path) -> None:
    """ "tillsammans med Tierps Energi och hyresgästföreningen": the company is a partner by its
    own name (it was dropped, and the list after it with it), typed only where its name says a
    kind ("Tierpsbyggen AB"), its type otherwise unknown and said so; a municipality's name
    after the cue is no organisation."""
    path = tmp_path / "tierp.txt"
    path.write_text(NAMED, encoding="utf-8")
    result = extract_file(path)
    partners = [
        [(r.label, (r.actor_type or "").rsplit("/", 1)[-1]) for r in a.partners] for a in result.activities
    ]
    assert partners[0] == [("Tierps Energi", ""), ("Hyresgästföreningen", "civilsamhalle")]
    assert partners[1] == [("Rädda Barnen", ""), ("Röda Korset", ""), ("Tierpsbyggen AB", "naringsliv")]
    assert all(label != "Älvkarleby" for label, _ in partners[2])
    unknown = {
        a.subject.rsplit("/", 1)[-1] for a in result.assumptions if a.rule == "extract:actor-type-not-stated"
    }
    assert "tierps-energi" in unknown
