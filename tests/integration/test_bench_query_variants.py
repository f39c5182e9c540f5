"""benchmarks/query_variants.py runs each variant of a query's text as a query of its own (no
derived form) with the saved query's example parameters and without, and reports a failing
variant as a line of its own instead of stopping (the embedded path; the Virtuoso path loads a
dump into tests/virtuoso_server.py's server the same way benchmarks/bench_engines.py does)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from query_fixtures import bundled_store

REPO = Path(__file__).resolve().parent.parent.parent


def test_each_variant_is_run_and_a_broken_one_is_reported(tmp_path: Path) -> None:
    bundled_store(tmp_path / "store").close()
    good = tmp_path / "good.rq"
    good.write_text((REPO / "queries" / "followups-overdue.rq").read_text(encoding="utf-8"), encoding="utf-8")
    broken = tmp_path / "broken.rq"
    broken.write_text(good.read_text(encoding="utf-8").replace("WHERE {", "WHERE {{", 1), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "query_variants.py"), "followups-overdue",
         str(good), str(broken), "--store", str(tmp_path / "store"), "--embedded"],
        capture_output=True, text=True, check=True, cwd=REPO,
    ).stdout.splitlines()  # fmt: skip
    assert len(out) == 3 * 2 * 2  # three rounds, two variants, the example and the defaults
    first = [line for line in out if line.startswith("0 ")]
    assert first[0].startswith("0 good.rq {'asOf': '2024-06-30'} ") and first[0].endswith(" ms")
    assert first[0].split()[-3].isdigit()  # its rows
    assert "Error" in first[2] and first[2].startswith("0 broken.rq")
