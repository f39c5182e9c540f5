"""The source distribution holds every file of the checkout (what git tracks), so that the
tests and `make test` run from the unpacked archive as they do in a clone: the docs the tests
read, the benchmarks' scripts, CI's script and CONTRIBUTING.md included."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent


def _tracked() -> set[str]:
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout: the tracked files are unknown")
    out = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    return {name for name in out.decode("utf-8").split("\0") if name}


def test_the_sdist_holds_every_tracked_file(tmp_path: Path) -> None:
    tracked = _tracked()
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(tmp_path)],
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=300,
    )
    (archive,) = tmp_path.glob("kg_medborgarloften-*.tar.gz")
    with tarfile.open(archive) as tar:
        names = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    missing = sorted(tracked - names)
    assert not missing, f"add these to [tool.hatch.build.targets.sdist] include: {missing[:20]}"
