"""The ``kg`` command (``python -m kg`` and the installed script).

``kg --version`` answers here, before the command line (typer, click and every command) is
imported: a packager's or a script's version check costs a bare interpreter start. Everything
else goes to :func:`kg.cli.main`.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from kg import __version__

        print(f"kg {__version__}")
        return
    from kg.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
