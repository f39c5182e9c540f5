"""The mission question as a saved query: which municipalities promise drug-dog searches in
schools? ``municipalities-with-activity-type`` takes an optional ``placeKind`` (a concept of the
area-kind scheme, by slug, label or IRI, bound as an RDF term) that counts only the activities
the text says are done at that kind of place (``mbl:placeKind``), and lists the counted
activities' place texts (``mbl:placeText``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox
import pytest
from query_fixtures import bundled_store, fixture_store

from kg.errors import QueryParameterError
from kg.query.run import bind, run_saved
from kg.query.saved import SavedQuery, load_queries
from kg.store.core import OxigraphStore

QUERY = "municipalities-with-activity-type"
DOGS = "narkotikasok-med-hund"
MBL = "https://w3id.org/medborgarlofte/def/"
AR = "https://w3id.org/medborgarlofte/vocab/area-kind/"
AT = "https://w3id.org/medborgarlofte/vocab/activity-type/"
ID = "https://w3id.org/medborgarlofte/id/"
LINKOPING = ID + "promise/0580-2023-2024"


@pytest.fixture(scope="module")
def query() -> SavedQuery:
    return load_queries()[QUERY]


@pytest.fixture(scope="module")
def run_store() -> Iterator[OxigraphStore]:
    """The store ``make run`` builds: the example, the seed extractions, the follow-ups."""
    store = bundled_store()
    yield store
    store.close()


def _rows(store: OxigraphStore, query: SavedQuery, **params: str) -> list[dict[str, Any]]:
    return run_saved(store, query, params, cache=None).records()


@pytest.mark.parametrize(
    "value", ["skola", "Skola", "school", "ar:skola", f"<{AR}skola>", f"{AR}skola"]
)  # fmt: skip
def test_place_kind_takes_a_slug_a_label_or_an_iri(
    value: str, query: SavedQuery, query_store: OxigraphStore
) -> None:
    bound = bind(query, {"activityType": DOGS, "placeKind": value}, query_store)
    assert bound["__placeKind_iri"] == [ox.NamedNode(AR + "skola")]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("atlantis", "unknown concept in area-kind"),
        ("at:narkotikasok-med-hund", "is not a concept in area-kind"),  # an activity type
        ('skola> } UNION { ?s ?p ?o . FILTER("', "unknown concept in area-kind"),
    ],
)
def test_a_value_that_names_no_kind_of_place_is_refused(
    value: str, message: str, query: SavedQuery, query_store: OxigraphStore
) -> None:
    with pytest.raises(QueryParameterError, match=message):
        run_saved(query_store, query, {"activityType": DOGS, "placeKind": value})


def test_the_mission_question_on_the_bundled_documents(query: SavedQuery, run_store: OxigraphStore) -> None:
    """Kiruna (gymnasieskolan) and Linköping (skolmiljö) promise drug-dog searches in schools;
    the made-up Nyköping example promises them nowhere in particular."""
    rows = _rows(run_store, query, activityType=DOGS, placeKind="skola")
    assert [(r["municipalityName"], r["placeTexts"], r["activities"]) for r in rows] == [
        ("Kiruna kommun", "gymnasieskolan", 1),
        ("Linköpings kommun", "skolmiljö", 1),
    ]
    assert {r["placeKind"] for r in rows} == {AR + "skola"}
    # the same promises as the pattern written out by hand (README's ad-hoc query)
    by_hand = run_store.query(
        f"SELECT DISTINCT ?promise WHERE {{ ?promise <{MBL}activity> ?a . "
        f"?a <{MBL}activityType> <{AT}{DOGS}> ; <{MBL}placeKind> <{AR}skola> . "
        f"FILTER NOT EXISTS {{ ?promise <{MBL}isExample> true }} }}",
        union=True,
    )
    assert {r["promise"] for r in rows} == {row["promise"].value for row in by_hand}


def test_without_place_kind_every_activity_of_the_type_counts(
    query: SavedQuery, run_store: OxigraphStore
) -> None:
    every = _rows(run_store, query, activityType=DOGS)
    assert every and all("placeKind" not in r for r in every)  # no column for a parameter not given
    krog = _rows(run_store, query, activityType=DOGS, placeKind="krog")
    assert krog == []


def test_only_the_activities_at_that_kind_of_place_count_and_give_their_words(query: SavedQuery) -> None:
    """Linköping's promise gets two more drug-dog searches: one in bars, one nowhere stated. The
    place texts are those of the counted activities; an activity without one adds none."""
    store = fixture_store()
    try:
        graph = ox.NamedNode("https://w3id.org/medborgarlofte/graph/promise/0580-2023-2024")
        promise = ox.NamedNode(LINKOPING)
        for n, kind, text in (("8", "krog", "krogmiljö"), ("9", None, None)):
            activity = ox.NamedNode(f"{LINKOPING}/activity/{n}")
            triples = [
                (promise, ox.NamedNode(MBL + "activity"), activity),
                (activity, ox.NamedNode(MBL + "activityType"), ox.NamedNode(AT + DOGS)),
            ]
            if kind and text:
                triples.append((activity, ox.NamedNode(MBL + "placeKind"), ox.NamedNode(AR + kind)))
                triples.append((activity, ox.NamedNode(MBL + "placeText"), ox.Literal(text)))
            for s, p, o in triples:
                store.raw.add(ox.Quad(s, p, o, graph))
        every = {r["promise"]: r for r in _rows(store, query, activityType=DOGS)}
        assert every[LINKOPING]["activities"] == 3
        assert sorted(every[LINKOPING]["placeTexts"].split("; ")) == ["Berzeliusskolan", "krogmiljö"]
        schools = {r["promise"]: r for r in _rows(store, query, activityType=DOGS, placeKind="skola")}
        assert (schools[LINKOPING]["activities"], schools[LINKOPING]["placeTexts"]) == (1, "Berzeliusskolan")
        bars = _rows(store, query, activityType=DOGS, placeKind="krog")
        assert [(r["promise"], r["activities"], r["placeTexts"]) for r in bars] == [
            (LINKOPING, 1, "krogmiljö")
        ]
    finally:
        store.close()
