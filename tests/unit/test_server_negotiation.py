"""The one format table and negotiation function, tested from a table (STYLE 8)."""

from __future__ import annotations

import pytest

from kg.server import negotiation as neg

CASES = [
    # (Accept, offers, ?_format, expected short name or None)
    (None, neg.RESULTS, None, "sparql-json"),
    ("", neg.RESULTS, None, "sparql-json"),
    ("*/*", neg.RESULTS, None, "sparql-json"),
    ("application/sparql-results+xml", neg.RESULTS, None, "sparql-xml"),
    (
        "application/sparql-results+xml;q=0.5, application/sparql-results+json",
        neg.RESULTS,
        None,
        "sparql-json",
    ),
    ("text/csv", neg.RESULTS, None, "sparql-csv"),
    ("text/tab-separated-values", neg.RESULTS, None, "sparql-tsv"),
    ("application/json", neg.RESULTS, None, "sparql-json"),
    ("application/xml", neg.RESULTS, None, "sparql-xml"),
    ("image/png", neg.RESULTS, None, None),
    ("text/csv;q=0", neg.RESULTS, None, None),
    ("text/*", neg.RESULTS, None, "sparql-csv"),
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
    (None, neg.API, "csv", "csv"),
    ("text/csv", neg.API, None, "csv"),
    ("application/json;q=0.4, text/csv;q=0.6", neg.API, None, "csv"),
    ("text/html", neg.API, None, None),
    # one name per format; the old names and the names for people still select on every surface
    (None, neg.RESULTS, "srj", "sparql-json"),
    (None, neg.RESULTS, "srx", "sparql-xml"),
    (None, neg.RESULTS, "xml", "sparql-xml"),
    (None, neg.RESULTS, "sparql-tsv", "sparql-tsv"),
    (None, neg.RESULTS, "csv", "sparql-csv"),
    (None, neg.RESULTS, "tsv", "sparql-tsv"),
    (None, neg.RESULTS, "ttl", None),
    (None, neg.API, "csvdata", "csv"),
    (None, neg.API, "sparql-json", None),
    (None, neg.RESOURCE, "turtle", "ttl"),
    (None, neg.RESOURCE, "json-ld", "jsonld"),
]


@pytest.mark.parametrize(("accept", "offers", "override", "expected"), CASES)
def test_negotiate(
    accept: str | None, offers: tuple[neg.Format, ...], override: str | None, expected: str | None
) -> None:
    got = neg.negotiate(accept, offers, override)
    assert (got.name if got else None) == expected


def test_table_has_one_row_per_name_and_pyoxigraph_formats() -> None:
    names = [f.name for f in neg.FORMATS]
    old = [n for f in neg.FORMATS for n in f.old_names]
    assert len(names) == len(set(names)) and not set(old) & set(names) and len(old) == len(set(old))
    for f in neg.FORMATS:
        if f.kind is neg.Kind.rdf:
            assert f.ox_rdf is not None and f.ox_rdf.media_type.split(";")[0] == f.media_type
            assert f.rdflib
        if f.kind is neg.Kind.results:
            assert f.ox_results is not None and f.ox_results.media_type.split(";")[0] == f.media_type


def test_parse_accept_ignores_garbage() -> None:
    ranges = neg.parse_accept("garbage, text/csv;q=abc, text/turtle;q=0.3")
    assert [(r.type, r.subtype, r.q) for r in ranges] == [("text", "csv", 0.0), ("text", "turtle", 0.3)]


def test_the_command_line_and_the_server_read_one_table() -> None:
    """Every ``--format`` of ``kg sparql``/``kg query run`` is a row of the table the server reads."""
    from kg.query.results import ResultFormat

    for rf in ResultFormat:
        row = neg.fmt(rf.value)
        assert rf.row is row and rf.media_type == row.media_type and rf.extension == row.extension
        assert rf.is_sparql == (row.kind is neg.Kind.results)
    assert {f.name for f in neg.RESULTS} == {rf.value for rf in ResultFormat if rf.is_sparql}
    assert neg.fmt("srj") is neg.fmt("sparql-json") and neg.fmt("csvdata") is neg.fmt("csv")
