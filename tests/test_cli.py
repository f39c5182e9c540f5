"""CLI basics: version, stats, error mapping to exit codes, help text with examples."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from typer.testing import CliRunner

from kg import __version__
from kg.cli import app
from kg.errors import EXIT_UNAVAILABLE


def _commands() -> list[tuple[str, Any]]:
    root = typer.main.get_command(app)
    out: list[tuple[str, Any]] = []

    def walk(prefix: str, cmd: Any) -> None:
        if hasattr(cmd, "commands"):
            for name, sub in cmd.commands.items():
                walk(f"{prefix} {name}".strip(), sub)
        else:
            out.append((prefix, cmd))

    walk("", root)
    return out


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"kg {__version__}"


def test_every_command_has_help_with_an_example() -> None:
    commands = _commands()
    assert {"init", "stats"} <= {name for name, _ in commands}
    missing = [name for name, cmd in _commands() if "Example:" not in (cmd.help or "")]
    assert not missing, f"commands without 'Example:' in their help: {missing}"


def test_stats_on_missing_store_is_exit_3_without_traceback(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["--store", str(tmp_path / "none"), "stats"])
    assert result.exit_code == EXIT_UNAVAILABLE
    assert "no kg store" in result.output
    assert "Traceback" not in result.output


def test_init_then_stats_json(runner: CliRunner, store_path: Path) -> None:
    assert runner.invoke(app, ["--store", str(store_path), "init"]).exit_code == 0
    result = runner.invoke(app, ["--store", str(store_path), "stats", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["documents"] == 0
    assert data["triples"] > 100
    assert data["location"] == str(store_path)
