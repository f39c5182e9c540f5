"""Local police areas as documents name them: "lokalpolisområde X", "X lokalpolisområde",
"LPO X" (also "Lpo X", "lpo X": the abbreviation in any case), "lokalpolisområdeschef i/för X"
and "närpolisområde X" (the name before 2015), resolved
against the reference graph by :class:`kg.extract.naming.Names`. The most often named area is
the promise's; none, or several named equally often, leave it unknown (an assumption the graph
records), never the national Police Authority."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.lexicon import Lexicon
from kg.extract.model import Passage, PoliceArea
from kg.extract.naming import Names, default_names
from kg.names import area_core

_LPO_NAME = re.compile(
    r"\b[Ll]okalpolisområde(?:t)?\s+((?:norra|södra|östra|västra|mellersta|centrala|city)\s+)?"
    r"([A-ZÅÄÖ][\wåäöé-]+(?:/[A-ZÅÄÖ][\wåäöé-]+)?(?:[ ]+[A-ZÅÄÖ][\wåäöé-]+)?)"
    r"|\b([A-ZÅÄÖ][\wåäöé-]+)\s+lokalpolisområde\b"
)
_PREPOSITIONS = {"För", "Till", "Från", "Hos", "Vid", "Av", "På", "Mot", "Mellan", "Åt"}
"""A preposition before the noun ("För lokalpolisområde Umeå:" above a signatory) names no area."""
_NOT_LPO_NAMES = {"Vårt", "Ert", "Ett", "Varje", "Inom", "Det", "Detta", "Vilket", "Samma", "Nytt", "Eget",
                  *_PREPOSITIONS}  # fmt: skip


def police_area_names(text: str, lexicon: Lexicon) -> list[tuple[str, int, int]]:
    """Local police areas named in ``text``: (name, start, end); reference names first."""
    out: list[tuple[str, int, int]] = []
    if lexicon.police_area_matcher is not None:
        for m in lexicon.police_area_matcher.find(text):
            out.append((lexicon.police_areas[m.concept], m.start, m.end))
    for r in _LPO_NAME.finditer(text):
        if any(s <= r.start() < e for _, s, e in out):
            continue
        if r.group(3):
            if r.group(3) in _NOT_LPO_NAMES:
                continue
            name = r.group(3)
        else:
            name = (r.group(1) or "") + r.group(2)
        out.append((f"Lokalpolisområde {name}", r.start(), r.end()))
    out.sort(key=lambda x: x[1])
    return out


@dataclass(frozen=True)
class PoliceAreaMention:
    name: str
    """The area's Swedish name as the graph gives it ("Lokalpolisområde Motala")."""
    iri: str | None
    """The reference IRI when the reference graph knows the area."""
    start: int
    end: int


@dataclass(frozen=True)
class PoliceAreaChoice:
    """The police area a document names; ``name`` None when it names none or several."""

    name: str | None
    iri: str | None
    mention: PoliceAreaMention | None
    candidates: tuple[str, ...] = ()


_NOT_AREA_NAMES = {
    "Vårt", "Ert", "Ett", "Varje", "Inom", "Det", "Detta", "Vilket", "Samma", "Nytt", "Eget", "Och",
    "Har", "Ska", "Kommer", "Lovar", "Med", "Som", "I", "Samt", *_PREPOSITIONS,
}  # fmt: skip
_WORD = r"[A-ZÅÄÖ][\wåäöé-]+(?:/[A-ZÅÄÖ][\wåäöé-]+)?"
"""A word of an area's name; two places joined by a slash are one name ("Ale/Kungälv")."""
_DIRECTION = (
    r"(?:(?:norra|södra|östra|västra|mellersta|centrala|Norra|Södra|Östra|Västra|Mellersta|Centrala)\s+)"
)
_AREA = re.compile(
    rf"(?:(?i:(?:lokal|när)polisområde(?:t)?(?:schef(?:en)?\s+(?:i|för))?)"
    rf"|(?<![\wåäöÅÄÖ])(?:LPO|Lpo|lpo)|(?i:lokalpolischef)\s+i\s+(?:LPO|Lpo))[ \t]+"
    rf"(?P<core1>{_DIRECTION}?{_WORD}(?:[ \t]+{_WORD})?)"
    rf"|(?P<core2>{_WORD})[ \t]+(?i:(?:lokal|när)polisområde)(?![\wåäö])"
    rf"|(?P<core3>(?i:norra|södra|östra|västra)[ \t]+{_WORD})s[ \t]+(?i:lokalpolisområde)(?![\wåäö])"
)


