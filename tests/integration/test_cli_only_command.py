"""The entry point builds only the command a command line names (issue 19: typer builds every
command, reading each one's signature, before it runs one), and the whole app again after."""

from __future__ import annotations

import pytest
import typer.main

from kg.cli import ROOT_VALUE_OPTIONS, app, invoked_command, only_command


def _built() -> set[str]:
    return set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_the_root_options_that_take_a_value_are_known() -> None:
    group = typer.main.get_command(app)
    options = [p for p in group.params if p.param_type_name == "option"]
    valued = {o for p in options if not getattr(p, "is_flag", False) for o in p.opts}
    assert "--store" in valued and "--verbose" not in valued
    assert valued == ROOT_VALUE_OPTIONS


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["query", "run", "promises"], "query"),
        (["--store", "query", "validate", "x.ttl"], "validate"),  # a store folder named query
        (["--store=s", "-q", "--base-iri", "https://e.org/", "sparql", "-"], "sparql"),
        (["-v", "--version"], None),
        (["--help"], None),
        (["--", "query"], None),
        ([], None),
    ],
)
def test_the_command_a_command_line_names(args: list[str], name: str | None) -> None:
    assert invoked_command(args) == name


def test_only_the_named_command_is_built_and_then_all_again() -> None:
    everything = _built()
    assert {"query", "sparql", "import", "validate", "serve"} <= everything
    with only_command("query"):
        assert _built() == {"query"}
    with only_command("sparql"):
        assert _built() == {"sparql"}
    assert _built() == everything
    with pytest.raises(SystemExit), only_command("validate"):
        assert _built() == {"validate"}
        raise SystemExit(2)
    assert _built() == everything
    for unknown in (None, "qery", "--help"):  # a typo gets its suggestion from every command
        with only_command(unknown):
            assert _built() == everything
