"""Signature blocks at the end of a document: who signed, in which post, where and when.

The block is found by walking back from the end of the text over short lines that look like
signature material (a name, a post, an organisation, a place and date, dotted lines). Three
layouts are handled:

- *sequential*: each signatory's lines follow each other (name, post, organisation), with the
  place and date before or after them;
- *interleaved*: a two-column layout flattened by a PDF converter, where the two dates, then the
  two names, then the two posts follow each other ("Linköping 2023-05-xx", "Linköping 2023-05-xx",
  "Ann-Christine Rehnström", "Kristina Edlund", ...);
- *columns*: two columns kept on one line, separated by three or more spaces, or the cells of a
  table row (a web page sets the block as a table: "Anna Andersson | Bo Bengtsson", as
  :mod:`kg.extract.html` writes a row).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date

from kg.extract.lexicon import Lexicon
from kg.extract.model import Party, Passage, Signature
from kg.extract.periods import MONTHS, find_dates
from kg.extract.text import Line, LineKind, lines_of

_LABEL = re.compile(
    r"(ort och datum|ort, datum|datum|ort|underskrift(er)?|namnförtydligande|för polisen|för kommunen|"
    r"undertecknat av|signatur(er)?)\s*:?",
    re.IGNORECASE,
)
_NAME_TOKEN = re.compile(r"[A-ZÅÄÖÉÜ][a-zåäöéüèáA-ZÅÄÖÉÜ'’]+(?:-[A-ZÅÄÖÉÜ][a-zåäöéüèáA-ZÅÄÖÉÜ'’]+)?")
_PARTICLES = {"af", "von", "van", "de", "la", "du", "der", "di", "da", "el", "al", "bin"}
_LPO = re.compile(
    r"\b(lokalpolisområde|lokalpolisområdet|polisområde|lpo)\b|\blokalpolisområde\b|\bpolismyndigheten\b",
    re.IGNORECASE,
)
_PLACE_TAIL = re.compile(r"(?:(?:^|[\s,]+)den)?[\s,]*$", re.IGNORECASE)
"""What follows the place before its date: "Växjö den 3 februari 2025", "Växjö, den 3/2 2025"."""
_COLUMNS = re.compile(r"\S(?:\s{3,}|\s*\|\s*)\S")
_NOT_NAME_WORDS = {
    "kommun", "stad", "polisen", "polis", "region", "lokalpolisområde", "medborgarlöfte", "medborgarlöften",
    "facebook", "instagram", "följ", "kontakt",
}  # fmt: skip


@dataclass
class _Item:
    kind: str  # D date (with place), N name, P post, O organisation, X other short line
    text: str
    line: Line
    col: int = 0
    start: int = 0
    end: int = 0
    place: str | None = None
    date_text: str | None = None
    date: date | None = None
    concept: str | None = None
    party: Party | None = None


@dataclass
class SignatureBlock:
    start: int
    """Offset where the signature block begins (the analysis stops there)."""
    signatures: list[Signature] = field(default_factory=list)
    end: int | None = None
    """Offset where the appendices after the block begin ("Bilaga 1: Lägesbild"), read again by
    the analysis; None when the block ends the text."""


_APPENDIX = re.compile(
    r"\s*(?:#+\s*)?(?:bilaga|bilagor|appendix)\b\s*\d{0,2}\s*(?:[:.–—-].*)?$", re.IGNORECASE
)
"""The heading of an appendix, which follows the signatures of the document it belongs to."""


def _is_name(text: str) -> bool:
    tokens = text.rstrip(",").split()
    if not 2 <= len(tokens) <= 4:
        return False
    if any(t.lower() in _NOT_NAME_WORDS for t in tokens):
        return False
    real = [t for t in tokens if t.lower() not in _PARTICLES]
    return len(real) >= 2 and all(_NAME_TOKEN.fullmatch(t) for t in real)


def _party_of_post(concept: str | None, text: str) -> Party | None:
    probe = (concept or "").rsplit("/", 1)[-1] + " " + text.lower()
    if "polis" in probe:
        return Party.police
    if concept or re.search(r"kommun|stad|ordförande|kommunalråd", probe):
        return Party.municipality
    return None


def _classify(text: str, line: Line, col: int, start: int, lexicon: Lexicon) -> _Item | None:
    t = text.strip()
    start += len(text) - len(text.lstrip())  # the item's passage is its words, blanks left out
    words = t.strip("*_").strip()  # Markdown's emphasis ("*Falun 2025-01-15*") is markup
    if words and words != t:
        start, t = start + t.index(words), words
    if (label := _FIELD_LABEL.match(t)) is not None:  # "Namn: Anna Berg", "Titel: …": a form's label
        start, t = start + label.end(), t[label.end() :]
    end = start + len(t)
    if not t:
        return None
    if re.fullmatch(r"[.…_\-–—=*·\s]{3,}", t):
        return _Item("X", t, line, col, start, end)
    if (m := _FOR.fullmatch(t)) and (party := _party_named(m.group(1), line, lexicon)) is not None:
        return _Item("F", t, line, col, start, end, party=party)
    if _LABEL.fullmatch(t):
        return _Item("L", t, line, col, start, end)
    dates = find_dates(t)
    if dates and len(t) <= 60:
        d = dates[0]
        head = _PLACE_TAIL.sub("", _FIELD.sub("", t[: d.pos])).strip(" ,")
        rest = t[d.end_pos :].strip(" ,.")
        if not rest and len(head.split()) <= 3:
            place = head if head and _is_place(head, lexicon) else None
            return _Item("D", t, line, col, start, end, place=place, date_text=d.text, date=d.value)
    elif (m := _MONTH_YEAR.search(t)) and len(t) <= 60:
        # "Umeå i februari 2025": the month the block was signed, kept as text (no day, no xsd:date)
        head = _PLACE_TAIL.sub("", _FIELD.sub("", t[: m.start()])).strip(" ,")
        if len(head.split()) <= 3:
            place = head if head and _is_place(head, lexicon) else None
            return _Item("D", t, line, col, start, end, place=place, date_text=m.group(1))
    if len(t) > 80 or (re.search(r"[.!?;:]$", t.rstrip(",")) and not t.endswith(".")):
        return None
    posts = lexicon.find("post", t)
    if posts and (posts[0].end - posts[0].start) >= 0.5 * len(t.rstrip(",")):
        return _Item("P", t.rstrip(","), line, col, start, end, concept=posts[0].concept,
                     party=_party_of_post(posts[0].concept, t))  # fmt: skip
    if _LPO.search(t) and len(t.split()) <= 5:
        return _Item("O", t, line, col, start, end, party=Party.police)
    mun = lexicon.municipality_matcher.find(t)
    if mun and (mun[0].end - mun[0].start) >= 0.6 * len(t):
        return _Item("O", t, line, col, start, end, party=Party.municipality)
    if _is_name(t):
        return _Item("N", t.rstrip(","), line, col, start, end)
    if len(t.split()) <= 3 and not t.endswith("."):
        return _Item("X", t, line, col, start, end)
    return None


_MONTH_YEAR = re.compile(
    rf"(?:^|\s)(?:i\s+)?((?:{'|'.join(sorted(MONTHS, key=len, reverse=True))})\s+\d{{4}})\s*$", re.IGNORECASE
)
"""A signing date of a month and year only, at the end of the line ("Umeå i februari 2025")."""
_FIELD = re.compile(
    r"^\s*(?:ort och datum|ort, datum|ort/datum|plats och datum|datum|ort)\s*:\s*", re.IGNORECASE
)
"""A form's label before the place and date it asks for ("Ort och datum: Umeå 2025-02-04")."""


