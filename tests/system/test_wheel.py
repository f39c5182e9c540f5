"""A wheel built from the repo works outside the checkout and finds its bundled files."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from kg import __version__

REPO = Path(__file__).resolve().parent.parent.parent


@pytest.mark.slow
def test_wheel_installs_and_runs_outside_the_checkout(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(REPO),
        ],
        check=True,
        cwd=tmp_path,
    )
    (wheel,) = dist.glob("kg_medborgarloften-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        modules = [n for n in names if n.endswith(".py")]
    # the SPARQL editor's files (gitignored, copied in by `make assets`) ship when they are there
    vendor = REPO / "kg" / "server" / "static" / "vendor" / "yasgui"
    if (vendor / "yasgui.min.js").exists():
        for name in ("yasgui.min.js", "yasgui.min.css", "LICENSE"):
            assert f"kg/server/static/vendor/yasgui/{name}" in names, name
    assert "kg/server/static/table.js" in names and "kg/server/static/sparql-editor.js" in names
    generators = ("namespaces_gen", "docs_gen", "clidocs", "reference.py", "seed_bundle", "bundle.py")
    assert not [m for m in modules if m.startswith("tools/") or any(g in m for g in generators)], modules
    venv = tmp_path / "venv"
    # A virtual environment without pip of its own (making one with pip costs seconds): the
    # development environment's pip installs the wheel into it (pip's --python).
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    py = venv / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", str(py)]
    subprocess.run([*pip, "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True)
    # The dependencies come from the development environment's site-packages (appended to the path,
    # so the wheel's own kg, not the editable checkout, is the one imported).
    site = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(site) / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    kg = venv / "bin" / "kg"
    work = tmp_path / "elsewhere"
    work.mkdir()

    def run(*args: str) -> str:
        result = subprocess.run([str(kg), *args], cwd=work, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout + result.stderr

    assert run("--version").strip() == f"kg {__version__}"
    where = subprocess.run(
        [str(py), "-c", "import kg.resources as r; print(r.bundled('ontology')); print(r.bundled('shapes'))"],
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(str(venv) in w and "_bundled" in w for w in where), where
    store = str(work / "store")
    run("--store", store, "init")
    assert "Dokument / documents: 0" in run("--store", store, "stats")
    assert "municipalities-with-activity-type" in run("query", "list")
    example = subprocess.run(
        [str(py), "-c", "import kg.resources as r; print(r.bundled('examples') / 'nykoping-2025-2026.ttl')"],
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    run("--store", store, "import", example)
    assert "Dokument / documents: 1" in run("--store", store, "stats")
