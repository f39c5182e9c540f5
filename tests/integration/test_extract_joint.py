"""Joint promises (kg.extract.joint): one police area and several municipalities promise together,
and the draft names every one of them as a party; a coordination of names that is not the
promise's parties (a police area's name, a priority further down) changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kg.errors import ExtractionError
from kg.extract import extract_file
from kg.extract.joint import joint_municipalities
from kg.extract.naming import default_names
from kg.namespaces import DCT, MBL

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "extract"
ORG = "https://w3id.org/medborgarlofte/id/org/kommun-"
ARBOGA, KOPING, KUNGSOR = "1984", "1983", "1960"
HJO, TIBRO, KARLSBORG = "1497", "1472", "1446"


def _graph(path: Path, **options: str) -> tuple[Graph, URIRef]:
    result = extract_file(path, **options)  # type: ignore[arg-type]
    return result.graph, result.iri


def _codes(graph: Graph, subject: URIRef, prop: URIRef) -> set[str]:
    return {str(o).rsplit("-", 1)[-1] for o in graph.objects(subject, prop)}


def test_a_title_naming_three_municipalities_makes_each_a_party() -> None:
    graph, promise = _graph(FIXTURES / "f26_joint_title.txt")
    assert _codes(graph, promise, MBL.municipality) == {ARBOGA, KOPING, KUNGSOR}
    assert {str(o).rsplit("-", 1)[-1] for o in graph.objects(promise, DCT.spatial)} == {
        ARBOGA,
        KOPING,
        KUNGSOR,
    }
    title = str(graph.value(promise, DCT.title))
    assert "Arboga kommun, Köpings kommun och Kungsörs kommun" in title  # in the order named
    activities = {str(graph.value(a, MBL.order)): a for a in graph.objects(promise, MBL.activity)}
    # "Kommunerna och polisen genomför …": the three municipalities and the police, as stated
    assert _codes(graph, activities["2"], MBL.responsibleActor) >= {ARBOGA, KOPING, KUNGSOR}
    # each chair signs for the municipality their post names, not for the one the ID is made from
    signed = {
        str(graph.value(graph.value(s, MBL.signatory), URIRef("http://schema.org/name"))): str(
            graph.value(s, MBL.signedFor)
        )
        for s in graph.objects(promise, MBL.signature)
    }
    assert signed["Anna Andersson"] == ORG + ARBOGA and signed["Cecilia Carlsson"] == ORG + KUNGSOR


def test_a_lead_naming_the_municipalities_in_the_genitive_makes_each_a_party() -> None:
    result = extract_file(FIXTURES / "f27_joint_lead.md")
    graph, promise = result.graph, result.iri
    assert _codes(graph, promise, MBL.municipality) == {HJO, TIBRO, KARLSBORG}
    # "Kommunen anordnar …" in a promise of three: each is responsible, recorded as an inference;
    # "Kommunerna och polisen …" states it
    each = [a for a in result.analysis.assumptions if a.rule == "extract:joint-kommunen-each"]
    assert {a.subject.rsplit("/", 1)[-1] for a in each} == {"1"}
    assert {str(a.value).rsplit("-", 1)[-1] for a in each} == {HJO, TIBRO, KARLSBORG}
    third = URIRef(f"{promise}/activity/3")
    assert _codes(graph, third, MBL.responsibleActor) >= {HJO, TIBRO, KARLSBORG}


def test_municipality_given_by_the_steward_is_the_only_one() -> None:
    graph, promise = _graph(FIXTURES / "f26_joint_title.txt", municipality="Arboga")
    assert _codes(graph, promise, MBL.municipality) == {ARBOGA}


def test_the_steward_names_a_joint_promises_municipalities() -> None:
    """``--municipality Kungsör,1984``: both are parties, the first makes the ID, and each is
    recorded as the steward's option, not the text's."""
    result = extract_file(FIXTURES / "f26_joint_title.txt", municipality="Kungsör, 1984")
    graph, promise = result.graph, result.iri
    assert _codes(graph, promise, MBL.municipality) == {KUNGSOR, ARBOGA}
    assert str(promise).endswith(f"/promise/{KUNGSOR}-2024-2025")
    given = [a for a in result.analysis.assumptions if a.rule == "option:--municipality"]
    assert {str(a.value).rsplit("-", 1)[-1] for a in given} == {KUNGSOR, ARBOGA}


@pytest.mark.parametrize(
    "text",
    [
        # a police area named after two towns is not a statement of two parties
        "Medborgarlöfte 2025 för Köpings kommun\n\n"
        "Lokalpolisområde Köping och Arboga och Köpings kommun lovar:\n",
        # a coordination further down, in a priority, is not where a document names its parties
        "Medborgarlöfte 2025 för Köpings kommun\n\nPolisen och kommunen lovar.\n\nBakgrund\n\nText.\n\n"
        "Prioriteringar\n\n- Trygghet i centrala Köping och Arboga\n",
        # two names, each with its own phrase: not coordinated
        "Medborgarlöften 2025\n\nPolisen lovar invånarna i Köping och invånarna i Arboga att:\n",
    ],
    ids=["police-area-name", "priority-below-the-lead", "not-coordinated"],
)
def test_coordinations_that_are_not_the_parties(text: str) -> None:
    assert joint_municipalities(default_names(), text) == []


def test_the_seeds_and_fixtures_are_single_municipality_promises() -> None:
    """None of the development texts is a joint promise (their gold names one municipality)."""
    names = default_names()
    dev = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev"
    texts = [p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".md") and "joint" not in p.name]
    texts += sorted(dev.glob("*.txt")) if dev.is_dir() else []
    for path in texts:
        assert joint_municipalities(names, path.read_text(encoding="utf-8")) == [], path.name


def test_a_joint_promise_still_needs_an_activity(tmp_path: Path) -> None:
    page = tmp_path / "tom.txt"
    page.write_text("Medborgarlöfte 2025 för Arboga, Köping och Kungsör\n\nMer information kommer.\n")
    with pytest.raises(ExtractionError):
        extract_file(page)


def test_the_draft_of_a_joint_promise_imports_and_lists_it_for_each_municipality(tmp_path: Path) -> None:
    from cli_support import kg
    from typer.testing import CliRunner

    runner, store, draft = CliRunner(), tmp_path / "store", tmp_path / "joint.yaml"
    code, out = kg(runner, store, "extract", str(FIXTURES / "f26_joint_title.txt"), "--out", str(draft))
    assert code == 0, out
    assert kg(runner, store, "init")[0] == 0
    code, out = kg(runner, store, "import", str(draft))
    assert code == 0, out
    code, out = kg(runner, store, "documents", "--format", "json")
    assert code == 0, out
    # the catalogue record names the municipality the ID is made from, not whichever came first
    assert [r["municipality_code"] for r in json.loads(out)] == [KOPING]
    code, out = kg(runner, store, "query", "run", "promises", "--format", "csv")
    assert code == 0, out
    assert {line.split(",")[3] for line in out.splitlines()[1:]} == {
        "Arboga kommun",
        "Köpings kommun",
        "Kungsörs kommun",
    }


@pytest.mark.parametrize("given", ["Arboga,", "Arboga,,Köping", " , "])
def test_an_empty_part_of_the_municipalities_given_is_an_error(given: str) -> None:
    """Not read as "the text's own municipality" in its place."""
    with pytest.raises(ExtractionError, match="har en tom del"):
        extract_file(FIXTURES / "f26_joint_title.txt", municipality=given)
