"""A PDF page's text lines, set out as the plain text the extractor reads, from their geometry.

pdfminer gives each text line with its position and its glyphs' font and size, grouped into
text boxes. Its own text output writes box after box, one physical line after another, at the
margin; what the page's geometry says is lost:

- a table's cells are boxes of their own, written column after column: cells side by side in
  one row (sharing their top, middle or bottom) are written as one line, each cell's wrapped
  lines joined, the cells apart by three spaces (as a table flattened to text is written);
- two columns of short lines (a signature block) are lines on the same baseline: written as one
  line, the columns apart by three spaces, also where pdfminer joined two of them because the
  columns' gap is narrow (split where a word starts at a column's edge);
- an item's sub-items are set further right: each line is indented by its distance from the
  page's left edge (one space per half the body text's size);
- a heading (bold, or larger than the body text) that the page's width wrapped is one line: its
  lines are joined when a line goes on right under the one before it in the same font and the
  next word would not have fitted on that line.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from kg.extract.text import LineKind, lines_of

_CELL_GAP = "   "  # how a table row or columns set with spaces are written in plain text
_MAX_CELL_LINES = 6  # a text box of more lines is a paragraph, not a table cell


@dataclass
class Segment:
    """A run of glyphs on one baseline: a line, or one column's part of it."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    font: str
    size: float
    box: int
    first_word: float = 0.0
    """The width of the segment's first word (to tell whether it would have fitted above)."""

    @property
    def baseline(self) -> float:
        return self.bottom


@dataclass
class _Glyphs:
    text: list[str] = field(default_factory=list)
    x0: float = 0.0
    x1: float = 0.0
    font: Counter[tuple[str, float]] = field(default_factory=Counter)
    first_word_end: float | None = None


def _segments(line: Any, box: int, splits: Iterable[float]) -> list[Segment]:
    """A pdfminer text line as segments: one, or one per column where a word starts at one of
    the column edges ``splits`` (after a space)."""
    from pdfminer.layout import LTChar

    cuts = sorted(splits)
    parts: list[_Glyphs] = []
    cur = _Glyphs()
    after_space = False
    for item in line:
        ch = item.get_text()
        if not isinstance(item, LTChar):
            cur.text.append(ch)
            after_space = after_space or ch.isspace()
            continue
        if ch.isspace():
            cur.text.append(ch)
            after_space = True
            continue
        if cur.font and after_space and any(abs(item.x0 - c) < 1.0 for c in cuts):
            parts.append(cur)
            cur = _Glyphs()
        if not cur.font:
            cur.x0 = item.x0
        elif after_space and cur.first_word_end is None:
            cur.first_word_end = cur.x1
        cur.text.append(ch)
        cur.x1 = item.x1
        cur.font[(item.fontname, round(item.size, 1))] += 1
        after_space = False
    parts.append(cur)
    out = []
    for p in parts:
        text = "".join(p.text).strip()
        if not text or not p.font:
            continue
        (font, size), _ = p.font.most_common(1)[0]
        end = p.first_word_end if p.first_word_end is not None else p.x1
        out.append(Segment(text, p.x0, p.x1, line.y1, line.y0, font, size, box, end - p.x0))
    return out


def _column_edges(lines: list[Any]) -> list[tuple[float, float]]:
    """(x, baseline) of the left edges of lines that stand beside another line on the same
    baseline (columns set side by side), top to bottom."""
    edges: set[tuple[float, float]] = set()
    ordered = sorted(lines, key=lambda ln: ln.y0)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b.y0 - a.y0 >= 1.0:
                break
            if a.x1 <= b.x0 or b.x1 <= a.x0:
                edges |= {(a.x0, a.y0), (b.x0, b.y0)}
    return sorted(edges, key=lambda e: e[1])


def _near_edges(line: Any, edges: list[tuple[float, float]]) -> list[float]:
    """The column edges of lines within two lines' height of ``line`` (above or below)."""
    reach = 2.5 * line.height
    return [x for x, y in edges if abs(y - line.y0) <= reach and x > line.x0 + 1.0]


def page_segments(page: Any) -> list[Segment]:
    """The horizontal text lines of a pdfminer page (in its boxes' order), split into columns."""
    from pdfminer.layout import LTFigure, LTTextBox, LTTextLineHorizontal

    lines: list[tuple[Any, int]] = []

    def walk(container: Any) -> None:
        for item in container:
            if isinstance(item, LTTextBox):
                n = len(lines) and lines[-1][1] + 1
                lines.extend((ln, n) for ln in item if isinstance(ln, LTTextLineHorizontal))
            elif isinstance(item, LTTextLineHorizontal):
                lines.append((item, len(lines) and lines[-1][1] + 1))
            elif isinstance(item, LTFigure):  # a form or an embedded page: its own text boxes
                walk(item)

    walk(page)
    edges = _column_edges([ln for ln, _ in lines])
    return [s for ln, box in lines for s in _segments(ln, box, _near_edges(ln, edges) if edges else ())]


