"""The faster SPARQL results writer (issue 19) gives the old bytes on a large result of a store
shaped like the national benchmark's: places-in-activities (11,108 rows on the national store)
on a store built from the first 40 municipalities of the benchmark corpus, as ``make bench``
builds its stores (benchmarks/generate.py, then benchmarks/run.py's bulk load), in all four
formats."""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from sparql_results_reference import reference_solutions

from kg.query.sparql_results import FORMATS, write_solutions

ROOT = Path(__file__).resolve().parents[2]
MUNICIPALITIES = 40


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], list[tuple[object, ...]]]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate
        from run import inline_example, step_kg_bulk
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    tmp = tmp_path_factory.mktemp("benchmark-store")
    generate(tmp / "corpus", fmt="nq", municipalities=MUNICIPALITIES)
    store = tmp / "store"
    step_kg_bulk({"store": str(store), "corpus": str(tmp / "corpus")})
    text = inline_example("places-in-activities", store)
    solutions = ox.Store.read_only(str(store / "oxigraph")).query(text, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    variables = [v.value for v in solutions.variables]
    rows = [tuple(s[i] for i in range(len(variables))) for s in solutions]
    return variables, rows


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_national_result_gives_the_old_bytes(
    national: tuple[list[str], list[tuple[object, ...]]], fmt: str
) -> None:
    variables, rows = national
    assert len(rows) > 1000, len(rows)
    assert write_solutions(variables, rows, fmt) == reference_solutions(variables, rows, fmt)
