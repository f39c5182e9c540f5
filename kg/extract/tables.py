"""Tables of activities flattened to text: an HTML or Markdown table (cells apart by a bar), or
a table set with spaces, as a PDF's text written out with its layout gives it (cells apart by
three or more spaces or a tab). When the header row says which column holds the activity and
which the responsible actor or the time, every row becomes a bullet whose :attr:`Block.cells`
name the columns.

A table set with spaces wraps a long cell onto the lines under it:

    Aktivitet                          Ansvarig             När
    Riktade kontroller mot narkotika   Polisen              Varje månad
    vid Solna centrum
    Föräldravandring på helger         Solna stad,          Fredagar under
                                       föräldraföreningen   sommarlovet

Each part of a line belongs to the column whose header starts at or just before it. A line that
has a cell in the first column and in another starts a row; a line that has not goes on with the
row above it, each part with its column.
"""

from __future__ import annotations

import re

from kg.extract.text import Block, BlockBuilder, BlockKind, Line, make_block

# Column headers of a table of activities, by what the column holds.
_COLUMN_ROLES = [
    # "Målgrupp", "För vem": whom the activity is for (before "responsible", whose "vem" it holds)
    ("audience", re.compile(r"målgrupp|för\s+vem\b", re.I)),
    # "Mål: Fler ska känna sig trygga …" in a record, a "Förväntat resultat" column: the result the
    # activity is for, an expected outcome (not "Målgrupp")
    (
        "outcome",
        re.compile(r"\bmål(?:et|en|sättning)?\b|effektmål|förvänta(?:t|de?)\s+(?:resultat|effekt)", re.I),
    ),
    ("activity", re.compile(r"aktivitet|åtgärd|insats|löfte|vad\b|uppdrag|beskrivning", re.I)),
    ("responsible", re.compile(r"ansvar|vem\b|aktör|utförare", re.I)),
    ("frequency", re.compile(r"när\b|frekvens|hur ofta|tidpunkt|tid\b|tidsplan|tidplan|period", re.I)),
    ("place", re.compile(r"plats|var\b|område|ort\b", re.I)),
]
FIELD = re.compile(
    r"\s*(?P<label>[A-ZÅÄÖ][a-zåäö]+(?: [a-zåäö]+)?(?=\s*:)"
    r"|(?:Vad|Vem|Vilka|När|Var|Hur(?: ofta)?|För vem)(?=\?))"
    r"\s*[:?]\s+(?=\S)"
)
"""A labelled field: "Beskrivning: …", "Ansvarig: …", "Tidsplan: …" on a line of its own, or a
sub-item "Ansvar: Kommunen" under its item; or one labelled by the question its value answers,
an interrogative (a closed class) and a question mark: "Vad? Trygghetsvandring", "Vem? Polisen",
"När? Två gånger per år"."""


def column_role(label: str) -> str | None:
    """What a column or field holds, by its header or label ("Ansvarig" is ``responsible``)."""
    return next((r for r, pattern in _COLUMN_ROLES if pattern.search(label)), None)


_CELL_SPLIT = re.compile(r"\s*\|\s*|\s{3,}")


def _cells(raw: str) -> list[tuple[int, int]]:
    """(start, end) in ``raw`` of each cell of a table row ("a | b | c", "| a | b |", or cells
    separated by three or more spaces or a tab)."""
    body = raw.strip()
    if "|" not in body and not re.search(r"\S\s{3,}\S", body):
        return []
    lead = len(raw) - len(raw.lstrip())
    out: list[tuple[int, int]] = []
    pos = 0
    for m in [*_CELL_SPLIT.finditer(body), None]:
        end = m.start() if m is not None else len(body)
        if end > pos:
            out.append((lead + pos, lead + end))
        if m is not None:
            pos = m.end()
    return out


Fragment = tuple[Line, int, int]
"""A part of a cell: its line and (start, end) in the line's raw text."""


def _column_of(starts: list[int], at: int) -> int:
    """The column whose header starts at or just before ``at`` (a cell may start a little left
    of its header)."""
    return max((k for k, s in enumerate(starts) if s <= at + 2), default=0)


def _wrapped(lines: list[Line], rows: list[list[tuple[int, int]]]) -> list[list[list[Fragment]]] | None:
    """The rows of a table set with spaces whose cells wrap onto further lines, each a list of
    columns of fragments; None when the lines are no such table (no bar: a Markdown table does
    not wrap; a line with two parts in one column; a first line that starts no row)."""
    if any("|" in ln.raw for ln in lines):
        return None
    starts = [a for a, _ in rows[0]]
    out: list[list[list[Fragment]]] = []
    for ln, spans in zip(lines[1:], rows[1:], strict=True):
        body = ln.raw.strip()
        if not spans and body:
            lead = len(ln.raw) - len(ln.raw.lstrip())
            spans = [(lead, lead + len(body))]
        columns = [_column_of(starts, a) for a, _ in spans]
        if len(set(columns)) != len(columns):
            return None
        if 0 in columns and len(columns) >= 2:
            out.append([[] for _ in starts])
        elif not out:
            return None
        for k, (a, z) in zip(columns, spans, strict=True):
            out[-1][k].append((ln, a, z))
    return out if len(out) >= 2 else None


