"""The SPARQL results writer, made faster for large results (issue 19), writes the same bytes as
before in all four formats: the old writer is kept in tests/sparql_results_reference.py and both
write varied synthetic results here (the national store's largest result is compared in
tests/integration/test_sparql_results_national.py)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from sparql_results_reference import reference_solutions

from kg.query.sparql_results import FORMATS, write_solutions

XSD = "http://www.w3.org/2001/XMLSchema#"
TRICKY = [
    "",
    "plain",
    "Malmö stad – åtgärd",
    'say "hi"',
    "it's",
    "both \" and '",
    "back\\slash",
    "line\nbreak\r\ttab",
    "ctl \x00\x01\x08\x0b\x0c\x1f\x7f end",
    "a & b < c > d &amp;",
    "non-BMP 𝄞 😀",
    "\u2028\u2029 separators",
    "comma, in it",
    " leading space",
    "</script>",
]


def _terms() -> list[object]:
    iri = ox.NamedNode("https://example.org/kommun/malmö?a=1&b=2&c='x'#x")
    terms: list[object] = [
        iri,
        ox.NamedNode("http://example.org/plain"),
        ox.BlankNode("b0"),
        ox.BlankNode("n1x"),
        ox.Literal("1000000", datatype=ox.NamedNode(XSD + "double")),
        ox.Literal("-0", datatype=ox.NamedNode(XSD + "double")),
        ox.Literal("NaN", datatype=ox.NamedNode(XSD + "float")),
        ox.Literal("1.5e-7", datatype=ox.NamedNode(XSD + "float")),
        ox.Literal("42", datatype=ox.NamedNode(XSD + "integer")),
        ox.Literal("2026-12-06", datatype=ox.NamedNode(XSD + "date")),
        ox.Literal("x", datatype=ox.NamedNode("http://e.org/t?a=1&b='2'")),
    ]
    for text in TRICKY:
        terms += [ox.Literal(text), ox.Literal(text, language="sv"), ox.Literal(text, language="en-GB")]
    terms.append(ox.Triple(iri, ox.NamedNode("http://e.org/p"), ox.Literal('q"\n', language="sv")))
    terms.append(
        ox.Triple(
            ox.BlankNode("s"),
            ox.NamedNode("http://e.org/p"),
            ox.Triple(iri, iri, ox.Literal("1", datatype=ox.NamedNode(XSD + "double"))),
        )
    )
    return terms


TERMS = _terms()
VARS = ["s", "p", "o", "label", "x_1"]


def _rows(count: int) -> list[tuple[object, ...]]:
    """Rows that repeat terms (as real results do) and leave some values unbound."""
    rows = []
    n = len(TERMS)
    for k in range(count):
        rows.append(
            tuple(
                None if (k * 7 + i * 3) % 11 == 0 else TERMS[(k * (i + 1) + i * 5) % n]
                for i in range(len(VARS))
            )
        )
    return rows


@pytest.mark.parametrize("fmt", FORMATS)
def test_varied_results_give_the_old_bytes(fmt: str) -> None:
    rows = _rows(400)
    assert {t for r in rows for t in r if t is not None} == set(TERMS)  # every term is written
    assert write_solutions(VARS, rows, fmt) == reference_solutions(VARS, rows, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_term_alone_gives_the_old_bytes(fmt: str) -> None:
    for t in TERMS:
        rows = [(t,), (None,), (t,)]
        assert write_solutions(["v"], rows, fmt) == reference_solutions(["v"], rows, fmt), t


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_and_degenerate_results_give_the_old_bytes(fmt: str) -> None:
    cases: list[tuple[list[str], list[tuple[object, ...]]]] = [
        (VARS, []),
        ([], []),
        ([], [(), ()]),
        (["a", "b"], [(None, None)]),
        (["é", 'q"v'], [(TERMS[0], TERMS[2])]),
    ]
    for variables, rows in cases:
        got = write_solutions(variables, rows, fmt)
        assert got == reference_solutions(variables, rows, fmt), (variables, rows)


@pytest.mark.parametrize("fmt", FORMATS)
def test_query_solutions_of_a_store_give_the_old_bytes(fmt: str) -> None:
    store = ox.Store()
    g = ox.DefaultGraph()
    for i, t in enumerate(TERMS):
        if not isinstance(t, ox.Triple):
            store.add(ox.Quad(ox.NamedNode(f"http://e.org/s{i % 5}"), ox.NamedNode("http://e.org/p"), t, g))
    q = "SELECT ?s ?o ?none WHERE { ?s ?p ?o OPTIONAL { ?o ?p ?none } } ORDER BY ?s STR(?o)"
    rows = list(store.query(q))
    assert len(rows) > len(TERMS) - 5
    assert write_solutions(["s", "o", "none"], rows, fmt) == reference_solutions(
        ["s", "o", "none"], rows, fmt
    )


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="not a SPARQL results format"):
        write_solutions(VARS, [], "sparql-yaml")
