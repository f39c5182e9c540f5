"""A draft's provenance entry that cannot be read is refused on its line (docs/extraction.md: a
passage whose node is gone is refused, naming the line): the steward edits a draft of some 300
lines and must find the entry, not only its key path."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from kg.errors import EXIT_BAD_INPUT, EXIT_OK
from tests.cli_support import dump, kg

REPO = Path(__file__).resolve().parent.parent.parent
EXAMPLE_TEXT = REPO / "docs" / "examples" / "nykoping-2025-2026.txt"


def _draft(tmp_path: Path) -> tuple[Path, Path, str]:
    runner, store, draft = CliRunner(), tmp_path / "store", tmp_path / "draft.yaml"
    code, out = kg(runner, store, "extract", str(EXAMPLE_TEXT), "--out", str(draft))
    assert code == EXIT_OK, out
    code, out = kg(runner, store, "init")
    assert code == EXIT_OK, out
    return store, draft, draft.read_text(encoding="utf-8")


def _line(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def _refused_at(store: Path, draft: Path, line: int, path: str) -> None:
    before = dump(store)
    for command in ("validate", "import"):
        code, out = kg(CliRunner(), store, command, str(draft))
        assert code == EXIT_BAD_INPUT, out
        assert f"{draft}:{line}: " in out and path in out, out
    assert dump(store) == before


def test_an_edited_citation_quote_is_refused_on_its_line(tmp_path: Path) -> None:
    store, draft, text = _draft(tmp_path)
    quote = '      passage: [61, 86, "Lokalpolisområde Nyköping"]'
    assert quote in text
    edited = text.replace(quote, '      passage: [61, 86, "LPO Nyköping"]')
    draft.write_text(edited, encoding="utf-8")
    at = _line(edited, '      passage: [61, 86, "LPO')
    _refused_at(store, draft, at, "provenance.citations[2].passage")


def test_a_passage_of_a_removed_node_is_refused_on_its_line(tmp_path: Path) -> None:
    store, draft, text = _draft(tmp_path)
    lines = text.splitlines(keepends=True)
    start = lines.index("  - id: kg:promise/0480-2025-2026/activity/5\n")
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("    "))
    edited = "".join(lines[:start] + lines[end:])
    draft.write_text(edited, encoding="utf-8")
    _refused_at(store, draft, _line(edited, "    activity/5:"), "provenance.passages.activity/5")


def test_an_assumption_without_its_reason_is_refused_on_its_line(tmp_path: Path) -> None:
    store, draft, text = _draft(tmp_path)
    at = _line(text, "    - about: [kg:promise/0480-2025-2026, issued")
    lines = text.splitlines(keepends=True)
    reason = next(i for i in range(at, len(lines)) if lines[i].startswith("      reason: "))
    edited = "".join(lines[:reason] + lines[reason + 1 :])
    draft.write_text(edited, encoding="utf-8")
    _refused_at(store, draft, at, "provenance.assumptions[")
