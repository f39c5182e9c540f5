"""Assumptions are data: every value of an extracted graph that the text does not state is an
``mbl:Assumption`` node (ontology/mbl.ttl, "Assumptions"), in the graph, the YAML-LD draft and
``kg extract --explain``."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from typer.testing import CliRunner

from kg.cli import app
from kg.documents.parse import detect_format, parse_quads
from kg.extract import extract_file, extract_text
from kg.extract.assumptions import RULES
from kg.extract.yamlld import to_yamlld
from kg.namespaces import AK, DCAT, DCT, MBL, PROV
from kg.terms import graph_of


def parse_file(path: Path) -> Graph:
    """All triples of an RDF file (in any format kg reads) as one rdflib Graph."""
    return graph_of(parse_quads(path.read_bytes(), detect_format(path), str(path)).merged())


SEEDS = Path(__file__).resolve().parent.parent.parent.parent / "shared" / "seeds"
DOCS = Path(__file__).resolve().parent.parent.parent / "docs"

# A promise written for these tests: an aim with two areas and no priority headings, one
# activity with its actor, one "Tillsammans" activity, one with no actor at all.
PROMISE = """Medborgarlöfte 2025

Polisen och Tidaholms kommun lovar att under 2025 arbeta för att minska skadegörelsen, öka
tryggheten och för ett starkare förtroende för polisen bland unga.

Det här ska vi göra

- Polisen ska genomföra trafikkontroller vid skolorna en gång i månaden.
- Tillsammans genomföra trygghetsvandringar i Stadsparken.
- Informationsinsatser om grannsamverkan till nyinflyttade.

Anna Ek, lokalpolisområdeschef
"""


def assumptions(g: Graph) -> list[dict[str, object]]:
    out = []
    for node in sorted(g.subjects(RDF.type, MBL.Assumption)):
        out.append(
            {
                "node": node,
                "subject": g.value(node, RDF.subject),
                "predicate": g.value(node, RDF.predicate),
                "object": g.value(node, RDF.object),
                "kind": g.value(node, MBL.assumptionKind),
                "rule": str(g.value(node, MBL.assumptionRule)),
                "agent": g.value(node, PROV.wasAttributedTo),
                "reasons": {
                    r.language for r in g.objects(node, MBL.assumptionReason) if isinstance(r, Literal)
                },
            }
        )
    return out


def one(found: list[dict[str, object]], **where: object) -> dict[str, object]:
    hits = [a for a in found if all(a[k] == v for k, v in where.items())]
    assert len(hits) == 1, (where, found)
    return hits[0]


def test_every_assumption_has_the_pattern_of_the_ontology() -> None:
    result = extract_text(PROMISE, source_name="tidaholm.txt")
    g, found = result.graph, assumptions(result.graph)
    assert found
    for a in found:
        assert str(a["node"]).startswith(f"{result.iri}/assumption/")
        assert a["subject"] is not None and a["predicate"] is not None
        assert str(a["kind"]).startswith(str(AK)) and a["reasons"] == {"sv", "en"}
        assert a["rule"].startswith(("extract:", "option:")) and a["rule"] in RULES
        agent = a["agent"]
        expected = PROV.Agent if a["rule"].startswith("option:") else PROV.SoftwareAgent
        assert (agent, RDF.type, expected) in g
        if a["object"] is not None:  # the assumed triple is in the graph
            assert (a["subject"], a["predicate"], a["object"]) in g
    assert len(result.assumptions) == len(found)


def test_both_parties_from_tillsammans_and_by_default_are_recorded() -> None:
    result = extract_text(PROMISE, source_name="tidaholm.txt")
    found = assumptions(result.graph)
    acts = {
        str(a.description): URIRef(f"{result.iri}/activity/{n}") for n, a in enumerate(result.activities, 1)
    }
    joint = next(iri for text, iri in acts.items() if text.startswith("Tillsammans"))
    default = next(iri for text, iri in acts.items() if text.startswith("Informationsinsatser"))
    stated = next(iri for text, iri in acts.items() if text.startswith("Polisen"))
    on_joint = [a for a in found if a["subject"] == joint and a["predicate"] == MBL.responsibleActor]
    assert len(on_joint) == 2 and {a["rule"] for a in on_joint} == {"extract:joint-means-both-parties"}
    assert {a["kind"] for a in on_joint} == {AK.slutsats}
    on_default = [a for a in found if a["subject"] == default and a["predicate"] == MBL.responsibleActor]
    assert len(on_default) == 2 and {a["kind"] for a in on_default} == {AK.standardvarde}
    assert not [a for a in found if a["subject"] == stated and a["predicate"] == MBL.responsibleActor]


def test_a_priority_from_what_the_promise_works_for_is_stated_in_its_words() -> None:
    result = extract_text(PROMISE, source_name="tidaholm.txt")
    titles = [p.title for p in result.priorities]
    # "öka tryggheten" is what every promise says; the qualified aim names this one's topic
    assert titles == ["Starkare förtroende för polisen bland unga"]
    assert all(p.rule == "" for p in result.priorities)
    assert not [a for a in assumptions(result.graph) if a["predicate"] == MBL.priority]


# No aim, no priority headings: the priorities can only be inferred from the problems described.
PROBLEMS = """Medborgarlöfte 2025 för Tidaholm

