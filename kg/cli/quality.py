"""``kg quality``: the data-quality scorecard per municipality (kg/quality/)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

import typer

from kg.cli import app
from kg.cli.common import echo_json, render_table, state
from kg.errors import InputError


class QualityFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _as_of(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(
            f"ogiltigt datum / invalid date: {value!r}",
            where="--as-of",
            hint="Skriv / write YYYY-MM-DD, e.g. 2025-06-30.",
        ) from None


@app.command("quality")
def quality_command(
    ctx: typer.Context,
    municipality: Annotated[
        str | None,
        typer.Option("--municipality", "-m", help="One municipality (SCB code or name); default: every one."),
    ] = None,
    fmt: Annotated[
        QualityFormat, typer.Option("--format", "-f", help="Output format.")
    ] = QualityFormat.table,
    include_examples: Annotated[
        bool, typer.Option("--include-examples", help="Count made-up examples (mbl:isExample) too.")
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Count follow-ups due and the current promise at this date (YYYY-MM-DD; default today).",
        ),
    ] = None,
) -> None:
    """Show the data-quality scorecard: per municipality the promises and the years they cover
    (missing years between them), the documents' violations, warnings, infos and assumptions to
    review, follow-ups recorded against those the promise's follow-up plan announces (due by the
    date, and over the whole period), the share of activities with a responsible actor, a frequency
    and a type, and the history of these counts over the imports. Made-up examples never count
    unless --include-examples is given.

    Example: kg --store ./var/store quality --municipality Linköping
    """
    from kg.quality.collect import load_scorecard
    from kg.quality.render import (
        CHANGE_COLUMNS,
        COLUMNS,
        PROMISE_COLUMNS,
        change_rows,
        promise_rows,
        rows,
        to_csv,
    )

    day = _as_of(as_of)
    st = state(ctx)
    with st.store(create=False, read_only=True) as store:
        card = load_scorecard(
            store, st.minter, municipality=municipality, include_examples=include_examples, as_of=day
        )
    if fmt is QualityFormat.json:
        echo_json(card.as_dict())
        return
    if fmt is QualityFormat.csv:
        typer.echo(to_csv(card), nl=False)
        return
    typer.echo(render_table(rows(card), COLUMNS))
    if municipality is not None:
        m = card.municipalities[0]
        typer.echo(f"\nLöften / promises ({m.name}):")
        typer.echo(render_table(promise_rows(m), PROMISE_COLUMNS))
        typer.echo(
            "\nImporter / imports (nyast först, ändring mot föregående revision / newest first, change since"
            " the previous revision):"
        )
        if m.without_history and not m.changes:
            typer.echo(
                "ingen historik / no history (importerade innan kg sparade antal per revision / imported"
                " before kg kept counts per revision)"
            )
        else:
            typer.echo(render_table(change_rows(m), CHANGE_COLUMNS))
        return
    with_promise = [m for m in card.municipalities if m.promises]
    current = sum(1 for m in with_promise if m.current)
    typer.echo(
        f"\n{len(with_promise)} av / of {len(card.municipalities)} kommuner / municipalities har löften /"
        " have promises;"
        f" {current} har ett gällande löfte {card.as_of[:4]} / have a current promise in {card.as_of[:4]}."
    )
    if card.examples_left_out:
        typer.echo(
            f"{card.examples_left_out} påhittade exempel räknas inte (--include-examples) /"
            f" {card.examples_left_out} made-up examples not counted (--include-examples)."
        )
