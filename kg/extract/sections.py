"""The walk over a document's blocks: headings switch the part (introduction, situation,
activities, outcomes, follow-up), open priorities and governing actor headings; each block is
handed to the reader of its part."""

from __future__ import annotations

import re

from kg.extract.activities import bullet_activities, dash_block, sentence_activities
from kg.extract.actors import Roles
from kg.extract.asides import LINK_REASON, RELATED_REASON, is_document_title, is_quote, is_related_link
from kg.extract.atomic import DETAIL_REASON, item_details, list_items
from kg.extract.headings import NUMBERED_PROMISE, actor_heading, area_sibling, heading_part, under_priority
from kg.extract.model import Passage, Place, Priority, Problem
from kg.extract.outcomes import outcome
from kg.extract.periods import TIME_LABEL
from kg.extract.places import find_places
from kg.extract.priorities import (
    AREAS_LEAD,
    FOCUS,
    area_item,
    clause,
    focus_priorities,
    heading_priorities,
    inline_priorities,
    list_priority,
    stated_priority,
)
from kg.extract.state import (
    AIM,
    CHANNEL_CUE,
    FOLLOWUP,
    GENERIC_AIM,
    PRIORITY_LIST_CUE,
    PROMISE_VERB,
    PROMISED_AIM,
    SPEECH,
    UNNAMED_THINGS,
    Ctx,
    Heading,
    Part,
    State,
    cap,
)
from kg.extract.text import TERMINAL, Block, BlockKind, sentences


