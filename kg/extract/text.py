"""Normalisation and segmentation of a published text into blocks with character offsets.

The text of a medborgarlöfte comes from web pages, PDFs and word processors, with their noise:
menu words ("Sök"), page numbers and page artefacts ("6 P"), paragraphs repeated by a web page,
lines wrapped mid-sentence (sometimes with a blank line after *every* line), Markdown markup,
``-``/``•``/numbered bullets and bullets that wrap. :func:`segment` turns it into a list of
:class:`Block` (heading, bullet or prose) whose cleaned text maps back, character by character,
to the normalised text, so every extracted item can point at its source passage.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from kg.extract.columns import split_columns
from kg.extract.model import Passage
from kg.extract.page_chrome import mark_running_heads

# ---------------------------------------------------------------------------------------------
# Normalisation


_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\t": "    "})
# Typographic ligatures (a PDF's text layer keeps "ﬁ" in "Traﬁksäkerhet") are a form of their
# letters, as Unicode's compatibility mapping says; NFC keeps them, so they are spelt out here.
_LIGATURES = {0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl",
              0xFB05: "st", 0xFB06: "st"}  # fmt: skip
_DROP = {
    **dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u00ad\ufffe\uffff")),
    **_LIGATURES,
    # control characters are no text (a NUL, a bell from a copied PDF); a page or line
    # tabulation breaks the line, as the PDF reader's page breaks do
    **dict.fromkeys((*range(0x00, 0x09), *range(0x0E, 0x20))),
    0x0B: "\n",
    0x0C: "\n\n",
}


def normalise(text: str) -> str:
    """NFC, LF line ends, ordinary spaces, no zero-width or control characters, ligatures
    spelt out, no trailing blanks.

    All offsets of the extraction point into this text.
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_SPACES).translate(_DROP)
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n") + "\n"


# ---------------------------------------------------------------------------------------------
# Lines


class LineKind(StrEnum):
    blank = "blank"
    noise = "noise"
    heading = "heading"
    bullet = "bullet"
    text = "text"


# Words of web-page chrome (menus, sharing, consent buttons): a line made only of these is noise.
_CHROME_WORDS = (
    r"sök|meny|stäng|logga in|skriv ut|dela( sidan)?|lyssna|tipsa|print|search|menu|translate|"
    r"till innehåll(et)?|(hoppa|gå) till (huvud)?innehåll(et)?|till startsidan|startsida(n)?|"
    r"visa fler|läs mer|tillbaka|toppen|till toppen|cookies?|kakor|jag godkänner|godkänn( alla)?|"
    r"acceptera( alla)?|inställningar|neka|fler webbplatser|"
    r"kontakta oss|kontakt|english|in english|lättläst|teckenspråk|följ oss på \w+"
)
_NOISE = [
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"(?:(?:{_CHROME_WORDS})[\s|,·•]*)+",
        r"\d{1,3}",  # a page number alone on a line
        r"(sida|page|s\.) ?\d{1,3}( ?(av|of|/) ?\d{1,3})?",
        r"\d{1,3} ?\(\d{1,3}\)",  # 3 (12)
        r"\d{1,3} [A-ZÅÄÖ]",  # "6 P": a page number and a stray letter from a page footer
        r"[.…_\-–—=*·•]{3,}",  # rulers and dotted signature lines
        r"[^.…]{1,80}?\s?(?:[.…·_]\s?){4,}\s?\d{1,3}",  # a table of contents' entry: title, leader, page
        r"\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?",  # the rule under a Markdown table's header
        r"(publicerad|uppdaterad|senast (uppdaterad|ändrad|granskad)|sidan (uppdaterades|granskades))\b.*",
        # a page's share bar, "Dela: Facebook LinkedIn E-post", "Dela sidan på Facebook": the
        # services a reader may share the page on, no channel the promise reports on
        r"dela(?: sidan| på| via)?\s*:\s*[^.!?]{0,60}|dela sidan\b[^.!?:]{0,60}",
    )
]
EMPTY_ITEM = re.compile(r"(\d{1,2}[.)]|[-–—•·*])")
"""A list marker with nothing after it: a list cut off where the page was cut."""
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_BOLD_LINE = re.compile(r"^(\*\*|__)(.+?)(\*\*|__):?$")
# List markers: ASCII and typographic bullets, the Symbol/Wingdings glyphs a PDF or a word
# processor leaves in the private use area, numbers and letters, and Word's "o" for a sub-item.
_BULLET = re.compile(
    r"^(\s*)(?:([-–*+])\s+|([•·▪◦●○■□➢►✓❖◆◇▸‣⁃\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0e0\uf06e])\s*"
    r"|(\d{1,2}[.)])\s+|([a-h][.)])\s+|(o)\s+(?=[A-ZÅÄÖ]))(?=\S)"
)


