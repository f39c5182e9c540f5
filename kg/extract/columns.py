"""Two columns side by side in a plain text: what a PDF's text written out with its layout kept
(or a page typed with spaces) gives for a page set in two columns, each line holding a line of the
left column, a gap of three or more spaces, and a line of the right one:

    Polisen lovar att:                      Kommunen lovar att:
    - patrullera i centrum varje            - förbättra belysningen vid
      fredagskväll                            Vasaparken

Read across, each line would join two items of different parties. A paragraph is two columns
when its lines leave a gap at one column (each line ends before it, or has a gap reaching it)
and the columns are lists or sections side by side: on some line both parts start with a list
marker, or both end with a colon (a heading over a list). Then the left column is read first and
the right one after it, each part keeping its place in the text. A signature block or a table
set with spaces (names, posts, cells: no markers) is left as it is; the signature reader reads
its columns itself.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.extract.text import Line

_GAP = re.compile(r"\S(\s{3,})(?=\S)")
_ITEM = re.compile(r"\s*(?:[-–•▪*]|\d{1,2}[.)])\s+\S")


def _right_start(raw: str) -> int | None:
    m = _GAP.search(raw)
    return m.end(1) if m else None


def _side_by_side(left: str, right: str) -> bool:
    left, right = left.strip(), right.strip()
    return bool(left and right) and (
        (bool(_ITEM.match(left)) and bool(_ITEM.match(right))) or (left.endswith(":") and right.endswith(":"))
    )


def _column(raws: list[str]) -> int | None:
    """The column where the right-hand column of these lines starts, or None."""
    starts = [s for s in (_right_start(r) for r in raws) if s is not None]
    if len(starts) < 2:
        return None
    c = min(starts)
    for raw in raws:
        if len(raw) > c and raw[max(0, c - 2) : c].strip():
            return None  # a line crosses the column: one text, not two columns
    if not any(_side_by_side(raw[:c], raw[c:]) for raw in raws):
        return None
    return c


def split_columns(lines: list[Line]) -> list[Line]:
    """``lines`` with each paragraph set in two columns read column by column."""
    from dataclasses import replace

    from kg.extract.text import LineKind, _classify  # the line primitives build on this module

    out: list[Line] = []
    i = 0
    while i < len(lines):
        if lines[i].kind is LineKind.blank:
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].kind is not LineKind.blank:
            j += 1
        para = lines[i:j]
        c = _column([ln.raw for ln in para]) if len(para) >= 3 else None
        if c is None:
            out.extend(para)
        else:
            left: list[Line] = []
            right: list[Line] = []
            for ln in para:
                for raw, start, side in (
                    (ln.raw[:c].rstrip(), ln.start, left),
                    (ln.raw[c:], ln.start + c, right),
                ):
                    if raw.strip():
                        kind, level, body = _classify(raw)
                        side.append(replace(ln, start=start, end=start + len(raw), raw=raw, kind=kind,
                                            level=level, body_start=body))  # fmt: skip
            gap = replace(para[-1], start=para[-1].end, end=para[-1].end, raw="", kind=LineKind.blank)
            out.extend([*left, gap, *right])
        i = j
    return out
