"""Named places in a passage: schools, housing areas, centres, youth clubs.

Swedish place names are recognised by their head word ("Pilängskolan", "Karlslundsområdet",
"Tusenskönans förskola", "Ungdomshuset Karlslund", "Rönninge centrum"). The head words are the
grammar of place names, not a lexicon of places, so they live here.

A name without a head word is a place where a locative preposition governs it ("en
trygghetsvandring i Vretstorp", "kontroller i Hasselfors och i Finnerödja"): a capitalised word
after "i", "på", "vid", "utanför", "kring" or "runt" that is no month or weekday, no genitive of a
name before its noun ("i Laxås skolor"; "på Stora torget" is a name of two words, its second a
place's head word), no word of the vocabularies or the reference graph (an
organisation, a channel, a municipality), and no common noun the text also writes in lower case.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_HEADS = (
    "skolan|skola|gymnasiet|området|centrum|torget|torg|parken|park|gården|huset|hallen|arenan|"
    "stationen|station|centralen|badet|stranden|gatan|vägen|platsen|plan|backen|biblioteket"
)
_UP = r"[A-ZÅÄÖ][a-zåäöéü]+"
_HEADED = re.compile(rf"[a-zåäö]*(?:{_HEADS})")
"""A word that ends in a place's head word: "torget", "busstation", "resecentrum"."""
_NATURE = re.compile(
    r"äng(?:en|ar|arna)?|hag(?:e|en|ar|arna)|back(?:e|ar|arna)|dal(?:en)?|hamn(?:en)?|vik(?:en)?|"
    r"holm(?:e|en|ar|arna)?|berg(?:et)?|höjd(?:en|er|erna)?|skog(?:en)?|strand|gård|park|byn?|"
    r"udd(?:e|en)|moss(?:e|en)|lund(?:en)?|heden"
)
"""A noun of the land in lower case that a name of two words ends in: "Tjärna ängar", "Kista
gård", "Gröna lund" (its definite forms, "backen", "stranden", are heads of :data:`_HEADS` too)."""
_TOWN = re.compile(r"innerstad(?:en)?|stadskärna(?:n)?")
"""A noun of a town's part that a name of two words ends in: "Visby innerstad", "Säters
stadskärna"."""
_PATTERNS = [
    # a capitalised compound ending in a head word: Pilängskolan, Karlslundsområdet
    re.compile(rf"\b{_UP[:-1]}*?(?:{_HEADS})\b"),
    # a genitive name and a head: Tusenskönans förskola, Drömmens förskola
    re.compile(rf"\b{_UP}s\s+(?:förskola|skola|fritidsgård|centrum|torg|park|bibliotek|idrottsplats)\b"),
    # a head and a name: Ungdomshuset Karlslund, Fritidsgården Ankaret
    re.compile(rf"\b(?:Ungdomshuset|Fritidsgården|Kulturhuset|Medborgarhuset|Föreningshuset)\s+{_UP}\b"),
    # a name and "centrum" or "Arena": Rönninge centrum, Puls Arena
    re.compile(rf"\b{_UP}\s+(?:centrum|Centrum|Arena|C)\b"),
]
_NOT_PLACES = {"Skolan", "Området", "Centrum", "Torget", "Parken", "Huset", "Gården", "Platsen", "Stationen"}


_LOCATIVE = re.compile(
    r"(?<![\w-])(?:[iI]|[pP]å|[vV]id|[uU]tanför|[kK]ring|[rR]unt)\s+(?P<name>[A-ZÅÄÖ][a-zåäöéü]{2,}(?:-[A-ZÅÄÖ][a-zåäöéü]+)?)"
    r"(?![\w-])(?P<next>\s+[a-zåäö]+|\s+[A-ZÅÄÖ])?"
)
_TIMES = (
    "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|"
    "måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag|jul|påsk|midsommar|nyår"
)
_NOT_NAME = re.compile(rf"(?:{_TIMES})\w*|\w*löfte\w*", re.IGNORECASE)
_GOES_ON = {
    "och", "samt", "eller", "under", "med", "i", "på", "vid", "för", "genom", "tillsammans", "varje",
    "minst", "en", "ett", "där", "som", "inom", "utanför", "kring", "runt", "efter", "inför",
}  # fmt: skip
"""Words after a name that show it is no genitive before its noun ("i Hasselfors och …")."""

_NUMERALS = "två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|tjugo|varannan|vartannat|per"
_ADVERB = re.compile(rf"(?:{_NUMERALS})|\w+(?:tid|vis|ligen)")
"""Numerals and adverbs of time or manner ("kvällstid", "månadsvis", "regelbundet" is none):
closed classes and adverb endings, which no name continues with."""


_WHEN = re.compile(rf"(?:{_TIMES})\w*|helg(?:er|erna|en)?", re.IGNORECASE)
"""A time of the week or year after a name, "i Rinkeby och Tensta fredagar och lördagar": when,
so the name before it is whole."""


