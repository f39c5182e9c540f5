"""``kg validate``: the data steward's validation report for files or stored documents."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.cli import app
from kg.cli.common import (
    AppState,
    InputFormatOption,
    Lang,
    LangOption,
    MunicipalityOption,
    PoliceAreaOption,
    render_table,
    state,
)
from kg.documents.formats import InputFormat
from kg.errors import EXIT_NOT_CONFORMING, EXIT_OK, InputError
from kg.validation.severity import Severity

if TYPE_CHECKING:  # the library is imported in the command bodies (kg/cli/common.py)
    from kg.validation.validator import ValidationReport


class ReportFormat(StrEnum):
    """Output format of ``kg validate``."""

    human = "human"
    table = "table"
    json = "json"
    turtle = "turtle"


TABLE_COLUMNS = ["severity", "line", "focus", "path", "value", "message"]


@app.command("validate")
def validate_command(
    ctx: typer.Context,
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files, folders or globs to validate, in any format 'kg import' reads.", show_default=False
        ),
    ] = None,
    document: Annotated[
        list[str] | None,
        typer.Option("--document", "-d", help="A stored document's ID (repeatable).", show_default=False),
    ] = None,
    all_documents: Annotated[
        bool, typer.Option("--all", help="Validate every document in the store.")
    ] = False,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="Report format.")] = ReportFormat.human,
    lang: LangOption = Lang.sv,
    fail_on: Annotated[
        Severity, typer.Option("--fail-on", help="Lowest severity that makes the exit code 1.")
    ] = Severity.violation,
    input_format: InputFormatOption = None,
    municipality: MunicipalityOption = None,
    police_area: PoliceAreaOption = None,
) -> None:
    """Check documents against the shapes and say what to fix, where and how.

    The human report groups the findings (count per rule, property and message), then lists
    each with the name of what it concerns, its line in the file, the property, the value and
    the message. Exit codes: 0 conforms, 1 does not conform at --fail-on, 2 unreadable input,
    3 store unavailable.

    Example: kg validate examples/nykoping-2025-2026.ttl --format table --lang en
    """
    st = state(ctx)
    sources = [bool(files), bool(document), all_documents]
    if sum(sources) != 1:
        raise InputError(
            "ange filer, --document eller --all (ett av dem) / give files, --document or --all (one of them)",
            hint="T.ex. / e.g. kg validate examples/nykoping-2025-2026.ttl",
        )
    reports: list[ValidationReport]
    if files:  # the validator is built once a document has been read (not for unreadable files)
        reports = _validate_files(st, files, input_format, municipality, police_area)
    else:
        from kg.validation.validator import default_validator, validate_stored

        with st.store(create=False, read_only=True) as store:
            reports = validate_stored(default_validator(), store, st.minter, document if document else None)
    _render(reports, fmt, lang.value)
    failed = any(r.blocks(fail_on) for r in reports)
    raise typer.Exit(EXIT_NOT_CONFORMING if failed else EXIT_OK)


def _validate_files(
    st: AppState,
    files: list[Path],
    input_format: InputFormat | None,
    municipality: str | None,
    police_area: str | None,
) -> list[ValidationReport]:
    """:func:`kg.ingest.check.validate_files` (what ``kg import --dry-run`` does, reported in
    full). The store is only read, and only when it exists."""
    from kg.ingest.check import validate_files

    with st.store_if_any() as store:
        return validate_files(
            files,
            store=store,
            minter=st.minter,
            fmt=input_format,
            municipality=municipality,
            police_area=police_area,
        )


def _render(reports: list[ValidationReport], fmt: ReportFormat, lang: str) -> None:
    from kg.validation.report import reports_human, reports_json, reports_turtle

    if fmt is ReportFormat.json:
        typer.echo(reports_json(reports))  # one shape: a list, whatever the number of inputs
    elif fmt is ReportFormat.turtle:
        typer.echo(reports_turtle(reports))
    elif fmt is ReportFormat.table:
        for r in reports:
            typer.echo(r.summary_line(lang))
            if r.findings:
                typer.echo(render_table(r.table_rows(lang), TABLE_COLUMNS))
            typer.echo("")
    else:
        typer.echo(reports_human(reports, lang))
