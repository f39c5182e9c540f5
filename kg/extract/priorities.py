"""The situation picture, the priorities (from area headings, a listed enumeration, the
promise's aim, the problems described, or the activities) and the link of each activity to its
priority."""

from __future__ import annotations

import re

from kg.extract.headings import area_words
from kg.extract.model import Passage, Place, Priority, Problem, SituationPicture
from kg.extract.places import find_places
from kg.extract.state import PROBLEM_CUE, PROMISE_VERB, State, cap
from kg.extract.text import Block, BlockKind, sentences


def situation(st: State) -> SituationPicture | None:
    knowledge, cited = _knowledge_sources(st)
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
    spans = list(cited)
    if paragraphs:
        description = paragraphs[0].text
        spans.append(Passage(st.situation_blocks[0].start, st.situation_blocks[-1].end))
    elif problems:
        description = "; ".join(p.description for p in problems)
        spans.append(Passage(problems[0].passage.start, problems[-1].passage.end))
    else:
        description = ""
    # the passage holds the words of every value: the description and each knowledge source
    passage = Passage(min(p.start for p in spans), max(p.end for p in spans)) if spans else Passage(0, 0)
    return SituationPicture(description, passage, knowledge, problems)


_BASED_ON = re.compile(
    r"\s+(?:bygger|byggs|grundar\s+sig|grundas|baseras|bygger\s+vi|utgår|vilar)\s+(?:på|från|ifrån)\b",
    re.IGNORECASE,
)
"""A verb of basing right after a knowledge source's word: the word is the subject, what is built
on the sources named after the verb ("Lägesbilden bygger på NTU och …": this document's own
situation picture, not the organisations' situation reports it was made from)."""


def _knowledge_sources(st: State) -> tuple[list[str], list[Passage]]:
    """The knowledge sources the introduction and the situation picture name, in order of first
    mention, and the sentences that name them (the situation's passage holds them)."""
    knowledge: list[str] = []
    cited: list[Passage] = []
    done = [a.passage for a in st.activities]
    for b in [*st.intro_blocks, *st.situation_blocks]:
        for s, e in sentences(b.text) if b.kind is not BlockKind.heading else [(0, len(b.text))]:
            sentence = b.text[s:e]
            span = b.span(s, e)
            if any(p.start < span.end and span.start < p.end for p in done):
                # "Kommunen ska genomföra en trygghetsenkät" (a page of promises only, read as
                # activities): a survey the promise will make, not a source it was built on
                continue
            found = [
                c
                for m in st.lexicon.find("knowledge-source", sentence)
                if not _BASED_ON.match(sentence, m.end)  # "Lägesbilden bygger på …": what is built
                for c in st.lexicon.expand(m.concept)
            ]
            if found:
                knowledge += [k for k in dict.fromkeys(found) if k not in knowledge]
                cited.append(span)
    return knowledge, cited


GENERIC_AIM_WORDS = 2
"""An aim of a verb and a noun ("öka tryggheten", "minska brottsligheten") is what every promise
says; only a qualified one ("motverka droganvändning bland unga") names the promise's topic."""


def choose_priorities(st: State) -> list[Priority]:
    """The document's priorities: area headings or "problem – actors" blocks, else a listed
    enumeration, else what the promise says it works for ("lovar att arbeta för att motverka
    droganvändning bland unga"), in the document's own words around the area's name. Failing
    these they are inferred from the problems described or the activities, marked with their
    rule (the graph records each as an assumption)."""
    if st.priorities:
        return st.priorities
    if st.list_priorities:
        st.notes.append("prioriteringar ur en uppräkning / priorities from a list")
        return st.list_priorities
    out: list[Priority] = []

    def infer(concept: str, passage: Passage, words: str, rule: str) -> None:
        if all(concept not in p.areas for p in out):
            out.append(Priority(cap(words), passage, [concept], rule))

    aims = [(c, p, w) for c, p, w in st.aim_areas if len(w.split()) > GENERIC_AIM_WORDS]
    if aims:
        for concept, passage, words in aims:
            infer(concept, passage, words, "")
        st.notes.append(
            "prioriteringar ur det löftet säger att parterna arbetar för; granska dem / priorities "
            "from what the promise says the parties work for; review them"
        )
        return out
    for b in [*st.intro_blocks, *st.situation_blocks]:
        for s, e in sentences(b.text):
            sentence = b.text[s:e]
            if not PROBLEM_CUE.search(sentence):
                continue
            for m in st.lexicon.find("priority-area", sentence):
                a, z = clause(sentence, m.start, m.end)
                infer(m.concept, b.span(s + a, s + z), sentence[a:z], "priority-from-problems")
    if out:
        st.notes.append(
            "prioriteringar härledda ur problembeskrivningen; granska dem / priorities inferred "
            "from the problems described; review them"
        )
        return out
    for act in st.activities:
        for m in st.lexicon.find("priority-area", act.description):
            a, z = clause(act.description, m.start, m.end)
            infer(m.concept, act.passage, act.description[a:z], "priority-from-activities")
    if out:
        st.notes.append(
            "prioriteringar härledda ur aktiviteterna; granska dem / priorities inferred from the "
            "activities; review them"
        )
    return out