_FIELD_LABEL = re.compile(
    r"(?:namn|namnförtydligande|titel|befattning|tjänst|roll|funktion|organisation|myndighet)\s*:\s*(?=\S)",
    re.IGNORECASE,
)
"""A signature form's label before the signatory's name, post or organisation ("Namn: Anna Berg",
"Titel: Kommunstyrelsens ordförande", "Befattning: …"): markup of the form, as the place-and-date
line's own label is."""


def _is_place(words: str, lexicon: Lexicon) -> bool:
    """A place's name: each word capitalised ("Umeå", "Upplands Väsby", "SÖDERTÄLJE") or a
    municipality's name ("Umeå kommun"); "Undertecknat digitalt" before a date names none."""
    if all(w[0].isupper() for w in words.split()):
        return True
    found = lexicon.municipality_matcher.find(words)
    return bool(found) and found[0].end - found[0].start >= 0.6 * len(words)


_FOR = re.compile(r"för\s+(.+?)\s*:?", re.IGNORECASE)
"""A line that says whom the signatory under it signs for: "För kommunen:", "För Polisen",
"För Umeå kommun:", "För Lokalpolisområde Umeå:"."""


def _party_named(words: str, line: Line, lexicon: Lexicon) -> Party | None:
    """The party ``words`` name: the police or the municipality, by their common nouns or names."""
    if re.fullmatch(r"(lokal)?polisen|polismyndigheten", words, re.IGNORECASE):
        return Party.police
    if re.fullmatch(r"kommunen|staden", words, re.IGNORECASE):
        return Party.municipality
    org = _classify(words, line, 0, 0, lexicon)
    return org.party if org is not None and org.kind == "O" else None


