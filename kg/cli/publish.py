"""``kg publish``, ``kg export``, ``kg pull`` and ``kg restore``: the store and other triple stores.

Thin edges over :mod:`kg.publish.publisher`, :mod:`kg.ingest.dumps` and :mod:`kg.ingest.pull`;
see docs/triple-stores.md.
Credentials for an endpoint come from ``KG_ENDPOINT_USER``/``KG_ENDPOINT_PASSWORD`` or a netrc
file (``KG_ENDPOINT_AUTH=digest`` for Digest), or a bearer token in ``KG_ENDPOINT_TOKEN``; never
from the command line.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.cli import app
from kg.cli.common import (
    DryRunOption,
    FailOnOption,
    FollowRedirects,
    KeepGoingOption,
    Lang,
    LangOption,
    SummaryFormatOption,
    TableFormat,
    WorkersOption,
    echo_json,
    render_table,
    shared_validator,
    state,
)
from kg.cli.documents import _report as report_import
from kg.errors import EXIT_BAD_INPUT, EXIT_NOT_CONFORMING, EXIT_OK
from kg.ingest.export_format import ExportFormat
from kg.validation.severity import Severity

if TYPE_CHECKING:  # the library is imported in the command bodies (kg/cli/common.py)
    from kg.ingest.importer import ImportOptions, ImportSummary
    from kg.publish.publisher import GraphResult, PublishReport

AUTH_ENV = "KG_ENDPOINT_AUTH"
"""``basic`` (default) or ``digest``"""
TOKEN_ENV = "KG_ENDPOINT_TOKEN"
"""a bearer token (QLever's access token)"""

Endpoint = Annotated[
    str,
    typer.Option(
        "--endpoint",
        envvar="KG_ENDPOINT",
        help="SPARQL query URL of the remote store [env KG_ENDPOINT].",
        show_default=False,
    ),
]
Timeout = Annotated[
    float,
    typer.Option("--timeout", help="Deadline in seconds for each request: connect, headers and body."),
]


@app.command("publish")
def publish_command(
    ctx: typer.Context,
    endpoint: Endpoint,
    graph_store: Annotated[
        str | None,
        typer.Option("--graph-store", help="Graph Store Protocol URL; graphs are sent with PUT."),
    ] = None,
    update: Annotated[
        str | None,
        typer.Option("--update", help="SPARQL Update URL (default: derived from --endpoint)."),
    ] = None,
    send_all: Annotated[
        bool, typer.Option("--all", help="Send every graph, changed since the last publish or not.")
    ] = False,
    system: Annotated[
        bool,
        typer.Option("--system/--no-system", help="Also send the ontology, vocabularies and reference data."),
    ] = True,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what would be sent; send nothing.")] = False,
    timeout: Timeout = 60.0,
    follow_redirects: FollowRedirects = False,
    retries: Annotated[
        int, typer.Option("--retries", help="Retries of a graph after a transient error.")
    ] = 2,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="Summary format.")] = TableFormat.table,
) -> None:
    """Publish the documents' named graphs and the catalogue to a remote triple store.

    Each graph is replaced in one request (Graph Store Protocol PUT, or one SPARQL Update that
    deletes the triples that went and inserts those that came, in batches any store accepts);
    only graphs changed since the last publish to this endpoint are sent, and documents removed
    locally are dropped remotely. Afterwards the remote is checked to show the data to queries
    that name no graph (its default graph is the union of the named graphs). Exit codes: 0 all
    sent, 3 a graph failed, the endpoint is unreachable, refuses the credentials or times out,
    or its default graph hides the data (the message names the server setting).

    Example: kg publish --endpoint http://localhost:7878/query --graph-store http://localhost:7878/store
    """
    from kg.publish.publisher import Action, Target, publish, state_folder
    from kg.store.remote import endpoint_credentials

    st = state(ctx)
    write_url = graph_store or update or endpoint
    target = Target.resolve(
        endpoint,
        update=update,
        graph_store=graph_store,
        credentials=endpoint_credentials(write_url),
        digest=os.environ.get(AUTH_ENV, "basic").lower() == "digest",
        token=os.environ.get(TOKEN_ENV) or None,
        timeout=timeout,
        retries=retries,
        follow_redirects=follow_redirects,
    )

    def progress(result: GraphResult) -> None:
        if result.action is not Action.skipped:
            st.debug(
                f"{result.action.value:>13}  {result.iri}" + (f"  {result.message}" if result.message else "")
            )

    with st.store(create=False) as store:
        report = publish(
            store,
            st.minter,
            target,
            state_dir=state_folder(st.store_path),
            force=send_all,
            include_system=system,
            dry_run=dry_run,
            progress=progress,
        )
    _render_publish(st.quiet, report, fmt)
    report.raise_for_failures()


def _render_publish(quiet: bool, report: PublishReport, fmt: TableFormat) -> None:
    from kg.publish.publisher import Action

    if fmt is TableFormat.json:
        echo_json(report.as_dict())
        return
    rows = [
        {
            "graf / graph": r.iri,
            "typ / kind": r.kind.value,
            "status": r.action.value,
            "meddelande": r.message or "",
        }
        for r in report.results
        if r.action is not Action.skipped
    ]
    if rows and not quiet:
        typer.echo(render_table(rows, ["graf / graph", "typ / kind", "status", "meddelande"]))
    c = report.counts()
    mode = "graph store (PUT)" if report.target.graph_store else "SPARQL Update"
    typer.echo(
        f"{'Skulle skicka / would send' if report.dry_run else 'Skickade / sent'}: {c['sent']}, "
        f"oförändrade / skipped: {c['skipped']}, borttagna / removed: {c['removed']}, "
        f"misslyckade / failed: {c['failed']}, ej försökta / not attempted: {c['not-attempted']} "
        f"→ {report.target.write_url} ({mode}, {report.seconds:.1f} s)"
    )