_CLAUSE_BREAK = re.compile(
    # "arbeta för"/"verka mot" parts the aim from who works for it ("Polisen lovar att arbeta
    # för ökad trygghet i centrum": the aim is "ökad trygghet i centrum")
    # and so does "lovar att" before a verb of change ("… lovar att öka tryggheten i centrum")
    r"[,;:.!?()]"
    # (the space after a break is not taken, so that one break may follow another: "lovar att
    # arbeta för ökad trygghet")
    r"|\s(?:och|samt|eller|genom att|för att|i syfte att|lovar\s+att|(?:arbeta|verka)\s+(?:för|mot))(?=\s)",
    re.IGNORECASE,
)
_CLAUSE_LEAD = re.compile(r"^(?:(?:för|mot|att|med|om|ett|en|det|den|de)\s+)+", re.IGNORECASE)


def clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the clause of ``text`` around ``[start, end)``: between the nearest comma,
    conjunction or "för att" on either side, without leading prepositions and articles
    ("… arbeta för att minska brotten, öka tryggheten och …" around "tryggheten": "öka
    tryggheten")."""
    a = 0
    for m in _CLAUSE_BREAK.finditer(text, 0, start):
        a = m.end()
    z = len(text)
    m2 = _CLAUSE_BREAK.search(text, end)
    if m2 is not None:
        z = m2.start()
    lead = _CLAUSE_LEAD.match(text[a:z].lstrip())
    a += len(text[a:z]) - len(text[a:z].lstrip()) + (lead.end() if lead else 0)
    while z > a and text[z - 1].isspace():
        z -= 1
    return (a, z) if z > a else (start, end)


def link_priorities(st: State, priorities: list[Priority]) -> None:
    """Each activity's priority: the one it stands under, else one naming the same area (an
    inference, marked ``activity-priority-by-area``)."""
    for act in st.activities:
        if priorities is st.priorities and act.priority is not None:
            continue
        act.priority = _by_area(st, priorities, act.description)
        act.priority_rule = "activity-priority-by-area" if act.priority is not None else ""


def _by_area(st: State, priorities: list[Priority], text: str) -> int | None:
    for concept in st.lexicon.concepts("priority-area", text):
        for i, p in enumerate(priorities):
            if concept in p.areas:
                return i
    return None


def description(st: State) -> tuple[str, Passage] | None:
    """The promise's description, the first paragraph of its introduction, and where it stands."""
    for b in st.intro_blocks:
        if b.kind is BlockKind.prose and len(b.text) > 60:
            return b.text, b.passage
    return None


# "Särskilt fokus läggs på ungdomar och droger": where the work is aimed, not something done
FOCUS = re.compile(r"^\s*(?:särskilt\s+|stort\s+|extra\s+)?fokus(?:et)?\s+(?:läggs|ligger|riktas|är)\b", re.I)

FOCUS_VERB = re.compile(
    # "fokusera på" with the subject between verb and particle after a fronted adverbial ("I år
    # fokuserar vi på"); "prioritera" takes its object directly
    r"\bfokuser(?:a|ar|ade|at)(?:\s+[\wåäö]+){0,3}?\s+på\b|\bprioriter(?:a|ar|ade|at)\b"
    r"|\briktar\s+in\s+(?:oss|sig)\s+på\b"
    r"|\b(?:lägger|läggs|ligger)\s+(?:särskilt\s+|stort\s+|extra\s+)?(?:fokus|tyngdpunkten)\s+på\b"
    # the subject first, the verb second: "Fokus ligger på …", "Tyngdpunkten läggs på …"
    r"|\b(?:fokus(?:et)?|tyngdpunkten)\s+(?:läggs|ligger|riktas)\s+(?:\w+\s+)?på\b"
    # what the promise is about, the promise the subject: "Årets löfte handlar om …"
    r"|\b(?:medborgar)?löfte[nt]?\b(?:\s+[\wåäö–-]+){0,2}?\s+handlar\s+(?:främst\s+|framför\s+allt\s+)?om\b",
    re.IGNORECASE,
)
"""A verb of focusing on something in prose ("I år fokuserar vi på våld i nära relationer",
"Polisen och kommunen prioriterar narkotika bland unga", "Särskilt fokus läggs på …", "Årets
löfte handlar om trafiksäkerhet"): what
follows is where the work is aimed, the promise's priority, not something done."""


def focus_priorities(st: State, b: Block, s: int, e: int) -> bool:
    """The priorities a prose sentence of focus states, each area titled with the sentence's words
    from its name to the end of its clause ("våld i nära relationer"); False (nothing taken)
    when the sentence is no statement of focus, names no area after the verb, or names an
    activity after it (then it says what is done: "Vi prioriterar trafikkontroller vid
    skolorna"; one before it, "Utifrån medborgardialogen har vi valt att prioritera …", is not
    its object)."""
    sentence = b.text[s:e]
    if _important_priority(st, b, s, e):
        return True
    verb = FOCUS_VERB.search(sentence)
    if verb is None or sentence.rstrip().endswith(":"):
        return False
    if any(m.start >= verb.end() for m in st.lexicon.find("activity-type", sentence)):
        return False  # what is focused on is something done; one before the verb is no object
    found = [m for m in st.lexicon.find("priority-area", sentence) if m.start >= verb.end()]
    for m in found:
        a, z = m.start, clause(sentence, m.start, m.end)[1]
        areas = st.lexicon.concepts("priority-area", sentence[a:z])
        if not any(set(areas) <= set(p.areas) for p in st.priorities):
            st.priorities.append(Priority(cap(sentence[a:z].rstrip(" .")), b.span(s + a, s + z), areas))
    return bool(found)


_IMPORTANT = re.compile(
    r"\s+är\s+(?:en\s+av\s+)?(?:de|det|den)\s+(?:allra\s+)?viktigast\w*\s+[\wåäö]+\s+i\s+"
    r"(?:[\wåäö]+\s+){0,2}?(?:medborgar)?löfte\w*",
    re.IGNORECASE,
)
"""The subject first, then that it is among the most important parts of the promise: "Satsningen
mot narkotika är en av de viktigaste punkterna i medborgarlöftena för 2019"."""


def _important_priority(st: State, b: Block, s: int, e: int) -> bool:
    """A sentence saying its subject is among the promise's most important parts states it a
    priority, titled with the subject's words, where the subject names an area."""
    sentence = b.text[s:e]
    m = _IMPORTANT.search(sentence)
    if m is None:
        return False
    subject = sentence[: m.start()]
    areas = st.lexicon.concepts("priority-area", subject)
    if not areas or st.lexicon.find("activity-type", subject):
        return False
    if not any(set(areas) <= set(p.areas) for p in st.priorities):
        a = len(subject) - len(subject.lstrip())
        st.priorities.append(Priority(cap(subject.strip()), b.span(s + a, s + m.start()), areas))
    return True


AREAS_LEAD = re.compile(
    r"\b(?:följande|dessa|två|tre|fyra|fem|sex|\d+)\s+(?:fokus|prioriterade\s+|särskilda\s+)?områden\b"
    r"|\bområden\b[^.:]{0,80}\bfokus|\bvara\s+i\s+fokus\b",
    re.IGNORECASE,
)
"""A lead-in that names the items of the list after it the areas of focus ("Under år 2022 ska
följande områden vara i fokus:", "har valt ut två områden som vi kommer fokusera på"): each item
states an area, and is also what the parties will do about it."""


def stated_priority(st: State, b: Block, *, whole: bool = False) -> int | None:
    """The priority a list item states (under a lead-in naming the items the areas of focus,
    or, ``whole``, a statement of focus such as "Särskilt fokus läggs på ungdomar och droger"):
    the areas it names, titled with the item's own words from the first area's name to the end
    of the last one's clause ("alkohol- och narkotikamissbruk"; ``whole``: the statement); None
    when it names no area. An item naming the very areas of an earlier priority gives that one."""
    found = st.lexicon.find("priority-area", b.text)
    if not found:
        return None
    a = 0 if whole else found[0].start
    z = len(b.text) if whole else clause(b.text, found[-1].start, found[-1].end)[1]
    areas = st.lexicon.concepts("priority-area", b.text)
    for i, p in enumerate(st.priorities):
        if p.areas == areas:
            return i
    st.priorities.append(Priority(cap(b.text[a:z].rstrip(" .")), b.span(a, z), areas))
    return len(st.priorities) - 1


def area_item(b: Block) -> bool:
    """A list item that names an area, not an action: short, no promise verb."""
    return len(b.text.split()) <= 8 and not PROMISE_VERB.search(b.text)


def list_priority(st: State, b: Block) -> None:
    title = b.text.rstrip(" .")
    areas = st.lexicon.concepts("priority-area", title)
    st.list_priorities.append(Priority(title, b.passage, areas))


_INLINE_MARKER = re.compile(r"(?:^|(?<=[\s:]))(?P<n>\d{1,2})(?P<close>[).])\s+(?=\S)")


def inline_items(text: str, start: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each item of a numbered list written on one line, "Prioriterade områden:
    1) Trafik 2) Narkotika 3) Trygghet i centrum": markers numbered 1, 2, 3 … in that order, all
    closed alike ("1)" or "1."), each item from its marker to the next one; [] where the text
    holds no such run of two markers or more (one "2)" is no list, nor "kl. 18" a marker)."""
    marks: list[re.Match[str]] = []
    for m in _INLINE_MARKER.finditer(text, start):
        if int(m.group("n")) == len(marks) + 1 and (not marks or m.group("close") == marks[0].group("close")):
            marks.append(m)
    if len(marks) < 2:
        return []
    ends = [m.start() for m in marks[1:]] + [len(text)]
    out = []
    for m, z in zip(marks, ends, strict=True):
        item = text[m.end() : z].rstrip(" ,;.")
        if item:
            out.append((m.end(), m.end() + len(item)))
    return out


def heading_priorities(st: State, b: Block) -> int | None:
    """The priorities a heading that names areas states: one per item of a numbered list
    written in it ("Prioriterade områden: 1) Trafik 2) Narkotika 3) Trygghet i centrum"), each
    titled with its item's words, else one, titled with the heading's own words ("Prioriterat
    område: Trafiksäkerhet" is "Trafiksäkerhet"; a question with the area's words, "Hur ska
    polisen öka tryggheten i Markbacken?" is "Tryggheten i Markbacken"). The index of the one
    priority, which the heading opens for what stands under it; None for several (no one of them
    governs)."""
    items = inline_items(b.text)
    if len(items) > 1:
        for a, z in items:
            st.priorities.append(
                Priority(b.text[a:z], b.span(a, z), st.lexicon.concepts("priority-area", b.text[a:z]))
            )
        return None
    a, z = area_words(b.text), len(b.text)
    found = st.lexicon.find("priority-area", b.text)
    if b.text.rstrip().endswith("?") and found:
        # "Hur ska polisen öka tryggheten i Markbacken?": a question about the area, titled
        # with the area's words to the end of their clause ("Tryggheten i Markbacken")
        a, z = found[0].start, clause(b.text, found[0].start, found[-1].end)[1]
        z = len(b.text[:z].rstrip(" ?"))
    passage = b.span(a, z) if (a, z) != (0, len(b.text)) else b.passage
    title = cap(b.text[a:z]) if z < len(b.text) else b.text[a:]
    st.priorities.append(Priority(title, passage, st.lexicon.concepts("priority-area", b.text)))
    return len(st.priorities) - 1


def inline_priorities(st: State, b: Block, offset: int, tail: str) -> None:
    """The priorities a prose lead-in lists after its colon ("Prioriterade områden: narkotika
    bland unga och otrygghet i centrala Arboga"): each area titled from its name to the end of
    its clause, or, where the list is numbered on the line ("… : 1) Trafik 2) Narkotika"), each
    item titled with its words."""
    items = inline_items(tail)
    if items:
        for a, z in items:
            areas = st.lexicon.concepts("priority-area", tail[a:z])
            st.list_priorities.append(Priority(cap(tail[a:z]), b.span(offset + a, offset + z), areas))
        return
    for m in st.lexicon.find("priority-area", tail):
        if all(m.concept not in p.areas for p in st.list_priorities):
            # "narkotika bland unga": the area's name to the end of its clause
            z = clause(tail, m.start, m.end)[1]
            st.list_priorities.append(
                Priority(
                    cap(tail[m.start : z].rstrip(" .")),
                    b.span(offset + m.start, offset + z),
                    st.lexicon.expand(m.concept),
                )
            )