_UNLISTED_POST = re.compile(r"[a-zåäöé][^\W\d_]*(?:[ ,-]+[^\W\d_]+){0,5}")
"""The words of a post the vocabulary does not list: a lower-case word first ("rektor",
"verksamhetschef, Ekebyskolan"), at most six words, no digits or sentence punctuation."""


def _classify_segment(text: str, line: Line, col: int, start: int, lexicon: Lexicon) -> list[_Item]:
    """One segment as items; "Per Andersson, Lokalpolisområdeschef" gives a name and a post, "Maria
    Holm, lokalpolisområdeschef, Lokalpolisområde Sundsvall" a name, a post and its organisation."""
    if "," in text.rstrip(","):
        left, right = text.split(",", 1)
        name = _classify(left, line, col, start, lexicon)
        at = start + len(left) + 1
        if name is not None and name.kind == "N" and "," in right.rstrip(","):
            # "Name, Post, Organisation": the post's own words, then whose post it is
            post_text, org_text = right.split(",", 1)
            post = _classify(post_text, line, col, at, lexicon)
            org = _classify(org_text, line, col, at + len(post_text) + 1, lexicon)
            if post is not None and org is not None and post.kind == "P" and org.kind == "O":
                return [name, post, org]
        post = _classify(right, line, col, at, lexicon)
        if name is not None and post is not None and name.kind == "N" and post.kind in "PO":
            return [name, post]
        if name is not None and post is not None and name.kind == "P" and post.kind == "O":
            # "Lokalpolisområdeschef, lokalpolisområde Uppsala" under the name: the post's own
            # words, then whose post it is, as after a name on one line
            return [name, post]
        if name is not None and name.kind == "N" and _UNLISTED_POST.fullmatch(right.strip(" ,")):
            # "Karin Ek, rektor, Ekebyskolan": after a name and a comma a signature line gives the
            # signatory's post, also one the vocabulary does not list (and whose organisation is
            # no party); kept in its own words, with no role concept
            words = right.strip(" ,")
            s0 = at + len(right) - len(right.lstrip())
            return [
                name,
                _Item("P", words, line, col, s0, s0 + len(words), party=_party_of_post(None, words)),
            ]
    titled = _post_then_name(text, line, col, start, lexicon)
    if titled is not None:
        return titled
    item = _classify(text, line, col, start, lexicon)
    return [item] if item is not None else []


def _post_then_name(text: str, line: Line, col: int, start: int, lexicon: Lexicon) -> list[_Item] | None:
    """ "Kommunstyrelsens ordförande Åsa Berg", "Lokalpolisområdeschef Nils Gran": a post and the
    name after it with no comma (Swedish puts a title before a name as its apposition), a post
    and a name; None for any other line."""
    t = text.strip()
    posts = lexicon.find("post", t)
    if not posts or posts[0].start != 0 or not _is_name(t[posts[0].end :].strip()):
        return None
    at = start + len(text) - len(text.lstrip())
    post = _classify(t[: posts[0].end], line, col, at, lexicon)
    name = _classify(t[posts[0].end :], line, col, at + posts[0].end, lexicon)
    if post is None or name is None or post.kind != "P" or name.kind != "N":
        return None
    return [post, name]


