"""Actors: who is named in a passage, and who is responsible for an activity.

Actor mentions come from the lexicon: the actor-type vocabulary ("polisen", "kommunen",
"socialtjänsten", "...förvaltningen"), the municipality's names from the reference graph
("Landskrona stad") and the local police areas ("Södertälje lokalpolisområde"). Roles come from
the role vocabulary ("i samverkan med" marks a partner).

Responsible actors are read, in this order, from an "Ansvarig: ..." line, an actor tag such as
"(Polis)", the subject of the sentence ("Polisen och kommunen ska ...", "... ska Landskrona stad
genomföra", "... genomföras av polisen"), and the caller falls back to a governing heading
("Polisen lovar") or to both parties ("Vi lovar ...", "Tillsammans ...").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kg.extract.lexicon import INFLECTIONS, Lexicon, Match, MunicipalityInfo, base_concept, type_from_name
from kg.extract.model import ActorRef, Party, PostOf
from kg.extract.owners import CONNECTOR, Mention, Owners, owns_action
from kg.extract.police_areas import police_area_names
from kg.extract.posts import find_posts
from kg.extract.text import UNDERTAKE

_POLICE_TYPES = {"polismyndighet", "lokalpolisomrade", "polisomrade", "polisregion"}
_IGNORED_TYPES = {"invanare"}
_PROPER_NAME = re.compile(r" (?P<name>[A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ]?[a-zåäöéü]+)?(?: AB)?)\b")
"""A proper name in apposition after a definite noun naming an actor ("Fastighetsbolaget
Tunabyggen", "bostadsbolaget Mimer AB", "föreningen Nattvandrarna"): the actor's own name."""
_JOINT = re.compile(
    r"\s*(tillsammans|gemensamt|vi|båda parter(na)?|parterna|aktörerna|samtliga (parter|aktörer))"
    r"\b(?!\s+med)",
    re.I,
)
_VERB = re.compile(rf"\b(ska|skall|kommer|lovar|{UNDERTAKE})\b", re.I)
_POLICE_ADJECTIVE = re.compile(r"\bpolisiär(a|t)?\b", re.IGNORECASE)
_BETWEEN = re.compile(r"\b(samverkan|samarbete|samarbetet)\s+mellan\s+", re.I)
_PASSIVE_AGENT = re.compile(r"\b\w+(?:as|s)\s+av\s+", re.I)
_SUSPENDED = re.compile(r"(?<![\w-])[A-Za-zÅÄÖåäöé]+-(?:\s*,\s*[A-Za-zÅÄÖåäöé]+-)*\s+(?:och|eller|samt)\s+$")
"""The first parts of compounds that share their last part, before it: "barn- och " in "barn- och
utbildningsförvaltningen", "vård- och " in "vård- och omsorgsnämnden" (Swedish writes the shared
part once, and a hyphen in its place)."""


_NAME_BEFORE = re.compile(r"(?<![\wåäöÅÄÖ-])[A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖ][a-zåäöé]+)*\s+$")
"""A proper name right before an actor's kind ("Rinkeby-Kista stadsdelsnämnd")."""


_DETERMINERS = frozenset({
    "varje", "en", "ett", "någon", "något", "ingen", "inget", "alla", "all", "denna", "detta",
    "vår", "vårt", "er", "ert", "min", "mitt", "din", "ditt", "sin", "sitt", "hans", "hennes",
    "dess", "deras", "annan", "annat", "samma", "vilken", "vilket", "respektive", "var", "vardera",
    "ny", "nytt", "egen", "eget",
})  # fmt: skip
"""Words that stand before an indefinite noun at the start of a sentence: determiners and
possessives, a closed class ("Varje skola", "Vår förvaltning", "Ny nämnd"), and the adjectives "ny",
"egen" that documents write there."""


def _names_unit(text: str, before: re.Match[str], kind: str) -> bool:
    """Whether the capitalised word ``before`` an actor's ``kind`` in its indefinite form is the
    unit's name ("Rinkeby-Kista stadsdelsnämnd", "… med Järva stadsdelsförvaltning"): a name
    with a hyphen, a capital inside the sentence, or at a sentence's start a word before a kind
    in the singular (a unit's name is; an item's verb takes a plural object, "Besöker skolorna")
    that is no determiner ("Varje skola"), genitive ("Kommunens förvaltning") or verb in the
    present ("Anställer fältassistent"): "Järva stadsdelsförvaltning ska …"."""
    word = before.group(0).strip()
    if "-" in word or not _starts(text, before.start()):
        return True
    if _PLURAL.search(kind):
        return False
    return word.casefold() not in _DETERMINERS and not word.endswith(("s", "r"))


def _starts(text: str, pos: int) -> bool:
    """Whether ``pos`` starts a sentence, a line or a list item (a capital there is no name)."""
    return _SENTENCE_START.search(text, 0, pos) is not None


_SENTENCE_START = re.compile(r"(?:^|[.!?:)]|\n)[\s•*–-]*$")
"""The text's start, a sentence's end, an item's number ("1)", "2.") or a line break, then only
spaces and list marks."""


_OWN_UNIT = re.compile(
    r"\s+[a-zåäö]*(?:grupp|team|enhet|avdelning|personal|styrka|patrull)(?:en|et|n|erna|arna|na|er)?\b"
)
"""A group of a party's own people after the party in the genitive ("polisens ungdomsgrupp",
"kommunens fältteam", "polisens insatsstyrka"): the party acts through it. The head nouns are
grammar (words for a group of people), not a list of units; an abstract head ("polisens
närvaro", "kommunens mål") is no actor."""

_OWNER_WORD = re.compile(r"[A-Za-zÅÄÖåäöé]{2,}(?:en|et|na|n)s\s+")
"""A noun in the definite genitive the vocabularies do not know ("Stadsdelens", "Områdets"): the
owner of the post after it ("Stadsdelens fritidsledare"), which is the one who acts."""

_PARTNER_NAME = re.compile(
    r"[A-ZÅÄÖ][\w&'-]+(?:\s+[A-ZÅÄÖ0-9][\w&'-]*){0,3}(?=\s*(?:,|och\b|samt\b|&|[.;)]|$))"
)
"""A name of up to four capitalised words, ending where the list goes on or the clause ends."""

_MODAL_BEFORE = re.compile(r"\b(?:ska|skall|kommer\s+att|kan|vill|bör|måste)\s+(?:[\wåäö]+\s+){1,5}$", re.I)
"""A modal verb a few words before: what follows the words between is its infinitive."""
_NAME_BEFORE_INFINITIVE = re.compile(r"[A-ZÅÄÖ][\w&'-]+(?:\s+[A-ZÅÄÖ0-9][\w&'-]*){0,3}(?=\s+[a-zåäö]{2,}a\b)")
_FINITE = re.compile(r"\s(?:ska|skall|kommer|kan|vill|bör|måste|lovar|[a-zåäö]{2,}(?:ar|er|ir|år|ör))\b")
"""The subject's finite verb: a modal, "lovar", or a lower-case word in the present tense."""
_CONJUNCTS = re.compile(r"\s*,\s*(?:och\s+|samt\s+)?|\s+(?:och|samt|&)\s+")
_OWN_NAME = re.compile(r"[A-ZÅÄÖ][\w&.'-]*(?:\s+[\w&.'-]+){0,3}")
"""An organisation's own name: a capital first, up to four words ("Svenska kyrkan", "Fastighets AB
Oskarshamnshem", "Trafikverket")."""
_THEY = re.compile(r"(?<![\wåäöÅÄÖ-])(?:de|dessa|dom)\s+$", re.IGNORECASE)
"""A plural personal or demonstrative pronoun right before the verb: the subject is actors named
before it."""
_PLURAL = re.compile(r"(?:na|er|ar|or)$", re.IGNORECASE)
"""The endings of a noun's plural, definite ("fältassistenterna") or not ("ungdomscoacher")."""

_WORD = re.compile(r"(?<![\w-])[A-Za-zÅÄÖåäöé]{5,}(?![\w-])")
_REGION = ("region", "Region")


@dataclass
class Roles:
    responsible: list[ActorRef]
    partners: list[ActorRef]
    joint: bool = False
    """The text says both parties ("Tillsammans ...", "Vi ...")."""

    def __bool__(self) -> bool:
        return bool(self.responsible) or self.joint


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


class ActorFinder:
    """Finds actors in text for one document (its municipality and police area)."""

    def __init__(
        self,
        lexicon: Lexicon,
        municipality: MunicipalityInfo | None,
        others: Sequence[MunicipalityInfo] = (),
    ) -> None:
        self.lexicon = lexicon
        self.municipality = municipality
        self.parties: dict[str, MunicipalityInfo] = {}
        """The promise's municipalities by code: one, or those of a joint promise (``others``)."""
        for info in (municipality, *others):
            if info is not None:
                self.parties[info.code] = info
        self._owners = Owners(self.parties)
        self._regional = any(i.name.startswith("Region ") for i in self.parties.values())
        """The municipality is a region ("Region Gotland"), which "regionen" names."""

    def _is_partner_cue(self, text: str, pos: int) -> int:
        """Length of a partner cue ("i samverkan med") at ``pos``, else 0."""
        return next((m.end for m in self._partner_matches(text[pos : pos + 40]) if m.start == 0), 0)

    def _partner_matches(self, text: str) -> list[Match]:
        """The partner cues in ``text``: the partner role's words that end in "med"."""
        return [
            m
            for m in self.lexicon.find("role", text)
            if m.concept.endswith("/samverkanspart") and m.surface.lower().endswith("med")
        ]

    def mentions(self, text: str) -> list[Mention]:
        found: list[Mention] = []
        for name, s, e in police_area_names(text, self.lexicon):
            del name
            found.append(Mention(ActorRef(Party.police, "polisen"), s, e))
        joint = len(self.parties) > 1
        for m in self.lexicon.municipality_matcher.find(text):
            if m.concept in self.parties:
                # a joint promise's municipality named: that one, not each of them
                ref = ActorRef(Party.municipality, "kommunen", owner=m.concept if joint else None)
                found.append(Mention(ref, m.start, m.end, m.surface.endswith("s")))
        typed = [(m.concept, m.start, m.end) for m in self.lexicon.find("actor-type", text)]
        typed += self._inflected(text, typed)
        # a post ("Kommunpolisen", "Fältassistenterna") rather than the compound's last part
        # ("polisen"); a word the actor-type vocabulary lists as it stands ("lokalpolisen",
        # "Trygghetsvärdarna") stays the actor it names
        posts = [
            p
            for p in find_posts(text, self.lexicon)
            if not self._actor_word(text[p.start : p.end - 1 if p.genitive else p.end])  # "…värdarnas"
        ]
        typed = [t for t in typed if not any(p.start < t[2] and t[1] < p.end for p in posts)]
        for p in posts:
            label = _cap(text[p.start : p.end - 1 if p.genitive else p.end])
            ref = ActorRef(Party.post, label, post=PostOf(p.role, None, p.kind))
            found.append(Mention(ref, p.start, p.end, p.genitive))
        for concept, start, end in typed:
            slug = concept.rsplit("/", 1)[-1]
            if slug in _IGNORED_TYPES:
                continue
            surface = text[start:end]
            genitive = self._genitive(surface)
            bare = surface[:-1] if genitive else surface  # "föreningarnas": "föreningarna"
            if slug in _POLICE_TYPES:
                ref = ActorRef(Party.police, "polisen")
            elif slug == "kommun" or (slug == "region" and self._regional and surface[:6] in _REGION):
                # "kommunerna": a joint promise's municipalities; "regionen": "Region Gotland"
                plural = surface.lower().removesuffix("s").endswith("erna")  # also "kommunernas"
                ref = ActorRef(Party.municipality, "kommunerna" if plural else "kommunen")
            else:
                suspended = _SUSPENDED.search(text, max(0, start - 80), start)
                if suspended is not None:  # "barn- och utbildningsförvaltningen": one unit
                    start = suspended.start()
                # a definite form ("Fastighetsbolaget Tunabyggen") or a kind capitalised as part of
                # its name ("Stadsområde Nordost", "Stadsdelsförvaltning Centrum")
                proper = surface[-1:] in "nt" or surface[:1].isupper()
                named = _PROPER_NAME.match(text, end) if proper else None
                if named is not None and not any(x[1] == named.start("name") for x in typed):
                    end = named.end()  # "Fastighetsbolaget Tunabyggen": the company by its name
                elif bare[-1:] not in "nt" and surface[:1].islower():
                    # a name before the kind in its indefinite form ("Rinkeby-Kista stadsdelsnämnd",
                    # "… med Järva stadsdelsförvaltning"): the unit's own name; a capital that only
                    # starts the sentence ("Varje skola") is none, a name with a hyphen is one
                    before = _NAME_BEFORE.search(text, max(0, start - 60), start)
                    if before is not None and _names_unit(text, before, bare):
                        start = before.start()
                # the actor's name without the genitive's -s ("Fältgruppens": "Fältgruppen")
                ref = ActorRef(Party.local, _cap(text[start : end - len(surface) + len(bare)]), concept)
            found.append(Mention(ref, start, end, genitive))
        found.sort(key=lambda x: (x.start, -(x.end - x.start)))
        out: list[Mention] = []
        for mention in found:
            if out and mention.start < out[-1].end:
                continue
            out.append(mention)
        return self._owners.owned(text, out)

    def _actor_word(self, word: str) -> bool:
        """Whether the actor-type vocabulary lists ``word`` as it stands, or its base form
        ("lokalpolisen", "Trygghetsvärdarna"), not only as the last part of a compound."""
        matcher = self.lexicon.schemes.get("actor-type")
        low = word.lower()
        if matcher is None:
            return False
        if matcher.concept_of(low):
            return True
        for suffix in INFLECTIONS:
            if low.endswith(suffix) and len(low) - len(suffix) >= 4:
                base = low[: -len(suffix)]
                if any(matcher.concept_of(c) for c in (base, base + "e", base + "a")):
                    return True
        return False

    def _inflected(self, text: str, found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
        """Actor words in a definite or plural form the vocabulary does not list, read by their
        base form ("Trygghetsvärdarna", "väktarna", "Bevakningsbolagets"): (concept, start, end)."""
        out: list[tuple[str, int, int]] = []
        for w in _WORD.finditer(text):
            if any(s < w.end() and w.start() < e for _, s, e in found):
                continue
            concept = base_concept(self.lexicon, w.group(0).lower())
            if concept is not None:
                out.append((concept, w.start(), w.end()))
        return out

    def _genitive(self, surface: str) -> bool:
        """ "polisens", "kommunens", "Socialtjänstens": a definite form with a genitive -s."""
        low = surface.lower()
        if not low.endswith("s") or len(low) < 4:
            return False
        base = low[:-1]
        matcher = self.lexicon.schemes.get("actor-type")
        return base.endswith(("en", "et", "na", "ne")) or bool(matcher and matcher.concept_of(base))

    # -----------------------------------------------------------------------------------------

    def leading(self, text: str, pos: int = 0) -> tuple[Roles, int]:
        """The run of actor mentions at ``pos`` ("Polisen och kommunen", "Polisen i samverkan med
        skolor", "Tillsammans"): the roles found and where the run ends."""
        mentions = {m.start: m for m in self.mentions(text)}
        roles = Roles([], [])
        partner_mode = False
        while pos < len(text):
            while pos < len(text) and text[pos] in " \t\n":
                pos += 1
            m = mentions.get(pos)
            owner = _OWNER_WORD.match(text, pos) if m is None else None
            if owner is not None and (p := mentions.get(owner.end())) and p.actor.party is Party.post:
                m = p  # "Stadsdelens fritidsledare håller …": the post, its owner not known
            if m is not None:
                if m.genitive and not partner_mode:
                    unit = _OWN_UNIT.match(text, m.end)
                    if unit is None or m.actor.party not in (Party.police, Party.municipality):
                        break
                    if m.actor not in roles.responsible:  # "polisens ungdomsgrupp": the police's
                        roles.responsible.append(m.actor)
                    pos = unit.end()
                    continue
                target = roles.partners if partner_mode else roles.responsible
                if m.actor not in target:
                    target.append(m.actor)
                pos = m.end
                continue
            cue = self._is_partner_cue(text, pos)
            if cue:
                partner_mode = True
                pos += cue
                continue
            named = self._named_partner(text, pos) if partner_mode else None
            if named is not None:
                if named not in roles.partners:
                    roles.partners.append(named)
                pos += len(named.label)
                continue
            j = _JOINT.match(text, pos)
            if j and not roles.responsible:
                roles.joint = True
                pos = j.end()
                continue
            c = CONNECTOR.match(text, pos)
            if c and c.end() > pos and (roles.responsible or roles.partners or roles.joint):
                pos = c.end()
                continue
            break
        return roles, pos

    def _named_partner(self, text: str, pos: int) -> ActorRef | None:
        """An organisation the vocabularies do not know, named by its own name in a list of
        partners ("tillsammans med Tierps Energi och hyresgästföreningen"): its words capitalised
        up to the next item or the clause's end, typed only where its name says a kind
        (:func:`type_from_name`); a municipality's name is none."""
        m = _PARTNER_NAME.match(text, pos)
        if m is None and _MODAL_BEFORE.search(text[:pos]):
            # "Kommunen ska i samarbete med Oskarshamns Energi AB förbättra …": the cue stands
            # between the modal and its infinitive, where the name ends (not a genitive before
            # its noun, "med Ekebys fritidsgård")
            m = _NAME_BEFORE_INFINITIVE.match(text, pos)
            if m is not None and m.group(0).endswith("s"):
                m = None
        if m is None or self.lexicon.resolve_municipality(m.group(0)) is not None:
            return None
        return ActorRef(Party.local, m.group(0), type_from_name(m.group(0)))

    def subject(self, sentence: str) -> Roles:
        """Who the sentence says will do it; empty Roles when it names nobody."""
        roles, _ = self.leading(sentence)
        roles = self._named_subject(sentence) or roles
        result = Roles(list(roles.responsible), list(roles.partners), roles.joint)
        for v in _VERB.finditer(sentence):
            # "... ska Landskrona stad genomföra" (subject after the verb)
            after, _ = self.leading(sentence, v.end())
            self._merge(result, after)
            # "... och kommunen ska se över" (subject right before the verb)
            for m in self.mentions(sentence[: v.start()]):
                if not sentence[m.end : v.start()].strip() and not m.genitive:
                    self._merge(result, Roles([m.actor], []))
            pronoun = _THEY.search(sentence, 0, v.start())
            if pronoun is not None:  # "… har Ungdomscoacherna flera uppdrag och de ska …"
                self._merge(result, Roles(self._antecedent(sentence[: pronoun.start()]), []))
        for p in _PASSIVE_AGENT.finditer(sentence):
            agent, _ = self.leading(sentence, p.end())
            self._merge(result, agent)
        for cue in self._partner_cues(sentence):
            # "... ska genomföra trygghetsvandringar i samverkan med skolan": a partner wherever
            # the cue stands, the actors right after it (never a responsible actor)
            after, _ = self.leading(sentence, cue)
            self._merge(result, Roles([], after.partners))
        return result

    def _named_subject(self, sentence: str) -> Roles | None:
        """A subject that coordinates an actor the lexicon knows with an organisation it does not
        know, named by its own name ("Polisen och Fastighets AB Oskarshamnshem genomför …",
        "Svenska kyrkan och fritidsgården ska …"): every conjunct before the finite verb is
        responsible, the named one typed where its name says a kind. A name is a capital that
        is not only the sentence's first letter, or a name of several words; None unless each
        conjunct is a known actor or such a name and one of each is there."""
        verb = _FINITE.search(sentence)
        if verb is None:
            return None
        parts = _CONJUNCTS.split(sentence[: verb.start()].strip())
        out: list[ActorRef] = []
        named = known = False
        for k, part in enumerate(parts):
            found = self.mentions(part)
            whole = [m for m in found if m.start == 0 and m.end == len(part) and not m.genitive]
            if whole:
                out.append(whole[0].actor)
                known = True
                continue
            words = part.split()
            if (
                found  # an actor with more words ("Polisen tillsammans"): no name of its own
                or not _OWN_NAME.fullmatch(part)
                or (k == 0 and len(words) == 1)
                or self.lexicon.resolve_municipality(part) is not None
                or any(self.lexicon.find(scheme, part) for scheme in ("target-group", "activity-type"))
            ):
                return None
            out.append(ActorRef(Party.local, part, type_from_name(part)))
            named = True
        return Roles(list(dict.fromkeys(out)), []) if named and known else None

    def _antecedent(self, before: str) -> list[ActorRef]:
        """Whom "de"/"dessa" refers to: the last actors named before it in the sentence, a
        plural ("Ungdomscoacherna", "fältassistenterna") or a coordination ("polisen och
        kommunen"); none when the last actor named is one alone (the pronoun then names no
        one the sentence shows)."""
        found = [m for m in self.mentions(before) if not m.genitive]
        if not found:
            return []
        run = [found[-1]]
        for m in reversed(found[:-1]):
            if not CONNECTOR.fullmatch(before[m.end : run[0].start]):
                break
            run.insert(0, m)
        if len(run) == 1 and not _PLURAL.search(before[run[0].start : run[0].end]):
            return []
        return [m.actor for m in run]

    def _partner_cues(self, sentence: str) -> list[int]:
        """Where a partner cue ("i samverkan med", "tillsammans med") starts in ``sentence``."""
        return [m.start for m in self._partner_matches(sentence)]

    @staticmethod
    def _merge(into: Roles, other: Roles) -> None:
        for a in other.responsible:
            if a not in into.responsible and a not in into.partners:
                into.responsible.append(a)
        for a in other.partners:
            if a not in into.partners and a not in into.responsible:
                into.partners.append(a)

    def between(self, text: str) -> list[ActorRef]:
        """The parties of a cooperation named as such ("Samverkan mellan polis och kommunens
        verksamheter"): each is responsible for it."""
        m = _BETWEEN.search(text)
        if m is None:
            return []
        out: list[ActorRef] = []
        pos = m.end()
        for mention in self.mentions(text):
            if mention.start < pos:
                continue
            if text[pos : mention.start].strip(" ,") not in ("", "och", "samt", "&"):
                break
            if mention.actor not in out:
                out.append(mention.actor)
            pos = mention.end
            rest = re.match(r"\s*\w*(verksamhet|förvaltning|organisation)\w*", text[pos:])
            if mention.genitive and rest:
                pos += rest.end()
        return out

    def own_actor(self, text: str, governing: Sequence[ActorRef] = ()) -> list[ActorRef]:
        """The actor an item names for its own action, without being its subject: the owner of
        the action in the genitive at the item's start or after "genom"/"med" ("Öka polisens
        närvaro", "genom polisens trafikkontroller"), the agent after "av" ("Ökad närvaro av
        polisen"), with the actors coordinated with either ("Ökad närvaro av polis och
        fältassistenter", "polisens och kommunens"), or the police as an adjective ("Hög polisiär
        närvaro"). An owner that is none of the ``governing`` heading's parties is not taken; a
        local actor is taken as the owner of an action it does, at the item's start
        (:func:`.owners.owns_action`: "Nattvandrarnas fredagsvandringar")."""
        out: list[ActorRef] = []
        last: Mention | None = None  # the owner or agent just taken: those coordinated with it too
        for m in self.mentions(text):
            gap = text[last.end : m.start].strip(" ,") if last is not None else None
            if last is not None and gap in ("och", "samt", "&", "") and m.genitive == last.genitive:
                out.append(m.actor)  # "närvaro av polis och fältassistenter"
                last = m
                continue
            last = None
            if m.actor.party is Party.local:
                # "Fältgruppens uppsökande arbete": an actor's own action, under no party's heading
                if not governing and not out and owns_action(text, m, self.lexicon):
                    out.append(m.actor)
                    last = m
                continue
            before = text[: m.start]
            owner = m.genitive and (len(before.split()) <= 2 or re.search(r"\b(genom|med)\s+$", before))
            if owner and governing and m.actor not in governing:
                # under "Polisen åtar sig att:", "delta i kommunens trygghetsvandringar" is the
                # police's action (the heading's party is the subject of the infinitive); an
                # owner only narrows a heading of several parties ("Öka polisens närvaro")
                continue
            agent = not m.genitive and re.search(r"\b\w+\s+av\s+$", before) and len(before.split()) <= 4
            if owner or agent:
                out.append(m.actor)
                last = m
        if not out and _POLICE_ADJECTIVE.search(text):
            out.append(ActorRef(Party.police, "polisen"))
        return list(dict.fromkeys(out))

    def actor_list(self, text: str) -> Roles | None:
        """Roles when ``text`` is nothing but a list of actors ("kommunen i samverkan med polisen",
        "Polisen, Fastighetsbolagen och verksamheter från civilsamhället"), else None."""
        roles, end = self.leading(text.strip().rstrip(".").strip())
        rest = text.strip().rstrip(".").strip()[end:].strip(" ,.")
        if roles.responsible and not rest:
            return roles
        return None
