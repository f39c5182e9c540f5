"""Examples are never data (issue 16 point 1).

The store ``make run`` builds (the Makefile's BUNDLED files: the worked example, the seed
promises, the illustrative follow-ups) is built here the same way, with the real importer; no
saved query's default answer on it may name a made-up example, nor count one (every answer is the
answer on the same store without the example files), and asking for examples
(``includeExamples``) brings them back, so the checks can fail.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.ingest.importer import import_paths
from kg.iris import Minter
from kg.query.results import ResultTable
from kg.query.run import run_saved
from kg.query.saved import SavedQuery, load_queries
from kg.store.catalogue import list_records
from kg.store.core import OxigraphStore, StoreSettings, open_store
from kg.store.system import ensure_system_graphs
from kg.validation.validator import default_validator

REPO = Path(__file__).resolve().parent.parent.parent
MBL = "https://w3id.org/medborgarlofte/def/"
EXAMPLE_PROMISE = "https://w3id.org/medborgarlofte/id/promise/0480-2025-2026"


def bundled_paths() -> list[Path]:
    """The files ``make run`` imports, read from the Makefile's BUNDLED line."""
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    line = re.search(r"^BUNDLED\s*:=\s*(.+)$", text, re.M)
    assert line, "the Makefile has no BUNDLED line"
    words = re.sub(r"\$\(wildcard ([^)]+)\)", r"\1", line.group(1)).split()
    return [REPO / w for w in words]


@pytest.fixture(scope="module")
def run_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    store = open_store(StoreSettings(tmp_path_factory.mktemp("make-run") / "store"))
    assert isinstance(store, OxigraphStore)
    minter = Minter()
    ensure_system_graphs(store, minter)
    summary = import_paths(bundled_paths(), store=store, minter=minter, validator=default_validator())
    assert not summary.has_errors and not summary.has_invalid, summary.as_dict()
    yield store
    store.close()


def _is_example(path: Path) -> bool:
    return re.search(r"isExample[>\"]?\s*:?\s*true", path.read_text(encoding="utf-8")) is not None


@pytest.fixture(scope="module")
def real_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    """The store ``make run`` builds without the files that are examples."""
    files = [f for p in bundled_paths() for f in (sorted(p.rglob("*.*")) if p.is_dir() else [p])]
    real = [f for f in files if not _is_example(f)]
    assert real and len(real) < len(files), "the bundled files hold real data and examples"
    store = open_store(StoreSettings(tmp_path_factory.mktemp("real") / "store"))
    assert isinstance(store, OxigraphStore)
    minter = Minter()
    ensure_system_graphs(store, minter)
    summary = import_paths(real, store=store, minter=minter, validator=default_validator())
    assert not summary.has_errors and not summary.has_invalid, summary.as_dict()
    yield store
    store.close()


IMPORT_TIME = {"modified", "revision", "toolVersion"}
"""Columns of the catalogue that say when and by what a document was imported."""


def _answer(table: ResultTable) -> list[tuple[str, ...]]:
    keep = [i for i, v in enumerate(table.variables) if v not in IMPORT_TIME]
    return sorted(tuple("" if row[i] is None else str(row[i].value) for i in keep) for row in table.rows)


def _example_terms(store: OxigraphStore) -> set[str]:
    """Every IRI only an example speaks of: the subjects of the example documents' graphs, and a
    municipality whose only promises are examples."""
    rows = store.query(
        f"""SELECT DISTINCT ?s WHERE {{
          GRAPH ?g {{ ?doc <{MBL}isExample> true ; a ?type . ?s ?p ?o }}
          FILTER(?type IN (<{MBL}CitizenPromise>, <{MBL}FollowUp>) && isIRI(?s))
        }}"""
    )
    terms = {row["s"].value for row in rows}
    terms |= {r.doc_id for r in list_records(store, Minter()) if r.example}  # the catalogue's IDs
    only = store.query(
        f"""SELECT DISTINCT ?m WHERE {{
          ?doc <{MBL}isExample> true ; <{MBL}municipality> ?m .
          FILTER NOT EXISTS {{
            ?real <{MBL}municipality> ?m ; a <{MBL}CitizenPromise> .
            FILTER NOT EXISTS {{ ?real <{MBL}isExample> true }}
          }}
        }}"""
    )
    return terms | {row["m"].value for row in only}


def _named(table: ResultTable, forbidden: set[str], query: SavedQuery) -> list[str]:
    """The forbidden values in the answer's columns (not the parameters it echoes)."""
    given = {p.name for p in query.parameters}
    answer = [i for i, v in enumerate(table.variables) if v not in given]
    return sorted({str(row[i].value) for row in table.rows for i in answer if row[i] is not None} & forbidden)


