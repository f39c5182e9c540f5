"""``kg new``: templates for data stewards to fill in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli import app
from kg.cli.common import state, write_output

new_app = typer.Typer(
    help="Write a commented YAML-LD template to fill in.\n\n"
    "Example: kg new promise --municipality Linköping --period 2025-2026 > linkoping.yaml",
    no_args_is_help=True,
)
app.add_typer(new_app, name="new")


@new_app.command("promise")
def new_promise(
    ctx: typer.Context,
    municipality: Annotated[
        str,
        typer.Option(
            "--municipality",
            "-m",
            help="Municipality: name or SCB code (0580); several, comma-separated, for a joint "
            "promise (the first makes the ID).",
        ),
    ],
    period: Annotated[str, typer.Option("--period", help="Validity period, e.g. 2025-2026.")],
    police_area: Annotated[
        str | None,
        typer.Option(
            "--police-area",
            help="Local police area, e.g. 'Linköping'; one the reference data does not describe"
            " is described in the template (name, actor type).",
        ),
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")] = None,
) -> None:
    """Write a promise template: every "FYLL I" is a value to write; then `kg import` it.

    Example: kg new promise -m Linköping --period 2025-2026 --police-area Linköping > linkoping.yaml
    """
    from kg.authoring.templates import promise_skeleton, promise_template

    st = state(ctx)
    skeleton = promise_skeleton(municipality, period, police_area=police_area, minter=st.minter)
    text = promise_template(skeleton, st.minter)
    if out is None:
        typer.echo(text, nl=False)
    else:
        write_output(out, text)
        st.info(f"Mall skriven / template written: {out}")
