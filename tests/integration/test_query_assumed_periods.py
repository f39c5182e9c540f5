"""The saved queries that select or count promises by their period take ``excludeAssumed``: with
it, a promise whose period the text does not state (its start or end an ``mbl:Assumption``:
extract:period-from-signing, extract:period-from-other-date, option:--period) is left out.

The store holds two promises extracted by ``kg extract`` from texts of their own, both valid in
2025 and in Västmanland: Köping's states its period ("2024-2025"), Arboga's is counted from its
signing ("Löftet gäller i två år från den dag det skrivs under", signed 2024-03-01), an
assumption. Every form of each query (the one kg runs, the one reading the documents, the plain
one) gives the same rows."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from cli_support import kg
from typer.testing import CliRunner

from kg.errors import EXIT_OK
from kg.query.derived import derived_path, form_for
from kg.query.run import run_saved
from kg.query.saved import SavedQuery, load_queries, parse_query_file
from kg.store.core import OxigraphStore, StoreSettings, open_store

REPO = Path(__file__).resolve().parent.parent.parent
ID = "https://w3id.org/medborgarlofte/id/promise/"
BODY = """Lokalpolisområde Västerås och {name} kommun lovar:

Prioriterat område: Trygghet i centrum

- Polisen ska genomföra narkotikasök med hund på skolor.
- Kommunen ska genomföra trygghetsvandringar två gånger per år.

Uppföljning

Löftet följs upp två gånger per år.
"""
STATED = "Medborgarlöfte för Köpings kommun 2024-2025\n\n" + BODY.format(name="Köpings")
SIGNED = (
    "Medborgarlöfte för Arboga kommun\n\n"
    + BODY.format(name="Arboga")
    + """
Löftet gäller i två år från den dag det skrivs under.

Arboga 2024-03-01

