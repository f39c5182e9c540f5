"""Blocks of a page that are not the promise's own words, though they look like them: a quote
in a news article ("– Vi kommer att …, säger Anna Berg"), and a link to another promise document
in a list of earlier promises ("Medborgarlöfte 2023–2024 (pdf)")."""

from __future__ import annotations

import re

from kg.extract.headings import actor_heading, heading_part
from kg.extract.state import PROMISE_VERB, SPEECH, State
from kg.extract.text import Block, BlockKind

LINK_REASON = "en länk till ett annat löfte, inte en aktivitet / a link to another promise, not an activity"
RELATED_REASON = "en länk till en annan sida, inte en aktivitet / a link to another page, not an activity"
_LINK_ITEM = re.compile(r"\s*(?:[-–•*]|\d{1,2}[.)])\s+\[[^\]\n]+\]\([^)\s]+\)\s*")
"""A list item that is wholly one link, "- [Brottsförebyggande rådet](/brå)" (as the HTML reader
writes an item whose only content is an ``<a>``)."""


def _link_only(b: Block) -> bool:
    return (
        b.kind is BlockKind.bullet and len(b.lines) == 1 and _LINK_ITEM.fullmatch(b.lines[0].raw) is not None
    )


def is_related_link(st: State, index: int) -> bool:
    """An item of a list of links under a heading of its own ("Relaterade sidor", "Läs också"):
    every item wholly a link, right under a heading that names no part of the promise, no
    priority area, actor or kind of activity: pages elsewhere, not activities. Under an
    activities heading ("Aktiviteter"), an area heading or a lead-in ("… lovar att:") the items
    are the activities, each linking to its page."""
    if not _link_only(st.blocks[index]):
        return False
    first, last = index, index
    while first > 0 and st.blocks[first - 1].kind is BlockKind.bullet:
        first -= 1
    while last + 1 < len(st.blocks) and st.blocks[last + 1].kind is BlockKind.bullet:
        last += 1
    if first == 0 or not all(_link_only(b) for b in st.blocks[first : last + 1]):
        return False
    head = st.blocks[first - 1]
    return (
        head.kind is BlockKind.heading
        and heading_part(head.text) is None
        and not st.lexicon.find("priority-area", head.text)
        and not st.lexicon.find("activity-type", head.text)
        and actor_heading(st, head.text) is None
    )


_DOCUMENT_TITLE = re.compile(
    r"(?:uppföljning\s+av\s+)?(?:medborgar)?löfte(?:t|n|na)?\b[^.!?]{0,40}?\b(?:19|20)\d\d\b", re.IGNORECASE
)


def is_document_title(b: Block) -> bool:
    """A list item that is the title of a promise document ("Medborgarlöfte 2023–2024 (pdf)",
    "Uppföljning av medborgarlöftet 2023"): a list of earlier promises or reports on a page, its
    items links to other documents, not this promise's activities (no verb that promises)."""
    return (
        b.kind is BlockKind.bullet
        and len(b.text.split()) <= 10
        and _DOCUMENT_TITLE.match(b.text.strip()) is not None
        and not PROMISE_VERB.search(b.text)
    )


def is_quote(st: State, index: int) -> bool:
    """Reported speech in an article: a paragraph opened by a dash that stands alone (not in a
    list) and speaks in the first person or names its speaker ("– Vi kommer att ..., säger X")."""
    b = st.blocks[index]
    if b.kind is BlockKind.heading:
        return False
    if b.kind is BlockKind.bullet and b.marker not in "-–—":
        return False
    if b.kind is BlockKind.prose:
        return b.text.lstrip()[:1] in '”"»' and bool(SPEECH.search(b.text))
    neighbours = [st.blocks[i] for i in (index - 1, index + 1) if 0 <= i < len(st.blocks)]
    if any(n.kind is BlockKind.bullet for n in neighbours):
        return False
    if SPEECH.search(b.text):
        return True
    # first person in a lone dash paragraph that follows running text (not a heading or a list
    # introduction): the words of the person the article just named
    prev = st.blocks[index - 1] if index else None
    after_prose = prev is not None and prev.kind is BlockKind.prose and not prev.text.rstrip().endswith(":")
    return after_prose and bool(re.search(r"\b(jag|vi|vår|våra|oss|mig)\b", b.text, re.IGNORECASE))
