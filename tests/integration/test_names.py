"""One resolver of typed values (:mod:`kg.names`): the query parameters, the templates, the
extractor's options and its lexicon resolve the same inputs to the same IRIs, and a county's
"Region X" is never a municipality."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.authoring.templates import promise_skeleton
from kg.cli import app
from kg.errors import EXIT_BAD_INPUT, ExtractionError, InputError, QueryParameterError
from kg.extract.lexicon import default_lexicon
from kg.extract.naming import municipality_of
from kg.extract.police_areas import police_area_of
from kg.iris import Minter
from kg.names import COUNTY, MUNICIPALITY, NameIndex, bundled_names
from kg.query.run import bind
from kg.query.saved import load_queries
from kg.store.core import OxigraphStore

M = Minter()

MUNICIPALITIES = {
    "0580": "0580",
    "Linköping": "0580",
    "linköping": "0580",
    "Linköpings kommun": "0580",
    "linkoping": "0580",
    "kommun-0580": "0580",
    str(M.municipality_org("0580")): "0580",
    "Kungsör": "1960",
    "Kungsörs kommun": "1960",
    "kungsor": "1960",
    "Region Gotland": "0980",
    "Gotlands kommun": "0980",
    "Malmö stad": "1280",
    "Malmö stads": "1280",
    "Upplands Väsby": "0114",
    "upplands-vasby": "0114",
    "Falu kommun": "2080",
}
POLICE_AREAS = {
    "LPO norra Lappland": "norra-lappland",
    "Lokalpolisområde norra Lappland": "norra-lappland",
    "norra Lappland": "norra-lappland",
    "norra Lapplands lokalpolisområde": "norra-lappland",
    "Linköpings lokalpolisområde": "linkoping",
    "Polisen Nyköping": "nykoping",
    str(M.police_area("sodertalje")): "sodertalje",
}


@pytest.fixture(scope="module")
def saved() -> dict:
    return load_queries()


def _query(saved: dict, store: OxigraphStore, name: str, param: str, value: str) -> str:
    bound = bind(saved[name], {param: value}, store)
    (term,) = next(iter(bound.values()))
    assert isinstance(term, ox.NamedNode)
    return term.value


@pytest.mark.parametrize(("value", "code"), sorted(MUNICIPALITIES.items()))
def test_every_edge_resolves_a_municipality_to_the_same_iri(
    saved: dict, query_store: OxigraphStore, value: str, code: str
) -> None:
    iri = str(M.municipality_org(code))
    lexicon = default_lexicon().resolve_municipality(value)
    index = bundled_names().municipality(value)
    answers = {
        "query": _query(saved, query_store, "activity-frequencies", "municipality", value),
        "template": str(M.municipality_org(promise_skeleton(value, "2025").code)),
        "extract": str(M.municipality_org(municipality_of("x", given=value, url=None, where="t").code)),
        "lexicon": str(M.municipality_org(lexicon.code)) if lexicon else None,
        "index": index.iri if index else None,
    }
    assert answers == dict.fromkeys(answers, iri)


def test_derived_names_are_made_on_the_first_miss_and_answer_as_before() -> None:
    """A name, code or slug the reference states resolves without the derived keys (genitives,
    "X kommun", ASCII slugs: half the work of a cold lookup); a value only they know makes them;
    every value resolves the same whichever came first."""
    source = bundled_names()._source
    exact_first, derived_first = NameIndex(source), NameIndex(source)
    assert exact_first.lookup(MUNICIPALITY, "Linköping").entry is not None
    assert exact_first._index(MUNICIPALITY)._derived is None
    assert derived_first.lookup(MUNICIPALITY, "linkoping").entry is not None
    assert derived_first._index(MUNICIPALITY)._derived
    for value, code in MUNICIPALITIES.items():
        answers = {i.lookup(MUNICIPALITY, value).entry for i in (exact_first, derived_first)}
        assert {e.code if e else None for e in answers} == {code}, value
    assert exact_first._index(MUNICIPALITY)._derived


@pytest.mark.parametrize(("value", "slug"), sorted(POLICE_AREAS.items()))
def test_every_edge_resolves_a_police_area_to_the_same_iri(value: str, slug: str) -> None:
    iri = str(M.police_area(slug))
    area, _ = police_area_of("", given=value)
    index = bundled_names().police_area(value)
    answers = {
        "template": promise_skeleton("0580", "2025", police_area=value).police_area,
        "extract": area.iri if area else None,
        "index": index.iri if index else None,
    }
    assert answers == dict.fromkeys(answers, iri)


@pytest.mark.parametrize(
    ("kind", "param", "query", "value", "iri"),
    [
        (COUNTY, "county", "promises", "Skåne", M.id("place/lan-12")),
        (COUNTY, "county", "promises", "12", M.id("place/lan-12")),
        (COUNTY, "county", "promises", "Skåne län", M.id("place/lan-12")),
        (COUNTY, "county", "promises", "lan-12", M.id("place/lan-12")),
        (COUNTY, "county", "promises", "Uppsala", M.id("place/lan-03")),
        ("activity-type", "activityType", "municipalities-with-activity-type", "narkotikasok-med-hund",
         None),
        ("activity-type", "activityType", "municipalities-with-activity-type", "narkotikasök med hund",
         None),
        ("activity-type", "activityType", "municipalities-with-activity-type", "Drug-dog search", None),
    ],
)  # fmt: skip
def test_the_store_and_the_bundled_files_resolve_counties_and_concepts_alike(
    saved: dict, query_store: OxigraphStore, kind: str, param: str, query: str, value: str, iri: object
) -> None:
    from_store = _query(saved, query_store, query, param, value)
    bundled = bundled_names().lookup(kind, value).entry
    assert bundled is not None and bundled.iri == from_store
    if iri is not None:
        assert from_store == str(iri)
    else:
        assert from_store.endswith("/activity-type/narkotikasok-med-hund")


def test_region_uppsala_is_not_uppsala_kommun(saved: dict, query_store: OxigraphStore) -> None:
    value = "Region Uppsala"
    assert bundled_names().lookup(MUNICIPALITY, value).matches == ()
    with pytest.raises(QueryParameterError) as err:
        bind(saved["activity-frequencies"], {"municipality": value}, query_store)
    assert "Uppsala" in (err.value.hint or "")  # the candidates are named
    with pytest.raises(InputError):
        promise_skeleton(value, "2025")
    with pytest.raises(ExtractionError):
        municipality_of("x", given=value, url=None, where="t")
    lexicon = default_lexicon()
    assert lexicon.resolve_municipality(value) is None
    assert [m.concept for m in lexicon.municipality_matcher.find("Region Uppsala och polisen")] == []
    assert [m.concept for m in lexicon.municipality_matcher.find("Region Gotland och polisen")] == ["0980"]
    assert "Region Uppsala" not in bundled_names().municipalities["0380"].official


def test_a_name_two_municipalities_share_is_ambiguous_and_names_both(
    saved: dict, query_store: OxigraphStore
) -> None:
    found = bundled_names().lookup(MUNICIPALITY, "habo-kommun")  # the slug of Habo (0643) and Håbo (0305)
    assert sorted(m.code or "" for m in found.matches) == ["0305", "0643"]
    with pytest.raises(QueryParameterError) as err:
        bind(saved["activity-frequencies"], {"municipality": "habo-kommun"}, query_store)
    assert "ambiguous" in err.value.message
    assert "kommun-0305" in (err.value.hint or "") and "kommun-0643" in (err.value.hint or "")
    habo, haabo = bundled_names().municipality("habo"), bundled_names().municipality("Håbo")
    assert habo is not None and haabo is not None and (habo.code, haabo.code) == ("0643", "0305")


def test_a_wrong_value_names_candidates_and_exits_2(runner: CliRunner) -> None:
    result = runner.invoke(app, ["new", "promise", "-m", "Linköpng", "--period", "2025"])
    assert result.exit_code == EXIT_BAD_INPUT, result.output
    assert "unknown municipality" in result.output and "Linköping" in result.output
    with pytest.raises(ExtractionError) as err:
        municipality_of("x", given="Kungsörr", url=None, where="t")
    assert "Kungsör" in (err.value.hint or "")


def test_kg_extract_refuses_region_uppsala_as_a_municipality(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "sida.txt"
    page.write_text(
        "Medborgarlöfte 2025\n\nPolisen och kommunen lovar att:\n\n"
        "- Polisen ska patrullera i centrum varje fredag.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["extract", str(page), "--municipality", "Region Uppsala"])
    assert result.exit_code == EXIT_BAD_INPUT, result.output
    assert "Okänd kommun 'Region Uppsala'" in result.output and "did you mean: Uppsala" in result.output
    again = runner.invoke(app, ["extract", str(page), "--municipality", "Region Gotland"])
    assert again.exit_code == 0, again.output
    assert "kommun-0980" in again.output
