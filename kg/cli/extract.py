"""``kg extract``: a draft document from a published text, Markdown, HTML or PDF file."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kg.cli import app
from kg.cli.common import MunicipalityOption, PoliceAreaOption, state, write_output
from kg.errors import InputError


class ExtractFormat(StrEnum):
    """Output format of the extracted draft."""

    yaml = "yaml"
    turtle = "turtle"


_BY_SUFFIX = {
    ".yaml": ExtractFormat.yaml,
    ".yml": ExtractFormat.yaml,
    ".ttl": ExtractFormat.turtle,
    ".turtle": ExtractFormat.turtle,
}


def draft_format(out: Path | None, fmt: ExtractFormat | None) -> ExtractFormat:
    """The draft's format: ``--format`` when given, else the one ``--out``'s extension names (so that
    ``kg import`` reads the file as what its name says), else YAML-LD."""
    if fmt is not None:
        return fmt
    if out is None or str(out) == "-" or out.is_dir():
        return ExtractFormat.yaml  # a folder given as --out is refused when the draft is written
    found = _BY_SUFFIX.get(out.suffix.lower())
    if found is None:
        raise InputError(
            f"okänd filändelse för utkastet / unknown draft file extension: {out.name}",
            hint="Använd / use .yaml, .yml, .ttl or .turtle, or give --format yaml|turtle.",
        )
    return found


def draft_header(source: str, notes: list[str]) -> str:
    lines = [
        f"Utkast extraherat av 'kg extract' ur {source}: granska och rätta innan import.",
        f"Draft extracted by 'kg extract' from {source}: review and correct it before importing.",
    ]
    lines += [f"Obs / note: {n}" for n in notes]
    return "\n".join(lines)


@app.command("extract")
def extract_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A .txt, .md, .html or .pdf file with a medborgarlöfte.")],
    municipality: MunicipalityOption = None,
    police_area: PoliceAreaOption = None,
    period: Annotated[
        str | None,
        typer.Option("--period", help="The validity period (e.g. 2023-2024), overriding the text."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the draft here (default: stdout).")
    ] = None,
    fmt: Annotated[
        ExtractFormat | None,
        typer.Option("--format", "-f", help="Draft format (default: from --out's extension, else yaml)."),
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Print each extracted item beside its source lines.")
    ] = False,
) -> None:
    """Extract a citizen promise from its published text into a draft (YAML-LD or Turtle).

    The YAML-LD draft reads like a hand-written promise (nested, short keys, a KONTROLLERA / CHECK
    comment at every value the text does not state); the source passage of every item and the
    assumptions follow in its 'provenance' section. --out draft.ttl writes Turtle (the format
    follows the file's extension unless --format says otherwise). Review it, then import it with
    'kg import'.
    A text that is not a promise, or that names no municipality, is an error (exit 2) that says
    what to do.

    Example: kg extract medborgarlofte.pdf --municipality 1280 --out draft.yaml --explain
    """
    from kg.extract import extract_file
    from kg.extract.yamlld import to_yamlld

    st = state(ctx)
    fmt = draft_format(out, fmt)
    result = extract_file(
        file, minter=st.minter, municipality=municipality, police_area=police_area, period=period
    )
    header = draft_header(file.name, result.notes)
    if fmt is ExtractFormat.yaml:
        body = to_yamlld(result.graph, header=header)
    else:
        comments = "".join(f"# {line}\n" for line in header.splitlines())
        body = comments + result.graph.serialize(format="turtle")
    if explain:
        typer.echo(result.explain(), nl=False)
    if out is not None:
        write_output(out, body)
        st.info(f"Utkast / draft: {out} ({len(result.activities)} aktiviteter / activities)")
    elif not explain:
        typer.echo(body, nl=False)
