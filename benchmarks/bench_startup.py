"""Start-up of the ``kg`` command line, each command as a whole process (issue 19, point 1).

    python benchmarks/bench_startup.py               # a store like make run's, 7 runs each
    python benchmarks/bench_startup.py --runs 15 --store var/store --json out.json

Every command is started ``--runs`` times after one warm-up run (which may write the
modules' bytecode, as any first run does: :func:`warm_up_env`); the table gives the median wall
time and the median CPU time (user + system of the child) beside ``python -c pass`` and
``oxigraph --version`` on the same machine in the same run. ``benchmarks/run.py`` (``make
bench``) calls :func:`startup_table` for RESULTS.md's "start-up" table.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
EXAMPLE = "examples/nykoping-2025-2026.ttl"

TARGETS_MS = {
    "kg --version": 150.0,
    "kg --help": 150.0,
    "kg query run promises": 400.0,
    "kg validate": 1000.0,
}
"""The wall-time targets of issue 19 ("Done when"), by the row's label."""


def commands(store: Path) -> list[tuple[str, list[str]]]:
    kg = str(BIN / "kg")
    rows: list[tuple[str, list[str]]] = [("python -c pass", [sys.executable, "-c", "pass"])]
    if (BIN / "oxigraph").exists():
        rows.append(("oxigraph --version", [str(BIN / "oxigraph"), "--version"]))
    rows += [
        ("kg --version", [kg, "--version"]),
        ("kg --help", [kg, "--help"]),
        ("kg query run promises", [kg, "--store", str(store), "query", "run", "promises"]),
        ("kg validate", [kg, "validate", EXAMPLE]),
    ]
    return rows


def time_process(cmd: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """Wall and CPU seconds (user + system) of one run of ``cmd``, and its exit code."""
    before = os.times()
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - t
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu, proc.returncode


def warm_up_env() -> dict[str, str]:
    """The environment of the warm-up run: this one, but free to write bytecode. A shell that sets
    PYTHONDONTWRITEBYTECODE (as some sandboxes and CI images do) would otherwise make every timed
    run compile kg's modules again from source (some 70-100 ms of CPU for ``kg query run``),
    which no installed kg does: pip compiles a wheel's modules when it installs them, and an
    editable checkout writes them on its first run."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def small_store(folder: Path) -> Path:
    """A store like ``make run``'s: the worked example, the seeds and their follow-ups."""
    store = folder / "store"
    bundled = [EXAMPLE, *(p for p in ("data/seeds", "data/followups") if (ROOT / p).exists())]
    kg = str(BIN / "kg")
    subprocess.run([kg, "--store", str(store), "-q", "import", *bundled], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    return store


def startup_table(store: Path | None = None, runs: int = 7) -> dict[str, Any]:
    """Median wall and CPU milliseconds per command; a store like make run's when none is given."""
    with tempfile.TemporaryDirectory(prefix="kg-startup-") as tmp:
        where = store or small_store(Path(tmp))
        shown = "as make run's" if store is None else str(store)
        out: dict[str, Any] = {"runs": runs, "store": shown, "rows": {}}
        for label, cmd in commands(where):
            time_process(cmd, warm_up_env())  # warm-up: the page cache, .pyc files
            samples = [time_process(cmd) for _ in range(runs)]
            out["rows"][label] = {
                "command": " ".join(_shown(c, i, where) for i, c in enumerate(cmd)),
                "wall_ms": statistics.median(s[0] for s in samples) * 1000,
                "cpu_ms": statistics.median(s[1] for s in samples) * 1000,
                "exit": sorted({s[2] for s in samples}),
                "target_ms": TARGETS_MS.get(label),
            }
    return out


def _shown(arg: str, i: int, store: Path) -> str:
    if i == 0:
        return Path(arg).name
    return "STORE" if arg == str(store) else arg


def markdown(table: dict[str, Any]) -> list[str]:
    lines = [
        f"Median of {table['runs']} runs after one warm-up run (free to write the modules' bytecode, as "
        f"a first run is), each a whole process (store: {table['store']}).",
        "",
        "| command | median wall ms | median CPU ms | target (wall) | exit |",
        "|---|---:|---:|---|---|",
    ]
    for row in table["rows"].values():
        target = row.get("target_ms")
        verdict = (
            "–"
            if target is None
            else f"≤ {target:,.0f} ms: " + ("met" if row["wall_ms"] <= target else "**missed**")
        )
        lines.append(
            f"| `{row['command']}` | {row['wall_ms']:,.0f} | {row['cpu_ms']:,.0f} | {verdict} | "
            f"{', '.join(map(str, row['exit']))} |"
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--store", type=Path, help="A store to query (default: a new one like make run's).")
    ap.add_argument("--json", type=Path, help="Also write the figures here as JSON.")
    args = ap.parse_args(argv)
    table = startup_table(args.store, args.runs)
    print("\n".join(markdown(table)))
    print(f"\nload average: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if args.json:
        args.json.write_text(json.dumps(table, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
