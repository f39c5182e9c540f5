"""A responsibility line that closes a list: "Ansvar: Kommunen" under a list's last item, not
inside it, states who is responsible for every item of the list.

The document's structure decides. The line is outside the last item when it stands less indented
than the item's text (at the marker's column or left of it, whether or not a blank line comes
before it) and nothing of the list follows it. It closes the whole list when no item of the list
names its own responsible ("- Se över belysningen. Ansvarig: Kommunen", "- Polisen ska …"); a
list whose items do ("1. …" / "Ansvarig: polisen" / "2. …" / "Ansvarig: kommunen") is read item
by item, its last line the last item's (there the line is ambiguous). A line indented as the
item's text is inside the item.
"""

from __future__ import annotations

import re

from kg.extract.actors import ActorFinder
from kg.extract.text import Block, BlockKind

RESPONSIBLE_LINE = re.compile(
    r"\s*(?:ansvarig|ansvariga|ansvar)\s*:\s*(?P<who>\S.*?)\s*\.?\s*$", re.IGNORECASE
)
"""A line that is nothing but a responsibility: "Ansvar: Kommunen", "Ansvariga: polisen och
kommunen."."""
_OWN = re.compile(r"\b(?:ansvarig|ansvariga|ansvar)\s*:|\([^()]{2,80}\)\s*\.?\s*$", re.IGNORECASE)
"""An item's own responsibility: an "Ansvarig:" field or an actor tag "(Polis)" at its end."""


_LINK_ADDRESS = re.compile(r"(?<=\])\([^()\s]+\)")


def _run(blocks: list[Block], end: int) -> list[int]:
    """The indexes of the list's items that end right before ``end``: consecutive bullets."""
    start = end
    while start > 0 and blocks[start - 1].kind is BlockKind.bullet and not blocks[start - 1].cells:
        start -= 1
    return list(range(start, end))


def _closing_line(blocks: list[Block], i: int) -> re.Match[str] | None:
    """The responsibility line that ends list item ``i`` as a line of its own, outside the item:
    less indented than the item's text, and nothing of the list after it."""
    b = blocks[i]
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    if b.kind is not BlockKind.bullet or b.cells or len(b.lines) < 2:
        return None
    if nxt is not None and nxt.kind is BlockKind.bullet:
        return None
    last = b.lines[-1]
    if len(last.raw) - len(last.raw.lstrip()) >= b.lines[0].body_start:
        return None
    return RESPONSIBLE_LINE.fullmatch(last.raw)


def closing_lines(blocks: list[Block], finder: ActorFinder) -> dict[int, str]:
    """For each item (by block index) of a list closed by a responsibility line, the words that
    name who is responsible ("Kommunen"). None where an item of the list names its own (an
    "Ansvarig:" field, an actor tag, a subject: "Polisen ska …"): the line is then read as the
    last item's, as before."""
    out: dict[int, str] = {}
    for j, b in enumerate(blocks):
        m = RESPONSIBLE_LINE.fullmatch(b.text) if b.kind is BlockKind.prose else None
        items = _run(blocks, j)
        own = [blocks[i].text for i in items]
        if m is None:
            m = _closing_line(blocks, j)
            if m is None:
                continue
            items = [*_run(blocks, j), j]
            # the item's own words, a Markdown link's address left out ("[Nattvandringar](/natt)"
            # ends in no actor tag)
            own.append(_LINK_ADDRESS.sub("", " ".join(ln.raw.strip() for ln in b.lines[:-1])))
        if len(items) < 2 and b.kind is BlockKind.bullet:
            continue  # one item with its line: that item's own, read as it always was
        if items and not any(_OWN.search(t) or finder.subject(t) for t in own):
            out.update(dict.fromkeys(items, m.group("who")))
    return out


__all__ = ["RESPONSIBLE_LINE", "closing_lines"]
