"""Activities: one per bullet, promise sentence or "actors – activity" item, with their
responsible actors, partners, frequency, quantity, activity types and places."""

from __future__ import annotations

import re

from kg.extract.actors import Roles
from kg.extract.model import (
    Activity,
    ActorRef,
    Frequency,
    Party,
    Place,
    Priority,
    Problem,
)
from kg.extract.places import find_places
from kg.extract.state import PROMISE_VERB, Ctx, Part, State, strip_dashes
from kg.extract.text import Block

_ANSVARIG = re.compile(r"\b(?:ansvarig|ansvariga|ansvar)\s*:\s*(?P<who>.+?)\s*\.?\s*$", re.IGNORECASE)
_TAG = re.compile(r"\((?P<who>[^()]{2,80})\)\s*\.?\s*$")
_DASH = re.compile(r"\s*[–—-]\s+|\s+[–—-]\s*$")
_QUALIFIER = re.compile(r"(minst|högst|cirka|ca\.?|ungefär|åtminstone)\s+$", re.IGNORECASE)
_NUMBER_WORDS = {
    "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9, "tio": 10,
    "elva": 11, "tolv": 12, "femton": 15, "tjugo": 20,
}  # fmt: skip
_QUANTITY = re.compile(
    r"(?:^|\b(?:minst|totalt|sammanlagt|åtminstone)\s+)(?P<n>\d{1,5}|"
    + "|".join(_NUMBER_WORDS)
    + r")\s+(?P<noun>[a-zåäö]{4,})",
    re.IGNORECASE,
)


def _both(st: State) -> list[ActorRef]:
    return [ActorRef(Party.police, "polisen"), ActorRef(Party.municipality, "kommunen")]


def bullet_activities(st: State, b: Block, ctx: Ctx) -> list[Activity]:
    """The activities of one bullet: one per action the bullet names with its own actor (or
    joins to the first with "samt" after the promise verb), or one for the whole bullet."""
    if b.cells:
        return [_row_activity(st, b, ctx)]
    text = b.text
    end, explicit, source = _explicit_actors(st, text)
    clauses = split_clauses(st, text, 0, len(text[:end].rstrip(" ,;")))
    if len(clauses) == 1:
        return [bullet_activity(st, b, ctx)]
    out = []
    for s, e, roles in clauses:
        description = text[s:e].rstrip(" ,;")
        how = "subject"
        if explicit is not None:
            roles, how = explicit, source
        act = activity(st, b, s, s + len(description), description, ctx, roles or Roles([], []), how)
        out.append(act)
    return out


def _explicit_actors(st: State, text: str) -> tuple[int, Roles | None, str]:
    """Where the item's own text ends, and the actors an "Ansvarig: ..." line or an actor tag
    "(Polisen)" names for all of it."""
    m = _ANSVARIG.search(text)
    if m:
        who = st.finder.actor_list(m.group("who")) or st.finder.leading(m.group("who"))[0]
        return m.start(), who, "ansvarig"
    t = _TAG.search(text)
    if t:
        roles = st.finder.actor_list(t.group("who"))
        if roles is not None:
            return t.start(), roles, "tag"
    return len(text), None, ""


def sentence_activities(st: State, b: Block, s: int, e: int, ctx: Ctx | None, roles: Roles) -> list[Activity]:
    """The activities of one promise sentence of prose, split where it joins actions that
    have their own actors ("Polisen ska ... och kommunen ska ...")."""
    clauses = split_clauses(st, b.text, s, e)
    out = []
    for a, z, own in clauses:
        description = b.text[a:z].rstrip(" ,;")
        out.append(activity(st, b, a, a + len(description), description, ctx, own or roles, "subject"))
    return out


def _row_activity(st: State, b: Block, ctx: Ctx) -> Activity:
    """A row of a table whose header names the activity, responsible and time columns."""
    cells = {role: (a, z) for role, a, z in b.cells}
    a, z = cells["activity"]
    roles = Roles([], [])
    if "responsible" in cells:
        x, y = cells["responsible"]
        roles = st.finder.actor_list(b.text[x:y]) or st.finder.leading(b.text[x:y])[0]
    act = activity(st, b, 0, len(b.text), b.text, ctx, roles, "table")
    act.description = b.text[a:z].strip()
    act.activity_types = st.lexicon.concepts("activity-type", act.description)
    act.passage = b.passage
    return act


