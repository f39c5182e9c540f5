"""The parameters the benchmark binds "with the example" (benchmarks/cold_queries.py,
``corpus_params``): a query whose example names an activity of a real seed gets an activity that
the generated corpus follows up, so that its figures time rows, not an empty result; where the
store does follow the example's activity up, the example stays."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from kg.query.run import run_saved
from kg.query.saved import SavedQuery, load_queries
from kg.store.core import OxigraphStore

REPO = Path(__file__).resolve().parent.parent.parent


@cache
def cold_queries() -> ModuleType:
    """benchmarks/cold_queries.py as a module (it is a script, not part of the package)."""
    path = REPO / "benchmarks" / "cold_queries.py"
    spec = importlib.util.spec_from_file_location("bench_cold_queries", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_cold_queries"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def history() -> SavedQuery:
    return load_queries()["activity-history"]


def test_the_example_stays_where_the_store_follows_its_activity_up(
    query_store: OxigraphStore, history: SavedQuery
) -> None:
    params = cold_queries().corpus_params(query_store, history)
    assert params == history.example
    assert run_saved(query_store, history, params, cache=None).rows


def test_a_corpus_without_the_examples_activity_gets_one_it_follows_up(
    corpus_store: OxigraphStore, history: SavedQuery
) -> None:
    assert not run_saved(corpus_store, history, history.example, cache=None).rows  # what the bench timed
    params = cold_queries().corpus_params(corpus_store, history)
    assert params is not None and params != history.example
    assert set(params) == set(history.example or {})
    assert run_saved(corpus_store, history, params, cache=None).rows


def test_queries_without_an_activity_keep_their_example(query_store: OxigraphStore) -> None:
    for name, query in load_queries().items():
        if name != "activity-history":
            assert cold_queries().corpus_params(query_store, query) == (query.example or None), name
