"""The running header or footer of a paged document: the line a word processor repeats on every
page ("Medborgarlöfte 2025 | Hudiksvalls kommun | Sida 2 av 4"), which a PDF's text layer leaves
between the paragraphs, often right above a heading.

Such a line is recognised by how it is built, not by its words: one of its parts, set apart by a
bar, a bullet, a dash, a tab or a wide gap, is a page number ("Sida 2 av 4", "Page 2", "2 av 4",
"2 (4)"), which no sentence of the promise is. The same line without its page number, repeated
(the first page's header often has none), is the same header.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.extract.text import Line

_SEPARATOR = re.compile(r"\s+[|·•]\s+|\s+[–—]\s+|\s*\t\s*|\s{3,}")
_PAGE_NUMBER = re.compile(r"(?:sida|page|s\.)\s?\d{1,3}(?:\s?(?:av|of|/)\s?\d{1,3})?", re.IGNORECASE)
_BARE_PAGE_NUMBER = re.compile(r"\d{1,3}\s?(?:av|of|/)\s?\d{1,3}|\d{1,3}\s?\(\d{1,3}\)")
"""A page number without its word ("2 av 4", "2 (4)"), which a table's cell may also hold: a
header only where the line repeats with another number."""


def _parts(raw: str) -> list[str]:
    return [p for p in _SEPARATOR.split(raw.strip().strip("|").strip()) if p]


def _without(parts: list[str], page: re.Pattern[str]) -> tuple[str, ...]:
    return tuple(p for p in parts if not page.fullmatch(p))


def mark_running_heads(lines: list[Line]) -> list[Line]:
    """``lines`` with each line of a running header or footer made a noise line."""
    from kg.extract.text import LineKind  # the line primitives build on this module

    parts = [_parts(ln.raw) for ln in lines]
    counts = Counter(tuple(p) for p in parts)
    numbered: dict[tuple[str, ...], set[str]] = {}  # a header's words: its lines with a number
    for p in parts:
        for page in (_PAGE_NUMBER, _BARE_PAGE_NUMBER):
            words = _without(p, page)
            if 1 <= len(words) < len(p):
                numbered.setdefault(words, set()).add(" ".join(p))
                break
    headers = {
        words
        for words, found in numbered.items()
        if len(found) >= 2 or any(_PAGE_NUMBER.search(f) for f in found)
    }

    def header(p: list[str]) -> bool:
        if any(
            _without(p, page) in headers and len(_without(p, page)) < len(p)
            for page in (_PAGE_NUMBER, _BARE_PAGE_NUMBER)
        ):
            return True
        # the same line without its number (the first page's header), repeated
        return len(p) >= 2 and tuple(p) in headers and counts[tuple(p)] + len(numbered[tuple(p)]) >= 2

    return [replace(ln, kind=LineKind.noise) if header(p) else ln for ln, p in zip(lines, parts, strict=True)]
