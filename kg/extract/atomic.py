"""Atomic activities: where the text of one item or sentence names more than one action.

:func:`split_clauses` cuts an item or a promise sentence into its actions, each with the actors
the text ties to it; :func:`list_items` cuts an enumeration ("a, b samt c") into its items. The
cues are Swedish syntax (conjunctions, infinitives, a new subject, genitive owners), not
phrases of particular documents.
"""

from __future__ import annotations

import re

from kg.extract.actors import Roles
from kg.extract.model import Party
from kg.extract.place_phrases import place_phrases
from kg.extract.state import PROMISE_VERB, State
from kg.extract.text import BlockKind, sentences

_VERB_LIKE = re.compile(
    r"\b(ska|skall|kommer|lovar|har|är|kan|vill|\w{2,}(?:ar|er|ir|år|ör|gör))\b", re.IGNORECASE
)
_CONJ_BEFORE = re.compile(
    r"(?:(?:,\s*|\s)(?:och|samt|medan|men)\s+|;\s*(?:(?:och|samt|medan|men)\s+)?)$", re.IGNORECASE
)
"""What parts a clause with an actor of its own from the one before: a conjunction ("… och kommunen
ska …") or a semicolon, with or without one ("…; polisen ska besöka skolorna")."""


def split_clauses(st: State, text: str, start: int, end: int) -> list[tuple[int, int, Roles | None]]:
    """(start, end, actors) of each action in ``text[start:end]``; actors is None where the
    text names none for it (the caller then uses the heading or lead-in).

    A new action begins at a further sentence that commits to something of its own (it opens
    with its actor and a verb, holds a promise verb, or opens with an infinitive: "Även verka
    för ..."); at "och"/"samt" followed by an actor and a verb ("... och kommunen ska se över
    ..."); at "och" between actions of two actors named in the genitive ("polisens
    trafikkontroller och kommunens åtgärder"); at "samt"/"och" followed by an infinitive with
    its own object ("samverka kring kamerabevakning och sätta upp kameror"); and the examples
    after "bland annat genom" are one action each. Anything else stays one action: one verb
    with a list of objects, places or means."""
    pieces: list[tuple[int, int, Roles | None]] = []
    for s, e in _sentence_spans(text, start, end):
        sentence = text[s:e]
        lead, lead_end = st.finder.leading(sentence)
        own = lead if lead.responsible and _VERB_LIKE.match(sentence[lead_end:].lstrip()) else None
        if pieces and _own_commitment(sentence, own):
            # a further sentence without an actor of its own is the previous sentence's actors'
            pieces.append((s, e, own or _roles_or_none(st.finder.subject(sentence)) or pieces[-1][2]))
        elif pieces:
            a, _, r = pieces[-1]
            pieces[-1] = (a, e, r)
        else:
            pieces.append((s, e, _roles_or_none(st.finder.subject(sentence))))
    out: list[tuple[int, int, Roles | None]] = []
    for s, e, roles in pieces:
        out.extend(_split_on_actor_clauses(st, text, s, e, roles))
    final: list[tuple[int, int, Roles | None]] = []
    for s, e, roles in out:
        for a, z in _semicolon_clauses(text, s, e):
            for x, y, r in _split_on_verb(st, text, a, z, roles):
                final.extend(_examples(text, x, y, r))
    return final


_SEMICOLON_ATT = re.compile(r"\s*;\s*(?:(?:och|samt)\s+)?att\s+(?=\w)", re.IGNORECASE)


