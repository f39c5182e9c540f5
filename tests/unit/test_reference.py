"""The reference graph: regenerated from ../shared/reference it equals the committed file, and it
holds what the rest of the project relies on (290 municipalities, 21 counties, police units)."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef

from kg.errors import InputError
from kg.iris import Minter
from kg.namespaces import ACT, CV, GEO, MBL, ORG, SCHEMA, SKOS
from tools import reference

SOURCE = reference.DEFAULT_SOURCE
M = Minter()


@cache
def graph() -> Graph:
    return Graph().parse(reference.DEFAULT_OUTPUT, format="turtle")


def _needs_source() -> None:
    if not (SOURCE / "municipalities.csv").is_file():
        pytest.skip(f"the shared reference folder {SOURCE} is absent (it sits beside the repo in CI)")


def test_regenerated_file_equals_the_committed_one(tmp_path: Path) -> None:
    _needs_source()
    out = tmp_path / "reference.ttl"
    assert reference.main([str(SOURCE), "--output", str(out)]) == 0
    assert out.read_bytes() == reference.DEFAULT_OUTPUT.read_bytes(), (
        "ontology/reference/reference.ttl is stale: run `python -m tools.reference ../shared/reference`"
    )
    assert reference.main([str(SOURCE), "--output", str(out), "--check"]) == 0
    out.write_text(out.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert reference.main([str(SOURCE), "--output", str(out), "--check"]) == 1


def test_codes_are_read_as_strings_and_bad_rows_are_refused(tmp_path: Path) -> None:
    (tmp_path / "counties.csv").write_text(
        "county_code,county_name,county_name_short\n01,Stockholms län,Stockholm\n", encoding="utf-8"
    )
    (tmp_path / "municipalities.csv").write_text(
        "municipality_code,municipality_name,municipality_name_short,county_code\n"
        "0128,Salems kommun,Salem,01\n",
        encoding="utf-8",
    )
    data = reference.load(tmp_path)
    assert data.municipalities[0].code == "0128"
    (tmp_path / "municipalities.csv").write_text(
        "municipality_code,municipality_name,municipality_name_short,county_code\n"
        "128,Salems kommun,Salem,01\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="128"):
        reference.load(tmp_path)


def _municipalities(g: Graph) -> set[URIRef]:
    return {s for s in g.subjects(RDF.type, CV.PublicOrganisation) if "/org/kommun-" in str(s)}


def test_290_municipalities_and_21_counties() -> None:
    g = graph()
    assert len(_municipalities(g)) == 290
    places = set(g.subjects(RDF.type, SCHEMA.AdministrativeArea))
    assert len([p for p in places if "/place/kommun-" in str(p)]) == 290
    assert len([p for p in places if "/place/lan-" in str(p)]) == 21


def test_each_municipality_lies_in_exactly_one_county_that_prefixes_its_code() -> None:
    g = graph()
    per_county: Counter[str] = Counter()
    for org in _municipalities(g):
        code = str(g.value(org, SKOS.notation))
        assert re.fullmatch(r"\d{4}", code), org
        assert org == M.municipality_org(code)
        assert g.value(org, MBL.actorType) == ACT["kommun"]
        place = M.municipality_place(code)
        assert (org, URIRef("http://purl.org/dc/terms/spatial"), place) in g
        counties = list(g.objects(place, GEO.sfWithin))
        assert len(counties) == 1, f"{place} lies in {counties}"
        county_code = str(g.value(counties[0], SKOS.notation))
        assert re.fullmatch(r"\d{2}", county_code)
        assert code.startswith(county_code)
        per_county[county_code] += 1
    # per-county counts from ../shared/reference/SOURCES.md
    assert per_county["14"] == 49 and per_county["12"] == 33 and per_county["09"] == 1
    assert len(per_county) == 21


def _labels(g: Graph, node: URIRef) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {"pref": set(), "alt": set()}
    for p, key in ((SKOS.prefLabel, "pref"), (SKOS.altLabel, "alt")):
        out[key] |= {str(o) for o in g.objects(node, p) if isinstance(o, Literal) and o.language == "sv"}
    return out


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("0880", "Kalmar kommun"),
        ("2080", "Falu kommun"),
        ("2514", "Kalix kommun"),
        ("2513", "Överkalix kommun"),
    ],
)
def test_the_four_wrong_genitives_are_corrected(code: str, name: str) -> None:
    g = graph()
    assert _labels(g, M.municipality_org(code))["pref"] == {name}
    assert _labels(g, M.municipality_place(code))["pref"] == {name}
    wrong = {
        "0880": "Kalmars kommun",
        "2080": "Faluns kommun",
        "2514": "Kalixs kommun",
        "2513": "Överkalixs kommun",
    }
    assert not any(wrong[code] in str(o) for o in g.objects(M.municipality_org(code), None))


@pytest.mark.parametrize(
    ("code", "official", "also"),
    [
        ("1282", "Landskrona stad", "Landskrona kommun"),
        ("0180", "Stockholms stad", "Stockholms kommun"),
        ("1480", "Göteborgs stad", "Göteborg"),
        ("1280", "Malmö stad", "Malmö kommun"),
        ("0980", "Region Gotland", "Gotlands kommun"),
        ("0580", "Linköpings kommun", "Linköping"),
        ("0128", "Salems kommun", "Salem"),
    ],
)
def test_official_names_and_the_forms_documents_use(code: str, official: str, also: str) -> None:
    labels = _labels(graph(), M.municipality_org(code))
    assert labels["pref"] == {official}
    assert also in labels["alt"]


def test_every_node_has_exactly_one_swedish_and_one_english_preflabel() -> None:
    g = graph()
    for s in set(g.subjects(RDF.type, None)):
        langs = Counter(o.language for o in g.objects(s, SKOS.prefLabel) if isinstance(o, Literal))
        assert langs == Counter({"sv": 1, "en": 1}), s


def test_police_authority_regions_and_counties() -> None:
    g = graph()
    authority = M.police_authority()
    regions = set(g.subjects(ORG.unitOf, authority))
    assert {str(r).rsplit("-", 1)[-1] for r in regions} == {
        "nord", "mitt", "bergslagen", "stockholm", "ost", "vast", "syd"
    }  # fmt: skip
    covered: Counter[URIRef] = Counter()
    for r in regions:
        covered.update(g.objects(r, URIRef("http://purl.org/dc/terms/spatial")))
    assert len(covered) == 21 and set(covered.values()) == {1}, "each county in exactly one region"
    assert M.county_place("09") in set(
        g.objects(M.police_region("stockholm"), URIRef("http://purl.org/dc/terms/spatial"))
    )


@pytest.mark.parametrize(
    ("name", "region", "codes"),
    [
        ("Lokalpolisområde Linköping", "ost", {"0580"}),
        ("Landskrona", "syd", {"1282"}),
        ("Södertälje lokalpolisområde", "stockholm", {"0181", "0128", "0140"}),
        ("LPO norra Lappland", "nord", {"2584", "2523", "2510"}),
        ("Nyköping", "ost", {"0480", "0481", "0461", "0488"}),
    ],
)
def test_local_police_areas(name: str, region: str, codes: set[str]) -> None:
    g = graph()
    lpo = M.police_area(name)
    assert (lpo, RDF.type, ORG.OrganizationalUnit) in g
    assert g.value(lpo, ORG.unitOf) == M.police_region(region)
    assert g.value(lpo, MBL.actorType) == ACT["lokalpolisomrade"]
    spatial = set(g.objects(lpo, URIRef("http://purl.org/dc/terms/spatial")))
    assert spatial == {M.municipality_place(c) for c in codes}
    # a police area's region covers the counties of all its municipalities
    region_counties = set(g.objects(M.police_region(region), URIRef("http://purl.org/dc/terms/spatial")))
    for place in spatial:
        assert g.value(place, GEO.sfWithin) in region_counties


def test_seed_and_example_wordings_resolve_to_one_node() -> None:
    g = graph()
    index: dict[str, set[URIRef]] = {}
    for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
        for s, o in g.subject_objects(p):
            index.setdefault(str(o).casefold(), set()).add(s)  # type: ignore[arg-type]
    for text, expected in [
        ("Linköpings kommun", M.municipality_org("0580")),
        ("Landskrona stad", M.municipality_org("1282")),
        ("Landskrona stads", M.municipality_org("1282")),
        ("Salems kommun", M.municipality_org("0128")),
        ("Kiruna kommun", M.municipality_org("2584")),
        ("Nyköpings kommun", M.municipality_org("0480")),
        ("lokalpolisområde Linköping", M.police_area("Linköping")),
        ("Lokalpolisområde Landskrona", M.police_area("Landskrona")),
        ("Södertälje lokalpolisområde", M.police_area("Södertälje")),
        ("Lokalpolisområde norra Lappland", M.police_area("norra Lappland")),
        ("Polismyndigheten", M.police_authority()),
    ]:
        hits = {s for s in index.get(text.casefold(), set()) if "/org/" in str(s)}
        assert hits == {expected}, text