def bullet_activity(st: State, b: Block, ctx: Ctx) -> Activity:
    text = b.text
    end = len(text.rstrip())
    explicit: Roles | None = None
    source = ""
    m = _ANSVARIG.search(text)
    if m:
        explicit = st.finder.actor_list(m.group("who")) or st.finder.leading(m.group("who"))[0]
        end, source = m.start(), "ansvarig"
    else:
        t = _TAG.search(text)
        if t:
            roles = st.finder.actor_list(t.group("who"))
            if roles is not None:
                explicit, end, source = roles, t.start(), "tag"
    description = text[:end].rstrip(" ,;")
    roles = explicit if explicit else st.finder.subject(description)
    if not source:
        source = "subject"
    act = activity(st, b, 0, len(description), description, ctx, roles, source)
    act.passage = b.passage
    return act


def activity(
    st: State,
    b: Block,
    s: int,
    e: int,
    description: str,
    ctx: Ctx | None,
    roles: Roles,
    source: str,
) -> Activity:
    responsible = list(roles.responsible)
    partners = list(roles.partners)
    own = []
    if not responsible and not roles.joint:
        own = st.finder.between(description) or st.finder.own_actor(description)
    if own:
        responsible, source = own, "subject"
    if not responsible:
        if roles.joint:
            responsible, source = _both(st), "joint"
        elif ctx is not None and ctx.actor is not None:
            responsible, source = list(ctx.actor.responsible), "heading"
            partners = partners or list(ctx.actor.partners)
        elif ctx is not None and ctx.joint_intro:
            responsible, source = _both(st), "joint-intro"
        else:
            responsible, source = _both(st), "default"
    activity = Activity(
        description=description.strip(),
        passage=b.span(s, e),
        responsible=responsible,
        partners=[p for p in partners if p not in responsible],
        actor_source=source,
        priority=ctx.priority if ctx is not None else None,
    )
    _enrich(st, activity, b, s, description)
    return activity


def _enrich(st: State, activity: Activity, b: Block, offset: int, description: str) -> None:
    freqs = st.lexicon.find("frequency", description)
    if freqs:
        # "under året ... varannan vecka": the rate is the most frequent phrase, the other a time frame
        f = max(freqs, key=lambda m: (st.lexicon.occurrences_per_year.get(m.concept, 0.0), -m.start))
        start = f.start
        q = _QUALIFIER.search(description[: f.start])
        if q:
            start = q.start()
        activity.frequency = Frequency(
            f.concept,
            description[start : f.end],
            b.span(offset + start, offset + f.end),
        )
    activity.activity_types = st.lexicon.concepts("activity-type", description)
    exclude = (st.municipality.name, st.municipality.short) if st.municipality else ()
    activity.places = [
        Place(n, b.span(offset + s, offset + e)) for n, s, e in find_places(description, exclude=exclude)
    ]
    for m in _QUANTITY.finditer(description):
        span = b.span(offset + m.start(), offset + m.end())
        fp = activity.frequency.passage if activity.frequency else None
        if fp is not None and span.start < fp.end and span.end > fp.start:
            continue
        if m.group("noun").lower().startswith(("gång", "tillfäll", "år", "månad", "termin", "vecka")):
            continue
        n = m.group("n").lower()
        activity.quantity = int(n) if n.isdigit() else _NUMBER_WORDS[n]
        break


def dash_block(st: State, b: Block) -> bool:
    """A "problem – actors – activity" block (seed 003's layout); True when it was one."""
    text = b.text
    candidates = {0, *(a for a, _ in b.line_texts)}
    for m in re.finditer(r"\s[–—-]\s", text):
        candidates.add(m.end())
    starts: list[tuple[int, int, Roles]] = []  # (actors start, activity text start, roles)
    for p in sorted(candidates):
        if starts and p < starts[-1][1]:
            continue
        roles, end = st.finder.leading(text, p)
        if not roles.responsible:
            continue
        d = _DASH.match(text, end)
        if d is None or d.end() >= len(text):
            continue
        starts.append((p, d.end(), roles))
    if not starts:
        return False
    title = strip_dashes(text[: starts[0][0]])
    priority_index: int | None = None
    if title:
        areas = st.lexicon.concepts("priority-area", title)
        passage = b.span(0, len(title))
        st.priorities.append(Priority(title, passage, areas))
        priority_index = len(st.priorities) - 1
        st.problems.append(Problem(title, passage, areas, [], title=title))
    for k, (_, a, roles) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(text)
        while end > a and text[end - 1] in " –—-":
            end -= 1
        ctx = Ctx(Part.activities, priority_index)
        clauses = split_clauses(st, text, a, end)
        for n, (cs, ce, own) in enumerate(clauses):
            items = [(cs, ce)] if own is not None else list_items(text, cs, ce)
            untied = own is None and len(roles.responsible) > 1 and len(items) + len(clauses) > 2
            for x, y in items:
                description = text[x:y]
                act = activity(st, b, x, y, description, ctx, own or roles, "list")
                if len(clauses) == 1 and len(items) == 1:
                    act.passage = b.span(starts[k][0], end)
                if untied and act.activity_types:
                    # the text names several actors and several actions without saying who does
                    # which: no activity type may be given to an actor the text does not tie to it
                    act.activity_types = []
                    st.omit(
                        b.span(x, y),
                        "aktivitetstyp ej satt: texten säger inte vilken av aktörerna som gör vad "
                        "/ activity type withheld: the text does not say which actor does what",
                    )
                st.activities.append(act)
            del n
    return True


