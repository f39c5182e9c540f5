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
from typing import TYPE_CHECKING

from kg.errors import ExtractionError

if TYPE_CHECKING:
    from kg.extract.text import Block

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


def _shares(text: str) -> tuple[int, int, int]:
    """The words of ``text``, and how many of them are Swedish and English function words."""
    words = [w.casefold() for w in _WORD.findall(text)]
    return len(words), sum(w in _SWEDISH for w in words), sum(w in _ENGLISH for w in words)


def is_english(text: str) -> bool:
    """Whether a paragraph is written in English: its English function words ("the", "will",
    "and" …) are at least two and more than twice its Swedish ones ("och", "ska" …)."""
    _, sv, en = _shares(text)
    return en >= 2 and en > 2 * sv


def _is_swedish(text: str) -> bool:
    _, sv, en = _shares(text)
    return sv >= 2 and sv > en


def mark_foreign(blocks: list[Block]) -> None:
    """The English translation of a Swedish page ("Citizen promise …", "The police will …"):
    each paragraph or item written in English, and each heading whose section is English (its
    words taken together, none of its paragraphs Swedish; an item too short to tell, "Traffic
    checks", is so by its section), is marked :attr:`Block.foreign`: the promise is read once,
    from its Swedish text."""
    for b in blocks:
        if b.kind.name != "heading" and is_english(b.text):
            b.foreign = True
    for i, head in enumerate(blocks):
        if head.kind.name != "heading":
            continue
        level = head.level or 2
        end = next(
            (j for j in range(i + 1, len(blocks))
             if blocks[j].kind.name == "heading" and (blocks[j].level or 2) <= level),
            len(blocks),
        )  # fmt: skip
        section = blocks[i:end]
        if any(_is_swedish(b.text) for b in section):
            continue
        _, sv, en = _shares(" ".join(b.text for b in section))
        if en >= 2 and en > 2 * sv:
            for b in section:
                b.foreign = True


def check_swedish(text: str, *, where: str) -> None:
    """:class:`ExtractionError` when ``text`` is clearly not Swedish. Paragraphs in English
    beside Swedish ones (a translation on the same page) are left out of the measure, unless
    too little is left to judge."""
    script = script_of(text)
    words = [w.casefold() for w in _WORD.findall(text)]
    paragraphs = re.split(r"\n\s*\n", text)
    rest = [p for p in paragraphs if not is_english(p)]
    if len(rest) < len(paragraphs):
        kept = [w.casefold() for w in _WORD.findall("\n".join(rest))]
        if len(kept) >= MIN_WORDS:
            words = kept
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


__all__ = ["check_swedish", "is_english", "mark_foreign", "script_of"]
