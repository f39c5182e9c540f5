"""What the layout of a page says about its blocks, after the first segmentation.

Real pages are built in ways a line-by-line reading misses: a heading written on the line right
before its content, a numbered section heading that looks like a list item, items nested under
an item, a table flattened to text, a cookie banner in a paragraph, a page cut off mid-sentence.
:func:`refine` applies these readings to the blocks of :func:`kg.extract.text.segment`; each
keeps the block's offset map, so every passage still points into the normalised text.
"""

from __future__ import annotations

import itertools
import re

from kg.extract.model import Passage
from kg.extract.tables import FIELD, column_role, field_items, tables
from kg.extract.text import (
    EMPTY_ITEM,
    TERMINAL,
    UNDERTAKE,
    Block,
    BlockBuilder,
    BlockKind,
    Line,
    LineKind,
    looks_like_plain_heading,
    make_block,
    sentences,
)


def split_and_tables(blocks: list[Block], double: bool) -> list[Block]:
    """The passes before plain headings are promoted: tables, heading lines, numbered headings."""
    blocks = tables(blocks)
    # a record of short fields ("Aktivitet: …" / "Ansvarig: Polisen" / "Tidplan: Q2 2025") is
    # read before its lines can be taken for headings written one after another
    blocks = _records(blocks)
    blocks = _split_heading_lines(blocks, double)
    return _numbered_headings(blocks)


def mark(blocks: list[Block], lines: list[Line]) -> None:
    """The passes on the final blocks: nesting of items, page chrome, a page cut off."""
    _nest(blocks)
    blocks[:] = field_items(blocks)  # an item over its "Ansvar:"/"När:" fields is one row
    _outline_levels(blocks)
    _mark_chrome(blocks)
    _mark_cut(blocks, lines)


def _heading_like(line: str, max_words: int = 6) -> bool:
    t = line.strip()
    field = FIELD.match(t)
    if field is not None and column_role(field.group("label")) == "responsible":
        return False  # "Ansvarig: Polisen och kommunen" names who does the work, no heading
    return bool(t) and len(t.split()) <= max_words and looks_like_plain_heading(t) and " – " not in t


def _split_heading_lines(blocks: list[Block], double: bool) -> list[Block]:
    """Headings written on the line right before their content, with no blank line between:
    a run of short heading-like lines ("Prioriterade områden" / "Narkotika" before a list), or
    one short line before a paragraph ("Det här ska göras" / "Under 2019 ska ..."). One heading
    wrapped onto a second line (:func:`wrapped_heading`) is not split."""
    out: list[Block] = []
    for i, b in enumerate(blocks):
        lines = b.lines
        if b.kind is BlockKind.bullet and not double and _numbered_title(b):
            out.extend(_split_heading_lines([_title_of(b), _body_of(b)], double))
            continue
        if b.kind is not BlockKind.prose or len(lines) < 2 or double:
            out.append(b)
            continue
        raws = [ln.raw[ln.body_start :] for ln in lines]
        follows_list = i + 1 < len(blocks) and blocks[i + 1].kind is BlockKind.bullet
        if (
            all(_heading_like(r) for r in raws)
            and (follows_list or len(lines) <= 3)
            and not wrapped_heading(b)
        ):
            for ln in lines:
                h = make_block(BlockKind.heading, [ln], level=2)
                if h is not None:
                    h.text = h.text.rstrip(":").rstrip()
                    out.append(h)
            continue
        head: list[Line] = []
        rest = list(lines)
        while len(rest) > 1 and len(head) < 3 and _outline_heading(rest[0], rest[1]):
            head.append(rest.pop(0))
        if (
            not head
            and _heading_like(raws[0])
            and raws[1].lstrip()[:1].isupper()
            and " – " not in raws[1]
            and len(raws[1].strip()) > len(raws[0].strip()) + 10
        ):
            head, rest = [lines[0]], list(lines[1:])
        tail: list[Line] = []
        if follows_list and len(rest) >= 2 and _heading_like(rest[-1].raw[rest[-1].body_start :]):
            tail, rest = [rest[-1]], rest[:-1]
        if not head and not tail:
            out.append(b)
            continue
        parts = [([ln], BlockKind.heading) for ln in head] + [
            (rest, BlockKind.prose),
            (tail, BlockKind.heading),
        ]
        for part, kind in parts:
            if not part:
                continue
            nb = make_block(kind, part, level=2 if kind is BlockKind.heading else 0)
            if nb is not None:
                if kind is BlockKind.heading:
                    nb.text = nb.text.rstrip(":").rstrip()
                out.append(nb)
    return out


# An outline number before a capitalised title: "3 Våra löften", "3.1 Trygghet", "2.3.1 Aktiviteter".
_OUTLINE = re.compile(r"\s*\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+[A-ZÅÄÖ]")


