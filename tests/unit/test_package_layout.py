"""The package reads as the data path (issue 17): a stage per folder, a short top level, and no
module too long to read at once."""

from __future__ import annotations

from pathlib import Path

KG = Path(__file__).resolve().parent.parent.parent / "kg"
MAX_LINES = 500
TOP_LEVEL = {
    "__init__.py",
    "__main__.py",
    "collector.py",
    "errors.py",
    "iris.py",
    "names.py",
    "namespaces.py",
    "namespaces_rdflib.py",
    "resources.py",
    "sparql_text.py",
    "terminal.py",
    "terms.py",
}
"""The package's face and the modules every stage uses: errors, IRIs, names, namespaces, terms,
the bundled files, the cyclic collector's switch, SPARQL text from RDF terms, a terminal's line."""


def test_no_module_is_over_500_lines() -> None:
    long = {
        str(p.relative_to(KG)): n
        for p in sorted(KG.rglob("*.py"))
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}, f"split these modules by concern (at most {MAX_LINES} lines): {long}"


def test_the_top_level_holds_only_the_face_and_cross_cutting_modules() -> None:
    found = {p.name for p in KG.glob("*.py")}
    assert found == TOP_LEVEL, f"put stage modules in their stage's folder: {sorted(found - TOP_LEVEL)}"
