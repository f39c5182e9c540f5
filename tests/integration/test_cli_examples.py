"""Every example of docs/cli.md (each command's own help: `Example: kg ...`) runs as written, in a
folder laid out like the repository, with exit 0; only those that need a server or the network
are left out, and named here (their commands are run against real servers in tests/system)."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

REPO = Path(__file__).resolve().parent.parent.parent
CLI_DOC = REPO / "docs" / "cli.md"

NEEDS_A_SERVER = {
    "publish": "a triple store at localhost:7878 (tests/system/test_publish.py)",
    "pull": "a remote SPARQL endpoint (tests/system/test_publish.py, test_steward_journey.py)",
    "serve": "runs until stopped (tests/system/test_server_manners.py)",
}


def examples() -> list[str]:
    found = re.findall(r"^Example:\n\n    (kg .+)$", CLI_DOC.read_text(encoding="utf-8"), flags=re.M)
    return list(dict.fromkeys(found))


def _command(args: list[str]) -> str:
    """The command an example runs: the first word after the global options."""
    rest = list(args)
    while rest and rest[0].startswith("--"):
        rest = rest[2:] if rest[0] in ("--store", "--base-iri") else rest[1:]
    return rest[0]


def _ordered(lines: list[str]) -> list[str]:
    """The reference is alphabetical; run `kg init` and the import first, `kg remove` last."""

    def rank(line: str) -> int:
        command = _command(shlex.split(line)[1:])
        return {"init": 0, "import": 1, "remove": 3}.get(command, 2)

    return sorted(lines, key=rank)


def _pdf(path: Path) -> None:
    """The example's published PDF, made from the worked example's text."""
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 (dev extra) makes the example's PDF")
    text = (REPO / "docs" / "examples" / "nykoping-2025-2026.txt").read_text(encoding="utf-8")
    pdf = fpdf.FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for line in text.translate(str.maketrans({"—": "-", "–": "-", "”": '"', "“": '"'})).splitlines():
        if line.strip():
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(6)
    pdf.output(str(path))


def test_every_command_has_an_example() -> None:
    """Each section of the reference (a command or a group) shows an example of its own."""
    sections = re.split(r"^## ", CLI_DOC.read_text(encoding="utf-8"), flags=re.M)[1:]
    missing = [s.split("\n", 1)[0] for s in sections if "\nExample:\n\n    kg " not in s]
    assert not missing, f"give these commands an Example: in their help: {missing}"


def test_the_cli_reference_examples_run(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("examples", "data", "queries", "tests"):
        (tmp_path / name).symlink_to(REPO / name)
    shutil.copytree(REPO / "docs", tmp_path / "docs")  # `kg query docs --output docs/queries.md` writes here
    _pdf(tmp_path / "medborgarlofte.pdf")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KG_STORE", "./var/store")
    left_out = set()
    for line in _ordered(examples()):
        words = shlex.split(line)
        redirect = None
        if ">" in words:
            redirect = words[words.index(">") + 1]
            words = words[: words.index(">")]
        args = words[1:]
        if _command(args) in NEEDS_A_SERVER:
            left_out.add(_command(args))
            continue
        result = runner.invoke(app, args)
        assert result.exit_code == 0, f"docs/cli.md example failed: {line}\n{result.output}"
        assert "Traceback" not in result.output
        if redirect:
            Path(redirect).write_text(result.stdout, encoding="utf-8")
    assert left_out == set(NEEDS_A_SERVER), "an example left out here no longer needs a server: run it"
    assert "FYLL" in Path("uppfoljning.yaml").read_text(encoding="utf-8")  # the redirected template
    assert Path("dump.trig.gz").stat().st_size > 0 and Path("var/copy").is_dir()