@dataclass(frozen=True)
class Line:
    number: int
    """1-based line number in the normalised text."""
    start: int
    end: int
    raw: str
    kind: LineKind
    level: int = 0
    """Heading level (1-6) for Markdown headings; 0 otherwise."""
    body_start: int = 0
    """Offset (in the line) where the content starts, after '#', bullet markers, bold markers."""


def _classify(raw: str) -> tuple[LineKind, int, int]:
    stripped = raw.strip()
    if not stripped:
        return LineKind.blank, 0, 0
    indent = len(raw) - len(raw.lstrip())
    for pattern in _NOISE:
        if pattern.fullmatch(stripped):
            return LineKind.noise, 0, 0
    if EMPTY_ITEM.fullmatch(stripped):
        return LineKind.noise, 0, 0
    m = _MD_HEADING.match(raw.lstrip())
    if m:
        return LineKind.heading, len(m.group(1)), indent + m.start(2)
    m = _BULLET.match(raw)
    if m:
        return LineKind.bullet, 0, m.end()
    if _BOLD_LINE.match(stripped) and len(stripped) < 200:
        return LineKind.heading, 5, indent
    return LineKind.text, 0, indent


def lines_of(text: str) -> list[Line]:
    out: list[Line] = []
    pos = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        kind, level, body = _classify(raw)
        out.append(Line(number, pos, pos + len(raw), raw, kind, level, body))
        pos += len(raw) + 1
    return split_columns(mark_running_heads(out))


# ---------------------------------------------------------------------------------------------
# Blocks with an offset map


class BlockKind(StrEnum):
    heading = "heading"
    bullet = "bullet"
    prose = "prose"


_INLINE_DELETIONS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((<?[^)\s]+>?)\)")
_ANGLE_URL = re.compile(r"<(https?://[^>\s]+)>")


@dataclass
class Block:
    """A heading, a bullet (with its continuation lines) or a prose paragraph."""

    kind: BlockKind
    text: str
    """Cleaned text: markup and markers removed, wrapped lines joined by one space."""
    offsets: list[int]
    """For each character of :attr:`text`, its offset in the normalised text."""
    lines: list[Line]
    level: int = 0
    """Heading level; plain-text headings get 2, the document title 1."""
    marker: str = ""
    links: list[str] = field(default_factory=list)
    """URLs of Markdown links and <...> autolinks (the visible text stays in :attr:`text`)."""
    duplicate: bool = False
    """A repeated paragraph (web pages repeat intros); kept for ``--explain``, not analysed."""
    line_texts: list[tuple[int, int]] = field(default_factory=list)
    """(start, end) in :attr:`text` of each physical line, for layouts that line breaks carry."""
    depth: int = 0
    """Nesting of a bullet: 0 for a top-level item, 1 for an item under it, and so on."""
    cells: list[tuple[str, int, int]] = field(default_factory=list)
    """For a table row: (column role, start, end) in :attr:`text` of each cell whose header says
    what it holds (``outcome``, ``activity``, ``responsible``, ``frequency``, ``place``); for the
    table's header row (a heading), each header cell with the role it names."""
    chrome: bool = False
    """Web-page chrome in a paragraph (a cookie banner); kept for ``--explain``, not analysed."""
    foreign: bool = False
    """Written in English beside the Swedish text (a translation, :mod:`.language`); not analysed."""
    cut: Passage | None = None
    """Where the page was cut off mid-sentence: the incomplete text dropped from this block."""

    @property
    def start(self) -> int:
        return self.offsets[0] if self.offsets else (self.lines[0].start if self.lines else 0)

    @property
    def end(self) -> int:
        return self.offsets[-1] + 1 if self.offsets else (self.lines[-1].end if self.lines else 0)

    @property
    def passage(self) -> Passage:
        return Passage(self.start, self.end)

    def span(self, i: int, j: int) -> Passage:
        """The passage of ``text[i:j]``."""
        i = max(0, min(i, len(self.text) - 1))
        j = max(i + 1, min(j, len(self.text)))
        return Passage(self.offsets[i], self.offsets[j - 1] + 1)


