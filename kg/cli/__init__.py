"""The ``kg`` command line: a thin edge over the library.

One module per command group; each registers its commands on :data:`app`. Library errors
(:class:`kg.errors.KgError`) are turned into a message and the documented exit code in one
place, :class:`KgGroup`; a user error never shows a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from kg import __version__
from kg.cli.common import AppState
from kg.errors import EXIT_INTERNAL, KgError
from kg.iris import DEFAULT_BASE
from kg.store.core import default_store_path


class KgGroup(TyperGroup):
    """Maps library errors to messages and exit codes, for every subcommand."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KgError as exc:
            typer.secho(f"fel / error: {exc}", fg=typer.colors.RED, err=True)
            raise typer.Exit(exc.exit_code) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:
            root = ctx.find_root().obj
            if getattr(root, "verbose", False):
                raise
            typer.secho(
                f"internt fel / internal error ({type(exc).__name__}: {exc}). Det är en bugg; kör med "
                "--verbose för detaljer och rapportera den / this is a bug: rerun with --verbose "
                "for the traceback and report it.",
                fg=typer.colors.RED,
                err=True,
            )
            raise typer.Exit(EXIT_INTERNAL) from None


app = typer.Typer(
    cls=KgGroup,
    name="kg",
    help=(
        "kg: kunskapsgrafen över medborgarlöften / the knowledge graph of Swedish citizen "
        "promises.\n\nExample: kg --store ./var/store stats"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    store: Annotated[
        Path | None,
        typer.Option(
            "--store",
            envvar="KG_STORE",
            help="The store folder [env KG_STORE; default $XDG_DATA_HOME/kg/store].",
            show_default=False,
        ),
    ] = None,
    base: Annotated[
        str,
        typer.Option("--base-iri", envvar="KG_BASE_IRI", help="Base IRI of minted data IRIs."),
    ] = DEFAULT_BASE,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="More detail on stderr.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress output.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Global options; the store is opened by the commands that need it."""
    timeout = float(os.environ.get("KG_LOCK_TIMEOUT", "30"))
    ctx.obj = AppState(
        store_path=store or default_store_path(),
        verbose=verbose,
        quiet=quiet,
        base=base,
        lock_timeout=timeout,
    )


def _register() -> None:
    # Each module adds its commands or sub-app to ``app``.
    from kg.cli import (
        documents,  # noqa: F401
        extract,  # noqa: F401
        followup,  # noqa: F401
        new,  # noqa: F401
        publish,  # noqa: F401
        query,  # noqa: F401
        serve,  # noqa: F401
        store,  # noqa: F401
        validate,  # noqa: F401
    )


_register()


def main() -> None:
    app()
