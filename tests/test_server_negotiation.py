"""The one format table and negotiation function, tested from a table (STYLE 8)."""

from __future__ import annotations

import pytest

from kg.server import negotiation as neg

CASES = [
    # (Accept, offers, ?_format, expected short name or None)
    (None, neg.RESULTS, None, "srj"),
    ("", neg.RESULTS, None, "srj"),
    ("*/*", neg.RESULTS, None, "srj"),
    ("application/sparql-results+xml", neg.RESULTS, None, "srx"),
    ("application/sparql-results+xml;q=0.5, application/sparql-results+json", neg.RESULTS, None, "srj"),
    ("text/csv", neg.RESULTS, None, "csv"),
    ("text/tab-separated-values", neg.RESULTS, None, "tsv"),
    ("application/json", neg.RESULTS, None, "srj"),
    ("application/xml", neg.RESULTS, None, "srx"),
    ("image/png", neg.RESULTS, None, None),
    ("text/csv;q=0", neg.RESULTS, None, None),
    ("text/*", neg.RESULTS, None, "csv"),
    ("text/turtle;q=0.2, application/n-triples", neg.GRAPH, None, "nt"),
    ("application/ld+json", neg.GRAPH, None, "jsonld"),
    ("application/rdf+xml", neg.GRAPH, None, "rdf"),
    ("application/x-turtle", neg.GRAPH, None, "ttl"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", neg.RESOURCE, None, "html"),
    ("text/turtle, */*;q=0.1", neg.RESOURCE, None, "ttl"),
    ("text/turtle, */*", neg.RESOURCE, None, "ttl"),
    ("application/json", neg.RESOURCE, None, "jsonld"),
    ("text/html", neg.RESOURCE, "ttl", "ttl"),
    ("text/html", neg.RESOURCE, "application/ld+json", "jsonld"),
    (None, neg.RESOURCE, "nt", "nt"),
    (None, neg.RESOURCE, "srj", None),
    (None, neg.API, "csv", "csvdata"),
    ("text/csv", neg.API, None, "csvdata"),
    ("application/json;q=0.4, text/csv;q=0.6", neg.API, None, "csvdata"),
    ("text/html", neg.API, None, None),
]


@pytest.mark.parametrize(("accept", "offers", "override", "expected"), CASES)
def test_negotiate(
    accept: str | None, offers: tuple[neg.Format, ...], override: str | None, expected: str | None
) -> None:
    got = neg.negotiate(accept, offers, override)
    assert (got.name if got else None) == expected


def test_table_has_one_row_per_name_and_pyoxigraph_formats() -> None:
    names = [f.name for f in neg.FORMATS]
    assert len(names) == len(set(names))
    for f in neg.FORMATS:
        if f.kind is neg.Kind.rdf:
            assert f.ox_rdf is not None and f.ox_rdf.media_type.split(";")[0] == f.media_type
            assert f.rdflib
        if f.kind is neg.Kind.results:
            assert f.ox_results is not None and f.ox_results.media_type.split(";")[0] == f.media_type


def test_parse_accept_ignores_garbage() -> None:
    ranges = neg.parse_accept("garbage, text/csv;q=abc, text/turtle;q=0.3")
    assert [(r.type, r.subtype, r.q) for r in ranges] == [("text", "csv", 0.0), ("text", "turtle", 0.3)]
