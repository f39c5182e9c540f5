"""The promise's parties, where the text names more than the police and the municipality ("A
kommun, B-bostäder, C och lokalpolisområde D har kommit överens om ett medborgarlöfte"): then
"Aktörerna lovar", "Vi ..." and "Tillsammans ..." mean all of them, not only the two.

A party the lexicon knows keeps its actor type. A party it does not know is an actor with the
text's name, typed only where the name itself says what it is: a housing company ("...bostäder",
"...fastigheter"), a public transport operator ("...trafik", "...trafiken"), a civil-society
organisation ("...förening", "...församling", "...kyrkan"), a company ("...bolaget", "... AB");
else no type.
"""

from __future__ import annotations

import re

from kg.extract.actors import ActorFinder, Roles
from kg.extract.lexicon import type_from_name
from kg.extract.model import ActorRef, Party
from kg.extract.text import Block, sentences

_AGREED_VERB = (
    r"(?:har\s+)?(?:kommit\s+överens\s+om|enats\s+om|tecknat|undertecknat|skrivit\s+under|signerat"
    r"|tagit\s+fram|står\s+bakom|ingått|ger|lämnar)"
)
_LOFTE = r"(?:\w+\s+){0,2}?(?:medborgarlöfte|medborgarlöften|medborgarlöftet|löfte|löften)\b"
_LIST_FIRST = re.compile(r"^(?P<list>[^.:;]{3,300}?)\s+" + _AGREED_VERB + r"\s+" + _LOFTE, re.I)
_LIST_AFTER = re.compile(
    r"\b(?:medborgarlöfte[nt]?|löfte[nt]?)\s+(?:är\s+|har\s+)?(?:\w+\s+)?(?:av|mellan)\s+"
    r"(?P<list>[^.:;]{3,300}?)\s*(?:[.:;]|$)",
    re.I,
)
_SPLIT = re.compile(r"\s*,\s*(?:och\s+|samt\s+)?|\s+(?:och|samt|&)\s+")
_PROPER = re.compile(r"^[A-ZÅÄÖ][\w&.'-]*(?:\s+(?:[A-ZÅÄÖ0-9][\w&.'-]*|i|för|och))*$")


def _party(finder: ActorFinder, part: str) -> ActorRef | None:
    part = part.strip(" ,.")
    if not part:
        return None
    for m in finder.mentions(part):
        if m.start == 0 and m.end == len(part):
            return m.actor
    if _PROPER.match(part) and len(part.split()) <= 4:
        return ActorRef(Party.local, part, type_from_name(part))
    return None


def _parse(finder: ActorFinder, text: str) -> list[ActorRef] | None:
    out: list[ActorRef] = []
    for part in _SPLIT.split(text.strip()):
        ref = _party(finder, part)
        if ref is None:
            return None
        if ref not in out:
            out.append(ref)
    return out


_NAME_IN_LIST = re.compile(r"^(?:[a-zåäö]{3,}(?:en|et)\s+)?[A-ZÅÄÖ][\w&.'-]*(?:\s+[\w&.'-]+){0,3}$")
"""An organisation's name where a list holds nothing but actors: a capital first, as Swedish
writes "Svenska kyrkan", "Röda korset", "Timrå IK", perhaps after its kind in the definite form
("föreningen Föräldrar på stan", "bolaget Ludvikahem": a noun and its name in apposition)."""


def responsible_list(finder: ActorFinder, text: str) -> Roles | None:
    """The actors of an "Ansvariga: Kommunen, polisen och Svenska kyrkan" line, each the actor
    the lexicon knows or else the organisation its name names (typed where the name says a kind,
    :func:`type_from_name`); None when a part is neither."""
    out: list[ActorRef] = []
    for part in _SPLIT.split(text.strip().rstrip(".")):
        ref = _party(finder, part)
        part = part.strip(" ,.")
        if ref is None and _NAME_IN_LIST.match(part):
            ref = ActorRef(Party.local, part, type_from_name(part))
        if ref is None:
            return None
        if ref not in out:
            out.append(ref)
    return Roles(out, []) if out else None


def named_parties(blocks: list[Block], finder: ActorFinder) -> list[ActorRef]:
    """The parties the text names as giving the promise, when they are the police, the
    municipality and more; else []."""
    for b in blocks:
        for s, e in sentences(b.text):
            sentence = b.text[s:e].strip()
            for pattern in (_LIST_FIRST, _LIST_AFTER):
                m = pattern.search(sentence)
                if m is None:
                    continue
                parties = _parse(finder, m.group("list"))
                if not parties or len(parties) < 3:
                    continue
                if not {Party.police, Party.municipality} <= {p.party for p in parties}:
                    continue
                return parties
    return []


__all__ = ["named_parties"]
