"""A card: a title over a responsibility field and a description, as a web page sets one piece
of work (an ``<h3>`` title, a paragraph "Ansvarig: Polisen och kommunen", a paragraph that
describes the work, often without a verb: "Två trygghetsvandringar per år i centrum.").

The title names the work, the field who does it and the paragraph how: the three are one
activity, as a record of labelled fields is (:func:`kg.extract.layout._records`), even where
no sentence of it promises anything. :func:`card_rows` gives each such card a row (a bullet
whose :attr:`~kg.extract.text.Block.cells` name its title, its responsible actor and its
description) right after its heading, and drops the field and the paragraph it reads.
"""

from __future__ import annotations

from kg.extract.actors import ActorFinder
from kg.extract.headings import NUMBERED_PROMISE, heading_part
from kg.extract.lexicon import Lexicon
from kg.extract.tables import FIELD, column_role
from kg.extract.text import Block, BlockBuilder, BlockKind, Line


def card_rows(blocks: list[Block], lexicon: Lexicon, finder: ActorFinder) -> list[Block]:
    """The blocks with every card's field and description read as one row under its title."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        out.append(b)
        i += 1
        if b.kind is not BlockKind.heading or not _title(b, lexicon, finder):
            continue
        end = i
        while end < len(blocks) and blocks[end].kind is not BlockKind.heading:
            end += 1
        row = _row(b, blocks[i:end])
        if row is not None:
            out.append(row)
            i = end
    return out


def _title(b: Block, lexicon: Lexicon, finder: ActorFinder) -> bool:
    """A heading that can title one piece of work: not the document's title, and naming no part
    ("Det här gör vi"), no commitment by number ("Löfte 2: …"), no priority area and no actor
    ("Polisen lovar"): those govern what stands under them."""
    if b.level == 1 or heading_part(b.text) is not None or NUMBERED_PROMISE.match(b.text):
        return False
    if lexicon.concepts("priority-area", b.text):
        return False
    roles = finder.leading(b.text)[0]
    return not roles.responsible and not roles.joint


def _row(title: Block, content: list[Block]) -> Block | None:
    """The card's row, when what stands under its title is prose of at most two paragraphs
    whose first or last line, and no other, is a responsibility field ("Ansvarig: …") and whose
    other lines describe the work; else None."""
    if not content or len(content) > 2 or any(b.kind is not BlockKind.prose or b.chrome for b in content):
        return None
    lines = [ln for b in content for ln in b.lines]
    fields = [FIELD.match(ln.raw[ln.body_start :]) for ln in lines]
    at = [k for k, m in enumerate(fields) if m is not None]
    if len(at) != 1 or at[0] not in (0, len(lines) - 1) or len(lines) < 2:
        return None
    k = at[0]
    field = fields[k]
    assert field is not None
    if column_role(field.group("label")) != "responsible":
        return None
    if len(content) == 2 and len(content[0 if k == 0 else 1].lines) != 1:
        return None  # the field is a paragraph of its own, or a line of the description's
    described = [ln for n, ln in enumerate(lines) if n != k]
    builder = BlockBuilder()
    cells: list[tuple[str, int, int]] = []
    for role, part in (
        ("title", title.lines),
        ("responsible", [_value(lines[k], field.end())]),
        ("activity", described),
    ):
        first = len(builder.text())
        for ln in part:
            builder.add_line(ln.raw, ln.start, ln.body_start)
        cells.append((role, first + (1 if first else 0), len(builder.text())))
    text = builder.text()
    t0, t1 = cells[0][1], cells[0][2]
    if text[t0:t1].endswith(":"):  # a heading's colon, as the heading's own text drops it
        cells[0] = ("title", t0, t1 - 1)
    row = Block(BlockKind.bullet, text, builder.offsets, [*title.lines, *lines], 0, "|",
                line_texts=builder.line_texts)  # fmt: skip
    row.cells = cells
    return row


def _value(ln: Line, end: int) -> Line:
    """The line of a field from its value on ("Polisen och kommunen" of "Ansvarig: Polisen och
    kommunen")."""
    return Line(ln.number, ln.start, ln.end, ln.raw, ln.kind, ln.level, ln.body_start + end)
