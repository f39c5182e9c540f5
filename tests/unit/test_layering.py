"""The imports between kg's sub-packages follow the layering docs/architecture.md states: a module
imports modules of its own package and of lower layers only. Read from the source (AST), so an
import inside a function counts as much as one at the top; only those under ``if TYPE_CHECKING:``
(annotations, never run) are left out."""

from __future__ import annotations

import ast
from pathlib import Path

KG = Path(__file__).resolve().parent.parent.parent / "kg"
ARCHITECTURE = KG.parent / "docs" / "architecture.md"

TOP = "(top level)"
LAYERS: list[set[str]] = [
    {TOP},
    {"documents", "extract"},
    {"store"},
    {"authoring"},
    {"validation", "query", "publish", "quality"},
    {"ingest"},
    {"server"},
    {"cli"},
]
"""Lowest first. Packages of one layer do not import each other, except documents/ and extract/,
one stage (a published text is read into a document by the extractor, which builds on the
documents' provenance and limits)."""

ONE_STAGE = {frozenset({"documents", "extract"})}


def _layer(package: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if package in layer)


def _package(module: str) -> str:
    """``kg.store.core`` -> ``store``; a top-level module (``kg.errors``, ``kg``) -> the top level."""
    parts = module.split(".")
    if len(parts) >= 2 and (KG / parts[1]).is_dir():
        return parts[1]
    return TOP


def _owner(path: Path) -> str:
    rel = path.relative_to(KG)
    if len(rel.parts) > 1:
        return rel.parts[0]
    return "cli" if rel.name == "__main__.py" else TOP  # `kg` itself is the command line's edge


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(path: Path) -> list[tuple[str, int]]:
    """(module, line) of every kg import that runs, resolving relative ones."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            skipped.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    here = ["kg", *path.relative_to(KG).parts[:-1]]
    out: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            if module == "kg":  # `from kg import names`: each name is a module or the package's face
                out += [(f"kg.{a.name}", node.lineno) for a in node.names]
            else:
                out.append((module, node.lineno))
    return [(m, line) for m, line in out if m == "kg" or m.startswith("kg.")]


def violations() -> list[str]:
    found = []
    for path in sorted(KG.rglob("*.py")):
        owner = _owner(path)
        for module, line in _imports(path):
            target = _package(module)
            if target == owner or frozenset({owner, target}) in ONE_STAGE:
                continue
            if _layer(target) >= _layer(owner):
                found.append(f"kg/{path.relative_to(KG)}:{line} ({owner}) imports {module} ({target})")
    return found


def test_every_package_is_in_a_layer() -> None:
    packages = {p.name for p in KG.iterdir() if (p / "__init__.py").exists()}
    assert packages | {TOP} == set().union(*LAYERS)


def test_imports_follow_the_stated_layering() -> None:
    found = violations()
    assert not found, (
        "these imports go against the layering of docs/architecture.md (move a shared helper down, "
        "to the top level or the lower package):\n" + "\n".join(found)
    )


def test_the_layering_is_the_one_the_architecture_page_states() -> None:
    """The page lists the layers, lowest first, one line each, as `folder/` names."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    section = text[text.index("## Layering") :]
    section = section[: section.index("\n## ")]
    stated = [
        {word.strip("`/") for word in line.split("`") if word.endswith("/")}
        for line in section.splitlines()
        if line.startswith(tuple(f"{n}. " for n in range(1, 20)))
    ]
    expected = [{TOP} if layer == {TOP} else layer for layer in LAYERS]
    assert [s or {TOP} for s in stated] == expected


def test_the_check_sees_a_violation() -> None:
    """The check is not vacuous: a lower layer importing a higher one is found."""
    assert _layer("store") < _layer("query") == _layer("validation")
    assert _package("kg.query.results") == "query" and _package("kg.errors") == TOP
    assert _owner(KG / "validation" / "report.py") == "validation"
