"""The walk over a document's blocks: headings switch the part (introduction, situation,
activities, outcomes, follow-up), open priorities and governing actor headings; each block is
handed to the reader of its part."""

from __future__ import annotations

import re

from kg.extract.activities import activity, bullet_activity, dash_block
from kg.extract.actors import Roles
from kg.extract.model import Passage, Place, Priority, Problem
from kg.extract.outcomes import outcome
from kg.extract.places import find_places
from kg.extract.state import (
    AIM,
    CHANNEL_CUE,
    FOLLOWUP,
    PART_CUES,
    PRIORITY_LIST_CUE,
    PROMISE_VERB,
    Ctx,
    Heading,
    Part,
    State,
    cap,
)
from kg.extract.text import Block, BlockKind, sentences


def _heading_part(text: str) -> Part | None:
    if len(text.split()) > 8:
        return None  # a long heading is a statement ("För att minska ... medborgardialoger")
    for part, pattern in PART_CUES:
        if pattern.search(text):
            return part
    return None


_ACTOR_HEADING_REST = re.compile(
    r"(lovar|ska|skall|åtar sig|åtaganden|satsningar|insatser|ansvarar|gör)\b",
    re.IGNORECASE,
)


def _actor_heading(st: State, text: str) -> Roles | None:
    roles, end = st.finder.leading(text)
    if not roles.responsible:
        return None
    rest = text[end:].strip(" :")
    if not rest or re.match(
        r"(lovar|ska|skall|åtar sig|åtaganden|satsningar|insatser|ansvarar|gör)\b",
        rest,
        re.IGNORECASE,
    ):
        return roles
    return None


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
    ctx = Ctx()
    stack: list[Heading] = []
    situation_level = 0
    pending_list: str | None = None  # "priority" when bullets that follow list priority areas
    for index, b in enumerate(st.blocks):
        if b.kind is BlockKind.heading and ctx.part is Part.followup and _heading_part(b.text) is None:
            st.followup_spans.append((b, 0, len(b.text), False))
            continue
        if b.kind is BlockKind.heading:
            pending_list = None
            ctx.joint_intro = False
            level = b.level or 2
            while stack and stack[-1].level >= level:
                stack.pop()
            head = Heading(level)
            cue = None if index == 0 else _heading_part(b.text)
            areas = st.lexicon.concepts("priority-area", b.text)
            actor = _actor_heading(st, b.text) if cue in (None, Part.activities) else None
            if cue is not None and not (cue is Part.activities and actor):
                ctx.part = cue
                if cue is Part.situation:
                    situation_level = level
            elif actor is not None:
                head.actor = actor
                if ctx.part in (Part.intro, Part.situation):
                    ctx.part = Part.activities
            elif areas and ctx.part is Part.situation and level > situation_level:
                problem = Problem(b.text, b.passage, areas, [], title=b.text)
                st.heading_problems.append(problem)
                head.problem = problem
            elif areas and ctx.part in (Part.intro, Part.situation, Part.activities) and index > 0:
                ctx.part = Part.activities
                open_priority = next(
                    (h.priority for h in reversed(stack) if h.priority is not None),
                    None,
                )
                if open_priority is not None and set(areas) & set(st.priorities[open_priority].areas):
                    head.priority = open_priority
                else:
                    st.priorities.append(Priority(b.text, b.passage, areas))
                    head.priority = len(st.priorities) - 1
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
        if b.kind is BlockKind.bullet and pending_list == "priority":
            _list_priority(st, b)
            continue
        pending_list = None

        if part in (Part.intro, Part.activities) and dash_block(st, b):
            continue
        if part is Part.intro:
            st.intro_blocks.append(b)
            pending_list = _scan_prose(st, b, part)
        elif part is Part.situation:
            st.situation_blocks.append(b)
            pending_list = _scan_prose(st, b, part)
        elif part is Part.activities:
            if b.kind is BlockKind.bullet:
                st.activities.append(bullet_activity(st, b, ctx))
            else:
                pending_list = _scan_prose(st, b, part, ctx)
        elif part is Part.outcomes:
            outcome(st, b)
        elif part is Part.followup:
            for s, e in sentences(b.text):
                st.followup_spans.append((b, s, e, bool(FOLLOWUP.search(b.text[s:e]))))


def _scan_prose(st: State, b: Block, part: Part, ctx: Ctx | None = None) -> str | None:
    """Sentences of a prose block: activities (in the activities part), follow-up and channel
    sentences (anywhere), aims and inline lists of priority areas. Returns "priority" when the
    block introduces a bullet list of priority areas."""
    pending = None
    for s, e in sentences(b.text):
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
                offset = s + len(head) + 1
                for m in st.lexicon.find("priority-area", tail):
                    if all(m.concept not in p.areas for p in st.list_priorities):
                        st.list_priorities.append(
                            Priority(
                                cap(m.surface),
                                b.span(offset + m.start, offset + m.end),
                                st.lexicon.expand(m.concept),
                            )
                        )
            else:
                pending = "priority"
            continue
        if (
            AIM.search(sentence)
            and st.finder.subject(sentence)
            and not st.lexicon.find("activity-type", sentence)
        ):
            for c in st.lexicon.concepts("priority-area", sentence):
                st.aim_areas.append((c, b.span(s, e)))
            if part is Part.activities and ctx is not None and stripped.endswith(":"):
                ctx.joint_intro = True
            continue
        if stripped.endswith(":"):
            if ctx is not None and re.match(r"\s*vi\b", sentence, re.IGNORECASE):
                ctx.joint_intro = True
            continue
        if part is Part.activities and ctx is not None and PROMISE_VERB.search(sentence):
            roles = st.finder.subject(sentence)
            if roles or ctx.actor is not None:
                st.activities.append(activity(st, b, s, e, sentence, ctx, roles, "subject"))
    return pending


def _list_priority(st: State, b: Block) -> None:
    title = b.text.rstrip(" .")
    areas = st.lexicon.concepts("priority-area", title)
    st.list_priorities.append(Priority(title, b.passage, areas))