def tables(blocks: list[Block]) -> list[Block]:
    """A table flattened to text (an HTML table, a Markdown table, cells separated by tabs or
    spaces, wrapped or not): when its header row says which column holds the activity and which
    the responsible actor or the time, every row becomes a bullet whose :attr:`Block.cells` name
    the columns."""
    out: list[Block] = []
    for b in blocks:
        if b.kind is not BlockKind.prose or len(b.lines) < 2:
            out.append(b)
            continue
        rows = [_cells(ln.raw) for ln in b.lines]
        n = len(rows[0])
        grouped: list[list[list[Fragment]]] | None = None
        if n >= 2 and all(len(r) == n for r in rows):
            grouped = [
                [[(ln, a, z)] for a, z in spans] for ln, spans in zip(b.lines[1:], rows[1:], strict=True)
            ]
        elif n >= 2:
            grouped = _wrapped(b.lines, rows)
        if grouped is None:
            out.append(b)
            continue
        header = [b.lines[0].raw[a:z] for a, z in rows[0]]
        roles: list[str | None] = []
        for cell in header:
            role = column_role(cell)
            roles.append(role if role not in roles else None)
        if "activity" not in roles or not ({"responsible", "frequency"} & set(roles)):
            out.append(b)
            continue
        head = make_block(BlockKind.heading, [b.lines[0]], level=6)
        if head is not None:
            # the header row is no heading of a part ("Vad | Vem | När | Uppföljning" names a
            # column, it opens no follow-up): its cells say so
            at = 0
            for cell, role in zip(header, roles, strict=True):
                x = head.text.find(cell.strip(), at)
                if role is not None and x >= 0:
                    head.cells.append((role, x, x + len(cell.strip())))
                at = max(at, x)
            out.append(head)
        out.extend(_row(columns, roles) for columns in grouped)
    return out


def _row(columns: list[list[Fragment]], roles: list[str | None]) -> Block:
    """One row as a bullet, its cells' text one after another (a wrapped cell's parts joined)."""
    builder = BlockBuilder()
    cells: list[tuple[str, int, int]] = []
    for role, fragments in zip(roles, columns, strict=True):
        first = len(builder.line_texts)
        for ln, a, z in fragments:
            builder.add_line(ln.raw[a:z], ln.start + a, 0)
        if role is not None and len(builder.line_texts) > first:
            cells.append((role, builder.line_texts[first][0], builder.line_texts[-1][1]))
    lines = sorted(
        {id(ln): ln for fragments in columns for ln, _, _ in fragments}.values(), key=lambda x: x.start
    )
    row = Block(
        BlockKind.bullet, builder.text(), builder.offsets, lines, 0, "|", line_texts=builder.line_texts
    )
    row.cells = cells
    return row


def field_items(blocks: list[Block]) -> list[Block]:
    """An item whose sub-items are all labelled fields saying who, when or where ("-
    Trygghetsvandringar" over "- Ansvar: Kommunen", "- När: Två gånger per år", "- Var: Centrum")
    is one row of a table: the item is the activity, its fields the other cells (the fields were
    read as activities of their own). Runs after the nesting of items is known."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        kids: list[Block] = []
        j = i + 1
        while j < len(blocks) and blocks[j].kind is BlockKind.bullet and blocks[j].depth > b.depth:
            kids.append(blocks[j])
            j += 1
        fields = [FIELD.match(k.text) for k in kids]
        roles = [column_role(m.group("label")) if m else None for m in fields]
        if (
            b.kind is BlockKind.bullet
            and kids
            and all(k.depth == b.depth + 1 for k in kids)
            and all(r in ("responsible", "frequency", "place", "audience") for r in roles)
            and {"responsible", "frequency"} & set(roles)
            and FIELD.match(b.text) is None
        ):
            out.append(_with_fields(b, kids, fields, roles))
            i = j
            continue
        out.append(b)
        i += 1
    return out


def _with_fields(
    item: Block, kids: list[Block], fields: list[re.Match[str] | None], roles: list[str | None]
) -> Block:
    text, offsets = item.text, list(item.offsets)
    cells: list[tuple[str, int, int]] = [("activity", 0, len(text))]
    line_texts = [(0, len(text))]
    for kid, m, role in zip(kids, fields, roles, strict=True):
        assert m is not None and role is not None
        value = kid.text[m.end() :]
        start = len(text) + 1
        text += " " + value
        offsets += [kid.offsets[m.end()] - 1, *kid.offsets[m.end() :]]
        if role not in {r for r, _, _ in cells}:
            cells.append((role, start, len(text)))
        line_texts.append((start, len(text)))
    row = Block(BlockKind.bullet, text, offsets, [*item.lines, *(ln for k in kids for ln in k.lines)],
                marker=item.marker, line_texts=line_texts, depth=item.depth)  # fmt: skip
    row.cells = cells
    return row
