"""One format table (kg.query.formats) with one name per format: the command line's ``--format``
choices are read from it, not written out again."""

from __future__ import annotations

from kg.cli.sparql import SparqlFormat
from kg.query.formats import FORMATS, Kind, ResultFormat, result_formats, sparql_formats


def test_every_name_and_old_name_selects_one_format() -> None:
    names = [n for f in FORMATS for n in (f.name, *f.old_names)]
    assert len(names) == len(set(names))


def test_the_result_formats_are_the_tables_rows_and_results() -> None:
    assert [(m.name, m.value) for m in ResultFormat] == [
        (f.name.replace("-", "_"), f.name) for f in result_formats()
    ]
    assert {f.kind for f in result_formats()} == {Kind.rows, Kind.results}


def test_kg_sparql_takes_the_result_formats_and_the_graph_syntaxes() -> None:
    assert [m.value for m in SparqlFormat] == [f.name for f in sparql_formats()]
    assert [m.value for m in SparqlFormat] == [
        *(m.value for m in ResultFormat),
        "ttl",
        "nt",
        "jsonld",
        "rdf",
    ]
    # one name a format in code too: the member is the format's name
    assert SparqlFormat["sparql_json"].value == "sparql-json" and SparqlFormat["ttl"].value == "ttl"
    assert all(f.ox_rdf is not None for f in sparql_formats() if f.graph)
