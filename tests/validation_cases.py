"""The documents the validation page and API are tested with (issue 21 point 5): the bundled
example in Turtle and YAML-LD, and a copy of each broken here (never stored in the repository)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
TEXT = REPO / "tests" / "fixtures" / "extract" / "f01_numbered.txt"
"""A published text (extracted first, as ``kg validate`` does)."""


def broken(name: str) -> bytes:
    """The bundled example with a month 13 and a misspelt frequency: two violations."""
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    if name.endswith(".ttl"):
        text = text.replace('"2025-01-01"^^xsd:date', '"2025-13-01"^^xsd:date', 1)
        text = text.replace("freq:per-termin", "freq:per-termen", 1)
    else:
        text = text.replace('startDate: "2025-01-01"', 'startDate: "2025-13-01"', 1)
        text = text.replace("    frequency: per-termin", "    frequency: per-termen", 1)
    return text.encode("utf-8")


CASES = {
    "good.ttl": (EXAMPLES / "nykoping-2025-2026.ttl").read_bytes(),
    "good.yaml": (EXAMPLES / "nykoping-2025-2026.yaml").read_bytes(),
    "broken.ttl": broken("nykoping-2025-2026.ttl"),
    "broken.yaml": broken("nykoping-2025-2026.yaml"),
}
"""File name → bytes: conforming and not, in Turtle and YAML-LD."""
TYPES = {".ttl": "text/turtle", ".yaml": "application/yaml", ".txt": "text/plain"}
"""The Content-Type a client sends each kind of file with."""
