"""A document's texts are held packed between its worker and the write (kg.documents.codec)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.documents.codec import pack, unpack

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize(
    "text",
    [b"", b"<a> <b> <c> .\n", '<a> <b> "Polisområde Malmö – 5 år"@sv .\n'.encode(), bytes(range(256)) * 300],
)
def test_a_packed_text_unpacks_to_itself(text: bytes) -> None:
    assert unpack(pack(text)) == text


def test_a_document_text_is_held_smaller() -> None:
    text = b"".join(p.read_bytes() for p in sorted(EXAMPLES.rglob("*.ttl")))
    assert text, "the bundled examples are Turtle files"
    packed = pack(text)
    assert len(packed) < len(text) / 2
    assert unpack(packed) == text


def test_a_text_packed_otherwise_is_refused() -> None:
    import zlib

    with pytest.raises(Exception):  # noqa: B017 - lz4's own error type is not part of its API
        unpack(zlib.compress(b"<a> <b> <c> .\n" * 100, 1))
