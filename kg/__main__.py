"""The ``kg`` command (``python -m kg`` and the installed script).

``kg --version`` and ``kg --help`` answer here, before the command line (typer, click and every
command) is imported: a version check or a first look costs a bare interpreter start. The help
is the text the command line prints on a terminal of 80 columns or more, kept beside it by
``python -m tools.clidocs`` (a test fails while it is stale); a narrower terminal, and
everything else, goes to :func:`kg.cli.main`.
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

    cli_main()


if __name__ == "__main__":
    main()
