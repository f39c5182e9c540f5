"""``kg vocab``: the controlled lists and their terms, as a steward writes them."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from kg.cli import app
from kg.cli.common import echo_json, render_table

vocab_app = typer.Typer(
    help="The controlled lists (frequency, activity-type, ...) and their terms.\n\n"
    "Example: kg vocab list frequency",
    no_args_is_help=True,
)
app.add_typer(vocab_app, name="vocab")


class VocabFormat(StrEnum):
    """Output format of ``kg vocab``."""

    table = "table"
    json = "json"


FormatOption = Annotated[VocabFormat, typer.Option("--format", "-f", help="Output format.")]


@vocab_app.command("list")
def vocab_list(
    scheme: Annotated[
        str | None,
        typer.Argument(help="A list's name (activity-type) or label; none: every list.", show_default=False),
    ] = None,
    fmt: FormatOption = VocabFormat.table,
) -> None:
    """List the lists, or the terms of one list: the short name a document writes, the
    notation, the Swedish and English labels and the definition.

    Example: kg vocab list frequency --format json
    """
    from kg.authoring import vocabulary

    if scheme is None:
        lists = vocabulary.schemes()
        if fmt is VocabFormat.json:
            echo_json([s.as_dict() for s in lists])
            return
        rows = [
            {"list": s.name, "terms": s.terms, "label_sv": s.label_sv, "label_en": s.label_en} for s in lists
        ]
        typer.echo(render_table(rows, ["list", "terms", "label_sv", "label_en"]))
        return
    terms = vocabulary.terms(scheme)
    if fmt is VocabFormat.json:
        echo_json([t.as_dict() for t in terms])
        return
    rows = [
        {
            "term": t.term,
            "notation": t.notation,
            "label_sv": t.label_sv,
            "label_en": t.label_en,
            "definition_sv": _short(t.definition_sv),
        }
        for t in terms
    ]
    typer.echo(render_table(rows, ["term", "notation", "label_sv", "label_en", "definition_sv"]))


@vocab_app.command("show")
def vocab_show(
    term: Annotated[
        str,
        typer.Argument(
            help="A term: its short name (monthly), label (varje månad), list/term, prefixed name or IRI.",
            show_default=False,
        ),
    ],
    fmt: FormatOption = VocabFormat.table,
) -> None:
    """Show a term (every term a label names, in any list): its list, IRI, notation, labels,
    other wordings and definitions. A name that names none gets the nearest terms.

    Example: kg vocab show månadsvis
    """
    from kg.authoring import vocabulary

    found = vocabulary.find_terms(term)
    if fmt is VocabFormat.json:
        echo_json([t.as_dict() for t in found])
        return
    blocks = []
    for t in found:
        lines = [
            f"{t.scheme}/{t.term}",
            f"  iri:           {t.iri}",
            f"  notation:      {t.notation or ''}",
            f"  label (sv):    {t.label_sv or ''}",
            f"  label (en):    {t.label_en or ''}",
        ]
        if t.alt_labels:
            lines.append(f"  också / also:  {', '.join(t.alt_labels)}")
        lines.append(f"  definition:    {t.definition_sv or ''}")
        if t.definition_en:
            lines.append(f"                 {t.definition_en}")
        blocks.append("\n".join(lines))
    typer.echo("\n\n".join(blocks))


def _short(text: str | None, width: int = 80) -> str:
    if not text:
        return ""
    return text if len(text) <= width else text[: width - 1] + "…"
