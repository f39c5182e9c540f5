"""The token helpers the first-page readers share (kg.query.keyset, kg.query.value_window,
kg.query.catalogue_page): where a text's top-level ORDER BY is, and which IRI a predicate written
in it names."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.sparql_text import Token, order_by, tokens, written_iri

PREFIXES = "PREFIX ex: <https://example.org/def/>\nPREFIX e: <https://example.org/e#>\n"


def _toks(text: str) -> list[Token]:
    return [t for t in tokens(text) if t.kind not in ("space", "comment")]


@pytest.mark.parametrize(
    ("text", "first_key"),
    [
        ("SELECT ?a WHERE { ?a ?p ?o } ORDER BY ?a", "?a"),
        ("SELECT ?a WHERE { ?a ?p ?o } order by DESC(?a) LIMIT 3", "DESC"),
        # a sub-select's ORDER BY is not the listing's
        ("SELECT ?a WHERE { { SELECT ?a WHERE { ?a ?p ?o } ORDER BY ?o LIMIT 1 } } ORDER BY ?p", "?p"),
        # nor one in a comment or a string
        ("SELECT ?a WHERE { ?a ?p 'ORDER BY ?x' } # ORDER BY ?y\nORDER BY ?o", "?o"),
    ],
)
def test_the_top_level_order_by_is_found(text: str, first_key: str) -> None:
    toks = _toks(text)
    order = order_by(toks)
    assert order is not None and toks[order + 2].text == first_key


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?a WHERE { ?a ?p ?o }",
        "SELECT ?a WHERE { { SELECT ?a WHERE { ?a ?p ?o } ORDER BY ?o } }",
        "SELECT ?a WHERE { ?a ?p ?o } ORDER",
    ],
)
def test_no_top_level_order_by_is_none(text: str) -> None:
    assert order_by(_toks(text)) is None


@pytest.mark.parametrize(
    ("written", "iri"),
    [
        ("ex:share", "https://example.org/def/share"),
        ("e:x", "https://example.org/e#x"),
        ("<https://example.org/other>", "https://example.org/other"),
        ("nope:share", None),  # an undeclared prefix
        ("<relative>", None),  # not an absolute IRI
    ],
)
def test_a_written_predicate_names_its_iri(written: str, iri: str | None) -> None:
    got = written_iri(written, _toks(PREFIXES + f"SELECT * WHERE {{ ?s {written} ?o }}"))
    assert got == (None if iri is None else ox.NamedNode(iri))
