"""Blocks of a page that are not the promise's own words, though they look like them: a quote
in a news article ("– Vi kommer att …, säger Anna Berg"), and a link to another promise document
in a list of earlier promises ("Medborgarlöfte 2023–2024 (pdf)")."""

from __future__ import annotations

import re

from kg.extract.state import PROMISE_VERB, SPEECH, State
from kg.extract.text import Block, BlockKind

LINK_REASON = "en länk till ett annat löfte, inte en aktivitet / a link to another promise, not an activity"

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
