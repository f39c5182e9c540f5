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
from kg.extract.state import Ctx, Part, State, strip_dashes
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
    if not responsible:
        if roles.joint:
            responsible, source = _both(st), "joint"
        elif ctx is not None and ctx.actor is not None:
            responsible, source = list(ctx.actor.responsible), "heading"
            partners = partners or list(ctx.actor.partners)
        elif ctx is not None and ctx.joint_intro:
            responsible, source = _both(st), "joint"
        else:
            genitives = st.finder.genitives(description)
            if genitives:
                responsible, source = genitives, "subject"
            else:
                responsible, source = _both(st), "joint"
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
        f = freqs[0]
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
        description = text[a:end]
        ctx = Ctx(Part.activities, priority_index)
        act = activity(st, b, a, end, description, ctx, roles, "list")
        act.passage = b.span(starts[k][0], end)
        st.activities.append(act)
    return True