def walk(st: State, *, intro_as_activities: bool = False) -> None:
    st.priorities.clear()
    st.list_priorities.clear()
    st.aim_areas.clear()
    st.activities.clear()
    st.outcomes.clear()
    st.problems.clear()
    st.heading_problems.clear()
    st.situation_blocks.clear()
    st.intro_blocks.clear()
    st.followup_spans.clear()
    st.omissions.clear()
    st.parts.clear()
    st.truncated = False
    ctx = Ctx()
    stack: list[Heading] = []
    situation_level = 0
    pending_list: str | None = None  # "priority" when bullets that follow list priority areas
    activities_at_heading = 0
    parents: list[tuple[int, Ctx]] = []  # open list items with sub-items: (depth, their context)
    areas_items = False  # the list that follows a lead-in naming its items the areas of focus
    details: set[int] = set()  # sub-items that are details of the item above them
    for index, b in enumerate(st.blocks):
        st.parts[index] = ctx.part
        if b.chrome or b.foreign:
            continue
        if b.cut is not None:
            st.truncated = True
            if _CUT_NOTE not in st.notes:
                st.notes.append(_CUT_NOTE)
        if b.kind is BlockKind.heading and ctx.part is Part.followup and heading_part(b.text) is None:
            st.followup_spans.append((b, 0, len(b.text), False))
            continue
        if b.kind is not BlockKind.bullet:
            areas_items = b.kind is not BlockKind.heading and bool(AREAS_LEAD.search(b.text))
        if b.kind is BlockKind.heading:
            # "Fokusområden" / "Prioriterade områden" right above a list: the items are areas
            pending_list = (
                "priority" if PRIORITY_LIST_CUE.search(b.text) and len(b.text.split()) <= 4 else None
            )
            ctx.joint_intro = False
            level = b.level or 2
            # a table's header (its cells' roles in b.cells) opens a table of activities, whatever
            # further column it names ("Vad | Vem | När | Uppföljning")
            cue = None if index == 0 else Part.activities if b.cells else heading_part(b.text)
            if (
                cue is Part.activities
                and stack
                and stack[-1].priority is not None
                and len(st.activities) == activities_at_heading
            ):
                # "Exempel på planerade åtgärder" right under an area heading introduces that
                # area's activities: it is a sub-heading, whatever its typographic level
                level = max(level, stack[-1].level + 1)
            actor = actor_heading(st, b.text) if cue in (None, Part.activities) else None
            if actor is not None:
                level = under_priority(stack, level)
            while stack and stack[-1].level >= level:
                stack.pop()
            head = Heading(level)
            activities_at_heading = len(st.activities)
            areas = st.lexicon.concepts("priority-area", b.text)
            numbered = NUMBERED_PROMISE.match(b.text)
            if numbered and index > 0:
                # "Löfte 2: Minskad narkotikaanvändning bland unga": the promise's second
                # commitment; a priority where its own words name an area, as any heading
                ctx.part = Part.activities
                title = numbered.group("title")
                title_areas = st.lexicon.concepts("priority-area", title)
                if title_areas:
                    passage = b.span(numbered.start("title"), len(b.text))
                    st.priorities.append(Priority(title, passage, title_areas))
                    head.priority = len(st.priorities) - 1
            elif cue is not None and not (cue is Part.activities and actor):
                ctx.part = cue
                if cue is Part.situation:
                    situation_level = level
            elif actor is not None:
                head.actor = actor
                # "Polisen åtar sig att:" under the goals ("Mål") opens the activities too
                if ctx.part in (Part.intro, Part.situation, Part.outcomes):
                    ctx.part = Part.activities
            elif areas and ctx.part is Part.situation and level > situation_level:
                problem = Problem(b.text, b.passage, areas, [], title=b.text)
                st.heading_problems.append(problem)
                head.problem = problem
            elif (
                areas
                and index > 0
                and (
                    ctx.part in (Part.intro, Part.situation, Part.activities)
                    # "Fokusområde: Trygghet i centrum" after the goals ("Mål") names a priority
                    or (ctx.part is Part.outcomes and PRIORITY_LIST_CUE.search(b.text))
                )
            ):
                ctx.part = Part.activities
                open_priority = next(
                    (h.priority for h in reversed(stack) if h.priority is not None),
                    None,
                )
                if open_priority is not None and set(areas) & set(st.priorities[open_priority].areas):
                    head.priority = open_priority
                else:
                    head.priority = heading_priorities(st, b)
            elif ctx.part is Part.intro and index > 0 and not areas and area_sibling(st, index, level):
                ctx.part = Part.activities
            stack.append(head)
            ctx.priority = next((h.priority for h in reversed(stack) if h.priority is not None), None)
            ctx.actor = next((h.actor for h in reversed(stack) if h.actor is not None), None)
            if head.problem is not None:
                st.situation_blocks.append(b)
            continue

        part = ctx.part
        if intro_as_activities and part is Part.intro:
            part = Part.activities
            st.intro_blocks.append(b)
        if part is Part.situation and stack and stack[-1].problem is not None:
            problem = stack[-1].problem
            if stack[-1].level and problem.passage.end <= b.start and problem.description == problem.title:
                problem.description = b.text
            problem.passage = Passage(problem.passage.start, b.end)
            problem.places += [Place(n, b.span(s, e)) for n, s, e in find_places(b.text)]
            for c in st.lexicon.concepts("priority-area", b.text):
                if c not in problem.areas:
                    problem.areas.append(c)
        if b.kind is BlockKind.bullet and (
            # an item that promises ("- Polisen ska …") is an action: the list of areas has ended
            (pending_list == "priority" and not PROMISE_VERB.search(b.text))
            or (pending_list == "priority-heading" and area_item(b))
            # "... följande områden:" then "Trafiken": an item that only names an area
            or (areas_items and area_item(b) and st.lexicon.find("priority-area", b.text))
        ):
            list_priority(st, b)
            continue
        pending_list = None

        st.parts[index] = part
        if is_document_title(b):
            st.omit(b.passage, LINK_REASON)
            continue
        if is_related_link(st, index):
            st.omit(b.passage, RELATED_REASON)
            continue
        if is_quote(st, index):
            st.omit(b.passage, "citat i en artikel, inte ett löfte / a quote in an article, not a promise")
            continue
        if part in (Part.intro, Part.activities) and dash_block(st, b):
            continue
        list_follows = _list_follows(st, index)
        if part is Part.intro:
            st.intro_blocks.append(b)
            pending_list = _scan_prose(st, b, part, list_follows=list_follows)
        elif part is Part.situation:
            st.situation_blocks.append(b)
            pending_list = _scan_prose(st, b, part, list_follows=list_follows)
        elif part is Part.activities or (part is Part.outcomes and _actor_item(st, index)):
            if b.kind is BlockKind.bullet:
                while parents and parents[-1][0] >= b.depth:
                    parents.pop()
                item_ctx = parents[-1][1] if parents else ctx
                if index in details:
                    st.omit(b.passage, DETAIL_REASON)
                    continue
                own = item_details(st, index) if _has_sub_items(st, index) else []
                details.update(own)
                if _has_sub_items(st, index) and not own:
                    sub = Ctx(item_ctx.part, item_ctx.priority, item_ctx.actor, item_ctx.joint_intro)
                    roles = st.finder.subject(b.text)
                    if roles.responsible:
                        sub.actor = roles
                    areas = st.lexicon.concepts("priority-area", b.text)
                    if areas and not roles.responsible and not b.text.rstrip().endswith(TERMINAL):
                        # "1) Minska narkotikan bland unga" over "a) …", "b) …": a title that
                        # names an area is the priority of its sub-items, as a heading is
                        st.priorities.append(Priority(b.text.strip(), b.passage, areas))
                        sub.priority = len(st.priorities) - 1
                    parents.append((b.depth, sub))
                    st.omit(
                        b.passage,
                        "punkten har underpunkter, som är dess aktiviteter / the item has sub-items, "
                        "which are its activities",
                    )
                    continue
                if FOCUS.match(b.text):
                    st.omit(
                        b.passage,
                        "ett fokus, inte en handling / a statement of focus, not an action",
                    )
                    stated_priority(st, b, whole=True)
                    continue
                first = len(st.activities)
                st.activities.extend(bullet_activities(st, b, item_ctx, st.closing.get(index)))
                if areas_items and item_ctx.priority is None:
                    index_of = stated_priority(st, b)
                    for act in st.activities[first:]:
                        act.priority = index_of
            else:
                pending_list = _scan_prose(st, b, Part.activities, ctx, list_follows=list_follows)
        elif part is Part.outcomes:
            if list_follows and b.kind is BlockKind.prose and _is_aim(st, b.text):
                st.omit(b.passage, _AIM_REASON)
                continue
            outcome(st, b)
        elif part is Part.followup:
            for s, e in sentences(b.text):
                st.followup_spans.append((b, s, e, bool(FOLLOWUP.search(b.text[s:e]))))


