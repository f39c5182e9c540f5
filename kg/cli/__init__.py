"""The ``kg`` command line: a thin edge over the library.

One module per command group; each registers its commands on :data:`app`. Library errors
(:class:`kg.errors.KgError`) are turned into a message and the documented exit code in one
place, :class:`KgGroup`; a user error never shows a traceback.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

import typer
from typer.core import TyperGroup, _click

from kg import __version__
from kg.cli.common import AppState
from kg.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, KgError, SettingsError
from kg.iris import DEFAULT_BASE


def _quiet_stdout() -> None:
    """After the reader closed the pipe (``kg export | head -1``), send what is left nowhere."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    with contextlib.suppress(OSError, ValueError):  # stdout is not a real file (a test runner's buffer)
        os.dup2(devnull, sys.stdout.fileno())


WRITERS = frozenset({"import", "restore", "pull", "init", "remove"})
"""The commands that write the store, each document in its own atomic write."""


def interrupted_message(command: str | None) -> str:
    """What a Ctrl-C (SIGINT) during ``kg COMMAND`` left: the command stopped; a command that
    writes kept what it had written, each document whole (its writes are atomic)."""
    text = "avbrutet / interrupted (Ctrl-C)"
    if command in WRITERS:
        text += (
            ". Det som hann skrivas finns kvar, varje dokument helt ('kg documents' visar dem); kör "
            "kommandot igen för att fortsätta / what was written is kept, each document whole "
            "('kg documents' lists them); run the command again to go on."
        )
    return text


class KgGroup(TyperGroup):
    """Maps library errors to messages and exit codes, for every subcommand.

    Usage mistakes (an unknown option, a missing argument, a value not among the choices) are
    click's own exceptions: they pass through to click, which prints the usage and exits with 2.
    A closed output pipe ends the command quietly. Anything else is a bug (exit 70).
    """

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KgError as exc:
            typer.secho(f"fel / error: {exc}", fg=typer.colors.RED, err=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            typer.secho(interrupted_message(ctx.invoked_subcommand), fg=typer.colors.RED, err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except (typer.Exit, typer.Abort, _click.exceptions.ClickException):
            raise
        except BrokenPipeError:
            _quiet_stdout()
            raise typer.Exit(EXIT_OK) from None
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
    from kg.store.core import default_store_path

    timeout = _lock_timeout(os.environ.get("KG_LOCK_TIMEOUT", ""))
    _check_base_iri(base)
    ctx.obj = AppState(
        store_path=store or default_store_path(),
        verbose=verbose,
        quiet=quiet,
        base=base,
        lock_timeout=timeout,
        command=f"kg {ctx.invoked_subcommand}" if ctx.invoked_subcommand else "kg",
    )


def _lock_timeout(raw: str) -> float:
    """``KG_LOCK_TIMEOUT``: seconds to wait for a store held by another process (default 30)."""
    if not raw.strip():
        return 30.0
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 <= value < 86_400:
        raise SettingsError(
            f"KG_LOCK_TIMEOUT={raw!r} är inte ett antal sekunder / is not a number of seconds",
            hint="Sätt t.ex. / set e.g. KG_LOCK_TIMEOUT=30 (0 = vänta inte / do not wait).",
        )
    return value


def _check_base_iri(base: str) -> None:
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c in base for c in ' <>"{}|\\^`'):
        raise typer.BadParameter(
            f"{base!r} är ingen absolut http(s)-IRI / is not an absolute http(s) IRI; "
            "t.ex. / e.g. https://data.example.org/medborgarlofte/",
            param_hint="'--base-iri'",
        )


def _register() -> None:
    # Each module adds its commands or sub-app to ``app``.
    from kg.cli import (
        documents,  # noqa: F401
        extract,  # noqa: F401
        followup,  # noqa: F401
        new,  # noqa: F401
        publish,  # noqa: F401
        quality,  # noqa: F401
        query,  # noqa: F401
        serve,  # noqa: F401
        sparql,  # noqa: F401
        store,  # noqa: F401
        validate,  # noqa: F401
        vocab,  # noqa: F401
    )


_register()


ROOT_VALUE_OPTIONS = frozenset({"--store", "--base-iri"})
"""The root options that take a value (the word after one is not a command)."""


def invoked_command(args: Sequence[str]) -> str | None:
    """The command a command line names: its first word that is neither a root option nor the
    value of one (``kg --store S query run x`` → ``query``), or None."""
    after_option = False
    for arg in args:
        if after_option:
            after_option = False
        elif arg == "--":
            return None
        elif arg.startswith("-"):
            after_option = arg in ROOT_VALUE_OPTIONS
        else:
            return arg
    return None


@contextlib.contextmanager
def only_command(name: str | None) -> Iterator[None]:
    """While inside, ``app`` has only the command or command group ``name`` (when it has one):
    typer builds every command of the app before it runs one, reading the signature of each
    (some 50 of them: 25-30 ms of every run), so the entry point builds only the one named.
    The help of the whole command line, and a command it does not know, see them all."""
    commands = [c for c in app.registered_commands if name is not None and c.name == name]
    groups = [g for g in app.registered_groups if name is not None and g.name == name]
    if not commands and not groups:
        yield
        return
    saved = app.registered_commands, app.registered_groups
    app.registered_commands, app.registered_groups = commands, groups
    try:
        yield
    finally:
        app.registered_commands, app.registered_groups = saved


def main() -> None:
    try:
        with only_command(invoked_command(sys.argv[1:])):
            app()
    except BrokenPipeError:  # the pipe closed while the last output was being flushed
        _quiet_stdout()
        sys.exit(EXIT_OK)