# -- police areas in a document -----------------------------------------------------------


def police_area_mentions(names: Names, text: str) -> list[PoliceAreaMention]:
    """Local police areas a text names: reference names, "lokalpolisområde X", "X
    lokalpolisområde", "LPO X" and "lokalpolisområdeschef i X"."""
    cores: list[tuple[str, re.Match[str]]] = []
    for m in _AREA.finditer(text):
        core = (m.group("core1") or m.group("core2") or m.group("core3") or "").strip()
        core = " ".join(core.split())
        if not core or core.split()[0].capitalize() in _NOT_AREA_NAMES:
            continue
        cores.append((core, m))
    written = {c.casefold(): c for c, _ in cores if not c.isupper()}
    found: list[PoliceAreaMention] = []
    for core, m in cores:
        if core.isupper():
            core = _in_capitals(core, names, written)
        area = names.police_area(core)
        if area is not None:
            found.append(PoliceAreaMention(area.name, area.iri, m.start(), m.end()))
        else:
            found.append(PoliceAreaMention(f"Lokalpolisområde {core}", None, m.start(), m.end()))
    return found


def _in_capitals(core: str, names: Names, written: dict[str, str]) -> str:
    """The name in a heading set in capitals ("LOKALPOLISOMRÅDE TRELLEBORG LOVAR:"): the words
    after the keyword, longest first, as the reference or the document's ordinary text writes
    them; in capitals the name's end cannot be told from the next word by its case."""
    words = core.split()
    for k in range(len(words), 0, -1):
        form = " ".join(w.capitalize() for w in words[:k])
        area = names.police_area(form)
        if area is not None:
            return form
        if form.casefold() in written:
            return written[form.casefold()]
    return " ".join(w.capitalize() for w in words)


def choose_police_area(names: Names, text: str) -> PoliceAreaChoice:
    """The police area the text names most often (first mention breaks ties between equal
    counts only when one is the reference area of an explicit name); several equally
    named areas, or none, give an unknown area with the candidates."""
    found = police_area_mentions(names, text)
    if not found:
        return PoliceAreaChoice(None, None, None)
    counts: dict[str, int] = {}
    for f in found:
        counts[f.name] = counts.get(f.name, 0) + 1
    ranked = sorted(counts, key=lambda n: (-counts[n], next(f.start for f in found if f.name == n)))
    if len(ranked) > 1 and counts[ranked[0]] == counts[ranked[1]]:
        return PoliceAreaChoice(None, None, None, tuple(ranked))
    best = next(f for f in found if f.name == ranked[0])
    return PoliceAreaChoice(best.name, best.iri, best, tuple(ranked))


def police_area_of(
    text: str, *, given: str | None, names: Names | None = None
) -> tuple[PoliceArea | None, list[str]]:
    """The local police area (None when the text names none, or several equally often) and the
    names of the candidates; ``--police-area`` overrides the text."""
    names = names or default_names()
    if given:
        area = names.police_area(given)
        if area is not None:
            return PoliceArea(area.name, None, area.iri, given=True), []
        core = area_core(given)
        near = names.police_areas_near(given)
        return PoliceArea(f"Lokalpolisområde {core}", None, None, given=True, near=near), []
    choice = choose_police_area(names, text)
    if choice.name is None or choice.mention is None:
        return None, list(choice.candidates)
    m = choice.mention
    return PoliceArea(choice.name, Passage(m.start, m.end), choice.iri), list(choice.candidates)


__all__ = [
    "PoliceAreaChoice",
    "PoliceAreaMention",
    "choose_police_area",
    "police_area_mentions",
    "police_area_of",
]