_CUT_NOTE = (
    "texten är avkortad mitt i en mening; det ofullständiga slutet är utelämnat och kan ha hållit "
    "fler aktiviteter / the text is cut off mid-sentence; its incomplete end is left out and may "
    "have held more activities"
)
_AIM_REASON = (
    "löftets syfte, som inleder listan av aktiviteter / the promise's aim, which introduces the "
    "list of activities"
)


def _is_aim(st: State, text: str) -> bool:
    """A paragraph that states what the parties promise to work for, in general words."""
    return bool(PROMISE_VERB.search(text) and GENERIC_AIM.search(text) and st.finder.subject(text))


def _list_follows(st: State, index: int) -> bool:
    """The block is followed by a list (perhaps after a line that introduces it)."""
    for b in st.blocks[index + 1 : index + 3]:
        if b.kind is BlockKind.bullet:
            return True
        if b.kind is BlockKind.heading or b.text.rstrip().endswith(":"):
            continue
        return False
    return False


def _has_sub_items(st: State, index: int) -> bool:
    b = st.blocks[index]
    nxt = st.blocks[index + 1] if index + 1 < len(st.blocks) else None
    return nxt is not None and nxt.kind is BlockKind.bullet and nxt.depth > b.depth


def _actor_item(st: State, index: int) -> bool:
    """A list under an outcomes heading that is a list of activities all the same: one of its
    items names who will do what ("Det här ska vi åstadkomma" on polisen.se pages heads the
    activities)."""
    if st.blocks[index].kind is not BlockKind.bullet:
        return False
    first = index
    while first > 0 and st.blocks[first - 1].kind is BlockKind.bullet:
        first -= 1
    last = index
    while last + 1 < len(st.blocks) and st.blocks[last + 1].kind is BlockKind.bullet:
        last += 1
    for b in st.blocks[first : last + 1]:
        roles = st.finder.subject(b.text)
        if roles.responsible and (PROMISE_VERB.search(b.text) or st.finder.leading(b.text)[0].responsible):
            return True
    return False


_PROMISE_LIST = re.compile(
    r"löfte\w*\b[^.]{0,40}?\b(finns|ingår|innehåller|innebär|handlar om)\b[^.]{0,30}?\batt\s+",
    re.IGNORECASE,
)


