"""Where an activity is done, in the text's words: its place phrases and the kinds of place they name.

A place phrase is a noun phrase that a locative preposition governs ("i kommunala skolor", "på
fler platser", "vid parkeringsplatser", "runtom i Vadstena") or that a verb of visiting takes as
its object ("besöka kommunens fritidsgårdar och skolor"), and whose head is a noun of place:

- a label of the area-kind scheme, also as the head of a compound ("gymnasieskolan",
  "cykelvägar"), which gives the phrase its kind (``mbl:placeKind``);
- a noun that means a place and nothing more ("platser", "miljöer", "stråk", "hot spots",
  "drogscener"): a phrase without a kind, not after "till" ("bidra till tryggare miljöer" is
  no place the activity is done at);
- a place's name that :mod:`.places` found ("Pilängskolan", "Vretstorp"), a municipality's name
  written alone ("i Degerfors, Åtorp och Svartå": the names that follow it in a row are places
  alike; "i Degerfors kommun" is the municipality, an organisation or its whole territory), or a
  name or "kommunen" after "hela", "centrala" or "runtom i" ("i centrala Degerfors", "i hela
  kommunen"). A preposition right after a party says where the party is, not where the work is
  done ("Polisen i Degerfors ska …").

The phrase runs from the word after the preposition to the head (with the preposition where the
place is around or outside what it governs: "utanför Köpings tätort", "runtom i Vadstena");
heads coordinated with "och", "samt", "eller" or a comma belong to it ("fritidsgårdar och
skolor", "gång- och cykelvägar"), and after a noun that only means a place, so does the relative
clause that says which places ("platser där det förekommer buskörning", "platser som upplevs
otrygga"). Up to three words may
stand before the head (determiners, genitives, adjectives); a preposition, a conjunction, "att"
or a punctuation mark ends the search. These are rules of Swedish grammar: the words of places are
in the vocabulary, not here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.extract.lexicon import Lexicon

_WORD = re.compile(r"\w[\w:]*(?:-\w[\w:]*)*-?")
_PREPOSITIONS = {"i", "på", "vid", "utanför", "kring", "runt", "inom", "längs", "till"}
_VISIT = re.compile(r"besök(?:a|er|te|s|as|t)?|patrullera(?:r|s|t)?", re.IGNORECASE)
_KEPT = {"utanför", "kring", "runt", "längs"}
"""Prepositions kept in the phrase: the place is around or outside what they govern ("utanför
Köpings tätort", "kring hot-spots"); "runtom i" and "runt om i" are kept too."""
_AROUND = {"runtom", "runtomkring"}
"""Adverbs that open a locative with "i": "runtom i Vadstena"."""
_WHOLE = {"hela", "centrala"}
"""Adjectives that make a municipality's or a town's name, or "kommunen", a place: "i hela
kommunen", "i centrala Degerfors"."""
_WHOLE_NOUNS = {"kommunen", "staden", "stan", "orten", "länet", "kommunerna"}
_GENERIC = re.compile(
    r"\w*(?:platse[nr]|platserna|platsen|stråk(?:et|en)?|scener(?:na)?|scenen|miljö(?:n|er|erna)?)"
    r"|plats|hot-?spots?|hotspots?",
    re.IGNORECASE,
)
"""Nouns that mean a place and no kind of place ("platser", "utsatta platser", "närmiljön",
"drogscenerna", "hotspots"; "hot spots" written apart is read in :class:`_Heads`)."""
_STOP = {
    "och", "samt", "eller", "att", "som", "där", "när", "om", "för", "mot", "med", "genom", "av",
    "under", "efter", "inför", "från", "mellan", "utan", "hos", "per", "varje", "både", "då",
    "ska", "skall", "kommer", "kan", "är", "blir", "har", "sker", "även", "också", "samband",
}  # fmt: skip
"""Words no noun phrase of place runs through before its head: prepositions, conjunctions,
subjunctions, auxiliaries."""
_COORDINATORS = {"och", "samt", "eller"}
_PARTY = re.compile(r"\w*polis(?:en|erna|er)?|\w*polisområdet|kommunen", re.IGNORECASE)
"""A party to the promise, which a locative right after it places ("Polisen i Degerfors")."""
_RELATIVE = {"där", "som"}
_HARD = re.compile(r"[.;:!?()\[\]\n–]")
_FIELD = re.compile(r"\w*områden?(?:t|a|na)?", re.IGNORECASE)
"""An "område" after "inom" is a field of work, not a place ("inom området", "inom fokusområdena")."""
_ANAPHORIC_DETERMINERS = {
    "denna", "detta", "dessa", "deras", "dess", "hans", "hennes", "sin", "sitt", "sina", "vår",
    "vårt", "våra",
}  # fmt: skip
"""Determiners that point back to a place named before ("dessa platser", "deras miljöer"):
demonstratives and possessives; "den här", "det här", "de här" are read as two words."""
_BARE_DEFINITE = re.compile(r"(?:områd|plats|miljö|ställ|stråk|scen)(?:et|ena|en|erna|n)", re.IGNORECASE)
"""A noun that means a place and nothing more, in the definite form, alone: "i området",
"på platsen", "i miljön" point back to a place named before."""
_MAX_BEFORE_HEAD = 3
_MAX_RELATIVE = 14
"""Words of a relative clause kept after a noun that only means a place."""


@dataclass(frozen=True)
class PlacePhrase:
    """Where, in the text's words: ``text[start:end]`` and the area-kind concepts of its heads."""

    text: str
    start: int
    end: int
    kinds: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class _Token:
    word: str
    start: int
    end: int


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def place_phrases(text: str, lexicon: Lexicon, *, names: Sequence[tuple[int, int]] = ()) -> list[PlacePhrase]:
    """The place phrases of ``text`` in order, none inside another. ``names`` are the spans of the
    places' names that :mod:`.places` found in ``text``."""
    tokens = _tokens(text)
    heads = _Heads(text, tokens, lexicon, names)
    out: list[PlacePhrase] = []
    reach = 0
    for i, tok in enumerate(tokens):
        if tok.start < reach:
            continue
        first = _opening(text, tokens, i)
        if first is None:
            continue
        if i and _PARTY.fullmatch(tokens[i - 1].word):
            continue  # "Polisen i Degerfors", "kommunpolisen i Laxå": where the party is
        found = _phrase(text, tokens, first, heads)
        if found is None:
            continue
        last, kinds = found
        if tok.word == "till" and not kinds and not heads.named(first, last):
            continue  # "bidra till tryggare miljöer": an aim, no place
        if tok.word == "inom" and _FIELD.fullmatch(tokens[last].word):
            continue  # "inom området narkotika", "inom fokusområdet": a field of work
        if tokens[first].word == "respektive" and first < last:
            first += 1  # "besöka respektive Tusenskönans förskola, …": each of them
        if _anaphoric(tokens, first, last, heads):
            continue  # "i området", "på dessa platser": a place named before, not named here
        opened = i if tok.word.casefold() in _KEPT | _AROUND else first
        start, end = tokens[opened].start, tokens[last].end
        out.append(PlacePhrase(text[start:end], start, end, kinds))
        reach = end
    return out


def _anaphoric(tokens: list[_Token], first: int, last: int, heads: _Heads) -> bool:
    """Whether the phrase only points back to a place named before: a noun that means a place
    and nothing more, alone in the definite form ("i området", "på platsen") or after a
    demonstrative or possessive ("på dessa platser", "i deras miljöer", "på den här platsen").
    Its words say no place of their own; a relative clause after it ("de platser som …") or a
    name in it ("området Nygård") does."""
    if heads.named(first, last):
        return False
    words = [t.word.casefold() for t in tokens[first : last + 1]]
    if len(words) == 1:
        return _BARE_DEFINITE.fullmatch(words[0]) is not None
    head = heads.head(last)
    if head is None or (head[0] and not _BARE_DEFINITE.fullmatch(words[-1])):
        return False  # a kind of place: "dessa skolor" still says schools
    return words[0] in _ANAPHORIC_DETERMINERS or (words[0] in ("den", "det", "de") and words[1] == "här")


def _opening(text: str, tokens: list[_Token], i: int) -> int | None:
    """The index of the phrase's first word when ``tokens[i]`` opens a place phrase, else None."""
    word = tokens[i].word
    nxt = i + 1
    if nxt >= len(tokens) or _broken(text, tokens[i], tokens[nxt]):
        return None
    if word.casefold() in _AROUND and tokens[nxt].word == "i":
        return nxt + 1 if nxt + 1 < len(tokens) else None
    if word == "runt" and tokens[nxt].word == "om" and nxt + 1 < len(tokens) and tokens[nxt + 1].word == "i":
        return nxt + 2 if nxt + 2 < len(tokens) else None
    if word in _PREPOSITIONS or _VISIT.fullmatch(word):
        if word == "på" and tokens[nxt].word == "plats":
            return None  # "på plats": present, no place
        return nxt
    return None


def _broken(text: str, a: _Token, b: _Token) -> bool:
    """Whether a punctuation mark that ends a phrase stands between two words."""
    return _HARD.search(text, a.end, b.start) is not None or a.end == b.start


class _Heads:
    """Which words end a head of a place phrase: its kind ("" for none), its first word, and
    whether it is a name."""

    def __init__(self, text: str, tokens: list[_Token], lexicon: Lexicon, names: Sequence[tuple[int, int]]):
        self.kind_at: dict[int, tuple[str, int]] = {}
        """Token index of a head's last word -> (its area-kind concept or "", its first token)."""
        self.names: set[int] = set()
        """The last words of heads that are names."""
        index = {t.end: k for k, t in enumerate(tokens)}
        starts = {t.start: k for k, t in enumerate(tokens)}
        for m in lexicon.find("area-kind", text):
            last = index.get(m.end)
            first = next((k for k, t in enumerate(tokens) if t.start <= m.start < t.end), None)
            if last is not None and first is not None:
                self.kind_at[last] = (m.concept, first)
        for s, e in names:  # a name is one head, of the kind its own head word says
            last, first = index.get(e), starts.get(s)
            if last is None or first is None or not tokens[first].word[:1].isupper():
                continue
            inner = [self.kind_at.pop(k) for k in range(first, last + 1) if k in self.kind_at]
            self.kind_at[last] = (inner[-1][0] if inner else "", first)
            self.names.add(last)
        inside = {k for last, (_, first) in self.kind_at.items() for k in range(first, last + 1)}
        for k, t in enumerate(tokens):
            if k in inside:
                continue
            if (
                t.word.casefold() == "hot"
                and k + 1 < len(tokens)
                and tokens[k + 1].word.casefold().startswith("spot")
            ):
                self.kind_at[k + 1] = ("", k)  # "hot spots", written apart
            elif _GENERIC.fullmatch(t.word):
                self.kind_at[k] = ("", k)
            elif (
                (
                    k
                    and tokens[k - 1].word in _PREPOSITIONS
                    and _lone_name(text, tokens, k)
                    and lexicon.resolve_municipality(t.word) is not None
                )
                or (
                    k > 1
                    and tokens[k - 1].word == "i"
                    and tokens[k - 2].word.casefold() in _AROUND
                    and t.word[:1].isupper()
                )
                or (
                    k
                    and tokens[k - 1].word.casefold() in _WHOLE
                    and (t.word[:1].isupper() or t.word.casefold() in _WHOLE_NOUNS)
                )
            ):
                self.kind_at[k] = ("", k)  # "i Laxå", "runtom i Vadstena", "i hela kommunen"
                self.names.add(k)

    def head(self, k: int) -> tuple[str, int] | None:
        return self.kind_at.get(k)

    def named(self, first: int, last: int) -> bool:
        """Whether a place's name ends between the two words."""
        return any(first <= k <= last for k in self.names)


def _phrase(text: str, tokens: list[_Token], first: int, heads: _Heads) -> tuple[int, tuple[str, ...]] | None:
    """(index of the phrase's last word, its kinds) when a head follows ``first`` within
    :data:`_MAX_BEFORE_HEAD` words, with its coordinated heads and relative clause."""
    found = _head_from(text, tokens, first, heads)
    if found is None:
        return None
    last, kind = found
    kinds = [kind] if kind else []
    generic = not kind and last not in heads.names
    while last + 1 < len(tokens):
        gap = text[tokens[last].end : tokens[last + 1].start]
        nxt = last + 1
        if _HARD.search(gap):
            break
        if tokens[nxt].word in _COORDINATORS:
            nxt += 1
        elif "," not in gap:
            break
        if nxt >= len(tokens) or tokens[nxt].word in _PREPOSITIONS:
            break  # "i krogmiljö och vid parkeringsplatser": a phrase of its own
        if last in heads.names and _lone_name(text, tokens, nxt):
            last = nxt  # "i Degerfors, Åtorp och Svartå": names in a row are places alike
            heads.names.add(last)
            continue
        more = _head_from(text, tokens, nxt, heads)
        if more is None:
            break
        last, kind = more
        if kind and kind not in kinds:
            kinds.append(kind)
        generic = generic or (not kind and last not in heads.names)
    if generic:
        last = _relative_clause(text, tokens, last)
    return last, tuple(kinds)


def _lone_name(text: str, tokens: list[_Token], k: int) -> bool:
    """Whether ``tokens[k]`` is a capitalised word that a comma, a conjunction or the end follows."""
    if not tokens[k].word[:1].isupper() or not tokens[k].word.isalpha():
        return False
    if k + 1 == len(tokens) or _HARD.search(text, tokens[k].end, tokens[k + 1].start):
        return True
    return tokens[k + 1].word in _COORDINATORS or "," in text[tokens[k].end : tokens[k + 1].start]


def _head_from(text: str, tokens: list[_Token], first: int, heads: _Heads) -> tuple[int, str] | None:
    for k in range(first, min(first + _MAX_BEFORE_HEAD + 1, len(tokens))):
        if k > first and _broken(text, tokens[k - 1], tokens[k]):
            return None
        head = heads.head(k)
        if head is not None and head[1] >= first:
            return k, head[0]
        word = tokens[k].word
        suspended = k > first and tokens[k - 1].word.endswith("-")  # "gång- och cykelvägar"
        stop = word.casefold() in _STOP and not (suspended and word in _COORDINATORS)
        if stop or word.isdigit():
            return None
        if word in _PREPOSITIONS or _VISIT.fullmatch(word):
            return None  # "i månaden besöka skolorna", "i centrum och besöka skolorna": a phrase of its own
    return None


def _relative_clause(text: str, tokens: list[_Token], last: int) -> int:
    """The last word of a relative clause ("där …", "som …") right after ``tokens[last]``, up to
    the next comma or stop, else ``last``."""
    k = last + 1
    if k + 2 < len(tokens) and tokens[k].word in ("i", "på") and tokens[k + 2].word in _RELATIVE:
        k += 2  # "de platser i kommunen som …"
    if (
        k >= len(tokens)
        or tokens[k].word not in _RELATIVE
        or _HARD.search(text, tokens[last].end, tokens[k].start)
    ):
        return last
    if "," in text[tokens[last].end : tokens[k].start]:
        return last
    end = k
    while end + 1 < len(tokens) and end - k < _MAX_RELATIVE:
        gap = text[tokens[end].end : tokens[end + 1].start]
        if _HARD.search(gap) or "," in gap:
            break
        end += 1
    return end
