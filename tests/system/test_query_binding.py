"""Saved-query library: header parsing, parameter binding and resolution, injection safety on
both paths (pyoxigraph substitutions and a VALUES block sent to a real oxigraph server),
result formats, the remote endpoint's errors and run records."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from oxigraph_server import OxigraphServer

from kg.errors import (
    EXIT_UNAVAILABLE,
    EndpointError,
    QueryMetadataError,
    QueryNotFound,
    QueryParameterError,
    QueryTimeout,
)
from kg.query.results import ResultFormat, ResultTable, column_name, render
from kg.query.run import bind, execute, parse_param_args, run_saved, run_sparql
from kg.query.runrecord import run_record, utc_now
from kg.query.saved import ParamKind, get_query, load_queries, parse_query_text
from kg.sparql_text import inject_values, with_window
from kg.store.core import OxigraphStore
from kg.store.remote import EndpointTimeout, RemoteEndpoint, endpoint_credentials

ID = "https://w3id.org/medborgarlofte/id/"
VOCAB = "https://w3id.org/medborgarlofte/vocab/"
PAYLOADS = ['"', ">", "}", "a\nb", "} ; DROP ALL ;", '" } ; DROP ALL ; SELECT * WHERE { "', "\\", "'''"]


@pytest.fixture(scope="module")
def saved() -> dict:
    return load_queries()


@pytest.fixture
def remote(query_server: OxigraphServer) -> RemoteEndpoint:
    return RemoteEndpoint(query_server.query_url, timeout=30)


# -- the header -----------------------------------------------------------------------------------

GOOD = """#+ summary: Test / test
#+ tags: [a]
#+ defaults:
#+   - year: 2024
#+ enumerate:
#+   - kind: [x, y]
SELECT ?_year_integer ?__kind ?_label_sv ?_from_xsd_date ?__place_iri WHERE { ?s ?p ?o } ORDER BY ?s
"""


def test_header_and_parameters_are_parsed(tmp_path: Path) -> None:
    q = parse_query_text(GOOD, tmp_path / "good.rq")
    assert q.name == "good" and q.summary == "Test / test" and q.tags == ("a",)
    kinds = {p.name: (p.kind, p.required, p.default, p.enum, p.lang) for p in q.parameters}
    assert kinds == {
        "year": (ParamKind.integer, True, "2024", None, None),
        "kind": (ParamKind.string, False, None, ("x", "y"), None),
        "label": (ParamKind.lang, True, None, None, "sv"),
        "from": (ParamKind.date, True, None, None, None),
        "place": (ParamKind.iri, False, None, None, None),
    }


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("#+ summary: [unclosed\nSELECT * WHERE {}", 1, "invalid YAML"),
        ("#+ summary: x\n#+ tags: [a\n#+ pagination: 3\nSELECT * WHERE {}", 3, "invalid YAML"),
        ("#+ summary: x\n#+ sumary: y\nSELECT * WHERE {}", 2, "unknown key 'sumary'"),
        ("#+ description: x\nSELECT * WHERE {}", 1, "'summary' is missing"),
        ("SELECT * WHERE {}", 1, "no '#+' header"),
        ("#+ summary: x\n#+ pagination: -1\nSELECT * WHERE {}", 2, "positive integer"),
        (
            "#+ summary: x\n#+ defaults:\n#+   - yeer: 1\nSELECT ?_year_integer WHERE {}",
            3,
            "unknown parameter 'yeer'",
        ),
        ("#+ summary: x\nSELECT ?_x WHERE {\n ?s ?p ?_name_code }", 3, "unknown type suffix 'code'"),
        ("#+ summary: x\nSELECT ?_x_iri ?__x_iri WHERE {}", 2, "are one parameter"),
        ("#+ summary: x\nCONSTRUCT WHERE { ?s ?p ?o }", 2, "saved queries are SELECT"),
    ],
)
def test_a_malformed_header_names_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = tmp_path / "bad.rq"
    with pytest.raises(QueryMetadataError) as err:
        parse_query_text(text, path)
    assert err.value.where == f"{path}:{line}"
    assert message in err.value.message


def test_load_queries_fails_loudly_on_one_bad_file(tmp_path: Path) -> None:
    (tmp_path / "ok.rq").write_text(GOOD)
    (tmp_path / "broken.rq").write_text("#+ summary: [\nSELECT * WHERE {}")
    with pytest.raises(QueryMetadataError, match=r"broken\.rq:1"):
        load_queries(tmp_path)


def test_unknown_query_suggests_a_near_name(saved: dict) -> None:
    with pytest.raises(QueryNotFound) as err:
        get_query(saved, "promise-by-county")
    assert "promises-by-county" in (err.value.hint or "")


# -- binding ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["Linköping", "Linköpings kommun", "linköping", "0580", f"{ID}org/kommun-0580"]
)
def test_municipality_by_name_code_or_iri(saved: dict, query_store: OxigraphStore, value: str) -> None:
    b = bind(saved["activity-frequencies"], {"municipality": value}, query_store)
    assert b == {"__municipality_iri": [ox.NamedNode(f"{ID}org/kommun-0580")]}


@pytest.mark.parametrize("value", ["Skåne", "Skåne län", "12"])
def test_county_by_name_or_code(saved: dict, query_store: OxigraphStore, value: str) -> None:
    b = bind(saved["promises"], {"county": value}, query_store)
    assert b == {"__county_iri": [ox.NamedNode(f"{ID}place/lan-12")]}


@pytest.mark.parametrize("value", ["narkotikasok-med-hund", "narkotikasök med hund", "Drug-dog search"])
def test_concept_by_slug_or_label(saved: dict, query_store: OxigraphStore, value: str) -> None:
    b = bind(saved["municipalities-with-activity-type"], {"activityType": value}, query_store)
    assert b["_activityType_iri"] == [ox.NamedNode(f"{VOCAB}activity-type/narkotikasok-med-hund")]


def test_unknown_municipality_is_an_error_with_a_suggestion(saved: dict, query_store: OxigraphStore) -> None:
    # "Linkoping" (the ASCII slug) names Linköping since the resolver is shared with the extractor
    with pytest.raises(QueryParameterError) as err:
        bind(saved["activities-by-municipality"], {"municipality": "Linköpng"}, query_store)
    assert "Linköpng" in err.value.message
    assert "Linköping" in (err.value.hint or "")


@pytest.mark.parametrize(
    ("query", "params", "message"),
    [
        ("activities-by-municipality", {}, "missing parameter: municipality"),
        ("promises-valid-in-year", {"year": "2024.5"}, "is not an integer"),
        ("promises-valid-in-year", {"year": "twenty"}, "is not an integer"),
        ("promises-in-period", {"from": "2024-13-01", "to": "2024-12-31"}, "is not a date"),
        ("promises-in-period", {"from": "20240101", "to": "2024-12-31"}, "is not a date"),
        ("promises-valid-in-year", {"yeer": "2024"}, "has no parameter 'yeer'"),
        ("activities-by-municipality", {"municipality": "http://x/a>b"}, "is not a valid IRI"),
        ("activities-by-municipality", {"municipality": "http://x/} ; DROP ALL ;"}, "is not a valid IRI"),
    ],
)
def test_missing_unknown_or_mistyped_parameters(
    saved: dict, query_store: OxigraphStore, query: str, params: dict, message: str
) -> None:
    with pytest.raises(QueryParameterError) as err:
        bind(saved[query], params, query_store)
    assert message in err.value.message


def test_parameter_arguments_repeat_for_lists() -> None:
    assert parse_param_args(["m=1", "m=2", "t=a=b"]) == {"m": ["1", "2"], "t": ["a=b"]}
    with pytest.raises(QueryParameterError, match="name=value"):
        parse_param_args(["municipality"])


def test_optional_parameter_left_unbound_matches_all(saved: dict, query_store: OxigraphStore) -> None:
    everything = run_saved(query_store, saved["promises"], {})
    one = run_saved(query_store, saved["promises"], {"municipality": "0580"})
    assert len(everything) == 4 and len(one) == 1  # the four fixture promises; not the example
    assert one.records()[0]["municipality"] == f"{ID}org/kommun-0580"


def test_a_boolean_parameter_takes_true_and_false_in_both_languages(
    saved: dict, query_store: OxigraphStore
) -> None:
    query = saved["promises"]
    with_examples = {
        len(run_saved(query_store, query, {"includeExamples": v})) for v in ("true", "ja", "1", "YES")
    }
    without = {
        len(run_saved(query_store, query, {"includeExamples": v})) for v in ("false", "nej", "0", "no")
    }
    assert with_examples == {5} and without == {4}
    with pytest.raises(QueryParameterError, match="includeExamples='kanske'"):
        run_saved(query_store, query, {"includeExamples": "kanske"})


# -- injection: a value can never change the query --------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_string_value_cannot_change_the_query_embedded(query_store: OxigraphStore, payload: str) -> None:
    before = len(query_store.raw)
    echo = execute(query_store, "SELECT ?v WHERE { } ORDER BY ?v", {"v": [ox.Literal(payload)]})
    assert echo.records() == [{"v": payload}]
    listed = execute(
        query_store, "SELECT ?v WHERE { } ORDER BY ?v", {"v": [ox.Literal(payload), ox.Literal("x")]}
    )
    assert sorted(r["v"] for r in listed.records()) == sorted([payload, "x"])
    saved = get_query(load_queries(), "search-activities")
    assert run_saved(query_store, saved, {"text": payload}).rows == []
    assert len(query_store.raw) == before


@pytest.mark.server
@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_string_value_cannot_change_the_query_remote(remote: RemoteEndpoint, payload: str) -> None:
    before = remote.count()
    echo = execute(remote, "SELECT ?v WHERE { } ORDER BY ?v", {"v": [ox.Literal(payload)]})
    assert echo.records() == [{"v": payload}]
    saved = get_query(load_queries(), "search-activities")
    assert run_saved(remote, saved, {"text": payload}).rows == []
    assert run_saved(remote, saved, {"text": payload, "municipality": ["0580", "1282"]}).rows == []
    assert remote.count() == before > 1000


def test_values_block_is_built_from_serialised_terms() -> None:
    text = inject_values(
        'SELECT ?s WHERE { ?s ?p "}" } # {',
        {"s": [ox.Literal('} ; DROP ALL ; "\n>')], "p": [ox.NamedNode("http://x/p")]},
    )
    assert text == (
        'SELECT ?s WHERE {\n  VALUES (?s ?p) { ("} ; DROP ALL ; \\"\\n>" <http://x/p>) }\n ?s ?p "}" } # {'
    )
    with pytest.raises(ValueError):
        inject_values("SELECT * WHERE {}", {"x } DROP ALL": [ox.Literal("1")]})


def test_limit_and_offset_respect_existing_modifiers() -> None:
    q = "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s"
    assert with_window(q, 5).endswith("ORDER BY ?s\nLIMIT 5\n")
    assert "LIMIT 2" in with_window(q + " LIMIT 2", 5)
    assert with_window(q + " OFFSET 4 LIMIT 10", None, 3).endswith("OFFSET 7 LIMIT 7")


def test_limit_and_page(saved: dict, query_store: OxigraphStore) -> None:
    full = run_saved(query_store, saved["promises-by-county"], {})
    first = run_saved(query_store, saved["promises-by-county"], {}, limit=5)
    assert first.truncated and first.rows == full.rows[:5]
    assert not run_saved(query_store, saved["promises-by-county"], {}, limit=50).truncated
    page2 = run_saved(query_store, saved["promises"], {}, page=2, limit=2)
    assert page2.rows == run_saved(query_store, saved["promises"], {}).rows[2:4]


def test_local_timeout(query_store: OxigraphStore) -> None:
    heavy = (
        "SELECT (COUNT(*) AS ?n) WHERE { ?a <http://www.w3.org/2004/02/skos/core#notation> ?b . "
        "?c <http://www.w3.org/2004/02/skos/core#altLabel> ?d }"
    )
    with pytest.raises(QueryTimeout):
        run_sparql(query_store, heavy, timeout=0.01)


# -- remote endpoint errors -----------------------------------------------------------------------


def test_unreachable_endpoint_is_exit_3() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(EndpointError) as err:
        run_sparql(RemoteEndpoint(f"http://127.0.0.1:{port}/query", timeout=5), "ASK {}")
    assert err.value.exit_code == EXIT_UNAVAILABLE
    assert "unreachable" in err.value.message


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A TCP server that accepts connections and never answers."""
    with socket.create_server(("127.0.0.1", 0)) as srv:
        yield f"http://127.0.0.1:{srv.getsockname()[1]}/query"


