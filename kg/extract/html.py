"""Text out of a web page, with the structure the segmenter understands.

Headings become Markdown headings (``## ...``), list items bullets (``- ...`` or ``1. ...``),
block elements paragraphs, table rows lines of cells separated by ``|``; scripts, styles and page
chrome (``nav``, ``header``, ``footer``, ``aside``, ``form``, ``dialog``, cookie banners and menus named so by
their ``id``, ``class`` or ARIA ``role``) are dropped. Uses the standard library's :mod:`html.parser`.
"""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser

_SKIP = {"script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form",
         "button", "select", "iframe", "head", "dialog"}  # fmt: skip
_BLOCK = {"p", "div", "section", "article", "main", "table", "blockquote", "ul", "ol", "dl", "dd",
          "dt", "figure", "figcaption", "address", "pre", "hr", "body", "html"}  # fmt: skip
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_CHROME = re.compile(r"cookie|consent|samtycke|gdpr|skip-?link|breadcrumb|site-?menu|share", re.I)
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog"}
_HREF = re.compile(r"[^\s()<>\[\]#][^\s()<>\[\]]*")
_NOTE_MARK = re.compile(r"\s*(?:[\[(]?\d{1,3}[\])]?|[*\u2020\u2021]+)\s*")
"""What a ``<sup>`` holds as a footnote's reference mark ("1", "[2]", "*", "†"): no word of the
sentence it stands in ("… två gånger per år.<sup>1</sup>" is "… per år.", not "… år.1")."""


def _is_chrome(attrs: list[tuple[str, str | None]]) -> bool:
    """An element of page chrome by its attributes: a cookie banner, a consent dialog, a menu."""
    values = dict(attrs)
    if (values.get("role") or "") in _CHROME_ROLES or "hidden" in values:
        return True
    return bool(_CHROME.search(f"{values.get('id') or ''} {values.get('class') or ''}"))


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.lists: list[list[int]] = []  # per open list: [is_ordered, counter]
        self.cells = 0  # cells so far in the open table row
        self.row: list[int] = []  # where each cell of the open table row starts in out
        self.sup: list[int] = []  # where each open <sup> starts in out
        # per open list item: [where its text starts in out, its links, text outside a link, href]
        self.items: list[list[object]] = []
        self.anchor: str | None = None  # the href of the open <a>

    def _newline(self, blank: bool = True) -> None:
        self.out.append("\n\n" if blank else "\n")

    def _link_item(self, start: object, links: object, outside: object, href: object) -> None:
        """A list item that is wholly one link ("<li><a href="/x">Trygghetsvandringar</a></li>")
        is written as a Markdown link, "[Trygghetsvandringar](/x)": the text reader keeps the
        address beside the words, and a list of links elsewhere can be told from a list of
        activities (:mod:`.asides`)."""
        at = int(str(start))
        text = "".join(self.out[at:]).strip()
        url = str(href)
        if links != 1 or outside or not text or not _HREF.fullmatch(url) or re.search(r"[\[\]\n]", text):
            return
        del self.out[at:]
        self.out.append(f"[{text}]({url})")

    def _row_across(self) -> None:
        """A table row whose every cell holds the same number of lines, two or more ("Anna
        Berg<br>Kommunstyrelsens ordförande" beside "Per Ek<br>Lokalpolisområdeschef": a signature
        block set as a table), is written line by line across its cells, as side-by-side columns
        are read ("Anna Berg | Per Ek" over "Kommunstyrelsens ordförande | Lokalpolisområdeschef");
        cell after cell, each cell's first line would stand beside the line before the next."""
        if len(self.row) < 2:
            return
        bounds = [*self.row, len(self.out)]
        cells = ["".join(self.out[a:b]).removesuffix(" | ") for a, b in itertools.pairwise(bounds)]
        lines = [[x.strip() for x in c.strip().split("\n")] for c in cells]
        if len({len(c) for c in lines}) != 1 or len(lines[0]) < 2:
            return
        del self.out[self.row[0] :]
        self.out.append("\n".join(" | ".join(row) for row in zip(*lines, strict=True)))
        self.row = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            if tag not in _VOID:
                self.skip += 1
            return
        if tag in _SKIP or _is_chrome(attrs):
            if tag not in _VOID:
                self.skip = 1
            return
        if tag == "sup":
            self.sup.append(len(self.out))
        elif tag == "a":
            self.anchor = dict(attrs).get("href") or ""
            if self.items:
                self.items[-1][1] = int(str(self.items[-1][1])) + 1
                self.items[-1][3] = self.anchor
        elif tag in _HEADINGS:
            self._newline()
            self.out.append("#" * _HEADINGS[tag] + " ")
        elif tag in ("ul", "ol"):
            self.lists.append([1 if tag == "ol" else 0, 0])
            if len(self.lists) == 1:
                self._newline()
        elif tag == "li":
            self._newline(blank=False)
            self.out.append("\u00a0" * 2 * max(0, len(self.lists) - 1))  # a nested list is indented
            if self.lists and self.lists[-1][0]:
                self.lists[-1][1] += 1
                self.out.append(f"{self.lists[-1][1]}. ")
            else:
                self.out.append("- ")
            self.items.append([len(self.out), 0, False, ""])
        elif tag == "tr":
            self._newline(blank=False)
            self.cells = 0
            self.row = []
        elif tag in ("td", "th"):
            if self.cells:
                self.out.append(" | ")
            self.cells += 1
            self.row.append(len(self.out))
        elif tag == "br":
            self._newline(blank=False)
        elif tag in _BLOCK:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag not in _VOID:
                self.skip -= 1
            return
        if tag == "a":
            self.anchor = None
        elif tag == "li" and self.items:
            self._link_item(*self.items.pop())
        elif tag == "tr":
            self._row_across()
        elif tag == "sup" and self.sup:
            start = self.sup.pop()
            if _NOTE_MARK.fullmatch("".join(self.out[start:])):
                del self.out[start:]
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            if not self.lists:
                self._newline()
        elif tag in _HEADINGS or tag in _BLOCK:
            self._newline()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.items and self.anchor is None and data.strip():
            self.items[-1][2] = True
        self.out.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """The readable text of an HTML page, one paragraph per block, lists as bullets."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    text = "".join(parser.out)
    lines = [line.strip(" ").replace("\u00a0", " ") for line in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
