"""The saved queries test an assumption starting from what it is about: in an ``EXISTS`` or
``NOT EXISTS``, ``?a rdf:subject ?x ; … ; a mbl:Assumption``, never the type first.

pyoxigraph plans the pattern of an ``EXISTS`` without the outer row's bindings: written with the
type first, it reads every assumption of the store for every row. On the national corpus with the
assumptions a real extraction records (six a promise) the first page of ``promises`` with
``excludeAssumed=true`` took 86 s of CPU that way and 0.19 s with the subject first
(benchmarks/NOTES.md, "Assumptions tested from their subject"). A rule over the query text, so it
holds for every query, plain and tuned and derived alike, on every store."""

from __future__ import annotations

import re
from pathlib import Path

QUERIES = Path(__file__).resolve().parent.parent.parent / "queries"
TYPE_FIRST = re.compile(r"\?\w+\s+a\s+mbl:Assumption\s*;")


def test_no_saved_query_tests_an_assumption_by_its_type_first() -> None:
    offenders = [
        f"{path.relative_to(QUERIES.parent)}:{n}: {line.strip()}"
        for path in sorted(QUERIES.rglob("*.rq"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if TYPE_FIRST.search(line)
    ]
    assert not offenders, "put rdf:subject first and the type last:\n" + "\n".join(offenders)