def _semicolon_clauses(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """(start, end) of each "att"-clause of an enumeration whose clauses a semicolon parts
    ("lovar att besöka skolorna; att informera om bedrägerier; och att synas vid Resecentrum"):
    the semicolon and "att" open the next action, whatever form its infinitive has ("synas")."""
    out: list[tuple[int, int]] = []
    for m in _SEMICOLON_ATT.finditer(text, s, e):
        out.append((s, m.start()))
        s = m.end()
    return [*out, (s, e)]


def _roles_or_none(roles: Roles) -> Roles | None:
    return roles if roles else None


_PURPOSE = re.compile(r"^\s*(syftet|målet|tanken)\b", re.IGNORECASE)
_ELABORATION = re.compile(
    r"^\s*(detta|det|dessa|den|denna|de|arbetet|insatsen|insatserna|aktiviteten|aktiviteterna)\s+"
    r"(?:(ska|skall|kommer att|kan)\s+(ske|göras|genomföras|pågå|gälla|utföras|följas|vara|bli|leda|"
    r"bidra)\b"
    # or in the present, passive or "sker"/"pågår": "Insatserna görs främst under sommaren"
    r"|(?:främst\s+|huvudsakligen\s+|också\s+|även\s+)?(?:sker|pågår|(?!finns\b)[a-zåäö]{2,}s)\b)",
    re.IGNORECASE,
)
"""A sentence about the action named before it, its subject a word that refers back to it ("Detta
ska ske i samverkan med skolan", "Insatserna görs främst under sommaren"): how, when or with whom
that action is done, no action of its own."""


def elaboration(clause: str) -> bool:
    """Whether a clause is about the action named before it (:data:`_ELABORATION`)."""
    return _ELABORATION.match(clause) is not None


_DEFINITE = re.compile(r"^\s*([A-Za-zÅÄÖåäö]{4,}?)(?:erna|arna|orna|na|en|et)\s+\S", re.IGNORECASE)
_FOCUS_ON = re.compile(r"^\s*(?:särskilt\s+|stort\s+|extra\s+)?fokus(?:et)?\s+(?:på|mot)\b", re.IGNORECASE)
DETAIL_REASON = (
    "en detalj om punkten ovan, inte en egen aktivitet / a detail of the item above, not an "
    "activity of its own"
)


def item_details(st: State, index: int) -> list[int]:
    """The indices of the sub-items of the list item at ``index`` where they are details of it,
    else none: the item is a whole action ("Att genomföra fotpatruller i Markbacken minst fyra
    gånger per termin.", a full stop after an infinitive, a promise verb or an actor and a verb)
    and each sub-item is about it, not an action of its own: a clause that refers back to it
    (:func:`elaboration`, or its subject the definite form of a noun the item names, "Patrullerna
    görs kvällstid" under "fotpatruller"), or where it is focused ("Fokus på Markbackens
    centrum"). Sub-items that name actions ("Fotpatrullering varje fredagskväll") are the item's
    activities, as before."""
    b = st.blocks[index]
    text = b.text.strip()
    if not text.endswith("."):
        return []
    lead, lead_end = st.finder.leading(text)
    bare = re.sub(r"^\s*att\s+", "", text, flags=re.IGNORECASE)
    verb = _OPENING_INFINITIVE.match(bare)
    if not (
        PROMISE_VERB.search(text)
        or (verb is not None and not _not_a_verb(verb.group(1)))
        or (lead.responsible and _VERB_LIKE.match(text[lead_end:].lstrip()))
    ):
        return []
    subs: list[int] = []
    for k in range(index + 1, len(st.blocks)):
        x = st.blocks[k]
        if x.kind is not BlockKind.bullet or x.depth <= b.depth:
            break
        subs.append(k)
    for k in subs:
        sub = st.blocks[k].text
        if st.finder.leading(sub)[0].responsible:
            return []
        definite = _DEFINITE.match(sub)
        back = definite is not None and definite.group(1).lower() in text.lower()
        if not (back or elaboration(sub) or _FOCUS_ON.match(sub)):
            return []
    return subs


_OPENING_INFINITIVE = re.compile(r"^\s*(?:även|också|dessutom|samt)?\s*([a-zåäö]{3,}a)\s+\S", re.IGNORECASE)


def _own_commitment(sentence: str, own: Roles | None) -> bool:
    """A further sentence of an item that commits to an action of its own."""
    if own is not None:
        return True
    if _PURPOSE.match(sentence) or _ELABORATION.match(sentence):
        return False
    if PROMISE_VERB.search(sentence):
        return True
    m = _OPENING_INFINITIVE.match(sentence)
    return m is not None and not _not_a_verb(m.group(1))


# Words ending in -a that are not infinitives: determiners, quantifiers and adjective endings.
_NOT_VERBS = {"andra", "alla", "hela", "samma", "egna", "olika", "flera", "många", "båda", "vissa",
              "övriga", "nya", "unga", "stora", "gamla", "bästa", "första", "sista", "enda", "detta",
              "denna", "dessa", "vilka", "sina", "våra", "deras", "dina", "era",
              # adjectives used as nouns for groups of people
              "vuxna", "berörda", "anställda", "utsatta", "boende", "äldre"}  # fmt: skip
_ADJECTIVE_ENDINGS = ("iga", "liga", "ella", "ala", "iska", "ära", "ade", "ssa")


def _not_a_verb(word: str) -> bool:
    w = word.lower()
    # definite plurals ("cykelvägarna", "skolorna") end in -rna
    return w in _NOT_VERBS or w.endswith(_ADJECTIVE_ENDINGS) or w.endswith(("skola", "rna"))


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + a, start + z) for a, z in sentences(text[start:end])] or [(start, end)]


