"""Bound values written as constants on the embedded store (decision 0011): only serialised
pyoxigraph terms go into the text, a hostile literal or IRI stays one inert term, the result
keeps the parameter's column, and the uses a constant cannot take fall back to substitution."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.query.run import execute
from kg.sparql_text import bind_constants, tokens
from kg.store.core import ChangeSet, OxigraphStore, StoreSettings, open_store

EX = "http://example.org/"
PAYLOADS = [
    '"',
    ">",
    "}",
    "a\nb",
    "} ; DROP ALL ;",
    '" } ; DROP ALL ; SELECT * WHERE { "',
    "\\",
    "'''",
    '"""',
    "?v",
    "# comment",
    "<http://evil/>",
]


@pytest.fixture
def store() -> OxigraphStore:
    st = open_store(StoreSettings(None))
    st.apply(
        ChangeSet(
            insert=[
                ox.Quad(
                    ox.NamedNode(f"{EX}s{i}"),
                    ox.NamedNode(EX + "p"),
                    ox.Literal(f"v{i}"),
                    ox.NamedNode(EX + "g"),
                )
                for i in range(3)
            ]
        )
    )
    return st


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_hostile_literal_is_one_inert_term(store: OxigraphStore, payload: str) -> None:
    text = "SELECT ?v ?s WHERE { ?s <http://example.org/p> ?o FILTER(?o != ?v) } ORDER BY ?s"
    bound = bind_constants(text, {"v": ox.Literal(payload)})
    assert bound is not None
    # the value is one string token wherever ?v stood; no keyword or variable came in with it
    strings = [t.text for t in tokens(bound) if t.kind == "string"]
    assert strings == [str(ox.Literal(payload))] * 2
    words = [t.text for t in tokens(bound) if t.kind == "word"]
    assert words == ["SELECT", "AS", "WHERE", "FILTER", "ORDER", "BY"]
    assert {t.text for t in tokens(bound) if t.kind == "var"} == {"?v", "?s", "?o"}
    before = len(store.raw)
    table = execute(store, text, {"v": [ox.Literal(payload)]}, cache=None)
    assert [r["v"] for r in table.records()] == [payload] * 3
    assert len(store.raw) == before


def test_a_hostile_iri_cannot_be_made() -> None:
    for bad in ["http://x/> } ; DROP ALL ; <http://y/", "http://x/ a", 'http://x/"', "http://x/{}"]:
        with pytest.raises(ValueError):
            ox.NamedNode(bad)


def test_an_iri_is_written_in_its_serialised_form(store: OxigraphStore) -> None:
    iri = ox.NamedNode(EX + "s1")
    text = "SELECT ?x ?o WHERE { ?x <http://example.org/p> ?o } ORDER BY ?x"
    bound = bind_constants(text, {"x": iri})
    assert bound == (
        "SELECT (<http://example.org/s1> AS ?x) ?o WHERE { <http://example.org/s1> "
        "<http://example.org/p> ?o } ORDER BY (<http://example.org/s1>)"
    )
    assert execute(store, text, {"x": [iri]}, cache=None).records() == [{"x": EX + "s1", "o": "v1"}]


def test_only_variable_tokens_change() -> None:
    text = (
        'SELECT ?v (COUNT(?s) AS ?n) WHERE { ?s ?p "?v" . <http://x/?v> ?q ?v # ?v\n'
        "FILTER(?v != 1) } GROUP BY ?v HAVING (COUNT(?s) > 0) ORDER BY DESC(?v) ?v"
    )
    bound = bind_constants(text, {"v": ox.Literal("1")})
    assert bound == (
        'SELECT ("1" AS ?v) (COUNT(?s) AS ?n) WHERE { ?s ?p "?v" . <http://x/?v> ?q "1" # ?v\n'
        'FILTER("1" != 1) } GROUP BY ("1") HAVING (COUNT(?s) > 0) ORDER BY DESC("1") ("1")'
    )


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { ?s ?p ?v }",
        "SELECT ?v WHERE { BIND(1 AS ?v) }",
        "SELECT ?v WHERE { VALUES ?v { 1 } }",
        "SELECT ?v WHERE { ?s ?p ?o FILTER(BOUND(?v)) }",
        "ASK { ?s ?p ?v }",
    ],
)
def test_uses_a_constant_cannot_take_fall_back(text: str) -> None:
    assert bind_constants(text, {"v": ox.Literal("1")}) is None


def test_fallback_and_syntax_fallback_give_the_substitution_result(store: OxigraphStore) -> None:
    # a literal in the subject position is a syntax error as a constant: substitution decides
    table = execute(
        store, "SELECT ?v ?o WHERE { ?v <http://example.org/p> ?o }", {"v": [ox.Literal("x")]}, cache=None
    )
    assert table.rows == []
    # BOUND() keeps the substitution semantics (pyoxigraph: false for a substituted variable)
    table = execute(
        store,
        "SELECT ?v (BOUND(?v) AS ?b) WHERE { }",
        {"v": [ox.Literal("x")]},
        cache=None,
    )
    assert table.records()[0]["v"] == "x"
