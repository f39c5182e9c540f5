"""Whose an actor is: a unit or a post tied to the organisation the text names with it.

A unit named with its owner is one mention of the unit, tied to that owner, in the genitive
("Köpings socialtjänst", "kommunens socialtjänst"), by place ("socialtjänsten i Köping"), in
apposition ("Kommunen, tekniska förvaltningen"), or, in a joint promise, as each municipality's
own ("socialtjänsten i båda kommunerna", "respektive kommuns socialtjänst"). A post is tied to
the organisation it is in ("kommunens trygghetssamordnare", "Rektorn på Ekebyskolan").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from kg.extract.lexicon import Lexicon, MunicipalityInfo
from kg.extract.model import EACH_MUNICIPALITY, UNIT_TYPES, ActorRef, Party, PostOf
from kg.names import genitive

CONNECTOR = re.compile(r"\s*(?:,|och|samt|&|/|respektive|även|också|aktivt|gemensamt|själva)\s*", re.I)
"""The words that join actors in a list ("Polisen, kommunen och socialtjänsten")."""


_APPOSED_TYPES = UNIT_TYPES - {"skola", "fritidsverksamhet"}
"""The kinds of unit that restate the municipality in apposition after it: the administration
that acts for it (a department, a committee, the social services), not an establishment it runs."""


@dataclass(frozen=True)
class Mention:
    """One place where a passage names an actor: who, where, and whether in the genitive
    ("polisens", which owns what follows rather than acting)."""

    actor: ActorRef
    start: int
    end: int
    genitive: bool = False


_AT_UNIT = re.compile(r"\s+(?:på|vid|inom|hos|i)\s+")


def _post_at(text: str, post: Mention, nxt: Mention | None) -> Mention | None:
    """A post whose organisation the text names after it, by a preposition of place: "Rektorn på
    Ekebyskolan", "fältassistenterna inom socialtjänsten", "kuratorn vid Tunagymnasiet": one
    actor, the post in that unit (not the post and the unit side by side). None when the post's
    organisation is named already or no unit follows."""
    if nxt is None or (post.actor.post and post.actor.post.org is not None):
        return None
    if nxt.actor.party is not Party.local or nxt.genitive:
        return None
    if not _AT_UNIT.fullmatch(text, post.end, nxt.start):
        return None
    found = replace(post.actor.post or PostOf(), org=nxt.actor)
    return Mention(replace(post.actor, post=found), post.start, nxt.end)


_EACH_AFTER = re.compile(
    r"\s+i\s+(?:(?:båda|bägge|alla|de\s+\w+)\s+kommunerna|(?:respektive|varje)\s+kommun|kommunerna)"
    r"(?![\wåäöÅÄÖ-])",
    re.IGNORECASE,
)
"""Each municipality of a joint promise after a unit: "i båda kommunerna", "i de tre kommunerna",
"i respektive kommun", "i varje kommun", "i kommunerna"."""

_EACH_BEFORE = re.compile(r"(?<![\wåäöÅÄÖ-])(?:respektive|varje|vardera)\s+kommuns\s+$", re.IGNORECASE)
"""Each municipality's own, in the genitive of the indefinite form before a unit: "respektive
kommuns socialtjänst", "varje kommuns fältgrupp"."""


def _any(names: dict[str, str]) -> str:
    """A regular expression for any of ``names``, longest first."""
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