def _split_on_actor_clauses(
    st: State, text: str, s: int, e: int, roles: Roles | None
) -> list[tuple[int, int, Roles | None]]:
    segment = text[s:e]
    cuts: list[tuple[int, int, Roles]] = []  # (conjunction start, clause start, roles)
    mentions = st.finder.mentions(segment)
    for m in mentions:
        if m.start == 0:
            continue
        conj = _CONJ_BEFORE.search(segment[: m.start])
        if conj is None or (cuts and m.start < cuts[-1][1]):
            continue
        if m.genitive:
            # "genom polisens trafikkontroller och kommunens åtgärder": two actors' own actions
            earlier = [g for g in mentions if g.genitive and g.end <= conj.start() and g.actor != m.actor]
            # ("polisens och kommunens synlighet": two owners of one thing, no noun between)
            owned = earlier and segment[earlier[-1].end : conj.start()].strip()
            if m.actor.party is not Party.local and owned and earlier[-1].actor.party is not Party.local:
                cuts.append((conj.start(), m.start, Roles([m.actor], [])))
                if not cuts[:-1]:
                    roles = Roles([earlier[-1].actor], [])
            continue
        first_word = re.match(r"\s*\S+", segment)
        # the clause before "och" has a subject before its verb: its first word is no verb
        # ("Föräldrar och polisen ska vandra …" is one subject of two, "Föräldrar" a noun in -ar)
        if not _VERB_LIKE.search(segment, first_word.end() if first_word else 0, conj.start()):
            continue
        own, own_end = st.finder.leading(segment, m.start)
        if not own.responsible or not _VERB_LIKE.match(segment[own_end:].lstrip()):
            continue
        cuts.append((conj.start(), m.start, own))
    if not cuts:
        return [(s, e, roles)]
    first = st.finder.subject(segment[: cuts[0][0]])
    if first.responsible:
        roles = first
    out: list[tuple[int, int, Roles | None]] = []
    prev_start, prev_roles = 0, roles
    for conj_start, clause_start, own in cuts:
        out.append((s + prev_start, s + conj_start, prev_roles))
        prev_start, prev_roles = clause_start, own
    out.append((s + prev_start, e, prev_roles))
    return out


_COORDINATED_VERB = re.compile(
    r"(?:(?:,\s*|\s)(samt|och)|(?P<semicolon>;)(?:\s*(?:samt|och))?)\s+(?:att\s+)?(?=(?P<verb>[a-zåäö]{3,}as?)\s+\S)"
)
"""An infinitive coordinated with the action before it, after "samt" or "och", or after a semicolon,
which ends the clause before: "…; informera äldre om bedrägerier; och synas vid Resecentrum" (a
passive or deponent infinitive, "synas", only there)."""