class BlockBuilder:
    def __init__(self) -> None:
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.links: list[str] = []
        self.line_texts: list[tuple[int, int]] = []

    def add_line(self, raw: str, base: int, body_start: int) -> None:
        """Append one physical line's content (from ``body_start``), markup removed."""
        body = raw[body_start:]
        base += body_start
        # leading/trailing blanks of the content
        lead = len(body) - len(body.lstrip())
        body_s = body.strip()
        base += lead
        if not body_s:
            return
        if self.chars:
            prev = self.chars[-1]
            if prev == "-" and len(self.chars) > 1 and self.chars[-2].isalpha() and body_s[:1].islower():
                if not re.match(r"(och|eller|samt|respektive)\b", body_s):
                    # hyphenated word wrapped over two lines: "brotts-" + "förebyggande"
                    self.chars.pop()
                    self.offsets.pop()
                else:
                    self._push(" ", base - 1)
            else:
                self._push(" ", base - 1)
        start = len(self.chars)
        keep = [True] * len(body_s)
        for m in _MD_LINK.finditer(body_s):
            keep[m.start()] = False  # "["
            for k in range(m.end(1), m.end()):  # "](url)"
                keep[k] = False
            self.links.append(m.group(2).strip("<>"))
        for m in _ANGLE_URL.finditer(body_s):
            keep[m.start()] = False
            keep[m.end() - 1] = False
            self.links.append(m.group(1))
        for m in _INLINE_DELETIONS.finditer(body_s):
            for k in range(m.start(), m.end()):
                keep[k] = False
        for k, ch in enumerate(body_s):
            if keep[k]:
                self._push(ch, base + k)
        # collapse the trailing blank a removed marker can leave
        while self.chars and self.chars[-1] == " " and len(self.chars) > start:
            self.chars.pop()
            self.offsets.pop()
        self.line_texts.append((start, len(self.chars)))

    def _push(self, ch: str, offset: int) -> None:
        if ch == " " and self.chars and self.chars[-1] == " ":
            return
        self.chars.append(ch)
        self.offsets.append(offset)

    def text(self) -> str:
        return "".join(self.chars)


def make_block(kind: BlockKind, lines: list[Line], level: int = 0, marker: str = "") -> Block | None:
    b = BlockBuilder()
    for ln in lines:
        b.add_line(ln.raw, ln.start, ln.body_start)
    text = b.text()
    # heading text: drop a trailing colon kept by bold-line headings
    if not text.strip():
        return None
    return Block(kind, text, b.offsets, list(lines), level, marker, b.links, line_texts=b.line_texts)


TERMINAL = (".", "!", "?", ":", ";")

UNDERTAKE = r"åtar\s+(?:sig|oss|vi\s+oss)"
"""The reflexive "åta sig" (undertake) as promises write it: "Polisen åtar sig", "Vi åtar oss",
"Gemensamt åtar vi oss" (an adverbial first puts the subject after the verb)."""


def looks_like_plain_heading(text: str) -> bool:
    t = text.strip()
    if not t or len(t) > 80 or len(t.split()) > 11:
        return False
    if t.endswith((".", ",", ";")) and not t.endswith("..."):
        return False
    if t.endswith(":") and len(t.split()) > 6:
        return False
    first = t.lstrip("*_\"'”“")[:1]
    return first.isupper() or first.isdigit()


def segment(text: str) -> list[Block]:
    """The blocks of a normalised text, in document order, repeated paragraphs marked."""
    from kg.extract import layout  # the layout passes build on the block primitives below

    lines = lines_of(text)
    double = layout.is_double_spaced(lines)
    blocks: list[Block] = []
    current: list[Line] = []
    current_kind: BlockKind | None = None
    marker = ""
    blank_run = 0

    def close() -> None:
        nonlocal current, current_kind, marker
        if current and current_kind is not None:
            block = make_block(current_kind, current, marker=marker)
            if block is not None:
                blocks.append(block)
        current, current_kind, marker = [], None, ""

    for ln in lines:
        if ln.kind is LineKind.noise:
            continue
        if ln.kind is LineKind.blank:
            blank_run += 1
            if not double or blank_run >= 2:
                close()
            continue
        gap = blank_run
        blank_run = 0
        if ln.kind is LineKind.heading:
            close()
            block = make_block(BlockKind.heading, [ln], level=ln.level)
            if block is not None:
                block.text = block.text.rstrip(":").rstrip()
                blocks.append(block)
            continue
        if ln.kind is LineKind.bullet:
            close()
            current, current_kind = [ln], BlockKind.bullet
            marker = ln.raw.strip()[:1]
            continue
        # text line
        if current_kind is None:
            current, current_kind = [ln], BlockKind.prose
        elif double and gap == 1 and current_kind is BlockKind.bullet and _starts_new_item(ln.raw):
            close()
            current, current_kind = [ln], BlockKind.prose
        else:
            current.append(ln)
    close()
    blocks = layout.split_and_tables(blocks, double)
    blocks = _promote_plain_headings(blocks, text)
    blocks = _join_continuations(blocks)
    _mark_duplicates(blocks)
    layout.mark(blocks, lines)
    return blocks