Situationen idag

Boende i Norrmalm känner oro för skadegörelse och klotter på skolgårdarna om kvällarna.

Det här ska vi göra

- Polisen ska patrullera vid skolorna på fredagskvällar.
- Kommunen ska sanera klotter inom ett dygn.
"""


def test_a_priority_inferred_from_the_problems_is_recorded_in_the_documents_words() -> None:
    result = extract_text(PROBLEMS, source_name="problem.txt")
    assert result.priorities and all(p.rule == "priority-from-problems" for p in result.priorities)
    assert all(p.title.casefold() in PROBLEMS.casefold() for p in result.priorities)
    found = assumptions(result.graph)
    for n, _ in enumerate(result.priorities, start=1):
        node = URIRef(f"{result.iri}/priority/{n}")
        one(
            found,
            subject=result.iri,
            predicate=MBL.priority,
            object=node,
            rule="extract:priority-from-problems",
        )


def test_an_unknown_police_area_is_unknown_not_the_police_authority() -> None:
    result = extract_text(PROMISE, source_name="tidaholm.txt")
    g = result.graph
    assert g.value(result.iri, MBL.policeUnit) is None
    a = one(assumptions(g), subject=result.iri, predicate=MBL.policeUnit)
    assert a["object"] is None and a["kind"] == AK.okant and a["rule"] == "extract:police-area-not-named"


def test_the_stewards_options_are_recorded_as_the_stewards() -> None:
    result = extract_text(
        PROMISE, source_name="tidaholm.txt", municipality="1498", period="2025-2026", police_area="Skövde"
    )
    found = assumptions(result.graph)
    steward = {a["rule"] for a in found if a["kind"] == AK["forvaltarens-uppgift"]}
    assert steward == {"option:--municipality", "option:--period", "option:--police-area"}
    municipality = one(found, predicate=MBL.municipality)
    assert str(municipality["object"]).endswith("/org/kommun-1498")
    period = URIRef(f"{result.iri}/period")
    assert str(one(found, subject=period, predicate=DCAT.startDate)["object"]) == "2025-01-01"
    police = one(found, predicate=MBL.policeUnit)
    assert (result.iri, MBL.policeUnit, police["object"]) in result.graph


def test_seed_003_carries_its_municipality_as_the_stewards_value() -> None:
    seed = SEEDS / "003_d3222688a511906b.txt"
    if not seed.exists():
        pytest.skip(f"{seed} is absent: the seed texts live in ../shared/seeds")
    result = extract_file(seed, municipality="1280")
    found = assumptions(result.graph)
    for prop in (MBL.municipality, DCT.spatial):
        a = one(found, subject=result.iri, predicate=prop)
        assert a["rule"] == "option:--municipality" and a["kind"] == AK["forvaltarens-uppgift"]


def test_the_yaml_draft_carries_the_assumptions(tmp_path: Path) -> None:
    result = extract_text(PROMISE, source_name="tidaholm.txt")
    draft = tmp_path / "draft.yaml"
    draft.write_text(to_yamlld(result.graph), encoding="utf-8")
    again = parse_file(draft)
    assert len(assumptions(again)) == len(assumptions(result.graph))
    assert "assumption" in draft.read_text(encoding="utf-8")


def test_explain_lists_the_assumptions(tmp_path: Path) -> None:
    source = tmp_path / "tidaholm.txt"
    source.write_text(PROMISE, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(source), "--explain", "-o", str(tmp_path / "d.yaml")])
    assert result.exit_code == 0, result.output
    assert "Antaganden / assumptions" in result.output
    assert "extract:joint-means-both-parties" in result.output
    assert "policeUnit = (okänt / unknown)" in result.output


def test_every_rule_is_documented() -> None:
    text = (DOCS / "extraction.md").read_text(encoding="utf-8")
    missing = [rule for rule in RULES if f"`{rule}`" not in text]
    assert not missing, f"docs/extraction.md does not describe {missing}"
