"""Saved queries that say what they answer (issue 16 point 2, issue 15 point 6), on the fixture
store of tests/query_fixtures.py: Landskrona 2017 carries hand-written assumptions (an inferred
priority area, an inferred activity type, an assumed responsible actor, an unknown date) and
Södertälje's municipality was given by the steward."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kg.query.run import run_saved
from kg.query.saved import SavedQuery, load_queries
from kg.store.core import OxigraphStore

REPO = Path(__file__).resolve().parent.parent.parent
ID = "https://w3id.org/medborgarlofte/id/"
OVERDUE = "försenad / overdue"
NONE_RECORDED = "ingen uppföljning i grafen / no follow-up in the graph"


@pytest.fixture(scope="module")
def saved() -> dict[str, SavedQuery]:
    return load_queries()


def _rows(store: OxigraphStore, query: SavedQuery, params: dict[str, str]) -> list[dict[str, Any]]:
    return run_saved(store, query, params, cache=None).records()


def test_overdue_tells_missing_from_late_and_stops_at_the_promises_end(
    saved: dict[str, SavedQuery], query_store: OxigraphStore
) -> None:
    query = saved["followups-overdue"]
    assert (
        "ingen uppföljning i grafen" in query.description and "no follow-up in the graph" in query.description
    )
    rows = {
        r["promise"].removeprefix(ID + "promise/"): r
        for r in _rows(query_store, query, {"asOf": "2030-01-01"})
    }
    # Landskrona 2017 (yearly follow-up, covered to 2017-08-31, ended 2017-12-31): four months
    # without a follow-up before its end is less than its interval, however late the date
    assert "1282-2017" not in rows
    # Linköping 2023-2024 has follow-ups and the next is late: counted to its end, not to 2030
    linkoping = rows["0580-2023-2024"]
    assert linkoping["status"] == OVERDUE and linkoping["followUps"] == 2
    assert linkoping["countedTo"] == "2024-12-31" and linkoping["monthsSince"] == 16
    # Landskrona 2024-2025 has no follow-up in the graph at all: that is what the row says
    landskrona = rows["1282-2024-2025"]
    assert landskrona["status"] == NONE_RECORDED and landskrona["followUps"] == 0
    assert landskrona["lastFollowUp"] is None and landskrona["monthsSince"] == 24
    # the made-up example is left out unless asked for
    assert "0480-2025-2026" not in rows
    asked = _rows(query_store, query, {"asOf": "2030-01-01", "includeExamples": "true"})
    assert any(r["promise"].endswith("0480-2025-2026") for r in asked)


def test_overdue_without_asof_counts_to_today_as_a_plain_date(
    saved: dict[str, SavedQuery], query_store: OxigraphStore
) -> None:
    """Unset, asOf is today: a date as the others are written (2026-12-06), not with the
    clock's time zone (2026-12-06Z)."""
    today = datetime.now(UTC).date()
    rows = _rows(query_store, saved["followups-overdue"], {"includeExamples": "true"})
    counted = {r["countedTo"] for r in rows}
    assert counted and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", c) for c in counted), counted
    assert max(counted) <= today.isoformat()
    assert today.isoformat() in counted or (today - timedelta(days=1)).isoformat() in counted  # midnight


def test_excluding_assumed_values_changes_only_what_rests_on_them(
    saved: dict[str, SavedQuery], query_store: OxigraphStore
) -> None:
    dogs = saved["municipalities-with-activity-type"]
    stated = {r["promise"] for r in _rows(query_store, dogs, {"activityType": "narkotikasok-med-hund"})}
    kept = {
        r["promise"]
        for r in _rows(query_store, dogs, {"activityType": "narkotikasok-med-hund", "excludeAssumed": "true"})
    }
    # Landskrona 2017's drug-dog type is an inference: left out; the others stay
    assert stated - kept == {ID + "promise/1282-2017"}
    assert kept

    promises = saved["promises"]
    every = {r["promise"] for r in _rows(query_store, promises, {})}
    without = {r["promise"] for r in _rows(query_store, promises, {"excludeAssumed": "true"})}
    # Södertälje's municipality came from --municipality: not counted under it
    assert every - without == {ID + "promise/0181-2024-2025"}

    actors = saved["activities-by-actor-type"]
    before = {r["actorType"]: r["activities"] for r in _rows(query_store, actors, {})}
    after = {r["actorType"]: r["activities"] for r in _rows(query_store, actors, {"excludeAssumed": "true"})}
    municipality = "https://w3id.org/medborgarlofte/vocab/actor-type/kommun"
    # Landskrona's kommun as responsible actor of activity 3 is assumed; Södertälje's rows rest
    # on an assumed municipality
    assert after[municipality] < before[municipality]


@pytest.mark.parametrize("value", ["maybe", "2", "sant"])
def test_a_flag_that_is_not_true_or_false_is_refused(
    value: str, saved: dict[str, SavedQuery], query_store: OxigraphStore
) -> None:
    from kg.errors import QueryParameterError

    with pytest.raises(QueryParameterError, match="excludeAssumed"):
        run_saved(query_store, saved["promises"], {"excludeAssumed": value})


def test_a_blank_flag_means_not_given(saved: dict[str, SavedQuery], query_store: OxigraphStore) -> None:
    query = saved["promises"]
    assert _rows(query_store, query, {"excludeAssumed": ""}) == _rows(query_store, query, {})


def test_the_query_form_offers_the_flags_as_checkboxes(query_store: OxigraphStore) -> None:
    from server_support import AppClient, make_app

    with AppClient(make_app(query_store, queries_folder=REPO / "queries")) as client:
        form = client.get("/_/queries/promises", headers={"Accept": "text/html"}).text
        assert '<input id="p-includeExamples" name="includeExamples" value="true" type="checkbox">' in form
        asked = client.get(
            "/_/queries/promises?run=1&includeExamples=true", headers={"Accept": "text/html"}
        ).text
        default = client.get("/_/queries/promises?run=1", headers={"Accept": "text/html"}).text
    assert "promise/0480-2025-2026" in asked and 'type="checkbox" checked' in asked
    assert "promise/0480-2025-2026" not in default
