"""Is a text Swedish? The extractor reads Swedish only; a page in another language is refused
with a clear error instead of yielding an empty or invented promise.

The test is how Swedish prose is built, not a vocabulary: its most frequent short function words
("och", "att", "som", "för", "med", "det", "ska" …) make up a large share of any Swedish running
text, and hardly occur in other languages. The share is measured on words of running text
(navigation and headings are short and count little); scripts other than Latin are told apart
by their letters.
"""

from __future__ import annotations

import re
import unicodedata

from kg.errors import ExtractionError

_SWEDISH = frozenset(
    [
        "och",
        "att",
        "det",
        "som",
        "en",
        "ett",
        "är",
        "på",
        "för",
        "med",
        "av",
        "till",
        "ska",
        "skall",
        "inte",
        "om",
        "har",
        "de",
        "den",
        "vi",
        "kan",
        "vid",
        "från",
        "eller",
        "också",
        "även",
        "samt",
        "under",
        "genom",
        "så",
        "sin",
        "sina",
        "blir",
        "kommer",
        "mot",
        "efter",
        "alla",
    ]
)
_ENGLISH = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "is",
        "are",
        "in",
        "for",
        "with",
        "will",
        "be",
        "by",
        "on",
        "this",
        "that",
        "from",
        "which",
        "it",
        "as",
        "an",
        "or",
        "have",
        "their",
        "our",
        "we",
        "not",
    ]
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_WORDS = 30
"""Shorter texts are not judged (a title and a few bullets say too little)."""
SWEDISH_SHARE = 0.06
"""Below this share of Swedish function words a long text is not Swedish (running Swedish text
has 15–30 %; a Swedish page padded with navigation stays well above 6 %)."""


def script_of(text: str) -> str:
    """The dominant script of the letters of ``text`` ("LATIN", "ARABIC", "CYRILLIC" …)."""
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            script = name.split(" ", 1)[0] if name else "UNKNOWN"
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=lambda s: counts[s]) if counts else "LATIN"


def check_swedish(text: str, *, where: str) -> None:
    """:class:`ExtractionError` when ``text`` is clearly not Swedish."""
    script = script_of(text)
    words = [w.casefold() for w in _WORD.findall(text)]
    if script != "LATIN" and len(words) >= 5:
        raise ExtractionError(
            f"Texten är inte på svenska (den är skriven med {script.lower()} skrift); kg extract "
            f"läser svenska medborgarlöften. Använd den svenska versionen av dokumentet. / The "
            f"text is not in Swedish (it is in {script.lower()} script); kg extract reads Swedish "
            f"citizen promises. Use the Swedish version of the document.",
            where=where,
        )
    if len(words) < MIN_WORDS:
        return
    swedish = sum(w in _SWEDISH for w in words) / len(words)
    if swedish >= SWEDISH_SHARE:
        return
    english = sum(w in _ENGLISH for w in words) / len(words)
    looks = " (den ser ut att vara på engelska / it looks like English)" if english > swedish else ""
    raise ExtractionError(
        f"Texten är inte på svenska{looks}: bara {swedish:.0%} av orden är vanliga svenska "
        f"småord. kg extract läser svenska medborgarlöften; använd den svenska versionen av "
        f"dokumentet. / The text is not in Swedish: only {swedish:.0%} of its words are common "
        f"Swedish function words. Use the Swedish version of the document.",
        where=where,
    )


__all__ = ["check_swedish", "script_of"]
