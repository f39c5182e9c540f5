"""Municipalities as real documents name them, found in the text and resolved against the
reference graph (``ontology/reference/reference.ttl``).

:class:`Names` is built on the one resolver of typed values, :class:`kg.names.NameIndex`:

- a value a person types (``--municipality Kungsör``, ``--police-area "LPO Motala"``) is
  resolved by that index (:meth:`Names.municipality`, :meth:`Names.police_area`), exactly as a
  query parameter or ``kg new promise --municipality`` is;
- a document: :meth:`Names.choose_municipality` finds every mention of a municipality *in a
  naming context* and ranks the candidates by the strength of the context, their position and
  how often they are named; :mod:`kg.extract.police_areas` does the same for police areas.

A naming context is a way documents are built, not a phrase list: the official name ("Kungsörs
kommun", "Malmö stad", "Region Gotland"), the page's title line ("Gävle – medborgarlöften"), a
preposition of place ("i Gällivare", "för Kävlinge", "i centrala Degerfors"), a genitive
before a noun ("Köpings centrum"), a place noun after the name ("Gällivare centrum"), the page's
address (``kungsor.se``, ``…/medborgarloften/degerfors/``) and, weakest, the name of a police
area ("lokalpolisområde Köping"). A bare name outside such a context is not counted: many of
the 290 names are also ordinary words or first names (Vara, Mark, Ale, Lund, Nora, Kil), and a
capital letter at the start of a sentence says nothing.

Two candidates whose scores are close, or none, are an :class:`~kg.errors.ExtractionError` that
names the candidates and asks for ``--municipality``: the extractor never guesses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlsplit

from kg.errors import ExtractionError
from kg.extract.model import Municipality, Passage
from kg.iris import slugify
from kg.names import MUNICIPALITY, MunicipalityInfo, NameIndex, PoliceAreaInfo, bundled_names
from kg.names import POLICE_AREA as POLICE_AREA_KIND

# -- how strongly a context names a municipality ------------------------------------------------

OFFICIAL = "official-name"
""""Kungsörs kommun", "Malmö stad", "Region Gotland" and their genitives."""
TITLE = "title"
"""The name in a short title line about the promise ("Kungsör – medborgarlöften")."""
HEADING = "heading"
"""A line that is only the name."""
PREPOSITION = "preposition"
""""i Gällivare", "för Kävlinge", "i centrala Degerfors"."""
GENITIVE = "genitive"
""""Köpings centrum", "Hallstahammars kommunalråd"."""
PLACE_NOUN = "place-noun"
""""Gällivare centrum", "Storuman tätort"."""
URL_HOST = "url-host"
"""The page's host (``kungsor.se``)."""
URL_PATH = "url-path"
"""A path segment of the page's address (``…/medborgarloften/degerfors/``)."""
POLICE_AREA = "police-area-name"
"""The name of a police area ("lokalpolisområde Köping"): the area is often named after its
largest town, so this is the weakest evidence."""

WEIGHTS: dict[str, float] = {
    OFFICIAL: 3.0,
    TITLE: 3.0,
    URL_HOST: 3.0,
    HEADING: 2.0,
    URL_PATH: 2.0,
    PREPOSITION: 1.5,
    GENITIVE: 1.5,
    PLACE_NOUN: 1.5,
    POLICE_AREA: 0.5,
}
TEXT_RULES = frozenset({OFFICIAL, TITLE, HEADING, PREPOSITION, GENITIVE, PLACE_NOUN})
"""Contexts in which the text itself names the municipality (the others are inferences)."""
LEAD_BONUS = 1.5
"""Factor for a mention in the first lines of the page, where its subject is named."""
LEAD_LINES = 4
MARGIN = 1.5
"""The best candidate must score this many times the next one, else the document is ambiguous."""

