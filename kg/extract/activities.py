"""Activities: one per bullet, promise sentence or "actors – activity" item, with their
responsible actors, partners, frequency, quantity, activity types and places."""

from __future__ import annotations

import re

from kg.extract.actors import Roles
from kg.extract.atomic import elaboration, list_items, split_clauses
from kg.extract.frequencies import action_frequency
from kg.extract.model import (
    Activity,
    ActorRef,
    Frequency,
    Outcome,
    Party,
    Passage,
    Place,
    Priority,
    Problem,
)
from kg.extract.parties import responsible_list
from kg.extract.place_phrases import PlacePhrase, place_phrases
from kg.extract.places import find_places, located_names
from kg.extract.reports import past_tense
from kg.extract.state import Ctx, Part, State, strip_dashes
from kg.extract.text import Block

_ANSVARIG = re.compile(r"\b(?:ansvarig|ansvariga|ansvar)\s*:\s*(?P<who>.+?)\s*\.?\s*$", re.IGNORECASE)
_TAG = re.compile(r"\((?P<who>[^()]{2,80})\)\s*\.?\s*$")
_ANSVARIG_FIRST = re.compile(r"(?:ansvarig|ansvariga|ansvar)\s*:\s*", re.IGNORECASE)
_LEADING_ANSVARIG = re.compile(
    r"(?:ansvarig|ansvariga|ansvar)\s*:\s*(?P<who>[^\n.–—]+?)(?:\s*\.\s+|\s+[–—-]\s+)(?=\S)",
    re.IGNORECASE,
)
"""An item that names who is responsible first ("Ansvarig: Arboga kommun. Genomföra …",
"Ansvar: X – genomföra …"): the action follows. "Ansvarig: Polisen" on a line of its own
above the action (joined to it by a space) ends where the run of actors ends."""
_RELATIVE = re.compile(r"(?<![\w-])som\s[^.,;:!?]*", re.IGNORECASE)
"""A relative clause, up to its end at a punctuation mark."""
_PASSIVE_SUPINE = re.compile(r"(?<![\w-])[a-zåäö]{3,}(?<!pl|ns|ds)(?:ats|its|tts|rts|dts)(?![\w-])")
"""A supine passive, its "har" left out as a subordinate clause may ("som utpekats", "som
identifierats"); not "-plats", "-insats"."""


_PARTIES = re.compile(
    r"\b(?:samverka\w*|samarbet\w*|tillsammans)\s+(?:mellan|med)\s+"
    r"(?P<who>.*?)(?=\b(?:i|för|kring|om|att|på|mot|under|inom|genom|vid|kommer|ska)\b|[.;:!?]|$)",
    re.IGNORECASE,
)
"""The parties of a cooperation: the list after "samverkan mellan", "samverkar med",
"tillsammans med", up to a preposition or a verb ("i syfte", "kring", "ska")."""


def activity_types(st: State, text: str) -> list[str]:
    """The activity types ``text`` names, but not one in a relative clause that tells what was
    done before ("på de platser som i medborgardialogerna utpekats", "som identifierats vid
    trygghetsvandringar"): that is where the action's object came from, not the action; nor a
    word that also names a kind of actor (:attr:`Lexicon.actor_twins`) among the parties of a
    cooperation ("samverkan mellan polisen, kommunen, trygghetsvärdar": the stewards take part)."""
    before = [
        (m.start(), m.end())
        for m in _RELATIVE.finditer(text)
        if _PASSIVE_SUPINE.search(m.group(0)) or past_tense(m.group(0))
    ]
    parties = [(m.start("who"), m.end("who")) for m in _PARTIES.finditer(text)]
    out: list[str] = []
    for m in st.lexicon.find("activity-type", text):
        party = m.concept in st.lexicon.actor_twins and any(a <= m.start < z for a, z in parties)
        if not party and not any(a <= m.start < z for a, z in before):
            out += [c for c in st.lexicon.expand(m.concept) if c not in out]
    return out


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


def _joint(st: State, source: str) -> tuple[list[ActorRef], str]:
    """Who "vi", "tillsammans" or "aktörerna" are: the parties the text names, else both."""
    if st.parties:
        return list(st.parties), "parties"
    return _both(st), source