def _inline_promises(st: State, b: Block, s: int, e: int, ctx: Ctx | None) -> bool:
    """ "Bland löftena finns också att A, att B samt att C": one activity per item, each by
    both parties unless it names its own actor; an item that states a result is left out."""
    sentence = b.text[s:e]
    m = _PROMISE_LIST.search(sentence)
    if m is None:
        return False
    items = [
        part
        for x, y in list_items(b.text, s + m.end(), e)
        # "att A och att B": "och att" opens the next clause of the enumeration
        for part in _att_clauses(b.text, x, y)
    ]
    if not items:
        return False
    for x, y in items:
        item = re.sub(r"^att\s+", "", b.text[x:y])
        x += len(b.text[x:y]) - len(item)
        roles = st.finder.subject(item)
        # "inbrotten ska inte öka" states a result; "polisen ska öka sin närvaro", an actor's
        # action on an object, is an activity
        result = re.search(r"\b(inte )?(ska|skall)\s+(inte\s+)?(öka|minska)\b", item)
        if not roles.responsible and result:
            st.omit(
                b.span(x, y),
                "ett förväntat resultat, inte en aktivitet / an expected result, not an activity",
            )
            # the result names what the promise is about ("att bostadsinbrotten inte ska öka"):
            # that area is among its priorities, in the item's words
            areas = st.lexicon.concepts("priority-area", item[: result.start()])
            if areas and not any(set(areas) <= set(p.areas) for p in st.priorities):
                st.priorities.append(Priority(cap(item.strip(" ,.")), b.span(x, y), areas))
            continue
        st.activities.extend(sentence_activities(st, b, x, y, ctx, roles if roles else _joint()))
    return True


def _att_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each "att"-clause of ``text[start:end]`` joined by "och att"."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"\s+och\s+(?=att\s)", text[start:end]):
        out.append((start, start + m.start()))
        start += m.end()
    return [*out, (start, end)]


def _joint() -> Roles:
    return Roles([], [], joint=True)


def _scan_prose(
    st: State, b: Block, part: Part, ctx: Ctx | None = None, *, list_follows: bool = False
) -> str | None:
    """Sentences of a prose block: activities (in the activities part), follow-up and channel
    sentences (anywhere), aims and inline lists of priority areas. Returns "priority" when the
    block introduces a bullet list of priority areas."""
    pending = None
    # a record of fields, "Bakgrund: …" / "Ansvarig: …", one a line, has labels, not a title
    fields = sum(_RUN_IN_LABEL.match(ln.raw) is not None for ln in b.lines) > 1
    for s, e in sentences(b.text):
        label = None
        if part is Part.activities:
            label = TIME_LABEL.match(b.text, s, e) or (None if fields else _RUN_IN_LABEL.match(b.text, s, e))
        if label is not None and not PROMISE_VERB.search(label.group(0)):
            # "Trafik: Polisen genomför …", "April: Kommunen bjuder in …": the sentence after its
            # bold title or its time
            s = label.end()
        sentence = b.text[s:e]
        stripped = sentence.rstrip()
        if FOLLOWUP.search(sentence) and part is not Part.situation:
            st.followup_spans.append((b, s, e, True))
            continue
        if CHANNEL_CUE.search(sentence) and part is not Part.situation:
            st.followup_spans.append((b, s, e, False))
            continue
        if (
            PRIORITY_LIST_CUE.search(sentence)
            and ":" in sentence
            and not re.search(r"genom att\s*:|arbeta", sentence, re.IGNORECASE)
        ):
            head, _, tail = sentence.partition(":")
            if tail.strip():
                inline_priorities(st, b, s + len(head) + 1, tail)
            else:
                pending = "priority"
            continue
        if part in (Part.intro, Part.activities) and focus_priorities(st, b, s, e):
            st.omit(b.span(s, e), "ett fokus, inte en handling / a statement of focus, not an action")
            continue
        promised = PROMISED_AIM.search(sentence)
        if (
            (
                AIM.search(sentence)
                or (promised and st.lexicon.find("priority-area", sentence[promised.end() :]))
                # "lovar att under läsåret arbeta för trygga skolor": "arbeta för" takes a goal,
                # the promise's aim whether or not the vocabulary names its area (with its
                # means, "… genom att …", it is an action)
                or (promised and promised.group(1) and not _MEANS.search(sentence, promised.end()))
                or UNNAMED_THINGS.search(sentence)
            )
            and st.finder.subject(sentence)
            and not st.lexicon.find("activity-type", sentence)
        ):
            for m in st.lexicon.find("priority-area", sentence):
                a, z = clause(sentence, m.start, m.end)
                st.aim_areas.append((m.concept, b.span(s + a, s + z), sentence[a:z]))
            if part is Part.activities and ctx is not None and stripped.endswith(":"):
                named = st.finder.subject(sentence)  # "X och Y lovar att arbeta för … genom att:"
                if named.responsible:
                    ctx.actor = named
                else:
                    ctx.joint_intro = True
            st.omit(b.span(s, e), "löftets syfte, inte en aktivitet / the promise's aim, not an activity")
            continue
        if stripped.endswith(":") or (list_follows and _FOLLOWING.search(sentence)):
            lead = actor_heading(st, stripped.strip()) if ctx is not None else None
            if ctx is not None and lead is not None and lead.responsible:
                ctx.actor = lead  # "Lokalpolisområde Kumla och Hallsbergs kommun lovar att:" names who
            elif ctx is not None and re.match(r"\s*vi\b", sentence, re.IGNORECASE):
                ctx.joint_intro = True
            st.omit(b.span(s, e), "inleder en lista / introduces a list")
            continue
        if SPEECH.search(sentence):
            st.omit(b.span(s, e), "citat i en artikel, inte ett löfte / a quote in an article, not a promise")
            continue
        if part is Part.activities and _inline_promises(st, b, s, e, ctx):
            continue
        if (
            part is Part.activities
            and ctx is not None
            and (PROMISE_VERB.search(sentence) or _acts_now(st, sentence))
        ):
            roles = st.finder.subject(sentence)
            if list_follows and GENERIC_AIM.search(sentence) and roles:
                st.omit(b.span(s, e), _AIM_REASON)
                continue
            if roles or ctx.actor is not None:
                st.activities.extend(sentence_activities(st, b, s, e, ctx, roles))
            else:
                st.omit(
                    b.span(s, e),
                    "meningen namnger ingen som ska göra det / the sentence names no one who will do it",
                )
    return pending


