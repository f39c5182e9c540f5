"""``kg followup``: follow-up reports of a stored promise (``kg followup new``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli import app
from kg.cli.common import state, write_output

followup_app = typer.Typer(
    help="Follow-up reports: how each activity of a promise was carried out in a period.\n\n"
    "Example: kg followup new promise/0480-2025-2026 --period 2025-T1 > uppfoljning.yaml",
    no_args_is_help=True,
)
app.add_typer(followup_app, name="followup")


@followup_app.command("new")
def followup_new(
    ctx: typer.Context,
    promise: Annotated[
        str, typer.Argument(help="The stored promise: its ID (promise/0480-2025-2026), key or IRI.")
    ],
    period: Annotated[
        str,
        typer.Option(
            "--period",
            help="Period covered: 2025-T1 (tertial: T1 jan-apr, T2 may-aug, T3 sep-dec), 2025-H1, "
            "2025-Q3 or 2025.",
        ),
    ],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")] = None,
) -> None:
    """Write a follow-up template listing every activity of a stored promise: write each status
    (FYLL-I), the date and each comment ("FYLL I", or drop the line), then `kg import` it.
    A period outside the promise's validity period is refused (exit 2).

    Example: kg followup new promise/0480-2025-2026 --period 2025-T1 > uppfoljning.yaml
    """
    from kg.authoring.followup import (
        PromiseNotFound,
        followup_template,
        parse_period_key,
        promise_context,
        promise_iri,
    )

    st = state(ctx)
    key = parse_period_key(period)
    iri = promise_iri(promise, st.minter)
    with st.store(create=False, read_only=True) as store:
        context = promise_context(store, st.minter, iri)
    if context is None:
        raise PromiseNotFound(
            f"löftet {iri} finns inte i lagret / the promise {iri} is not in the store",
            hint="Importera löftet först; 'kg documents' listar lagrets löften"
            " / import the promise first; 'kg documents' lists the stored promises.",
        )
    text = followup_template(context, iri, key, st.minter)
    if out is None:
        typer.echo(text, nl=False)
    else:
        write_output(out, text)
        st.info(f"Mall skriven / template written: {out}")