def _outline_heading(line: Line, nxt: Line) -> bool:
    """A line numbered as an outline numbers its sections ("3 Våra löften", "3.1 Trygghet på
    Stortorget"), short and without final punctuation, is a heading of its own when the line
    after it starts a sentence or another numbered heading: a word processor writes each heading
    on its own line, and a text layer may leave no blank line after it."""
    raw, after = line.raw[line.body_start :], nxt.raw[nxt.body_start :].lstrip()
    return (
        bool(_OUTLINE.match(raw))
        and _heading_like(raw)
        and (after[:1].isupper() or bool(_OUTLINE.match(after)))
    )


_OUTLINE_DEPTH = re.compile(r"\d{1,2}((?:\.\d{1,2}){1,3})\.?\s")


def _outline_levels(blocks: list[Block]) -> None:
    """A plain heading numbered "2.1" stands under "2", and "2.1.1" under "2.1": one level down
    for each part of its outline number, as a word processor's outline nests them."""
    for b in blocks:
        m = _OUTLINE_DEPTH.match(b.text)
        if b.kind is BlockKind.heading and b.level == 2 and m:
            b.level = 2 + m.group(1).count(".")


def _numbered_title(b: Block) -> bool:
    """A numbered section heading on the line right above its text ("3. Uppföljning" / "Löftet
    följs upp …", "2. Prioriterade områden" / "2.1 Trafiksäkerhet"): its first line is short,
    ends without punctuation and promises nothing, and the next line starts a sentence or a
    numbered heading at the margin of the number, not hung under the item's text as a wrapped
    item's words are."""
    if not b.marker.isdigit() or len(b.lines) < 2:
        return False
    first, nxt = b.lines[0], b.lines[1]
    title, after = first.raw[first.body_start :], nxt.raw.lstrip()
    indent = len(first.raw) - len(first.raw.lstrip())
    return (
        _heading_like(title)
        and not PROMISE_WORDS.search(title)
        and len(nxt.raw) - len(nxt.raw.lstrip()) <= indent
        and (bool(_OUTLINE.match(after)) or (after[:1].isupper() and len(after) > len(title.strip()) + 10))
    )


def _title_of(b: Block) -> Block:
    h = make_block(BlockKind.heading, b.lines[:1], level=2)
    assert h is not None
    h.text = h.text.rstrip(":").rstrip()
    return h


def _body_of(b: Block) -> Block:
    body = make_block(BlockKind.prose, b.lines[1:])
    assert body is not None
    return body


PROMISE_WORDS = re.compile(rf"\b(ska|skall|lovar|kommer att|{UNDERTAKE})\b", re.I)


# A line that ends in a preposition or conjunction does not end a heading: the phrase goes on.
_OPEN_END = re.compile(
    r"\b(för|och|i|på|mot|med|av|till|om|vid|samt|inom|under|mellan|från|hos|genom)$", re.I
)


def wrapped_heading(b: Block) -> bool:
    """A heading wrapped onto a second or third line, as a PDF sets a long heading in a large
    font ("Ökad trygghet och minskad brottsbenägenhet" / "i centrum och Nygårdsområdet"): each
    further line goes on in lower case, or after a line that ends in a preposition or
    conjunction ("Medborgarlöfte 2024 för" / "Arboga, Köping och Kungsör"), and nothing in it
    is promised."""
    if not 2 <= len(b.line_texts) <= 3:
        return False
    lines = [b.text[x:y].strip() for x, y in b.line_texts]
    goes_on = all(nxt[:1].islower() or _OPEN_END.search(prev) for prev, nxt in itertools.pairwise(lines))
    return goes_on and not PROMISE_WORDS.search(b.text)


_ITEM_NUMBER = re.compile(r"\s*(\d{1,2})[.)]")


def _number(b: Block) -> int | None:
    m = _ITEM_NUMBER.match(b.lines[0].raw) if b.lines else None
    return int(m.group(1)) if m else None


def _one_line_wrapped(b: Block) -> bool:
    """One line of text, perhaps wrapped onto a second or third line: no line before the last
    ends a sentence (a line that does is a line of its own, such as "Ansvarig: …" under it)."""
    lines = b.line_texts
    return len(lines) <= 3 and not any(b.text[x:y].rstrip().endswith(TERMINAL) for x, y in lines[:-1])