def test_endpoint_timeout(silent_server: str) -> None:
    with pytest.raises(EndpointTimeout) as err:
        run_sparql(RemoteEndpoint(silent_server, timeout=0.3), "ASK {}")
    assert err.value.exit_code == EXIT_UNAVAILABLE and err.value.http_status == 504


@pytest.mark.server
def test_endpoint_answering_an_error(query_server: OxigraphServer) -> None:
    with pytest.raises(EndpointError) as err:
        run_sparql(RemoteEndpoint(query_server.query_url), "SELECT * WHERE { ?s ?p }")
    assert "QueryBadFormed" in err.value.message and err.value.exit_code == EXIT_UNAVAILABLE
    with pytest.raises(EndpointError, match="EndPointNotFound"):
        run_sparql(RemoteEndpoint(query_server.base_url + "/nothing-here"), "ASK {}")


def test_not_an_http_url() -> None:
    with pytest.raises(EndpointError, match="not an http"):
        RemoteEndpoint("file:///etc/passwd")


def test_credentials_from_environment_or_netrc(tmp_path: Path) -> None:
    url = "https://sparql.example.org/query"
    env = {"KG_ENDPOINT_USER": "anna", "KG_ENDPOINT_PASSWORD": "s3cret"}
    assert endpoint_credentials(url, env) == ("anna", "s3cret")
    netrc = tmp_path / "netrc"
    netrc.write_text("machine sparql.example.org login bo password hemligt\n")
    netrc.chmod(0o600)
    assert endpoint_credentials(url, {"NETRC": str(netrc)}) == ("bo", "hemligt")
    assert endpoint_credentials("https://other.example.org/q", {"NETRC": str(netrc)}) is None