def _segments(line: Line) -> list[tuple[str, int]]:
    """The columns of a line ("Anna Andersson        Bo Bengtsson"): (text, offset)."""
    raw = line.raw
    if not _COLUMNS.search(raw):
        stripped = raw.strip()
        return [(stripped, line.start + raw.index(stripped))] if stripped else []
    out = []
    for m in re.finditer(r"[^\s|]+(?:\s{1,2}[^\s|]+)*", raw):
        out.append((m.group(0), line.start + m.start()))
    return out


def find_signatures(text: str, lexicon: Lexicon, *, lines: list[Line] | None = None) -> SignatureBlock:
    """The signature block at the end of ``text``, or else right before its first appendix
    (empty when there is none)."""
    lines = lines if lines is not None else lines_of(text)
    found = _find_signatures(text, lexicon, lines)
    appendix = next((k for k, ln in enumerate(lines) if k and _APPENDIX.match(ln.raw)), None)
    if found.signatures or appendix is None:
        return found
    before = _find_signatures(text[: lines[appendix].start], lexicon, lines[:appendix])
    if not before.signatures:
        return found
    before.end = lines[appendix].start
    return before


def _find_signatures(text: str, lexicon: Lexicon, lines: list[Line]) -> SignatureBlock:
    zone: list[_Item] = []
    column_starts: list[int] = []
    i = len(lines) - 1
    while i >= 0:
        ln = lines[i]
        i -= 1
        if ln.kind in (LineKind.blank,):
            continue
        if ln.kind is LineKind.noise and not re.fullmatch(r"\s*[.…_]{3,}\s*", ln.raw):
            continue
        segs = _segments(ln)
        items: list[_Item] = []
        complete = True
        for col, (seg, off) in enumerate(segs):
            found = _classify_segment(seg, ln, col, off, lexicon)
            if not found:
                complete = False
                break
            items.extend(found)
        if not complete:
            break
        if len(segs) > 1:
            column_starts = sorted({off - ln.start for _, off in segs})
        zone[:0] = items
    zone = _trim(zone)
    if not any(it.kind == "N" for it in zone):
        return SignatureBlock(len(text))
    sigs: list[Signature] = []
    rows = _record_rows(zone) if column_starts else None
    if rows is not None:
        sigs = rows
    elif column_starts:
        for it in zone:
            if len(_segments(it.line)) == 1:
                pos = it.start - it.line.start
                it.col = min(range(len(column_starts)), key=lambda k: abs(column_starts[k] - pos))
        for col in sorted({it.col for it in zone}):
            sigs.extend(_sequential([it for it in zone if it.col == col]))
    elif _interleaved(zone):
        sigs = _by_index(zone)
    else:
        sigs = _sequential(zone)
    _date_over_the_block(zone, sigs)
    return SignatureBlock(zone[0].start, sigs)


def _record_rows(zone: list[_Item]) -> list[Signature] | None:
    """A table whose every row that names someone names one person ("Namn | Befattning | Datum",
    then "Anna Lindgren | Kommunstyrelsens ordförande | 2025-02-04"): each row is that signatory's
    record, its other cells their post and date, not a column of its own. None where a row names
    several (signatories side by side, read as columns)."""
    by_line: dict[int, list[_Item]] = {}
    for it in zone:
        by_line.setdefault(it.line.start, []).append(it)
    named = [items for items in by_line.values() if any(it.kind == "N" for it in items)]
    if any(len(_segments(items[0].line)) < 2 or sum(it.kind == "N" for it in items) != 1 for items in named):
        return None
    out = []
    for items in named:
        [name] = [it for it in items if it.kind == "N"]
        out.append(_signature(name, [it for it in items if it.kind in "POD"]))
    return out


def _date_over_the_block(zone: list[_Item], sigs: list[Signature]) -> None:
    """A block's only place and date, standing above its first name ("Umeå den 4 februari 2025"
    over the lines of both signatories), dates every signature under it, not only the first; a
    block that dates each signature has more than one date line, and each keeps its own. The only
    date line under the last name (below every signature, "Kumla 2025-03-01" at the block's end)
    is read the same way, as the block's: the signatures above the last, which no line of their
    own dates, are marked :attr:`~kg.extract.model.Signature.dated_by_block_end`, a reading (the
    line may be the last signatory's own), which the graph records as an assumption."""
    dates = [it for it in zone if it.kind == "D"]
    names = [k for k, it in enumerate(zone) if it.kind == "N"]
    if len(dates) != 1:
        return
    at = zone.index(dates[0])
    if names[0] < at < names[-1]:
        return
    d = dates[0]
    for sig in sigs:
        if sig.date_text is None:
            sig.place, sig.date_text, sig.date = d.place, d.date_text, d.date
            sig.passage = Passage(min(sig.passage.start, d.start), max(sig.passage.end, d.end))
            sig.dated_by_block_end = at > names[-1]


