"""The steps of ``make bench`` run one after the other, each with its time estimate, none lost.

:func:`run_plan` runs the steps of a plan in order and, after each one, writes every result so far
to ``results.json`` (atomically: a run stopped half-way keeps what it measured). A step that
fails (an exception, a timeout) is recorded under ``failures`` with its error, and the run goes on
with the next step; a step that needs a failed or skipped step is skipped with that reason.
Before each step the log says how long it should take (the estimate for this scale, measured on
the 2-core machine of the run of record) and how long the rest of the plan should take; after
it, how long it took (wall, and CPU of the step's processes: on a loaded machine the CPU
time is the steadier figure).

``--resume`` (benchmarks/run.py) keeps the results of a previous run's ``results.json`` and runs
only the steps that have none (failed, skipped or not reached), so a failing step can be fixed
and run again without running the others again.
"""

from __future__ import annotations

import json
import os
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def peak_rss_mb(pid: int) -> float | None:
    """Peak resident set of a running process (Linux /proc VmHWM), in MB; None when unreadable."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


@dataclass(frozen=True)
class Step:
    key: str
    """Its results' key in results.json (and the name --only and --skip take)."""
    label: str
    estimate_s: float
    """Wall seconds at full scale on 2 cores (from a run on this machine)."""
    quick_s: float
    """Wall seconds with --quick."""
    run: Callable[[], Any]
    needs: tuple[str, ...] = ()
    """Steps whose results this one reads (skipped when one of them failed or was skipped)."""

    def estimate(self, quick: bool) -> float:
        return self.quick_s if quick else self.estimate_s


def _cpu() -> float:
    """CPU seconds (user + system) of this process and of its children that have ended: on a
    loaded machine, a steadier measure of a step's work than its wall time."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def write_json(path: Path, data: dict[str, Any]) -> None:
    """``data`` as JSON at ``path``, replaced atomically."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
    tmp.replace(path)


def describe(steps: Sequence[Step], quick: bool) -> list[str]:
    """The plan as lines: each step with its estimate, and the total."""
    lines = [f"{'step':16} {'estimate':>9}  what"]
    for s in steps:
        lines.append(f"{s.key:16} {s.estimate(quick):7.0f} s  {s.label}")
    total = sum(s.estimate(quick) for s in steps)
    lines.append(f"{'total':16} {total:7.0f} s  (about {total / 60:.0f} min; more on a loaded machine)")
    return lines


def run_plan(
    steps: Sequence[Step],
    results: dict[str, Any],
    path: Path,
    *,
    quick: bool,
    log: Callable[[str], None],
) -> list[str]:
    """Run ``steps`` in order, recording into ``results`` and ``path`` after each; the keys of
    the steps that failed or were skipped."""
    failures: dict[str, Any] = results.setdefault("failures", {})
    seconds: dict[str, float] = results.setdefault("step_seconds", {})
    cpu_seconds: dict[str, float] = results.setdefault("step_cpu_seconds", {})
    not_done: list[str] = []
    for i, step in enumerate(steps):
        rest = sum(s.estimate(quick) for s in steps[i:])
        blocked = [n for n in step.needs if n in failures]
        if blocked:
            failures[step.key] = {"skipped": f"needs {', '.join(blocked)}, which did not complete"}
            not_done.append(step.key)
            log(f"step {i + 1}/{len(steps)} {step.key}: skipped ({failures[step.key]['skipped']})")
            write_json(path, results)
            continue
        log(
            f"step {i + 1}/{len(steps)} {step.key}: {step.label} "
            f"(about {step.estimate(quick):.0f} s; about {rest:.0f} s left in the plan)"
        )
        t, cpu = time.perf_counter(), _cpu()
        try:
            results[step.key] = step.run()
            failures.pop(step.key, None)
        except Exception as exc:  # a failing step is reported, the others still run
            failures[step.key] = {
                "error": f"{type(exc).__name__}: {exc}"[-4000:],
                "traceback": traceback.format_exc()[-4000:],
            }
            results.pop(step.key, None)
            not_done.append(step.key)
        seconds[step.key] = time.perf_counter() - t
        cpu_seconds[step.key] = _cpu() - cpu
        verdict = "FAILED" if step.key in failures else "done"
        log(
            f"  {step.key} {verdict} in {seconds[step.key]:.0f} s, {cpu_seconds[step.key]:.0f} s CPU "
            f"(estimate {step.estimate(quick):.0f} s)"
        )
        if step.key in failures:
            log("  " + failures[step.key]["error"].strip().splitlines()[-1][:300])
        write_json(path, results)
    return not_done