@pytest.mark.server
def test_remote_endpoint_store_protocol(remote: RemoteEndpoint, query_store: OxigraphStore) -> None:
    assert remote.named_graphs() == query_store.named_graphs()
    graph = "https://w3id.org/medborgarlofte/graph/promise/0580-2023-2024"
    assert remote.has_graph(graph) and not remote.has_graph(graph + "x")
    assert remote.count(graph) == query_store.count(graph)
    constructed = run_sparql(remote, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    assert len(constructed) == query_store.count(graph)


# -- results and run records --------------------------------------------------------------------


def _table() -> ResultTable:
    xsd = "http://www.w3.org/2001/XMLSchema#"
    return ResultTable(
        ["__county_iri", "name", "n", "share"],
        [
            (ox.NamedNode("http://x/a"), ox.Literal('Ö|,"\t\n', language="sv"), ox.Literal(3), None),
            (
                None,
                ox.Literal("b"),
                ox.Literal("2", datatype=ox.NamedNode(xsd + "integer")),
                ox.Literal("0.5", datatype=ox.NamedNode(xsd + "decimal")),
            ),
        ],
    )


def test_every_format_renders_and_sparql_formats_parse_back() -> None:
    table = _table()
    assert table.columns == ["county", "name", "n", "share"]
    assert column_name("_from_xsd_date") == "from" and column_name("plain") == "plain"
    assert table.records()[1] == {"county": None, "name": "b", "n": 2, "share": 0.5}
    for fmt in ResultFormat:
        assert render(table, fmt), fmt
    assert json.loads(render(table, ResultFormat.json)) == table.records()
    assert [json.loads(line) for line in render(table, ResultFormat.jsonl).splitlines()] == table.records()
    for fmt, oxfmt in [
        (ResultFormat.sparql_json, ox.QueryResultsFormat.JSON),
        (ResultFormat.sparql_xml, ox.QueryResultsFormat.XML),
        (ResultFormat.sparql_tsv, ox.QueryResultsFormat.TSV),
    ]:
        parsed = ox.parse_query_results(render(table, fmt).encode(), format=oxfmt)
        assert [v.value for v in parsed.variables] == table.variables
        assert [tuple(row) for row in parsed] == table.rows, fmt
    md = render(table, ResultFormat.md)
    assert "Ö\\|" in md and md.count("\n") == 4
    assert ResultFormat.from_media_type("text/csv; charset=utf-8") is ResultFormat.sparql_csv
    assert ResultFormat.from_extension(".srj") is ResultFormat.sparql_json


def test_ask_results(query_store: OxigraphStore) -> None:
    table = run_sparql(query_store, "ASK { ?s a <https://w3id.org/medborgarlofte/def/CitizenPromise> }")
    assert table.boolean is True
    assert json.loads(render(table, ResultFormat.sparql_json))["boolean"] is True


def test_run_record_cites_query_parameters_and_document_versions(
    saved: dict, query_store: OxigraphStore
) -> None:
    query = saved["promises"]
    bindings = bind(query, {"county": "Skåne"}, query_store)
    table = run_saved(query_store, query, {"county": "Skåne"})
    record = run_record(
        query_store,
        sparql=query.sparql,
        table=table,
        started=utc_now(),
        query=query,
        raw_params={"county": ["Skåne"]},
        bindings=bindings,
    )
    assert record["query"]["name"] == "promises" and len(record["query"]["sha256"]) == 64
    assert record["bindings"] == {"county": [f"<{ID}place/lan-12>"]}
    docs = {d["id"]: d for d in record["source"]["documents"]}
    assert set(docs) >= {"promise/0480-2025-2026", "promise/1282-2017", "followup/1282-2017/2017-T2"}
    assert all(len(d["sha"]) == 64 for d in docs.values())
    assert record["result"]["rows"] == 2 and record["tool"]["name"] == "kg"