_PREPOSITIONS = r"(?:i|för|inom|från|utanför|runt|runtom\s+i|kring|till|över\s+hela|hela)"
_QUALIFIERS = r"(?:(?:centrala|norra|södra|östra|västra|mellersta|inre|yttre|hela)\s+)?"
_BEFORE_PREPOSITION = re.compile(rf"(?:^|[\s(])(?i:{_PREPOSITIONS})\s+{_QUALIFIERS}$")
_BEFORE_POLICE = re.compile(r"(?:(?i:lokalpolisområde(?:t|s)?)|LPO|Lpo|lpo|(?i:polisområde(?:t)?))\s+$")
_BEFORE_REGION = re.compile(r"(?i:region)\s+$")
_AFTER_OFFICIAL = re.compile(r"\s+(?i:kommun|stad)(?i:s)?(?![\wåäö])")
_AFTER_COUNTY = re.compile(r"s?\s+(?i:län|läns)(?![\wåäö])")
_AFTER_POLICE = re.compile(r"s?\s+(?i:(?:lokal|när)?polisområde)")
_AFTER_PLACE_NOUN = re.compile(r"\s+(?:centrum|tätort|stadskärna|stadsdel|kommundel)(?![\wåäö])")
_AFTER_PROPER = re.compile(r"[ \t]+[A-ZÅÄÖ][a-zåäöé]")
_AFTER_NOUN = re.compile(r"\s+[a-zåäöé]")
_TITLE_CUE = re.compile(r"löfte", re.IGNORECASE)
_SOURCE_LINE = re.compile(r"\A\s*#\s*source:\s*(?P<url>https?://\S+)[^\n]*(?:\n|\Z)", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """One place where a document names a municipality."""

    code: str
    rule: str
    start: int
    end: int
    """Offsets into the text (0, 0 for the page's address)."""
    surface: str
    weight: float


@dataclass
class Candidate:
    """A municipality a document names, with the mentions that name it."""

    info: MunicipalityInfo
    mentions: list[Mention] = field(default_factory=list)

    @property
    def score(self) -> float:
        return sum(m.weight for m in self.mentions)

    @property
    def first(self) -> int:
        in_text = [m.start for m in self.mentions if m.rule in TEXT_RULES]
        return min(in_text) if in_text else 10**9

    @property
    def stated(self) -> bool:
        """True when the text itself names it (not only the address or a police area)."""
        return any(m.rule in TEXT_RULES for m in self.mentions)

    @property
    def best(self) -> Mention:
        """The mention to cite: the first in the text, else the strongest."""
        in_text = [m for m in self.mentions if m.rule in TEXT_RULES]
        if in_text:
            return min(in_text, key=lambda m: m.start)
        return max(self.mentions, key=lambda m: m.weight)

    def describe(self) -> str:
        rules = sorted({m.rule for m in self.mentions})
        return f"{self.info.short} ({self.info.code}; {len(self.mentions)} × {', '.join(rules)})"


def source_url(text: str) -> tuple[str | None, str]:
    """The page address of an archived page (a first line ``# source: <url>``) and the text
    without that line (the line is replaced by an empty one, so line numbers stay)."""
    m = _SOURCE_LINE.match(text)
    if m is None:
        return None, text
    return m.group("url"), "\n" + text[m.end() :]


class Names:
    """The municipalities and local police areas of a reference graph, and how texts name them."""

    def __init__(self, index: NameIndex) -> None:
        self.index = index
        self.municipalities: dict[str, MunicipalityInfo] = index.municipalities
        self.police_areas: dict[str, PoliceAreaInfo] = index.police_areas
        self._official = {code: set(info.official) for code, info in self.municipalities.items()}
        self._short_to_code = {info.short: code for code, info in self.municipalities.items()}
        self._stems: dict[str, str] = {}
        """Official names whose first part is not the place name ("Falu kommun"): counted only
        as the official name."""
        for code, forms in self._official.items():
            short = self.municipalities[code].short
            for lab in forms:
                stem = re.sub(r"\s+(?:kommun|stad)s?$", "", lab, flags=re.IGNORECASE)
                if stem != lab and stem not in (short, f"{short}s") and not stem.startswith("Region "):
                    self._stems.setdefault(stem, code)
        shorts = sorted({*self._short_to_code, *self._stems}, key=lambda s: (-len(s), s))
        alternatives = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in shorts)
        self._name_re = re.compile(
            rf"(?<![\wåäöÅÄÖé-])(?P<name>{alternatives})(?P<gen>s)?(?![\wåäöÅÄÖé]|-[\wåäöÅÄÖ])"
        )
        """A name, not part of a hyphenated one ("Eskilstuna-Kuriren", "Upplands-Bro")."""
        self._upper_to_code = {name.upper(): code for name, code in self._short_to_code.items()}
        upper = "|".join(
            re.escape(x).replace(r"\ ", r"\s+")
            for x in sorted(self._upper_to_code, key=lambda x: (-len(x), x))
        )
        self._upper_re = re.compile(
            rf"(?<![\wåäöÅÄÖé-])(?P<name>{upper})(?P<gen>S)?(?![\wåäöÅÄÖé]|-[\wåäöÅÄÖ])"
        )
        """The same names in capitals ("KUNGSÖRS KOMMUN"): counted only with "kommun"/"stad" or
        after a preposition, since capitals also set ordinary words and addresses."""
        self._slugs = {slugify(info.short): code for code, info in self.municipalities.items()}
        self._compact = {slug.replace("-", ""): code for slug, code in self._slugs.items()}
        """Host names write "Upplands Väsby" as ``upplandsvasby``."""

    # -- values people type (the shared resolver, :mod:`kg.names`) --------------------------

    def municipality(self, value: str) -> MunicipalityInfo | None:
        """A municipality by SCB code, name, place name, genitive, slug or IRI (None: unknown)."""
        return self.index.municipality(value)

    def police_area(self, value: str) -> PoliceAreaInfo | None:
        """A reference police area by IRI, name or slug (None: the reference does not know it)."""
        return self.index.police_area(value)

    def police_areas_near(self, value: str) -> tuple[str, ...]:
        """The names of the reference police areas nearest ``value`` (for "did you mean")."""
        return tuple(e.name for e in self.index.near(POLICE_AREA_KIND, value))

    # -- municipalities in a document ---------------------------------------------------------

    def mentions(self, text: str, url: str | None = None) -> list[Mention]:
        """Every mention of a municipality in a naming context, in text order (address first)."""
        out = list(self._url_mentions(url)) if url else []
        lead_end = _lead_end(text)
        titles = _title_lines(text)
        for m in self._name_re.finditer(text):
            name = m.group("name")
            code = self._code_of(name)
            if code is None:
                continue
            rule = self._context(text, m, titles)
            if rule is None:
                continue
            start, end = m.start(), m.end()
            if rule == OFFICIAL:
                after = _AFTER_OFFICIAL.match(text, m.end("name") + (1 if m.group("gen") else 0))
                if after is None:
                    after = _AFTER_OFFICIAL.match(text, m.end("name"))
                end = after.end() if after else end
                before = _BEFORE_REGION.search(text, max(0, start - 12), start)
                if before is not None:
                    start = before.start()
            weight = WEIGHTS[rule]
            if start < lead_end:
                weight *= LEAD_BONUS
            out.append(Mention(code, rule, start, end, text[start:end], weight))
        for m in self._upper_re.finditer(text):
            code = self._upper_to_code.get(" ".join(m.group("name").split()))
            if code is None:
                continue
            after = _AFTER_OFFICIAL.match(text, m.end())
            if after is not None:
                rule, end = OFFICIAL, after.end()
            elif _BEFORE_PREPOSITION.search(text[max(0, m.start() - 40) : m.start()]):
                rule, end = PREPOSITION, m.end()
            else:
                continue
            weight = WEIGHTS[rule] * (LEAD_BONUS if m.start() < lead_end else 1.0)
            out.append(Mention(code, rule, m.start(), end, text[m.start() : end], weight))
        out.sort(key=lambda x: x.start)
        return out

    def _context(self, text: str, m: re.Match[str], titles: list[tuple[int, int]]) -> str | None:
        """The naming context of a name occurrence, or None when the name stands bare."""
        start, end_name = m.start("name"), m.end("name")
        name = " ".join(m.group("name").split())
        code = self._code_of(name) or ""
        if name not in self._short_to_code:  # a stem such as "Falu": only "Falu kommun" names it
            return OFFICIAL if _AFTER_OFFICIAL.match(text, end_name) else None
        before = text[max(0, start - 40) : start]
        after_name = text[end_name : end_name + 40]
        if _BEFORE_REGION.search(before):
            return OFFICIAL if any(x.startswith("Region ") for x in self._official[code]) else None
        if _AFTER_COUNTY.match(after_name):
            return None  # "Örebro län": the county
        if _BEFORE_POLICE.search(before) or _AFTER_POLICE.match(after_name):
            return POLICE_AREA
        if _AFTER_OFFICIAL.match(after_name) or (
            m.group("gen") and _AFTER_OFFICIAL.match(text, end_name + 1)
        ):
            return OFFICIAL
        if not text[start].isupper() or _AFTER_PROPER.match(text, m.end()):
            return None  # a word, or part of another proper name ("Sundsvalls Tidning", "Mark Ek")
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line = text[line_start : line_end if line_end >= 0 else len(text)].strip(" #*:\t")
        if line == m.group(0) or line == m.group("name"):
            return None if self._in_name_list(text, line_start, line_end) else HEADING
        if any(a <= start < z for a, z in titles):
            return TITLE
        if _BEFORE_PREPOSITION.search(before):
            return PREPOSITION
        if m.group("gen") and _AFTER_NOUN.match(text, m.end()):
            return GENITIVE
        if _AFTER_PLACE_NOUN.match(after_name):
            return PLACE_NOUN
        return None

    def _in_name_list(self, text: str, line_start: int, line_end: int) -> bool:
        """True when a neighbouring non-empty line is also only a municipality's name: a list of
        links (a county's municipalities in a page's menu), not a heading."""
        before = text[:line_start].rstrip("\n ").rsplit("\n", 1)[-1].strip(" #*:\t")
        after = text[line_end:].lstrip("\n ").split("\n", 1)[0].strip(" #*:\t") if line_end >= 0 else ""
        return any(self._code_of(x) is not None and x in self._short_to_code for x in (before, after) if x)

    def _line_labels(self, text: str) -> list[str]:
        """The municipalities that open a line as its label ("Köping: Polisen ska …") or stand
        alone on it (a heading), in text order: how a page that gathers several municipalities'
        promises marks each one's part."""
        out: list[str] = []
        for code, m in self.place_names(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            rest = text[m.end() : m.end() + 3]
            opens = text[line_start : m.start()].strip(" #*-•\t") == ""
            labels = rest[:1] in (":", "\n") or rest.strip() == "" or rest.lstrip().startswith(("–", "—"))
            if opens and labels and code not in out:
                out.append(code)
        return out

    def place_names(self, text: str) -> Iterator[tuple[str, re.Match[str]]]:
        """Every capitalised municipality name in ``text`` (bare or not), with its SCB code, in
        text order: what a coordination of names is made of (:mod:`kg.extract.joint`)."""
        for m in self._name_re.finditer(text):
            code = self._code_of(m.group("name"))
            if code is not None and m.group("name")[0].isupper():
                yield code, m

    def _code_of(self, name: str) -> str | None:
        name = " ".join(name.split())
        return self._short_to_code.get(name) or self._stems.get(name)

    def _url_mentions(self, url: str) -> Iterable[Mention]:
        parts = urlsplit(url if "//" in url else f"//{url}")
        host = [p for p in (parts.hostname or "").split(".") if p not in ("www", "")]
        for label in host[:-1]:
            code = self._slugs.get(label) or self._compact.get(label)
            if code:
                yield Mention(code, URL_HOST, 0, 0, url, WEIGHTS[URL_HOST])
        for segment in (s for s in parts.path.split("/") if s):
            segment = re.sub(r"\.\w+$", "", segment.lower())
            code = self._slugs.get(segment)
            if code:
                yield Mention(code, URL_PATH, 0, 0, url, WEIGHTS[URL_PATH])
                continue
            words = segment.split("-")
            for i in range(1, len(words)):
                if words[i - 1] in ("i", "for", "inom", "fran"):
                    for n in (3, 2, 1):
                        code = self._slugs.get("-".join(words[i : i + n]))
                        if code:
                            yield Mention(code, URL_PATH, 0, 0, url, WEIGHTS[PREPOSITION])
                            break

    def rank(self, text: str, url: str | None = None) -> list[Candidate]:
        """Candidates, best first: by score, then by first mention in the text."""
        by_code: dict[str, Candidate] = {}
        for mention in self.mentions(text, url):
            cand = by_code.setdefault(mention.code, Candidate(self.municipalities[mention.code]))
            cand.mentions.append(mention)
        return sorted(by_code.values(), key=lambda c: (-c.score, c.first, c.info.code))

    def choose_municipality(self, text: str, *, url: str | None = None, where: str = "") -> Candidate:
        """The one municipality the document is about, or :class:`ExtractionError` (exit 2) that
        asks for ``--municipality`` and names the candidates."""
        ranked = self.rank(text, url)
        if not ranked:
            labels = self._line_labels(text)
            if len(labels) > 1:  # "Köping: …", "Sala: …": a page that gathers several promises
                named = ", ".join(self.municipalities[code].short for code in labels)
                raise ExtractionError(
                    f"Sidan verkar samla flera kommuners medborgarlöften ({named}), ett stycke per "
                    "kommun. Spara en kommuns stycke som en egen fil och extrahera den, med "
                    f"--municipality om stycket inte själv namnger kommunen. / The page seems to "
                    f"gather the promises of several municipalities ({named}), one part each: save "
                    "one municipality's part as a file of its own and extract that, with "
                    "--municipality if the part does not name it.",
                    where=where,
                )
            raise ExtractionError(
                "Dokumentet namnger ingen kommun. Ange den med --municipality (kod eller namn, "
                "t.ex. --municipality 1280). / The document names no municipality; give it with "
                "--municipality (code or name).",
                where=where,
            )
        if len(ranked) > 1 and ranked[0].score < MARGIN * ranked[1].score:
            close = [c for c in ranked if c.score * MARGIN > ranked[0].score]
            named = "; ".join(c.describe() for c in close)
            example = close[0].info.code
            raise ExtractionError(
                f"Dokumentet namnger flera kommuner lika tydligt: {named}. Ange vilken med "
                f"--municipality (t.ex. --municipality {example}). / The document names several "
                f"municipalities about equally: {named}; say which with --municipality.",
                where=where,
            )
        return ranked[0]


def subject_spans(text: str) -> tuple[int, list[tuple[int, int]]]:
    """Where a page names its subject: the end of its first lines, and its title lines."""
    return _lead_end(text), _title_lines(text)


def police_area_context(before: str, after: str) -> bool:
    """Whether a name between ``before`` and ``after`` is (part of) a police area's name
    ("lokalpolisområde Köping", "Köpings lokalpolisområde")."""
    return bool(_BEFORE_POLICE.search(before) or _AFTER_POLICE.match(after))


def after_preposition(before: str) -> bool:
    """Whether the text ``before`` a name ends in a preposition of place ("för", "i centrala")."""
    return _BEFORE_PREPOSITION.search(before) is not None


def _lead_end(text: str) -> int:
    """The end of the first :data:`LEAD_LINES` non-empty lines: where a page names its subject."""
    lines = list(re.finditer(r"[^\n]*\S[^\n]*", text))
    return lines[min(LEAD_LINES, len(lines)) - 1].end() if lines else 0


def _title_lines(text: str) -> list[tuple[int, int]]:
    """Spans of short lines about the promise: headings and page titles that mention it
    ("Kungsör – medborgarlöften", "Medborgarlöften i Sandvikens kommun"), and the page's first
    line, its headline ("Ljusdal satsar på tryggheten")."""
    out = []
    for n, m in enumerate(re.finditer(r"[^\n]*\S[^\n]*", text)):
        line = m.group(0).strip(" #*\t")
        if not line or len(line.split()) > 10 or line.endswith((".", ",")):
            continue
        if n == 0 or _TITLE_CUE.search(line):
            out.append((m.start(), m.end()))
    return out


# -- the document's parties, for the analysis ------------------------------------------------------


def municipality_of(
    text: str, *, given: str | None, url: str | None, where: str, names: Names | None = None
) -> Municipality:
    """The municipality of a document: the one given with ``--municipality`` (an assumption the
    graph records), else :meth:`Names.choose_municipality`."""
    names = names or default_names()
    if given:
        info = names.municipality(given)
        if info is None:
            found = names.index.lookup(MUNICIPALITY, given)
            raise ExtractionError(
                f"Okänd kommun {given!r}: ange en kommunkod (fyra siffror, t.ex. 0580) eller ett "
                f"kommunnamn. / Unknown municipality {given!r}: give an SCB code or a name.",
                where=where,
                hint=found.hint(),
            )
        return Municipality(info.code, info.name, given, None, "option:--municipality", stated=False)
    best = names.choose_municipality(text, url=url, where=where)
    cite = best.best
    passage = Passage(cite.start, cite.end) if cite.end > cite.start else None
    evidence = "; ".join(c.describe() for c in names.rank(text, url)[:3])
    return Municipality(
        best.info.code, best.info.name, cite.surface, passage, cite.rule, best.stated, evidence
    )


@cache
def _names_of(index: NameIndex) -> Names:
    return Names(index)


def default_names() -> Names:
    """The names of the bundled reference graph (cached until a file changes)."""
    return _names_of(bundled_names())


__all__ = [
    "Candidate",
    "Mention",
    "Names",
    "after_preposition",
    "default_names",
    "municipality_of",
    "police_area_context",
    "source_url",
    "subject_spans",
]