class Owners:
    """Ties the mentions of one document to their owners (its municipality or municipalities)."""

    def __init__(self, parties: Mapping[str, MunicipalityInfo]) -> None:
        self.parties = parties
        self._by_genitive = {genitive(i.short): code for code, i in parties.items()}
        self._by_name = {i.short: code for code, i in parties.items()}
        self._owners = re.compile(rf"(?<![\wåäöÅÄÖ-])(?P<name>{_any(self._by_genitive)})\s+$")
        """A party's name in the genitive right before a unit ("Köpings socialtjänst")."""
        self._places_after = re.compile(rf"\s+i\s+(?P<name>{_any(self._by_name)})(?![\wåäöÅÄÖ-])")
        """A party's name after a unit ("socialtjänsten i Köping")."""
        self._each_after = _EACH_AFTER if len(parties) > 1 else None
        """Each of a joint promise's municipalities after a unit ("socialtjänsten i båda
        kommunerna", "… i respektive kommun")."""

    def owned(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """A unit named with its owner is one mention of the unit, tied to the owner: in the
        genitive ("Köpings socialtjänst", "Köpings kommuns socialtjänst", "kommunens socialtjänst";
        in a joint promise, "kommunens" does not say which municipality), or by place
        ("socialtjänsten i Köping"), or in apposition after the municipality ("Kommunen, tekniska
        förvaltningen": the municipality's unit, as "Polisen, lokalpolisområde Köping" is the
        police; not "Kommunen, socialtjänsten och polisen", a list)."""
        out: list[Mention] = []
        taken = -1
        for i, m in enumerate(mentions):
            if i == taken:
                continue
            if m.actor.party is Party.post and not m.genitive:
                post = self.post_in(text, m, out[-1] if out else None, out)
                at = _post_at(text, post, mentions[i + 1] if i + 1 < len(mentions) else None)
                if at is not None:
                    post, taken = at, i + 1
                out.append(post)
                continue
            if m.actor.party is not Party.local or m.genitive:
                out.append(m)
                continue
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.genitive
                and prev.actor.party is Party.municipality
                and not text[prev.end : m.start].strip()
            ):
                owner = prev.actor.owner or self._genitive_owner(prev)
                out[-1] = Mention(replace(m.actor, owner=owner), prev.start, m.end)
                continue
            if prev is not None and self._apposition(text, prev, m, mentions[i + 1 : i + 2]):
                owner = prev.actor.owner or self.single()
                out[-1] = Mention(replace(m.actor, owner=owner), prev.start, m.end)
                continue
            named = self._owners.search(text, max(0, m.start - 60), m.start) if self.parties else None
            if named is not None:
                code = self._by_genitive[named.group("name")]
                out.append(Mention(replace(m.actor, owner=code), named.start(), m.end))
                continue
            after = self._places_after.match(text, m.end) if self.parties else None
            if after is not None:  # "socialtjänsten i Arboga"
                code = self._by_name[after.group("name")]
                out.append(Mention(replace(m.actor, owner=code), m.start, after.end()))
                continue
            every = _EACH_BEFORE.search(text, max(0, m.start - 40), m.start) if self._each_after else None
            if every is not None:  # "respektive kommuns socialtjänst": one in each of them
                out.append(Mention(replace(m.actor, owner=EACH_MUNICIPALITY), every.start(), m.end))
                continue
            each = self._each_after.match(text, m.end) if self._each_after else None
            if each is not None:  # "socialtjänsten i båda kommunerna": one in each of them
                out.append(Mention(replace(m.actor, owner=EACH_MUNICIPALITY), m.start, each.end()))
                taken = next((k for k in range(i + 1, len(mentions)) if mentions[k].start < each.end()), -1)
                continue
            out.append(m)
        return out

    def _genitive_owner(self, prev: Mention) -> str | None:
        """Whose unit "kommunens"/"kommunernas" before it says: the promise's only municipality;
        in a joint promise each of them after the plural ("kommunernas socialtjänst", "båda
        kommunernas fältgrupper"), and none after "kommunens" (not stated which)."""
        if len(self.parties) > 1:
            return EACH_MUNICIPALITY if prev.actor.label == "kommunerna" else None
        return self.single() if prev.actor.label == "kommunen" else None

    @staticmethod
    def _apposition(text: str, prev: Mention, m: Mention, following: list[Mention]) -> bool:
        """Whether unit ``m`` stands in apposition to the municipality ``prev`` ("Kommunen,
        tekniska förvaltningen"): a comma between them, a municipal department's kind, and no
        further actor joined to it as the next item of a list. A school or a youth centre after
        the comma is the list's next item ("(kommunen, skolan)"): an establishment the
        municipality runs does not restate the municipality as its administration does."""
        if prev.actor.party is not Party.municipality or prev.genitive or prev.actor.label != "kommunen":
            return False
        if (
            text[prev.end : m.start].strip() != ","
            or (m.actor.actor_type or "").rsplit("/", 1)[-1] not in _APPOSED_TYPES
        ):
            return False
        return not (following and CONNECTOR.fullmatch(text[m.end : following[0].start]))

    def post_in(self, text: str, m: Mention, prev: Mention | None, out: list[Mention]) -> Mention:
        """A post named with the organisation it is in: after a genitive ("kommunens
        trygghetssamordnare", "polisens kommunpolis", "socialtjänstens fältsekreterare", "Köpings
        fältassistenter") or before "i" and a party's name ("fältassistenterna i Köping"). In a
        joint promise "kommunens" does not say which municipality: not stated."""
        post = m.actor.post or PostOf()
        org: ActorRef | None = None
        start, end = m.start, m.end
        if prev is not None and prev.genitive and not text[prev.end : m.start].strip():
            out.pop()
            start = prev.start
            org = prev.actor
            if org.party is Party.local and org.label.endswith("s"):  # "Socialtjänstens"
                org = replace(org, label=org.label[:-1])
            if org.party is Party.municipality and org.owner is None:
                single = self.single() if org.label == "kommunen" else None
                org = replace(org, owner=single) if single else None
        else:
            named = self._owners.search(text, max(0, m.start - 60), m.start) if self.parties else None
            after = self._places_after.match(text, m.end) if self.parties else None
            if named is not None:
                code, start = self._by_genitive[named.group("name")], named.start()
                org = ActorRef(Party.municipality, "kommunen", owner=code)
            elif after is not None:
                code, end = self._by_name[after.group("name")], after.end()
                org = ActorRef(Party.municipality, "kommunen", owner=code)
        if org is None:
            return Mention(m.actor, start, end) if start != m.start else m
        return Mention(replace(m.actor, post=replace(post, org=org)), start, end)

    def single(self) -> str | None:
        """The promise's municipality, when it has one only ("kommunens" then names it)."""
        return next(iter(self.parties)) if len(self.parties) == 1 else None