def _overlap(a: Segment | list[Segment], b: Segment | list[Segment]) -> bool:
    at, ab = _extent(a)
    bt, bb = _extent(b)
    return min(at, bt) - max(ab, bb) > 0


def _extent(s: Segment | list[Segment]) -> tuple[float, float]:
    if isinstance(s, Segment):
        return s.top, s.bottom
    return max(x.top for x in s), min(x.bottom for x in s)


def _aligned(a: list[Segment], b: list[Segment], tol: float) -> bool:
    """Two cells of one table row: side by side, sharing their top, middle or bottom."""
    if max(x.x1 for x in a) > min(x.x0 for x in b) and max(x.x1 for x in b) > min(x.x0 for x in a):
        return False
    (at, ab), (bt, bb) = _extent(a), _extent(b)
    return abs(at - bt) < tol or abs(ab - bb) < tol or abs((at + ab) - (bt + bb)) / 2 < tol


def _groups(
    boxes: dict[int, list[Segment]], linked: Callable[[list[Segment], list[Segment]], bool]
) -> list[list[int]]:
    """The boxes linked (directly or through others) to another that overlaps them vertically,
    each group left to right."""
    parent = {k: k for k in boxes}

    def find(k: int) -> int:
        while parent[k] != k:
            k = parent[k]
        return k

    by_top = sorted(boxes, key=lambda k: -_extent(boxes[k])[0])  # a sweep down the page
    for i, a in enumerate(by_top):
        for b in by_top[i + 1 :]:
            if not _overlap(boxes[a], boxes[b]):
                if _extent(boxes[b])[0] <= _extent(boxes[a])[1]:
                    break  # b and every box below it start under a
                continue
            if linked(boxes[a], boxes[b]):
                parent[find(b)] = find(a)
    groups: dict[int, list[int]] = {}
    for k in sorted(boxes):
        groups.setdefault(find(k), []).append(k)
    return [sorted(g, key=lambda k: min(s.x0 for s in boxes[k])) for g in groups.values() if len(g) > 1]


def _table_row(a: list[Segment], b: list[Segment]) -> bool:
    return _aligned(a, b, 0.3 * min(a[0].size, b[0].size))


def _columns(a: list[Segment], b: list[Segment]) -> bool:
    """Two boxes of short lines set side by side (a signature block): they share a baseline,
    and no line of one stands over or under a line of the other."""
    if any(_overlap(x, y) and x.x1 > y.x0 and y.x1 > x.x0 for x in a for y in b):
        return False
    return any(abs(x.baseline - y.baseline) < 0.3 * x.size for x in a for y in b)


def _side_by_side(segs: list[Segment]) -> dict[int, tuple[bool, list[int]]]:
    """Text boxes read across, not one after another: box -> (a table row?, the boxes).

    A table row's cells (each box one column, up to a few lines) share their top, middle or
    bottom, and the table has more rows of as many cells; each cell is one value, its lines
    joined. Boxes of short lines side by side on shared baselines, none of whose lines goes on
    in lower case from the line above (a paragraph's), are columns: read line by line across."""
    boxes: dict[int, list[Segment]] = {}
    for s in segs:
        boxes.setdefault(s.box, []).append(s)
    short = {k: v for k, v in boxes.items() if len(v) <= _MAX_CELL_LINES}
    cells = {
        k: v
        for k, v in short.items()
        if len({round(s.x0) for s in v}) == 1 and len({s.baseline for s in v}) == len(v)
    }
    rows = _groups(cells, _table_row)
    # a table has rows: cells side by side once (two columns of paragraphs that happen to start
    # level, a signature block) are not read as one
    widths = Counter(len(row) for row in rows)
    out = {k: (True, row) for row in rows if widths[len(row)] > 1 for k in row}
    rest = {k: v for k, v in short.items() if k not in out}
    for group in _groups(rest, _columns):
        if not any(s.text[:1].islower() for k in group for s in sorted(rest[k], key=lambda s: -s.top)[1:]):
            out.update({k: (False, group) for k in group})
    return out


def _join(parts: list[str]) -> str:
    out = parts[0]
    for p in parts[1:]:
        hyphenated = out.endswith("-") and out[-2:-1].isalpha() and p[:1].islower()
        out = out[:-1] + p if hyphenated else f"{out} {p}"  # a word hyphenated at the line's end
    return out


def _bold(font: str) -> bool:
    return any(w in font.lower() for w in ("bold", "black", "heavy", "semibold", "demi"))


@dataclass(frozen=True)
class _Style:
    """The document's body text (the font and size most of its glyphs have) and its heading
    levels (the sizes of its headings, largest first, down to the body text's size)."""

    font: str
    size: float
    levels: tuple[float, ...]

    def heading(self, font: str, size: float) -> bool:
        return size > self.size + 0.5 or (_bold(font) and not _bold(self.font))

    def marker(self, size: float) -> str:
        """A heading line's Markdown marker: "#" by its size's rank, else "**" (a bold line)."""
        if size in self.levels:
            return "#" * (self.levels.index(size) + 1) + " "
        return "**"