# ---------------------------------------------------------------------------------------------
# Atomic activities: one per action


_VERB_LIKE = re.compile(
    r"(ska|skall|kommer|lovar|har|är|kan|vill|\w{2,}(?:ar|er|ir|år|ör|gör))\b", re.IGNORECASE
)
_CONJ_BEFORE = re.compile(r"(?:,\s*|\s)(?:och|samt|medan|men)\s+$", re.IGNORECASE)
_MODAL = re.compile(r"\b(ska|skall|kommer att|lovar att)\b", re.IGNORECASE)
_SAMT_VERB = re.compile(r",?\s+samt\s+(?=(?P<verb>[a-zåäö]{3,}a)\b)")


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
        for x, y, r in _split_on_verb(st, text, s, e, roles):
            final.extend(_examples(text, x, y, r))
    return final


def _roles_or_none(roles: Roles) -> Roles | None:
    return roles if roles else None


_PURPOSE = re.compile(r"^\s*(syftet|målet|tanken)\b", re.IGNORECASE)
# "Detta ska ske i samverkan med skolan": a sentence that says how the action before it is done
_ELABORATION = re.compile(
    r"^\s*(detta|det|dessa|arbetet|insatsen|insatserna|aktiviteten|aktiviteterna)\s+"
    r"(ska|skall|kommer att|kan)\s+(ske|göras|genomföras|pågå|gälla|utföras|följas)\b",
    re.IGNORECASE,
)
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
              "denna", "dessa", "vilka", "sina", "våra", "deras", "dina", "era"}  # fmt: skip
_ADJECTIVE_ENDINGS = ("iga", "liga", "ella", "ala", "iska", "ära", "ade", "ssa")


def _not_a_verb(word: str) -> bool:
    w = word.lower()
    # definite plurals ("cykelvägarna", "skolorna") end in -rna
    return w in _NOT_VERBS or w.endswith(_ADJECTIVE_ENDINGS) or w.endswith(("skola", "rna"))


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    from kg.extract.text import sentences

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
            if m.actor.party is not Party.local and earlier and earlier[-1].actor.party is not Party.local:
                cuts.append((conj.start(), m.start, Roles([m.actor], [])))
                if not cuts[:-1]:
                    roles = Roles([earlier[-1].actor], [])
            continue
        if not _VERB_LIKE.search(segment[: conj.start()]):
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


_COORDINATED_VERB = re.compile(r"(?:,\s*|\s)(samt|och)\s+(?:att\s+)?(?=(?P<verb>[a-zåäö]{3,}a)\s+\S)")


def _split_on_verb(
    st: State, text: str, s: int, e: int, roles: Roles | None
) -> list[tuple[int, int, Roles | None]]:
    """Split at "samt"/"och" followed by an infinitive with its own object, when the words
    before it are a verb with its object ("samverka kring kamerabevakning och sätta upp
    kameror", "identifiera trafikfarliga platser, samt vidta åtgärder"); not between two
    verbs that share one object ("skapa och sprida förhållningsregler")."""
    segment = text[s:e]
    out: list[tuple[int, int, Roles | None]] = []
    prev = 0
    for m in _COORDINATED_VERB.finditer(segment):
        verb = m.group("verb")
        before = segment[prev : m.start()].split()
        if (
            len(before) < 2
            or _not_a_verb(verb)
            or before[-1].lower().endswith(("a", "-"))
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