def _calls(query: SavedQuery) -> list[dict[str, Any]]:
    """The example call, the call without parameters when none is required, and calls that name
    the example's municipality or activity where the query takes one."""
    calls: list[dict[str, Any]] = [dict(query.example)]
    if not any(p.required for p in query.parameters):
        calls.append({})
    for p in query.parameters:
        if p.entity == "municipality":
            calls.append({**query.example, p.name: "0480"})
        if p.name == "activity":
            calls.append({**query.example, p.name: EXAMPLE_PROMISE + "/activity/1"})
    return calls


QUERIES = load_queries()


def test_the_bundled_examples_are_marked_in_the_graph_and_the_catalogue(run_store: OxigraphStore) -> None:
    records = {r.doc_id: r for r in list_records(run_store, Minter())}
    examples = sorted(d for d, r in records.items() if r.example)
    assert examples == [
        "followup/0480-2025-2026/2025-T1",
        "followup/0480-2025-2026/2025-T2",
        "promise/0480-2025-2026",
    ]
    assert len(records) > len(examples), "the seeds are imported beside the examples"
    terms = _example_terms(run_store)
    assert EXAMPLE_PROMISE in terms and "https://w3id.org/medborgarlofte/id/org/kommun-0480" in terms
    assert not any("0580" in t for t in terms), "a real promise's IRIs are no example's"


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_no_saved_query_answer_names_an_example_unless_asked(name: str, run_store: OxigraphStore) -> None:
    query = QUERIES[name]
    forbidden = _example_terms(run_store)
    for params in _calls(query):
        table = run_saved(run_store, query, params, cache=None)
        assert not _named(table, forbidden, query), f"{name} {params} names an example"


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("municipalities-with-activity-type", {"activityType": "narkotikasok-med-hund"}),
        ("followup-fulfilment", {}),
        ("promises", {}),
        ("documents", {}),
        ("activity-history", {"activity": EXAMPLE_PROMISE + "/activity/1"}),
    ],
)
def test_asking_for_examples_brings_them_back(
    name: str, params: dict[str, str], run_store: OxigraphStore
) -> None:
    query = QUERIES[name]
    forbidden = _example_terms(run_store)
    default = run_saved(run_store, query, params, cache=None)
    asked = run_saved(run_store, query, {**params, "includeExamples": "true"}, cache=None)
    assert not _named(default, forbidden, query)
    assert _named(asked, forbidden, query), f"{name} with includeExamples=true shows no example"


def test_the_cli_flag_includes_examples_and_a_query_without_the_parameter_refuses_it(
    run_store: OxigraphStore, tmp_path: Path
) -> None:
    # the module's store is open; the CLI gets a copy of its data in a store of its own
    path = tmp_path / "store"
    data = tmp_path / "all.nq"
    with data.open("wb") as out:
        run_store.dump(out, ox.RdfFormat.N_QUADS)
    with open_store(StoreSettings(path)) as st:
        st.bulk_load(data, ox.RdfFormat.N_QUADS)
    runner = CliRunner()
    args = ["--store", str(path), "query", "run", "followup-fulfilment", "--format", "csv"]
    default = runner.invoke(app, args)
    asked = runner.invoke(app, [*args, "--include-examples"])
    assert default.exit_code == 0 and asked.exit_code == 0, default.output + asked.output
    assert "0480-2025-2026" not in default.output
    assert "0480-2025-2026" in asked.output
    refused = runner.invoke(
        app, ["--store", str(path), "query", "run", "concept-by-label", "-p", "label=x", "--exclude-assumed"]
    )
    assert refused.exit_code == 2
    assert "does not take --exclude-assumed" in refused.output


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_no_saved_query_counts_an_example_unless_asked(
    name: str, run_store: OxigraphStore, real_store: OxigraphStore
) -> None:
    """A count, a sum or a ranking names no example but may still count one: every answer on the
    bundled store is the answer on it without the examples."""
    query = QUERIES[name]
    for params in _calls(query):
        bundled = run_saved(run_store, query, params, cache=None)
        real = run_saved(real_store, query, params, cache=None)
        assert _answer(bundled) == _answer(real), f"{name} {params} counts an example"


@pytest.mark.parametrize("name", ["top-activity-types", "priority-areas-ranked", "followup-fulfilment"])
def test_the_count_check_sees_examples_asked_for(
    name: str, run_store: OxigraphStore, real_store: OxigraphStore
) -> None:
    """The check above can fail: asked for, the examples change the counts."""
    query = QUERIES[name]
    params = {"includeExamples": "true"}  # across the country: the example's county too
    bundled = run_saved(run_store, query, params, cache=None)
    real = run_saved(real_store, query, params, cache=None)
    assert _answer(bundled) != _answer(real)
