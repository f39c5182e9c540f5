"""Text made safe for one line of a terminal, for every stage that prints what a document or a
query result holds (a query's table, a validation report, the catalogue)."""

from __future__ import annotations

_ONE_LINE = {
    **{c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0))},
    **dict.fromkeys(map(ord, "\t\n\v\f\r\x85\u2028\u2029"), " "),
}
"""Line breaks and tabs as a space; other control characters (ESC ...) as ``\\xNN``."""


def one_line(text: str) -> str:
    """``text`` as one line of a terminal table: a line break or tab is a space, and no control
    character (a carriage return, an escape sequence) reaches the terminal to move or recolour it."""
    return text if text.isprintable() else text.replace("\r\n", "\n").translate(_ONE_LINE)