def bullet_activities(st: State, b: Block, ctx: Ctx, closing: str | None = None) -> list[Activity]:
    """The activities of one bullet: one per action the bullet names with its own actor (or
    joins to the first with "samt" after the promise verb), or one for the whole bullet.
    ``closing``: the words of a responsibility line that closes the bullet's list
    (:mod:`.closing`), who is responsible for it."""
    if b.cells:
        return [_row_activity(st, b, ctx)]
    text = b.text
    start, end, explicit, source = _explicit_actors(st, text, closing)
    clauses = split_clauses(st, text, start, len(text[:end].rstrip(" ,;")))
    if len(clauses) == 1:
        return [bullet_activity(st, b, ctx, closing)]
    out = []
    for s, e, roles in clauses:
        description = text[s:e].rstrip(" ,;")
        how = "subject"
        if explicit is not None:
            roles, how = explicit, source
        act = activity(st, b, s, s + len(description), description, ctx, roles or Roles([], []), how)
        out.append(act)
    return out


def _named(st: State, who: str) -> Roles:
    """The actors an "Ansvarig:" line names: a list of actors ("kommunen i samverkan med
    polisen"), a list that also names organisations the lexicon does not know ("Kommunen,
    polisen och Svenska kyrkan"), else the actors it starts with."""
    return st.finder.actor_list(who) or responsible_list(st.finder, who) or st.finder.leading(who)[0]


def _tag_with_names(st: State, who: str) -> Roles | None:
    """A tag that lists a party with an organisation the lexicon does not know, "(kommunen och
    Svenska kyrkan)", as an "Ansvariga:" line does; a name alone in brackets ("(SSPF)") is an
    abbreviation, not a tag."""
    roles = responsible_list(st.finder, who)
    if roles is None or all(r.party is Party.local for r in roles.responsible):
        return None
    return roles


def _explicit_actors(st: State, text: str, closing: str | None = None) -> tuple[int, int, Roles | None, str]:
    """Where the item's own text starts and ends, and the actors an "Ansvarig: ..." line (after
    the action, or before it), an actor tag "(Polisen)" or the line that closes its list
    (``closing``) names for all of it."""
    first = _ANSVARIG_FIRST.match(text)
    if first:
        lead = _LEADING_ANSVARIG.match(text)
        if lead:
            who = _named(st, lead.group("who"))
            return lead.end(), len(text), who, "ansvarig"
        named, at = st.finder.leading(text, first.end())
        rest = len(text) - len(text[at:].lstrip(" .,;:–—-"))
        if named.responsible and re.search(r"\w{3,}", text[rest:]):
            return rest, len(text), named, "ansvarig"
    m = _ANSVARIG.search(text)
    if m:
        who = _named(st, m.group("who"))
        return 0, m.start(), who, "ansvarig"
    t = _TAG.search(text)
    if t:
        roles = st.finder.actor_list(t.group("who")) or _tag_with_names(st, t.group("who"))
        if roles is not None:
            return 0, t.start(), roles, "tag"
    if closing is not None:
        return 0, len(text), _named(st, closing), "ansvarig"
    return 0, len(text), None, ""


def sentence_activities(st: State, b: Block, s: int, e: int, ctx: Ctx | None, roles: Roles) -> list[Activity]:
    """The activities of one promise sentence of prose, split where it joins actions that
    have their own actors ("Polisen ska ... och kommunen ska ...")."""
    clauses = split_clauses(st, b.text, s, e)
    out = []
    for a, z, own in clauses:
        description = b.text[a:z].rstrip(" ,;")
        if elaboration(description):
            # "Insatserna görs främst under vår och sommar, … och polisen kommer att …": the first
            # clause tells when the action before it is done; the later clause's actor is not its
            st.omit(b.span(a, a + len(description)), _ELABORATION_REASON)
            continue
        out.append(activity(st, b, a, a + len(description), description, ctx, own or roles, "subject"))
    return out


