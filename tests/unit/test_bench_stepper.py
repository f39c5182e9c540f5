"""``make bench``'s steps (benchmarks/stepper.py): a failing step loses no other step's results,
results.json is written after every step, and RESULTS.md (benchmarks/report.py) says which
sections were not measured instead of stopping. No timing here."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parent.parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def bench() -> Any:
    sys.path.insert(0, str(BENCH))
    try:
        import report
        import stepper

        yield stepper, report
    finally:
        sys.path.remove(str(BENCH))


def test_a_failing_step_keeps_the_others_and_skips_what_needs_it(bench: Any, tmp_path: Path) -> None:
    stepper, _ = bench
    path = tmp_path / "results.json"
    seen: list[dict[str, Any]] = []

    def boom() -> dict[str, Any]:
        raise RuntimeError("the store is gone")

    def later() -> dict[str, Any]:
        seen.append(json.loads(path.read_text(encoding="utf-8")))  # what a crash now would leave
        return {"n": 2}

    steps = [
        stepper.Step("first", "one", 1, 1, lambda: {"n": 1}),
        stepper.Step("broken", "fails", 1, 1, boom),
        stepper.Step("after", "needs the broken one", 1, 1, lambda: {"n": 0}, needs=("broken",)),
        stepper.Step("last", "runs anyway", 1, 1, later),
    ]
    results: dict[str, Any] = {}
    log: list[str] = []
    not_done = stepper.run_plan(steps, results, path, quick=False, log=log.append)
    assert not_done == ["broken", "after"]
    assert seen[0]["first"] == {"n": 1} and "the store is gone" in seen[0]["failures"]["broken"]["error"]
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["first"] == {"n": 1} and written["last"] == {"n": 2}
    assert "broken" not in written and "after" not in written
    assert "needs broken" in written["failures"]["after"]["skipped"]
    assert set(written["step_seconds"]) == {"first", "broken", "last"}
    assert any("about 4 s left" in line for line in log)  # the estimate of the rest of the plan
    assert any("broken FAILED" in line for line in log)


def test_the_plan_lists_every_step_with_its_estimate(bench: Any) -> None:
    stepper, _ = bench
    steps = [stepper.Step("a", "A", 60, 6, dict), stepper.Step("b", "B", 120, 12, dict)]
    full, quick = stepper.describe(steps, quick=False), stepper.describe(steps, quick=True)
    assert full[1].split()[:2] == ["a", "60"] and full[-1].split()[:2] == ["total", "180"]
    assert quick[-1].split()[:2] == ["total", "18"]


def test_the_report_says_which_sections_were_not_measured(bench: Any, tmp_path: Path) -> None:
    _, report = bench
    results = {
        "machine": {"cores": 2},
        "total_s": 12.0,
        "failures": {
            "kg_import": {"error": "Traceback ...\nRuntimeError: kg import failed (70)"},
            "quality": {"skipped": "needs kg_import, which did not complete"},
        },
        "serve": {"kg serve": {"promises (cheap)": {"rps": 1.0}}},  # a surprise: no oxigraph, no p99
    }
    out = tmp_path / "RESULTS.md"
    report.write_report(results, out)
    text = out.read_text(encoding="utf-8")
    assert "`kg_import`: RuntimeError: kg import failed (70)" in text
    assert "## 1. Import with validation\n\n**Not measured in this run**: step kg_import failed" in text
    assert "step quality was skipped: needs kg_import" in text
    assert "step startup was not run" in text
    assert "## 3. Serving\n\n**This section could not be written**: KeyError" in text
    for title in ("## 2. Saved queries", "## 4. Start-up", "## 6. Publishing", "## 7. Saved queries on"):
        assert title in text


def test_a_process_peak_memory_is_read_and_a_gone_process_has_none(bench: Any) -> None:
    import os

    stepper, _ = bench
    assert stepper.peak_rss_mb(os.getpid()) > 1
    # above the largest pid Linux gives (2**22): no such process
    assert stepper.peak_rss_mb(2**22 + 12345) is None
