"""Where the extraction tests find their texts: the seeds and the development pages in ../shared
(read from there, never copied into the repository: a test that needs them skips with a reason
when the folder is absent), the project's own fixtures and the worked example's text."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
SHARED = REPO.parent / "shared"
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
"""The five published promises the project must import."""
DEV = sorted((SHARED / "corpus" / "dev").glob("*.txt"))
"""The fourteen development pages from other municipalities."""
FIXTURES = TESTS / "fixtures" / "extract"
OURS = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".md", ".html"))
"""The extraction fixtures written for this project (each names the layout it stands for)."""
EXAMPLE_TEXT = REPO / "docs" / "examples" / "nykoping-2025-2026.txt"
