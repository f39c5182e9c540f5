"""``kg sparql``: an ad-hoc SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the embedded
store or, with ``--endpoint URL``, on any SPARQL 1.1 endpoint, with the project's prefixes
predeclared; it shares its options and output with ``kg query`` (:mod:`kg.cli.query`)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.cli import app
from kg.cli.common import FollowRedirects, render_table, state
from kg.cli.query import (
    EndpointOption,
    LimitOption,
    OutputOption,
    ProvenanceOption,
    TimeoutOption,
    emit_table,
    emit_text,
    query_target,
    write_record,
)
from kg.errors import InputError, QuerySyntaxError
from kg.query.formats import Format, ResultFormat, format_enum, result_formats, sparql_formats

if TYPE_CHECKING:
    SparqlFormat = StrEnum
else:  # kg sparql --format: derived from the one format table (kg.query.formats)
    SparqlFormat = format_enum("SparqlFormat", sparql_formats())


@app.command("sparql")
def sparql_command(
    ctx: typer.Context,
    query: Annotated[
        str | None,
        typer.Argument(help="Query text, a .rq/.sparql file, or - for stdin.", show_default=False),
    ] = None,
    fmt: Annotated[
        SparqlFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format [default: table; Turtle (ttl) for CONSTRUCT and DESCRIBE, which also "
            "take nt, jsonld and rdf].",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    limit: LimitOption = None,
    timeout: TimeoutOption = None,
    endpoint: EndpointOption = None,
    follow_redirects: FollowRedirects = False,
    provenance: ProvenanceOption = None,
    prefixes: Annotated[
        bool, typer.Option("--prefixes", help="List the predeclared prefixes and exit.")
    ] = False,
) -> None:
    """Run an ad-hoc SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the store or an endpoint.

    The project's prefixes (mbl:, skos:, dct:, at: ... and kg: for the minted IRIs, as the
    tables print them) are predeclared: 'kg sparql --prefixes' lists them. The default graph is
    the union of all graphs, unless the query names its own with FROM or FROM NAMED. SELECT *
    lists the variables in the order the query first names them. CONSTRUCT and DESCRIBE give
    Turtle (or -f nt, jsonld, rdf; a row format gives subject/predicate/object rows). A syntax
    error is shown at its line and column, with a caret under the query text. A SPARQL Update
    is refused (exit 2): kg sparql only reads.

    Example: kg sparql 'SELECT ?promise ?title WHERE { ?promise a mbl:CitizenPromise ; dct:title ?title }'
    """
    from kg.query.adhoc import explain_syntax_error, graph_text, in_query_order, known_prefixes, prepare
    from kg.query.formats import fmt as format_row
    from kg.query.run import run_sparql
    from kg.query.runrecord import run_record, utc_now
    from kg.sparql_text import query_form

    st = state(ctx)
    if prefixes:
        typer.echo(
            render_table(
                [{"prefix": f"{p}:", "iri": ns} for p, ns in known_prefixes().items()], ["prefix", "iri"]
            )
        )
        return
    if query is None:
        raise typer.BadParameter("ange en fråga / give a query (or --prefixes)", param_hint="'QUERY'")
    text = _query_text(query)
    prepared = prepare(text, refuse_unknown=endpoint is None)  # an endpoint may know more prefixes
    graph = query_form(prepared.text) in ("CONSTRUCT", "DESCRIBE")
    row = format_row(fmt.value if fmt else "ttl" if graph else "table")
    if row.ox_rdf is not None and not graph:
        raise InputError(
            f"-f {row.name} är för CONSTRUCT och DESCRIBE / is for CONSTRUCT and DESCRIBE",
            hint=f"En SELECT eller ASK ger / a SELECT or ASK gives {_alternatives(result_formats())}.",
        )
    started = utc_now()
    with query_target(st, endpoint, timeout, follow_redirects) as target:
        try:
            table = run_sparql(target, prepared.text, limit=limit, timeout=timeout)
        except QuerySyntaxError as exc:
            raise explain_syntax_error(text, exc, prepared) from None
        table = in_query_order(prepared.text, table)
        if provenance is not None:
            record = run_record(target, sparql=prepared.text, table=table, started=started, limit=limit)
            write_record(provenance, record, st)
    if row.ox_rdf is not None:
        emit_text(graph_text(table, row), output, st, f"{len(table.rows)} tripler / triples")
    else:
        emit_table(table, ResultFormat(row.name), output, st)


def _alternatives(rows: tuple[Format, ...]) -> str:
    names = [f.name for f in rows]
    return f"{', '.join(names[:-1])} or {names[-1]}"


def _query_text(arg: str) -> str:
    if arg == "-":
        return sys.stdin.read()
    looks_like_file = (
        "\n" not in arg and len(arg) < 4096 and not arg.lstrip().startswith(("SELECT", "PREFIX"))
    )
    if looks_like_file:
        path = Path(arg)
        if path.is_file():
            try:
                return path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise InputError(f"kan inte läsa / cannot read {path}: {exc}") from exc
        if arg.endswith((".rq", ".sparql")):
            raise InputError(f"filen finns inte / no such file: {arg}")
    return arg