_ELABORATION_REASON = (
    "säger hur eller när åtgärden före den görs, ingen egen åtgärd / tells how or when the action "
    "before it is done, no action of its own"
)


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
    act.activity_types = activity_types(st, act.description)
    # the places of the activity's own cell: read across the row, the next cell's capital would
    # seem to go on with a name ("Trygghetsvandring i Hagalund" beside "Solna stad")
    act.places = _places(st, b, a, b.text[a:z])
    if "title" in cells:  # a card's title names the work (kg.extract.cards)
        x, y = cells["title"]
        act.title = b.text[x:y].strip()
        act.activity_types += [t for t in activity_types(st, act.title)
                               if t not in act.activity_types]  # fmt: skip
        named = {p.name for p in act.places}
        act.places += [p for p in _places(st, b, x, act.title) if p.name not in named]
    act.where = _where(st, b.text[a:z], act.places)
    if act.title:  # "Trygghetsvandringar i centrum": where, as the title says it
        said = {w.text for w in act.where}
        act.where += [w for w in _where(st, act.title, act.places) if w.text not in said]
    # the whole row: a wrapped cell's lines come after the row's first line in the text, though
    # the row's text gives each cell whole, one after another (kg.extract.tables)
    act.passage = Passage(min(b.offsets), max(b.offsets) + 1) if b.offsets else b.passage
    if "outcome" in cells:
        # "Mål: Fler ska känna sig trygga i centrum": the result the activity is for, an
        # expected outcome of its own, and no part of the activity's passage
        x, y = cells["outcome"]
        st.outcomes.append(Outcome(b.text[x:y].strip(), b.span(x, y)))
        kept = [b.offsets[i] for role, p, q in b.cells if role != "outcome" for i in range(p, q)]
        if kept:
            act.passage = Passage(min(kept), max(kept) + 1)
    if "audience" in cells:  # "Målgrupp: Föräldrar": the cell names the groups themselves
        x, y = cells["audience"]
        act.audience = b.text[x:y].strip()
    if "place" in cells:  # "Var: Centrum och Romberga": the cell names the places themselves
        x, y = cells["place"]
        for m in _NAME_IN_CELL.finditer(b.text, x, y):
            name = m.group(0)
            if name not in {p.name for p in act.places} and not _known(st, name):
                act.places.append(Place(name, b.span(m.start(), m.end())))
        cell = b.text[x:y].strip()
        if cell:
            kinds = tuple(dict.fromkeys(m.concept for m in st.lexicon.find("area-kind", cell)))
            act.where.append(PlacePhrase(cell, x, y, kinds))
    return act


_NAME_IN_CELL = re.compile(r"(?<![\wåäöÅÄÖ-])[A-ZÅÄÖ][a-zåäöé]+(?:[ -][A-ZÅÄÖ][a-zåäöé]+)*(?![\wåäöÅÄÖ-])")
"""A capitalised name in a place column's cell ("Centrum och Romberga", "Ekeby, Gillberga")."""


def bullet_activity(st: State, b: Block, ctx: Ctx, closing: str | None = None) -> Activity:
    text = b.text
    start, end, explicit, source = _explicit_actors(st, text, closing)
    description = text[start:end]
    description = (description.rstrip() if end == len(text) else description).rstrip(" ,;")
    roles = explicit if explicit else st.finder.subject(description)
    if not source:
        source = "subject"
    act = activity(st, b, start, start + len(description), description, ctx, roles, source)
    act.passage = b.passage
    return act


_WE = re.compile(r"\s*vi\b", re.IGNORECASE)
_TOGETHER = re.compile(r"\b(tillsammans|gemensamt|båda|alla)\b(?!\s+med)", re.IGNORECASE)


def _heading_we(ctx: Ctx | None, description: str) -> Roles | None:
    """The party an item's "vi" is, where its heading names one: "Polisen lovar" and then "Vi
    kommer att …" (the speaker of the section); None for "Vi ska tillsammans …", "Vi gemensamt …"
    or under no such heading."""
    if ctx is None or ctx.actor is None or not ctx.actor.responsible:
        return None
    if not _WE.match(description) or _TOGETHER.search(description):
        return None
    return ctx.actor


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
        governing = ctx.actor.responsible if ctx is not None and ctx.actor is not None else []
        own = st.finder.between(description) or st.finder.own_actor(description, governing)
    if own:
        responsible, source = own, "subject"
    if not responsible:
        speaker = _heading_we(ctx, description) if roles.joint else None
        if speaker is not None:
            # "Det här lovar polisen" / "Vi kommer att öka vår närvaro": "vi" is who the heading names
            responsible, source = list(speaker.responsible), "heading"
            partners = partners or list(speaker.partners)
        elif roles.joint:
            responsible, source = _joint(st, "joint")
        elif ctx is not None and ctx.actor is not None and not ctx.actor.responsible:
            # a heading that names the parties together ("Aktörerna lovar", "Vi lovar")
            responsible, source = _joint(st, "joint")
        elif ctx is not None and ctx.actor is not None:
            responsible, source = list(ctx.actor.responsible), "heading"
            partners = partners or list(ctx.actor.partners)
        elif ctx is not None and ctx.joint_intro:
            responsible, source = _joint(st, "joint-intro")
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