def _goes_on(word: str) -> bool:
    """Whether ``word`` after a name shows that the name is whole ("i Vretstorp och …", "i
    Brattberget två gånger per år", "i Centrum kvällstid"), not the first part of a longer one
    or a genitive before its noun."""
    return word in _GOES_ON or _ADVERB.fullmatch(word) is not None or _WHEN.fullmatch(word) is not None


def _lower_case_word(name: str, document: str) -> bool:
    """Whether ``document`` writes ``name`` in lower case as a word of its own: a common noun
    ("i Samverkan" beside "samverkan"); not inside a web address ("ale.se", "www.ale.se/trygghet")."""
    return re.search(rf"(?<![\w./-]){re.escape(name.lower())}(?![\w-]|\.\w)", document) is not None


_AND_NAME = re.compile(
    r"\s*(?:,|och|samt|eller)\s+(?P<name>[A-ZÅÄÖ][a-zåäöéü]{2,}(?:-[A-ZÅÄÖ][a-zåäöéü]+)?)(?![\w-])"
    r"(?P<next>\s+[a-zåäö]+|\s+[A-ZÅÄÖ])?"
)


def _coordinated(
    text: str, pos: int, known: Callable[[str], bool], document: str
) -> list[tuple[str, int, int]]:
    """Names joined to a located name without a preposition of their own ("i Söderfors och
    Karlholmsbruk", "i Vretstorp, Hasselfors eller Finnerödja"): places too, by the same tests."""
    out: list[tuple[str, int, int]] = []
    while (m := _AND_NAME.match(text, pos)) is not None:
        name, after = m.group("name"), (m.group("next") or "").strip()
        if _NOT_NAME.fullmatch(name) or known(name) or after[:1].isupper() or (after and not _goes_on(after)):
            break
        if _lower_case_word(name, document):
            break
        out.append((name, m.start("name"), m.end("name")))
        pos = m.end("name")
    return out


def located_names(
    text: str, *, known: Callable[[str], bool], document: str = ""
) -> list[tuple[str, int, int]]:
    """(name, start, end) of each name a locative preposition governs in ``text`` ("i
    Vretstorp"), where ``known(name)`` says it is no word of the vocabularies or reference graph
    and ``document`` (the whole text) does not write it in lower case. The preposition is written
    in lower case or opens the sentence; the name is capitalised."""
    out: list[tuple[str, int, int]] = []
    for m in _LOCATIVE.finditer(text):
        prep = text[m.start() : m.start("name")].strip()
        if not prep.islower() and text[: m.start()].strip()[-1:] not in ("", ".", "!", "?", ":"):
            continue
        name = m.group("name")
        after = (m.group("next") or "").strip()
        if _NOT_NAME.fullmatch(name) or after[:1].isupper():
            continue  # a month or weekday, or a longer name ("Norra Esplanaden")
        end = m.end("name")
        if after and (_HEADED.fullmatch(after) or _NATURE.fullmatch(after) or _TOWN.fullmatch(after)):
            # "på Stora torget", "på Hedemora busstation", "vid Avestas resecentrum", "i Tjärna
            # ängar": a name of two words, its second a place's head word or a noun of the land
            # (also after a municipality's name)
            name, end = f"{name} {after}", m.end("next")
        elif known(name):
            continue  # a word of the vocabularies or the reference graph
        elif after and not _goes_on(after):
            continue  # "i Laxås skolor": a genitive before its noun, "i Brottsförebyggande rådet"
        if _lower_case_word(m.group("name"), document or text):
            continue  # the text also writes it in lower case: a common noun ("i Samverkan")
        out.append((name, m.start("name"), end))
        out += _coordinated(text, end, known, document or text)
    return out


_QUALIFIER = re.compile(
    r"(?<![\w-])(?:Norra|Södra|Östra|Västra|Stora|Lilla|Gamla|Nya|Övre|Nedre|Yttre|Inre)\s+$"
)
"""A capitalised direction or size before a place's name, part of it: "Västra Storgatan", "Stora
Torget", "Gamla Stan" (a closed class of adjectives)."""


def find_places(text: str, *, exclude: tuple[str, ...] = ()) -> list[tuple[str, int, int]]:
    """(name, start, end) of each place named in ``text``, in order, without repeats."""
    found: list[tuple[str, int, int]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            name, start = m.group(0), m.start()
            if name in _NOT_PLACES or any(x.startswith(name) for x in exclude):
                continue
            qualifier = _QUALIFIER.search(text, max(0, start - 10), start)
            if qualifier is not None:  # "Västra Storgatan": the name is both words
                name, start = text[qualifier.start() : m.end()], qualifier.start()
            found.append((name, start, m.end()))
    found.sort(key=lambda x: (x[1], -(x[2] - x[1])))
    kept: list[tuple[str, int, int]] = []
    for item in found:
        if kept and item[1] < kept[-1][2]:
            continue
        kept.append(item)
    found = kept
    out: list[tuple[str, int, int]] = []
    seen: set[str] = set()
    for name, s, e in found:
        if name.casefold() not in seen:
            seen.add(name.casefold())
            out.append((name, s, e))
    return out
