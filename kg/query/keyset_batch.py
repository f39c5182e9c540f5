"""The next municipalities of a keyset page in one run (kg.query.keyset, issue 19).

When the first municipalities of a listing ordered by municipality hold few rows each, a page
needs many of them: one run each costs more than the whole query. :func:`batch` reads the next
ones in one run of the query's own text with the municipality variable a VALUES block, which
pyoxigraph joins first (activities-never-reported nationally, about 2 rows a municipality: 80
municipalities 56-68 ms of CPU, the whole query 148-177; benchmarks/NOTES.md).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pyoxigraph as ox

from kg.query.results import ResultTable
from kg.query.saved import Term
from kg.sparql_text import tokens

BATCH_MARGIN = 2
"""A batch reads this many times the municipalities that the rows so far say a page needs ..."""
BATCH_SHARE = 4
"""... and at most one in this many of the municipalities left (that many when no rows so far)."""


def batch(
    text: str,
    also: str | None,
    bindings: Mapping[str, Sequence[Term]],
    var: str,
    rest: Sequence[ox.NamedNode],
    missing: int,
    per_run: float,
    run: Callable[[str, Mapping[str, Sequence[Term]]], ResultTable],
) -> ResultTable | None:
    """The whole query's rows (``text``, its parameter ``var`` unbound) of the next
    municipalities of ``rest`` that should hold the ``missing`` rows of a page (``per_run`` rows
    a municipality so far), by one run with ``also`` (the variable the parameter restricts, bound
    by the municipality's triple pattern) given them as a VALUES block; None when there is no
    such variable or ``text`` reads it in a sub-select (which a VALUES block does not reach)."""
    size = min(int(missing / max(per_run, 0.01) * BATCH_MARGIN) + 1, len(rest) // BATCH_SHARE)
    if also is None or size < 1 or in_subselect(text, also):
        return None
    table = run(text, {**bindings, also: list(rest[:size])})
    if var not in table.variables:
        return table
    at = table.variables.index(var)  # unbound, as in the whole query
    return ResultTable(table.variables, [(*r[:at], None, *r[at + 1 :]) for r in table.rows])


def in_subselect(text: str, name: str) -> bool:
    """Whether the variable ``?name`` occurs inside a nested SELECT of ``text``."""
    inner: list[int] = []  # the depths of the nested SELECTs open at this token
    for n, t in enumerate(tokens(text)):
        while t.kind == "close" and inner and t.depth <= inner[-1]:
            inner.pop()
        if t.kind == "word" and t.text.upper() == "SELECT" and n and t.depth:
            inner.append(t.depth)
        elif t.kind == "var" and t.text[1:] == name and inner:
            return True
    return False
