"""The commands a contributor is told to run exist: every `make` target the README, CONTRIBUTING.md
and docs/ name is a rule of the Makefile (a target declared phony without a rule makes `make`
do nothing and exit 0), every target is documented, and every `python -m` module, test path and
setting they name is there."""

from __future__ import annotations

import re
from importlib.util import find_spec
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
MAKEFILE = (REPO / "Makefile").read_text(encoding="utf-8")
GUIDES = [REPO / "README.md", REPO / "CONTRIBUTING.md", *sorted((REPO / "docs").glob("*.md"))]
TEXT = "\n".join(p.read_text(encoding="utf-8") for p in GUIDES)
MAKE = re.compile(r"(?:^|`)make ([a-z]+)\b", flags=re.M)


def _rules() -> set[str]:
    return set(re.findall(r"^([a-z]+):", MAKEFILE, flags=re.M))


def test_every_phony_target_has_a_rule() -> None:
    phony = set(re.search(r"^\.PHONY: (.*)$", MAKEFILE, flags=re.M).group(1).split())  # type: ignore[union-attr]
    assert phony <= _rules(), f"declared .PHONY but no rule: {sorted(phony - _rules())}"


def test_every_make_target_named_in_the_docs_exists() -> None:
    named = set(MAKE.findall(TEXT))
    assert named <= _rules(), f"the docs name make targets the Makefile lacks: {sorted(named - _rules())}"


def test_every_make_target_is_documented() -> None:
    guides = (REPO / "README.md").read_text(encoding="utf-8") + (REPO / "CONTRIBUTING.md").read_text(
        encoding="utf-8"
    )
    missing = _rules() - set(MAKE.findall(guides))
    assert not missing, f"document these make targets in README.md or CONTRIBUTING.md: {sorted(missing)}"


def test_the_modules_and_paths_the_guides_name_exist() -> None:
    for module in re.findall(r"python -m ((?:tools|kg)[\w.]*)", TEXT):
        assert find_spec(module) is not None, f"python -m {module}: no such module"
    for path in re.findall(r"\.venv/bin/pytest ((?:tests|benchmarks)/[\w/.]*)", TEXT):
        assert (REPO / path).exists(), f".venv/bin/pytest {path}: no such path"


def test_the_snapshot_switch_is_the_one_the_query_tests_read() -> None:
    assert "KG_UPDATE_SNAPSHOTS=1" in (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "KG_UPDATE_SNAPSHOTS" in (REPO / "tests" / "system" / "test_queries.py").read_text(
        encoding="utf-8"
    )


def test_ci_runs_make_test() -> None:
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