def _starts_new_item(raw: str) -> bool:
    return raw.lstrip()[:1].isupper()


def _promote_plain_headings(blocks: list[Block], text: str) -> list[Block]:
    """Prose paragraphs of one line (or one wrapped line: :func:`.layout.wrapped_heading`) that
    look like headings become headings (level 2; the first block, the document's title, level 1)."""
    from kg.extract.layout import wrapped_heading

    out: list[Block] = []
    for i, b in enumerate(blocks):
        if (
            b.kind is BlockKind.prose
            and (len(b.line_texts) == 1 or wrapped_heading(b))
            and looks_like_plain_heading(b.text)
            and not re.match(r"ansvarig|ansvar\s*:", b.text, re.IGNORECASE)
        ):
            b.kind = BlockKind.heading
            b.level = 1 if i == 0 else 2
            b.text = b.text.rstrip(":").rstrip()
        elif b.kind is BlockKind.heading and i == 0 and b.level == 0:
            b.level = 1
        out.append(b)
    return out


def _join_continuations(blocks: list[Block]) -> list[Block]:
    """Join a paragraph to the block before it when it continues it: it starts in lower case
    after a block without final punctuation (a page break or a blank line inside a wrapped
    bullet), or it is an "Ansvarig:" line or an actor tag under a bullet."""
    out: list[Block] = []
    for b in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and b.kind is BlockKind.prose
            and prev.kind in (BlockKind.bullet, BlockKind.prose)
            and (
                (b.text[:1].islower() and not prev.text.rstrip().endswith(TERMINAL))
                or (prev.kind is BlockKind.bullet and re.match(r"(ansvarig|ansvariga)\s*:", b.text, re.I))
                or (prev.kind is BlockKind.bullet and re.fullmatch(r"\([^)]{2,60}\)", b.text.strip()))
            )
        ):
            _append(prev, b)
            continue
        out.append(b)
    return out


def _append(a: Block, b: Block) -> None:
    shift = len(a.text) + 1
    a.text = a.text + " " + b.text
    a.offsets = [*a.offsets, b.offsets[0] - 1 if b.offsets else a.end, *b.offsets]
    a.line_texts = [*a.line_texts, *((x + shift, y + shift) for x, y in b.line_texts)]
    a.lines = [*a.lines, *b.lines]
    a.links = [*a.links, *b.links]


def _fingerprint(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def _mark_duplicates(blocks: list[Block]) -> None:
    seen: set[str] = set()
    for b in blocks:
        if b.kind is BlockKind.heading or len(b.text) < 60:
            continue
        fp = _fingerprint(b.text)
        if fp in seen:
            b.duplicate = True
        seen.add(fp)


# ---------------------------------------------------------------------------------------------
# Sentences


_ABBREVIATIONS = (
    "t.ex.",
    "bl.a.",
    "m.m.",
    "m.fl.",
    "s.k.",
    "dvs.",
    "ca.",
    "ex.",
    "etc.",
    "osv.",
    "resp.",
    "jfr.",
)
_SENTENCE_END = re.compile(r"[.!?](?=[\s”\"')]*\s+[\"”(]?[A-ZÅÄÖ0-9])")


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence in ``text``."""
    start = 0
    n = len(text)
    while start < n and text[start].isspace():
        start += 1
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        before = text[max(0, end - 6) : end].lower()
        if any(before.endswith(a) for a in _ABBREVIATIONS):
            continue
        if end <= start:
            continue
        yield start, end
        start = end
        while start < n and text[start].isspace():
            start += 1
    if start < n and text[start:].strip():
        yield start, len(text.rstrip())


def line_of(text: str, offset: int) -> int:
    """The 1-based line number of an offset in ``text``."""
    return text.count("\n", 0, offset) + 1
