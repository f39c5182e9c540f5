"""CLI basics: version, stats, error mapping to exit codes, help text with examples."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from kg import __version__
from kg.cli import app
from kg.errors import EXIT_UNAVAILABLE
from kg.query import cache as cache_module


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


def _groups() -> list[str]:
    root = typer.main.get_command(app)
    out: list[str] = []

    def walk(prefix: str, cmd: Any) -> None:
        if hasattr(cmd, "commands"):
            if prefix and not cmd.invoke_without_command:  # `kg documents` alone lists the documents
                out.append(prefix)
            for name, sub in cmd.commands.items():
                walk(f"{prefix} {name}".strip(), sub)

    walk("", root)
    return out


def _assert_usage_error(result: Any, *words: str) -> None:
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert "internal error" not in result.output and "Traceback" not in result.output, result.output
    for word in words:
        assert word in result.output, result.output


@pytest.mark.parametrize("command", [name for name, _ in _commands()])
def test_an_unknown_option_is_a_usage_error_on_every_command(
    runner: CliRunner, tmp_path: Path, command: str
) -> None:
    result = runner.invoke(app, ["--store", str(tmp_path / "s"), *command.split(), "--bogus"])
    _assert_usage_error(result, "No such option", "--bogus", "--help")


@pytest.mark.parametrize("group", _groups())
def test_a_group_without_its_command_shows_its_commands_as_a_usage_error(
    runner: CliRunner, group: str
) -> None:
    _assert_usage_error(runner.invoke(app, group.split()), "Commands:")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["query", "run"], ["Missing argument"]),
        (["query", "run", "promises", "--format", "xml"], ["Invalid value for '--format'", "'xml'"]),
        (["--base-iri", "not an iri", "stats"], ["--base-iri", "http(s)"]),
        (["import", "x.ttl", "--output-format", "json"], ["No such option"]),
    ],
)
def test_usage_mistakes_exit_2_with_usage(runner: CliRunner, args: list[str], words: list[str]) -> None:
    _assert_usage_error(runner.invoke(app, args), *words)


@pytest.mark.parametrize(
    ("variable", "value"),
    [("KG_LOCK_TIMEOUT", "abc"), ("KG_LOCK_TIMEOUT", "-1"), ("KG_QUERY_CACHE_MB", "lots")],
)
def test_a_bad_setting_in_the_environment_is_exit_2_naming_it(
    runner: CliRunner, store_path: Path, variable: str, value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert runner.invoke(app, ["--store", str(store_path), "init"]).exit_code == 0
    monkeypatch.setenv(variable, value)
    monkeypatch.setattr(cache_module, "_DEFAULT", None)  # the process cache is built at first use
    result = runner.invoke(app, ["--store", str(store_path), "query", "run", "promises"])
    _assert_usage_error(result, variable, repr(value))


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """``kg export | head -1``: the reader stops early; kg ends with exit 0 and says nothing."""
    kg = Path(sys.executable).parent / "kg"
    store = tmp_path / "store"
    subprocess.run([str(kg), "--store", str(store), "init"], check=True, capture_output=True)
    proc = subprocess.Popen(
        [str(kg), "--store", str(store), "export"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # what `head -1` does after its line
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0, err
    assert first.startswith(b"# kg-dump-manifest "), first  # a dump's first line is its manifest
    assert err == "", err
