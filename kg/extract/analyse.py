"""From blocks to the typed model: the document's parts, its priorities, activities, outcomes,
follow-up plan and signatures.

A document is read as a sequence of *parts* (introduction, situation picture, activities,
outcomes, follow-up), switched by headings whose wording says what follows ("Situationen idag",
"Det här ska vi göra", "Det här ska vi åstadkomma tillsammans", "Följ med i hur det går!").
Inside the activities part, headings that name a priority area open a priority ("Fokus mot
narkotika"), headings that name an actor govern the bullets under them ("Polisen lovar"), and
every bullet, every promise sentence of prose and every "problem – actors – activity" block is
an activity. Follow-up and channel sentences are recognised wherever they stand.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from kg.errors import ExtractionError
from kg.extract.actors import ActorFinder, Roles, police_area_names
from kg.extract.lexicon import Lexicon, MunicipalityInfo
from kg.extract.model import (
    Activity,
    ActorRef,
    Analysis,
    Channel,
    FollowUpPlan,
    Frequency,
    Municipality,
    Outcome,
    Party,
    Passage,
    Period,
    Place,
    PoliceArea,
    Priority,
    Problem,
    SituationPicture,
)
from kg.extract.periods import PeriodMatch, find_periods, parse_period
from kg.extract.places import find_places
from kg.extract.signatures import find_signatures
from kg.extract.text import Block, BlockKind, lines_of, segment, sentences


class Part(StrEnum):
    intro = "intro"
    situation = "situation"
    activities = "activities"
    outcomes = "outcomes"
    followup = "followup"


# Headings that say what follows. Structural wording, not domain vocabulary: the domain terms
# (priority areas, actors, frequencies, channels, indicators) come from the SKOS vocabularies.
_PART_CUES: list[tuple[Part, re.Pattern[str]]] = [
    (Part.followup, re.compile(r"följ med|uppföljning|följa upp|följs upp|redovisning|kommunikation", re.I)),
    (
        Part.outcomes,
        re.compile(r"åstadkomma|förväntade? (resultat|effekt)|effektmål|^mål\b|målsättning|uppnå", re.I),
    ),
    (
        Part.intro,
        re.compile(r"^(bakgrund|syfte|inledning|om medborgarlöften?|vad är ett medborgarlöfte)\b", re.I),
    ),
    (Part.situation, re.compile(r"lägesbild|situationen|nuläge|problembild|dialoger?\b|utgångsläge", re.I)),
    (
        Part.activities,
        re.compile(r"ska vi göra|vi gör|lovar|aktivitet|åtagande|insatser|löfte|satsning", re.I),
    ),
]
_PROMISE_CUE = re.compile(r"medborgarlöfte|medborgarlöften|\blöfte|\blovar\b", re.I)
_PROMISE_VERB = re.compile(r"\b(ska|skall|lovar att|åtar sig|kommer\b[^.]{0,60}?\batt)\b", re.I)
_FOLLOWUP = re.compile(r"följs upp|följas upp|följa upp|uppföljning|redovisas|utvärderas|återrapport", re.I)
_INDICATOR_SENTENCE = re.compile(r"^\s*(uppföljning|mäts|mätning|följs upp|indikator)", re.I)
_CHANNEL_CUE = re.compile(
    r"kommunicera|hemsid|webbplats|sociala medier|facebook|instagram|www\.|https?://"
    r"|information om|nyhetsbrev",
    re.I,
)
_AIM = re.compile(
    r"\b(arbeta|verka)\s+(för|mot)\b.{0,60}\b(brottslighet|trygghet|förtroende|prioriterade)", re.I
)
_PROBLEM_CUE = re.compile(r"problem|otrygg|\boro\b|utsatt|stör|ökande|ökat antal", re.I)
_PRIORITY_LIST_CUE = re.compile(r"prioriter|fokusområde|fokusera på|satsningsområde", re.I)
_ANSVARIG = re.compile(r"\b(?:ansvarig|ansvariga|ansvar)\s*:\s*(?P<who>.+?)\s*\.?\s*$", re.I)
_TAG = re.compile(r"\((?P<who>[^()]{2,80})\)\s*\.?\s*$")
_DASH = re.compile(r"\s*[–—-]\s+|\s+[–—-]\s*$")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\],]+[^\s<>()\[\],.]")
_SOCIAL = re.compile(
    r"\b(Facebook|Instagram|Twitter|YouTube|LinkedIn|TikTok|X)\s*:\s*([^,\n]+?)(?=,|$|\n|\s{2,})"
)
_QUALIFIER = re.compile(r"(minst|högst|cirka|ca\.?|ungefär|åtminstone)\s+$", re.I)
_NUMBER_WORDS = {
    "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9, "tio": 10,
    "elva": 11, "tolv": 12, "femton": 15, "tjugo": 20,
}  # fmt: skip
_QUANTITY = re.compile(
    r"(?:^|\b(?:minst|totalt|sammanlagt|åtminstone)\s+)(?P<n>\d{1,5}|"
    + "|".join(_NUMBER_WORDS)
    + r")\s+(?P<noun>[a-zåäö]{4,})",
    re.I,
)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def _strip(s: str) -> str:
    return s.strip().strip("–—-").strip()


@dataclass
class _Ctx:
    """What governs a block: the part, the open priority, a governing actor heading."""

    part: Part = Part.intro
    priority: int | None = None
    actor: Roles | None = None
    joint_intro: bool = False


@dataclass
class _Heading:
    level: int
    priority: int | None = None
    actor: Roles | None = None
    problem: Problem | None = None


@dataclass
class _State:
    blocks: list[Block]
    text: str
    lexicon: Lexicon
    finder: ActorFinder
    municipality: MunicipalityInfo | None
    priorities: list[Priority] = field(default_factory=list)
    list_priorities: list[Priority] = field(default_factory=list)
    aim_areas: list[tuple[str, Passage]] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    heading_problems: list[Problem] = field(default_factory=list)
    situation_blocks: list[Block] = field(default_factory=list)
    intro_blocks: list[Block] = field(default_factory=list)
    followup_spans: list[tuple[Block, int, int, bool]] = field(default_factory=list)
    """(block, start, end, has a follow-up cue) of sentences about follow-up and channels."""
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Entry point


def analyse(
    text: str,
    *,
    source_name: str,
    lexicon: Lexicon,
    municipality: str | None = None,
    police_area: str | None = None,
    period: str | None = None,
) -> Analysis:
    """The typed model of one normalised text; :class:`ExtractionError` when it is not a promise
    or lacks what cannot be guessed (the municipality, the period)."""
    if not _PROMISE_CUE.search(text):
        raise ExtractionError(
            "Texten ser inte ut som ett medborgarlöfte: den nämner varken medborgarlöfte eller "
            "något löfte. / The text does not look like a citizen promise: it mentions neither "
            "'medborgarlöfte' nor any promise.",
            where=source_name,
        )
    lines = lines_of(text)
    sig_block = find_signatures(text, lexicon, lines=lines)
    blocks = [b for b in segment(text) if b.start < sig_block.start]
    notes = [f"upprepat stycke hoppades över / repeated paragraph skipped: rad {b.lines[0].number}"
             for b in blocks if b.duplicate]  # fmt: skip
    blocks = [b for b in blocks if not b.duplicate]

    mun: Municipality | None = None
    mun_error: ExtractionError | None = None
    try:
        mun = _municipality(text, blocks, lexicon, municipality, source_name)
    except ExtractionError as exc:
        if municipality:
            raise
        mun_error = exc
    info = lexicon.municipalities[mun.code] if mun is not None else None
    finder = ActorFinder(lexicon, info)
    st = _State(blocks, text, lexicon, finder, info, notes=notes)
    _walk(st)
    if not st.activities:
        _walk(st, intro_as_activities=True)
    if not st.activities:
        raise ExtractionError(
            "Texten ser inte ut som ett medborgarlöfte: inga utlovade aktiviteter hittades (inga "
            "punkter eller meningar med 'ska', 'lovar' eller en ansvarig aktör). / The text does "
            "not look like a citizen promise: no promised activities were found.",
            where=source_name,
        )
    if mun is None:
        assert mun_error is not None
        raise mun_error
    per = _period(text, blocks, period, source_name, notes)
    lpo = _police_area(text, lexicon, police_area)
    priorities = _choose_priorities(st)
    _link_priorities(st, priorities)
    situation = _situation(st)
    followup = _followup(st)
    return Analysis(
        source_name=source_name,
        text=text,
        municipality=mun,
        police_area=lpo,
        period=per,
        title=f"Medborgarlöfte {mun.name} {per.verbatim}",
        description=_description(st),
        situation=situation,
        priorities=priorities,
        activities=st.activities,
        outcomes=st.outcomes,
        followup=followup,
        signatures=sig_block.signatures,
        notes=st.notes,
    )


# ---------------------------------------------------------------------------------------------
# Municipality, period, police area


def _municipality(
    text: str, blocks: list[Block], lexicon: Lexicon, given: str | None, where: str
) -> Municipality:
    if given:
        info = lexicon.resolve_municipality(given)
        if info is None:
            raise ExtractionError(
                f"Okänd kommun {given!r}: ange en kommunkod (fyra siffror, t.ex. 0580) eller ett "
                f"kommunnamn. / Unknown municipality {given!r}: give an SCB code or a name.",
                where=where,
            )
        return Municipality(info.code, info.name, given, None)
    matches = lexicon.municipality_matcher.find(text)
    if not matches:
        raise ExtractionError(
            "Dokumentet namnger ingen kommun. Ange den med --municipality (kod eller namn, t.ex. "
            "--municipality 1280). / The document names no municipality; give it with "
            "--municipality (code or name).",
            where=where,
        )
    counts = Counter(m.concept for m in matches)
    heading_text = " ".join(b.text for b in blocks if b.kind is BlockKind.heading)
    for m in lexicon.municipality_matcher.find(heading_text):
        counts[m.concept] += 2
    first = {m.concept: i for i, m in reversed(list(enumerate(matches)))}
    code = max(counts, key=lambda c: (counts[c], -first.get(c, 10**6)))
    best = next(m for m in matches if m.concept == code)
    info = lexicon.municipalities[code]
    return Municipality(code, info.name, best.surface, Passage(best.start, best.end))


def _period(text: str, blocks: list[Block], given: str | None, where: str, notes: list[str]) -> Period:
    if given:
        pm = parse_period(given)
        if pm is None:
            raise ExtractionError(
                f"Perioden {given!r} går inte att tolka; skriv t.ex. 2023-2024, 2017 eller "
                f"2018-07-01—2020-06-30. / Cannot read the period {given!r}.",
                where=where,
            )
        return Period(pm.start, pm.end, pm.verbatim, Passage(0, 0))
    scored: list[tuple[int, int, PeriodMatch]] = []
    for b in blocks:
        for s, e in sentences(b.text) if b.kind is not BlockKind.heading else [(0, len(b.text))]:
            sentence = b.text[s:e]
            for pm in find_periods(sentence):
                score = 0
                if b.kind is BlockKind.heading:
                    score += 4
                if b is blocks[0] or b.lines[0].number <= 3:
                    score += 3
                if re.search(r"löfte", sentence, re.I):
                    score += 2
                if re.search(r"gäller|giltig|period|löftestid", sentence, re.I):
                    score += 2
                if pm.kind != "year":
                    score += 1
                before = sentence[max(0, pm.pos - 20) : pm.pos].lower()
                if re.search(r"årsskifte|sedan|från och med år|jämfört|i slutet av|under \d", before):
                    score -= 5
                passage = b.span(s + pm.pos, s + pm.end_pos)
                found = PeriodMatch(pm.start, pm.end, pm.verbatim, passage.start, passage.end, pm.kind)
                scored.append((score, -passage.start, found))
    if not scored:
        raise ExtractionError(
            "Hittade ingen giltighetsperiod (t.ex. 2023-2024) i texten. Ange den med --period. / "
            "No validity period (e.g. 2023-2024) was found; give it with --period.",
            where=where,
        )
    scored.sort(key=lambda x: (x[0], x[1]), reverse=True)
    best = scored[0][2]
    rivals = {(p.start, p.end) for score, _, p in scored if score >= scored[0][0] - 1 and score >= 4}
    if len(rivals) > 1:
        notes.append(
            f"flera perioder i texten; valde {best.verbatim} / "
            f"several periods in the text; chose {best.verbatim}"
        )
    return Period(best.start, best.end, best.verbatim, Passage(best.pos, best.end_pos))


def _police_area(text: str, lexicon: Lexicon, given: str | None) -> PoliceArea | None:
    if given:
        if lexicon.police_area_matcher is not None:
            found = lexicon.police_area_matcher.find(given)
            if found and found[0].end - found[0].start == len(given.strip()):
                return PoliceArea(lexicon.police_areas[found[0].concept], None)
        name = given.strip()
        if "lokalpolisområde" not in name.lower():
            name = f"Lokalpolisområde {name}"
        return PoliceArea(name, None)
    names = police_area_names(text, lexicon)
    if not names:
        return None
    counts = Counter(n for n, _, _ in names)
    name = max(counts, key=lambda n: (counts[n], -next(s for m, s, _ in names if m == n)))
    s, e = next((s, e) for m, s, e in names if m == name)
    return PoliceArea(name, Passage(s, e))


# ---------------------------------------------------------------------------------------------
# The walk over blocks


def _heading_part(text: str) -> Part | None:
    if len(text.split()) > 8:
        return None  # a long heading is a statement ("För att minska ... medborgardialoger")
    for part, pattern in _PART_CUES:
        if pattern.search(text):
            return part
    return None


_ACTOR_HEADING_REST = re.compile(
    r"(lovar|ska|skall|åtar sig|åtaganden|satsningar|insatser|ansvarar|gör)\b", re.I
)


def _actor_heading(st: _State, text: str) -> Roles | None:
    roles, end = st.finder.leading(text)
    if not roles.responsible:
        return None
    rest = text[end:].strip(" :")
    if not rest or re.match(
        r"(lovar|ska|skall|åtar sig|åtaganden|satsningar|insatser|ansvarar|gör)\b", rest, re.I
    ):
        return roles
    return None


def _walk(st: _State, *, intro_as_activities: bool = False) -> None:
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
    ctx = _Ctx()
    stack: list[_Heading] = []
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
            head = _Heading(level)
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
                open_priority = next((h.priority for h in reversed(stack) if h.priority is not None), None)
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

        if part in (Part.intro, Part.activities) and _dash_block(st, b):
            continue
        if part is Part.intro:
            st.intro_blocks.append(b)
            pending_list = _scan_prose(st, b, part)
        elif part is Part.situation:
            st.situation_blocks.append(b)
            pending_list = _scan_prose(st, b, part)
        elif part is Part.activities:
            if b.kind is BlockKind.bullet:
                st.activities.append(_bullet_activity(st, b, ctx))
            else:
                pending_list = _scan_prose(st, b, part, ctx)
        elif part is Part.outcomes:
            _outcome(st, b)
        elif part is Part.followup:
            for s, e in sentences(b.text):
                st.followup_spans.append((b, s, e, bool(_FOLLOWUP.search(b.text[s:e]))))


def _scan_prose(st: _State, b: Block, part: Part, ctx: _Ctx | None = None) -> str | None:
    """Sentences of a prose block: activities (in the activities part), follow-up and channel
    sentences (anywhere), aims and inline lists of priority areas. Returns "priority" when the
    block introduces a bullet list of priority areas."""
    pending = None
    for s, e in sentences(b.text):
        sentence = b.text[s:e]
        stripped = sentence.rstrip()
        if _FOLLOWUP.search(sentence) and part is not Part.situation:
            st.followup_spans.append((b, s, e, True))
            continue
        if _CHANNEL_CUE.search(sentence) and part is not Part.situation:
            st.followup_spans.append((b, s, e, False))
            continue
        if (
            _PRIORITY_LIST_CUE.search(sentence)
            and ":" in sentence
            and not re.search(r"genom att\s*:|arbeta", sentence, re.I)
        ):
            head, _, tail = sentence.partition(":")
            if tail.strip():
                offset = s + len(head) + 1
                for m in st.lexicon.find("priority-area", tail):
                    if all(m.concept not in p.areas for p in st.list_priorities):
                        st.list_priorities.append(
                            Priority(_cap(m.surface), b.span(offset + m.start, offset + m.end), [m.concept])
                        )
            else:
                pending = "priority"
            continue
        if (
            _AIM.search(sentence)
            and st.finder.subject(sentence)
            and not st.lexicon.find("activity-type", sentence)
        ):
            for c in st.lexicon.concepts("priority-area", sentence):
                st.aim_areas.append((c, b.span(s, e)))
            if part is Part.activities and ctx is not None and stripped.endswith(":"):
                ctx.joint_intro = True
            continue
        if stripped.endswith(":"):
            if ctx is not None and re.match(r"\s*vi\b", sentence, re.I):
                ctx.joint_intro = True
            continue
        if part is Part.activities and ctx is not None and _PROMISE_VERB.search(sentence):
            roles = st.finder.subject(sentence)
            if roles or ctx.actor is not None:
                st.activities.append(_activity(st, b, s, e, sentence, ctx, roles, "subject"))
    return pending


def _list_priority(st: _State, b: Block) -> None:
    title = b.text.rstrip(" .")
    areas = st.lexicon.concepts("priority-area", title)
    st.list_priorities.append(Priority(title, b.passage, areas[:1]))


# ---------------------------------------------------------------------------------------------
# Activities


def _both(st: _State) -> list[ActorRef]:
    return [ActorRef(Party.police, "polisen"), ActorRef(Party.municipality, "kommunen")]


def _bullet_activity(st: _State, b: Block, ctx: _Ctx) -> Activity:
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
    activity = _activity(st, b, 0, len(description), description, ctx, roles, source)
    activity.passage = b.passage
    return activity


def _activity(
    st: _State, b: Block, s: int, e: int, description: str, ctx: _Ctx | None, roles: Roles, source: str
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


def _enrich(st: _State, activity: Activity, b: Block, offset: int, description: str) -> None:
    freqs = st.lexicon.find("frequency", description)
    if freqs:
        f = freqs[0]
        start = f.start
        q = _QUALIFIER.search(description[: f.start])
        if q:
            start = q.start()
        activity.frequency = Frequency(
            f.concept, description[start : f.end], b.span(offset + start, offset + f.end)
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


def _dash_block(st: _State, b: Block) -> bool:
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
    title = _strip(text[: starts[0][0]])
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
        ctx = _Ctx(Part.activities, priority_index)
        act = _activity(st, b, a, end, description, ctx, roles, "list")
        act.passage = b.span(starts[k][0], end)
        st.activities.append(act)
    return True


# ---------------------------------------------------------------------------------------------
# Outcomes, follow-up, situation, priorities


def _outcome(st: _State, b: Block) -> None:
    described: list[tuple[int, int]] = []
    indicator: tuple[int, int] | None = None
    for s, e in sentences(b.text):
        sentence = b.text[s:e]
        if _INDICATOR_SENTENCE.search(sentence) or (
            re.search(r"\b(via|genom|med hjälp av)\b", sentence)
            and st.lexicon.find("indicator", sentence)
            and re.search(r"uppfölj|mäts|följs upp", sentence, re.I)
        ):
            indicator = (s, e)
        elif _FOLLOWUP.search(sentence) and not described:
            st.followup_spans.append((b, s, e, True))
        else:
            described.append((s, e))
    if not described:
        return
    d0, d1 = described[0][0], described[-1][1]
    outcome = Outcome(b.text[d0:d1].strip(), b.passage)
    if indicator is not None:
        outcome.indicator_text = b.text[indicator[0] : indicator[1]].strip()
        outcome.indicators = st.lexicon.concepts("indicator", outcome.indicator_text)
    st.outcomes.append(outcome)


def _followup(st: _State) -> FollowUpPlan | None:
    if not st.followup_spans:
        return None
    cue = [x for x in st.followup_spans if x[3]]
    main = cue or st.followup_spans
    frequency: Frequency | None = None
    for b, s, e, _ in [*cue, *st.followup_spans]:
        sentence = b.text[s:e]
        found = st.lexicon.find("frequency", sentence)
        if found:
            f = found[0]
            frequency = Frequency(f.concept, sentence[f.start : f.end], b.span(s + f.start, s + f.end))
            break
    b0, s0, e0, _ = main[0]
    description = " ".join(b.text[s:e].strip() for b, s, e, _ in main[:3])
    plan = FollowUpPlan(description, b0.span(s0, e0), frequency)
    plan.channels = _channels(st)
    return plan


def _channels(st: _State) -> list[Channel]:
    channels: list[Channel] = []
    hosts: set[str] = set()
    generic: list[Channel] = []
    for b, s, e, _ in st.followup_spans:
        sentence = b.text[s:e]
        taken: list[tuple[int, int]] = []
        for m in _SOCIAL.finditer(sentence):
            label = f"{m.group(1)}: {m.group(2).strip()}"
            if all(c.label != label for c in channels):
                ctype = st.lexicon.find("channel-type", m.group(1))
                channels.append(Channel(label, b.span(s + m.start(), s + m.end()), None,
                                        ctype[0].concept if ctype else None))  # fmt: skip
            taken.append((m.start(), m.end()))
        for m in _URL.finditer(sentence):
            url = m.group(0)
            host = re.sub(r"^(https?://)?(www\.)?", "", url).split("/")[0].lower()
            taken.append((m.start(), m.end()))
            if host in hosts:
                continue
            hosts.add(host)
            full = url if url.startswith("http") else f"https://{url}"
            web = st.lexicon.find("channel-type", "webbplats")
            channels.append(Channel(url, b.span(s + m.start(), s + m.end()), full,
                                    web[0].concept if web else None))  # fmt: skip
        for cm in st.lexicon.find("channel-type", sentence):
            if any(a <= cm.start < z for a, z in taken):
                continue
            generic.append(Channel(cm.surface.strip(), b.span(s + cm.start, s + cm.end), None, cm.concept))
    specific_types = {c.channel_type for c in channels}
    seen_types: set[str | None] = set()
    for c in generic:
        if c.channel_type in specific_types or c.channel_type in seen_types:
            continue
        seen_types.add(c.channel_type)
        channels.append(c)
    channels.sort(key=lambda c: c.passage.start)
    return channels


def _situation(st: _State) -> SituationPicture | None:
    sources_text = " ".join(b.text for b in [*st.intro_blocks, *st.situation_blocks])
    knowledge = st.lexicon.concepts("knowledge-source", sources_text)
    problems = list(st.heading_problems) or []
    if not problems:
        for b in st.situation_blocks:
            if b.kind is BlockKind.heading:
                continue
            for s, e in sentences(b.text):
                sentence = b.text[s:e]
                if sentence.rstrip().endswith(":") or re.search(r"samverka", sentence, re.I):
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


def _choose_priorities(st: _State) -> list[Priority]:
    if st.priorities:
        return st.priorities
    if st.list_priorities:
        st.notes.append("prioriteringar ur en uppräkning / priorities from a list")
        return st.list_priorities
    out: list[Priority] = []
    if st.aim_areas:
        for concept, passage in st.aim_areas:
            if all(concept not in p.areas for p in out):
                out.append(Priority(_cap(st.lexicon.label(concept)), passage, [concept]))
        st.notes.append(
            "prioriteringar härledda ur löftets syfte; granska dem / priorities inferred from the "
            "promise's aim; review them"
        )
        return out
    for b in [*st.intro_blocks, *st.situation_blocks]:
        for s, e in sentences(b.text):
            sentence = b.text[s:e]
            if not _PROBLEM_CUE.search(sentence):
                continue
            for concept in st.lexicon.concepts("priority-area", sentence):
                if all(concept not in p.areas for p in out):
                    out.append(Priority(_cap(st.lexicon.label(concept)), b.span(s, e), [concept]))
    if out:
        st.notes.append(
            "prioriteringar härledda ur problembeskrivningen; granska dem / priorities inferred "
            "from the problems described; review them"
        )
        return out
    for a in st.activities:
        for concept in st.lexicon.concepts("priority-area", a.description):
            if all(concept not in p.areas for p in out):
                out.append(Priority(_cap(st.lexicon.label(concept)), a.passage, [concept]))
    if out:
        st.notes.append(
            "prioriteringar härledda ur aktiviteterna; granska dem / priorities inferred from the "
            "activities; review them"
        )
    return out


def _link_priorities(st: _State, priorities: list[Priority]) -> None:
    if priorities is st.priorities:
        for a in st.activities:
            if a.priority is None:
                a.priority = _by_area(st, priorities, a.description)
        return
    for a in st.activities:
        a.priority = _by_area(st, priorities, a.description)


def _by_area(st: _State, priorities: list[Priority], text: str) -> int | None:
    for concept in st.lexicon.concepts("priority-area", text):
        for i, p in enumerate(priorities):
            if concept in p.areas:
                return i
    return None


def _description(st: _State) -> str | None:
    for b in st.intro_blocks:
        if b.kind is BlockKind.prose and len(b.text) > 60:
            return b.text
    return None
