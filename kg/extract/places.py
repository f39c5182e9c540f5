"""Named places in a passage: schools, housing areas, centres, youth clubs.

Swedish place names are recognised by their head word ("Pilängskolan", "Karlslundsområdet",
"Tusenskönans förskola", "Ungdomshuset Karlslund", "Rönninge centrum"). The head words are the
grammar of place names, not a lexicon of places, so they live here.
"""

from __future__ import annotations

import re

_HEADS = (
    "skolan|skola|gymnasiet|området|centrum|torget|torg|parken|park|gården|huset|hallen|arenan|"
    "stationen|station|centralen|badet|stranden|gatan|vägen|platsen|plan|backen|biblioteket"
)
_UP = r"[A-ZÅÄÖ][a-zåäöéü]+"
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


def find_places(text: str, *, exclude: tuple[str, ...] = ()) -> list[tuple[str, int, int]]:
    """(name, start, end) of each place named in ``text``, in order, without repeats."""
    found: list[tuple[str, int, int]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            name = m.group(0)
            if name in _NOT_PLACES or any(name.startswith(x) or x.startswith(name) for x in exclude):
                continue
            found.append((name, m.start(), m.end()))
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
