"""Every saved query tuned for the embedded store's planner keeps its plain form beside it
(``queries/plain/NAME.rq``), and both return the same rows.

The tuned forms (hash-joined blocks, plannable filters; docs/decisions/0011) are what ``kg`` runs;
the plain forms are what a researcher reads to learn the model and to write a query of their
own. Rows are compared on the fixture store and on a small national-style corpus made by
benchmarks/generate.py, with the query's defaults and with its example parameters. When you
change a tuned query, change its plain form the same way (and the other way round).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from kg.query.docs import WRITE_YOUR_OWN
from kg.query.run import run_saved, run_sparql
from kg.query.saved import SavedQuery, load_queries, parse_query_file
from kg.sparql_text import tokens
from kg.store.core import OxigraphStore

REPO = Path(__file__).resolve().parent.parent.parent
PLAIN = REPO / "queries" / "plain"
PLAIN_FILES = sorted(PLAIN.glob("*.rq"))
NAMES = [p.stem for p in PLAIN_FILES]


@pytest.fixture(scope="module")
def saved() -> dict[str, SavedQuery]:
    return load_queries()


def _distinct(cases: list[dict[str, Any] | None]) -> list[dict[str, Any]]:
    """The cases without repeats (an example of ``{}`` is the defaults)."""
    out: list[dict[str, Any]] = []
    for case in cases:
        if (case or {}) not in out:
            out.append(case or {})
    return out


def _ordered(query: SavedQuery) -> bool:
    return any(t.kind == "word" and t.text.upper() == "ORDER" and t.depth == 0 for t in tokens(query.sparql))


def _rows(store: OxigraphStore, query: SavedQuery, params: dict[str, Any] | None) -> list[Any]:
    table = run_saved(store, query, params, cache=None)
    rows = [tuple(sorted(r.items())) for r in table.records()]
    return rows if _ordered(query) else sorted(rows, key=repr)


def test_every_plain_form_has_its_tuned_query_and_the_same_header(saved: dict[str, SavedQuery]) -> None:
    assert len(PLAIN_FILES) >= 12
    for path in PLAIN_FILES:
        assert path.stem in saved, f"{path.name} has no tuned twin in queries/"
        plain = parse_query_file(path)
        tuned = saved[path.stem]
        assert plain.parameters == tuned.parameters, f"{path.name}: parameters differ from the tuned form"
        assert plain.summary == tuned.summary
        assert plain.sparql != tuned.sparql, f"{path.name} is the tuned text; keep only forms that differ"


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("where", ["fixture", "corpus"])
def test_tuned_and_plain_forms_return_the_same_rows(
    name: str,
    where: str,
    saved: dict[str, SavedQuery],
    query_store: OxigraphStore,
    request: pytest.FixtureRequest,
) -> None:
    store = query_store if where == "fixture" else request.getfixturevalue("corpus_store")
    tuned = saved[name]
    plain = parse_query_file(PLAIN / f"{name}.rq")
    needs_values = any(p.required and p.default is None for p in tuned.parameters)
    cases: list[dict[str, Any] | None] = [] if needs_values else [None]
    if tuned.example:
        cases.append(dict(tuned.example))
    # the flags, on a store that holds an example and assumptions (the fixture store)
    for flag in ("includeExamples", "excludeAssumed"):
        if any(p.name == flag for p in tuned.parameters):
            cases += [{**(c or {}), flag: "true"} for c in list(cases)]
    seen = 0
    for params in _distinct(cases):
        expected = _rows(store, plain, params)
        got = _rows(store, tuned, params)
        assert got == expected, f"{name} with {params or 'its defaults'} on the {where} store"
        seen += len(got)
    if where == "fixture":  # the fixture store has rows for every query, so equality means something
        assert seen, f"{name} returns no rows on the fixture store"


def test_the_write_your_own_patterns_run_on_the_fixture_store(query_store: OxigraphStore) -> None:
    """docs/queries.md's prefixes and model patterns, as one query, find promises with follow-ups."""
    blocks = re.findall(r"```sparql\n(.*?)```", WRITE_YOUR_OWN, re.S)
    prefixes, patterns = blocks
    rows = run_sparql(query_store, f"{prefixes}\nSELECT * WHERE {{\n{patterns}}} LIMIT 5", cache=None)
    assert len(rows) > 0
