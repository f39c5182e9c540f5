"""A document as Markdown and as an HTML page (to read as HTML or to print as a PDF), with the
structure the extractor reads in the original: headings, lists (nested), tables, paragraphs
(tests/integration/test_extract_layout_variants.py; the plain-text layouts are in
tests/layout_transforms.py)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from layout_transforms import double_spaced, heading_lines, list_runs

from kg.extract.text import BlockKind, LineKind, lines_of, segment


@dataclass
class Part:
    """One structural part of a document: a heading, a list, a table or a paragraph."""

    kind: str  # "heading", "list", "table", "paragraph"
    lines: list[str]
    level: int = 0
    items: list[tuple[int, bool, str]] | None = None  # list: (depth, ordered, text)


_MD_TABLE_RULE = re.compile(r"\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?")


def _cells(raw: str) -> list[str]:
    body = raw.strip()
    if "|" in body:
        return [c.strip() for c in body.strip("|").split("|")]
    return [c.strip() for c in re.split(r"\s{3,}", body)]


def parts(text: str) -> list[Part]:
    """The document as headings, lists, tables and paragraphs, the headings and table rows
    as the extractor reads them in the original."""
    heads = heading_lines(text)
    blocks = segment(text)
    table_lines: set[int] = set()
    for i, b in enumerate(blocks):
        if b.marker == "|":
            table_lines |= {ln.number for ln in b.lines}
            if i and blocks[i - 1].kind is BlockKind.heading and blocks[i - 1].level == 6:
                table_lines |= {ln.number for ln in blocks[i - 1].lines}  # the header row
    table_lines |= {
        ln.number for ln in lines_of(text)
        if ln.kind is LineKind.noise and _MD_TABLE_RULE.fullmatch(ln.raw.strip())
    }  # fmt: skip
    # a list is two items or more; an item alone (a speech dash in an article) stays a paragraph
    items_read = {it.line for run in list_runs(text) for it in run}
    all_lines = lines_of(text)
    double = double_spaced(all_lines)  # one blank line is a line break, two end a paragraph
    blank_run = 0
    out: list[Part] = []
    para: list[str] = []
    items: list[tuple[int, bool, str]] = []
    indents: list[int] = []
    table: list[str] = []

    def flush() -> None:
        nonlocal para, items, table, indents
        if para:
            out.append(Part("paragraph", para))
        if items:
            out.append(Part("list", [], items=items))
        if table:
            out.append(Part("table", table))
        para, items, table, indents = [], [], [], []

    for ln in all_lines:
        raw = ln.raw
        if ln.kind is LineKind.blank:
            blank_run += 1
            if (not double or blank_run >= 2) and not (items and not para):
                flush()
            continue
        in_list = bool(items) and not para
        if ln.kind is LineKind.noise and in_list and blank_run:
            continue  # a page break inside a list: on a web page the list goes on
        gap, blank_run = blank_run, 0
        goes_on = ln.kind is LineKind.noise or ln.number in items_read
        if in_list and gap and not goes_on and (not double or gap >= 2 or raw.lstrip()[:1].isupper()):
            flush()  # the list ended at the blank line (a page break does not end it)
        if ln.number in table_lines:
            if not table:
                flush()
            if not _MD_TABLE_RULE.fullmatch(raw.strip()):
                table.append(raw)
            continue
        if table:
            flush()
        if ln.kind is LineKind.noise and items and not para:
            continue  # a page break inside a list: on a web page the list goes on
        if ln.kind is LineKind.noise:
            para.append(raw)  # kept as it is: page chrome is part of the layout under test
            continue
        if ln.number in heads:
            flush()
            # a numbered heading keeps its number ("1. Trygghet i centrum")
            body = raw.strip() if ln.kind is LineKind.bullet else raw[ln.body_start :].strip()
            if ln.kind is LineKind.heading and ln.level == 5:  # a bold line
                body = body.strip("*_").rstrip(":")
            out.append(Part("heading", [body], level=heads[ln.number]))
            continue
        if ln.kind is LineKind.bullet and ln.number in items_read:
            if para:
                out.append(Part("paragraph", para))
                para = []
            indent = len(raw) - len(raw.lstrip())
            while indents and indents[-1] > indent:
                indents.pop()
            if not indents or indents[-1] < indent:
                indents.append(indent)
            marker = raw[: ln.body_start].strip()
            items.append((len(indents) - 1, marker[:1].isdigit(), raw[ln.body_start :].strip()))
            continue
        if items and not para:
            d, o, t = items[-1]
            items[-1] = (d, o, f"{t}\n{raw.strip()}")  # a further line of the item
            continue
        line = raw.strip() if ln.kind is LineKind.text else raw
        # in a double-spaced text a line right under another (no blank) is a real line break
        para.append(_HARD_BREAK + line if double and para and gap == 0 else line)
    flush()
    return out


_WRAPPED = 45
_COLUMNS = re.compile(r"(?<=\S) {3,}(?=\S)")


_HARD_BREAK = "\u2028"


def _paragraph_lines(lines: list[str]) -> list[str]:
    """A paragraph wrapped by its source (every line but the last long, none ending a sentence)
    is one line of text; a paragraph of short lines (an address, a signature block) keeps its
    line breaks, and so does a line marked as a hard break (:data:`_HARD_BREAK`)."""
    if any(x.startswith(_HARD_BREAK) for x in lines):
        groups: list[list[str]] = []
        for x in lines:
            if x.startswith(_HARD_BREAK) or not groups:
                groups.append([])
            groups[-1].append(x.removeprefix(_HARD_BREAK))
        return [y for g in groups for y in _paragraph_lines(g)]
    if (
        len(lines) > 1
        and all(len(x) >= _WRAPPED and not x.endswith((".", ":", "!", "?")) for x in lines[:-1])
        and all(not x[:1].isupper() for x in lines[1:])  # a capital may start a line of its own
        and not any(_COLUMNS.search(x) for x in lines)
    ):
        joined = lines[0]
        for x in lines[1:]:
            if joined.endswith("-") and joined[-2:-1].isalpha() and x[:1].islower():
                joined = joined[:-1] + x  # a word hyphenated at the margin
            else:
                joined = f"{joined} {x}"
        return [joined]
    return lines


_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((<?[^)\s]+>?)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _inline_html(s: str) -> str:
    """Markdown inline markup (links, bold) as HTML, the rest escaped."""
    out = []
    pos = 0
    for m in _MD_LINK.finditer(s):
        out.append(html.escape(s[pos : m.start()]))
        out.append(f'<a href="{html.escape(m.group(2).strip("<>"))}">{html.escape(m.group(1))}</a>')
        pos = m.end()
    out.append(html.escape(s[pos:]))
    return _BOLD.sub(r"<strong>\1</strong>", "".join(out))


def _list_html(items: list[tuple[int, bool, str]], markers: bool) -> str:
    out: list[str] = []
    stack: list[str] = []
    counters: dict[int, int] = {}
    for depth, ordered, text in items:
        counters = {k: v for k, v in counters.items() if k <= depth}
        counters[depth] = counters.get(depth, 0) + 1
        if markers:  # the marker as text, as a word processor writes it into a PDF
            text = (f"{counters[depth]}. " if ordered else ("• ", "o ", "▪ ")[min(depth, 2)]) + text
        while len(stack) > depth + 1:
            out.append(f"</li></{stack.pop()}>")
        if len(stack) == depth + 1:
            out.append("</li>")
        while len(stack) < depth + 1:
            tag = "ol" if ordered else "ul"
            stack.append(tag)
            out.append(f"<{tag}>")
        out.append("<li>" + "<br>\n".join(_inline_html(x) for x in _paragraph_lines(text.split("\n"))))
    while stack:
        out.append(f"</li></{stack.pop()}>")
    return "\n".join(out)


def to_html(text: str, *, markers: bool = False) -> str:
    """The document as a web page: headings ``<h1>``-``<h6>``, paragraphs ``<p>`` (short lines
    kept apart with ``<br>``), lists ``<ul>``/``<ol>`` (nested), tables ``<table>``. With
    ``markers`` the list markers are text, not drawn by the browser (a page to print as a PDF
    whose text layer holds them, as a word processor's PDF does)."""
    body: list[str] = []
    for p in parts(text):
        if p.kind == "heading":
            level = min(max(p.level, 1), 6)
            body.append(f"<h{level}>{_inline_html(p.lines[0])}</h{level}>")
        elif p.kind == "list":
            body.append(_list_html(p.items or [], markers))
        elif p.kind == "table":
            rows = [_cells(r) for r in p.lines]
            cells = ["".join(f"<{'th' if i == 0 else 'td'}>{html.escape(c)}</{'th' if i == 0 else 'td'}>"
                             for c in row) for i, row in enumerate(rows)]  # fmt: skip
            body.append("<table>\n" + "\n".join(f"<tr>{c}</tr>" for c in cells) + "\n</table>")
        elif all(_COLUMNS.search(x.strip()) for x in p.lines):
            # columns set with spaces (a two-column signature block): a table on a web page
            trs = ["".join(f"<td>{html.escape(c)}</td>" for c in _COLUMNS.split(x.strip())) for x in p.lines]
            body.append("<table>\n" + "\n".join(f"<tr>{r}</tr>" for r in trs) + "\n</table>")
        else:
            body.append("<p>" + "<br>\n".join(_inline_html(x) for x in _paragraph_lines(p.lines)) + "</p>")
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n<head><meta charset="utf-8"><title>Medborgarlöfte</title>'
        "<style>body{font-family:'DejaVu Sans',sans-serif;font-size:11pt;max-width:40em}"
        + ("ul,ol{list-style:none}" if markers else "")
        + "</style>"
        "</head>\n<body>\n<main>\n" + "\n".join(body) + "\n</main>\n</body>\n</html>\n"
    )


def to_markdown(text: str) -> str:
    """The document as Markdown: ``#`` headings, ``-``/``1.`` lists (nested by two spaces per
    level), pipe tables, one line per wrapped paragraph."""
    out: list[str] = []
    for p in parts(text):
        if p.kind == "heading":
            out.append("#" * min(max(p.level, 1), 6) + " " + p.lines[0])
        elif p.kind == "list":
            counters: dict[int, int] = {}
            lines = []
            for depth, ordered, t in p.items or []:
                counters = {k: v for k, v in counters.items() if k <= depth}
                counters[depth] = counters.get(depth, 0) + 1
                marker = f"{counters[depth]}." if ordered else "-"
                first, *more = _paragraph_lines(t.split("\n"))
                lines.append("   " * depth + f"{marker} {first}")
                lines.extend("   " * (depth + 1) + x for x in more)
            out.append("\n".join(lines))
        elif p.kind == "table":
            rows = [_cells(r) for r in p.lines]
            md = ["| " + " | ".join(r) + " |" for r in rows]
            md.insert(1, "|" + "---|" * len(rows[0]))
            out.append("\n".join(md))
        else:
            out.append("\n".join(_paragraph_lines(p.lines)))
    return "\n\n".join(out) + "\n"
