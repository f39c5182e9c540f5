"""``kg query list|show|run|docs``: saved SPARQL queries, and the options and output they share
with ``kg sparql`` (:mod:`kg.cli.sparql`).

Both run on the embedded store (``--store``) or, with ``--endpoint URL``, on any SPARQL 1.1
endpoint; credentials for it come from ``KG_ENDPOINT_USER``/``KG_ENDPOINT_PASSWORD`` or a netrc
file, never from the command line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.cli import app
from kg.cli.common import AppState, FollowRedirects, echo_json, render_table, state, write_output
from kg.errors import EndpointError, KgError, QueryParameterError
from kg.query.formats import ResultFormat

if TYPE_CHECKING:  # the library is imported in the command bodies (kg/cli/common.py)
    from kg.query.results import ResultTable
    from kg.query.saved import SavedQuery
    from kg.store.core import GraphStore

query_app = typer.Typer(
    name="query",
    help=(
        "Sparade frågor / saved queries: list, show, run.\n\nExample: kg query run promises -p county=Skåne"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(query_app, name="query")


class InfoFormat(StrEnum):
    """Output format of ``list`` and ``show``."""

    text = "text"
    json = "json"


QueriesOption = Annotated[
    Path | None,
    typer.Option(
        "--queries",
        envvar="KG_QUERIES",
        help="A folder of .rq files instead of the bundled queries [env KG_QUERIES].",
        show_default=False,
    ),
]
EndpointOption = Annotated[
    str | None,
    typer.Option(
        "--endpoint",
        envvar="KG_ENDPOINT",
        help="Run on this SPARQL 1.1 query endpoint instead of the store [env KG_ENDPOINT]; "
        "credentials from KG_ENDPOINT_USER/KG_ENDPOINT_PASSWORD or ~/.netrc.",
        show_default=False,
    ),
]
FormatOption = Annotated[ResultFormat, typer.Option("--format", "-f", help="Output format.")]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file instead of stdout.", show_default=False),
]
MAX_COUNT = 1_000_000_000
"""The largest --limit or --page (a larger one is refused as a usage error, exit 2)."""
LimitOption = Annotated[
    int | None,
    typer.Option("--limit", min=0, max=MAX_COUNT, help="At most this many rows.", show_default=False),
]
TimeoutOption = Annotated[
    float | None,
    typer.Option("--timeout", min=0.0, help="Give up after this many seconds.", show_default=False),
]
ProvenanceOption = Annotated[
    Path | None,
    typer.Option(
        "--provenance",
        help="Write a run record (query, parameters, store or endpoint with its document versions, "
        "time, kg version) as JSON to this file.",
        show_default=False,
    ),
]


@contextmanager
def query_target(
    st: AppState, endpoint: str | None, timeout: float | None, follow_redirects: bool = False
) -> Iterator[GraphStore]:
    if endpoint:
        from kg.store.remote import RemoteEndpoint, endpoint_credentials  # httpx: only for an endpoint

        yield RemoteEndpoint(
            endpoint,
            timeout=timeout if timeout is not None else 60.0,
            credentials=endpoint_credentials(endpoint),
            follow_redirects=follow_redirects,
        )
        return
    with st.store(create=False, read_only=True) as store:  # shared with a running kg serve
        yield store


def _why_empty(target: GraphStore, st: AppState) -> str | None:
    """On an endpoint: why it has no names or rows when the reason is the data it holds."""
    from kg.publish.visibility import explain_empty

    def count(text: str) -> int:
        rows = list(target.query(text))
        n = rows[0]["n"] if rows else None
        return int(n.value) if n is not None else 0

    try:
        return explain_empty(count, str(st.minter.reference_graph), target.location)
    except KgError:
        return None  # the endpoint's own error shows when the query runs


def _examples_answer(target: GraphStore, query: SavedQuery, raw: dict[str, list[str]], base: str) -> bool:
    """Whether the query, which found nothing, finds rows once made-up examples (mbl:isExample
    true) count: only then is "--include-examples" the way on. The query runs again only when
    the data holds an example at all (one ASK), as real data does not."""
    from kg.namespaces import sparql_prefixes
    from kg.query.bind import bind
    from kg.query.run import run_bound

    try:
        if not target.query(sparql_prefixes("mbl") + "ASK { ?x mbl:isExample true }"):
            return False
        with_examples = bind(query, {**raw, "includeExamples": ["true"]}, target, base=base)
        return bool(run_bound(target, query, with_examples, limit=1).rows)
    except Exception:  # a note only: an endpoint that cannot say stays silent
        return False


def _raise_if_no_reference(target: GraphStore, st: AppState) -> None:
    why = _why_empty(target, st)
    if why:
        raise EndpointError(why)


def emit_table(table: ResultTable, fmt: ResultFormat, output: Path | None, st: AppState) -> None:
    from kg.query.results import render

    emit_text(render(table, fmt), output, st, f"{len(table.rows)} rader / rows")


def emit_text(text: str, output: Path | None, st: AppState, what: str) -> None:
    """``text`` on stdout, or in the file ``output`` (:func:`kg.cli.common.write_output`)."""
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_output(output, text)
        st.info(f"{what} → {output}")


def write_record(path: Path, record: dict[str, object], st: AppState) -> None:
    write_output(path, json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    st.info(f"Körprotokoll / run record → {path}")


@query_app.command("list")
def list_command(
    fmt: Annotated[InfoFormat, typer.Option("--format", "-f", help="Output format.")] = InfoFormat.text,
    queries: QueriesOption = None,
) -> None:
    """List the saved queries: name, summary and parameters (? = optional).

    Example: kg query list --format json
    """
    from kg.query.saved import load_queries

    saved = load_queries(queries)
    if fmt is InfoFormat.json:
        echo_json([q.as_dict() for q in saved.values()])
        return
    rows = [
        {
            "name": q.name,
            "parameters": ", ".join(p.name + ("" if p.required else "?") for p in q.parameters),
            "summary": q.summary,
        }
        for q in saved.values()
    ]
    typer.echo(render_table(rows, ["name", "parameters", "summary"]))


@query_app.command("show")
def show_command(
    name: Annotated[str, typer.Argument(help="The query's name (see 'kg query list').", show_default=False)],
    fmt: Annotated[InfoFormat, typer.Option("--format", "-f", help="Output format.")] = InfoFormat.text,
    queries: QueriesOption = None,
) -> None:
    """Show a saved query: its description, parameters with types and defaults, an example and its text.

    Example: kg query show municipalities-with-activity-type
    """
    from kg.query.docs import example_call
    from kg.query.saved import load_query

    query = load_query(name, queries)
    if fmt is InfoFormat.json:
        echo_json({**query.as_dict(), "example_call": example_call(query), "text": query.text})
        return
    typer.echo(_describe(query))


def _describe(query: SavedQuery) -> str:
    from kg.query.docs import example_call

    lines = [f"{query.name}: {query.summary}", ""]
    if query.description:
        lines += [query.description, ""]
    if query.tags:
        lines.append("Taggar / tags: " + ", ".join(query.tags))
    if query.pagination:
        lines.append(f"Sidstorlek / page size: {query.pagination}")
    lines += ["", "Parametrar / parameters:"]
    if not query.parameters:
        lines.append("  (inga / none)")
    for p in query.parameters:
        need = "krävs / required" if p.required else "valfri / optional (unbound = all)"
        extra = f", default {p.default}" if p.default is not None else ""
        if p.enum:
            extra += f", one of: {', '.join(p.enum)}"
        lines.append(f"  {p.name}  {p.type_label}  {need}{extra}  (?{p.variable})")
    lines += [
        "",
        "Exempel / example:",
        f"  {example_call(query)}",
        "",
        f"--- {query.path.name} ---",
        query.text,
    ]
    return "\n".join(lines).rstrip()


@query_app.command("run")
def run_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The query's name (see 'kg query list').", show_default=False)],
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            help=(
                "A parameter as name=value; repeat it for several values of one parameter"
                " (a yes/no parameter takes one)."
            ),
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = ResultFormat.table,
    output: OutputOption = None,
    limit: LimitOption = None,
    page: Annotated[
        int | None,
        typer.Option(
            "--page",
            min=1,
            max=MAX_COUNT,
            help="Page number (from 1) of a paginated query.",
            show_default=False,
        ),
    ] = None,
    timeout: TimeoutOption = None,
    endpoint: EndpointOption = None,
    follow_redirects: FollowRedirects = False,
    provenance: ProvenanceOption = None,
    queries: QueriesOption = None,
    include_examples: Annotated[
        bool,
        typer.Option(
            "--include-examples",
            help="Count made-up examples (mbl:isExample) too; the same as -p includeExamples=true.",
        ),
    ] = False,
    exclude_assumed: Annotated[
        bool,
        typer.Option(
            "--exclude-assumed",
            help="Leave out what rests on an assumed value (mbl:Assumption); -p excludeAssumed=true.",
        ),
    ] = False,
) -> None:
    """Run a saved query with parameters on the store or on a SPARQL endpoint.

    A municipality may be given by name or SCB code, a county by name or code, a concept by
    its slug or label; every value is checked against its type and bound as an RDF term.
    Made-up examples never count unless --include-examples is given.

    Example: kg query run municipalities-with-activity-type -p activityType=narkotikasok-med-hund -f csv
    """
    from kg.iris import printed
    from kg.query.run import absent_resources, bind, parse_param_args, run_bound
    from kg.query.runrecord import run_record, utc_now
    from kg.query.saved import load_query

    st = state(ctx)
    query = load_query(name, queries)
    raw = parse_param_args(param or [])
    for flag, given in (("includeExamples", include_examples), ("excludeAssumed", exclude_assumed)):
        if given:
            _check_flag(query, flag)
            raw[flag] = ["true"]
    started = utc_now()
    with query_target(st, endpoint, timeout, follow_redirects) as target:
        try:
            bindings = bind(query, raw, target, base=st.base)
        except QueryParameterError:
            if endpoint:  # no names on the endpoint: say why, instead of the store's 'kg init'
                _raise_if_no_reference(target, st)
            raise
        table = run_bound(target, query, bindings, limit=limit, page=page, timeout=timeout)
        if endpoint and not table.rows and table.boolean is None:
            why = _why_empty(target, st)
            if why:
                typer.echo(why, err=True)
        if not table.rows and not table.offset:  # say which value names nothing in the data
            for pname, iri in absent_resources(query, bindings, target):
                st.info(f"{pname}={printed(iri)} finns inte i datan / is not in the data")
        takes_examples = any(p.name == "includeExamples" for p in query.parameters)
        if (
            not table.rows
            and not table.offset
            and takes_examples
            and "includeExamples" not in raw
            and _examples_answer(target, query, raw, st.base)
        ):
            st.info(  # no rows: say what was left out, when the data has any
                "Påhittade exempel räknas inte; --include-examples tar med dem / "
                "made-up examples are not counted; --include-examples counts them."
            )
        if provenance is not None:
            record = run_record(
                target,
                sparql=query.sparql,
                table=table,
                started=started,
                query=query,
                raw_params=raw,
                bindings=bindings,
                limit=limit,
                page=page,
            )
            write_record(provenance, record, st)
    emit_table(table, fmt, output, st)


def _check_flag(query: SavedQuery, name: str) -> None:
    """Check that ``query`` takes the flag parameter ``name`` (a usage error otherwise)."""
    if not any(p.name == name for p in query.parameters):
        option = "--include-examples" if name == "includeExamples" else "--exclude-assumed"
        raise QueryParameterError(
            f"frågan {query.name} tar inte {option} / the query {query.name} does not take {option}",
            hint=f"'kg query show {query.name}' visar dess parametrar / lists its parameters.",
        )


@query_app.command("docs")
def docs_command(
    ctx: typer.Context,
    output: OutputOption = None,
    examples: Annotated[
        bool,
        typer.Option("--examples/--no-examples", help="Run each example call and show its output."),
    ] = True,
    endpoint: EndpointOption = None,
    follow_redirects: FollowRedirects = False,
    queries: QueriesOption = None,
) -> None:
    """Write the saved-query reference (Markdown) from the .rq metadata, with example outputs.

    Example: kg --store ./var/store query docs --output docs/queries.md
    """
    from kg.query.docs import THIS_STORE, render_docs
    from kg.query.saved import load_queries

    st = state(ctx)
    saved = load_queries(queries)
    if examples:
        with query_target(st, endpoint, None, follow_redirects) as target:
            text = render_docs(saved, target, label=THIS_STORE)
    else:
        text = render_docs(saved)
    emit_text(text, output, st, f"{len(saved)} frågor / queries")