_ITEM_START = re.compile(r"[\s•*–-]*")
_ACTION_HEAD = re.compile(r"\s+(?:[a-zåäö-]+\s+){0,2}?[a-zåäö]{2,}(?:ing|ingen|ingar|ingarna)(?![\wåäö-])")
"""A noun phrase right after an owner whose head is a noun of action by its ending ("Nattvandrarnas
fredagsvandringar", "Föreningens kvällspatrullering"): Swedish makes nouns of action from verbs with
"-ing"."""


_MODAL = re.compile(r"(?<![\wåäö])(?:ska|skall|kommer\s+att|kan|bör|måste|vill)(?![\wåäö])", re.IGNORECASE)
"""A modal verb: the item says what is to become of the action ("Nattvandrarnas fredagsvandringar
ska bli fler"), a result the parties promise, not the owner's own doing."""


def owns_action(text: str, owner: Mention, lexicon: Lexicon) -> bool:
    """Whether ``owner``, an actor in the genitive at the item's start, owns the action the item
    names: the noun after it is a noun of action ("-ing", :data:`_ACTION_HEAD`) or a kind of
    activity the vocabulary lists ("Fältgruppens uppsökande arbete"). Then the owner is the one who
    acts; "Skolans lokaler", "Stöd nattvandrarnas arbete" name no action of the owner's, and an
    item with a modal verb (:data:`_MODAL`) a result."""
    if not owner.genitive or _ITEM_START.fullmatch(text, 0, owner.start) is None or _MODAL.search(text):
        return False
    if _ACTION_HEAD.match(text, owner.end):
        return True
    rest = text[owner.end :]
    return any(not rest[: m.start].strip() for m in lexicon.find("activity-type", rest))