_FOLLOWING = re.compile(r"\b(?:lovar|åtar\s+sig|gör)\s+följande\b(?!\s+[a-zåäö]+(?:er|ar|or|na|en)\b)", re.I)
"""A promise of "följande" (the following), the pronoun that points to the list after it,
whether the sentence ends in a colon or a full stop ("… lovar följande för 2024.")."""
_MEANS = re.compile(r"\bgenom\b", re.IGNORECASE)
"""The means of an aim ("arbeta för X genom att …"): what follows is an action."""
_RUN_IN_LABEL = re.compile(r"\s*[A-ZÅÄÖ][\w-]*(?:\s+[\w-]+){0,3}:\s+(?=[A-ZÅÄÖ][a-zåäö])")
"""A paragraph's run-in title closed by a colon, up to four words, before a capitalised sentence
("Trafik: Polisen genomför …", a web page's bold lead): a title, no part of the sentence."""
_PRESENT = re.compile(r"\s*(?:också\s+|även\s+|aktivt\s+|regelbundet\s+)?([a-zåäö]{2,}r)\b")
"""A finite verb in the present tense after the subject: Swedish present tense ends in -r
("genomför", "erbjuder", "arbetar", "utför")."""
_STATES = frozenset(
    "har är blir får ser anser upplever menar tror vet känner bedömer konstaterar uppger står "  # noqa: SIM905
    "behöver vill önskar finner märker noterar saknar".split()
)
"""Present-tense verbs that tell what an actor has, is, sees or thinks, not what it does."""
_PARTICLE_ACTION = re.compile(r"ser\s+(?:över|till)\b", re.IGNORECASE)
"""A particle verb of action on such a stem: "ser över" (reviews), "ser till" (ensures)."""


def _acts_now(st: State, sentence: str) -> bool:
    """A sentence under the promises that says what a named actor does, in the present tense
    ("Polisen genomför kontroller mot langning vid större helger"): many promises write their
    commitments so, without "ska" or "lovar"."""
    roles, end = st.finder.leading(sentence)
    if not roles.responsible and not roles.joint:
        return False
    m = _PRESENT.match(sentence, end)
    if m is not None and _PARTICLE_ACTION.match(sentence, m.start(1)):
        return True  # "Kommunen ser över belysningen": a particle verb, not "ser" (sees)
    return m is not None and m.group(1).lower() not in _STATES