Anna Andersson, kommunstyrelsens ordförande, Arboga kommun
Per Persson, lokalpolisområdeschef, Lokalpolisområde Västerås
"""
)
KOPING, ARBOGA = ID + "1983-2024-2025", ID + "1984-2024-2026"
QUERIES = (
    "promises-valid-in-year",
    "promises-in-period",
    "promises-by-county",
    "priority-areas-ranked",
    "followups-overdue",
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    folder = tmp_path_factory.mktemp("assumed-periods")
    runner, path = CliRunner(), folder / "store"
    assert kg(runner, path, "init")[0] == EXIT_OK
    for name, text in (("koping", STATED), ("arboga", SIGNED)):
        source, draft = folder / f"{name}.txt", folder / f"{name}.yaml"
        source.write_text(text, encoding="utf-8")
        code, out = kg(runner, path, "extract", str(source), "--out", str(draft))
        assert code == EXIT_OK, out
        code, out = kg(runner, path, "import", str(draft))
        assert code == EXIT_OK, out
    assert "extract:period-from-signing" in (folder / "arboga.yaml").read_text(encoding="utf-8")
    with open_store(StoreSettings(path=path, read_only=True)) as opened:
        yield opened


@pytest.fixture(scope="module")
def saved() -> dict[str, SavedQuery]:
    return load_queries()


def _rows(store: OxigraphStore, query: SavedQuery, params: dict[str, str]) -> list[dict[str, Any]]:
    return run_saved(store, query, params, cache=None).records()


def _promises(store: OxigraphStore, query: SavedQuery, params: dict[str, str]) -> set[str]:
    return {r["promise"] for r in _rows(store, query, params)}


def test_the_promises_and_their_periods(store: OxigraphStore, saved: dict[str, SavedQuery]) -> None:
    rows = {r["promise"]: (r["start"], r["end"]) for r in _rows(store, saved["promises"], {})}
    assert rows == {KOPING: ("2024-01-01", "2025-12-31"), ARBOGA: ("2024-03-01", "2026-02-28")}


def test_valid_in_a_year_leaves_out_an_assumed_period_only_when_asked(
    store: OxigraphStore, saved: dict[str, SavedQuery]
) -> None:
    query = saved["promises-valid-in-year"]
    assert _promises(store, query, {"year": "2025"}) == {KOPING, ARBOGA}
    assert _promises(store, query, {"year": "2025", "excludeAssumed": "true"}) == {KOPING}
    assert _promises(store, query, {"year": "2026"}) == {ARBOGA}
    assert _promises(store, query, {"year": "2026", "excludeAssumed": "true"}) == set()
    assert _promises(store, query, {"year": "2025", "excludeAssumed": "false"}) == {KOPING, ARBOGA}


def test_in_a_period_leaves_out_an_assumed_period_only_when_asked(
    store: OxigraphStore, saved: dict[str, SavedQuery]
) -> None:
    query = saved["promises-in-period"]
    params = {"from": "2024-06-01", "to": "2025-06-30"}
    assert _promises(store, query, params) == {KOPING, ARBOGA}
    assert _promises(store, query, {**params, "excludeAssumed": "true"}) == {KOPING}


def test_counts_by_county_and_area_leave_out_an_assumed_period_with_a_year(
    store: OxigraphStore, saved: dict[str, SavedQuery]
) -> None:
    def county(params: dict[str, str]) -> tuple[int, int]:
        rows = _rows(store, saved["promises-by-county"], params)
        (row,) = [r for r in rows if r["countyName"] == "Västmanlands län"]
        return row["promises"], row["withPromise"]

    assert county({"year": "2025"}) == (2, 2)
    assert county({"year": "2025", "excludeAssumed": "true"}) == (1, 1)
    # without a year the period selects nothing, so an assumed one takes nothing away
    assert county({}) == county({"excludeAssumed": "true"}) == (2, 2)

    def area(params: dict[str, str]) -> int:
        return max(r["promises"] for r in _rows(store, saved["priority-areas-ranked"], params))

    assert area({"year": "2025"}) == 2
    assert area({"year": "2025", "excludeAssumed": "true"}) == 1
    assert area({}) == area({"excludeAssumed": "true"}) == 2


def test_overdue_follow_ups_leave_out_an_assumed_period_only_when_asked(
    store: OxigraphStore, saved: dict[str, SavedQuery]
) -> None:
    """When a promise is due for follow-up is counted from its period: where the text does not
    state it (Arboga's, counted from the signing), excludeAssumed leaves the promise out."""
    query = saved["followups-overdue"]
    assert _promises(store, query, {"asOf": "2025-06-30"}) == {KOPING, ARBOGA}
    assert _promises(store, query, {"asOf": "2025-06-30", "excludeAssumed": "true"}) == {KOPING}


@pytest.mark.parametrize("name", QUERIES)
def test_every_form_gives_the_same_rows(
    name: str, store: OxigraphStore, saved: dict[str, SavedQuery], tmp_path: Path
) -> None:
    query = saved[name]
    forms = [query, replace(query, path=tmp_path / query.path.name)]  # as kg runs it; the documents'
    plain = REPO / "queries" / "plain" / f"{name}.rq"
    if plain.exists():
        forms.append(parse_query_file(plain))
    if derived_path(query).exists():
        derived = parse_query_file(derived_path(query))
        forms.append(replace(query, text=derived.text))  # the derived text itself, run here too
        if name != "followups-overdue":  # it reads the follow-up state, which a store without
            # follow-ups has not written: kg then runs the form that reads the documents
            assert form_for(store, query).text != query.text, "the derived form is not the one run"
    if name == "promises-in-period":
        periods = [{"from": "2024-06-01", "to": "2025-06-30"}, {"from": "2026-01-01", "to": "2026-12-31"}]
    elif name == "followups-overdue":
        periods = [{"asOf": "2025-06-30"}, {"asOf": "2026-01-31"}]
    else:
        periods = [{"year": "2025"}, {"year": "2026"}]
    for params in [*periods, *({**p, "excludeAssumed": "true"} for p in periods)]:
        got = [json.dumps(_rows(store, form, params), sort_keys=True, default=str) for form in forms]
        assert len(set(got)) == 1, (name, params, got)


def test_the_promise_facts_say_which_period_is_assumed(store: OxigraphStore) -> None:
    """What the derived forms read (kg.store.promise_facts): written for Arboga's period only."""
    rows = store.query(
        "PREFIX mbl: <https://w3id.org/medborgarlofte/def/> "
        "SELECT ?promise ?assumed WHERE { ?facts mbl:factsAbout ?promise ; mbl:factPeriodAssumed ?assumed }",
        union=True,
    )
    assert [(r["promise"].value, r["assumed"].value) for r in rows] == [(ARBOGA, "true")]