def _numbered_headings(blocks: list[Block]) -> list[Block]:
    """A numbered line standing alone between paragraphs, without final punctuation and without
    a promise verb, is a numbered section heading ("1. Trygghet i centrum"), not a list item.
    A long heading may wrap onto a second or third line (a PDF's text layer), and a list of its
    own may stand right above it: the heading continues that list only when its number is the
    next one ("2. Trafiksäkerhet" after items 1 and 2 is the second section)."""
    for i, b in enumerate(blocks):
        if b.kind is not BlockKind.bullet or not b.marker.isdigit() or not _one_line_wrapped(b):
            continue
        prev = blocks[i - 1] if i else None
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        continues = (
            prev is not None
            and prev.kind is BlockKind.bullet
            and prev.marker.isdigit()
            and (_number(prev) or 0) + 1 == _number(b)
        )
        if continues or (nxt is not None and nxt.kind is BlockKind.bullet):
            continue
        t = b.text.strip()
        if t.endswith(TERMINAL) or PROMISE_WORDS.search(t) or len(t.split()) > 25:
            continue
        b.kind, b.level = BlockKind.heading, 2
    return blocks


_LETTERED = re.compile(r"\s*[a-h][.)]\s")


def _nest(blocks: list[Block]) -> None:
    """The depth of each bullet from its indentation among the bullets of one list; lettered items
    ("a)", "b.") after a numbered one ("1)") at the same margin are its sub-items, as an outline
    numbers them."""
    open_items: list[tuple[int, Block]] = []  # (indent, item) of the items that may hold sub-items
    for b in blocks:
        if b.kind is not BlockKind.bullet:
            open_items = []
            continue
        raw = b.lines[0].raw
        indent = len(raw) - len(raw.lstrip())
        if _LETTERED.match(raw) and any(i == indent and it.marker.isdigit() for i, it in open_items):
            indent += 2  # "a)" under "1)" at the same margin: an outline's second level
        while open_items and open_items[-1][0] >= indent:
            open_items.pop()
        if open_items and not _holds_sub_items(open_items[-1][1], b, indent - open_items[-1][0]):
            open_items = []  # uneven indentation of siblings, not nesting
        b.depth = open_items[-1][1].depth + 1 if open_items else 0
        open_items.append((indent, b))


def _holds_sub_items(parent: Block, child: Block, step: int) -> bool:
    """An item holds the more indented items after it when the indentation says so clearly (two
    or more columns) and the list shows it: a different marker ("1." over "-"), a numbered
    parent, a parent that ends with a colon, or one that does not end as a sentence."""
    if step < 2:
        return False
    return (
        parent.marker != child.marker
        or parent.marker.isdigit()
        or parent.text.rstrip().endswith(":")
        or not parent.text.rstrip().endswith(TERMINAL)
    )


_CHROME = re.compile(r"\b(kakor|cookies?)\b", re.I)
_CHROME_CONTEXT = re.compile(r"webbplats|godkänn|samtycke|använder|accepter", re.I)


def _mark_chrome(blocks: list[Block]) -> None:
    for b in blocks:
        if b.kind is not BlockKind.heading and _CHROME.search(b.text) and _CHROME_CONTEXT.search(b.text):
            b.chrome = True


_CLOSERS = (*TERMINAL, ")", "”", '"', "»", "’")


def _mark_cut(blocks: list[Block], lines: list[Line]) -> None:
    """A page cut off mid-sentence (archived pages are often capped): the last paragraph or item
    ends in the middle of a word or sentence, or the text ends with an empty list item. The
    incomplete sentence is dropped from its block (:attr:`Block.cut`); an inline enumeration
    keeps its complete items."""
    if (
        blocks
        and blocks[-1].kind is BlockKind.heading
        and blocks[-1].level != 1
        and len(blocks[-1].text.split()) >= 6
    ):
        # a "heading" of six words or more with nothing after it is the first line of a
        # paragraph the page lost ("Medborgarna fick också frågan om vad Pol")
        blocks[-1].kind, blocks[-1].level = BlockKind.prose, 0
    content = [b for b in blocks if not b.chrome and b.kind is not BlockKind.heading]
    if not content:
        return
    last = content[-1]
    tail = [ln for ln in lines if ln.kind is not LineKind.blank]
    empty_item = bool(tail) and bool(EMPTY_ITEM.fullmatch(tail[-1].raw.strip()))
    text = last.text.rstrip()
    words = text.split()
    if empty_item and text.endswith(_CLOSERS):
        last.cut = Passage(tail[-1].start, tail[-1].end)  # the empty item where the list was cut
        return
    if text.endswith(_CLOSERS) or len(words) < 5 or not words[-1][-1:].isalpha():
        return
    if last.kind is BlockKind.bullet:
        # an item may end without a full stop; it is cut only when its siblings end with one
        siblings = [b for b in content[-4:-1] if b.kind is BlockKind.bullet]
        if not siblings or not all(b.text.rstrip().endswith(_CLOSERS) for b in siblings):
            return
    if re.search(r"\b(ansvarig|ansvariga|ansvar)\s*:[^.]*$", text, re.IGNORECASE):
        return
    if any(c in words[-1] for c in "@/") or "www" in words[-1]:
        return
    spans = list(sentences(text))
    start = spans[-1][0] if spans else 0
    incomplete = text[start:]
    keep = start
    commas = [m.start() for m in re.finditer(r",\s|\s(?:samt|och)\s", incomplete)]
    if incomplete.count(",") >= 2 and commas:
        keep = start + commas[-1]
    dropped = last.span(keep, len(text))
    if keep <= 0:
        last.cut = dropped
        last.text, last.offsets, last.line_texts = "", [], []
        return
    last.text = text[:keep].rstrip(" ,")
    last.offsets = last.offsets[: len(last.text)]
    last.line_texts = [(a, min(z, len(last.text))) for a, z in last.line_texts if a < len(last.text)]
    last.cut = dropped


