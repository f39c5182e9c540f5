"""The data-quality scorecard at national scale (issue 21 point 6: ``kg quality`` in at most 2 s).

    python benchmarks/bench_quality.py                      # generate + import the national corpus first
    python benchmarks/bench_quality.py --store benchmarks/out/store-national --runs 7

On a store that ``kg import`` wrote (the import records the counts per revision the history
reads): the scorecard of the country and of one municipality through the library (the first run
after opening the store, then the median of ``--runs``), and ``kg quality --format json`` as a
whole process (start-up included). ``benchmarks/run.py`` (``make bench``) runs :func:`measure`
on the store of its import step, and RESULTS.md shows :func:`markdown`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
TARGET_MS = 2000.0
"""Issue 21's bound for the scorecard at national scale."""


def _ms(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return (time.perf_counter() - t) * 1000, out


def measure(store: Path, runs: int = 5, municipality: str = "0580") -> dict[str, Any]:
    """The timings (ms) and the size of what was measured."""
    from kg.iris import Minter
    from kg.names import bundled_names
    from kg.quality.collect import load_scorecard
    from kg.store.core import StoreSettings, open_store

    res: dict[str, Any] = {"target_ms": TARGET_MS, "runs": runs}
    res["names_ms"], _ = _ms(lambda: bundled_names().municipalities)
    with open_store(StoreSettings(store, create=False, read_only=True)) as st:
        minter = Minter()
        res["country_cold_ms"], card = _ms(lambda: load_scorecard(st, minter))
        country = [_ms(lambda: load_scorecard(st, minter))[0] for _ in range(runs)]
        one = [_ms(lambda: load_scorecard(st, minter, municipality=municipality))[0] for _ in range(runs)]
        data = card.as_dict()
    res["country_median_ms"] = statistics.median(country)
    res["municipality_median_ms"] = statistics.median(one)
    res["municipalities_with_promise"] = data["municipalities_with_promise"]
    res["promises"] = sum(len(m["promises"]) for m in data["municipalities"])
    res["followups"] = sum(m["followups_recorded"] for m in data["municipalities"])
    res["history_points"] = len(data["history"])
    cli = [str(BIN / "kg"), "--store", str(store), "quality", "--format", "json"]
    walls, cpus = [], []
    for _ in range(max(1, runs // 2)):
        t, before = time.perf_counter(), os.times()
        proc = subprocess.run(cli, capture_output=True, text=True)
        walls.append((time.perf_counter() - t) * 1000)
        after = os.times()
        cpus.append(
            (after.children_user - before.children_user + after.children_system - before.children_system)
            * 1000
        )
        if proc.returncode != 0:
            raise RuntimeError(f"kg quality failed ({proc.returncode}): {proc.stderr[-2000:]}")
    res["cli_median_ms"] = statistics.median(walls)
    res["cli_cpu_median_ms"] = statistics.median(cpus)
    return res


def markdown(res: dict[str, Any]) -> list[str]:
    """RESULTS.md's section (under its title)."""
    ok = "met" if res["cli_median_ms"] <= res["target_ms"] else "**missed**"
    return [
        f"{res['promises']} promises, {res['followups']} follow-ups, {res['municipalities_with_promise']}"
        f" municipalities with a promise, {res['history_points']} points of national history.",
        "",
        "| what | ms |",
        "|---|---:|",
        f"| the country, library, first run after opening the store | {res['country_cold_ms']:.0f} |",
        f"| the country, library, median of {res['runs']} | {res['country_median_ms']:.0f} |",
        f"| one municipality, library, median of {res['runs']} | {res['municipality_median_ms']:.0f} |",
        f"| `kg quality --format json`, whole process, median | {res['cli_median_ms']:.0f}"
        f" ({res.get('cli_cpu_median_ms', float('nan')):.0f} CPU) |",
        "",
        "| target | measured | |",
        "|---|---:|---|",
        f"| `kg quality` ≤ {res['target_ms'] / 1000:g} s at national scale (whole process, median)"
        f" | {res['cli_median_ms']:,.0f} ms | {ok} |",
        "",
    ]


def _prepare(out: Path) -> Path:
    """The national corpus generated (if absent) and imported by ``kg import`` into a new store."""
    from generate import generate

    corpus = out / "national"
    if not any(corpus.rglob("*.ttl")):
        generate(corpus, scale=1, fmt="ttl", workers=2)
    store = out / "store-quality"
    kg = [str(BIN / "kg"), "--store", str(store), "--quiet"]
    if not store.exists():
        subprocess.run([*kg, "init"], check=True, capture_output=True)
        subprocess.run([*kg, "import", str(corpus)], check=True, capture_output=True)
    return store


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--store", type=Path, help="a store kg import wrote (default: import the national corpus)"
    )
    ap.add_argument("--out", type=Path, default=HERE / "out")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", type=Path, help="also write the result here")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(HERE))
    store = args.store or _prepare(args.out)
    res = measure(store, runs=args.runs)
    print("\n".join(markdown(res)))
    if args.json:
        args.json.write_text(json.dumps(res, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
