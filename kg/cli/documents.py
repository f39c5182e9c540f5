"""``kg import``, ``kg documents`` and ``kg remove``: the data steward's commands."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from kg.cli import app
from kg.cli.common import (
    AppState,
    DryRunOption,
    FailOnOption,
    InputFormatOption,
    KeepGoingOption,
    Lang,
    LangOption,
    MunicipalityOption,
    PoliceAreaOption,
    SummaryFormatOption,
    TableFormat,
    WorkersOption,
    echo_json,
    render_table,
    state,
)
from kg.errors import EXIT_BAD_INPUT, EXIT_NOT_CONFORMING, EXIT_OK
from kg.validation.severity import Severity

if TYPE_CHECKING:  # the library is imported in the command bodies (kg/cli/common.py)
    from kg.ingest.importer import ImportOptions, ImportSummary
    from kg.store.assumptions import Assumption
    from kg.store.core import GraphStore
    from kg.validation.validator import Validator


@app.command("import")
def import_command(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Files, folders or glob patterns to import.")],
    fmt: InputFormatOption = None,
    fail_on: FailOnOption = Severity.violation,
    keep_going: KeepGoingOption = False,
    dry_run: DryRunOption = False,
    municipality: MunicipalityOption = None,
    police_area: PoliceAreaOption = None,
    output: SummaryFormatOption = TableFormat.table,
    lang: LangOption = Lang.sv,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="A file whose document now has another ID (its period changed) replaces the"
            " document it imported before, in the same transaction.",
        ),
    ] = False,
    workers: WorkersOption = None,
) -> None:
    """Validate documents and import them, each into its own named graph.

    Nothing that fails validation is written. By default the import is all or nothing;
    with --keep-going the valid documents are imported and the others reported. A file whose
    graph is the one stored (a YAML twin of the Turtle file) is unchanged. A file whose document
    now has another ID than the one it imported before (its period changed) is refused, unless
    --replace removes the old document in the same transaction.
    Exit codes: 0 all imported, 1 a document does not conform, 2 unreadable input.

    Example: kg --store ./var/store import examples/nykoping-2025-2026.ttl data/seeds/ --keep-going
    """
    from kg.ingest.importer import ImportOptions, default_workers

    st = state(ctx)
    quarantine = None if dry_run else st.store_path / "quarantine"
    options = ImportOptions(
        fmt=fmt,
        fail_on=fail_on,
        keep_going=keep_going,
        dry_run=dry_run,
        municipality=municipality,
        police_area=police_area,
        quarantine=quarantine,
        workers=workers or default_workers(),
        replace=replace,
    )
    # the validator is built only if a file is not unchanged; a dry run only reads the store
    with st.store_if_any() if dry_run else st.store() as store:
        summary = _run_import(st, paths, store, None, options)
    _report(st, summary, output, lang)
    if summary.has_errors:
        raise typer.Exit(EXIT_BAD_INPUT)
    if summary.has_invalid:
        raise typer.Exit(EXIT_NOT_CONFORMING)
    raise typer.Exit(EXIT_OK)


def _run_import(
    st: AppState, paths: list[str], store: GraphStore, validator: Validator | None, options: ImportOptions
) -> ImportSummary:
    from kg.ingest.files import expand_paths
    from kg.ingest.importer import import_files

    files = expand_paths(paths)  # once: the progress bar counts them
    if not st.quiet and len(files) > 20:
        with typer.progressbar(length=len(files), label="Läser / reading", file=sys.stderr) as bar:
            return import_files(
                files,
                store=store,
                minter=st.minter,
                validator=validator,
                options=options,
                progress=bar.update,
            )
    return import_files(files, store=store, minter=st.minter, validator=validator, options=options)


def _report(st: AppState, summary: ImportSummary, output: TableFormat, lang: Lang = Lang.sv) -> None:
    from kg.ingest.importer import Status

    if output is TableFormat.json:
        echo_json(summary.as_dict())
        return
    for o in summary.outcomes:
        if o.status is Status.error:
            typer.secho(f"fel / error: {o.message}", fg=typer.colors.RED, err=True)
        elif o.status is Status.invalid and o.report is not None:
            typer.echo(f"\n{o.path}: {o.doc_id} uppfyller inte kraven / does not conform", err=True)
            typer.echo(o.report.render_human(lang.value), err=True)
            if o.quarantine:
                typer.echo(f"Rapporten sparad / report kept in {o.quarantine}", err=True)
    for note in summary.notes:
        typer.echo(note, err=True)
    rows = [
        {
            "fil / file": o.path.name,
            "dokument / document": o.doc_id or "",
            "status": o.status.value,
            "fel/varn/info": "/".join(str(o.counts.get(k, 0)) for k in ("violation", "warning", "info"))
            if o.counts
            else "",
        }
        for o in summary.outcomes
    ]
    typer.echo(render_table(rows, ["fil / file", "dokument / document", "status", "fel/varn/info"]))
    d = summary.as_dict()
    typer.echo(
        f"\n{d['imported']} importerade / imported, {d['updated']} uppdaterade / updated, "
        f"{d['unchanged']} oförändrade / unchanged, {d['invalid']} ogiltiga / invalid, "
        f"{d['errors']} fel / errors" + (f", {d['skipped']} ej skrivna / not written" if d["skipped"] else "")
    )
    if summary.count(Status.skipped):
        typer.echo(
            "Inget skrevs eftersom en fil misslyckades; rätta den eller använd --keep-going. / "
            "Nothing was written because a file failed; fix it or use --keep-going.",
            err=True,
        )


documents_app = typer.Typer(
    help="List the imported documents, or show one.\n\nExample: kg documents --format json",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(documents_app, name="documents")


@documents_app.callback()
def documents_list(
    ctx: typer.Context,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = TableFormat.table,
) -> None:
    """List the imported documents from the catalogue.

    Example: kg --store ./var/store documents --format json
    """
    if ctx.invoked_subcommand is not None:
        return
    from kg.store.catalogue import list_records

    st = state(ctx)
    with st.store(create=False, read_only=True) as store:
        records = list_records(store, st.minter)
    if fmt is TableFormat.json:
        echo_json([r.as_dict() for r in records])
        return
    rows = [
        {
            "id": r.doc_id,
            "kommun": r.municipality_code or "",
            "period": f"{r.start or ''}–{r.end or ''}" if r.start else "",
            "fil / file": r.file_name,
            "rev": r.revision,
            "fel/varn/info": f"{r.violations}/{r.warnings}/{r.infos}",
            "ändrad / modified": r.modified,
            "exempel / example": "ja / yes" if r.example else "",
        }
        for r in records
    ]
    typer.echo(render_table(rows, list(rows[0]) if rows else ["id"]))


@documents_app.command("show")
def documents_show(
    ctx: typer.Context,
    doc_id: Annotated[str, typer.Argument(help="Document ID (promise/0580-2023-2024) or its IRI.")],
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = TableFormat.table,
) -> None:
    """Show one document's catalogue record (source, checksum, validation, revision) and the
    assumptions its graph records: values the source text does not state.

    Example: kg documents show promise/0480-2025-2026
    """
    from kg.store.assumptions import document_assumptions
    from kg.store.catalogue import get_record

    st = state(ctx)
    with st.store(create=False, read_only=True) as store:
        record = get_record(store, st.minter, doc_id)
        assumptions = document_assumptions(store, record.graph)
    if fmt is TableFormat.json:
        echo_json({**record.as_dict(), "assumptions": [a.as_dict() for a in assumptions]})
        return
    for key, value in record.as_dict().items():
        typer.echo(f"{key + ':':<18} {'' if value is None else value}")
    typer.echo(f"\nAntaganden / assumptions: {len(assumptions) or 'inga / none'}")
    for a in assumptions:
        typer.echo(_assumption_line(a))


def _assumption_line(a: Assumption) -> str:
    """``kg:promise/.../activity/2 mbl:activityType = at:... (slutsats / inference; rule ...)``."""
    from kg.query.results import compact_iri

    value = compact_iri(a.value) if a.value is not None else "okänt / unknown"
    kind = " / ".join(k for k in (a.kind_sv, a.kind_en) if k) or (compact_iri(a.kind) if a.kind else "")
    details = [d for d in (kind, f"regel / rule {a.rule}" if a.rule else "") if d]
    line = f"  {compact_iri(a.node)} {compact_iri(a.property)} = {value}"
    if details:
        line += f" ({'; '.join(details)})"
    if a.reason:
        line += f"\n      {a.reason}"
    if a.agent:
        line += f" [{compact_iri(a.agent)}]"
    return line


@app.command("remove")
def remove_command(
    ctx: typer.Context,
    doc_id: Annotated[str, typer.Argument(help="Document ID (promise/0580-2023-2024) or its IRI.")],
    cascade: Annotated[
        bool,
        typer.Option("--cascade", help="Remove a promise's follow-ups too, in the same transaction."),
    ] = False,
) -> None:
    """Remove a document's graph and its catalogue record, in one transaction.

    A promise that has follow-ups in the store is refused (exit 2) naming them, unless --cascade
    removes them with it.

    Example: kg remove promise/0480-2025-2026 --cascade
    """
    from kg.store.catalogue import remove_document

    st = state(ctx)
    with st.store(create=False) as store:
        records = remove_document(store, st.minter, doc_id, cascade=cascade)
    for record in records:
        st.info(f"Borttaget / removed: {record.doc_id} ({record.file_name})")
