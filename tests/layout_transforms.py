"""Layout transformations of a published text that keep its content and change only its form,
as real publishing tools do (tests/integration/test_extract_layout_variants.py).

Every Swedish municipality publishes its medborgarlöfte in its own layout: a PDF whose text
layer is wrapped at 60-70 columns, a page saved from Word with CRLF line ends, non-breaking
spaces and soft hyphens, another bullet glyph or a numbered list, headings in capitals, an HTML
page or Markdown. Each function here takes the *normalised* text of a document (what
:func:`kg.extract.text.normalise` returns; the ``# source:`` line removed) and returns the same
document in another layout: a text (``.txt``), a Markdown text or an HTML page. Where the form
depends on what a line is (a heading, a list item, a table row), the extractor's own reading of
the original (:func:`kg.extract.text.segment`) says so, so the variant keeps the structure the
original was read with and a difference is the layout's doing. The document as Markdown and as
HTML is written by tests/layout_render.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kg.extract.text import BlockKind, Line, LineKind, lines_of, segment

# -- plain-text transformations --------------------------------------------------------------


def crlf(text: str) -> str:
    """Windows line ends, as a text saved on Windows has them."""
    return text.replace("\n", "\r\n")


_SHORT_WORD_SPACE = re.compile(r"(?:(?<=\b\w)|(?<=\b\w\w)|(?<=\d)) (?=\S)|(?<=\S) (?=[–—-] )")


def nbsp(text: str) -> str:
    """Non-breaking spaces where a word processor ties words: after a short word ("i", "på"),
    after a number ("2 gånger"), before a dash ("Polisen –")."""
    return "\n".join(_SHORT_WORD_SPACE.sub("\u00a0", line) for line in text.split("\n"))


_LONG_WORD = re.compile(r"[a-zåäöé]{10,}")


def soft_hyphens(text: str) -> str:
    """Soft hyphens (U+00AD) inside long words, as hyphenating editors store them."""

    def hyphenate(m: re.Match[str]) -> str:
        w = m.group(0)
        return "\u00ad".join(w[i : i + 5] for i in range(0, len(w), 5))

    return _LONG_WORD.sub(hyphenate, text)


_TOKEN = re.compile(r"\[[^\]\n]*\]\([^)\n]*\)|\S+")


def double_spaced(lines: list[Line]) -> bool:
    """A text written with a blank line after every line (some PDF converters do so): sentences
    run on after a single blank line, in lower case, at least three times."""
    runs_on = 0
    for a, gap, b in zip(lines, lines[1:], lines[2:], strict=False):
        if a.kind is LineKind.text and gap.kind is LineKind.blank and b.kind is LineKind.text:
            runs_on += b.raw.lstrip()[:1].islower() and not a.raw.rstrip().endswith((".", ":", "!", "?"))
    return runs_on >= 3


def _safe_continuation(line: str) -> bool:
    """A wrapped line must still read as the continuation of its paragraph: not as a list item,
    a heading, page noise (a lone page number) or a line of its own kind."""
    (ln,) = lines_of(line)
    return ln.kind is LineKind.text and not line.lstrip().startswith(("#", "|"))


def _wrap_line(line: str, width: int, hyphenate: bool) -> list[str]:
    (ln,) = lines_of(line)
    body_start = ln.body_start if ln.kind is LineKind.bullet else len(line) - len(line.lstrip())
    prefix, body = line[:body_start], line[body_start:]
    hang = " " * len(prefix) if ln.kind is LineKind.bullet else ""
    words = _TOKEN.findall(body)
    out: list[str] = []
    current = prefix
    first = True
    for w in words:
        lead = current if first or current.strip() else hang
        candidate = f"{current} {w}" if current.strip() else lead + w
        if len(candidate) <= width or not current.strip():
            current = candidate
            continue
        room = width - len(current) - 2
        if hyphenate and _LONG_WORD.fullmatch(w) and room >= 5 and len(w) - room >= 5:
            out.append(f"{current} {w[:room]}-")
            current, first = hang + w[room:], False
            continue
        out.append(current)
        current, first = hang + w, False
    out.append(current)
    # move words forward so no continuation line reads as something else
    for i in range(1, len(out)):
        while not _safe_continuation(out[i]) and len(out[i - 1].split()) > 1:
            head, _, last = out[i - 1].rpartition(" ")
            out[i - 1] = head
            out[i] = f"{hang}{last} {out[i].strip()}"
    return out


def wrap(text: str, width: int = 64, *, hyphenate: bool = False) -> str:
    """Hard line wrapping at ``width`` columns, as a PDF's text layer gives: paragraphs and list
    items (with a hanging indent) are wrapped; headings, table rows and lines of a signature block
    stay whole. With ``hyphenate`` a long word at the margin is split with a hyphen."""
    out: list[str] = []
    lines = lines_of(text)
    # a text written with a blank line after every line keeps that layout in its new lines
    newline = "\n\n" if double_spaced(lines) else "\n"
    for ln in lines:
        raw = ln.raw
        if (
            len(raw) <= width
            or ln.kind not in (LineKind.text, LineKind.bullet)
            or "|" in raw
            or re.search(r"\S {3,}\S", raw.strip())
        ):
            out.append(raw)
            continue
        out.append(newline.join(_wrap_line(raw, width, hyphenate)))
    return "\n".join(out)


def heading_lines(text: str) -> dict[int, int]:
    """Line number -> heading level of the lines the extractor reads as headings, but for the
    short lines of the signature block at the end (names, posts, places: no author's headings)."""
    out: dict[int, int] = {}
    tail = signature_zone(text)
    for b in segment(text):
        if b.kind is BlockKind.heading and len(b.lines) == 1 and b.lines[0].number < tail:
            out[b.lines[0].number] = b.level or 2
    return out


def signature_zone(text: str) -> int:
    """The number of the first line of the block of short lines that ends the text (a
    signature block: names, posts, places and dates), or one past the last line."""
    lines = lines_of(text)
    first = len(lines) + 1
    for ln in reversed(lines):
        body = ln.raw.strip()
        if ln.kind is LineKind.blank or ln.kind is LineKind.noise:
            continue
        if (
            (ln.kind is LineKind.heading and ln.level < 5)
            or ln.kind is LineKind.bullet
            or len(body) >= 70
            or body.endswith((".", "!", "?", ":"))
        ):
            break
        first = ln.number
    return first if first <= len(lines) and len(lines) - first >= 2 else len(lines) + 1


def item_lines(text: str) -> set[int]:
    """The first lines of the list items the extractor reads (not a numbered heading, not a
    table row)."""
    return {b.lines[0].number for b in segment(text) if b.kind is BlockKind.bullet and b.marker != "|"}


def upper_headings(text: str) -> str:
    """Headings in capitals, as many templates set them."""
    heads = heading_lines(text)
    out = []
    for ln in lines_of(text):
        if ln.number in heads:
            out.append(ln.raw[: ln.body_start] + _upper_outside_links(ln.raw[ln.body_start :]))
        else:
            out.append(ln.raw)
    return "\n".join(out)


def _upper_outside_links(s: str) -> str:
    parts = re.split(r"(\([^)]*\))", s)  # a link target stays as it is
    return "".join(p if p.startswith("(") and "://" in p else p.upper() for p in parts)


@dataclass
class _Item:
    line: int
    indent: int
    marker: str


def list_runs(text: str) -> list[list[_Item]]:
    """The lists of a text: runs of two or more list items (continuation lines and single blank
    lines between items allowed), each item with its indentation and marker."""
    runs: list[list[_Item]] = []
    current: list[_Item] = []
    gap = 0
    items = item_lines(text)
    for ln in lines_of(text):
        if ln.kind is LineKind.bullet and ln.number in items:
            marker = ln.raw[: ln.body_start].strip()
            current.append(_Item(ln.number, len(ln.raw) - len(ln.raw.lstrip()), marker))
            gap = 0
        elif ln.kind is LineKind.blank:
            gap += 1
            if gap > 1:
                runs.append(current)
                current = []
        elif (ln.kind is LineKind.text and current and gap == 0) or ln.kind is LineKind.noise:
            continue  # a wrapped item, or a page break inside the list
        else:
            runs.append(current)
            current, gap = [], 0
    runs.append(current)
    return [r for r in runs if len(r) >= 2]


# The glyphs a word processor uses per level of a bulleted list (a sub-list gets its own glyph).
BULLET_STYLES: dict[str, tuple[str, ...]] = {
    "bullet": ("•", "o", "▪"),
    "dash": ("-", "•", "▪"),
    "en-dash": ("–", "•", "▪"),
    "numbered": ("#.", "a)", "•"),
}


def bullets(text: str, style: str) -> str:
    """Every list with another marker (``•``, ``-``, ``–`` or numbers ``1.``, ``2.`` …; a
    sub-list gets the next level's marker, as word processors do)."""
    levels = BULLET_STYLES[style]
    new: dict[int, str] = {}
    for run in list_runs(text):
        indents = sorted({it.indent for it in run})
        counters: dict[int, int] = {}
        for it in run:
            level = min(indents.index(it.indent), len(levels) - 1)
            for deeper in [k for k in counters if k > level]:
                del counters[deeper]
            counters[level] = counters.get(level, 0) + 1
            glyph = levels[level]
            if glyph == "#.":
                glyph = f"{counters[level]}."
            elif glyph == "a)":
                glyph = f"{'abcdefgh'[min(counters[level], 8) - 1]})"
            new[it.line] = glyph
    out = []
    for ln in lines_of(text):
        if ln.number in new:
            indent = ln.raw[: len(ln.raw) - len(ln.raw.lstrip())]
            out.append(f"{indent}{new[ln.number]} {ln.raw[ln.body_start :]}")
        else:
            out.append(ln.raw)
    return "\n".join(out)


TextTransform = Callable[[str], str]

TEXT_TRANSFORMS: dict[str, TextTransform] = {
    "crlf": crlf,
    "nbsp": nbsp,
    "soft-hyphens": soft_hyphens,
    "wrap-64": wrap,
    "wrap-60-hyphenated": lambda t: wrap(t, 60, hyphenate=True),
    "bullets-dot": lambda t: bullets(t, "bullet"),
    "bullets-dash": lambda t: bullets(t, "dash"),
    "bullets-en-dash": lambda t: bullets(t, "en-dash"),
    "bullets-numbered": lambda t: bullets(t, "numbered"),
    "upper-headings": upper_headings,
}
"""Name -> transformation of a normalised text into another text of the same content."""
