"""Control characters are no text: a literal holding one (a form feed or NUL copied from a PDF,
an escape sequence) cannot be written in XML 1.0, so an RDF/XML dump or a SPARQL XML result of it
would not be XML. ``kg validate`` and ``kg import`` refuse such a document
(``mblsh:Literal-characters``), the steward's terminal never receives the character, and ``kg
extract`` reads it as what it is on the page (a page break, or nothing)."""

from __future__ import annotations

from pathlib import Path

from cli_support import dump, streams
from rdflib import Literal

from kg.errors import EXIT_NOT_CONFORMING
from kg.extract import extract_text

HERE = Path(__file__).resolve().parent
VALID = HERE.parent / "fixtures" / "shapes" / "invalid" / "text-control-character.ttl"


def _with(tmp_path: Path, escape: str) -> Path:
    """The shapes fixture with ``escape`` (Turtle) in the activity's description."""
    text = VALID.read_text(encoding="utf-8").replace(
        "göra\\ftrafikkontroller", f"göra{escape}trafikkontroller"
    )
    path = tmp_path / "promise.ttl"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_document_with_an_escape_sequence_is_refused_and_the_terminal_never_gets_it(tmp_path: Path) -> None:
    path = _with(tmp_path, "\\u001B[2J\\u001B[31m")  # clear the screen, then red
    code, out, err = streams(tmp_path / "store", "validate", str(path))
    assert code == EXIT_NOT_CONFORMING, out + err
    assert "mblsh:Literal-characters" in out and "[U+001B]" in out
    assert "\x1b" not in out + err
    assert "Ta bort det ur källfilen" in out


def test_import_refuses_it_and_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert streams(store, "init")[0] == 0
    before = dump(store)
    code, out, err = streams(store, "import", str(_with(tmp_path, "\\u0000")))
    assert code == EXIT_NOT_CONFORMING, out + err
    assert dump(store) == before


def test_extract_reads_a_page_break_as_a_break_and_drops_other_control_characters() -> None:
    text = (
        "Medborgarlöfte 2025 för Eslövs kommun\n\nPolisen och kommunen lovar:\n\n"
        "- Polisen ska patrullera i\x07 centrum varje vecka.\x00\n\x0c"
        "- Kommunen ska ordna nattvandringar varje helg.\n"
    )
    result = extract_text(text, source_name="eslov.txt")
    assert [a.description for a in result.activities] == [
        "Polisen ska patrullera i centrum varje vecka.",
        "Kommunen ska ordna nattvandringar varje helg.",
    ]
    literals = [o for o in result.graph.objects() if isinstance(o, Literal)]
    assert literals and not [o for o in literals if any(ord(c) < 0x20 and c not in "\t\n\r" for c in o)]
