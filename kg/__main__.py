"""The ``kg`` command (``python -m kg`` and the installed script).

``kg --version`` and ``kg --help`` answer here, before the command line (typer, click and every
command) is imported: a version check or a first look costs a bare interpreter start. The help
is the text the command line prints on a terminal of 80 columns or more, kept beside it by
``python -m tools.clidocs`` (a test fails while it is stale); a narrower terminal, and
everything else, goes to :func:`kg.cli.main`, and the process then ends without tearing down
its modules (:func:`leave`).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT_HELP = Path(__file__).parent / "cli" / "root_help.txt"


def _root_help() -> str | None:
    import shutil

    if shutil.get_terminal_size().columns < 80:  # click wraps to the terminal below 80 columns
        return None
    try:
        return ROOT_HELP.read_text(encoding="utf-8")
    except OSError:
        return None


def main() -> None:
    args = sys.argv[1:]
    if args == ["--version"]:
        from kg import __version__

        print(f"kg {__version__}")
        return
    if args == ["--help"] and (text := _root_help()) is not None:
        sys.stdout.write(text)
        return
    from kg.cli import main as cli_main

    try:
        cli_main()
        code: str | int | None = 0
    except SystemExit as exc:
        code = exc.code
    leave(code)


def leave(code: str | int | None) -> None:
    """End the process with ``code`` (a ``SystemExit`` code) as the interpreter would, but
    without tearing down every module it imported (typer, pydantic, pyoxigraph...: 20-30 ms of
    CPU after the command is done, issue 19): the ``atexit`` handlers run and the output is
    flushed, then the process ends. Where another thread still runs (which the interpreter would
    wait for), it ends through ``sys.exit`` as usual."""
    import atexit
    import contextlib
    import os
    import threading

    if threading.active_count() > 1:
        sys.exit(code)
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # a message, as sys.exit prints it
        print(code, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # the reader closed the pipe
            stream.flush()
    os._exit(status)


if __name__ == "__main__":
    main()
