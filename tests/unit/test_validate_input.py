"""What the validation page and API make of an upload: its format (named, from its file name or
from its bytes) and a file name that is safe to write (issue 21 point 5)."""

from __future__ import annotations

import pytest
from validation_cases import CASES

from kg.documents.formats import InputFormat, sniff
from kg.ingest.check import document_name, format_of


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (CASES["good.ttl"], InputFormat.turtle),
        (CASES["good.yaml"], InputFormat.yamlld),
        (b"\xef\xbb\xbf  PREFIX mbl: <https://example.org/>\n", InputFormat.turtle),
        (b"# a comment\n<https://example.org/a> <https://example.org/b> 1 .", InputFormat.turtle),
        (b'{"@context": "https://example.org/", "id": "x"}', InputFormat.jsonld),
        (b"%PDF-1.4\n...", InputFormat.pdf),
        (b"<!DOCTYPE html><html><p>Medborgarl\xc3\xb6fte</p>", InputFormat.html),
        ("Medborgarlöfte för Nyköping\nDatum: 2025-01-01\n".encode(), InputFormat.text),
    ],
)
def test_a_document_is_recognised_by_its_bytes(data: bytes, expected: InputFormat) -> None:
    assert sniff(data) is expected


def test_the_named_format_then_the_extension_then_the_bytes_decide() -> None:
    ttl = CASES["good.ttl"]
    assert format_of("x.yaml", ttl, InputFormat.turtle) is InputFormat.turtle
    assert format_of("x.yaml", ttl) is InputFormat.yamlld
    assert format_of("x.upload", ttl) is InputFormat.turtle


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("nykoping-2025-2026.ttl", "nykoping-2025-2026.ttl"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\löfte 2025.yaml", "löfte_2025.yaml"),
        ("<script>alert(1)</script>.ttl", "script_.ttl"),  # the "/" ends a folder name
        (".hidden.ttl", "hidden.ttl"),
        ("x" * 300 + ".ttl", "x" * 116 + ".ttl"),
    ],
)
def test_an_uploaded_file_name_is_made_safe(name: str, expected: str) -> None:
    assert document_name(name) == expected


def test_a_document_without_a_name_is_named_by_its_format() -> None:
    assert document_name("", InputFormat.yamlld) == "document.yaml"
    assert document_name(None, InputFormat.pdf) == "document.pdf"
    assert document_name("///") == "document.ttl"
