"""The faster SPARQL results writer (issue 19) gives the old bytes on the national benchmark store's
largest saved-query result, places-in-activities (11,108 rows in the evening run of 2026-12-06),
in all four formats. Skips when that read-only store is not on this machine."""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from sparql_results_reference import reference_solutions

from kg.query.sparql_results import FORMATS, write_solutions

STORE = Path("/work/bench3/benchmarks/out/store-national")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def national() -> tuple[list[str], list[tuple[object, ...]]]:
    if not (STORE / "oxigraph").is_dir():
        pytest.skip(f"the national benchmark store is not here ({STORE})")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from run import inline_example
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    text = inline_example("places-in-activities", STORE)
    solutions = ox.Store.read_only(str(STORE / "oxigraph")).query(text, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    variables = [v.value for v in solutions.variables]
    rows = [tuple(s[i] for i in range(len(variables))) for s in solutions]
    return variables, rows


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_national_result_gives_the_old_bytes(
    national: tuple[list[str], list[tuple[object, ...]]], fmt: str
) -> None:
    variables, rows = national
    assert len(rows) > 1000
    assert write_solutions(variables, rows, fmt) == reference_solutions(variables, rows, fmt)
