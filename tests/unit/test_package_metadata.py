"""pyproject.toml as the project keeps it: complete package metadata, every dependency with a lower
bound, the runtime ones used by kg/ and each with its licence in the README's table, matching
what the installed package says of itself."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
README = (REPO / "README.md").read_text(encoding="utf-8")

IMPORT_NAME = {"pyyaml": "yaml", "pdfminer.six": "pdfminer"}
"""A distribution whose module is not its name, lower-cased."""


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower()


def _licence_table() -> dict[str, str]:
    section = README[README.index("## Licence") :]
    rows = re.findall(r"^\| ([^|`]+?) \| ([^|]+?) \| [^|]+ \|$", section, flags=re.M)
    return {name.lower(): licence for name, licence in rows if name != "dependency"}


def test_the_package_metadata_is_complete() -> None:
    for field in ("name", "description", "readme", "requires-python", "license", "authors", "keywords"):
        assert PROJECT.get(field), f"pyproject.toml: [project] {field} is missing"
    assert PROJECT["readme"] == "README.md"
    assert PROJECT["license"] == {"text": "MIT"}
    classifiers = PROJECT["classifiers"]
    assert "License :: OSI Approved :: MIT License" in classifiers
    minimum = PROJECT["requires-python"].removeprefix(">=")
    assert f"Programming Language :: Python :: {minimum}" in classifiers
    assert (REPO / "kg" / "py.typed").exists() == ("Typing :: Typed" in classifiers)


def test_every_dependency_has_a_lower_bound() -> None:
    requirements = [*PROJECT["dependencies"], *PROJECT["optional-dependencies"]["dev"]]
    unbounded = [r for r in requirements if ">=" not in r]
    assert not unbounded, f"give these a lower bound, as the others have: {unbounded}"


def test_every_runtime_dependency_is_used_by_kg() -> None:
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "kg").rglob("*.py"))
    unused = []
    for requirement in PROJECT["dependencies"]:
        module = IMPORT_NAME.get(_name(requirement), _name(requirement))
        if not re.search(rf"^\s*(import|from) {re.escape(module)}\b", sources, flags=re.M):
            unused.append(requirement)
    assert not unused, f"kg/ imports none of these: make them dev dependencies or drop them: {unused}"


def test_every_runtime_dependency_has_its_licence_in_the_readme() -> None:
    table = _licence_table()
    assert set(table) == {_name(r) for r in PROJECT["dependencies"]}
    for name, stated in table.items():
        meta = metadata(name)
        said = " ".join(
            [meta.get("License-Expression") or "", meta.get("License") or "", *meta.get_all("Classifier", [])]
        )
        for word in re.findall(r"MIT|BSD|Apache|W3C", stated):
            assert word in said, f"the README says {name} is {stated}; its metadata says: {said[:200]}"
