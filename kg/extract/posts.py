"""Posts: a job title the text names as the one who acts ("Trygghetssamordnaren ska …",
"kommunens fältassistenter", "Områdespoliserna").

A post is found two ways. The post vocabulary (``ontology/vocab/post.ttl``) names the posts it
knows, with their inflections; a title it does not list is read by how Swedish builds one: a
compound whose last part is a role noun (``…samordnaren``, ``…assistenterna``,
``…sekreteraren``, ``…ledarna``, ``…pedagogen``, ``…coacherna``, ``…föreståndaren``,
``…chefen``, ``…polisen`` other than "polisen" itself), in any of its forms. The role nouns are
grammar, like the head words of place names (:mod:`.places`), and stay in code; the posts
themselves, their synonyms and where such a post is (``skos:relatedMatch`` to an actor type) live
in the vocabulary. :class:`kg.extract.actors.ActorFinder` puts a post
where it finds an organisation, so a post is the actor in the same positions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.lexicon import Lexicon
from kg.extract.model import Party

_ROLE_NOUNS = (
    r"samordnar(?:e|en|na)|assistent(?:en|er|erna)?|sekreterar(?:e|en|na)|ledar(?:e|en|na)"
    r"|pedagog(?:en|er|erna)?|coach(?:en|er|erna)?|kurator(?:n|er|erna)?|skötersk(?:a|an|or|orna)"
    r"|handläggar(?:e|en|na)|strateg(?:en|er|erna)?|fältar(?:e|en|na)|värd(?:ar|arna)"
    r"|föreståndar(?:e|en|na)|chef(?:en|er|erna)?|polis(?:en|er|erna)?"
)
_POST_WORD = re.compile(
    rf"(?<![\w-])(?P<pre>[A-Za-zÅÄÖåäöé]*?)(?P<head>{_ROLE_NOUNS})(?P<gen>s)?(?![\w-])", re.IGNORECASE
)
"""A word ending in a role noun, in any form, with a genitive -s."""
_COMPOUND_ONLY = ("polis", "värd", "ledar", "chef")
"""Role nouns that name a post only as the last part of a compound: "polisen" is the police,
"värdar", "ledare" and "chef" alone are too general ("Ledaren", "värdarna", "chefen"). ("…värden" is left out:
it is also the plural of "värde", "mätvärden".)"""
_NOT_POSTS = ("riks", "läns", "lokal", "region", "stats", "säkerhets")
"""First parts that make a "…polisen" an organisation (Rikspolisen, Säkerhetspolisen), not a post."""
_POLICE_TYPES = {"polismyndighet", "lokalpolisomrade", "polisomrade", "polisregion"}
_MUNICIPAL_TYPES = {"kommun", "forvaltning", "namnd", "socialtjanst", "skola", "fritidsverksamhet"}


@dataclass(frozen=True)
class PostWord:
    start: int
    end: int
    role: str | None
    """The post concept, when the vocabulary names it."""
    kind: Party | None
    """Where a post of its kind is, when known (:attr:`kg.extract.model.PostOf.kind`)."""
    genitive: bool


def find_posts(text: str, lexicon: Lexicon) -> list[PostWord]:
    """The posts named in ``text``, in order: the vocabulary's, then titles read by their role
    noun where the vocabulary names none."""
    out: list[PostWord] = []
    for m in lexicon.find("post", text):
        surface = m.surface.lower()
        out.append(PostWord(m.start, m.end, m.concept, _kind(lexicon, m.concept, surface), False))
    for w in _POST_WORD.finditer(text):
        if any(p.start < w.end() and w.start() < p.end for p in out):
            continue
        pre, head = w.group("pre").lower(), w.group("head").lower()
        if (len(pre) < 3 and head.startswith(_COMPOUND_ONLY)) or pre.startswith(_NOT_POSTS):
            continue
        if pre and len(pre) < 3:
            continue  # "Expolisen", "Nypedagog": no compound of a word of its own
        genitive = bool(w.group("gen"))
        role = None
        base = w.group(0).lower()[: -1 if genitive else None]
        matcher = lexicon.schemes.get("post")
        if matcher is not None:
            role = matcher.concept_of(base)
        out.append(PostWord(w.start(), w.end(), role, _kind(lexicon, role, base), genitive))
    out.sort(key=lambda p: p.start)
    return out


def _kind(lexicon: Lexicon, role: str | None, word: str) -> Party | None:
    """Where a post is by its kind: the actor type the vocabulary relates its concept to, else
    the police for a police officer ("…polis"); None when nothing says."""
    kind = lexicon.post_kinds.get(role or "")
    if kind is not None:
        slug = kind.rsplit("/", 1)[-1]
        if slug in _POLICE_TYPES:
            return Party.police
        if slug in _MUNICIPAL_TYPES:
            return Party.municipality
    if re.search(r"polis(en|er|erna)?s?$", word):
        return Party.police
    return None


__all__ = ["PostWord", "find_posts"]
