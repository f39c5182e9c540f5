"""What the browser tests share: Debian's chromium, its flags, where screenshots go, and the skip
when chromium is not installed (`make test` installs it as root)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from server_support import REPO

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = REPO / "test-artifacts"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require_chromium() -> None:
    """Skip the calling test or fixture, with the reason, when chromium is not installed."""
    if not Path(CHROMIUM).exists():
        pytest.skip(
            "Debian's chromium is not installed (apt-get install chromium; `make test` does it as root)"
        )