@app.command("export")
def export_command(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat | None,
        typer.Option("--format", help="Output format (default: from --out's extension, else trig)."),
    ] = None,
    document: Annotated[
        str | None, typer.Option("--document", help="Only this document (ID or IRI) and its record.")
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Output file; gzip when it ends in .gz (default: stdout)."),
    ] = None,
    system: Annotated[
        bool,
        typer.Option("--system/--no-system", help="Include the ontology, vocabularies and reference data."),
    ] = True,
) -> None:
    """Export the whole store, or one document with its catalogue record, as a dump.

    TriG and N-Quads keep the named graphs (a TriG or N-Quads dump can be restored with
    'kg restore' or imported with 'kg import'); Turtle is the union of the graphs.

    Example: kg export --out dump.trig.gz
    """
    from kg.ingest.dumps import export, export_to_path

    st = state(ctx)
    with st.store(create=False, read_only=True) as store:
        if out is None or str(out) == "-":
            summary = export(
                store,
                sys.stdout.buffer,
                fmt or ExportFormat.trig,
                minter=st.minter,
                document=document,
                include_system=system,
            )
            sys.stdout.buffer.flush()
        else:
            summary = export_to_path(
                store, out, minter=st.minter, fmt=fmt, document=document, include_system=system
            )
    st.info(
        f"Exporterade / exported {summary.quads} quads i / in {len(summary.graphs)} grafer / graphs"
        + (f" → {summary.path}" if summary.path else "")
    )


def _options(
    st_path: Path, dry_run: bool, keep_going: bool, fail_on: Severity, workers: int | None
) -> ImportOptions:
    from kg.ingest.importer import ImportOptions, default_workers

    return ImportOptions(
        fail_on=fail_on,
        keep_going=keep_going,
        dry_run=dry_run,
        quarantine=None if dry_run else st_path / "quarantine",
        workers=workers or default_workers(),
    )


def _exit_for(summary: ImportSummary) -> None:
    if summary.has_errors:
        raise typer.Exit(EXIT_BAD_INPUT)
    if summary.has_invalid:
        raise typer.Exit(EXIT_NOT_CONFORMING)
    raise typer.Exit(EXIT_OK)


FailOn = FailOnOption
KeepGoing = KeepGoingOption
DryRun = DryRunOption
Output = SummaryFormatOption


@app.command("pull")
def pull_command(
    ctx: typer.Context,
    url: Annotated[str, typer.Argument(help="SPARQL query URL of the endpoint to pull from.")],
    fail_on: FailOn = Severity.violation,
    keep_going: KeepGoing = False,
    dry_run: DryRun = False,
    timeout: Timeout = 60.0,
    follow_redirects: FollowRedirects = False,
    output: Output = TableFormat.table,
    lang: LangOption = Lang.sv,
    workers: WorkersOption = None,
) -> None:
    """Import the documents another kg (or any SPARQL endpoint) publishes, validated like any import.

    Every remote named graph holding a promise or follow-up is fetched and imported; records name
    the endpoint as the source. Exit codes as for 'kg import', and 3 when the endpoint fails.

    Example: kg pull https://example.org/sparql --keep-going
    """
    from kg.ingest.pull import pull
    from kg.store.remote import RemoteEndpoint, endpoint_credentials

    st = state(ctx)
    remote = RemoteEndpoint(
        url, timeout=timeout, credentials=endpoint_credentials(url), follow_redirects=follow_redirects
    )
    options = _options(st.store_path, dry_run, keep_going, fail_on, workers)
    validator = shared_validator()
    with st.store() as store:
        result = pull(remote, store=store, minter=st.minter, validator=validator, options=options)
    st.info(f"{len(result.graphs)} dokumentgrafer hos / document graphs at {url}")
    for graph, why in result.skipped:
        typer.echo(f"hoppade över / skipped {graph}: {why}", err=True)
    report_import(st, result.imported, output, lang)
    _exit_for(result.imported)


@app.command("restore")
def restore_command(
    ctx: typer.Context,
    dump: Annotated[Path, typer.Argument(help="A kg dump: TriG or N-Quads, optionally .gz.")],
    fail_on: FailOn = Severity.violation,
    keep_going: KeepGoing = False,
    dry_run: DryRun = False,
    trust: Annotated[
        bool,
        typer.Option("--trust", help="Restore a dump that has no manifest (older, or not from kg export)."),
    ] = False,
    output: Output = TableFormat.table,
    lang: LangOption = Lang.sv,
    workers: WorkersOption = None,
) -> None:
    """Import a dump made by 'kg export', validated, and keep its catalogue records as exported.

    Unlike 'kg import dump.trig' (whose records describe that import), the restored store is a
    copy of the exported one: export then restore into a fresh store gives the same graphs.
    Before anything is written, the dump is checked against the manifest 'kg export' writes
    on its first line (every graph, its quad count and content hash; the catalogue) and each
    catalogue record against the graph it names: a dump cut short or changed is refused (exit 2)
    with what is missing or changed. A dump without a manifest needs --trust.

    Example: kg --store ./var/copy restore dump.trig.gz
    """
    from kg.ingest.dumps import restore_dump

    st = state(ctx)
    options = _options(st.store_path, dry_run, keep_going, fail_on, workers)
    validator = shared_validator()
    with st.store() as store:  # a refused dump leaves no store where there was none
        result = restore_dump(
            dump, store=store, minter=st.minter, validator=validator, options=options, trust=trust
        )
    report_import(st, result.imported, output, lang)
    if result.records_restored and output is TableFormat.table:
        typer.echo(f"{len(result.records_restored)} katalogposter återställda / catalogue records restored")
    _exit_for(result.imported)
