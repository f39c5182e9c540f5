"""The docs are part of the code: README examples run, the command reference is current, every
command and saved query is documented, and every local link resolves."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from kg.cli import app
from kg.resources import query_files
from tools.clidocs import generate

REPO = Path(__file__).resolve().parent.parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def _tested_blocks(text: str) -> list[list[tuple[str, int]]]:
    """The `kg` lines of each block marked tested, with the exit code a comment states (`# exit 1:
    ...`; 0 where none is stated)."""
    blocks = re.findall(r"<!-- tested -->\s*```sh\n(.*?)```", text, flags=re.S)
    out = []
    for block in blocks:
        lines = []
        for line in block.splitlines():
            command, _, comment = line.partition("  #")
            if command.strip().startswith("kg "):
                code = re.match(r"\s*exit (\d+)", comment)
                lines.append((command.strip(), int(code.group(1)) if code else 0))
        out.append(lines)
    return out


def test_readme_has_tested_blocks() -> None:
    blocks = _tested_blocks(README)
    assert len(blocks) >= 2
    assert sum(len(b) for b in blocks) >= 8


def test_readme_examples_run(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Needs nothing outside the repository (the seed extractions are in data/seeds/), so it never skips."""
    for name in ("examples", "data", "tests", "queries", "docs"):
        (tmp_path / name).symlink_to(REPO / name)
    monkeypatch.chdir(tmp_path)
    store = tmp_path / "store"
    for block in _tested_blocks(README):
        for line, code in block:
            args = shlex.split(line)[1:]
            result = runner.invoke(app, ["--store", str(store), *args])
            assert result.exit_code == code, f"README example failed: {line}\n{result.output}"
            assert "Traceback" not in result.output


def _command_tree() -> list[tuple[str, Any]]:
    root = typer.main.get_command(app)
    return [(name, cmd) for name, cmd in root.commands.items()]


def test_every_command_is_in_the_readme_table() -> None:
    table = README[README.index("## Commands") :]
    table = "\n".join(line for line in table[: table.index("\n## ")].splitlines() if line.startswith("| `kg"))
    missing = [name for name, _ in _command_tree() if f"`kg {name}" not in table]
    assert not missing, f"commands missing from the README's command table: {missing}"


def test_cli_reference_is_current() -> None:
    current = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == generate(), "docs/cli.md is stale: run python -m tools.clidocs"


def test_every_option_is_documented() -> None:
    docs = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    for _, cmd in _command_tree():
        for sub in [cmd, *getattr(cmd, "commands", {}).values()]:
            for param in sub.params:
                for opt in getattr(param, "opts", []):
                    if opt.startswith("--"):
                        assert opt in docs, f"{opt} of {sub.name} is not in docs/cli.md"


def test_every_saved_query_is_documented() -> None:
    docs = (REPO / "docs" / "queries.md").read_text(encoding="utf-8")
    missing = [f.stem for f in query_files() if f"`{f.stem}`" not in docs and f"## {f.stem}" not in docs]
    assert not missing, f"saved queries missing from docs/queries.md: {missing}"


def test_local_links_in_readme_resolve() -> None:
    for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", README):
        if target.startswith(("http://", "https://")):
            continue
        assert (REPO / target).exists(), f"README links to a missing file: {target}"


def test_local_links_in_the_other_docs_resolve() -> None:
    """CONTRIBUTING.md and every page under docs/: a relative link resolves from its page's folder."""
    for page in [REPO / "CONTRIBUTING.md", *sorted((REPO / "docs").rglob("*.md"))]:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if not target.startswith(("http://", "https://", "mailto:")):
                assert (page.parent / target).exists(), f"{page.name} links to a missing {target}"


def test_architecture_page_names_every_stage_and_module() -> None:
    """docs/architecture.md draws the package: every sub-package and every module in it is named,
    as `folder/module.py`, or by its bare name where no other folder has a module of that name."""
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    kg = REPO / "kg"
    packages = [p for p in sorted(kg.iterdir()) if p.is_dir() and (p / "__init__.py").exists()]
    missing = [f"{p.name}/" for p in packages if f"{p.name}/" not in text]
    modules = [m for p in packages for m in sorted(p.glob("*.py")) if m.name != "__init__.py"]
    modules += [m for m in sorted(kg.glob("*.py")) if m.name not in ("__init__.py", "__main__.py")]
    names = [m.name for m in modules]
    for m in modules:
        path = str(m.relative_to(kg))
        if path not in text and (names.count(m.name) > 1 or m.name not in text):
            missing.append(path)
    assert not missing, f"docs/architecture.md does not mention: {missing}"


def test_readme_validation_excerpt_is_the_start_of_the_real_report() -> None:
    """The README quotes the start of `kg validate ... --lang en` on the broken example;
    docs/validation.md holds the whole report, which tests/system/test_validate.py checks against
    the command's real output."""
    command = "$ kg validate tests/fixtures/validation/nykoping-broken.ttl --lang en\n"
    excerpt = README.split(command, 1)[1].split("\n```", 1)[0]
    validation = (REPO / "docs" / "validation.md").read_text(encoding="utf-8")
    report = validation.split("<!-- report:en -->\n```\n", 1)[1].split("\n```\n<!-- /report", 1)[0]
    assert excerpt.strip() and report.startswith(excerpt), (
        "README's report excerpt differs from docs/validation.md"
    )


def test_every_environment_setting_is_documented() -> None:
    """Every `KG_...` variable kg reads (a quoted name in kg/) is named in the README or docs/."""
    docs = README + "".join(p.read_text(encoding="utf-8") for p in (REPO / "docs").glob("*.md"))
    read = set()
    for path in (REPO / "kg").rglob("*.py"):
        read |= set(re.findall(r"[\"'](KG_[A-Z_]+)[\"']", path.read_text(encoding="utf-8")))
    missing = sorted(name for name in read if name not in docs)
    assert not missing, f"document these environment settings in the README or docs/: {missing}"


def _kg_options() -> set[str]:
    found = {"--help"}  # every command's, added by click
    commands = [typer.main.get_command(app)]
    while commands:
        command = commands.pop()
        for param in command.params:
            found |= {o for o in [*param.opts, *param.secondary_opts] if o.startswith("--")}
        commands += list(getattr(command, "commands", {}).values())
    return found


def test_every_kg_option_the_docs_show_exists() -> None:
    """A `kg ...` command in the README, CONTRIBUTING.md or docs/ (a code span or a line of a
    block) uses only options the command line has."""
    options = _kg_options()
    unknown = set()
    for page in [REPO / "README.md", REPO / "CONTRIBUTING.md", *sorted((REPO / "docs").glob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        commands = re.findall(r"`(kg [^`]+)`", text) + re.findall(r"^\$? ?(kg .+)$", text, flags=re.M)
        for command in commands:
            unknown |= {(page.name, o) for o in re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", command)} - {
                (page.name, o) for o in options
            }
    assert not unknown, f"the docs show kg options that do not exist: {sorted(unknown)}"
