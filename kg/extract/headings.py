"""What a heading says: the part of the document it opens ("Det här ska vi göra"), the actor it
names for the items under it ("Polisen lovar", "Kommunen åtar sig att:"), a numbered commitment
("Löfte 1: …"), and where an actor heading stands under an area heading."""

from __future__ import annotations

import re

from kg.extract.actors import Roles
from kg.extract.model import Passage
from kg.extract.state import PART_CUES, PROMISE_VERB, Heading, Part, State
from kg.extract.text import UNDERTAKE, BlockKind


def heading_part(text: str) -> Part | None:
    if len(text.split()) > 8:
        return None  # a long heading is a statement ("För att minska ... medborgardialoger")
    if _FOLLOWED_UP.search(text):
        # a clause whose verb is "följa upp" says what the section does, whatever its subject
        # ("Löftet följs upp på följande sätt", "Så här följs löftet upp")
        return Part.followup
    found = [
        (m.start(), n, part) for n, (part, pattern) in enumerate(PART_CUES) if (m := pattern.search(text))
    ]
    # the cue written first says what follows ("Aktörer och aktiviteter utifrån lägesbilden")
    return min(found)[2] if found else None


_FOLLOWED_UP = re.compile(r"\bfölj(?:a|er|s|as|des|de)?\s+(?:\w+\s+)?upp\b", re.IGNORECASE)
"""The verb "följa upp" in each form, its subject or object between verb and particle."""


NUMBERED_PROMISE = re.compile(r"(?:medborgar)?löfte\s+\d{1,2}\s*[:.–—-]\s*(?P<title>\S.*)$", re.IGNORECASE)
"""A heading that numbers the promise's commitments: "Löfte 1: Trygg skolväg", "Löfte 2 – Droger"."""

_AREA_LABEL = re.compile(
    r"(?:prioriterat\s+område|fokusområde|insatsområde|prioritering|område)\s*\d{0,2}\s*[:–—-]\s*(?=\S)",
    re.IGNORECASE,
)
_OUTLINE_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+(?=\S)")


def area_words(text: str) -> int:
    """Where an area heading's own words begin, after its outline number and its label:
    "Prioriterat område: Trafiksäkerhet", "Fokusområde 2 – Droger", "2.1 Trafiksäkerhet" (the
    number is the heading's place in the document, not its words; 0 when it has neither)."""
    number = _OUTLINE_NUMBER.match(text)
    start = number.end() if number else 0
    label = _AREA_LABEL.match(text, start)
    return label.end() if label else start


_ACTOR_HEADING_REST = re.compile(
    rf"(lovar|ska|skall|{UNDERTAKE}|åtaganden|satsningar|insatser|ansvarar|gör)\b", re.IGNORECASE
)


_QUESTION = re.compile(
    r"(?P<what>vad|det här|detta|så här)\s+(?:gör|ska|skall|kommer|lovar|bidrar)\s+", re.IGNORECASE
)
"""What an actor does, asked or with the object first, the subject after the finite verb (Swedish
puts the verb second): "Vad gör polisen?", "Vad ska kommunen göra?", "Vad kommer polisen att
göra?", "Vad gör vi tillsammans?", "Det här lovar polisen", "Detta gör kommunen"."""
_TOGETHER = re.compile(r"vi\s+(?:tillsammans|gemensamt)\b", re.IGNORECASE)
_QUESTION_REST = re.compile(r"(?:(?:att\s+)?göra|(?:bidra\s+)?med)?\s*\??", re.IGNORECASE)


def actor_heading(st: State, text: str) -> Roles | None:
    question = _QUESTION.match(text)
    if question is not None:
        roles, end = st.finder.leading(text[question.end() :])
        rest = text[question.end() + end :].strip()
        # "Det här ska vi göra" names the part, not an actor; "Vad gör vi tillsammans?" names both,
        # and so does "Det här gör vi tillsammans": "tillsammans"/"gemensamt" says it is both
        asked = question.group("what").lower() == "vad"
        together = _TOGETHER.match(text, question.end()) is not None
        if (roles.responsible or (roles.joint and (asked or together))) and _QUESTION_REST.fullmatch(rest):
            return roles
        return None
    roles, end = st.finder.leading(text)
    if not roles.responsible and not roles.joint:
        return None
    rest = text[end:].strip(" :")
    if not rest or _ACTOR_HEADING_REST.match(rest) or _OPEN_CLAUSE.fullmatch(rest):
        return roles
    return None


