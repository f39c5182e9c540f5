"""What every command shares: the typed context object, output formats and rendering.

Every ``kg`` command, and ``kg --help``, imports this module and the command modules, so they
import at their top only light modules (the option types: enums, paths, strings). The library
is imported in the command bodies, when a command needs it (pySHACL to validate, the extractor
to read a text, httpx for a remote endpoint, the server to serve): ``tests/system/test_startup.py``.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kg.documents.formats import InputFormat
from kg.iris import DEFAULT_BASE, Minter
from kg.validation.severity import Severity

if TYPE_CHECKING:
    from kg.store.core import GraphStore, OxigraphStore
    from kg.validation.validator import Validator


@dataclass
class AppState:
    """Runtime state of one ``kg`` invocation, built in the root callback."""

    store_path: Path
    verbose: bool = False
    quiet: bool = False
    base: str = DEFAULT_BASE
    lock_timeout: float = 30.0
    command: str = "kg"
    """The command running ("kg serve"), named to another command that waits for the store."""

    @property
    def minter(self) -> Minter:
        return Minter(self.base)

    @contextmanager
    def store(self, *, create: bool = True, read_only: bool = False) -> Iterator[OxigraphStore]:
        """The store, opened read-only (shared with other readers, a running ``kg serve``
        included) or for writing (this process's alone); a command that has to wait says so at
        once on stderr, naming whom it waits for. A store this call creates is removed again when
        the command fails with a user's error (a refused dump, a dead endpoint): where there was
        no store, a failed command leaves none."""
        from kg.errors import KgError
        from kg.store.core import StoreSettings, open_store

        settings = StoreSettings(
            self.store_path,
            lock_timeout=self.lock_timeout,
            create=create,
            read_only=read_only,
            command=self.command,
            on_wait=self.info,
        )
        new = create and not self.store_path.exists()
        try:
            store = open_store(settings)
            try:
                yield store
            finally:
                store.close()
        except KgError:
            if new:
                shutil.rmtree(self.store_path, ignore_errors=True)
            raise

    @contextmanager
    def store_if_any(self) -> Iterator[GraphStore]:
        """The store, read-only, where it exists; else an empty one in memory: what validating
        (``kg validate``, ``kg import --dry-run``) reads, creating and locking nothing."""
        from kg.store.core import STORE_MARKER, StoreSettings, open_store

        if (self.store_path / STORE_MARKER).exists():
            with self.store(create=False, read_only=True) as store:
                yield store
        else:
            with open_store(StoreSettings(None)) as memory:
                yield memory

    def info(self, message: str) -> None:
        """A progress or status line on stderr (silenced by --quiet)."""
        if not self.quiet:
            typer.echo(message, err=True)

    def debug(self, message: str) -> None:
        if self.verbose:
            typer.echo(message, err=True)


def shared_validator() -> Validator:
    """The process-wide validator (:func:`kg.validation.validator.default_validator`)."""
    from kg.validation.validator import default_validator  # pySHACL: only where a command validates

    return default_validator()


def state(ctx: typer.Context) -> AppState:
    obj = ctx.find_root().obj
    if not isinstance(obj, AppState):  # pragma: no cover - the root callback always sets it
        raise RuntimeError("kg context not initialised")
    return obj


MunicipalityOption = Annotated[
    str | None,
    typer.Option(
        "--municipality",
        help="Municipality (SCB code or name) for a text that names none; several, comma-separated, "
        "for a joint promise (Arboga,Köping,Kungsör).",
    ),
]
"""Shared by every command that reads published text (import, validate, extract)."""

PoliceAreaOption = Annotated[
    str | None,
    typer.Option("--police-area", help="Local police area for a text, overriding what the text says."),
]

# Options of every command that imports documents (import, pull, restore): defined once, so that
# each means the same everywhere. ``--format``/``-f`` is always the output format, and
# ``--input-format`` the input's.
InputFormatOption = Annotated[
    InputFormat | None,
    typer.Option("--input-format", help="Input format (default: from the file extension)."),
]
FailOnOption = Annotated[Severity, typer.Option("--fail-on", help="Lowest severity that blocks a document.")]
KeepGoingOption = Annotated[
    bool, typer.Option("--keep-going", help="Import the valid documents even if others fail.")
]
DryRunOption = Annotated[bool, typer.Option("--dry-run", help="Validate only; write nothing.")]
WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        min=1,
        envvar="KG_IMPORT_WORKERS",
        help="Processes that read and validate the files when there are 64 or more"
        " (default: one per CPU; 1: all in this process).",
    ),
]

FollowRedirects = Annotated[
    bool,
    typer.Option(
        "--follow-redirects", help="Follow redirects to other hosts too (default: only the endpoint's host)."
    ),
]
"""Of every command that talks to a remote endpoint (publish, pull, query run, sparql, query docs)."""


class TableFormat(StrEnum):
    """Output format of list-like commands."""

    table = "table"
    json = "json"


SummaryFormatOption = Annotated[TableFormat, typer.Option("--format", "-f", help="Summary format.")]
"""The output format of a command's summary table (import, pull, restore, publish)."""


class Lang(StrEnum):
    """Language of validation messages."""

    sv = "sv"
    en = "en"


LangOption = Annotated[Lang, typer.Option("--lang", help="Language of the validation messages.")]
"""Of the commands that print validation reports (validate, import, pull, restore)."""


def render_table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """A plain aligned text table (no dependency, stable for tests)."""
    if not rows:
        return "(inga rader / no rows)"
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))
    sep = "  ".join("-" * w for w in widths)
    body = ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join([line.rstrip(), sep, *(b.rstrip() for b in body)])


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    from kg.terminal import one_line

    return one_line(str(value))


def echo_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def write_output(path: Path, text: str) -> None:
    """Write a command's output (``--out FILE``) to ``path``; a folder that does not exist, a
    folder given as the file or a file that may not be written is an :class:`InputError` (exit 2)
    naming it, not an internal error."""
    from kg.errors import InputError

    try:
        path.write_text(text, encoding="utf-8")
    except IsADirectoryError:
        raise InputError("är en mapp; ange en fil / is a folder; give a file", where=str(path)) from None
    except FileNotFoundError:
        raise InputError(
            "mappen finns inte / the folder does not exist",
            where=str(path.parent),
            hint="Skapa mappen först eller välj en annan / create the folder first or choose another.",
        ) from None
    except OSError as exc:
        raise InputError(f"kan inte skriva / cannot write: {exc.strerror}", where=str(path)) from None