def _trim(zone: list[_Item]) -> list[_Item]:
    """Drop leading lines before the first signature material, and join a lone place line with
    the date line under it ("SÖDERTÄLJE" / "2021-03-11")."""
    while zone and zone[0].kind == "X":
        zone.pop(0)
    out: list[_Item] = []
    for it in zone:
        prev = out[-1] if out else None
        if (
            prev is not None
            and it.kind == "D"
            and it.place is None
            and prev.kind == "X"
            and prev.col == it.col
            and re.fullmatch(r"[A-ZÅÄÖ][\wåäöÅÄÖ-]+", prev.text)
        ):
            it.place = prev.text
            it.start = prev.start
            out[-1] = it
            continue
        out.append(it)
    return out


def _interleaved(zone: list[_Item]) -> bool:
    kinds = [it.kind for it in zone if it.kind in "NPOD"]
    return any(a == b == "N" for a, b in itertools.pairwise(kinds))


def _signature(name: _Item, parts: list[_Item]) -> Signature:
    items = [name, *parts]
    passage = Passage(min(it.start for it in items), max(it.end for it in items))
    sig = Signature(name=name.text, passage=passage)
    for it in parts:
        if it.kind == "P" and sig.post is None:
            sig.post, sig.post_concept = it.text, it.concept
            sig.party = sig.party or it.party
        elif it.kind in "OF" and it.party is not None:
            sig.party = it.party  # its organisation, or whom a line above it says it signs for
            sig.organisation = it.text
        elif it.kind == "D" and sig.date_text is None:
            sig.place, sig.date_text, sig.date = it.place, it.date_text, it.date
    return sig


def _by_index(zone: list[_Item]) -> list[Signature]:
    groups: dict[str, list[_Item]] = {k: [it for it in zone if it.kind == k] for k in "NPODF"}
    names = groups["N"]
    out = []
    for k, name in enumerate(names):
        parts = []
        for kind in "FDPO":
            g = groups[kind]
            if len(g) >= len(names):
                parts.append(g[k])
            elif len(g) == 1 and kind == "D":
                parts.append(g[0])
        out.append(_signature(name, parts))
    return out


def _sequential(zone: list[_Item]) -> list[Signature]:
    material = [it for it in zone if it.kind in "NPODF"]
    if not material:
        return []
    dates_first = next((it.kind == "D" for it in material if it.kind != "F"), False)
    # a block whose first post stands above the first name ("Kommunstyrelsens ordförande" / "Åsa
    # Berg"): every post there stands above the name it is said of (an organisation line may
    # stand above a name whose post is under it: "Mora kommun" / "Åsa Berg" / "Kommunstyrelsens
    # ordförande", so it says nothing of the order)
    heads_first = next((it.kind == "P" for it in material if it.kind in "NP"), False)
    out: list[tuple[_Item, list[_Item]]] = []
    pending: list[_Item] = []
    for it in material:
        if it.kind == "N":
            out.append((it, pending))
            pending = []
        elif it.kind == "F" or (it.kind == "D" and dates_first) or (it.kind == "P" and heads_first):
            pending.append(it)  # "För kommunen:" stands above the name it is said of
        elif out:
            if it.kind == "O" and any(p.kind == "O" for p in out[-1][1]):
                continue  # a repeated organisation line (a logo) after the last signatory
            out[-1][1].append(it)
        else:
            pending.append(it)
    trailing = [it for it in pending if it.kind == "D"]
    if out and trailing and not any(p.kind == "D" for p in out[-1][1]):
        # a date line above the first name and another below the last: the lower one stands
        # with the last signatory, as the upper one with the first (each with whom it is written)
        out[-1][1].append(trailing[0])
    return [_signature(name, parts) for name, parts in out]
