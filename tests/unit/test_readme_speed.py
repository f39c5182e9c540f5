"""The README quotes benchmark figures only from the run of record (issue 19: "the README quotes
only that run"): every number in its "Speed (measured)" section is in benchmarks/RESULTS.md.
After a new run of record is committed, this fails until the README quotes it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")


def speed_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## Speed (measured)")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def test_every_figure_of_the_speed_section_is_in_the_run_of_record() -> None:
    section = speed_section()
    results = (ROOT / "benchmarks" / "RESULTS.md").read_text(encoding="utf-8")
    figures = {n.rstrip(",") for n in NUMBER.findall(section) if len(n.rstrip(",")) > 1}
    assert len(figures) > 10, "the README's speed section quotes no figures"
    missing = sorted(
        f for f in figures if not re.search(rf"(?<![\d.,]){re.escape(f)}(?![\d]|[.,]\d)", results)
    )
    assert not missing, f"README figures not in benchmarks/RESULTS.md: {missing}"


def test_the_readme_says_how_to_run_the_benchmarks() -> None:
    section = speed_section()
    assert "make bench" in section and "benchmarks/RESULTS.md" in section
