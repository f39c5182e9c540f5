"""Several ``kg`` commands in ONE child process, one after another, through the command line's
own entry point (``python -m kg`` calls it): the command line as it runs (a traceback would
show), with the validator built once for all of them instead of once per command (about a
second and a half of processor time each)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

_SCRIPT = """
import os, sys, json
from kg.cli import main
for folder, args in json.loads(sys.argv[1]):
    if folder:
        os.chdir(folder)
    sys.argv = ["kg", *args]
    try:
        main()
        code = 0
    except SystemExit as exit:
        code = exit.code or 0
    print("\\x00", code, flush=True)
    print("\\x00", code, file=sys.stderr, flush=True)
"""
_SEPARATOR = re.compile(r"\x00 (\S+)\n")


def kg_commands(
    runs: Sequence[tuple[Path | None, Sequence[str]]], timeout: float = 600
) -> list[tuple[int, str, str]]:
    """For each (FOLDER or None, ARGS) of ``runs``: the exit code, standard output and standard
    error of ``kg ARGS`` run in FOLDER, all from one child process."""
    jobs = [(str(folder) if folder else None, list(args)) for folder, args in runs]
    proc = subprocess.run(
        [sys.executable, "-c", _SCRIPT, json.dumps(jobs)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out, err = (_SEPARATOR.split(stream) for stream in (proc.stdout, proc.stderr))
    assert len(out) == len(err) == 2 * len(runs) + 1 and not out[-1] and not err[-1], proc
    return [(int(out[2 * i + 1]), out[2 * i], err[2 * i]) for i in range(len(runs))]