def _split_on_verb(
    st: State, text: str, s: int, e: int, roles: Roles | None
) -> list[tuple[int, int, Roles | None]]:
    """Split at "samt"/"och" followed by an infinitive with its own object, when the words
    before it are a verb with its object ("samverka kring kamerabevakning och sätta upp
    kameror", "identifiera trafikfarliga platser, samt vidta åtgärder"); not between two
    verbs that share one object ("skapa och sprida förhållningsregler"), nor inside a phrase of
    place (:mod:`.place_phrases`), where an adjective in -a ("allmänna platser") is no verb."""
    segment = text[s:e]
    out: list[tuple[int, int, Roles | None]] = []
    prev = 0
    places = place_phrases(segment, st.lexicon)
    for m in _COORDINATED_VERB.finditer(segment):
        verb = m.group("verb")
        if verb.endswith("s"):
            if not m.group("semicolon"):
                continue
            verb = verb[:-1]
        before = segment[prev : m.start()].split()
        if (
            len(before) < 2
            or _not_a_verb(verb)
            # "på gång- och cykelvägar samt allmänna platser": places coordinated, no second verb
            or any(p.start < m.start() and m.end() < p.end for p in places)
            # two verbs of one object ("skapa och sprida …"); a semicolon ends the first clause
            or (not m.group("semicolon") and before[-1].lower().endswith(("a", "-")))
            or before[-1] == "att"
        ):
            continue
        if re.search(r"\bi syfte att\b", segment[prev : m.start()], re.IGNORECASE) or (
            m.group(1) == "och"
            and re.search(r"\b(för att|verka för|arbeta för)\b", segment[prev : m.start()], re.IGNORECASE)
        ):
            continue
        if st.lexicon.find("actor-type", verb) or st.lexicon.find("priority-area", verb):
            continue
        out.append((s + prev, s + m.start(), roles))
        prev = m.end()
    out.append((s + prev, e, roles))
    return out


_EXAMPLES = re.compile(r"\b(?:bland annat|bl\.\s?a\.|till exempel|t\.\s?ex\.)\s+genom\s+", re.IGNORECASE)


def _examples(text: str, s: int, e: int, roles: Roles | None) -> list[tuple[int, int, Roles | None]]:
    """ "..., bland annat genom trygghetsvandringar, ökad patrullering ...": the examples are the
    activities (each with the actors of the sentence), not the general sentence."""
    m = _EXAMPLES.search(text, s, e)
    if m is None:
        return [(s, e, roles)]
    items = list_items(text, m.end(), e)
    if len(items) < 2:
        return [(s, e, roles)]
    items = [(a, re.sub(r"\s+i syfte att.*$", "", text[a:z]).__len__() + a) for a, z in items]
    return [(a, z, roles) for a, z in items]


_ITEM_SPLIT = re.compile(r",\s+|\s+samt\s+")


def list_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the items of an enumeration "a, b, c samt d", outside parentheses and
    quotation marks; a trailing "etc." or "m.m." is dropped."""
    depth = 0
    quote = False
    cuts: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        ch = text[pos]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch in '”"':
            quote = not quote
        elif depth == 0 and not quote:
            m = _ITEM_SPLIT.match(text, pos)
            if m and m.end() <= end:
                cuts.append((m.start(), m.end()))
                pos = m.end()
                continue
        pos += 1
    items: list[tuple[int, int]] = []
    prev = start
    for a, z in [*cuts, (end, end)]:
        item = text[prev:a]
        stripped = re.sub(r"\s*(etc\.?|m\.m\.?|osv\.?)\s*\.?\s*$", "", item).rstrip(" .")
        lead = len(item) - len(item.lstrip())
        if stripped.strip():
            items.append((prev + lead, prev + len(stripped)))
        prev = z
    return items
