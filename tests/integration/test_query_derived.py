"""Every derived form of a saved query (``queries/derived/NAME.rq``, reading the follow-ups'
summaries or the promises' facts: kg.query.derived) returns the rows of the saved query reading
the documents, and of its plain form, on the fixture store and on a small corpus made by
benchmarks/generate.py, with the query's defaults, its example and its flags. When you change one
form, change the others."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from kg.query.derived import FOLDER, form_for
from kg.query.run import bind, run_saved
from kg.query.saved import SavedQuery, load_queries, parse_query_file
from kg.store.core import OxigraphStore

REPO = Path(__file__).resolve().parent.parent.parent
DERIVED = REPO / "queries" / FOLDER
NAMES = [p.stem for p in sorted(DERIVED.glob("*.rq"))]


@pytest.fixture(scope="module")
def saved() -> dict[str, SavedQuery]:
    return load_queries()


def _documents_form(query: SavedQuery, tmp: Path) -> SavedQuery:
    """The saved query as it reads the documents: its text under a path without a derived twin."""
    return replace(query, path=tmp / query.path.name)


def _rows(store: OxigraphStore, query: SavedQuery, params: dict[str, Any]) -> list[Any]:
    return [tuple(sorted(r.items())) for r in run_saved(store, query, params, cache=None).records()]


def _cases(query: SavedQuery) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = [{}]
    if query.example and dict(query.example) not in cases:
        cases.append(dict(query.example))
    if any(p.name == "asOf" for p in query.parameters):
        cases.append({"asOf": "2025-12-31"})
    if any(p.name == "county" for p in query.parameters) and not any("county" in c for c in cases):
        cases.append({"county": "Östergötland"})  # a form may read the county in a sub-select
    if any(p.name == "actorType" for p in query.parameters):
        # a parameter given beside another, with one that leaves no rows: a derived form must
        # read each of them (as a constant) wherever it reads one
        cases += [{"actorType": "kommun"}] + [
            {"actorType": "kommun", "county": c} for c in ("Södermanlands län", "Stockholms län")
        ]
    for flag in ("includeExamples", "excludeAssumed"):
        if any(p.name == flag for p in query.parameters):
            cases += [{**c, flag: "true"} for c in list(cases)]
    return cases


def test_every_derived_form_has_its_saved_query_and_the_same_header(saved: dict[str, SavedQuery]) -> None:
    assert len(NAMES) >= 4
    for name in NAMES:
        assert name in saved, f"{name}.rq has no saved query in queries/"
        derived = parse_query_file(DERIVED / f"{name}.rq")
        assert derived.parameters == saved[name].parameters
        assert (derived.summary, derived.description, derived.example) == (
            saved[name].summary,
            saved[name].description,
            saved[name].example,
        )
        reads = (
            "mbl:summar" in derived.sparql,
            "mbl:fact" in derived.sparql,
            "mbl:latest" in derived.sparql or "mbl:state" in derived.sparql,
        )
        assert any(reads), (
            f"{name}: a derived form reads the summaries, the promises' facts or their follow-up state"
        )


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("where", ["fixture", "corpus"])
def test_derived_documents_and_plain_forms_return_the_same_rows(
    name: str,
    where: str,
    saved: dict[str, SavedQuery],
    query_store: OxigraphStore,
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    store = query_store if where == "fixture" else request.getfixturevalue("corpus_store")
    query = saved[name]
    assert form_for(store, query).text != query.text, f"the {where} store has every summary and facts"
    documents = _documents_form(query, tmp_path)
    assert form_for(store, documents) is documents
    plain = REPO / "queries" / "plain" / f"{name}.rq"
    seen = 0
    for params in _cases(query):
        got = _rows(store, query, params)  # the derived form, chosen by run_saved
        assert got == _rows(store, documents, params), f"{name} with {params} on the {where} store"
        if plain.is_file():
            assert got == _rows(store, parse_query_file(plain), params), f"{name} (plain) with {params}"
        seen += len(got)
    assert seen, f"{name} returns no rows on the {where} store"


def test_a_derived_form_leaves_the_parameters_it_names_to_the_documents(
    saved: dict[str, SavedQuery], query_store: OxigraphStore
) -> None:
    """top-activity-types' derived form is for the whole country ("# documents when given:
    county"): with a county, the form reading the documents runs (planned from the county)."""
    query = saved["top-activity-types"]
    assert form_for(query_store, query, bind(query, {}, query_store)).text != query.text
    assert form_for(query_store, query, bind(query, {"county": "Östergötland"}, query_store)) is query
    other = saved["priority-areas-ranked"]  # no such line: its derived form takes the county
    county = bind(other, {"county": "Östergötland"}, query_store)
    assert form_for(query_store, other, county).text != other.text


def test_a_promise_of_two_municipalities_counts_its_activities_once(saved: dict[str, SavedQuery]) -> None:
    """activities-by-actor-type's derived form counts each promise's groups at one of its
    municipalities only (the first, as a string, of those that count): a joint promise of two
    municipalities, one of them assumed and sorting first, keeps the rows of the documents' and
    plain forms with every flag (with excludeAssumed the stated one is its first)."""
    import pyoxigraph as ox
    from query_fixtures import fixture_store

    from kg.iris import Minter
    from kg.namespaces import OX
    from kg.store.core import ChangeSet
    from kg.store.promise_facts import write_facts

    minter = Minter()
    store = fixture_store()
    try:
        assumed = str(minter.municipality_org("0181"))  # assumed in the fixtures (Södertälje)
        rows = list(
            store.query(
                "SELECT ?promise ?graph ?c ?p ?m WHERE { GRAPH ?graph { ?promise a ?c ; ?p ?m } }",
                substitutions={
                    "c": OX.mbl.CitizenPromise,
                    "p": OX.mbl.municipality,
                    "m": ox.NamedNode(assumed),
                },
            )
        )
        assert rows, "the fixtures have a promise of 0181"
        promise, graph = rows[0]["promise"], rows[0]["graph"]
        second = ox.NamedNode(str(minter.municipality_org("0182")))  # sorts after the assumed one
        cat = str(minter.catalogue_graph)
        facts = [q.subject.value for q in store.quads(cat) if q.predicate == OX.mbl.factsVersion]
        store.apply(
            ChangeSet(
                insert=[ox.Quad(promise, OX.mbl.municipality, second, graph)],
                delete_subjects=[(cat, s) for s in facts if "/0181-" in s],
            )
        )
        assert write_facts(store, minter) == 1
        query = saved["activities-by-actor-type"]
        assert form_for(store, query).text != query.text
        documents = replace(query, path=Path("/nowhere") / query.path.name)
        plain = parse_query_file(REPO / "queries" / "plain" / "activities-by-actor-type.rq")
        for params in _cases(query):
            got = _rows(store, query, params)
            assert got == _rows(store, documents, params), params
            assert got == _rows(store, plain, params), params
    finally:
        store.close()