_TRAILING_TAG = re.compile(r"\s*\([^()]{1,60}\)$")
_ROW = re.compile(r"\S(?:\t+|\s*\|\s*| {3,})\S")
"""Two cells of a table's row, as a tab, a bar or three spaces set them apart."""


def is_double_spaced(lines: list[Line]) -> bool:
    """True when lines are wrapped mid-sentence *across* single blank lines, as some
    PDF-to-text converters write: then one blank line is a line break and two or more end a
    paragraph. Evidence is a line of some length that ends without final punctuation, or is
    followed after one blank line by a line in lower case. Not evidence of a wrap: a table's row
    (cells apart by a tab, a bar or three spaces: a row ends where the table's line does) and a
    list item without final punctuation (lists are written so), unless what follows goes on in
    lower case."""
    content = [ln for ln in lines if ln.kind is not LineKind.noise]
    evidence = single = 0
    for i, ln in enumerate(content[:-2]):
        if ln.kind not in (LineKind.text, LineKind.bullet):
            continue
        if content[i + 1].kind is not LineKind.blank or content[i + 2].kind is LineKind.blank:
            continue
        nxt = content[i + 2]
        single += 1
        body = ln.raw.strip()
        # an actor tag after a full sentence ("... per vecka. (Polis)") ends the item too
        core = _TRAILING_TAG.sub("", body)
        goes_on = nxt.raw.lstrip()[:1].islower()
        unfinished = not core.endswith(TERMINAL) and ln.kind is LineKind.text and not _ROW.search(body)
        if len(body) > 40 and (unfinished or goes_on):
            evidence += 1
    return evidence >= 3 and evidence * 4 >= single


def _records(blocks: list[Block]) -> list[Block]:
    """An activity written as a record of labelled fields, one a line ("Beskrivning: Polisen
    genomför …" / "Ansvarig: Polisen" / "Tidsplan: En gång per månad"), as an action plan in a
    PDF sets it under "Aktivitet 1: …": when the labels name the activity and the responsible
    actor or the time (the words of a table's header), the record is a row of that table, its
    values the cells (a line that starts no field goes on with the value before it)."""
    out: list[Block] = []
    for b in blocks:
        fields = [FIELD.match(ln.raw) for ln in b.lines]
        if b.kind is not BlockKind.prose or len(b.lines) < 2 or not any(fields[:2]):
            out.append(b)
            continue
        lines = b.lines
        title: Block | None = None
        if fields[0] is None:
            # the record's title on the line right above it ("Aktivitet 2: Trafikkontroller")
            title = make_block(BlockKind.heading, lines[:1], level=2)
            lines, fields = lines[1:], fields[1:]
        spans: list[tuple[str | None, list[tuple[str, int]]]] = []
        for ln, m in zip(lines, fields, strict=True):
            if m is not None:
                label = m.group("label")
                role = column_role(label)
                spans.append((role, [(ln.raw[m.end() :], ln.start + m.end())]))
            else:
                spans[-1][1].append((ln.raw.strip(), ln.start + len(ln.raw) - len(ln.raw.lstrip())))
        roles = [role for role, _ in spans]
        if (
            sum(m is not None for m in fields) < 2
            or "activity" not in roles
            or not ({"responsible", "frequency"} & set(roles))
        ):
            out.append(b)
            continue
        if title is not None:
            out.append(title)
        builder = BlockBuilder()
        cells: list[tuple[str | None, int, int]] = []
        for role, parts in spans:
            first = len(builder.text())
            for text, start in parts:
                builder.add_line(text, start, 0)
            cells.append((role, first + (1 if first else 0), len(builder.text())))
        row = Block(BlockKind.bullet, builder.text(), builder.offsets, lines, 0, "|",
                    line_texts=builder.line_texts)  # fmt: skip
        seen: set[str] = set()
        row.cells = []
        for role, x, y in cells:
            if role is not None and role not in seen:
                seen.add(role)
                row.cells.append((role, x, y))
        out.append(row)
    return out
