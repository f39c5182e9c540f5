"""Parameters as the output prints them (issue 22 point 4): every printed form of a value binds the
same term, a wrong kind is refused with an example of the right kind, optional parameters leave
no empty column, the public names reach every format, and a page says which rows it holds."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_support import streams as kg
from query_fixtures import load_fixtures

from kg.errors import EXIT_BAD_INPUT, QueryParameterError
from kg.iris import expand_iri, printed
from kg.query.formats import ResultFormat
from kg.query.results import render
from kg.query.run import bind, example_args, parse_param_args, run_saved
from kg.query.runrecord import run_record, utc_now
from kg.query.saved import SavedQuery, load_queries
from kg.store.core import OxigraphStore, StoreSettings, open_store

ID = "https://w3id.org/medborgarlofte/id/"
ACTIVITY = ID + "promise/0580-2023-2024/activity/1"


@pytest.fixture(scope="module")
def saved() -> dict[str, SavedQuery]:
    return load_queries()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("params") / "store"
    with open_store(StoreSettings(path)) as store:
        load_fixtures(store)
    yield path


@pytest.mark.parametrize(
    "value",
    [
        ACTIVITY,
        f"<{ACTIVITY}>",
        "kg:promise/0580-2023-2024/activity/1",
        "promise/0580-2023-2024/activity/1",
    ],
)
def test_every_printed_form_of_an_activity_binds_it(
    saved: dict[str, SavedQuery], query_store: OxigraphStore, value: str
) -> None:
    bound = bind(saved["activity-history"], {"activity": value}, query_store)
    assert [t.value for t in bound["_activity_iri"]] == [ACTIVITY]


def test_the_table_form_of_an_activity_returns_its_history(store_dir: Path) -> None:
    code, out, err = kg(
        store_dir, "query", "run", "activity-history", "-p", "activity=" + ACTIVITY, "-f", "json"
    )
    assert code == 0, err
    full = json.loads(out)
    assert full, "the fixture activity has follow-ups"
    assert all(r["activity"] == ACTIVITY for r in full)
    code, out, err = kg(
        store_dir, "query", "run", "activity-history", "-p", "activity=" + printed(ACTIVITY), "-f", "json"
    )
    assert code == 0, err
    assert json.loads(out) == full


def test_no_rows_says_that_made_up_examples_are_left_out(store_dir: Path) -> None:
    """Nyköping's promise is the made-up worked example: it counts only when asked for, and an
    empty answer says so, on stderr (the output stays the empty table)."""
    args = ("query", "run", "activities-by-municipality", "-p", "municipality=0480")
    code, out, err = kg(store_dir, *args)
    assert code == 0 and out.strip() == "(inga rader / no rows)"
    assert "made-up examples are not counted; --include-examples counts them" in err
    code, out, err = kg(store_dir, *args, "--include-examples")
    assert code == 0 and "kg:promise/0480-2025-2026" in out and "--include-examples" not in err
    code, out, err = kg(store_dir, "query", "run", "concept-by-label", "-p", "label=inget sådant")
    assert code == 0 and "--include-examples" not in err  # a query without the flag is not told of it


def test_no_rows_that_examples_would_not_fill_says_nothing_of_them(store_dir: Path) -> None:
    """The data holds an example, but not one this question would find: the way on is not
    --include-examples, so the empty answer does not name it."""
    args = ("query", "run", "activities-by-municipality", "-p", "municipality=2584")
    code, out, err = kg(store_dir, *args)
    assert code == 0 and out.strip() == "(inga rader / no rows)"
    assert "--include-examples" not in err  # was told to add it, which gives no row either
    code, out, _ = kg(store_dir, *args, "--include-examples")
    assert code == 0 and out.strip() == "(inga rader / no rows)"


def test_no_rows_in_data_without_examples_says_nothing_of_them(tmp_path: Path) -> None:
    code, _, err = kg(tmp_path / "store", "init")
    assert code == 0, err
    code, out, err = kg(tmp_path / "store", "query", "run", "promises")
    assert code == 0 and out.strip() == "(inga rader / no rows)"
    assert "--include-examples" not in err  # nothing left out: nothing to say


@pytest.mark.parametrize(
    ("query", "param", "values"),
    [
        (
            "activity-frequencies",
            "municipality",
            ["Linköping", "0580", "kg:org/kommun-0580", "org/kommun-0580"],
        ),
        ("promises", "county", ["Östergötland", "05", "kg:place/lan-05", ID + "place/lan-05"]),
        (
            "municipalities-with-activity-type",
            "activityType",
            ["narkotikasok-med-hund", "narkotikasök med hund", "at:narkotikasok-med-hund"],
        ),
    ],
)
def test_names_codes_and_printed_iris_bind_the_same_term(
    saved: dict[str, SavedQuery], query_store: OxigraphStore, query: str, param: str, values: list[str]
) -> None:
    terms = {str(next(iter(bind(saved[query], {param: v}, query_store).values()))[0]) for v in values}
    assert len(terms) == 1, terms


@pytest.mark.parametrize(
    ("query", "param", "value", "right"),
    [
        ("activity-history", "activity", "kg:org/kommun-0480", "activity/1"),
        ("activity-history", "activity", "promise/0480-2025-2026", "activity/1"),
        ("activity-frequencies", "municipality", "kg:place/lan-05", "kg:org/kommun-0480"),
        ("promises", "county", "kg:org/kommun-0480", "kg:place/lan-04"),
        ("activity-history", "activity", "Nyköping", "activity/1"),
    ],
)
def test_a_wrong_kind_is_refused_with_an_example_of_the_right_kind(
    saved: dict[str, SavedQuery], query_store: OxigraphStore, query: str, param: str, value: str, right: str
) -> None:
    with pytest.raises(QueryParameterError) as caught:
        bind(saved[query], {param: value}, query_store)
    assert right in (caught.value.hint or ""), caught.value.hint
    assert "kommun-0480" not in (caught.value.hint or "") or param == "municipality"


def test_a_prefix_that_is_not_the_projects_is_not_an_iri() -> None:
    assert expand_iri("foo:bar") is None
    assert expand_iri("kg:promise/0480-2025-2026") == ID + "promise/0480-2025-2026"
    assert expand_iri("at:skola") == "https://w3id.org/medborgarlofte/vocab/activity-type/skola"
    assert expand_iri("promise/0480-2025-2026", "https://data.example.org/x/") == (
        "https://data.example.org/x/id/promise/0480-2025-2026"
    )


def _call(query: SavedQuery) -> dict[str, list[str]]:
    """The required parameters from the documented example; nothing optional."""
    example = parse_param_args(example_args(query))
    return {p.name: example[p.name] for p in query.parameters if p.required and p.name in example}


def test_no_saved_query_has_an_empty_column_for_an_unset_optional_parameter(
    saved: dict[str, SavedQuery], query_store: OxigraphStore
) -> None:
    checked = 0
    for query in saved.values():
        given = (
            _call(query) | {"includeExamples": ["true"]} if _takes(query, "includeExamples") else _call(query)
        )
        table = run_saved(query_store, query, given, cache=None)
        unset = {p.name for p in query.parameters if not p.required and p.name not in given}
        for i, column in enumerate(table.variables):
            if column in unset and table.rows:
                assert any(row[i] is not None for row in table.rows), f"{query.name}: empty column {column}"
        checked += bool(table.rows)
        assert not any(v.startswith("_") for v in table.variables), (query.name, table.variables)
        assert len(set(table.columns)) == len(table.columns), (query.name, table.columns)
    assert checked >= 15  # most queries have rows on the fixture data: the check is not vacuous


def _takes(query: SavedQuery, name: str) -> bool:
    return any(p.name == name for p in query.parameters)


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ("followup-fulfilment", "municipality"),
        ("top-activity-types", "county"),
        ("followups-overdue", "asOf"),
    ],
)
def test_the_issues_empty_columns_are_gone(
    saved: dict[str, SavedQuery], query_store: OxigraphStore, query: str, param: str
) -> None:
    table = run_saved(query_store, saved[query], {"includeExamples": "true"}, cache=None)
    assert param not in table.columns


def test_a_given_parameter_keeps_its_column_by_its_public_name(
    saved: dict[str, SavedQuery], query_store: OxigraphStore
) -> None:
    table = run_saved(query_store, saved["top-activity-types"], {"county": "Östergötland"}, cache=None)
    assert table.columns[0] == "county" and table.rows
    assert {r["county"] for r in table.records()} == {ID + "place/lan-05"}


def test_sparql_json_variables_equal_the_table_columns(
    saved: dict[str, SavedQuery], query_store: OxigraphStore
) -> None:
    for query in saved.values():
        table = run_saved(query_store, query, _call(query), limit=3, cache=None)
        head = json.loads(render(table, ResultFormat.sparql_json))["head"]["vars"]
        assert head == table.columns, query.name
        header = render(table, ResultFormat.csv).splitlines()[0].split(",")
        assert header == table.columns, query.name


def test_the_run_record_names_parameters_as_users_give_them(
    saved: dict[str, SavedQuery], query_store: OxigraphStore
) -> None:
    query = saved["promises"]
    bindings = bind(query, {"county": "Östergötland"}, query_store)
    table = run_saved(query_store, query, {"county": "Östergötland"}, cache=None)
    record = run_record(
        query_store,
        sparql=query.sparql,
        table=table,
        started=utc_now(),
        query=query,
        raw_params={"county": ["Östergötland"]},
        bindings=bindings,
    )
    assert list(record["bindings"]) == ["county"]
    assert not any(v.startswith("_") for v in record["result"]["variables"])


def test_page_labels_say_which_rows(store_dir: Path) -> None:
    code, out, _ = kg(store_dir, "query", "run", "promises", "--include-examples", "--limit", "2")
    assert code == 0 and out.rstrip().endswith("(de första 2 raderna / first 2 rows)")
    code, out, _ = kg(
        store_dir, "query", "run", "promises", "--include-examples", "--limit", "2", "--page", "2"
    )
    assert code == 0
    assert "first 2 rows" not in out
    assert "rows 3–4" in out.splitlines()[-1]
    code, out, _ = kg(store_dir, "query", "run", "promises", "--include-examples", "-f", "json")
    total = len(json.loads(out))
    # the last row alone on its page: one row, not a range "5–5"
    code, out, _ = kg(
        store_dir, "query", "run", "promises", "--include-examples", "--limit", "1", "--page", str(total)
    )
    assert code == 0 and out.splitlines()[-1] == f"(rad {total}, den sista / row {total}, the last)"
    # a page past the end says where it starts, not "after row N" of rows the result never had
    code, out, _ = kg(
        store_dir, "query", "run", "promises", "--include-examples", "--limit", "2", "--page", str(total + 3)
    )
    start = 2 * (total + 2) + 1
    assert code == 0 and out.strip() == (
        f"(inga rader från rad {start}; resultatet är kortare / "
        f"no rows from row {start}; the result is shorter)"
    )


def test_a_wrong_kind_on_the_command_line_is_exit_2_with_the_example(store_dir: Path) -> None:
    code, _, err = kg(store_dir, "query", "run", "activity-history", "-p", "activity=promise/0580-2023-2024")
    assert code == EXIT_BAD_INPUT
    assert "is not an activity" in err and "activity/1" in err


def test_the_api_takes_the_printed_forms_and_answers_in_public_names() -> None:
    from query_fixtures import fixture_store
    from server_support import AppClient, make_app

    store = fixture_store()
    try:
        with AppClient(make_app(store, queries_folder=None)) as client:  # the bundled queries
            answers = [
                client.get("/api/queries/activity-history.json", params={"activity": value})
                for value in (ACTIVITY, printed(ACTIVITY), "promise/0580-2023-2024/activity/1")
            ]
            wrong = client.get(
                "/api/queries/activity-history.json", params={"activity": "kg:org/kommun-0580"}
            )
            county = client.get("/api/queries/top-activity-types.json")
    finally:
        store.close()
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert answers[0].json() == answers[1].json() == answers[2].json()
    assert answers[0].text.count(ACTIVITY) >= 1 and "_activity_iri" not in answers[0].text
    assert wrong.status_code == 400 and "activity/1" in wrong.text
    assert county.status_code == 200 and "county" not in county.text and "__" not in county.text
