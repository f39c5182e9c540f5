"""The situation picture, the priorities (from area headings, a listed enumeration, the
promise's aim, the problems described, or the activities) and the link of each activity to its
priority."""

from __future__ import annotations

import re

from kg.extract.model import Passage, Place, Priority, Problem, SituationPicture
from kg.extract.places import find_places
from kg.extract.state import PROBLEM_CUE, State, cap
from kg.extract.text import BlockKind, sentences


def situation(st: State) -> SituationPicture | None:
    sources_text = " ".join(b.text for b in [*st.intro_blocks, *st.situation_blocks])
    knowledge = st.lexicon.concepts("knowledge-source", sources_text)
    problems = list(st.heading_problems) or []
    if not problems:
        for b in st.situation_blocks:
            if b.kind is BlockKind.heading:
                continue
            for s, e in sentences(b.text):
                sentence = b.text[s:e]
                if sentence.rstrip().endswith(":") or re.search(r"samverka", sentence, re.IGNORECASE):
                    continue
                roles, _ = st.finder.leading(sentence)
                if roles.responsible:
                    continue
                areas = st.lexicon.concepts("priority-area", sentence)
                if areas:
                    places = [Place(n, b.span(s + a, s + z)) for n, a, z in find_places(sentence)]
                    problems.append(Problem(sentence.strip(), b.span(s, e), areas, places))
    problems += st.problems
    if not (knowledge or problems or st.situation_blocks):
        return None
    paragraphs = [b for b in st.situation_blocks if b.kind is not BlockKind.heading]
    if paragraphs:
        description = paragraphs[0].text
        passage = Passage(st.situation_blocks[0].start, st.situation_blocks[-1].end)
    elif problems:
        description = "; ".join(p.description for p in problems)
        passage = Passage(problems[0].passage.start, problems[-1].passage.end)
    else:
        return SituationPicture("", Passage(0, 0), knowledge, [])
    return SituationPicture(description, passage, knowledge, problems)


def choose_priorities(st: State) -> list[Priority]:
    if st.priorities:
        return st.priorities
    if st.list_priorities:
        st.notes.append("prioriteringar ur en uppräkning / priorities from a list")
        return st.list_priorities
    out: list[Priority] = []
    if st.aim_areas:
        for concept, passage in st.aim_areas:
            if all(concept not in p.areas for p in out):
                out.append(Priority(cap(st.lexicon.label(concept)), passage, [concept]))
        st.notes.append(
            "prioriteringar härledda ur löftets syfte; granska dem / priorities inferred from the "
            "promise's aim; review them"
        )
        return out
    for b in [*st.intro_blocks, *st.situation_blocks]:
        for s, e in sentences(b.text):
            sentence = b.text[s:e]
            if not PROBLEM_CUE.search(sentence):
                continue
            for concept in st.lexicon.concepts("priority-area", sentence):
                if all(concept not in p.areas for p in out):
                    out.append(Priority(cap(st.lexicon.label(concept)), b.span(s, e), [concept]))
    if out:
        st.notes.append(
            "prioriteringar härledda ur problembeskrivningen; granska dem / priorities inferred "
            "from the problems described; review them"
        )
        return out
    for a in st.activities:
        for concept in st.lexicon.concepts("priority-area", a.description):
            if all(concept not in p.areas for p in out):
                out.append(Priority(cap(st.lexicon.label(concept)), a.passage, [concept]))
    if out:
        st.notes.append(
            "prioriteringar härledda ur aktiviteterna; granska dem / priorities inferred from the "
            "activities; review them"
        )
    return out


def link_priorities(st: State, priorities: list[Priority]) -> None:
    if priorities is st.priorities:
        for a in st.activities:
            if a.priority is None:
                a.priority = _by_area(st, priorities, a.description)
        return
    for a in st.activities:
        a.priority = _by_area(st, priorities, a.description)


def _by_area(st: State, priorities: list[Priority], text: str) -> int | None:
    for concept in st.lexicon.concepts("priority-area", text):
        for i, p in enumerate(priorities):
            if concept in p.areas:
                return i
    return None


def description(st: State) -> str | None:
    for b in st.intro_blocks:
        if b.kind is BlockKind.prose and len(b.text) > 60:
            return b.text
    return None