def _known(st: State, name: str) -> bool:
    """Whether ``name`` is a word of the vocabularies, an actor, a municipality or a police area:
    no place name of its own."""
    lexicon = st.lexicon
    kinds = lexicon.schemes.get("area-kind")
    if kinds is not None and kinds.concept_of(name):
        return True  # "i Centrum"; a name that ends in a kind of place is one ("i Bjurbyn")
    if any(lexicon.find(scheme, name) for scheme in lexicon.schemes if scheme != "area-kind"):
        return True
    if st.finder.mentions(name):
        return True
    return bool(lexicon.municipality_matcher.find(name)) or lexicon.resolve_municipality(name) is not None


def _place_names(st: State, description: str) -> list[tuple[str, int, int, bool]]:
    """(name, start, end, whether the work is done outside it) of each place ``description``
    names, in order: a locality "utanför" governs ("kontroller utanför Vretstorp") is where the
    work is not, while outside a building with a place's head word ("utanför Pilängskolan") is
    at it."""
    exclude = (st.municipality.name, st.municipality.short) if st.municipality else ()
    found = [(n, s, e, False) for n, s, e in find_places(description, exclude=exclude)]
    for n, s, e in located_names(description, known=lambda name: _known(st, name), document=st.text):
        if (
            not any((s < z and a < e) or n.casefold() == m.casefold() for m, a, z, _ in found)
            and n not in exclude
        ):
            found.append((n, s, e, _OUTSIDE.search(description, 0, s) is not None))
    found.sort(key=lambda x: x[1])
    return found


_OUTSIDE = re.compile(r"(?<![\w-])utanför\s*$", re.IGNORECASE)


def _places(st: State, b: Block, offset: int, description: str) -> list[Place]:
    """The places ``description`` (at ``offset`` in the block) names where the work is done, in
    order (:func:`_place_names`)."""
    return [
        Place(n, b.span(offset + s, offset + e))
        for n, s, e, outside in _place_names(st, description)
        if not outside
    ]


def _where(st: State, description: str, places: list[Place]) -> list[PlacePhrase]:
    """The place phrases of ``description``, which names ``places`` (and, in the text's words,
    the localities outside which the work is done: "utanför Vretstorp")."""
    names = [(i, i + len(pl.name)) for pl in places if (i := description.find(pl.name)) >= 0]
    if "utanför" in description.casefold():
        names += [(s, e) for _, s, e, outside in _place_names(st, description) if outside]
    return place_phrases(description, st.lexicon, names=sorted(set(names)))


def _enrich(st: State, activity: Activity, b: Block, offset: int, description: str) -> None:
    f = action_frequency(description, st.lexicon)
    if f is not None:
        start = f.start
        q = _QUALIFIER.search(description[: f.start])
        if q:
            start = q.start()
        activity.frequency = Frequency(
            f.concept,
            description[start : f.end],
            b.span(offset + start, offset + f.end),
            "extract:weekday-read-as-weekly" if f.read else None,
        )
    activity.activity_types = activity_types(st, description)
    activity.places = _places(st, b, offset, description)
    activity.where = _where(st, description, activity.places)
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


def _names_parties_only(st: State, b: Block, at: int) -> bool:
    """What follows a dash names actors and nothing else on its line: "Lokalpolisområde Västervik –
    Västerviks kommun" under a title says who makes the promise, it gives no one a task."""
    roles, end = st.finder.leading(b.text, at)
    if not roles.responsible:
        return False
    line_end = next((e for s, e in b.line_texts if s <= at < e), len(b.text))
    return not b.text[end:line_end].strip(" .,;")


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
        if d is None or d.end() >= len(text) or _names_parties_only(st, b, d.end()):
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
        for cs, ce, own in clauses:
            items = [(cs, ce)] if own is not None else list_items(text, cs, ce)
            untied = own is None and len(roles.responsible) > 1 and len(items) + len(clauses) > 2
            # three or four actors and as many actions, in one list each ("Polisen, gatukontoret
            # och socialtjänsten – trafikkontroller, ombyggnationer samt arbete i skolorna"): read
            # as respectively, in the order written, and recorded as an inference (two and two
            # is as likely joint work, five and more a list of everyone's tasks)
            paired = untied and len(clauses) == 1 and 3 <= len(items) == len(roles.responsible) <= 4
            for n, (x, y) in enumerate(items):
                description = text[x:y]
                if paired:
                    act = activity(st, b, x, y, description, ctx, Roles([roles.responsible[n]], []), "order")
                    st.activities.append(act)
                    continue
                act = activity(st, b, x, y, description, ctx, own or roles, "list")
                if len(clauses) == 1 and len(items) == 1:
                    act.passage = b.span(starts[k][0], end)
                st.activities.append(act)
    return True