def _style(pages: list[list[Segment]]) -> _Style:
    weights: Counter[tuple[str, float]] = Counter()
    for segs in pages:
        for s in segs:
            weights[(s.font, s.size)] += len(s.text)
    font, size = weights.most_common(1)[0][0]
    # a heading is set larger than the body text, or in another font (bold) at its size
    body = _Style(font, size, ())
    sizes = {s.size for segs in pages for s in segs if s.size > size - 0.5 and body.heading(s.font, s.size)}
    return _Style(font, size, tuple(sorted(sizes, reverse=True)[:4]))


def document_text(pages: Iterable[Any]) -> list[str]:
    """The pages of a pdfminer document as plain text (see the module's description)."""
    segments = [page_segments(p) for p in pages]
    if not any(segments):
        return ["" for _ in segments]
    style = _style(segments)
    return [_page_text(segs, style) if segs else "" for segs in segments]


def _page_text(segs: list[Segment], style: _Style) -> str:
    left = min(s.x0 for s in segs)
    right = max(s.x1 for s in segs)
    across = _side_by_side(segs)
    by_box: dict[int, list[Segment]] = {}
    for s in segs:
        by_box.setdefault(s.box, []).append(s)
    blocks: list[list[str]] = []  # paragraphs, apart by a blank line
    in_table = False  # the last block is a table's rows
    done: set[int] = set()
    for box, box_segs in by_box.items():
        if box in done:
            continue
        if box in across and not across[box][0]:  # columns: line by line across
            group = across[box][1]
            done.update(group)
            lines = _baseline_lines([s for b in group for s in by_box[b]])
            blocks.append(
                [_indent(ln[0].x0, left, style) + _CELL_GAP.join(x.text for x in ln) for ln in lines]
            )
            in_table = False
            continue
        if box in across:  # a table row: its cells, each unwrapped, on one line
            row = across[box][1]
            done.update(row)
            cells = [_join([s.text for s in sorted(by_box[b], key=lambda s: -s.top)]) for b in row]
            line = _indent(by_box[row[0]][0].x0, left, style) + _CELL_GAP.join(cells)
            if in_table:
                blocks[-1].append(line)  # the next row of the same table
            else:
                blocks.append([line])
            in_table = True
            continue
        in_table = False
        lines = _baseline_lines(box_segs)
        heading = _heading(lines, right, style)
        if heading is not None:
            blocks.append([_indent(lines[0][0].x0, left, style) + heading])
            continue
        blocks.append([_indent(ln[0].x0, left, style) + _CELL_GAP.join(x.text for x in ln) for ln in lines])
    return "\n\n".join("\n".join(b) for b in blocks)


def _indent(x0: float, left: float, style: _Style) -> str:
    """Spaces for a line's distance from the page's left edge, one per half the body size."""
    return " " * round((x0 - left) / (style.size / 2))


def _baseline_lines(segs: list[Segment]) -> list[list[Segment]]:
    """A text box's segments as lines, top to bottom: those on one baseline (columns set side by
    side) together, left to right."""
    lines: list[list[Segment]] = []
    for s in sorted(segs, key=lambda s: (-s.baseline, s.x0)):
        if lines and abs(lines[-1][0].baseline - s.baseline) < 0.3 * s.size:
            lines[-1].append(s)
        else:
            lines.append([s])
    for ln in lines:
        ln.sort(key=lambda s: s.x0)
    return lines


_MAX_HEADING_LINES = 3


def _heading(lines: list[list[Segment]], right: float, style: _Style) -> str | None:
    """A text box that is a heading, as one Markdown heading line: one to three lines in a
    heading's font and size (:meth:`_Style.heading`), each further line right under the one
    before at the same left edge, where its first word would not have fitted (the page's width
    wrapped it), not a list item and no sentence's full stop at its end."""
    if len(lines) > _MAX_HEADING_LINES or any(len(ln) != 1 for ln in lines):
        return None
    segs = [ln[0] for ln in lines]
    first = segs[0]
    if not style.heading(first.font, first.size) or first.text.endswith("."):
        return None
    for prev, s in itertools.pairwise(segs):
        if not (
            (prev.font, prev.size) == (s.font, s.size)
            and abs(prev.x0 - s.x0) < 1.0
            and 0 < prev.bottom - s.bottom < 2 * s.size
            and prev.x1 + s.first_word + 0.3 * s.size > right
        ):
            return None
    text = _join([s.text for s in segs])
    if text.endswith(".") or lines_of(text)[0].kind is not LineKind.text:
        return None  # a sentence, or a list item set in bold (the list reads it)
    mark = style.marker(first.size)
    return mark + text + ("**" if mark == "**" else "")