_OPEN_CLAUSE = re.compile(r"[a-zåäö]{2,}(?:ar|er|ir|år|ör)\s+(?:med|på|att|för|mot|till)", re.IGNORECASE)
"""A finite verb in the present and its preposition, with nothing after it ("Vi fortsätter med:",
"Polisen arbetar med:", "Kommunen satsar på:"): a clause the items below complete, so its
subject does them."""


def under_priority(stack: list[Heading], level: int) -> int:
    """The level of an actor heading ("Polisen åtar sig att:") under an area heading ("Fokusområde:
    Trygghet i centrum"), with only actor headings between them: one below the area's, whatever
    its typographic level (a plain text's headings are all of one level), so that the area stays
    the priority of the items each party promises under it."""
    for depth in range(len(stack) - 1, -1, -1):
        if stack[depth].priority is not None:
            if all(h.actor is not None for h in stack[depth + 1 :]):
                return max(level, stack[depth].level + 1)
            return level
    return level


def area_sibling(st: State, index: int, level: int) -> bool:
    """A heading that names no part, actor or area ("Trygg stadskärna") whose next heading of its
    level or above is one of the same level naming a priority area ("Trafiksäkerhet"), and under
    which an actor promises ("Polisen ska …"): a section of the same kind as its sibling, an
    area's, so its items are activities, not the introduction (whose heading the vocabulary
    cannot name; the promise was read from the second area on)."""
    promises = False
    for b in st.blocks[index + 1 :]:
        if b.kind is BlockKind.heading:
            if (b.level or 2) > level:
                continue
            return (
                promises
                and (b.level or 2) == level
                and heading_part(b.text) is None
                and bool(st.lexicon.concepts("priority-area", b.text))
            )
        if not promises:
            promises = bool(PROMISE_VERB.search(b.text) and st.finder.subject(b.text).responsible)
    return False


def titled_types(st: State) -> None:
    """A heading that titles one piece of work, the activity written under it (a card's title,
    a definition list's term, "Grannsamverkan" over "Polisen startar nya områden och utbildar
    kontaktombud."): an activity type the title names is that activity's type, as a table's
    activity cell or a record's title says what is done, and the activity's passage starts at
    the title, whose words state the type. Only a title over one activity up to the next heading,
    naming no part, priority area or actor: a heading over several activities is a topic, not
    the name of each. The same for a paragraph's run-in title over its one activity
    ("Grannsamverkan. Polisen startar …")."""
    blocks = [b for b in st.blocks if not b.chrome and not b.foreign]
    heads = [i for i, b in enumerate(blocks) if b.kind is BlockKind.heading]
    for n, i in enumerate(heads):
        title = blocks[i]
        end = blocks[heads[n + 1]].start if n + 1 < len(heads) else len(st.text)
        under = [a for a in st.activities if title.end <= a.passage.start < end]
        if len(under) != 1 or heading_part(title.text) is not None or NUMBERED_PROMISE.match(title.text):
            continue
        types = st.lexicon.concepts("activity-type", title.text)
        if not types or st.lexicon.concepts("priority-area", title.text) or actor_heading(st, title.text):
            continue
        [act] = under
        act.activity_types += [t for t in types if t not in act.activity_types]
        act.passage = Passage(title.start, act.passage.end)
    for b in blocks:
        # a run-in title: "Grannsamverkan. Polisen startar …", the bold lead of a paragraph
        under = [a for a in st.activities if b.start <= a.passage.start < b.end]
        if len(under) != 1 or b.kind is BlockKind.heading:
            continue
        [act] = under
        lead = st.text[b.start : act.passage.start]
        run_in = _RUN_IN.fullmatch(lead)
        if run_in is None or PROMISE_VERB.search(lead):
            continue
        types = st.lexicon.concepts("activity-type", run_in.group("title"))
        if types:
            act.activity_types += [t for t in types if t not in act.activity_types]
            act.passage = Passage(b.start, act.passage.end)


_RUN_IN = re.compile(r"\s*(?P<title>[A-ZÅÄÖ][\w-]*(?:\s+[\w-]+){0,3})\s*[.:–—]\s+")
"""The title a paragraph opens with, set in bold in a web page: up to four words,
closed by a full stop, colon or dash, before the sentence that describes the work."""
